"""The receipt that follows a Duitku order live, and the user's payments. (Buying itself is
in `lumiku.components.payments`, shown by the billing pages.)"""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import card
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.pager import pager
from lumiku.components.payments import payment_header, payment_row, status_badge
from lumiku.components.tables import card_table
from lumiku.components.text import t
from lumiku.state.payments import MyPaymentsState, PaymentState


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
        back_link(routes.PAYMENTS, "payments_title"),
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


@signed_in_page(routes.PAYMENTS, "Payments", on_load=MyPaymentsState.load)
def my_payments() -> rx.Component:
    return rx.vstack(
        rx.heading(t("payments_title"), size="7", as_="h1"),
        card_table(
            payment_header(),
            rx.table.body(rx.foreach(MyPaymentsState.rows, lambda row: payment_row(row))),
            table_id="payments-table",
        ),
        rx.cond(
            MyPaymentsState.loaded & (MyPaymentsState.rows.length() == 0),
            rx.text(t("payments_empty"), color_scheme="gray"),
        ),
        pager(MyPaymentsState.page, MyPaymentsState.pages, MyPaymentsState.go_to_page),
        spacing="4",
        width="100%",
    )
