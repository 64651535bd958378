from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from lumiku.api.guards import block_public_uploads


async def ok(_):
    return PlainTextResponse("reached")


inner = Starlette(routes=[Route("/{path:path}", ok, methods=["GET", "POST"])])
client = TestClient(block_public_uploads(inner))


def test_public_upload_files_are_not_served():
    assert client.get("/_upload/secret/file.mp4").status_code == 404
    assert client.get("/_upload").status_code == 404
    assert client.post("/_upload/secret/file.mp4").status_code == 404


def test_upload_posts_and_other_paths_pass():
    assert client.post("/_upload").text == "reached"
    assert client.get("/api/health").text == "reached"
    assert client.get("/_uploads-are-not-this").text == "reached"


def test_uploads_over_the_largest_limit_are_refused_before_reading():
    from lumiku.api.guards import upload_limit_bytes

    too_big = str(upload_limit_bytes() + 1)
    assert client.post("/_upload", headers={"Content-Length": too_big}).status_code == 413
    assert client.post("/_upload", content=b"x" * 10).text == "reached"
