"""The generation engine with real Redis, real worker processes and real FFmpeg."""

from __future__ import annotations

import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import select
from starlette.testclient import TestClient

from jobs.generation import run_item
from lumiku.api import api
from lumiku.db import session_scope, utcnow
from lumiku.models import Generation, GenerationItem, StoredFile, User
from lumiku.services import billing, files, generations, media
from lumiku.services.errors import NotFound, ServiceError
from lumiku.settings import get_settings
from tests import engine_app
from tests.factories import (
    make_clip,
    make_image,
    new_user,
    run_burst_worker,
    start_worker,
    stop_worker,
    wait_for,
)

client = TestClient(api)


def submit(user_id: int, items: list[dict] | int = 3, key: str = "submit-1") -> str:
    return engine_app.submit(user_id, items, key)


def state(generation_id: str) -> tuple[str, list[str]]:
    with session_scope() as session:
        generation = session.get(Generation, generation_id)
        items = session.exec(
            select(GenerationItem.status)
            .where(GenerationItem.generation_id == generation_id)
            .order_by(GenerationItem.index)
        ).all()
        return generation.status, list(items)


def releases(user_id: int) -> int:
    return billing.history(user_id, kind="release").total


def assert_books(user_id: int) -> None:
    with session_scope() as session:
        user = session.get(User, user_id)
        assert billing.ledger_sum(session, user_id) == user.credit_balance >= 0


# ------------------------------------------------------------------ the happy path


def test_a_generation_runs_on_a_worker_and_charges_what_it_made(engine):
    user_id = new_user()
    generation_id = submit(user_id, 3)  # 3 × 2 credits held
    assert billing.balance(user_id) == 94 and state(generation_id) == ("queued", ["queued"] * 3)
    run_burst_worker()
    assert state(generation_id) == ("succeeded", ["succeeded"] * 3)
    view = generations.get(user_id, generation_id)
    assert view.cost == 6 and view.expires_at is not None
    for item in view.items:
        with get_storage_copy(item.file.key) as path:
            info = media.probe(path)
        assert (info.media, info.width, info.height) == ("video", 160, 120)
    assert billing.balance(user_id) == 94
    assert [r.kind for r in billing.history(user_id).rows][:2] == ["capture", "hold"]
    with session_scope() as session:
        used = session.get(User, user_id).storage_used_bytes
    assert used == sum(item.file.size_bytes for item in view.items) > 0
    assert_books(user_id)


def get_storage_copy(key: str):
    from lumiku.services.storage import get_storage

    return get_storage().local_copy(key)


def test_a_double_click_submits_once(engine):
    user_id = new_user()
    assert submit(user_id, 2, key="same") == submit(user_id, 2, key="same")
    assert billing.balance(user_id) == 96


def test_users_pay_only_for_outputs_produced(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{}, {"behaviour": "fail"}, {}])
    run_burst_worker()
    assert state(generation_id) == ("partly_succeeded", ["succeeded", "failed", "succeeded"])
    assert billing.balance(user_id) == 96  # 2 of 3 paid; the third's 2 credits came back
    newest = billing.history(user_id).rows[0]
    assert (newest.kind, newest.amount) == ("capture", 2)
    assert_books(user_id)


def test_a_failed_generation_is_refunded_visibly(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{"behaviour": "fail"}] * 2)
    run_burst_worker()
    status, _ = state(generation_id)
    assert status == "failed" and generations.get(user_id, generation_id).error == "item_failed"
    assert billing.balance(user_id) == 100 and releases(user_id) == 1


def test_a_rerun_job_changes_nothing(engine):
    user_id = new_user()
    generation_id = submit(user_id, 1)
    run_burst_worker()
    item_id = generations.get(user_id, generation_id).items[0].id
    assert run_item(item_id) == "skipped"
    assert billing.balance(user_id) == 98
    with session_scope() as session:
        assert len(session.exec(select(StoredFile)).all()) == 1


def test_transient_errors_are_retried(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{"behaviour": "transient"}])
    item_id = generations.get(user_id, generation_id).items[0].id
    with pytest.raises(generations.TransientError):
        run_item(item_id)  # as RQ would run it; RQ retries after its backoff
    assert state(generation_id) == ("running", ["queued"])
    assert run_item(item_id) == "succeeded"
    assert state(generation_id) == ("succeeded", ["succeeded"])


def test_retrying_failed_items_charges_only_for_them(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{}, {"behaviour": "fail"}])
    run_burst_worker()
    with session_scope() as session:
        item = session.exec(select(GenerationItem).where(GenerationItem.status == "failed")).one()
        item.params = {k: v for k, v in item.params.items() if k != "behaviour"}
    assert generations.retry_failed(user_id, generation_id, "retry-1") == 1
    assert billing.balance(user_id) == 98 - 2
    with session_scope() as session:  # a paid retry gets every attempt again
        assert session.get(GenerationItem, item.id).attempts == 0
    run_burst_worker()
    assert state(generation_id) == ("succeeded", ["succeeded", "succeeded"])
    assert billing.balance(user_id) == 96
    with pytest.raises(ServiceError):
        generations.retry_failed(user_id, generation_id, "retry-2")
    assert_books(user_id)


def test_an_output_that_cannot_be_paid_for_is_not_kept(engine):
    """The hold was settled behind the job's back (the sweeper, say): capturing fails, so the
    item fails and its stored output goes, with its space."""
    user_id = new_user()
    generation_id = submit(user_id, 1)
    with session_scope() as session:
        hold_id = session.get(Generation, generation_id).hold_id
    billing.settle(hold_id, "expired")
    run_burst_worker()
    assert state(generation_id) == ("failed", ["failed"])
    with session_scope() as session:
        assert session.exec(select(StoredFile).where(StoredFile.user_id == user_id)).all() == []
        assert session.get(User, user_id).storage_used_bytes == 0
    assert billing.balance(user_id) == 100
    assert_books(user_id)


# ------------------------------------------------------------------ cancel and crashes


def test_cancelling_queued_work_releases_the_hold_once(engine):
    user_id = new_user()
    generation_id = submit(user_id, 4)
    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(lambda _: _try_cancel(user_id, generation_id), range(6)))
    assert "ok" in outcomes
    assert state(generation_id) == ("cancelled", ["cancelled"] * 4)
    assert billing.balance(user_id) == 100 and releases(user_id) == 1
    run_burst_worker()  # the cancelled jobs do nothing
    assert billing.balance(user_id) == 100


def _try_cancel(user_id: int, generation_id: str) -> str:
    try:
        generations.cancel(user_id, generation_id)
        return "ok"
    except ServiceError as exc:
        return exc.code


def test_cancelling_running_work_stops_it_and_keeps_what_was_made(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{}] + [{"steps": 200, "delay": 0.05}] * 3)
    worker = start_worker()
    try:
        wait_for(
            lambda: (
                state(generation_id)[1][0] == "succeeded"
                and state(generation_id)[1][1] == "running"
            )
        )
        generations.cancel(user_id, generation_id)
        wait_for(lambda: state(generation_id)[0] == "cancelled")
    finally:
        stop_worker(worker)
    assert state(generation_id) == (
        "cancelled",
        ["succeeded", "cancelled", "cancelled", "cancelled"],
    )
    assert billing.balance(user_id) == 98 and generations.get(user_id, generation_id).cost == 2
    assert_books(user_id)


def test_a_worker_killed_mid_job_is_recovered_and_the_work_finishes(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{"steps": 100, "delay": 0.05}])
    worker = start_worker()
    wait_for(lambda: state(generation_id)[1] == ["running"])
    stop_worker(worker)  # kill -9 mid-job: the item is stuck "running"
    assert state(generation_id) == ("running", ["running"])
    assert generations.reconcile(stale_after=timedelta(0)) == 1
    assert state(generation_id) == ("running", ["queued"])
    with session_scope() as session:
        session.execute(update(GenerationItem).values(params={"steps": 1, "price": 2}))
    run_burst_worker()
    assert state(generation_id) == ("succeeded", ["succeeded"])
    assert billing.balance(user_id) == 98 and releases(user_id) == 0
    assert_books(user_id)


def test_a_worker_killed_too_often_fails_the_item_and_releases_once(engine):
    user_id = new_user()
    generation_id = submit(user_id, [{"steps": 100, "delay": 0.05}])
    for _ in range(generations.MAX_ATTEMPTS):
        worker = start_worker()
        wait_for(lambda: state(generation_id)[1] == ["running"])
        stop_worker(worker)
        with ThreadPoolExecutor(3) as pool:  # several reconcilers at once
            list(pool.map(lambda _: generations.reconcile(stale_after=timedelta(0)), range(3)))
    assert state(generation_id) == ("failed", ["failed"])
    assert generations.get(user_id, generation_id).items[0].error == "worker_lost"
    assert billing.balance(user_id) == 100 and releases(user_id) == 1
    assert_books(user_id)


# ------------------------------------------------------------------ uploads and the quota


def test_uploads_are_checked_by_content(engine, tmp_path):
    user_id = new_user()
    video = files.store_upload(
        user_id,
        make_clip(tmp_path / "clip.mov.mp4", pattern="testsrc", rate=10),
        "clip.mp4",
        {"video"},
    )
    assert (video.media, video.width, video.height) == ("video", 320, 240)
    assert abs(video.duration_seconds - 1.0) < 0.1
    image_path = tmp_path / "a.png"
    make_image(image_path)
    assert (
        files.store_upload(user_id, image_path, "../../etc/a.png", {"image"}).original_name
        == "a.png"
    )
    fake = tmp_path / "fake.mp4"
    fake.write_text("not a video at all")
    empty = tmp_path / "empty.mp4"
    empty.touch()
    for path, allowed, code in [
        (fake, {"video"}, "file_unreadable"),
        (empty, {"video"}, "file_empty"),
        (image_path, {"video"}, "file_type_not_allowed"),
    ]:
        with pytest.raises(ServiceError) as err:
            files.store_upload(user_id, path, path.name, allowed)
        assert err.value.code == code
    with session_scope() as session:
        stored = session.exec(select(StoredFile)).all()
        assert all(f.key.startswith(f"uploads/{user_id}/") and "etc" not in f.key for f in stored)
        assert session.get(User, user_id).storage_used_bytes == sum(f.size_bytes for f in stored)


def test_size_limits_per_type(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("MAX_IMAGE_MB", "1")
    get_settings.cache_clear()
    big = tmp_path / "noise.png"
    make_image(big, (1000, 1000), "noise")
    with pytest.raises(ServiceError) as err:
        files.store_upload(new_user(), big, "noise.png", {"image"})
    assert err.value.code == "file_too_large" and err.value.params == {"limit_mb": 1}


def test_the_storage_quota_at_its_boundary(engine, tmp_path):
    user_id = new_user()
    image = tmp_path / "a.png"
    make_image(image)
    size = image.stat().st_size
    with session_scope() as session:
        session.execute(update(User).values(storage_quota_bytes=size * 2 - 1))
    files.store_upload(user_id, image, "a.png", {"image"})
    with pytest.raises(ServiceError) as err:
        files.store_upload(user_id, image, "b.png", {"image"})
    assert err.value.code == "storage_quota_exceeded"
    with session_scope() as session:
        session.execute(update(User).values(storage_quota_bytes=size * 2))
    second = files.store_upload(user_id, image, "b.png", {"image"})  # exactly full
    assert files.delete_files(user_id, [second.id]) == 1
    with session_scope() as session:
        assert session.get(User, user_id).storage_used_bytes == size


def test_outputs_count_against_the_quota_too(engine):
    user_id = new_user()
    with session_scope() as session:
        session.execute(update(User).values(storage_quota_bytes=1000))
    generation_id = submit(user_id, 2)
    run_burst_worker()
    assert state(generation_id) == ("failed", ["failed", "failed"])
    assert generations.get(user_id, generation_id).items[0].error == "storage_full"
    assert billing.balance(user_id) == 100


# ------------------------------------------------------------------ downloads and privacy


def test_signed_links_download_only_the_owners_file(engine):
    owner, other = new_user(1), new_user(2)
    generation_id = submit(owner, 2)
    run_burst_worker()
    file_id = generations.get(owner, generation_id).items[0].file.id
    link = files.file_link(owner, file_id)
    response = client.get(link)
    assert response.status_code == 200 and response.content[4:8] == b"ftyp"
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert (
        client.get(files.file_link(owner, file_id, inline=True))
        .headers["content-disposition"]
        .startswith("inline")
    )
    with pytest.raises(NotFound):
        files.file_link(other, file_id)  # nobody is given a link to another's file
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    expired = files.file_link(owner, file_id, seconds=-1)
    wrong_use = files.zip_link(owner, generation_id).replace("/zip", "")
    for bad in (tampered, expired, wrong_use, "/api/files/nonsense", "/api/files/zip/nonsense"):
        assert client.get(bad).status_code == 404, bad


def test_a_zip_of_every_output_is_streamed(engine):
    user_id = new_user()
    generation_id = submit(user_id, 3)
    run_burst_worker()
    response = client.get(files.zip_link(user_id, generation_id))
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    day = utcnow().astimezone(ZoneInfo(get_settings().timezone))  # named after the app here
    assert names == [f"engine-test-{day:%Y-%m-%d}-0{n}.mp4" for n in (1, 2, 3)]
    disposition = response.headers["content-disposition"]
    assert re.fullmatch(
        rf'attachment; filename="engine-test-{day:%Y-%m-%d}-\d{{4}}\.zip"', disposition
    )


def test_outputs_are_named_after_what_was_made_and_when(engine):
    """Not `video-mixer-001.mp4` in every batch: the project's name, the day, the number."""
    user_id = new_user()
    generation_id = engine_app.submit(user_id, 2, "named", name="Promo Lebaran: Diskon 50%! ✨")
    run_burst_worker()
    day = utcnow().astimezone(ZoneInfo(get_settings().timezone))
    names = [i.file.original_name for i in generations.get(user_id, generation_id).items]
    assert names == [f"promo-lebaran-diskon-50-{day:%Y-%m-%d}-0{n}.mp4" for n in (1, 2)]
    again = generations.regenerate(user_id, generation_id, 1, "again")  # keeps its name
    run_burst_worker()
    [item] = generations.get(user_id, again).items
    assert item.file.original_name == f"promo-lebaran-diskon-50-{day:%Y-%m-%d}-01.mp4"


def test_a_second_user_gets_not_found_everywhere(engine):
    owner, other = new_user(1), new_user(2)
    generation_id = submit(owner, 1)
    for action in (
        lambda: generations.get(other, generation_id),
        lambda: generations.cancel(other, generation_id),
        lambda: generations.delete(other, generation_id),
        lambda: generations.retry_failed(other, generation_id, "k"),
    ):
        with pytest.raises(NotFound):
            action()
    assert generations.list_for(other).total == 0
    assert client.get(files.zip_link(other, generation_id)).status_code == 404
    assert state(generation_id)[0] == "queued"


def test_deleting_frees_storage_and_retention_removes_old_outputs(engine):
    user_id = new_user()
    first, second = submit(user_id, 1, key="a"), submit(user_id, 1, key="b")
    run_burst_worker()
    with pytest.raises(ServiceError):
        generations.delete(user_id, submit(user_id, 1, key="c"))  # still queued: cancel first
    generations.delete(user_id, first)
    with pytest.raises(NotFound):
        generations.get(user_id, first)
    with session_scope() as session:
        session.execute(update(StoredFile).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert files.remove_expired_outputs() == 1
    with session_scope() as session:
        assert session.exec(select(StoredFile)).all() == []
        assert session.get(User, user_id).storage_used_bytes == 0
    assert generations.get(user_id, second).items[0].file is None


def test_listing_filters_sorts_and_pages(engine):
    user_id = new_user()
    ids = [submit(user_id, 1, key=f"k{n}") for n in range(12)]
    page = generations.list_for(user_id)
    assert (page.total, page.pages, page.rows[0].id) == (12, 2, ids[-1])
    assert generations.list_for(user_id, sort="oldest").rows[0].id == ids[0]
    assert generations.list_for(user_id, status="succeeded").total == 0
    assert generations.list_for(user_id, app_id="video-mixer").total == 0


# ------------------------------------------------------------------ S3


def test_the_s3_backend_against_a_local_s3(tmp_path, monkeypatch):
    from moto.server import ThreadedMotoServer

    from lumiku.services.storage import S3Storage

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        for name, value in {
            "S3_ENDPOINT_URL": f"http://{host}:{port}",
            "S3_BUCKET": "lumiku",
            "S3_ACCESS_KEY_ID": "test",
            "S3_SECRET_ACCESS_KEY": "test",
        }.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        storage = S3Storage()
        storage.client.create_bucket(Bucket="lumiku")
        source = make_clip(tmp_path / "v.mp4", pattern="testsrc", rate=10)
        assert storage.save_file("outputs/1/g/001.mp4", source) == source.stat().st_size
        assert storage.exists("outputs/1/g/001.mp4")
        with storage.local_copy("outputs/1/g/001.mp4") as copy:
            assert copy.read_bytes() == source.read_bytes()
        assert storage.open("outputs/1/g/001.mp4").read() == source.read_bytes()
        url = storage.presigned_url("outputs/1/g/001.mp4", "001.mp4", inline=False)
        import httpx

        fetched = httpx.get(url)
        assert fetched.status_code == 200 and fetched.content == source.read_bytes()
        assert "attachment" in fetched.headers["content-disposition"]
        storage.delete("outputs/1/g/001.mp4")
        assert not storage.exists("outputs/1/g/001.mp4")
        with pytest.raises(ValueError):
            storage.save_file("../escape", source)
    finally:
        server.stop()
        get_settings.cache_clear()


def test_rq_failure_callbacks_end_items_that_died_outside_our_hands(engine):
    from types import SimpleNamespace

    from rq.timeouts import JobTimeoutException

    from jobs.generation import item_job_failed

    user_id = new_user()
    generation_id = submit(user_id, 2)
    first, second = (item.id for item in generations.get(user_id, generation_id).items)
    job = SimpleNamespace(args=[first], id=job_id_of(first))
    item_job_failed(job, None, generations.TransientError, generations.TransientError(), None)
    assert state(generation_id)[1] == ["queued", "queued"]  # RQ will retry a passing error
    stale = SimpleNamespace(args=[first], id="item-an-earlier-job")  # replaced by the reconciler
    item_job_failed(stale, None, JobTimeoutException, JobTimeoutException(), None)
    assert state(generation_id)[1] == ["queued", "queued"]
    item_job_failed(job, None, JobTimeoutException, JobTimeoutException(), None)
    item_job_failed(job, None, JobTimeoutException, JobTimeoutException(), None)  # twice: once
    assert state(generation_id)[1] == ["failed", "queued"]
    # the first one's place went to the second (one worker's worth in flight per user)
    second_job = SimpleNamespace(args=[second], id=job_id_of(second))
    assert second_job.id
    item_job_failed(second_job, None, RuntimeError, RuntimeError(), None)
    assert state(generation_id) == ("failed", ["failed", "failed"])
    assert billing.balance(user_id) == 100 and releases(user_id) == 1


def job_id_of(item_id: str) -> str:
    with session_scope() as session:
        return session.get(GenerationItem, item_id).job_id


def test_an_output_stored_twice_at_once_is_kept_once(engine, tmp_path):
    user_id = new_user()
    video = make_clip(tmp_path / "v.mp4", pattern="testsrc", rate=10)
    with ThreadPoolExecutor(4) as pool:
        rows = list(
            pool.map(
                lambda _: files.store_output(user_id, video, "outputs/x/001.mp4", "001.mp4"),
                range(4),
            )
        )
    assert len({row.id for row in rows}) == 1
    with session_scope() as session:
        assert session.get(User, user_id).storage_used_bytes == video.stat().st_size
