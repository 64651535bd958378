"""Admin: users (role, plan, credits) and the AI model registry. The server checks the role on
every call (see services.users)."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.admin import admin_header, filter_bar, search_input
from lumiku.components.forms import error_callout, field, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.pager import pager
from lumiku.components.payments import payment_header, payment_row
from lumiku.components.tables import card_table, cell, header
from lumiku.components.text import t
from lumiku.services.ai import PROVIDERS
from lumiku.services.payments import STATUSES
from lumiku.state.admin import (
    NO_FALLBACK,
    AdminModelsState,
    AdminQueuesState,
    AdminUsersState,
    ModelRow,
    UserListRow,
)
from lumiku.state.payments import AdminPaymentsState


def _plan_select(row: UserListRow) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(),
        rx.select.content(
            rx.foreach(
                AdminUsersState.plan_options,
                lambda option: rx.select.item(option.name, value=option.id),
            )
        ),
        value=row.plan,
        size="1",
        on_change=lambda plan: AdminUsersState.set_plan(row.id, plan),
    )


def _user_row(row: UserListRow) -> rx.Component:
    return rx.table.row(
        cell(
            "",
            rx.vstack(
                rx.text(row.email, weight="medium"),
                rx.text(row.name, size="1", color_scheme="gray"),
                spacing="0",
            ),
        ),
        cell(
            "admin_col_role",
            rx.select(
                ["user", "admin"],
                value=row.role,
                size="1",
                on_change=lambda role: AdminUsersState.set_role(row.id, role),
            ),
        ),
        cell("admin_plan", _plan_select(row)),
        cell(
            "admin_credits",
            rx.hstack(
                rx.text(row.credits),
                rx.icon_button(
                    rx.icon("pencil", size=14),
                    size="1",
                    variant="soft",
                    aria_label=t("admin_adjust_title"),
                    class_name="adjust-credits",
                    on_click=AdminUsersState.open_adjust(row.id),
                ),
                align="center",
            ),
        ),
        cell(
            "admin_storage",
            rx.hstack(
                rx.text(row.storage, size="2", white_space="nowrap"),
                rx.input(
                    default_value=row.quota_mb.to_string(),
                    type="number",
                    min=1,
                    size="1",
                    width="6rem",
                    key=row.email + row.quota_mb.to_string(),
                    aria_label=t("admin_storage"),
                    class_name="quota-input",
                    on_blur=lambda mb: AdminUsersState.set_quota(row.id, mb),
                ),
                align="center",
            ),
        ),
        cell("admin_col_joined", row.joined, white_space="nowrap"),
        class_name="admin-user-row",
    )


def _adjust_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("admin_adjust_title")),
            rx.dialog.description(AdminUsersState.adjust_email),
            rx.form(
                rx.vstack(
                    error_callout(AdminUsersState.adjust_error, "adjust-error"),
                    field(
                        "admin_amount", "amount", type_="number", required=True, id="adjust-amount"
                    ),
                    field(
                        "admin_reason", "reason", required=True, max_length=200, id="adjust-reason"
                    ),
                    rx.hstack(
                        rx.button(
                            t("cancel"),
                            type="button",
                            variant="soft",
                            color_scheme="gray",
                            on_click=AdminUsersState.close_adjust,
                        ),
                        rx.button(t("save"), type="submit", id="adjust-save"),
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                ),
                on_submit=AdminUsersState.submit_adjust,
                reset_on_submit=False,
            ),
        ),
        open=AdminUsersState.adjust_open,
        on_open_change=lambda _: AdminUsersState.close_adjust(),
    )


@signed_in_page(routes.ADMIN_USERS, "Users", on_load=AdminUsersState.load)
def admin_users() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading(t("admin_users_title"), size="7", as_="h1"),
            rx.hstack(
                rx.link(t("nav_admin_models"), href=routes.ADMIN_MODELS),
                rx.link(t("admin_payments_title"), href=routes.ADMIN_PAYMENTS),
                rx.link(t("admin_queues_title"), href=routes.ADMIN_QUEUES),
                rx.link(t("admin_usage_title"), href=routes.ADMIN_USAGE, id="link-admin-usage"),
                rx.link(t("admin_audit_title"), href=routes.ADMIN_AUDIT, id="link-admin-audit"),
                spacing="4",
                wrap="wrap",
            ),
            justify="between",
            align="center",
            width="100%",
            wrap="wrap",
            gap="2",
        ),
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
        card_table(
            header(
                "admin_col_email",
                "admin_col_role",
                "admin_plan",
                "admin_credits",
                "admin_storage",
                "admin_col_joined",
            ),
            rx.table.body(rx.foreach(AdminUsersState.rows, _user_row)),
            table_id="admin-users-table",
        ),
        rx.cond(AdminUsersState.total == 0, rx.text(t("admin_no_users"), color_scheme="gray")),
        pager(AdminUsersState.page, AdminUsersState.pages, AdminUsersState.go_to_page),
        _adjust_dialog(),
        spacing="4",
        width="100%",
    )


def _cost_input(row: ModelRow, value: rx.Var, handler) -> rx.Component:
    return rx.input(
        default_value=value.to_string(),
        type="number",
        min=0,
        size="1",
        width="5rem",
        key=row.key + value.to_string(),
        on_blur=lambda text: handler(row.key, text),
    )


def _problem(message: rx.Var) -> rx.Component:
    """A refused change, said on the row it was made in."""
    return rx.cond(
        message != "",
        rx.text(message, size="1", color="red", class_name="admin-model-problem"),
    )


def _provider_fields(row: ModelRow) -> rx.Component:
    """Who serves the model: the provider and its model id or endpoint URL (saved on blur)."""
    return rx.vstack(
        rx.select.root(
            rx.select.trigger(aria_label=t("admin_col_provider"), class_name="model-provider"),
            rx.select.content(
                *[rx.select.item(t(f"admin_provider_{p}"), value=p) for p in PROVIDERS]
            ),
            value=row.provider,
            size="1",
            on_change=lambda provider: AdminModelsState.set_provider(row.key, provider),
        ),
        rx.input(
            default_value=row.provider_model,
            placeholder=t("admin_provider_model_hint"),
            aria_label=t("field_provider_model"),
            size="1",
            width="100%",
            key=row.key + row.provider_model,
            class_name="model-provider-model",
            on_blur=lambda text: AdminModelsState.set_provider_model(row.key, text),
        ),
        spacing="1",
        width="14rem",
        max_width="100%",
    )


def _parameters_field(row: ModelRow) -> rx.Component:
    return rx.text_area(
        default_value=row.parameters,
        aria_label=t("admin_col_parameters"),
        size="1",
        rows="4",
        width="14rem",
        max_width="100%",
        font_family="var(--code-font-family)",
        key=row.key + row.parameters,
        class_name="model-parameters",
        on_blur=lambda text: AdminModelsState.set_parameters(row.key, text),
    )


def _fallback_select(row: ModelRow) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(
            aria_label=t("admin_col_fallback"), class_name="model-fallback", max_width="14rem"
        ),
        rx.select.content(
            rx.select.item(t("admin_fallback_none"), value=NO_FALLBACK),
            rx.foreach(row.fallbacks, lambda key: rx.select.item(key, value=key)),
        ),
        value=row.fallback,
        size="1",
        on_change=lambda choice: AdminModelsState.set_fallback(row.key, choice),
    )


def _status(row: ModelRow) -> rx.Component:
    """Ready, or why it is off; for an AI model, a connection test and its last result."""
    testing = AdminModelsState.testing == row.key
    return rx.vstack(
        rx.cond(
            row.ready,
            rx.badge(t("admin_model_ready"), color_scheme="green", variant="soft"),
            rx.text(row.reason, size="1", color_scheme="orange", class_name="admin-model-reason"),
        ),
        rx.cond(
            row.capability != "",
            rx.flex(
                rx.button(
                    t("admin_model_test"),
                    size="1",
                    variant="soft",
                    loading=testing,
                    disabled=AdminModelsState.testing != "",
                    class_name="model-test",
                    on_click=AdminModelsState.test_connection(row.key),
                ),
                rx.cond(
                    testing,
                    rx.fragment(),
                    rx.text(
                        row.test_result,
                        size="1",
                        color=rx.cond(row.test_ok, "green", "red"),
                        class_name="model-test-result",
                    ),
                ),
                gap="2",
                align="center",
                justify=rx.breakpoints(initial="end", xs="start"),  # a phone's card: to the right
                wrap="wrap",
            ),
        ),
        spacing="1",
        align=rx.breakpoints(initial="end", xs="start"),
        max_width="18rem",
    )


def _model_row(row: ModelRow) -> rx.Component:
    runs_here = row.capability == ""
    return rx.table.row(
        cell(
            "",
            rx.vstack(
                rx.text(row.name, weight="medium"),
                rx.code(row.key, size="1"),
                rx.badge(row.tier, variant="soft"),
                _problem(row.problem),
                spacing="1",
            ),
        ),
        cell("admin_col_status", _status(row)),
        cell(
            "admin_col_provider",
            rx.cond(
                runs_here,
                rx.text(t("admin_model_runs_here_short"), size="1", color_scheme="gray"),
                _provider_fields(row),
            ),
        ),
        cell(
            "admin_col_capability",
            rx.cond(runs_here, rx.text("—"), rx.badge(row.capability, color_scheme="blue")),
        ),
        cell(
            "admin_col_parameters",
            rx.cond(runs_here, rx.text("—"), _parameters_field(row)),
        ),
        cell("admin_col_fallback", rx.cond(runs_here, rx.text("—"), _fallback_select(row))),
        cell(
            "admin_col_credits",
            _cost_input(row, row.credit_cost, AdminModelsState.set_credit_cost),
        ),
        cell("admin_col_quota", _cost_input(row, row.quota_cost, AdminModelsState.set_quota_cost)),
        cell(
            "admin_col_enabled",
            rx.switch(
                checked=row.enabled, on_change=lambda on: AdminModelsState.set_enabled(row.key, on)
            ),
        ),
        class_name="admin-model-row",
        custom_attrs={"data-key": row.key},
    )


@signed_in_page(routes.ADMIN_MODELS, "AI models", on_load=AdminModelsState.load)
def admin_models() -> rx.Component:
    return rx.vstack(
        admin_header("admin_models_title"),
        error_callout(AdminModelsState.error, "models-error"),
        notice_callout(AdminModelsState.notice, "models-notice"),
        card_table(
            header(
                "admin_col_model",
                "admin_col_status",
                "admin_col_provider",
                "admin_col_capability",
                "admin_col_parameters",
                "admin_col_fallback",
                "admin_col_credits",
                "admin_col_quota",
                "admin_col_enabled",
            ),
            rx.table.body(rx.foreach(AdminModelsState.rows, _model_row)),
            table_id="admin-models-table",
        ),
        spacing="4",
        width="100%",
    )


def _status_filter() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="admin-payment-status"),
        rx.select.content(
            rx.select.item(t("admin_status_all"), value="all"),
            *[rx.select.item(t(f"payment_status_{s}"), value=s) for s in STATUSES],
        ),
        value=AdminPaymentsState.status,
        on_change=lambda value: AdminPaymentsState.set_filter("status", value),
    )


def _date_filter(label_key: str, name: str, value: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(t(label_key), size="2"),
        rx.input(
            type="date",
            value=value,
            size="2",
            on_change=lambda day: AdminPaymentsState.set_filter(name, day),
        ),
        align="center",
    )


@signed_in_page(routes.ADMIN_PAYMENTS, "Payments", on_load=AdminPaymentsState.load)
def admin_payments() -> rx.Component:
    return rx.vstack(
        admin_header("admin_payments_title"),
        filter_bar(
            search_input(
                "admin_search_payments",
                AdminPaymentsState.query,
                lambda q: AdminPaymentsState.set_filter("query", q).debounce(300),
                "admin-payment-search",
            ),
            _status_filter(),
            _date_filter("admin_from", "since", AdminPaymentsState.since),
            _date_filter("admin_to", "until", AdminPaymentsState.until),
        ),
        error_callout(AdminPaymentsState.error, "admin-payments-error"),
        card_table(
            payment_header(with_email=True),
            rx.table.body(rx.foreach(AdminPaymentsState.rows, lambda row: payment_row(row, True))),
            table_id="admin-payments-table",
        ),
        rx.cond(AdminPaymentsState.total == 0, rx.text(t("payments_empty"), color_scheme="gray")),
        pager(AdminPaymentsState.page, AdminPaymentsState.pages, AdminPaymentsState.go_to_page),
        spacing="4",
        width="100%",
    )


def _figure(
    title_key: str, value: rx.Var, figure_id: str, detail: rx.Var | None = None
) -> rx.Component:
    """One number of the metrics snapshot (the ones /api/metrics shows), with a line under it."""
    lines = [rx.text(detail, size="1", color_scheme="gray")] if detail is not None else []
    return rx.card(
        rx.vstack(
            rx.text(t(title_key), size="2", color_scheme="gray"),
            rx.heading(value, size="6", as_="p"),
            *lines,
            spacing="1",
        ),
        id=figure_id,
        min_width="14em",
    )


def _figures() -> rx.Component:
    return rx.flex(
        _figure(
            "admin_event_latency",
            AdminQueuesState.event_p95,
            "event-latency",
            AdminQueuesState.events_measured,
        ),
        _figure(
            "admin_holds_open",
            AdminQueuesState.holds_open,
            "holds-open",
            AdminQueuesState.oldest_hold,
        ),
        _figure("admin_generations_now", AdminQueuesState.generations_now, "generations-now"),
        spacing="3",
        wrap="wrap",
        width="100%",
    )


# The columns of the queues page's tables (phones show each row as a card labelled by them).
QUEUE_COLUMNS = (
    "admin_queue",
    "admin_queued",
    "admin_started",
    "admin_scheduled",
    "admin_failed",
    "admin_live_workers",
)
APP_JOB_COLUMNS = (
    "admin_app",
    "admin_runs",
    "admin_p50",
    "admin_p95",
    "admin_succeeded",
    "admin_failed",
    "admin_retried",
)


def _labelled_table(rows: rx.Var, columns: tuple[str, ...], values, table_id: str):
    """One row per item of `rows`, `values(item)` in `columns`' order; the first column is the
    row's title (unlabelled on phones, where rows become cards)."""
    return card_table(
        header(*columns),
        rx.table.body(
            rx.foreach(
                rows,
                lambda item: rx.table.row(
                    *[
                        cell(key if n else "", value)
                        for n, (key, value) in enumerate(zip(columns, values(item), strict=True))
                    ]
                ),
            )
        ),
        table_id=table_id,
    )


def _app_jobs() -> rx.Component:
    return rx.cond(
        AdminQueuesState.app_jobs.length() == 0,
        rx.text(t("admin_no_job_times"), color_scheme="gray"),
        _labelled_table(
            AdminQueuesState.app_jobs,
            APP_JOB_COLUMNS,
            lambda a: (a.app, a.runs, a.p50, a.p95, a.succeeded, a.failed, a.retried),
            "app-jobs",
        ),
    )


@signed_in_page(routes.ADMIN_QUEUES, "Queues", on_load=AdminQueuesState.load)
def admin_queues() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading(t("admin_queues_title"), size="7", as_="h1"),
            rx.button(
                rx.icon("refresh-cw", size=14),
                variant="soft",
                on_click=AdminQueuesState.load,
                aria_label="refresh",
            ),
            justify="between",
            align="center",
            width="100%",
        ),
        error_callout(AdminQueuesState.error, "queues-error"),
        notice_callout(AdminQueuesState.notice, "queues-notice"),
        _figures(),
        _labelled_table(
            AdminQueuesState.queues,
            QUEUE_COLUMNS,
            lambda q: (q.name, q.queued, q.started, q.scheduled, q.failed, q.workers),
            "queue-table",
        ),
        rx.heading(t("admin_job_times"), size="4", as_="h2"),
        _app_jobs(),
        rx.heading(t("admin_workers"), size="4", as_="h2"),
        rx.cond(
            AdminQueuesState.workers.length() == 0,
            rx.text(t("admin_no_workers"), color="red"),
            rx.vstack(
                rx.foreach(
                    AdminQueuesState.workers,
                    lambda w: rx.text(
                        w.name, " · ", w.state, " · ", w.queues, " · ", w.heartbeat, size="2"
                    ),
                ),
                id="worker-list",
            ),
        ),
        rx.heading(t("admin_failed_jobs"), size="4", as_="h2"),
        rx.cond(
            AdminQueuesState.failed.length() == 0,
            rx.text(t("admin_no_failed"), color_scheme="gray"),
            rx.vstack(
                rx.foreach(
                    AdminQueuesState.failed,
                    lambda f: rx.card(
                        rx.flex(
                            rx.vstack(
                                rx.text(f.description, weight="medium", size="2"),
                                rx.code(f.error, size="1"),
                                rx.text(f.queue, " · ", f.ended, size="1", color_scheme="gray"),
                                spacing="1",
                            ),
                            rx.button(
                                t("admin_requeue"),
                                size="1",
                                variant="soft",
                                on_click=AdminQueuesState.requeue(f.id),
                            ),
                            justify="between",
                            spacing="3",
                        ),
                        width="100%",
                    ),
                ),
                width="100%",
                id="failed-jobs",
            ),
        ),
        spacing="4",
        width="100%",
    )
