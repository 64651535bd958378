"""Admin: users and their roles. The server checks the role on every call (see services.users)."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.text import t
from lumiku.state.admin import AdminUsersState, UserListRow


def _row(row: UserListRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.email),
        rx.table.cell(row.name),
        rx.table.cell(
            rx.select(
                ["user", "admin"],
                value=row.role,
                on_change=lambda role: AdminUsersState.set_role(row.id, role),
                size="1",
            )
        ),
        rx.table.cell(row.account_type),
        rx.table.cell(row.joined),
    )


@signed_in_page(routes.ADMIN_USERS, "Users", on_load=AdminUsersState.load)
def admin_users() -> rx.Component:
    return rx.vstack(
        rx.heading(t("admin_users_title"), size="7", as_="h1"),
        rx.input(
            placeholder=t("admin_search"),
            value=AdminUsersState.query,
            on_change=AdminUsersState.search.debounce(300),
            width="100%",
            max_width="24rem",
            id="admin-search",
        ),
        error_callout(AdminUsersState.error, "admin-error"),
        notice_callout(AdminUsersState.notice, "admin-notice"),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(t(k))
                            for k in (
                                "admin_col_email",
                                "admin_col_name",
                                "admin_col_role",
                                "admin_col_account",
                                "admin_col_joined",
                            )
                        ]
                    )
                ),
                rx.table.body(rx.foreach(AdminUsersState.rows, _row)),
                width="100%",
                id="admin-users-table",
            ),
            overflow_x="auto",
            width="100%",
        ),
        rx.cond(AdminUsersState.total == 0, rx.text(t("admin_no_users"), color_scheme="gray")),
        rx.hstack(
            rx.button(
                t("prev"),
                variant="soft",
                disabled=AdminUsersState.page <= 1,
                on_click=AdminUsersState.go_to_page(AdminUsersState.page - 1),
            ),
            rx.text(AdminUsersState.page, " / ", AdminUsersState.pages),
            rx.button(
                t("next"),
                variant="soft",
                disabled=AdminUsersState.page >= AdminUsersState.pages,
                on_click=AdminUsersState.go_to_page(AdminUsersState.page + 1),
            ),
            align="center",
        ),
        spacing="4",
        width="100%",
    )
