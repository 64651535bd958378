"""An admin changes a user's role and reads it in the audit log with its before and after, sees
the usage charts, and downloads the credit ledger as CSV."""

from __future__ import annotations

import re
import secrets
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from lumiku.db import session_scope, utcnow
from lumiku.models import Generation, GenerationItem
from lumiku.services import users
from tests.e2e.browser import settle_page, signed_in
from tests.factories import PASSWORD, register


def _made_today(user_id: int) -> None:
    """A Video Mixer generation of today with one output and one failure, for the charts."""
    gid = secrets.token_hex(8)
    with session_scope() as db:
        db.add(
            Generation(
                id=gid,
                user_id=user_id,
                app_id="video-mixer",
                title="e2e",
                model_key="video-mixer:ffmpeg-standard",
                status="partly_succeeded",
            )
        )
        db.flush()
        for n, status in enumerate(("succeeded", "failed")):
            db.add(
                GenerationItem(
                    id=f"{gid}{n}", generation_id=gid, index=n, status=status, finished_at=utcnow()
                )
            )


def test_admin_reads_the_audit_log_usage_and_exports(page: Page, base_url: str, tmp_path: Path):
    tag = uuid.uuid4().hex[:6]
    boss = register(1, prefix=f"insight-{tag}-").user
    users.assign_role(boss.id, "admin")
    target = register(2, prefix=f"insight-{tag}-").user
    _made_today(target.id)
    signed_in(page, base_url, {"email": boss.email, "password": PASSWORD})

    settle_page(page, f"{base_url}/admin/users", signed_in=True)
    page.locator("#admin-search").fill(target.email)
    expect(page.locator(".admin-user-row")).to_have_count(1)  # the search has answered
    row = page.locator(".admin-user-row", has_text=target.email)
    expect(row).to_have_count(1)
    row.get_by_role("combobox").first.click()
    page.get_by_role("option", name="admin", exact=True).click()
    expect(page.locator("#admin-notice")).to_be_visible()

    page.locator("#link-admin-audit").click()
    expect(page).to_have_url(re.compile(r"/admin/audit/?$"))
    entry = page.locator(".audit-row", has_text=target.email)
    expect(entry).to_have_count(1)
    expect(entry.locator(".audit-change")).to_have_text("role: user → admin")
    expect(entry.locator(".audit-admin")).to_have_text(boss.email)

    settle_page(page, f"{base_url}/admin/usage", signed_in=True)
    expect(page.locator("#usage-work-chart .recharts-wrapper > svg")).to_be_visible()
    expect(page.locator("#usage-work-chart .recharts-bar-rectangle").first).to_be_attached()
    expect(page.locator("#usage-apps-table .usage-row", has_text="Video Mixer")).to_be_visible()

    with page.expect_download() as info:
        page.locator("#export-ledger").click()
    download = info.value
    assert re.fullmatch(r"lumiku-ledger-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"\xef\xbb\xbfid,user_id,email,amount,")
    assert target.email.encode() in content
