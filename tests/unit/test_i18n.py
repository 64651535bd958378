import importlib
import pkgutil
import re
from types import ModuleType

import pytest

import lumiku.i18n
from lumiku import plugins
from lumiku.i18n import LANGUAGES, MESSAGE_MODULES, MESSAGES, merge_messages, tr


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in MESSAGE_MODULES]


def _fake(name: str, messages: dict[str, dict[str, str]]) -> ModuleType:
    module = ModuleType(name)
    module.MESSAGES = messages
    return module


def test_both_languages_have_the_same_keys():
    assert set(MESSAGES["en"]) == set(MESSAGES["id"])


def test_every_key_of_every_module_has_both_languages():
    for module in _modules():
        for key, texts in module.MESSAGES.items():
            assert set(texts) == {"id", "en"}, (module.__name__, key)


def test_placeholders_match_between_languages():
    for key, english in MESSAGES["en"].items():
        assert set(re.findall(r"{(\w+)}", english)) == set(
            re.findall(r"{(\w+)}", MESSAGES["id"][key])
        ), key


def test_every_message_module_is_merged():
    package = lumiku.i18n.__path__
    found = {f"lumiku.i18n.{info.name}" for info in pkgutil.iter_modules(package)}
    assert found == set(MESSAGE_MODULES)


def test_no_key_is_defined_in_two_modules():
    sizes = sum(len(module.MESSAGES) for module in _modules())
    assert sizes == len(MESSAGES["id"]) == len(MESSAGES["en"])


def test_a_key_defined_in_two_modules_fails_with_its_name():
    first = _fake("lumiku.i18n.first", {"shared_key": {"id": "Satu", "en": "One"}})
    second = _fake("lumiku.i18n.second", {"shared_key": {"id": "Dua", "en": "Two"}})
    with pytest.raises(ValueError, match="'shared_key'.*lumiku.i18n.first.*lumiku.i18n.second"):
        merge_messages([first, second])


def test_a_key_missing_a_language_fails_with_its_name():
    module = _fake("lumiku.i18n.half", {"half_key": {"id": "Setengah"}})
    with pytest.raises(ValueError, match="'half_key'"):
        merge_messages([module])


def test_an_app_module_holds_only_and_all_of_its_apps_prefix():
    app_modules = {f"lumiku.i18n.{app.module}": app.module for app in plugins.APPS}
    assert "lumiku.i18n.video_mixer" in MESSAGE_MODULES
    for module in _modules():
        for app_name in app_modules.values():
            prefix = f"{app_name}_"
            if module.__name__ == f"lumiku.i18n.{app_name}":
                assert module.MESSAGES
                assert all(key.startswith(prefix) for key in module.MESSAGES), module.__name__
            else:
                strays = [key for key in module.MESSAGES if key.startswith(prefix)]
                assert not strays, (module.__name__, strays)


def test_an_app_module_imports_on_its_own():
    module = importlib.import_module("lumiku.i18n.video_mixer")
    assert module.MESSAGES["video_mixer_generate"] == {"id": "Buat", "en": "Generate"}


def test_every_app_has_a_description():
    for app in plugins.APPS:
        assert app.description_key in MESSAGES["en"]


def test_tr_fills_values_and_falls_back_to_indonesian():
    assert tr("account_locked", "en", minutes=30).endswith("try again in 30 minutes.")
    assert tr("nav_sign_out", "xx") == "Keluar"


# ------------------------------------------------------------------ parameters named by their label


def test_errors_name_a_parameter_by_its_label_not_its_code_name():
    from lumiku.services.errors import ServiceError
    from lumiku.state.base import error_text

    exc = ServiceError("parameter_out_of_range", name="speed_min", low=0.5, high=2.0)
    label = {lang: MESSAGES[lang]["video_mixer_opt_speed_min"] for lang in LANGUAGES}
    assert error_text(exc, "id") == f"{label['id']} harus antara 0,5 dan 2."
    assert error_text(exc, "en") == f"{label['en']} must be between 0.5 and 2."
    exc = ServiceError("parameter_out_of_range", name="MB", low=1, high=1_048_576)
    assert error_text(exc, "id") == "Kuota penyimpanan (MB) harus antara 1 dan 1.048.576."
    assert error_text(ServiceError("parameter_invalid", name="odd"), "en").startswith("odd:")


def _named_parameters() -> set[str]:
    """Every literal `name=` a service passes to a ServiceError, and every Video Mixer setting,
    Carousel Mix text style field and output option (their parsers name the one they refuse)."""
    import ast
    from pathlib import Path

    from lumiku.services.carousel_mix.rules import OutputSettings
    from lumiku.services.carousel_mix.style import TextStyle
    from lumiku.services.video_mixer.rules import MixSettings

    names = set(MixSettings().to_dict()) | {"credit_cost", "quota_cost"}  # ai_models.update
    names |= set(TextStyle().to_dict()) | set(OutputSettings().to_dict())
    root = Path(lumiku.i18n.__file__).parents[1] / "services"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            called = getattr(node, "func", None)
            if isinstance(node, ast.Call) and getattr(called, "id", "") == "number":
                names.add(node.args[1].value)  # pricing.number(params, "<name>", low, high)
            if isinstance(node, ast.Call) and getattr(called, "id", "") == "ServiceError":
                for keyword in node.keywords:
                    value = keyword.value
                    if keyword.arg == "name" and isinstance(value, ast.Constant):
                        names.add(value.value)
    return names


def test_every_parameter_a_service_names_has_a_label_in_both_languages():
    from lumiku.state.base import param_label

    names = _named_parameters()
    assert {"speed_min", "MB", "duration", "settings"} <= names
    missing = {n for n in names for lang in LANGUAGES if param_label(n, lang) == n}
    assert not missing, f"add field_<name> (or <app>_opt_<name>) for: {sorted(missing)}"


def test_every_rate_limit_says_why_in_both_languages():
    """A refusal's key is made from the limit's name (ratelimit._refusal): each needs words."""
    from lumiku.services import payments, ratelimit

    limits = [
        value
        for module in (ratelimit, payments)
        for value in vars(module).values()
        if isinstance(value, ratelimit.Limit)
    ]
    assert len(limits) >= 10
    for limit in limits:
        for lang in ("id", "en"):
            assert f"rate_limited_{limit.name}" in MESSAGES[lang], limit.name
