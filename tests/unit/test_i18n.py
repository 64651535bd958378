import re

from lumiku import plugins
from lumiku.i18n import MESSAGES, tr


def test_both_languages_have_the_same_keys():
    assert set(MESSAGES["en"]) == set(MESSAGES["id"])


def test_placeholders_match_between_languages():
    for key, english in MESSAGES["en"].items():
        assert set(re.findall(r"{(\w+)}", english)) == set(
            re.findall(r"{(\w+)}", MESSAGES["id"][key])
        ), key


def test_every_app_has_a_description():
    for app in plugins.APPS:
        assert app.description_key in MESSAGES["en"]


def test_tr_fills_values_and_falls_back_to_indonesian():
    assert tr("account_locked", "en", minutes=30).endswith("try again in 30 minutes.")
    assert tr("nav_sign_out", "xx") == "Keluar"
