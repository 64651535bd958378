"""The admin's AI model registry: who serves each model (provider, its model id or endpoint,
parameters, a fallback), why a model is off, and a connection test against the local fake
providers. Only admins change or test anything, through the services and through the page's
state handlers alike."""

from __future__ import annotations

import dataclasses
import inspect
import json

import pytest

from lumiku.db import session_scope
from lumiku.models import AIModel
from lumiku.services import ai_models, auth, seed, users
from lumiku.services.errors import Forbidden, NotFound, ServiceError
from lumiku.settings import get_settings
from lumiku.state.admin import NO_FALLBACK, AdminModelsState
from tests.factories import admin, call, redirect_target, register, signed_in
from tests.fake_anthropic import FakeAnthropic
from tests.fake_hf import FakeHF

pytestmark = pytest.mark.usefixtures("db", "rds")

FLUX = "avatar-creator:flux-dev-standard"  # Hugging Face, text-to-image
SCHNELL = "avatar-creator:flux-schnell-fast"  # Hugging Face, text-to-image
PERSONA = "avatar-creator:claude-persona"  # Anthropic, text
FACE = "avatar-generator:face-likeness"  # Hugging Face, face-embedding: off, no model named
FFMPEG = "video-mixer:ffmpeg-standard"  # run by the platform itself: no capability
PROVIDER_ENV = ("HF_TOKEN", "HF_INFERENCE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL")
ODD = [None, 7, -1, True, "", "x" * 5000, {"key": FLUX}, [FLUX], 1.5, 10**30, "{", "none"]


@pytest.fixture
def configure():
    """Sets the providers' settings (every one not named is empty) for the rest of the test;
    none is set to begin with, whatever the machine's environment says."""
    with pytest.MonkeyPatch.context() as patch:

        def configure(**values: str) -> None:
            for name in PROVIDER_ENV:
                patch.setenv(name, values.get(name, ""))
            get_settings.cache_clear()

        configure()
        yield configure
    get_settings.cache_clear()


@pytest.fixture
def hf(configure):
    """A fake Hugging Face server, configured as the server's inference URL with its token."""
    fake = FakeHF().start()
    configure(HF_TOKEN=fake.token, HF_INFERENCE_URL=fake.url)
    yield fake
    fake.stop()


@pytest.fixture
def claude(configure):
    fake = FakeAnthropic().start()
    configure(ANTHROPIC_API_KEY=fake.api_key, ANTHROPIC_BASE_URL=fake.url)
    yield fake
    fake.stop()


def view(key: str) -> ai_models.ModelView:
    return next(m for m in ai_models.list_all() if m.key == key)


def seeded(key: str) -> dict:
    return next(m for m in seed.MODELS if m["key"] == key)


def reason(key: str) -> str:
    with session_scope() as db:
        return ai_models.unavailable_reason(db.get(AIModel, key))


def normal_user(n: int = 2) -> auth.CurrentUser:
    return auth.resolve(register(n).token)


def refused(code: str, fn, *args, **kwargs) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        fn(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


# ------------------------------------------------------------------ editing who serves a model


def test_an_admin_names_who_serves_a_model():
    seed.run_all()
    boss = admin(1)
    before = view(FLUX)
    users.update_model(
        boss,
        FLUX,
        provider="huggingface",
        provider_model="  https://gpu.example.com/flux  ",
        parameters='{"num_inference_steps": 20, "lora": null, "sizes": [512, 768]}',
        fallback_key=SCHNELL,
    )
    after = view(FLUX)
    assert after.provider_model == "https://gpu.example.com/flux"  # trimmed
    assert after.parameters == {"num_inference_steps": 20, "lora": None, "sizes": [512, 768]}
    assert after.fallback_key == SCHNELL
    unchanged = ("credit_cost", "quota_cost", "enabled", "capability", "tier", "name")
    assert all(getattr(after, f) == getattr(before, f) for f in unchanged)

    users.update_model(boss, FLUX, fallback_key="", parameters="{}")
    assert (view(FLUX).fallback_key, view(FLUX).parameters) == ("", {})
    users.update_model(boss, PERSONA, provider="local", provider_model="")
    assert (view(PERSONA).provider, view(PERSONA).provider_model) == ("local", "")
    users.update_model(boss, FLUX, provider_model="black-forest-labs/FLUX.1-dev")
    assert view(FLUX).provider_model == "black-forest-labs/FLUX.1-dev"


@pytest.mark.parametrize(
    ("change", "code", "name"),
    [
        ({"provider": "openai"}, "parameter_invalid", "provider"),
        ({"provider": 7}, "parameter_invalid", "provider"),
        ({"provider": ""}, "parameter_invalid", "provider"),
        ({"provider_model": "black forest/FLUX.1-dev"}, "parameter_invalid", "provider_model"),
        ({"provider_model": "org/model\n"}, None, None),  # trimmed: accepted
        ({"provider_model": "a\tb"}, "parameter_invalid", "provider_model"),
        ({"provider_model": "m" * 301}, "parameter_invalid", "provider_model"),
        ({"provider_model": ["org/model"]}, "parameter_invalid", "provider_model"),
        ({"parameters": "steps=30"}, "admin_model_parameters_invalid", None),
        ({"parameters": "[1, 2]"}, "admin_model_parameters_invalid", None),
        ({"parameters": '"steps"'}, "admin_model_parameters_invalid", None),
        ({"parameters": "null"}, "admin_model_parameters_invalid", None),
        ({"parameters": ""}, "admin_model_parameters_invalid", None),
        ({"parameters": {"steps": 30}}, "admin_model_parameters_invalid", None),
        ({"parameters": '{"steps": NaN}'}, "admin_model_parameters_invalid", None),
        ({"parameters": '{"x": "' + "y" * 4000 + '"}'}, "admin_model_parameters_invalid", None),
        ({"fallback_key": PERSONA}, "admin_model_fallback_invalid", None),  # writes text
        ({"fallback_key": FLUX}, "admin_model_fallback_invalid", None),  # itself
        ({"fallback_key": "avatar-creator:nope"}, "admin_model_fallback_invalid", None),
        ({"fallback_key": ["x"]}, "admin_model_fallback_invalid", None),
        # a valid change beside a refused one is not made either
        ({"credit_cost": 9, "fallback_key": PERSONA}, "admin_model_fallback_invalid", None),
        ({"enabled": False, "parameters": "{"}, "admin_model_parameters_invalid", None),
    ],
)
def test_refused_provider_fields_change_nothing(change, code, name):
    seed.run_all()
    boss = admin(1)
    before = view(FLUX)
    if code is None:
        users.update_model(boss, FLUX, **change)
        return
    error = refused(code, users.update_model, boss, FLUX, **change)
    if name:
        assert error.params == {"name": name}
    assert view(FLUX) == before


def test_a_fallback_is_of_the_same_capability_and_only_for_ai_models():
    seed.run_all()
    boss = admin(1)
    users.update_model(boss, SCHNELL, fallback_key=FLUX)
    assert view(SCHNELL).fallback_key == FLUX
    refused("admin_model_fallback_invalid", users.update_model, boss, FFMPEG, fallback_key=FLUX)
    other_ffmpeg = "looping-flow:ffmpeg-loop"
    error = refused(
        "admin_model_fallback_invalid", users.update_model, boss, FFMPEG, fallback_key=other_ffmpeg
    )
    assert error and view(FFMPEG).fallback_key == ""
    with pytest.raises(NotFound):
        users.update_model(boss, "no:such-model", provider="local")


def test_a_normal_user_neither_changes_nor_tests_models(hf):
    seed.run_all()
    normal = normal_user()
    before = ai_models.list_all()
    for actor in (normal, None):
        with pytest.raises(Forbidden):
            users.update_model(actor, FLUX, provider_model="evil/model")
        with pytest.raises(Forbidden):
            users.update_model(actor, FLUX, parameters='{"steps": 1}', fallback_key=SCHNELL)
        with pytest.raises(Forbidden):
            users.update_model(actor, FLUX, enabled=False)
        with pytest.raises(Forbidden):
            users.test_model(actor, FLUX)
    assert ai_models.list_all() == before
    assert hf.requests == []  # not one paid call on a stranger's behalf


# ------------------------------------------------------------------ why a model is off


def test_why_a_model_is_off(configure):
    seed.run_all()
    boss = admin(1)
    assert reason(FLUX) == "ai_key_missing_huggingface"
    assert reason(PERSONA) == "ai_key_missing_anthropic"
    assert reason(FFMPEG) == ""  # run by the platform: no provider needed
    assert reason(FACE) == "model_disabled"
    listed = view(FLUX)
    assert (listed.reason, listed.accessible) == ("ai_key_missing_huggingface", False)

    configure(HF_TOKEN="hf_x")
    assert (reason(FLUX), reason(PERSONA)) == ("", "ai_key_missing_anthropic")
    assert view(FLUX).accessible and view(FLUX).reason == ""
    configure(HF_INFERENCE_URL="http://127.0.0.1:9")  # a self-hosted server: no token needed
    assert reason(FLUX) == ""
    configure(ANTHROPIC_API_KEY="sk-ant-x")
    assert (reason(FLUX), reason(PERSONA)) == ("ai_key_missing_huggingface", "")

    configure(HF_TOKEN="hf_x")
    users.update_model(boss, FACE, enabled=True)
    assert reason(FACE) == "ai_model_not_configured"  # on, but nobody named its model
    users.update_model(boss, FACE, provider="local")
    assert reason(FACE) == ""  # a local algorithm needs no model id
    users.update_model(boss, FLUX, enabled=False)
    assert reason(FLUX) == "model_disabled"

    with session_scope() as db:  # a row from an older release, naming a provider gone since
        db.get(AIModel, SCHNELL).provider = "replicate"
    assert reason(SCHNELL) == "ai_provider_unknown"
    assert view(SCHNELL).reason == "ai_provider_unknown"


# ------------------------------------------------------------------ testing the connection


def test_a_hugging_face_model_answers_the_test(hf):
    seed.run_all()
    boss = admin(1)
    assert users.test_model(boss, FLUX)
    request = hf.last
    assert request.model == seeded(FLUX)["provider_model"]
    assert request.headers["authorization"] == f"Bearer {hf.token}"
    assert request.parameters.get("num_inference_steps") == 1  # the cheapest real call

    users.update_model(boss, FLUX, provider_model=f"{hf.url}/my-endpoint")
    assert users.test_model(boss, FLUX)
    assert hf.last.path == "/my-endpoint"  # an endpoint URL is called as it is


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        ("loading", "ai_busy"),
        ("rate_limit", "ai_busy"),
        ("refusal", "ai_refused"),
        ("garbage", "ai_bad_reply"),
        ("unauthorized", "ai_key_rejected"),
        ("timeout", "ai_timeout"),
    ],
)
def test_a_failed_test_says_why(hf, monkeypatch, failure, code):
    seed.run_all()
    boss = admin(1)
    spec_for = ai_models.spec_for
    monkeypatch.setattr(  # a short wait, so the fake's slow answer is a timeout
        ai_models, "spec_for", lambda model: dataclasses.replace(spec_for(model), timeout=0.5)
    )
    hf.fail_next(failure, retry_after=0)
    refused(code, users.test_model, boss, FLUX)
    assert len(hf.requests) == 1  # a test is one call, never retried
    assert users.test_model(boss, FLUX)  # and the next one answers


def test_what_cannot_be_tested_says_why(configure):
    seed.run_all()
    boss = admin(1)
    refused("ai_key_missing_huggingface", users.test_model, boss, FLUX)
    refused("ai_key_missing_anthropic", users.test_model, boss, PERSONA)
    refused("admin_model_runs_here", users.test_model, boss, FFMPEG)
    with pytest.raises(NotFound):
        users.test_model(boss, "avatar-creator:nope")
    with pytest.raises(NotFound):
        users.test_model(boss, {"key": FLUX})
    configure(HF_TOKEN="hf_x")
    refused("ai_model_not_configured", users.test_model, boss, FACE)  # off, and no model named


def test_a_switched_off_model_can_be_tried_before_it_goes_on(hf):
    seed.run_all()
    boss = admin(1)
    users.update_model(boss, FACE, provider_model="acme/face-embed")
    assert view(FACE).reason == "model_disabled"
    assert users.test_model(boss, FACE)
    assert hf.last.model == "acme/face-embed" and hf.last.task == "feature-extraction"


def test_an_anthropic_model_answers_the_test(claude):
    seed.run_all()
    boss = admin(1)
    assert users.test_model(boss, PERSONA)
    body = claude.last.json
    assert body["model"] == seeded(PERSONA)["provider_model"] and body["max_tokens"] == 1
    for failure, code in (
        ("overloaded", "ai_busy"),
        ("refusal", "ai_refused"),
        ("unauthorized", "ai_key_rejected"),
    ):
        claude.fail_next(failure, retry_after=0)
        refused(code, users.test_model, boss, PERSONA)
    users.update_model(boss, FLUX, provider="anthropic")  # Claude draws no pictures
    refused("ai_capability_unsupported", users.test_model, boss, FLUX)


# ------------------------------------------------------------------ the page's state handlers


def admin_tab(n: int, lang: str = "en"):
    signed, session, get = signed_in(n)
    users.assign_role(signed.user.id, "admin")
    auth.change_language(signed.user, lang)  # the account's language is the tab's
    state = get(AdminModelsState)
    assert call(state, "load") is None
    return state


def row(state: AdminModelsState, key: str):
    return next(r for r in state.rows if r.key == key)


def test_the_page_shows_who_serves_each_model_and_why_it_is_off(configure):
    seed.run_all()
    state = admin_tab(1)
    assert len(state.rows) == len(seed.MODELS)
    flux = row(state, FLUX)
    assert (flux.provider, flux.provider_model) == ("huggingface", seeded(FLUX)["provider_model"])
    assert flux.capability == "text-to-image"
    assert json.loads(flux.parameters) == seeded(FLUX)["parameters"]
    assert set(flux.fallbacks) == {"avatar-creator:flux-dev-hd", SCHNELL}
    assert flux.fallback == NO_FALLBACK and not flux.ready
    assert flux.reason.startswith("Off: The Hugging Face key (HF_TOKEN) is not set")
    assert row(state, FACE).reason == "Off: switched off with the Enabled switch."
    ffmpeg = row(state, FFMPEG)
    assert ffmpeg.ready and ffmpeg.reason == "" and ffmpeg.fallbacks == []

    configure(HF_TOKEN="hf_x")
    call(state, "load")
    assert row(state, FLUX).ready and row(state, FLUX).reason == ""
    indonesian = admin_tab(2, "id")
    assert row(indonesian, PERSONA).reason.startswith("Nonaktif: Kunci Anthropic")


def test_the_admin_edits_provider_fields_on_the_page(configure):
    seed.run_all()
    state = admin_tab(1)
    call(state, "set_parameters", FLUX, '{"num_inference_steps": 12}')
    assert state.notice == "Model saved." and view(FLUX).parameters == {"num_inference_steps": 12}
    assert row(state, FLUX).parameters == '{\n  "num_inference_steps": 12\n}'

    call(state, "set_parameters", FLUX, "{steps: 12")
    problem = row(state, FLUX).problem
    assert problem.startswith("Parameters must be a JSON object") and state.error == ""
    assert view(FLUX).parameters == {"num_inference_steps": 12}
    call(state, "set_provider_model", FLUX, "has spaces in it")
    assert row(state, FLUX).problem == "Provider model: this value is not valid."
    call(state, "set_provider_model", FLUX, " org/flux ")
    assert row(state, FLUX).problem == "" and view(FLUX).provider_model == "org/flux"

    call(state, "set_fallback", FLUX, SCHNELL)
    assert row(state, FLUX).fallback == SCHNELL and view(FLUX).fallback_key == SCHNELL
    call(state, "set_fallback", FLUX, PERSONA)
    assert row(state, FLUX).problem.startswith("The fallback must be another model")
    call(state, "set_fallback", FLUX, NO_FALLBACK)
    assert view(FLUX).fallback_key == "" and row(state, FLUX).fallback == NO_FALLBACK

    call(state, "set_provider", PERSONA, "huggingface")
    assert view(PERSONA).provider == "huggingface"
    call(state, "set_provider", PERSONA, "skynet")
    assert row(state, PERSONA).problem == "Provider: this value is not valid."
    assert view(PERSONA).provider == "huggingface"

    call(state, "set_parameters", FLUX, "{}")
    call(state, "set_parameters", FLUX, "{ }")  # left as it was: nothing to save
    assert state.notice == ""


def test_the_connection_test_shows_its_answer_on_the_row(hf):
    seed.run_all()
    state = admin_tab(1)
    handler = AdminModelsState.event_handlers["test_connection"]
    assert handler.is_background  # a slow provider never holds the tab's other events
    call(state, "test_connection", FLUX)
    flux = row(state, FLUX)
    assert flux.test_ok and state.testing == ""
    answered = f"Connected: {seeded(FLUX)['provider_model']} answered in "
    assert flux.test_result.startswith(answered) and flux.test_result.endswith(" s.")

    hf.fail_next("loading", retry_after=0)
    call(state, "test_connection", SCHNELL)
    schnell = row(state, SCHNELL)
    assert not schnell.test_ok
    assert schnell.test_result == "Test failed: " + (
        "The model is busy right now. Your credits were returned; try again in a few minutes."
    )
    call(state, "load")  # the results stay on their rows
    assert row(state, FLUX).test_ok and not row(state, SCHNELL).test_ok

    requests = len(hf.requests)
    call(state, "test_connection", FFMPEG)
    assert row(state, FFMPEG).test_result.startswith("Test failed: This model runs on this")
    state.testing = SCHNELL  # one test at a time per tab
    call(state, "test_connection", FLUX)
    assert len(hf.requests) == requests


def test_normal_users_get_nothing_from_the_models_page(hf):
    seed.run_all()
    before = ai_models.list_all()
    signed, _, get = signed_in(3)
    state = get(AdminModelsState)
    assert "/dashboard" in redirect_target(call(state, "load"))
    assert state.rows == []
    changes = [
        ("set_enabled", FLUX, False),
        ("set_credit_cost", FLUX, "0"),
        ("set_quota_cost", FLUX, "0"),
        ("set_provider", FLUX, "local"),
        ("set_provider_model", FLUX, "evil/model"),
        ("set_parameters", FLUX, '{"num_inference_steps": 500}'),
        ("set_fallback", FLUX, SCHNELL),
    ]
    for name, *args in changes:
        call(state, name, *args)
        assert state.error == "Anda tidak punya akses ke sini.", name  # the service's own check
        assert state.rows == []
    call(state, "test_connection", FLUX)
    assert state.rows == [] and state.testing == ""

    # A tab that still shows the list from when its user was an admin gets no further.
    admin(9)  # (someone stays admin)
    users.assign_role(signed.user.id, "admin")
    call(state, "load")
    users.assign_role(signed.user.id, "user")
    call(state, "test_connection", FLUX)
    assert state.error == "Anda tidak punya akses ke sini." and state.testing == ""
    assert not row(state, FLUX).test_result
    for name, *args in changes:
        call(state, name, *args)
        assert state.error == "Anda tidak punya akses ke sini.", name
    assert ai_models.list_all() == before
    assert hf.requests == []


def test_odd_arguments_change_nothing_and_crash_nothing(hf):
    seed.run_all()
    state = admin_tab(1)
    before = ai_models.list_all()
    handlers = {n: h for n, h in AdminModelsState.event_handlers.items() if n != "setvar"}
    assert {"set_provider", "set_parameters", "set_fallback", "test_connection"} <= set(handlers)
    for name, handler in handlers.items():
        arity = len(inspect.signature(handler.fn).parameters) - 1
        for odd in ODD:
            tries = [[odd] * arity, [odd, FLUX][:arity]]
            if name in ("set_provider", "set_parameters", "set_fallback"):
                tries.append([FFMPEG, odd])  # none of the odd values is one these take
            for args in tries:
                state.testing = ""
                call(state, name, *args)
    assert ai_models.list_all() == before
    assert not any(r.test_result for r in state.rows) and hf.requests == []
