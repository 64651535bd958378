"""Every admin change is logged in the transaction that makes it, with who, what, before and
after; the log is read by admins only."""

from __future__ import annotations

import pytest
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import AdminAuditEntry
from lumiku.services import audit, billing, seed, subscriptions, users
from lumiku.services.errors import Forbidden, ServiceError
from lumiku.state.admin_audit import AdminAuditState
from tests.factories import admin, call, new_user, redirect_target, register, signed_in

pytestmark = pytest.mark.usefixtures("db", "rds")


def logged(admin_id: int | None = None) -> list[AdminAuditEntry]:
    """The entries made by `admin_id` (every one when None), oldest first."""
    with session_scope() as db:
        query = select(AdminAuditEntry).order_by(AdminAuditEntry.id)
        if admin_id is not None:
            query = query.where(AdminAuditEntry.admin_id == admin_id)
        return list(db.exec(query).all())


def test_each_admin_change_is_logged_with_before_and_after():
    seed.run_all()
    boss = admin(1)
    target = new_user(2)
    users.set_role(boss, target, "admin")
    users.set_role(boss, target, "admin")  # no change: nothing to log
    users.set_storage_quota(boss, target, 2048)
    users.adjust_credits(boss, target, 250, "Kompensasi", "adj-1")
    users.adjust_credits(boss, target, 250, "Kompensasi", "adj-1")  # a double submit
    users.set_plan(boss, target, "pro-monthly")
    users.set_plan(boss, target, None)
    users.update_model(boss, "video-mixer:ffmpeg-standard", credit_cost=7, enabled=False)
    entries = logged(boss.id)
    assert [e.action for e in entries] == [
        "set_role",
        "set_storage_quota",
        "adjust_credits",
        "set_plan",
        "set_plan",
        "update_model",
    ]
    assert {e.admin_email for e in entries} == {boss.email}
    role, quota, credits, plan_on, plan_off, model = entries
    assert (role.target_type, role.target_id) == ("user", str(target))
    assert (role.before, role.after) == ({"role": "user"}, {"role": "admin"})
    assert (quota.before, quota.after) == ({"storage_quota_mb": 1024}, {"storage_quota_mb": 2048})
    assert credits.before == {"balance": 100}
    assert credits.after == {"balance": 350, "amount": 250, "reason": "Kompensasi"}
    assert billing.balance(target) == 350
    assert plan_on.before == {"plan": "payg"} and plan_on.after["plan"] == "pro-monthly"
    assert plan_off.before["plan"] == "pro-monthly" and plan_off.after == {"plan": "payg"}
    assert subscriptions.current(target) is None
    assert (model.target_type, model.target_id) == ("ai_model", "video-mixer:ffmpeg-standard")
    assert model.before["credit_cost"] != 7 and model.before["enabled"] is True
    assert model.after == {"enabled": False, "credit_cost": 7}


def test_a_refused_or_failed_change_leaves_no_entry(monkeypatch):
    boss = admin(1)
    target = new_user(2)
    with pytest.raises(ServiceError):
        users.set_role(boss, boss.id, "user")  # the last admin
    with pytest.raises(ServiceError):
        users.adjust_credits(boss, target, -5000, "too much", "adj-2")  # below zero
    with pytest.raises(ServiceError):
        users.set_storage_quota(boss, target, 0)
    assert logged(boss.id) == []

    def broken():  # the change fails after its entry was written: both roll back together
        raise RuntimeError("database went away")

    monkeypatch.setattr(users, "utcnow", broken)
    with pytest.raises(RuntimeError):
        users.set_role(boss, target, "admin")
    assert logged(boss.id) == [] and users.find_by_email("user2@example.com").role == "user"


def test_the_operators_command_is_logged_as_cli():
    user_id = new_user(3)
    users.assign_role(user_id, "admin")
    users.create_admin("boss@example.com", "rahasia-123", "Boss")
    cli = [e for e in logged() if e.admin_id is None]
    assert [(e.admin_email, e.target_id, e.after) for e in cli] == [
        ("cli", str(user_id), {"role": "admin"}),
        ("cli", str(users.find_by_email("boss@example.com").id), {"role": "admin"}),
    ]


def test_only_admins_read_the_log_and_filters_narrow_it():
    boss, other = admin(1), admin(2, prefix="other")
    normal = register(3).user
    for n in range(4, 8):
        users.set_storage_quota(boss, new_user(n), 100 + n)
    users.set_role(other, normal.id, "admin")
    for nobody in (None, normal):
        with pytest.raises(Forbidden):
            audit.entries(nobody)
    everything = audit.entries(boss)
    assert everything.total == len(logged())
    newest = everything.rows[0]
    assert (newest.action, newest.admin_email, newest.target_label) == (
        "set_role",
        other.email,
        normal.email,
    )
    assert [(c.field, c.before, c.after) for c in newest.changes] == [("role", "user", "admin")]
    quotas = audit.entries(boss, action="set_storage_quota")
    assert quotas.total == 4 and {r.admin_email for r in quotas.rows} == {boss.email}
    assert audit.entries(boss, query="USER5@").rows[0].target_label == "user5@example.com"
    # by the admin's email, and by the target's: its promotion and its own change
    assert audit.entries(boss, query="other2@").total == 2
    assert audit.entries(boss, action="no_such_action").total == 0
    for odd in (-1, "2", None, True, 10**9):
        assert audit.entries(boss, page=odd).page == 1
    assert audit.entries(boss, query={"not": "text"}).total == everything.total


def test_an_entry_needs_a_known_action_and_keeps_odd_values_as_text():
    from datetime import UTC, datetime

    with pytest.raises(ValueError), session_scope() as db:
        audit.record(db, None, "drop_tables", "user", 1, {}, {"x": 1})
    with session_scope() as db:
        entry = audit.record(
            db, None, "set_role", "user", 1, {}, {"when": datetime(2026, 1, 2, tzinfo=UTC)}
        )
        assert entry is not None and entry.after == {"when": "2026-01-02 00:00:00+00:00"}
    assert audit.changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == [
        audit.Change("b", 2, 3),
        audit.Change("c", None, None),
    ]


def test_the_audit_page_handlers_check_the_role_and_their_arguments():
    signed, _, get = signed_in(1)
    page = get(AdminAuditState)
    assert "/dashboard" in redirect_target(call(page, "load"))
    call(page, "set_action", "set_role")
    assert page.rows == []

    users.assign_role(signed.user.id, "admin")
    target = new_user(2)
    boss = users.find_by_email(signed.user.email)
    from lumiku.services import auth

    users.set_role(auth.resolve(signed.token), target, "admin")
    call(page, "load")
    assert page.total == 2  # the promotion by the command, then ours
    row = page.rows[0]
    assert row.admin == boss.email and row.target == "user2@example.com"
    assert row.changes == ["role: user → admin"]
    assert row.action == "Mengubah peran"
    assert page.rows[1].admin == "perintah lumiku di server"
    call(page, "set_action", "all")
    for junk in ("'; DROP TABLE users; --", {"x": 1}, None):
        call(page, "set_action", junk)
        assert page.action == "all" and page.total == 2
    call(page, "set_action", "set_plan")
    assert page.total == 0
    call(page, "set_action", "all")
    call(page, "search", ["not", "text"])
    assert page.query == "" and page.total == 2
    call(page, "search", "user2@")
    assert page.total == 1
    call(page, "go_to_page", "x")
    call(page, "go_to_page", 10**12)
    assert page.page == 1
