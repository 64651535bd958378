import pytest

from lumiku.services.useragent import describe

CHROME_WIN = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
EDGE = CHROME_WIN + " Edg/126.0"
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.mark.parametrize(
    ("ua", "browser", "os", "kind"),
    [
        (CHROME_WIN, "Chrome", "Windows", "desktop"),
        (SAFARI_IPHONE, "Mobile Safari", "iOS", "mobile"),
        (EDGE, "Edge", "Windows", "desktop"),  # the original reported Edge as Chrome
        (IPAD, "Mobile Safari", "iOS", "tablet"),
        ("", "Unknown browser", "Unknown OS", "desktop"),
    ],
)
def test_describe(ua, browser, os, kind):
    info = describe(ua)
    assert (info.browser, info.os, info.device_type) == (browser, os, kind)
