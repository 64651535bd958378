"""Admin: the audit log, every change an admin made with its values before and after."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.admin import admin_header, filter_bar, search_input
from lumiku.components.forms import error_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.pager import pager
from lumiku.components.tables import card_table, cell, header
from lumiku.components.text import t
from lumiku.services.audit import ACTIONS
from lumiku.state.admin_audit import ALL, AdminAuditState, AuditRow


def _action_filter() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="audit-action", aria_label=t("admin_audit_col_action")),
        rx.select.content(
            rx.select.item(t("admin_audit_all_actions"), value=ALL),
            *[rx.select.item(t(f"admin_action_{action}"), value=action) for action in ACTIONS],
        ),
        value=AdminAuditState.action,
        on_change=AdminAuditState.set_action,
    )


def _audit_row(row: AuditRow) -> rx.Component:
    return rx.table.row(
        cell("", rx.text(row.action, weight="medium")),
        cell("admin_audit_col_target", rx.text(row.target, class_name="audit-target")),
        cell(
            "admin_audit_col_changes",
            rx.vstack(
                rx.foreach(
                    row.changes,
                    lambda change: rx.code(
                        change, size="1", overflow_wrap="anywhere", class_name="audit-change"
                    ),
                ),
                spacing="1",
                align=rx.breakpoints(initial="end", xs="start"),
            ),
        ),
        cell("admin_audit_col_admin", rx.text(row.admin, size="2", class_name="audit-admin")),
        cell("admin_audit_col_when", row.when, white_space="nowrap"),
        class_name="audit-row",
    )


@signed_in_page(routes.ADMIN_AUDIT, "Audit log", on_load=AdminAuditState.load)
def admin_audit() -> rx.Component:
    return rx.vstack(
        admin_header("admin_audit_title"),
        filter_bar(
            search_input(
                "admin_audit_search",
                AdminAuditState.query,
                AdminAuditState.search.debounce(300),
                "audit-search",
            ),
            _action_filter(),
        ),
        error_callout(AdminAuditState.error, "audit-error"),
        card_table(
            header(
                "admin_audit_col_action",
                "admin_audit_col_target",
                "admin_audit_col_changes",
                "admin_audit_col_admin",
                "admin_audit_col_when",
            ),
            rx.table.body(rx.foreach(AdminAuditState.rows, _audit_row)),
            table_id="audit-table",
        ),
        rx.cond(
            AdminAuditState.total == 0,
            rx.text(t("admin_audit_empty"), color_scheme="gray", id="audit-empty"),
        ),
        pager(AdminAuditState.page, AdminAuditState.pages, AdminAuditState.go_to_page),
        spacing="4",
        width="100%",
    )
