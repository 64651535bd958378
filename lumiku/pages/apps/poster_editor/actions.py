"""What to do with the marked areas (remove, replace with a prompt, keep for the batch), the
text found on the poster (choose blocks, remove them, new words in their place) and upscaling.
Every button that spends asks first, with the server's price."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.services.poster_editor import rules
from lumiku.state.poster_editor import AreaRow, BlockRow, EditState, MarkState, TextState

NO_AREA = (MarkState.overlay_src == "") & (MarkState.batch.length() == 0)


def _area_row(area: AreaRow) -> rx.Component:
    return rx.hstack(
        rx.icon("square-check", size=14),
        rx.vstack(
            rx.text(area.label, size="2"),
            rx.cond(area.prompt != "", rx.text(area.prompt, size="1", color_scheme="gray")),
            spacing="0",
            flex="1",
            min_width="0",
        ),
        rx.icon_button(
            rx.icon("x", size=12),
            size="1",
            variant="ghost",
            color_scheme="gray",
            aria_label=t("poster_editor_drop_area"),
            on_click=MarkState.drop_area(area.index),
        ),
        align="center",
        width="100%",
        class_name="pe-batch-area",
    )


def area_panel() -> rx.Component:
    advanced = MarkState.mode == "advanced"
    return card(
        rx.heading(t("poster_editor_area_title"), size="4", as_="h2"),
        rx.input(
            value=MarkState.prompt,
            on_change=MarkState.set_prompt.debounce(300),
            placeholder=t("poster_editor_prompt_placeholder"),
            aria_label=t("poster_editor_prompt_placeholder"),
            max_length=rules.PROMPT_MAX,
            width="100%",
            id="pe-prompt",
        ),
        rx.flex(
            rx.button(
                rx.icon("eraser", size=14),
                t("poster_editor_remove"),
                disabled=NO_AREA | MarkState.marking | EditState.busy,
                on_click=EditState.ask_edit("remove"),
                id="pe-remove",
            ),
            rx.button(
                rx.icon("wand-sparkles", size=14),
                t("poster_editor_replace"),
                variant="soft",
                disabled=NO_AREA | MarkState.marking | ~advanced | EditState.busy,
                on_click=EditState.ask_edit("replace"),
                title=rx.cond(advanced, "", t("poster_editor_replace_advanced")),
                id="pe-replace",
            ),
            rx.button(
                rx.icon("list-plus", size=14),
                t("poster_editor_keep"),
                variant="soft",
                color_scheme="gray",
                disabled=(MarkState.overlay_src == "") | MarkState.marking,
                on_click=MarkState.keep_area,
                id="pe-keep",
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.cond(
            ~advanced,
            rx.text(t("poster_editor_replace_advanced"), size="1", color_scheme="gray"),
        ),
        rx.cond(
            MarkState.batch.length() > 0,
            rx.vstack(
                rx.hstack(
                    rx.text(t("poster_editor_batch"), size="2", weight="medium"),
                    rx.spacer(),
                    rx.button(
                        t("poster_editor_clear_batch"),
                        size="1",
                        variant="ghost",
                        color_scheme="gray",
                        on_click=MarkState.clear_batch,
                    ),
                    width="100%",
                    align="center",
                ),
                rx.foreach(MarkState.batch, _area_row),
                rx.text(t("poster_editor_batch_hint"), size="1", color_scheme="gray"),
                spacing="1",
                width="100%",
                id="pe-batch",
            ),
            rx.cond(
                MarkState.overlay_src == "",
                rx.text(
                    t("poster_editor_no_area_yet"), size="1", color_scheme="gray", id="pe-no-area"
                ),
                rx.text(t("poster_editor_keep_hint"), size="1", color_scheme="gray"),
            ),
        ),
    )


def _block_row(block: BlockRow) -> rx.Component:
    return rx.vstack(
        rx.el.label(
            rx.hstack(
                rx.checkbox(
                    checked=block.chosen,
                    on_change=lambda _on: TextState.toggle_block(block.index),
                ),
                rx.text(block.text, size="2", style={"overflow_wrap": "anywhere"}),
                align="center",
                spacing="2",
            ),
        ),
        rx.cond(
            block.chosen,
            rx.input(
                default_value=block.new_text,
                on_blur=lambda v: TextState.set_new_text(block.index, v),
                placeholder=t("poster_editor_new_text"),
                aria_label=t("poster_editor_new_text"),
                size="1",
                width="100%",
                class_name="pe-new-text",
            ),
        ),
        spacing="1",
        width="100%",
        class_name="pe-block",
    )


def text_panel() -> rx.Component:
    return card(
        rx.heading(t("poster_editor_text_title"), size="4", as_="h2"),
        rx.text(t("poster_editor_text_hint"), size="1", color_scheme="gray"),
        rx.button(
            rx.icon("scan-text", size=14),
            t("poster_editor_find_text"),
            variant="soft",
            loading=TextState.finding,
            on_click=TextState.find_text,
            id="pe-find-text",
        ),
        rx.cond(
            TextState.text_error != "",
            rx.text(TextState.text_error, size="2", color="red", id="pe-text-error"),
        ),
        rx.cond(
            TextState.searched & (TextState.blocks.length() == 0),
            rx.text(t("poster_editor_no_text_found"), size="2", id="pe-no-text"),
        ),
        rx.cond(
            TextState.blocks.length() > 0,
            rx.vstack(
                rx.hstack(
                    rx.button(
                        t("poster_editor_choose_all"),
                        size="1",
                        variant="ghost",
                        on_click=TextState.choose_all(True),
                    ),
                    rx.button(
                        t("poster_editor_choose_none"),
                        size="1",
                        variant="ghost",
                        color_scheme="gray",
                        on_click=TextState.choose_all(False),
                    ),
                ),
                rx.foreach(TextState.blocks, _block_row),
                rx.button(
                    rx.icon("eraser", size=14),
                    t("poster_editor_remove_text"),
                    disabled=(TextState.chosen_count == 0) | EditState.busy,
                    on_click=EditState.ask_text,
                    id="pe-remove-text",
                ),
                spacing="2",
                width="100%",
                id="pe-blocks",
            ),
        ),
    )


def upscale_panel() -> rx.Component:
    return card(
        rx.heading(t("poster_editor_upscale_title"), size="4", as_="h2"),
        rx.text(t("poster_editor_upscale_hint"), size="1", color_scheme="gray"),
        rx.flex(
            *[
                rx.button(
                    f"{scale}×",
                    size="2",
                    variant=rx.cond(EditState.scale == scale, "solid", "soft"),
                    aria_pressed=rx.cond(EditState.scale == scale, "true", "false"),
                    on_click=EditState.set_scale(scale),
                    id=f"pe-scale-{scale}",
                )
                for scale in rules.SCALES
            ],
            rx.button(
                rx.icon("maximize-2", size=14),
                t("poster_editor_upscale"),
                disabled=EditState.busy,
                on_click=EditState.ask_upscale,
                id="pe-upscale",
            ),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
    )
