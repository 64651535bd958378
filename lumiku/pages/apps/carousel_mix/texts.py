"""The position's text variations: add one (line breaks kept), paste many (one per line), edit
in place, delete. Spintax such as `{Diskon|Promo}` is counted as the texts it stands for."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.services.carousel_mix import projects
from lumiku.state.carousel_mix import ProjectState as S
from lumiku.state.carousel_mix import StyleState, TextRow


def _row(text: TextRow) -> rx.Component:
    return rx.cond(
        S.editing_text == text.id,
        rx.form(
            rx.vstack(
                rx.text_area(
                    name="text",
                    default_value=text.content,
                    max_length=projects.MAX_TEXT_CHARS,
                    rows="3",
                    width="100%",
                    id="cm-edit-text",
                ),
                rx.hstack(
                    rx.button(t("save"), type="submit", size="1"),
                    rx.button(
                        t("cancel"),
                        type="button",
                        size="1",
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.edit_text(""),
                    ),
                    spacing="2",
                ),
                width="100%",
                spacing="1",
            ),
            on_submit=S.save_text,
            width="100%",
        ),
        rx.hstack(
            rx.vstack(
                rx.text(
                    text.content,
                    size="2",
                    white_space="pre-wrap",
                    style={"overflow_wrap": "anywhere"},
                ),
                rx.cond(
                    text.variants_text != "",
                    rx.badge(text.variants_text, size="1", variant="soft"),
                ),
                spacing="1",
                flex="1",
                min_width="0",
            ),
            rx.icon_button(
                rx.icon("pencil", size=14),
                size="1",
                variant="ghost",
                aria_label=t("carousel_mix_edit_text"),
                on_click=S.edit_text(text.id),
            ),
            rx.icon_button(
                rx.icon("trash-2", size=14),
                size="1",
                variant="ghost",
                color_scheme="red",
                aria_label=t("carousel_mix_delete_text"),
                on_click=S.delete_text(text.id),
                class_name="cm-delete-text",
            ),
            width="100%",
            align="start",
            class_name="cm-text",
        ),
    )


def texts_panel() -> rx.Component:
    return card(
        rx.heading(t("carousel_mix_texts"), size="4", as_="h2"),
        rx.form(
            rx.vstack(
                rx.text_area(
                    name="text",
                    placeholder=t("carousel_mix_text_placeholder"),
                    aria_label=t("carousel_mix_opt_text"),
                    max_length=projects.MAX_TEXT_CHARS,
                    rows="2",
                    width="100%",
                    id="cm-new-text",
                ),
                rx.hstack(
                    rx.button(
                        rx.icon("plus", size=14),
                        t("carousel_mix_add_text"),
                        type="submit",
                        size="2",
                        id="cm-add-text",
                    ),
                    rx.button(
                        rx.icon("clipboard-paste", size=14),
                        t("carousel_mix_paste_texts"),
                        type="button",
                        size="2",
                        variant="soft",
                        on_click=S.open_paste(True),
                        id="cm-open-paste",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                width="100%",
                spacing="2",
            ),
            on_submit=S.add_text,
            reset_on_submit=True,
            width="100%",
        ),
        rx.text(t("carousel_mix_spintax_hint"), size="1", color_scheme="gray"),
        rx.cond(
            S.pasting,
            rx.form(
                rx.vstack(
                    rx.text_area(
                        name="lines",
                        placeholder=t("carousel_mix_paste_placeholder"),
                        rows="6",
                        width="100%",
                        id="cm-paste-lines",
                    ),
                    rx.hstack(
                        rx.button(
                            t("carousel_mix_paste_add"), type="submit", size="2", id="cm-paste-add"
                        ),
                        rx.button(
                            t("cancel"),
                            type="button",
                            size="2",
                            variant="soft",
                            color_scheme="gray",
                            on_click=S.open_paste(False),
                        ),
                        spacing="2",
                    ),
                    width="100%",
                    spacing="2",
                ),
                on_submit=S.paste_texts,
                reset_on_submit=True,
                width="100%",
            ),
        ),
        rx.cond(
            StyleState.unfitting_note != "",
            rx.callout(
                StyleState.unfitting_note,
                icon="triangle-alert",
                color_scheme="amber",
                size="1",
                id="cm-unfitting",
            ),
        ),
        rx.cond(
            S.texts.length() == 0,
            rx.text(t("carousel_mix_texts_empty"), size="2", color_scheme="gray", id="cm-no-texts"),
            rx.vstack(rx.foreach(S.texts, _row), spacing="2", width="100%", id="cm-texts"),
        ),
    )
