"""Previous / next paging under a list."""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t


def pager(page: rx.Var, pages: rx.Var, go_to_page) -> rx.Component:
    return rx.cond(
        pages > 1,
        rx.hstack(
            rx.button(
                t("prev"),
                variant="soft",
                disabled=page <= 1,
                on_click=go_to_page(page - 1),
                class_name="pager-prev",
            ),
            rx.text(page, " / ", pages, size="2"),
            rx.button(
                t("next"),
                variant="soft",
                disabled=page >= pages,
                on_click=go_to_page(page + 1),
                class_name="pager-next",
            ),
            align="center",
        ),
    )
