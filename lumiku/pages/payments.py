"""Buying through Duitku, the receipt that follows an order live, and the user's payments."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import card, error_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.pager import pager
from lumiku.components.text import t
from lumiku.state.payments import BuyState, MyPaymentsState, Offer, PaymentRow, PaymentState

STATUS_COLORS = (("paid", "green"), ("failed", "red"), ("expired", "gray"))


def status_badge(status: rx.Var) -> rx.Component:
    return rx.badge(
        rx.match(
            status,
            ("paid", t("payment_status_paid")),
            ("failed", t("payment_status_failed")),
            ("expired", t("payment_status_expired")),
            t("payment_status_pending"),
        ),
        color_scheme=rx.match(status, *STATUS_COLORS, "amber"),
        class_name="payment-status",
    )


def buy_dialog() -> rx.Component:
    """Nothing is spent without saying what and how much first."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("buy_confirm_title")),
            rx.hstack(
                rx.text(BuyState.confirm_name, weight="bold"),
                rx.text(BuyState.confirm_price, weight="bold"),
                justify="between",
            ),
            rx.cond(
                BuyState.confirm_note != "",
                rx.callout(
                    BuyState.confirm_note,
                    icon="info",
                    color_scheme="amber",
                    size="1",
                    margin_top="0.5rem",
                    id="buy-plan-note",
                ),
            ),
            rx.text(t("buy_confirm_body"), size="2", color_scheme="gray", margin_top="0.5rem"),
            error_callout(BuyState.error, "buy-error"),
            rx.hstack(
                rx.button(
                    t("cancel"), variant="soft", color_scheme="gray", on_click=BuyState.close
                ),
                rx.button(
                    t("buy_continue"),
                    on_click=BuyState.pay,
                    loading=BuyState.busy,
                    id="buy-continue",
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
        ),
        open=BuyState.confirm_open,
        on_open_change=lambda _: BuyState.close(),
    )


def _package(offer: Offer) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(offer.name, weight="bold"),
            rx.hstack(
                rx.heading(offer.credits, size="5"), rx.text(t("unit_credits")), align="baseline"
            ),
            rx.text(offer.price, size="3"),
            rx.button(
                t("buy_button"),
                on_click=BuyState.choose(offer.type, offer.id),
                disabled=~BuyState.configured,
                class_name="buy-package",
                width="100%",
            ),
            spacing="2",
        ),
    )


def buy_credits() -> rx.Component:
    return card(
        rx.heading(t("buy_title"), size="4", as_="h2"),
        rx.cond(
            ~BuyState.configured,
            rx.callout(t("payments_off"), icon="info", id="payments-off", width="100%"),
        ),
        rx.grid(
            rx.foreach(BuyState.offers, lambda o: rx.cond(o.type == "credits", _package(o))),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="3",
            width="100%",
        ),
        buy_dialog(),
        on_mount=BuyState.load,
    )


def subscribe_button(plan_id: rx.Var) -> rx.Component:
    return rx.button(
        t("subscribe_button"),
        on_click=BuyState.choose("plan", plan_id),
        disabled=~BuyState.configured,
        class_name="subscribe-plan",
    )


def _detail(label_key: str, value: rx.Var, element_id: str = "") -> rx.Component:
    return rx.cond(
        value != "",
        rx.hstack(
            rx.text(t(label_key), color_scheme="gray", size="2"),
            rx.text(value, size="2", weight="medium", id=element_id or None, text_align="right"),
            justify="between",
            width="100%",
            wrap="wrap",
        ),
    )


@signed_in_page(routes.PAYMENT, "Payment", on_load=PaymentState.load)
def payment() -> rx.Component:
    return rx.vstack(
        rx.link(
            rx.hstack(rx.icon("arrow-left", size=16), t("payments_title"), align="center"),
            href=routes.PAYMENTS,
        ),
        rx.cond(
            PaymentState.found,
            card(
                rx.hstack(
                    rx.heading(t("payment_title"), size="6", as_="h1"),
                    status_badge(PaymentState.status),
                    align="center",
                    spacing="3",
                ),
                rx.text(
                    rx.match(
                        PaymentState.status,
                        ("paid", t("payment_paid_body")),
                        ("failed", t("payment_failed_body")),
                        ("expired", t("payment_expired_body")),
                        t("payment_pending_body"),
                    ),
                    id="payment-message",
                ),
                rx.cond(PaymentState.status == "pending", rx.spinner()),
                rx.separator(),
                _detail("payment_order", PaymentState.order, "payment-order"),
                _detail("payment_item", PaymentState.item),
                _detail("payment_amount", PaymentState.amount, "payment-amount"),
                _detail("payment_created", PaymentState.created),
                _detail("payment_paid_at", PaymentState.paid_at),
                _detail("payment_method", PaymentState.method),
                _detail("payment_reference", PaymentState.reference),
                rx.hstack(
                    rx.cond(
                        PaymentState.payment_url != "",
                        rx.link(
                            rx.button(t("payment_continue")),
                            href=PaymentState.payment_url,
                            is_external=False,
                        ),
                    ),
                    rx.button(
                        t("payment_print"),
                        variant="soft",
                        on_click=rx.call_script("window.print()"),
                    ),
                    spacing="3",
                    wrap="wrap",
                ),
                id="receipt",
            ),
            rx.callout(
                t("payment_not_found"), icon="search-x", color_scheme="red", id="payment-not-found"
            ),
        ),
        spacing="4",
        width="100%",
        max_width="36rem",
    )


def payment_row(row: PaymentRow, with_email: bool = False) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row.order, href="/payments/" + row.order, size="2")),
        rx.table.cell(row.email) if with_email else rx.fragment(),
        rx.table.cell(row.item),
        rx.table.cell(row.amount, white_space="nowrap"),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(row.created, white_space="nowrap"),
        class_name="payment-row",
    )


def payment_header(with_email: bool = False) -> rx.Component:
    keys = [
        "payment_order",
        *(["admin_col_email"] if with_email else []),
        "payment_item",
        "payment_amount",
        "col_status",
        "payment_created",
    ]
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(k)) for k in keys]))


@signed_in_page(routes.PAYMENTS, "Payments", on_load=MyPaymentsState.load)
def my_payments() -> rx.Component:
    return rx.vstack(
        rx.heading(t("payments_title"), size="7", as_="h1"),
        rx.box(
            rx.table.root(
                payment_header(),
                rx.table.body(rx.foreach(MyPaymentsState.rows, lambda row: payment_row(row))),
                width="100%",
                id="payments-table",
            ),
            overflow_x="auto",
            width="100%",
        ),
        rx.cond(
            MyPaymentsState.loaded & (MyPaymentsState.rows.length() == 0),
            rx.text(t("payments_empty"), color_scheme="gray"),
        ),
        pager(MyPaymentsState.page, MyPaymentsState.pages, MyPaymentsState.go_to_page),
        spacing="4",
        width="100%",
    )
