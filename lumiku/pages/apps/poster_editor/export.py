"""Exporting: a pack or formats chosen one by one, how the poster is fitted to each, the price
asked before spending, and the exports made of this poster to download (a ZIP for several
formats)."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card
from lumiku.components.text import t
from lumiku.components.work import download_link, work_status
from lumiku.services.poster_editor.formats import METHODS, PACKS
from lumiku.state.poster_editor import ExportRow, ExportState, FormatChoice

S = ExportState
GROUPS = ("social", "print")


def _pack(pack: str) -> rx.Component:
    """A pack's button; "" is the formats chosen one by one."""
    active = S.pack == pack
    name = pack.lower() or "custom"
    return rx.button(
        t(f"poster_editor_pack_{name}"),
        size="2",
        variant=rx.cond(active, "solid", "soft"),
        aria_pressed=rx.cond(active, "true", "false"),
        on_click=S.choose_pack(pack),
        id=f"pe-pack-{name.replace('_', '-')}",
    )


def _format(choice: FormatChoice) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.checkbox(checked=choice.chosen, on_change=lambda _on: S.toggle_format(choice.key)),
            rx.text(choice.label, size="1"),
            align="center",
            spacing="2",
        ),
        class_name="pe-format",
        data_format=choice.key,
    )


def _formats(group: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(f"poster_editor_group_{group}"), size="1", weight="medium"),
        rx.grid(
            rx.foreach(
                S.format_choices,
                lambda c: rx.cond(c.group == group, _format(c)),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="1",
            width="100%",
        ),
        spacing="1",
        width="100%",
    )


def _export(row: ExportRow) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(row.label, size="2", weight="medium"),
            rx.text(row.details, " · ", row.when, size="1", color_scheme="gray"),
            spacing="0",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            row.download_url != "",
            download_link(
                rx.button(rx.icon("download", size=14), t("work_download"), size="1"),
                href=row.download_url,
                class_name="pe-export-download",
            ),
            work_status(row.status),
        ),
        align="center",
        width="100%",
        class_name="pe-export",
    )


def export_panel() -> rx.Component:
    return card(
        rx.heading(t("poster_editor_export_title"), size="4", as_="h2"),
        rx.text(t("poster_editor_export_hint"), size="1", color_scheme="gray"),
        rx.flex(
            *[_pack(p) for p in PACKS],
            _pack(""),
            spacing="2",
            wrap="wrap",
        ),
        rx.cond(
            S.pack == "",
            rx.vstack(*[_formats(g) for g in GROUPS], spacing="2", width="100%"),
            rx.text(
                S.pack_formats,
                size="1",
                color_scheme="gray",
                id="pe-pack-formats",
            ),
        ),
        rx.hstack(
            rx.text(t("poster_editor_method"), size="2"),
            rx.select.root(
                rx.select.trigger(id="pe-method", aria_label=t("poster_editor_method")),
                rx.select.content(
                    *[rx.select.item(t(f"poster_editor_method_{m}"), value=m) for m in METHODS]
                ),
                value=S.method,
                on_change=S.set_method,
            ),
            align="center",
            wrap="wrap",
        ),
        rx.button(
            rx.icon("download", size=14),
            t("poster_editor_export"),
            disabled=S.busy,
            on_click=S.ask_generate,
            id="pe-export",
        ),
        rx.cond(
            S.exports.length() > 0,
            rx.vstack(rx.foreach(S.exports, _export), spacing="2", width="100%", id="pe-exports"),
        ),
    )
