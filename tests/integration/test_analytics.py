"""App usage per local day for admins, and the admin CSV exports: who may have them, what they
hold, and that a spreadsheet opening them runs nothing."""

from __future__ import annotations

import csv
import io
import secrets
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from lumiku.api import api
from lumiku.db import session_scope
from lumiku.models import AdminAuditEntry, Generation, GenerationItem, Hold, HoldCapture, User
from lumiku.services import analytics, auth, billing, users
from lumiku.services.errors import Forbidden, NotFound, ServiceError
from lumiku.settings import get_settings
from lumiku.state.admin_usage import AdminUsageState
from tests.factories import admin, call, new_user, redirect_target, signed_in

pytestmark = pytest.mark.usefixtures("db", "rds")

client = TestClient(api)
# 25 Nov 2026, 10:00 in Jakarta (UTC+7): "today" for the usage tests
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def generation(
    user_id: int,
    app_id: str,
    model_key: str,
    at: datetime,
    items: list[str],
    captured: list[int] | None = None,
    finished: datetime | None = None,
) -> str:
    """A generation made at `at` whose items ended as `items` (statuses) at `finished`, with
    the credit captures given."""
    gid = secrets.token_hex(8)
    with session_scope() as db:
        hold = Hold(
            id=secrets.token_hex(8),
            user_id=user_id,
            unit="credits",
            app_id=app_id,
            model_key=model_key,
            amount=1000,
            idempotency_key=f"hold-{gid}",
            payload_hash="x",
            expires_at=at + timedelta(hours=6),
            created_at=at,
        )
        db.add(hold)
        db.add(
            Generation(
                id=gid,
                user_id=user_id,
                app_id=app_id,
                title="t",
                model_key=model_key,
                hold_id=hold.id,
                created_at=at,
            )
        )
        db.flush()
        for n, status in enumerate(items):
            done = status in ("succeeded", "failed", "cancelled")
            db.add(
                GenerationItem(
                    id=f"{gid}{n:02d}",
                    generation_id=gid,
                    index=n,
                    status=status,
                    finished_at=(finished or at) if done else None,
                )
            )
        for n, amount in enumerate(captured or []):
            db.add(
                HoldCapture(
                    hold_id=hold.id,
                    idempotency_key=f"cap-{gid}-{n}",
                    amount=amount,
                    created_at=finished or at,
                )
            )
    return gid


def test_usage_counts_per_local_day_app_and_model():
    boss = admin(1)
    maker = new_user(2)
    # 24 Nov 17:30 UTC is already 25 Nov in Jakarta
    generation(maker, "video-mixer", "video-mixer:ffmpeg-standard",
               datetime(2026, 11, 24, 17, 30, tzinfo=UTC), ["succeeded", "succeeded", "failed"],
               captured=[10, 10])  # fmt: skip
    # 24 Nov in Jakarta; one item still running, one cancelled (neither finished nor failed)
    generation(maker, "video-mixer", "video-mixer:ffmpeg-hd",
               datetime(2026, 11, 24, 16, 0, tzinfo=UTC), ["succeeded", "running", "cancelled"],
               captured=[25])  # fmt: skip
    generation(maker, "carousel-mix", "carousel-mix:pillow",
               datetime(2026, 11, 20, 1, 0, tzinfo=UTC), ["failed", "failed"])  # fmt: skip
    # before the 7-day period (19 Nov in Jakarta is its first day)
    generation(maker, "carousel-mix", "carousel-mix:pillow",
               datetime(2026, 11, 18, 16, 59, tzinfo=UTC), ["succeeded"], captured=[5])  # fmt: skip
    week = analytics.usage(boss, 7, now=NOW)
    assert [d.isoformat() for d in (week.days[0], week.days[-1])] == ["2026-11-19", "2026-11-25"]
    total = week.total.totals
    assert (total.generations, total.outputs, total.failed, total.credits) == (3, 3, 3, 45)
    assert total.failure_rate == 0.5
    by_app = {line.key: line for line in week.apps}
    assert [line.key for line in week.apps] == ["video-mixer", "carousel-mix"]  # busiest first
    mixer = by_app["video-mixer"]
    assert mixer.name == "Video Mixer"
    assert (mixer.totals.generations, mixer.totals.outputs, mixer.totals.credits) == (2, 3, 45)
    assert mixer.totals.failure_rate == 0.25
    assert [d.generations for d in mixer.days] == [0, 0, 0, 0, 0, 1, 1]
    assert [d.credits for d in mixer.days] == [0, 0, 0, 0, 0, 25, 20]
    carousel = by_app["carousel-mix"]
    assert (carousel.totals.outputs, carousel.totals.failed) == (0, 2)
    assert carousel.totals.failure_rate == 1.0
    assert [d.failed for d in carousel.days] == [0, 2, 0, 0, 0, 0, 0]
    by_model = {line.key: line for line in week.models}
    assert set(by_model) == {
        "video-mixer:ffmpeg-standard",
        "video-mixer:ffmpeg-hd",
        "carousel-mix:pillow",
    }
    assert by_model["video-mixer:ffmpeg-hd"].totals.failure_rate == 0.0
    assert by_model["video-mixer:ffmpeg-hd"].app_id == "video-mixer"
    month = analytics.usage(boss, 30, now=NOW)
    assert len(month.days) == 30 and month.total.totals.generations == 4
    empty = analytics.usage(boss, 90, now=NOW + timedelta(days=400))
    assert empty.total.totals.failure_rate is None and empty.apps == []


def test_usage_is_for_admins_over_known_periods():
    boss, normal = admin(1), auth.resolve(signed_in(2)[0].token)
    for nobody in (None, normal):
        with pytest.raises(Forbidden):
            analytics.usage(nobody, 7)
    for odd in (0, 8, "7", True, 365, None):
        with pytest.raises(ServiceError):
            analytics.usage(boss, odd)


def rows_of(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_only_an_admins_fresh_link_downloads_a_csv(monkeypatch):
    boss = admin(1)
    normal = auth.resolve(signed_in(2)[0].token)
    with pytest.raises(Forbidden):
        analytics.export_link(normal, "users")
    with pytest.raises(Forbidden):
        analytics.export_link(None, "users")
    with pytest.raises(ServiceError):
        analytics.export_link(boss, "sessions")

    def forged(**claims) -> str:
        base = {"use": "admin_export", "uid": boss.id, "table": "users"}
        base["exp"] = datetime.now(UTC) + timedelta(seconds=60)
        return jwt.encode({**base, **claims}, get_settings().effective_secret_key, "HS256")

    for path in (
        "/api/admin/exports/",
        "/api/admin/exports/not-a-token",
        f"/api/admin/exports/{forged(uid=normal.id)}",  # a user who is no admin
        f"/api/admin/exports/{forged(table='sessions')}",
        f"/api/admin/exports/{forged(use='file')}",
        f"/api/admin/exports/{forged(exp=datetime.now(UTC) - timedelta(seconds=1))}",
        "/api/admin/exports/"
        + jwt.encode(
            {"use": "admin_export", "uid": boss.id, "table": "users", "exp": 4102444800},
            "another-key-" * 4,
            "HS256",
        ),  # fmt: skip
    ):
        assert client.get(path).status_code == 404, path
    link = analytics.export_link(boss, "users")
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "private, no-store"
    table = rows_of(response)
    assert table[0] == list(analytics.COLUMNS["users"])
    assert {r[1] for r in table[1:]} == {boss.email, normal.email}
    with session_scope() as db:
        logged = db.exec(
            select(AdminAuditEntry).where(AdminAuditEntry.action == "export_csv")
        ).all()
    assert [(e.admin_id, e.target_id) for e in logged] == [(boss.id, "users")]
    token = signed_in(3)[0].token
    users.assign_role(auth.resolve(token).id, "admin")
    demoted = auth.resolve(token)
    later = analytics.export_link(demoted, "ledger")
    users.assign_role(demoted.id, "user")  # no longer an admin when the link is opened
    assert client.get(later).status_code == 404


def test_exports_quote_cells_and_never_let_a_spreadsheet_run_a_formula(monkeypatch):
    monkeypatch.setattr(analytics, "BATCH", 2)  # several batches, several chunks
    boss = admin(1)
    victim = new_user(2)
    with session_scope() as db:
        user = db.get(User, victim)
        user.name = '=HYPERLINK("http://evil.example","klik"), "kutip"'
    for n, text in enumerate(["+62 811", "-5 koreksi", "@SUM(A1)", "biasa; dengan, koma"]):
        billing.add_credits(victim, 10, "grant", f"g-{n}", text)
    billing.add_credits(victim, -5, "adjustment", "adj", "Koreksi saldo")
    users_csv = rows_of(client.get(analytics.export_link(boss, "users")))
    names = {row[1]: row[2] for row in users_csv[1:]}
    assert names["user2@example.com"] == '\'=HYPERLINK("http://evil.example","klik"), "kutip"'
    ledger = rows_of(client.get(analytics.export_link(boss, "ledger")))
    header, lines = ledger[0], ledger[1:]
    assert header == list(analytics.COLUMNS["ledger"])
    described = {row[header.index("description")]: row for row in lines}
    assert set(described) >= {"'+62 811", "'-5 koreksi", "'@SUM(A1)", "biasa; dengan, koma"}
    adjustment = described["Koreksi saldo"]
    assert adjustment[header.index("amount")] == "-5"  # a number stays a number
    assert adjustment[header.index("email")] == "user2@example.com"
    assert adjustment[header.index("created_at")].endswith("+07:00")  # Jakarta time
    assert len(lines) == 7  # both users' welcome bonus, then the victim's five lines
    payments = rows_of(client.get(analytics.export_link(boss, "payments")))
    assert payments == [list(analytics.COLUMNS["payments"])]
    chunks = list(analytics.csv_stream("ledger"))
    assert len(chunks) >= 4 and chunks[0].startswith(b"\xef\xbb\xbf")
    with pytest.raises(NotFound):
        list(analytics.csv_stream("sessions"))
    assert analytics.safe_cell(-5) == -5 and analytics.safe_cell(None) == ""
    assert analytics.safe_cell("\t=1") == "'\t=1"


def test_the_usage_page_handlers_check_the_role_and_their_arguments():
    signed, _, get = signed_in(1)
    page = get(AdminUsageState)
    assert "/dashboard" in redirect_target(call(page, "load"))
    call(page, "export", "users")
    assert page.error  # refused by the service
    assert page.chart == []
    users.assign_role(signed.user.id, "admin")
    maker = new_user(2)
    generation(maker, "video-mixer", "video-mixer:ffmpeg-standard", datetime.now(UTC),
               ["succeeded", "failed"], captured=[10])  # fmt: skip
    call(page, "load")
    assert page.days == "30" and len(page.chart) == 30 and page.has_usage
    today = page.chart[-1]
    assert (today["generations"], today["outputs"], today["failed"]) == (1, 1, 1)
    assert (today["credits"], today["failure_rate"]) == (10, 50.0)
    assert [row.name for row in page.apps] == ["Video Mixer"]
    assert page.apps[0].failure_rate == "50%"
    assert [s.value for s in page.scopes] == [
        "all",
        "app:video-mixer",
        "model:video-mixer:ffmpeg-standard",
    ]
    for junk in ("365", 7, None, {"x": 1}):
        call(page, "set_days", junk)
        assert page.days == "30"
    call(page, "set_days", "7")
    assert len(page.chart) == 7
    call(page, "set_scope", "app:carousel-mix")  # nothing to show: not a choice
    assert page.scope == "all"
    call(page, "set_scope", "model:video-mixer:ffmpeg-standard")
    assert page.scope == "model:video-mixer:ffmpeg-standard" and page.chart[-1]["outputs"] == 1
    call(page, "export", "sessions")
    download = call(page, "export", "ledger")
    assert download is not None and "/api/admin/exports/" in str(download)
