from lumiku import plugins


def test_the_eight_apps_of_the_seed():
    assert [a.name for a in plugins.dashboard_apps()] == [
        "Avatar Creator",
        "Avatar Generator",
        "Pose Generator",
        "Video Generator",
        "Video Mixer",
        "Poster Editor",
        "Carousel Mix",
        "Looping Flow",
    ]


def test_one_name_in_every_layer():
    mixer = plugins.get("video-mixer")
    assert mixer.module == "video_mixer" and mixer.route == "/apps/video-mixer"


def test_roles_filter_the_dashboard():
    assert plugins.dashboard_apps("stranger") == []


def test_duplicate_ids_are_refused():
    import pytest

    app = plugins.APPS[0]
    with pytest.raises(ValueError, match="duplicate"):
        plugins._check_unique((app, app))
