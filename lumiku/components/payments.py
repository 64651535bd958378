"""Buying and paying: the buy dialog, the credit packages, the subscribe button and the
payment rows shown to the user and to admins."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card, error_callout
from lumiku.components.tables import cell, header
from lumiku.components.text import t
from lumiku.state.payments import BuyState, Offer, PaymentRow

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


def payment_row(row: PaymentRow, with_email: bool = False) -> rx.Component:
    """One order; a card on phones (lumiku.components.tables)."""
    return rx.table.row(
        cell("", rx.link(row.order, href="/payments/" + row.order, size="2", weight="medium")),
        cell("admin_col_email", row.email) if with_email else rx.fragment(),
        cell("payment_item", row.item),
        cell("payment_amount", row.amount, white_space="nowrap"),
        cell("col_status", status_badge(row.status)),
        cell("payment_created", row.created, white_space="nowrap"),
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
    return header(*keys)
