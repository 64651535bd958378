"""Admin: each app's and each model's use per day (generations, outputs, credits, failures)
as charts and tables, and CSV exports of users, payments and the credit ledger."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku import routes
from lumiku.components.admin import admin_header
from lumiku.components.forms import card, error_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.tables import card_table, cell, header
from lumiku.components.text import t
from lumiku.services.analytics import EXPORTS, PERIODS
from lumiku.state.admin_usage import AdminUsageState, UsageRow


def _period_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="usage-days", aria_label=t("field_days")),
        rx.select.content(
            *[rx.select.item(t(f"admin_usage_{n}_days"), value=str(n)) for n in PERIODS]
        ),
        value=AdminUsageState.days,
        on_change=AdminUsageState.set_days,
    )


def _scope_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="usage-scope", aria_label=t("admin_usage_scope"), max_width="18rem"),
        rx.select.content(
            rx.foreach(
                AdminUsageState.scopes,
                lambda option: rx.select.item(option.label, value=option.value),
            )
        ),
        value=AdminUsageState.scope,
        on_change=AdminUsageState.set_scope,
    )


def _axes() -> list[rx.Component]:
    return [
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        rx.recharts.x_axis(data_key="day"),
        rx.recharts.y_axis(allow_decimals=False, width=40),
        rx.recharts.graphing_tooltip(),
        rx.recharts.legend(),
    ]


def _chart_card(title_key: str, chart: Any, card_id: str, *series: rx.Component) -> rx.Component:
    """One chart of the daily figures in its card; `chart` is a recharts chart builder."""
    return card(
        rx.heading(t(title_key), size="3", as_="h2"),
        chart(*series, *_axes(), data=AdminUsageState.chart, height=240, width="100%"),
        id=card_id,
    )


def _charts() -> rx.Component:
    return rx.grid(
        _chart_card(
            "admin_usage_work_chart",
            rx.recharts.bar_chart,
            "usage-work-chart",
            rx.recharts.bar(
                data_key="generations",
                name=t("admin_usage_generations"),
                fill=rx.color("violet", 9),
            ),
            rx.recharts.bar(
                data_key="outputs", name=t("admin_usage_outputs"), fill=rx.color("teal", 9)
            ),
            rx.recharts.bar(
                data_key="failed", name=t("admin_usage_failed"), fill=rx.color("red", 9)
            ),
        ),
        _chart_card(
            "admin_usage_credits_chart",
            rx.recharts.bar_chart,
            "usage-credits-chart",
            rx.recharts.bar(
                data_key="credits", name=t("admin_usage_credits"), fill=rx.color("amber", 9)
            ),
        ),
        _chart_card(
            "admin_usage_failure_chart",
            rx.recharts.line_chart,
            "usage-failure-chart",
            rx.recharts.line(
                data_key="failure_rate",
                name=t("admin_usage_failure_rate"),
                stroke=rx.color("red", 9),
                dot=False,
            ),
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


def _usage_row(row: UsageRow) -> rx.Component:
    return rx.table.row(
        cell("", rx.text(row.name, weight="medium")),
        cell("admin_usage_generations", row.generations, text_align="right"),
        cell("admin_usage_outputs", row.outputs, text_align="right"),
        cell("admin_usage_failed", row.failed, text_align="right"),
        cell("admin_usage_failure_rate", row.failure_rate, text_align="right"),
        cell("admin_usage_credits", row.credits, text_align="right"),
        class_name="usage-row",
        custom_attrs={"data-key": row.key},
    )


def _table(title_key: str, first_key: str, rows, table_id: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title_key), size="4", as_="h2"),
        card_table(
            header(
                first_key,
                "admin_usage_generations",
                "admin_usage_outputs",
                "admin_usage_failed",
                "admin_usage_failure_rate",
                "admin_usage_credits",
            ),
            rx.table.body(rx.foreach(rows, _usage_row)),
            table_id=table_id,
        ),
        width="100%",
    )


def _exports() -> rx.Component:
    return card(
        rx.heading(t("admin_exports_title"), size="4", as_="h2"),
        rx.text(t("admin_exports_hint"), size="2", color_scheme="gray"),
        rx.flex(
            *[
                rx.button(
                    rx.icon("download", size=14),
                    t(f"admin_export_{table}"),
                    variant="soft",
                    id=f"export-{table}",
                    on_click=AdminUsageState.export(table),
                )
                for table in EXPORTS
            ],
            gap="3",
            wrap="wrap",
        ),
        id="usage-exports",
    )


@signed_in_page(routes.ADMIN_USAGE, "App usage", on_load=AdminUsageState.load)
def admin_usage() -> rx.Component:
    return rx.vstack(
        admin_header("admin_usage_title"),
        rx.flex(_period_select(), _scope_select(), gap="3", wrap="wrap", align="center"),
        error_callout(AdminUsageState.error, "usage-error"),
        rx.cond(
            AdminUsageState.has_usage,
            rx.fragment(),
            rx.text(t("admin_usage_empty"), color_scheme="gray", id="usage-empty"),
        ),
        _charts(),
        _table("admin_usage_by_app", "admin_col_app", AdminUsageState.apps, "usage-apps-table"),
        _table(
            "admin_usage_by_model", "admin_col_model", AdminUsageState.models, "usage-models-table"
        ),
        _exports(),
        spacing="4",
        width="100%",
    )
