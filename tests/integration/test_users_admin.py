"""Admin services check the actor on the server; a normal user gets nothing."""

from __future__ import annotations

import pytest

from lumiku.services import auth, users
from lumiku.services.errors import Forbidden, NotFound, ServiceError
from tests.factories import register

pytestmark = pytest.mark.usefixtures("db", "rds")


tokens: dict[int, str] = {}


def make_user(n: int, role: str = "user") -> auth.CurrentUser:
    signed = register(n, role=role)  # user{n}@example.com, "User {n}"
    tokens[signed.user.id] = signed.token
    return auth.resolve(signed.token)


def test_a_normal_user_cannot_list_or_change_roles():
    admin, normal = make_user(1, "admin"), make_user(2)
    with pytest.raises(Forbidden):
        users.list_users(normal)
    with pytest.raises(Forbidden):
        users.set_role(normal, normal.id, "admin")
    with pytest.raises(Forbidden):
        users.set_role(None, normal.id, "admin")
    assert {r.email: r.role for r in users.list_users(admin).rows}["user2@example.com"] == "user"


def test_admin_changes_roles_but_never_removes_the_last_admin():
    admin, normal = make_user(1, "admin"), make_user(2)
    users.set_role(admin, normal.id, "admin")
    normal = auth.resolve(tokens[normal.id])  # handlers re-derive the user on every call
    users.set_role(normal, admin.id, "user")
    with pytest.raises(ServiceError) as err:
        users.set_role(normal, normal.id, "user")
    assert err.value.code == "last_admin"
    with pytest.raises(ServiceError):
        users.set_role(normal, admin.id, "owner")
    with pytest.raises(NotFound):
        users.set_role(normal, 999_999, "user")


def test_listing_pages_and_searches():
    admin = make_user(1, "admin")
    for n in range(2, 24):
        make_user(n)
    first = users.list_users(admin, page=1)
    assert (first.total, first.pages, len(first.rows)) == (23, 2, 20)
    assert len(users.list_users(admin, page=2).rows) == 3
    assert users.list_users(admin, page=99).page == 2
    for odd in (-5, 0, "2", True, None, 2.0):  # what a client might send: the first page
        assert users.list_users(admin, page=odd).page == 1
    found = users.list_users(admin, query="USER17@")
    assert [r.email for r in found.rows] == ["user17@example.com"]


def test_create_admin_creates_or_promotes():
    users.create_admin("Boss@Example.com", "rahasia-123", "Boss")
    assert users.find_by_email("boss@example.com").role == "admin"
    normal = make_user(3)
    users.create_admin("user3@example.com", "ignored-password", "ignored")
    assert users.find_by_email("user3@example.com").role == "admin"
    assert (
        auth.sign_in("user3@example.com", "rahasia-123", ip="10.9.0.1", user_agent="t").user.id
        == normal.id
    )


def test_only_admins_move_credits_plans_and_models():
    from lumiku.services import seed

    seed.run_all()
    admin, normal = make_user(1, "admin"), make_user(2)
    for call in (
        lambda: users.adjust_credits(normal, normal.id, 500, "because", "k1"),
        lambda: users.set_plan(normal, normal.id, "pro-monthly"),
        lambda: users.update_model(
            normal, "video-mixer:ffmpeg-standard", enabled=False, credit_cost=0, quota_cost=0
        ),
    ):
        with pytest.raises(Forbidden):
            call()
    from lumiku.services import billing, subscriptions

    assert billing.balance(normal.id) == 100 and subscriptions.current(normal.id) is None
    with pytest.raises(ServiceError) as err:
        users.adjust_credits(admin, normal.id, 500, "   ", "k2")
    assert err.value.code == "reason_required"
    users.adjust_credits(admin, normal.id, 500, "Kompensasi", "k3")
    users.adjust_credits(admin, normal.id, 500, "Kompensasi", "k3")  # a double submit
    assert billing.balance(normal.id) == 600
    entry = billing.history(normal.id).rows[0]
    assert (entry.kind, entry.amount) == ("adjustment", 500)
    assert entry.description == "Kompensasi (admin user1@example.com)"
    users.set_plan(admin, normal.id, "pro-monthly")
    assert subscriptions.current(normal.id).plan_id == "pro-monthly"
    users.set_plan(admin, normal.id, None)
    assert subscriptions.current(normal.id) is None


def test_only_admins_set_storage_quotas():
    admin, normal = make_user(1, "admin"), make_user(2)
    with pytest.raises(Forbidden):
        users.set_storage_quota(normal, normal.id, 10_000)
    for bad in (0, -5, "10", 10**9):
        with pytest.raises(ServiceError):
            users.set_storage_quota(admin, normal.id, bad)
    users.set_storage_quota(admin, normal.id, 2048)
    row = next(r for r in users.list_users(admin).rows if r.id == normal.id)
    assert row.storage_quota_bytes == 2048 * 2**20 and row.storage_used_bytes == 0


def test_model_edits_change_only_their_own_field():
    from lumiku.services import ai_models, seed

    seed.run_all()
    admin = make_user(1, "admin")
    key = "video-mixer:ffmpeg-standard"
    users.update_model(admin, key, credit_cost=7)  # one admin re-prices it…
    users.update_model(admin, key, enabled=False)  # …another, with an old page, switches it off
    [model] = [m for m in ai_models.list_all() if m.key == key]
    assert (model.credit_cost, model.enabled) == (7, False)


def test_two_admins_demoting_each_other_at_once_leave_one(services, monkeypatch):
    """Both read "two admins" before either commits, unless the admin rows are locked first."""
    import contextlib
    import threading
    from concurrent.futures import ThreadPoolExecutor

    if not services.is_postgres:
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers by itself")
    first, second = make_user(1, "admin"), make_user(2, "admin")
    both_counted = threading.Barrier(2, timeout=2)
    real_utcnow = users.utcnow

    def slow_utcnow():  # called after the count, inside the transaction: widen the window
        with contextlib.suppress(threading.BrokenBarrierError):  # the other waits for our lock
            both_counted.wait()
        return real_utcnow()

    monkeypatch.setattr(users, "utcnow", slow_utcnow)

    def demote(actor, target) -> str:
        try:
            users.set_role(actor, target.id, "user")
            return "ok"
        except ServiceError as exc:
            return exc.code

    with ThreadPoolExecutor(2) as pool:
        results = sorted(pool.map(demote, (first, second), (second, first)))
    assert results == ["last_admin", "ok"]
    assert [r.role for r in users.list_users(first).rows].count("admin") == 1
