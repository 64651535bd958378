"""The poster being edited, large: the current version (or, while an area is chosen, the
version with the area tinted), the clicks and the box drawn over it, the text blocks found, and
the tools that mark it (quick or advanced; a positive click, a negative click, a box)."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.spot_image import key_box, spot_image
from lumiku.components.text import t
from lumiku.state.poster_editor import (
    MODES,
    TOOLS,
    BlockRow,
    MarkState,
    PosterState,
    Spot,
    TextState,
)

TOOL_ICONS = {"positive": "circle-plus", "negative": "circle-minus", "box": "square-dashed"}
DOT = "0.9rem"
SPOT_CLASSES = ("pe-spot pe-spot-positive", "pe-spot pe-spot-negative")
BLOCK_BORDERS = ("2px solid var(--red-9)", "1px dashed var(--blue-9)")


def _choice(label: rx.Var, icon: str, active: rx.Var, on_click, choice_id: str) -> rx.Component:
    return rx.button(
        rx.icon(icon, size=14),
        label,
        size="2",
        variant=rx.cond(active, "solid", "soft"),
        aria_pressed=rx.cond(active, "true", "false"),
        on_click=on_click,
        id=choice_id,
        type="button",
    )


def mode_switch() -> rx.Component:
    icons = {"quick": "zap", "advanced": "sparkles"}
    return rx.vstack(
        rx.flex(
            *[
                _choice(
                    t(f"poster_editor_mode_{m}"),
                    icons[m],
                    MarkState.mode == m,
                    MarkState.set_mode(m),
                    f"pe-mode-{m}",
                )
                for m in MODES
            ],
            spacing="2",
            wrap="wrap",
        ),
        rx.text(
            rx.cond(
                MarkState.mode == "quick",
                t("poster_editor_mode_quick_hint"),
                t("poster_editor_mode_advanced_hint"),
            ),
            size="1",
            color_scheme="gray",
            id="pe-mode-hint",
        ),
        spacing="1",
        width="100%",
    )


def tool_choice() -> rx.Component:
    return rx.flex(
        *[
            _choice(
                t(f"poster_editor_tool_{tool}"),
                TOOL_ICONS[tool],
                MarkState.tool == tool,
                MarkState.set_tool(tool),
                f"pe-tool-{tool}",
            )
            for tool in TOOLS
        ],
        rx.spacer(),
        rx.icon_button(
            rx.icon("undo-2", size=14),
            variant="soft",
            color_scheme="gray",
            aria_label=t("poster_editor_undo_click"),
            title=t("poster_editor_undo_click"),
            disabled=MarkState.spots.length() == 0,
            on_click=MarkState.undo_mark,
            id="pe-undo-click",
        ),
        rx.icon_button(
            rx.icon("eraser", size=14),
            variant="soft",
            color_scheme="gray",
            aria_label=t("poster_editor_clear_marks"),
            title=t("poster_editor_clear_marks"),
            on_click=MarkState.clear_marks,
            id="pe-clear-marks",
        ),
        spacing="2",
        wrap="wrap",
        width="100%",
        align="center",
    )


def _pinned(left: rx.Var, top: rx.Var, **style) -> dict:
    return {
        "position": "absolute",
        "left": f"{left}%",
        "top": f"{top}%",
        "pointer_events": "none",
        **style,
    }


def _spot(spot: Spot) -> rx.Component:
    return rx.box(
        style=_pinned(
            spot.x,
            spot.y,
            width=DOT,
            height=DOT,
            transform="translate(-50%, -50%)",
            border_radius="50%",
            border="2px solid white",
            background=rx.cond(spot.positive, "var(--green-9)", "var(--red-9)"),
            box_shadow="0 0 0 1px rgba(0,0,0,.5)",
        ),
        class_name=rx.cond(spot.positive, *SPOT_CLASSES),
    )


def _block(block: BlockRow) -> rx.Component:
    return rx.box(
        style=_pinned(
            block.left,
            block.top,
            width=f"{block.width}%",
            height=f"{block.height}%",
            border=rx.cond(block.chosen, *BLOCK_BORDERS),
            background=rx.cond(block.chosen, "rgba(229,72,77,.15)", "transparent"),
        ),
        class_name="pe-block-box",
    )


def _marks() -> rx.Component:
    box = MarkState.box
    return rx.fragment(
        rx.foreach(TextState.blocks, _block),
        rx.foreach(MarkState.spots, _spot),
        rx.cond(
            box.length() == 4,
            rx.box(
                style=_pinned(
                    box[0],
                    box[1],
                    width=f"calc({box[2]}% - {box[0]}%)",
                    height=f"calc({box[3]}% - {box[1]}%)",
                    border="2px dashed var(--amber-9)",
                ),
                id="pe-box",
            ),
        ),
        rx.cond(
            MarkState.corner.length() == 2,
            rx.box(
                style=_pinned(
                    MarkState.corner[0],
                    MarkState.corner[1],
                    width=DOT,
                    height=DOT,
                    transform="translate(-50%, -50%)",
                    border="2px solid var(--amber-9)",
                ),
                id="pe-corner",
            ),
        ),
        rx.cond(
            MarkState.cursor_on,
            rx.box(
                style=_pinned(
                    MarkState.cursor_x,
                    MarkState.cursor_y,
                    width="1.5rem",
                    height="1.5rem",
                    transform="translate(-50%, -50%)",
                    border="2px solid var(--accent-9)",
                    border_radius="50%",
                    box_shadow="0 0 0 2px white",
                ),
                id="pe-cursor",
            ),
        ),
        rx.cond(
            MarkState.marking,
            rx.hstack(
                rx.spinner(size="2"),
                rx.text(t("poster_editor_marking"), size="1"),
                style={
                    "position": "absolute",
                    "top": "0.5rem",
                    "right": "0.5rem",
                    "pointer_events": "none",
                },
                background=rx.color("gray", 1),
                padding="0.25rem 0.5rem",
                border_radius="6px",
                align="center",
                id="pe-marking",
            ),
        ),
    )


def poster_view() -> rx.Component:
    """The poster with everything drawn on it; it takes the keyboard's focus (the arrows move
    a cursor, Enter marks)."""
    return key_box(
        rx.box(
            spot_image(
                src=rx.cond(
                    MarkState.overlay_src != "", MarkState.overlay_src, PosterState.image_url
                ),
                alt=PosterState.poster_name,
                draggable=False,
                on_pointer_down=MarkState.press,
                on_pointer_up=MarkState.release,
                id="pe-poster-image",
                data_marked=rx.cond(MarkState.overlay_src != "", "true", "false"),
                style={
                    "display": "block",
                    "max_width": "100%",
                    "max_height": "70vh",
                    "user_select": "none",
                    "cursor": "crosshair",
                    "touch_action": rx.cond(MarkState.tool == "box", "none", "manipulation"),
                },
            ),
            _marks(),
            position="relative",
            display="inline-block",
            max_width="100%",
        ),
        on_key_down=MarkState.key,
        tab_index=0,
        role="application",
        aria_label=t("poster_editor_poster_keys"),
        id="pe-poster",
        style={
            "display": "flex",
            "justify_content": "center",
            "width": "100%",
            "background": "var(--gray-3)",
            "border_radius": "8px",
            "padding": "0.5rem",
            "&:focus-visible": {"outline": "2px solid var(--accent-8)", "outline_offset": "2px"},
        },
    )


def canvas_panel() -> rx.Component:
    return card(
        mode_switch(),
        tool_choice(),
        poster_view(),
        rx.text(
            rx.match(
                MarkState.tool,
                ("negative", t("poster_editor_tool_negative_hint")),
                ("box", t("poster_editor_tool_box_hint")),
                t("poster_editor_tool_positive_hint"),
            ),
            size="1",
            color_scheme="gray",
        ),
        rx.cond(
            MarkState.area_text != "",
            rx.text(MarkState.area_text, size="2", weight="medium", id="pe-area-text"),
        ),
        rx.cond(
            MarkState.area_error != "",
            rx.text(MarkState.area_error, size="2", color="red", id="pe-area-error"),
        ),
    )
