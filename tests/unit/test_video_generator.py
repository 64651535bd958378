"""Video Generator's rules: the original's price for every combination of its modifiers (with
its falsy-500 bug fixed), the choices a model offers and the refusals, by name, of the ones it
does not, the frame sizes, the progress guess, and the prompt writer's reply cleaned."""

from __future__ import annotations

import io
import itertools

import pytest
from PIL import Image

from lumiku.models import AIModel
from lumiku.services import seed
from lumiku.services.errors import ServiceError
from lumiku.services.video_generator import prompts, rules

EVERYTHING = {
    "resolutions": ["720p", "1080p", "4k"],
    "durations": list(range(1, 21)),
    "defaultDuration": 5,
    "aspectRatios": ["16:9", "9:16", "1:1", "4:5"],
    "supportsStartImage": True,
    "supportsEndImage": True,
    "supportsAudio": True,
}


def model(credit_cost: int = 350, quota_cost: int = 1, **capabilities) -> AIModel:
    return AIModel(
        key="video-generator:test",
        app_id="video-generator",
        name="Test",
        provider="huggingface",
        tier="free",
        credit_cost=credit_cost,
        quota_cost=quota_cost,
        capabilities={**EVERYTHING, **capabilities},
    )


def seeded(key: str) -> AIModel:
    row = next(r for r in seed.MODELS if r["key"] == key)
    return AIModel(**row)


IMAGES = {
    "none": (False, False),
    "start": (True, False),
    "end": (False, True),
    "both": (True, True),
}
RESOLUTION_PERCENT = {"720p": 0, "1080p": 30, "4k": 100}
IMAGE_PERCENT = {"none": 0, "start": 20, "end": 30, "both": 40}
# seconds -> started 5 s steps above the default of 5
DURATION_STEPS = {5: 0, 6: 1, 10: 1, 11: 2, 15: 2, 16: 3, 20: 3}


def half_up(value: float) -> int:
    return int(value + 0.5)


@pytest.mark.parametrize("base", [350, 333, 0])
@pytest.mark.parametrize(
    ("resolution", "duration", "images", "audio", "enhanced"),
    list(
        itertools.product(RESOLUTION_PERCENT, DURATION_STEPS, IMAGES, (False, True), (False, True))
    ),
)
def test_the_originals_price_for_every_combination(
    base, resolution, duration, images, audio, enhanced
):
    start, end = IMAGES[images]
    expected = (
        base
        + half_up(base * RESOLUTION_PERCENT[resolution] / 100)
        + half_up(base * 0.5 * DURATION_STEPS[duration])
        + half_up(base * IMAGE_PERCENT[images] / 100)
        + (10 if audio else 0)
        + (5 if enhanced else 0)
    )
    params = {
        "resolution": resolution,
        "duration": duration,
        "aspect": "16:9",
        "start_image": start,
        "end_image": end,
        "audio": audio,
        "enhanced": enhanced,
    }
    choice = rules.parse(params)
    lines = rules.parts(base, rules.Modifiers(), choice, 5)
    assert sum(credits for _key, credits in lines) == expected
    assert lines[0] == ("video_generator_price_base", base)
    assert all(credits > 0 for _key, credits in lines[1:])  # a line for each that applies
    if images == "end":  # an end image alone is impossible: refused, never priced
        with pytest.raises(ServiceError) as refused:
            rules.price_rule(model(base), params, 1)
        assert refused.value.code == "video_generator_end_needs_start"
        return
    price = rules.price_rule(model(base), params, 1)
    assert price.credits == expected
    assert price.quota == 1
    assert rules.breakdown(model(base), params) == lines


def test_a_free_model_costs_nothing_not_the_originals_500():
    free = model(0)
    assert rules.price_rule(free, {"resolution": "4k", "duration": 10}, 1).credits == 0
    assert rules.price_rule(free, {"audio": True, "enhanced": True}, 1).credits == 15


def test_rounding_is_half_up_like_the_original():
    # 333 * 30 % = 99.9 -> 100; 333 * 50 % = 166.5 -> 167 (Math.round), not 166 (banker's)
    assert rules.share(333, 30) == 100
    assert rules.share(333, 50) == 167
    assert rules.credits(model(333), {"duration": 6}) == 333 + 167


def test_quantity_and_quota():
    price = rules.price_rule(model(350, quota_cost=3), {"resolution": "1080p"}, 2)
    assert (price.credits, price.quota) == (2 * 455, 6)


def test_the_modifiers_come_from_the_registry_row():
    row = model(
        200,
        modifiers={
            "resolution1080p": 50,
            "durationPer5Seconds": 100,
            "bothImages": 10,
            "enhancedPrompt": 0,
            "audioGeneration": 25,
            "startImage": "lots",  # not a number: the default stays
            "unknown": 7,
        },
    )
    params = {
        "resolution": "1080p",
        "duration": 7,
        "start_image": True,
        "end_image": True,
        "audio": True,
        "enhanced": True,
    }
    assert rules.breakdown(row, params) == [
        ("video_generator_price_base", 200),
        ("video_generator_price_resolution", 100),
        ("video_generator_price_duration", 200),
        ("video_generator_price_images", 20),
        ("video_generator_price_audio", 25),
    ]
    assert rules.breakdown(row, {"start_image": True})[1] == ("video_generator_price_images", 40)


def test_the_duration_extra_counts_from_the_models_own_default():
    veo3 = seeded("video-generator:veo3")  # default 8 s
    assert rules.credits(veo3, {"duration": 8}) == 2500
    assert rules.credits(veo3, {"duration": 4}) == 2500  # shorter is not cheaper
    kling = seeded("video-generator:kling-2.5")  # default 5 s
    assert rules.credits(kling, {"duration": 10}) == 750


@pytest.mark.parametrize(
    ("key", "credits"),
    [
        ("video-generator:wan2.2", 350),
        ("video-generator:veo2", 2200),
        ("video-generator:kling-2.5", 500),
        ("video-generator:veo3", 2500),
    ],
)
def test_the_seeded_rows_carry_the_originals_production_credits(key, credits):
    row = seeded(key)
    caps = rules.capabilities(row)
    params = {"duration": caps.default_duration, "aspect": caps.aspects[0]}
    assert rules.price_rule(row, params, 1).credits == credits
    assert row.capability == "text-to-video" and row.provider == "huggingface"
    assert row.provider_model.startswith("fal-ai/")
    assert caps.typical_seconds < caps.max_wait_seconds


def test_the_seeded_rows_offer_what_the_form_needs():
    wan = rules.capabilities(seeded("video-generator:wan2.2"))
    assert wan.resolutions == ["720p"]
    assert wan.durations == [3, 4, 5, 6] and wan.default_duration == 5
    assert wan.start_image and wan.end_image and not wan.audio
    assert wan.image_model == "fal-ai/wan/v2.2-a14b/image-to-video"
    assert rules.capabilities(seeded("video-generator:veo3")).audio
    writer = seeded("video-generator:prompt-writer")
    assert (writer.provider, writer.capability, writer.credit_cost) == ("anthropic", "text", 0)


def test_capabilities_have_safe_defaults_and_drop_what_is_unknown():
    bare = AIModel(key="video-generator:x", app_id="video-generator", name="X", credit_cost=1)
    caps = rules.capabilities(bare)
    assert caps.resolutions == ["720p"] and caps.aspects == ["16:9", "9:16"]
    assert caps.durations == [1, 2, 3, 4, 5] and caps.default_duration == 5
    assert not (caps.start_image or caps.end_image or caps.audio)
    assert caps.max_wait_seconds >= rules.MIN_WAIT_SECONDS
    odd = model(
        resolutions=["8k", "1080p"],
        aspectRatios=["21:9"],
        durations=[10, "x", 0, 5],
        defaultDuration=7,
        maxWaitSeconds=90,
        typicalSeconds=30,
    )
    caps = rules.capabilities(odd)
    assert caps.resolutions == ["1080p"] and caps.aspects == ["16:9"]
    assert caps.durations == [5, 10] and caps.default_duration == 5  # the nearest offered
    assert (caps.typical_seconds, caps.max_wait_seconds) == (30, 90)
    # the original's old rows (maxDuration only) still make a form
    assert rules.capabilities(model(durations=None, maxDuration=6)).durations == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("params", "code", "name"),
    [
        ({"resolution": "8k"}, "parameter_invalid", "resolution"),
        ({"resolution": ["720p"]}, "parameter_invalid", "resolution"),
        ({"aspect": "21:9"}, "parameter_invalid", "aspect"),
        ({"duration": 0}, "parameter_out_of_range", "duration"),
        ({"duration": 61}, "parameter_out_of_range", "duration"),
        ({"duration": 5.5}, "parameter_out_of_range", "duration"),
        ({"duration": True}, "parameter_out_of_range", "duration"),
        ({"duration": "5"}, "parameter_out_of_range", "duration"),
        ({"audio": "yes"}, "parameter_invalid", "audio"),
        ({"start_image": 1}, "parameter_invalid", "start_image"),
        ({"end_image": None}, "parameter_invalid", "end_image"),
        ({"enhanced": "true"}, "parameter_invalid", "enhanced"),
    ],
)
def test_malformed_choices_are_refused_by_name(params, code, name):
    with pytest.raises(ServiceError) as refused:
        rules.check(params, model())
    assert (refused.value.code, refused.value.params["name"]) == (code, name)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"resolution": "1080p"}, "resolution"),
        ({"aspect": "4:5"}, "aspect"),
        ({"duration": 9}, "duration"),
        ({"start_image": True}, "start_image"),
        ({"start_image": True, "end_image": True}, "end_image"),
        ({"audio": True}, "audio"),
    ],
)
def test_choices_the_model_cannot_make_are_refused_by_name(params, name):
    veo2 = seeded("video-generator:veo2")  # 720p, 5-8 s, 16:9 and 9:16, start image, no sound
    veo2.capabilities = {**veo2.capabilities, "supportsStartImage": name != "start_image"}
    with pytest.raises(ServiceError) as refused:
        rules.check({"duration": 5, **params} if name != "duration" else params, veo2)
    assert refused.value.params["name"] == name
    if name == "duration":
        assert refused.value.params == {"name": "duration", "low": 5, "high": 8}
    else:
        assert refused.value.code == "video_generator_not_supported"


def test_a_price_is_never_made_for_a_choice_the_model_cannot_make():
    with pytest.raises(ServiceError):
        rules.price_rule(seeded("video-generator:wan2.2"), {"resolution": "4k"}, 1)
    with pytest.raises(ServiceError):
        rules.price_rule(model(), "not a dict", 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("resolution", "aspect", "size"),
    [
        ("720p", "16:9", (1280, 720)),
        ("720p", "9:16", (720, 1280)),
        ("720p", "1:1", (720, 720)),
        ("720p", "4:5", (576, 720)),
        ("1080p", "16:9", (1920, 1080)),
        ("1080p", "9:16", (1080, 1920)),
        ("1080p", "1:1", (1080, 1080)),
        ("1080p", "4:5", (864, 1080)),
        ("4k", "16:9", (3840, 2160)),
        ("4k", "9:16", (2160, 3840)),
        ("4k", "1:1", (2160, 2160)),
        ("4k", "4:5", (1728, 2160)),
    ],
)
def test_the_frame_follows_the_resolution_and_aspect_in_multiples_of_16(resolution, aspect, size):
    width, height = rules.size(resolution, aspect)
    assert (width, height) == size
    named = rules.RESOLUTIONS[resolution]
    assert named in (width, height)  # no 480 px cap, and never above the named side
    assert all(n % 16 == 0 or n == 1080 for n in (width, height))


def test_texts_are_cleaned_and_bounded():
    assert rules.clean_text("  a   cat \n\n  runs  ", "video_prompt", 3, 2000) == "a cat\n\nruns"
    assert rules.clean_text(None, "negative_prompt", 0, 1000) == ""
    for value, low, high in (("ab", 3, 2000), ("x" * 2001, 3, 2000), ("x" * 1001, 0, 1000)):
        with pytest.raises(ServiceError) as refused:
            rules.clean_text(value, "video_prompt", low, high)
        assert refused.value.params == {"name": "video_prompt", "low": low, "high": high}
    with pytest.raises(ServiceError) as refused:
        rules.clean_text(["a cat"], "video_prompt", 3, 2000)
    assert refused.value.code == "parameter_invalid"


def test_progress_is_the_providers_or_a_guess_that_never_reaches_95():
    assert rules.progress(10, 100, 42.0) == 42.0
    assert rules.progress(10, 100, 250.0) == 95.0
    guesses = [rules.progress(t, 100, None) for t in (0, 10, 50, 100, 200, 1000, 10**6)]
    assert guesses == sorted(guesses)
    assert 5 <= guesses[0] < 10 and 60 < guesses[3] < 90 and guesses[-1] < 95


def test_the_prompt_writers_reply_becomes_a_prompt():
    system, message = prompts.request("kucing oranye main di taman", "id")
    assert "plain Indonesian" in system and "in Indonesian." in message
    assert "kucing oranye" in message and "English" not in system
    assert "plain English" in prompts.request("an orange cat", "en")[0]
    assert prompts.clean_reply('Prompt: "A **ginger** cat  plays\nin a park."') == (
        "A ginger cat plays in a park."
    )
    long = prompts.clean_reply("word " * 1000)
    assert len(long) <= rules.PROMPT_MAX and long.endswith("word")
    with pytest.raises(ServiceError) as refused:
        prompts.clean_reply('  "" ')
    assert refused.value.code == "ai_bad_reply"


def test_start_and_end_pictures_are_cropped_to_the_frame():
    from jobs.video_generator import frame_picture

    photo = io.BytesIO()
    Image.new("RGB", (4000, 1000), "teal").save(photo, "PNG")
    framed = Image.open(io.BytesIO(frame_picture(photo.getvalue(), 576, 720)))
    assert (framed.format, framed.size) == ("JPEG", (576, 720))
