"""Video Generator's state handlers as the owner's tab and as a hostile client call them: the
models offered (those outside the plan or without a key shown off with their reason), the form
offering only what the chosen model can make, the price itemised and redrawn with every option,
pictures from an avatar or an upload, an improved prompt accepted (and charged) only when the
user says so, a video made against the fake provider and followed live, then shown in the
gallery, its settings put back in the form and deleted; another user's ids and odd argument
shapes change nothing and crash nothing; a signed-out tab is sent to sign in."""

from __future__ import annotations

import asyncio
import inspect

from lumiku.db import session_scope
from lumiku.models import Generation
from lumiku.services import auth, billing, generations, subscriptions
from lumiku.services.video_generator import videos
from lumiku.settings import get_settings
from lumiku.state.video_generator import (
    SUBSTATES,
    AvatarsState,
    ChosenImage,
    FormState,
    GalleryState,
    ImproveState,
    MakingState,
    PageState,
    StartUploadState,
)
from lumiku.state.video_generator.common import stage_text
from tests.factories import (
    call,
    fund,
    make_avatar,
    make_image,
    redirect_target,
    run_all_items,
    signed_in,
    states,
    visit,
)

ROUTE = "/apps/video-generator"
WAN, VEO2 = "video-generator:wan2.2", "video-generator:veo2"
KLING, VEO3 = "video-generator:kling-2.5", "video-generator:veo3"
PROMPT = "An orange cat jumps onto a window sill at sunset"
BALANCE = 10_000
ODD = [None, 7, -1, True, "", "x" * 5000, {"name": "x"}, ["a"], 1.5, "²", 10**30, [0.5], "4k"]
BACKGROUND = ("upload", "improve_prompt")  # run by Reflex in a background task


def opened(get) -> FormState:
    page = get(PageState)
    visit(page, ROUTE)
    assert call(page, "load_page") is None
    return get(FormState)


def refresh(state, user_id: int, fields: dict) -> None:
    """What lumiku.state.live does for the tab when an event of the user's arrives."""
    asyncio.run(state._refresh(user_id, fields))


def finish(user_id: int, generation_id: str) -> str:
    """Runs the video's item as workers would, check-back after check-back, until it ends."""
    for _ in range(15):
        run_all_items(generation_id)
        status = generations.get(user_id, generation_id).status
        if status not in generations.ACTIVE:
            return status
    raise AssertionError("the video never finished")


def lines(form: FormState) -> list[tuple[str, str]]:
    return [(line.label, line.credits) for line in form.est_lines]


# ------------------------------------------------------------------ the owner's tab


def test_the_owner_prices_makes_follows_reuses_and_deletes_a_video(app, hf, tmp_path):
    signed, _, get = signed_in(3)
    auth.change_language(signed.user, "en")
    user_id = fund(signed.user.id, BALANCE)
    avatar_id = make_avatar(user_id, tmp_path)
    form = opened(get)

    assert [(m.value, m.disabled) for m in form.models] == [
        (WAN, False),
        (VEO2, False),
        (KLING, False),
        (VEO3, False),
    ]
    assert form.models[0].label == "Wan 2.2 T2V (Free) · from 350 credits"
    assert form.model_key == WAN and form.model_note == "Free · usually about 90 seconds"
    assert (form.resolutions, form.durations, form.aspects) == (
        ["720p"],
        ["3", "4", "5", "6"],
        ["16:9", "9:16", "1:1"],
    )
    assert (form.resolution, form.duration, form.aspect) == ("720p", 5, "16:9")
    assert form.start_ok and form.end_ok and not form.audio_ok
    # nothing written yet: the price is shown, the button waits for words
    assert form.est_price == "350 credits" and lines(form) == [("Model price", "350")]
    assert not form.est_ready and form.form_error == "Write at least 3 characters."
    assert get(GalleryState).loaded and get(GalleryState).cards == []
    assert get(MakingState).rows == []

    call(form, "set_prompt", PROMPT)
    assert form.est_ready and form.form_error == "" and form.prompt_count == len(PROMPT)
    call(form, "set_duration", "6")
    assert form.est_price == "525 credits" and ("Longer video", "175") in lines(form)

    call(form, "set_model", KLING)  # 6 s is not one of Kling's: its default instead
    assert (form.resolutions, form.durations) == (["720p", "1080p"], ["5", "10"])
    assert form.duration == 5 and not form.end_ok and form.est_price == "500 credits"
    call(form, "set_resolution", "1080p")
    call(form, "set_duration", "10")
    assert form.est_price == "900 credits"
    assert lines(form) == [
        ("Model price", "500"),
        ("Higher resolution", "150"),
        ("Longer video", "250"),
    ]
    for handler, odd in (
        ("set_resolution", "4k"),
        ("set_duration", "7"),
        ("set_duration", 10),
        ("set_aspect", "4:5"),
        ("set_audio", True),
        ("set_model", "video-mixer:ffmpeg-standard"),
        ("set_model", "video-generator:prompt-writer"),
    ):
        call(form, handler, odd)
    assert (form.model_key, form.resolution, form.duration, form.aspect, form.audio) == (
        KLING,
        "1080p",
        10,
        "16:9",
        False,
    )

    call(form, "set_model", VEO3)
    assert form.audio_ok and form.duration == 8  # Veo 3's default
    call(form, "set_audio", True)
    assert ("Sound", "10") in lines(form) and form.est_price == "3,260 credits"
    call(form, "set_model", WAN)  # no sound, no 1080p, no 8 s there
    assert (form.audio, form.resolution, form.duration) == (False, "720p", 5)
    assert form.est_price == "350 credits"

    # a start picture from an avatar, an end picture uploaded
    picker = get(AvatarsState)
    call(picker, "open_avatars", "middle")
    assert picker.picking == ""
    call(picker, "open_avatars", "start")
    assert picker.picking == "start" and [a.id for a in picker.avatars] == [avatar_id]
    call(picker, "pick_avatar", "someone-elses")
    assert picker.picking == "" and form.start_image.kind == ""
    call(picker, "open_avatars", "start")
    call(picker, "pick_avatar", avatar_id)
    assert (form.start_image.kind, form.start_image.id, form.start_image.name) == (
        "avatar",
        avatar_id,
        "Sari",
    )
    assert form.est_price == "420 credits" and ("Start/end image", "70") in lines(form)
    picture = make_image(tmp_path / "sunset.png", (640, 360), "orange")
    file_id = videos.upload_image(user_id, picture, "sunset.png")
    asyncio.run(form._set_image(user_id, "end", ChosenImage("file", file_id, "sunset.png", "")))
    assert form.est_price == "490 credits"
    call(form, "clear_image", "start")
    assert not form.est_ready and form.form_error == (
        "An end image can only be used together with a start image."
    )
    call(form, "clear_image", "both")
    call(picker, "open_avatars", "start")
    call(picker, "pick_avatar", avatar_id)
    assert form.est_ready and form.est_price == "490 credits"

    # improving: off here (no key for the writer), and an answer counts only once accepted
    improve = get(ImproveState)
    assert improve.improve_off
    improve.suggestion = "A ginger cat leaps onto a sunlit window sill, slow push-in, golden hour"
    call(improve, "reject_suggestion")
    assert improve.suggestion == "" and form.improved_prompt == ""
    assert form.est_price == "490 credits"
    improve.suggestion = "A ginger cat leaps onto a sunlit window sill, slow push-in, golden hour"
    call(improve, "accept_suggestion")
    assert form.improved_prompt.startswith("A ginger cat") and improve.suggestion == ""
    assert ("AI-improved description", "5") in lines(form) and form.est_price == "495 credits"
    call(form, "set_prompt", PROMPT + "!")  # new words: the improvement was of the old ones
    assert form.improved_prompt == "" and form.est_price == "490 credits" and form.notice
    call(form, "set_prompt", PROMPT)
    call(form, "set_negative_prompt", "text, blur")
    assert form.negative_count == len("text, blur")

    call(form, "generate")  # not asked first: nothing happens
    assert generations.list_for(user_id).total == 0
    call(form, "ask_generate")
    assert form.confirming and form.est_available == "10,000 credits" and form.est_affordable
    call(form, "generate")
    started = form.started_generation
    assert started and not form.confirming and form.notice
    assert billing.balance(user_id) == BALANCE - 490
    making = get(MakingState)
    assert [r.id for r in making.rows] == [started] and making.rows[0].title == PROMPT

    # the provider's progress moves the row; another generation's changes nothing
    refresh(making, user_id, {"generation": "someone-else", "progress": "80"})
    refresh(making, user_id, {"generation": started, "item": "0", "progress": "40", "stage": "x"})
    assert (making.rows[0].progress, making.rows[0].stage) == (40, "")
    refresh(making, user_id, {"generation": started, "progress": "45", "stage": "in_queue"})
    assert (making.rows[0].progress, making.rows[0].stage) == (45, "In the provider's queue")
    hf.video_steps = 1
    assert finish(user_id, started) == "succeeded"
    refresh(making, user_id, {"generation": started, "item": "0"})
    assert making.rows == []

    gallery = get(GalleryState)
    refresh(gallery, user_id, {"generation": started, "progress": "99"})
    assert gallery.cards == []  # a progress tick changes nothing here
    refresh(gallery, user_id, {"generation": started, "item": "0"})
    (card,) = gallery.cards
    assert card.video_url.startswith("/api/files/") and card.poster_url.startswith("/api/files/")
    assert card.download_url not in (card.video_url, "")
    assert (card.prompt, card.model_name, card.price) == (
        PROMPT,
        "Wan 2.2 T2V (Free)",
        "490 credits",
    )
    assert card.settings == "720p · 5 s · 16:9 · start picture · end picture"
    assert card.run_time.endswith(" s") or "×" in card.run_time

    call(form, "set_model", KLING)
    call(form, "set_prompt", "something else entirely")
    call(gallery, "reuse_settings", "someone-elses")
    assert form.model_key == KLING
    call(gallery, "reuse_settings", card.id)
    assert (form.model_key, form.prompt, form.negative_prompt) == (WAN, PROMPT, "text, blur")
    assert (form.start_image.kind, form.end_image.kind) == ("avatar", "file")
    assert form.end_image.id == file_id and form.end_image.preview_url.startswith("/api/files/")
    assert form.improved_prompt == "" and form.est_price == "490 credits"
    assert gallery.notice.startswith("That video's settings are back")

    call(gallery, "ask_delete_video", "someone-elses")
    assert gallery.confirm_delete == ""
    call(gallery, "ask_delete_video", card.id)
    call(gallery, "keep_video")
    call(gallery, "delete_video")  # nothing asked any more: nothing deleted
    assert len(gallery.cards) == 1
    call(gallery, "ask_delete_video", card.id)
    call(gallery, "delete_video")
    assert gallery.cards == [] and gallery.total == 0 and gallery.notice == "Video deleted."
    assert videos.gallery(user_id).total == 0


def test_models_outside_the_plan_are_shown_as_such(app, tmp_path):
    signed, _, get = signed_in(4)
    auth.change_language(signed.user, "en")
    subscriptions.set_plan(signed.user.id, "basic-monthly", "test")
    form = opened(get)
    shown = {m.value: m for m in form.models}
    assert not shown[WAN].disabled and not shown[VEO2].disabled
    assert shown[KLING].disabled and "Pro" in shown[KLING].reason
    assert shown[VEO3].disabled and "Enterprise" in shown[VEO3].label
    call(form, "set_model", KLING)
    assert form.model_key == WAN
    call(form, "set_prompt", PROMPT)
    assert form.est_ready and form.est_price == "1 quota"


def test_without_a_key_every_model_is_off_with_its_reason(app, monkeypatch):
    signed, _, get = signed_in(5)
    auth.change_language(signed.user, "en")
    fund(signed.user.id, BALANCE)
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.delenv("HF_INFERENCE_URL")
    get_settings.cache_clear()
    form = opened(get)
    assert form.models and all(m.disabled and "Hugging Face" in m.label for m in form.models)
    call(form, "set_prompt", PROMPT)
    assert not form.est_ready and "Hugging Face" in form.form_error
    call(form, "ask_generate")
    assert not form.confirming


def test_what_the_provider_is_doing_in_words():
    assert stage_text("in_queue:3", "en") == "In the provider's queue: position 3"
    assert stage_text("queue:12", "id") == "Antrean penyedia: urutan ke-12"
    assert stage_text("generating", "en") == "The model is making it"
    assert stage_text("downloading", "en") == "Fetching and checking the video"
    assert stage_text("<script>", "en") == stage_text("pose_generator_x", "en") == ""


# ------------------------------------------------------------------ a hostile client


def test_another_users_ids_and_odd_arguments_change_nothing(app, hf, tmp_path, caplog):
    victim, _, _ = signed_in(1)
    owner = fund(victim.user.id, BALANCE)
    avatar_id = make_avatar(owner, tmp_path)
    file_id = videos.upload_image(owner, make_image(tmp_path / "v.png", (320, 180)), "v.png")
    raw = {
        "model_key": WAN,
        "prompt": PROMPT,
        "duration": 5,
        "start_image": {"avatar_id": avatar_id},
        "end_image": {"file_id": file_id},
    }
    hf.video_steps = 1
    assert finish(owner, videos.generate(owner, raw, "vg-victim")) == "succeeded"
    (made,) = videos.gallery(owner).rows
    before = (videos.gallery(owner).rows, billing.balance(owner))

    attacker, _, get = signed_in(2)
    attacker_id = fund(attacker.user.id, BALANCE)
    opened(get)
    form, gallery, picker = get(FormState), get(GalleryState), get(AvatarsState)
    handlers = [(get(cls), name, h) for cls in SUBSTATES for name, h in cls.event_handlers.items()]
    assert len(handlers) > 20
    victims = ChosenImage("avatar", avatar_id, "x", ""), ChosenImage("file", file_id, "x", "")
    for state, name, handler in handlers:
        if name == "setvar" or name in BACKGROUND:
            continue
        arity = len(inspect.signature(handler.fn).parameters) - 1
        for args in (
            [made.id][:arity],
            [avatar_id][:arity],
            [file_id][:arity],
            [made.generation_id][:arity],
            *([odd] * arity for odd in ODD),
        ):
            # what a forged tab could hold at worst: the victim's pictures and video
            form.start_image, form.end_image = victims
            form.prompt, form.confirming, form._generate_key = PROMPT, True, "k"
            gallery.confirm_delete, picker.picking = made.id, "start"
            picker.avatars = []
            call(state, name, *args)
    crashes = [r for r in caplog.records if r.name == "lumiku.state"]
    assert not crashes, [r.exc_info[1] for r in crashes if r.exc_info]  # refused, never crashed
    assert (videos.gallery(owner).rows, billing.balance(owner)) == before
    assert generations.list_for(attacker_id).total == 0
    assert billing.balance(attacker_id) == BALANCE
    assert gallery.cards == [] and get(MakingState).rows == []
    with session_scope() as db:
        assert db.get(Generation, made.generation_id).user_id == owner


def test_signed_out_callers_are_sent_to_sign_in(db, rds):
    _, get = states()
    for cls, name, args in (
        (PageState, "load_page", ()),
        (FormState, "set_model", (WAN,)),
        (FormState, "set_prompt", (PROMPT,)),
        (FormState, "ask_generate", ()),
        (FormState, "generate", ()),
        (FormState, "clear_image", ("start",)),
        (ImproveState, "accept_suggestion", ()),
        (AvatarsState, "open_avatars", ("start",)),
        (AvatarsState, "pick_avatar", ("a1",)),
        (GalleryState, "reuse_settings", ("v1",)),
        (GalleryState, "delete_video", ()),
        (MakingState, "reload", ()),
    ):
        assert "reason=required" in redirect_target(call(get(cls), name, *args)), name
    assert call(get(StartUploadState), "upload", []) is None  # without files: nothing


def test_the_page_follows_the_users_work_only_on_the_apps_page():
    from lumiku.state import live
    from lumiku.state.work import WorkState

    _, get = states()
    gallery = get(GalleryState)
    root = gallery.parent_state
    while root.parent_state is not None:
        root = root.parent_state
    assert {GalleryState, MakingState} <= set(live._refreshers()["generation"])
    visit(gallery, ROUTE)
    assert live._shown(root, GalleryState) and live._shown(root, MakingState)
    visit(gallery, "/my-work")
    assert not live._shown(root, GalleryState) and live._shown(root, WorkState)


def test_my_work_shows_every_app_again_after_this_page(app):
    """The page shows its own work in the shared work list; My work then shows everything."""
    from lumiku.state.work import WorkState

    _, _, get = signed_in(5)
    opened(get)
    work = get(WorkState)
    assert (work.app_filter, work.project_filter) == ("video-generator", "")
    visit(work, "/work")
    assert call(work, "load") is None
    assert work.app_filter == "all"
