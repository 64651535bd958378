"""Lists shown as tables on wider screens and as cards on phones.

A phone (Radix's `initial` breakpoint, under 520 px) has no room for five columns: the header
hides, every row becomes a card and every cell a line of it, labelled by the column's name
(`cell(label_key, …)` puts the label in `data-label`; a cell without one, the row's title, is
shown as it is). Cells marked `wide_only` are left out on phones (the row shows that value
elsewhere).
"""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t

PHONE = "@media (max-width: 519px)"

_CARDS = {
    PHONE: {
        "& thead": {"display": "none"},
        # (Radix gives the table `height: 0`, which only a `display: table` grows out of)
        "& table, & tbody": {"display": "block", "width": "100%", "height": "auto"},
        "& tr": {
            "display": "block",
            "border": f"1px solid {rx.color('gray', 5)}",
            "border_radius": "var(--radius-3)",
            "padding": "0.5rem 0.75rem",
            "margin_bottom": "0.5rem",
            "background": rx.color("gray", 1),
        },
        "& td": {
            "display": "flex",
            "justify_content": "space-between",
            "align_items": "center",
            "gap": "0.75rem",
            "padding": "0.25rem 0",
            "height": "auto",  # Radix's cell height is a minimum only inside a real table
            "box_shadow": "none",
            "text_align": "right",
            "overflow_wrap": "anywhere",
        },
        "& td:not([data-label])": {"text_align": "left"},
        "& td[data-label]::before": {
            "content": "attr(data-label)",
            "color": rx.color("gray", 11),
            "font_size": "var(--font-size-1)",
            "text_align": "left",
            "flex_shrink": "0",
        },
        "& td.wide-only": {"display": "none"},
    }
}


def header(*keys: str) -> rx.Component:
    """The column names (hidden on phones, where each cell carries its own)."""
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(k)) for k in keys]))


def cell(label_key: str, *children, wide_only: bool = False, **props) -> rx.Component:
    """A cell labelled `label_key` on phones ("" for a row's title); `wide_only`: not there."""
    if label_key:
        props["custom_attrs"] = {"data-label": t(label_key), **props.get("custom_attrs", {})}
    if wide_only:
        props["class_name"] = ("wide-only " + props.get("class_name", "")).strip()
    return rx.table.cell(*children, **props)


def card_table(head: rx.Component, body: rx.Component, *, table_id: str) -> rx.Component:
    """A table of `head` and `body` (rows built from `cell`s): a table from 520 px up, cards
    below."""
    return rx.box(
        rx.table.root(head, body, width="100%", id=table_id),
        style=_CARDS,
        width="100%",
    )
