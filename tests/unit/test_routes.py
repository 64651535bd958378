from lumiku.routes import DASHBOARD, safe_next


def test_after_sign_in_only_local_paths():
    assert safe_next("/devices") == "/devices"
    for hostile in (
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "",
        "devices",
        "/x\r\nSet-Cookie: a=b",
        "/\t/evil.example",
    ):
        assert safe_next(hostile) == DASHBOARD, hostile
