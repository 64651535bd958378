"""The source avatar: its picture, its persona, the way to it in Avatar Creator, and where it
has been used."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.state.avatar_generator import AvatarState as S
from lumiku.state.avatar_generator import UseRow


def _use(use: UseRow) -> rx.Component:
    return rx.text(use.app_name, " · ", use.when, size="1", color_scheme="gray")


def source_panel() -> rx.Component:
    return card(
        rx.heading(t("avatar_generator_source"), size="4", as_="h2"),
        rx.cond(
            S.image_url != "",
            rx.image(
                src=S.image_url,
                alt=S.name,
                width="100%",
                max_width="20rem",
                aspect_ratio="1",
                object_fit="cover",
                border_radius="8px",
                id="ag-source-image",
            ),
        ),
        rx.vstack(
            rx.text(S.name, weight="bold", size="3", id="ag-source-name"),
            rx.cond(
                S.persona != "",
                rx.text(S.persona, size="2", id="ag-persona"),
                rx.text(t("avatar_generator_no_persona"), size="2", color_scheme="gray"),
            ),
            rx.link(
                rx.hstack(rx.icon("external-link", size=14), t("avatar_generator_open_in_creator")),
                href=S.creator_url,
                size="2",
                id="ag-open-in-creator",
            ),
            spacing="1",
        ),
        rx.vstack(
            rx.heading(t("avatar_generator_history"), size="3", as_="h3"),
            rx.cond(
                S.used_text != "",
                rx.text(S.used_text, size="2"),
                rx.text(t("avatar_generator_history_empty"), size="2", color_scheme="gray"),
            ),
            rx.foreach(S.uses, _use),
            spacing="1",
            width="100%",
            id="ag-history",
        ),
    )
