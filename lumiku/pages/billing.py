"""Credits (balance, history, usage) and plans (compare, current plan, quota meters)."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.dialogs import confirm_dialog
from lumiku.components.forms import card, error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.pager import pager
from lumiku.components.payments import buy_credits, buy_dialog, subscribe_button
from lumiku.components.tables import card_table, cell
from lumiku.components.text import t
from lumiku.services.billing import KINDS
from lumiku.state.billing import CreditsState, EntryRow, PlanCard, PlansState, QuotaMeter
from lumiku.state.live import WalletState
from lumiku.state.payments import BuyState

PHONE_ONLY = ["block", "none"]


def _entry(row: EntryRow) -> rx.Component:
    return rx.table.row(
        cell("", row.date, white_space="nowrap", wide_only=True),
        cell(
            "",
            rx.vstack(
                rx.badge(row.kind, variant="soft"),
                rx.cond(row.description != "", rx.text(row.description, size="2")),
                rx.cond(row.note != "", rx.text(row.note, size="1", color_scheme="gray")),
                rx.text(row.date, size="1", color_scheme="gray", display=PHONE_ONLY),
                spacing="1",
            ),
        ),
        cell(
            "col_amount",
            rx.text(
                row.amount,
                color=rx.cond(row.positive, rx.color("green", 11), rx.color("red", 11)),
                weight="medium",
            ),
            text_align="right",
        ),
        cell("col_balance", row.balance_after, text_align="right"),
        class_name="ledger-row",
    )


def _kind_filter() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(placeholder=t("credits_filter_all"), id="kind-filter"),
        rx.select.content(
            rx.select.item(t("credits_filter_all"), value="all"),
            *[rx.select.item(t(f"kind_{kind}"), value=kind) for kind in KINDS],
        ),
        value=rx.cond(CreditsState.kind == "", "all", CreditsState.kind),
        on_change=CreditsState.filter_kind,
    )


def _usage_chart() -> rx.Component:
    return card(
        rx.heading(t("usage_title"), size="4", as_="h2"),
        rx.cond(
            CreditsState.usage.length() > 0,
            rx.recharts.bar_chart(
                rx.recharts.bar(
                    data_key="credits", name=t("usage_credits"), fill=rx.color("violet", 9)
                ),
                rx.recharts.bar(data_key="quota", name=t("usage_quota"), fill=rx.color("teal", 9)),
                rx.recharts.x_axis(data_key="app"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                rx.recharts.legend(),
                data=CreditsState.usage,
                height=260,
                width="100%",
            ),
            rx.text(t("usage_empty"), color_scheme="gray", id="usage-empty"),
        ),
    )


@signed_in_page(routes.CREDITS, "Credits", on_load=CreditsState.load)
def credits() -> rx.Component:
    return rx.vstack(
        rx.heading(t("credits_title"), size="7", as_="h1"),
        error_callout(CreditsState.error, "credits-error"),
        card(
            rx.text(t("credits_balance"), color_scheme="gray"),
            rx.hstack(
                rx.heading(WalletState.credits_text, size="8", id="credits-balance"),
                rx.text(t("unit_credits"), color_scheme="gray"),
                align="baseline",
            ),
            on_mount=WalletState.load,
        ),
        buy_credits(),
        card(
            rx.flex(
                rx.heading(t("credits_history"), size="4", as_="h2"),
                _kind_filter(),
                justify="between",
                align="center",
                width="100%",
                spacing="3",
                wrap="wrap",
            ),
            card_table(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(t("col_date")),
                        rx.table.column_header_cell(t("col_description")),
                        rx.table.column_header_cell(t("col_amount"), text_align="right"),
                        rx.table.column_header_cell(t("col_balance"), text_align="right"),
                    )
                ),
                rx.table.body(rx.foreach(CreditsState.rows, _entry)),
                table_id="ledger",
            ),
            rx.cond(
                CreditsState.loaded & (CreditsState.total == 0),
                rx.text(t("credits_empty"), color_scheme="gray"),
            ),
            pager(CreditsState.page, CreditsState.pages, CreditsState.go_to_page),
        ),
        _usage_chart(),
        spacing="5",
        width="100%",
    )


def _plan(plan: PlanCard) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(plan.name, size="4"),
                rx.cond(plan.current, rx.badge(t("plans_this"), color_scheme="green")),
                justify="between",
                width="100%",
                align="center",
            ),
            rx.hstack(
                rx.text(plan.price, size="6", weight="bold"),
                rx.text(plan.per, color_scheme="gray"),
                align="baseline",
            ),
            rx.text(plan.daily, " · ", plan.monthly, size="2"),
            rx.vstack(
                rx.text(t("plans_apps"), size="2", weight="medium"),
                rx.foreach(plan.apps, lambda line: rx.text(line, size="2", color_scheme="gray")),
                spacing="0",
                class_name="plan-apps",
            ),
            rx.cond(
                plan.current,
                rx.fragment(),
                rx.cond(
                    plan.free,
                    rx.button(
                        t("plans_choose_free"),
                        on_click=PlansState.choose_free_plan,
                        variant="soft",
                        id="choose-free-plan",
                        disabled=PlansState.current_is_paid,
                    ),
                    subscribe_button(plan.id),
                ),
            ),
            spacing="2",
            align="start",
        ),
        class_name="plan-card",
    )


def _meter(meter: QuotaMeter) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(meter.label, weight="medium"),
            rx.text(meter.text, size="2", color_scheme="gray"),
            justify="between",
            width="100%",
            wrap="wrap",
        ),
        rx.progress(value=meter.percent, width="100%"),
        spacing="1",
        width="100%",
        class_name="quota-meter",
    )


def _cancel_dialog() -> rx.Component:
    return confirm_dialog(
        title_key="plans_cancel_confirm_title",
        body_key="plans_cancel_confirm_body",
        confirm_key="confirm",
        on_confirm=PlansState.cancel_plan,
        confirm_id="confirm-cancel-plan",
        trigger=rx.button(
            t("plans_cancel"), variant="outline", color_scheme="red", id="cancel-plan"
        ),
    )


@signed_in_page(routes.PLANS, "Plans", on_load=PlansState.load)
def plans() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            rx.heading(t("plans_title"), size="7", as_="h1"),
            rx.text(t("plans_subtitle"), color_scheme="gray"),
            spacing="1",
        ),
        error_callout(PlansState.error, "plans-error"),
        notice_callout(PlansState.notice, "plans-notice"),
        card(
            rx.text(t("plans_current"), color_scheme="gray"),
            rx.heading(PlansState.current_name, size="6", id="current-plan"),
            rx.cond(
                PlansState.subscribed,
                rx.vstack(
                    rx.text(PlansState.current_status, size="2"),
                    rx.foreach(PlansState.meters, _meter),
                    _cancel_dialog(),
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                rx.text(t("plans_payg_body"), size="2", color_scheme="gray"),
            ),
        ),
        rx.grid(
            rx.foreach(PlansState.plans, _plan),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="4",
            width="100%",
            id="plan-list",
        ),
        rx.cond(
            ~BuyState.configured,
            rx.callout(t("payments_off"), icon="info", id="payments-off", width="100%"),
        ),
        buy_dialog(),
        rx.fragment(on_mount=BuyState.load),
        spacing="5",
        width="100%",
    )
