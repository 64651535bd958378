"""The storage server full (a real SeaweedFS whose bucket quota is enforced: it refuses every
write): an item being made fails with a message the user can read and is refunded, never retried
forever; an upload is refused with the same message and counts nothing against the user's space;
once there is room again the same work succeeds and its output can be read back."""

from __future__ import annotations

import os
import time

import pytest
from sqlmodel import func, select

from lumiku.db import session_scope
from lumiku.i18n import tr
from lumiku.models import CreditEntry, Generation, GenerationItem, Hold, StoredFile, User
from lumiku.services import billing, generations
from lumiku.services.errors import ServiceError
from lumiku.services.storage import get_storage
from lumiku.services.video_mixer import projects
from lumiku.settings import get_settings
from tests import engine_app
from tests.factories import make_clip, new_user, run_all_items
from tests.seaweed import Seaweed


@pytest.fixture(scope="module")
def seaweed(tmp_path_factory):
    server = Seaweed(tmp_path_factory.mktemp("seaweed")).start()
    yield server
    server.stop()


@pytest.fixture
def s3(engine, seaweed, monkeypatch):
    """This process's storage is the SeaweedFS bucket, with no quota at the start."""
    seaweed.set_quota(None)
    for name, value in seaweed.env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    get_storage.cache_clear()
    yield seaweed
    seaweed.set_quota(None)
    get_settings.cache_clear()
    get_storage.cache_clear()


def fill(server: Seaweed) -> float:
    """Puts the bucket over a 1 MB quota and waits until the server enforces it (its usage
    figures lag a few seconds behind the writes). Returns the seconds that took."""
    started = time.monotonic()
    client = server.client()
    for n in range(2):
        client.put_object(Bucket=server.bucket, Key=f"filler/{n}.bin", Body=os.urandom(700_000))
    while "read only" not in server.set_quota(1):
        assert time.monotonic() - started < 60, "the quota was never enforced"
        time.sleep(0.5)
    return time.monotonic() - started


def ledger_matches(user_id: int) -> bool:
    with session_scope() as db:
        total = db.exec(
            select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(
                CreditEntry.user_id == user_id
            )
        ).one()
        return total == db.get(User, user_id).credit_balance


def test_a_full_bucket_fails_the_item_refunds_it_and_refuses_uploads(s3, tmp_path):
    user = new_user()
    balance = billing.balance(user)
    print(f"\nbucket enforced read-only {fill(s3):.1f} s after filling it")

    generation_id = engine_app.submit(user, 2, "full-1")
    started = time.monotonic()
    run_all_items(generation_id)
    took = time.monotonic() - started
    print(f"2 items failed in {took:.1f} s")
    assert took < 30  # a few quick retries of the write, not minutes

    with session_scope() as db:
        generation = db.get(Generation, generation_id)
        items = db.exec(
            select(GenerationItem).where(GenerationItem.generation_id == generation_id)
        ).all()
        hold = db.get(Hold, generation.hold_id)
        assert generation.status == "failed"
        assert generation.error == "storage_unavailable"
        assert {(i.status, i.error, i.attempts) for i in items} == {
            ("failed", "storage_unavailable", 1)
        }
        assert hold.status == "settled"
        assert db.exec(select(StoredFile).where(StoredFile.user_id == user)).all() == []
        assert db.get(User, user).storage_used_bytes == 0
    assert billing.balance(user) == balance  # refunded in full
    assert ledger_matches(user)
    for lang in ("en", "id"):  # what the work list shows, in both languages
        assert tr("storage_unavailable", lang) != "storage_unavailable"

    # An upload through a project (what the dropzone calls) gets the same message.
    project_id = projects.create_project(user, "Full")
    clip = make_clip(tmp_path / "clip.mp4", 1.0)
    with pytest.raises(ServiceError) as refused:
        projects.add_clip(user, project_id, clip, "clip.mp4")
    assert refused.value.code == "storage_unavailable"
    with session_scope() as db:
        assert db.get(User, user).storage_used_bytes == 0

    # Room again: the same work succeeds, and its output reads back from the bucket.
    s3.set_quota(None)
    again = engine_app.submit(user, 1, "full-2")
    run_all_items(again)
    assert generations.get(user, again).status == "succeeded"
    [item] = generations.get(user, again).items
    with get_storage().open(item.file.key) as body:
        assert len(body.read()) == item.file.size_bytes > 0
    assert ledger_matches(user)
    projects.add_clip(user, project_id, clip, "clip.mp4")
