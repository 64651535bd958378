"""A drop zone for many files with the transfer bar and one row per file (waiting, checking,
added, or refused with the reason); the state side is lumiku.state.uploads."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku.components.text import t
from lumiku.state.uploads import UploadRow

# what a drop zone for pictures accepts (the server checks the bytes again)
IMAGES = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]}


def _row(row: UploadRow, prefix: str) -> rx.Component:
    return rx.hstack(
        rx.match(
            row.status,
            ("added", rx.icon("circle-check", size=14, color="green")),
            ("refused", rx.icon("circle-x", size=14, color="red")),
            ("checking", rx.spinner(size="1")),
            rx.icon("clock", size=14),
        ),
        rx.text(row.name, size="1", weight="medium"),
        rx.text(row.message, size="1", color=rx.cond(row.status == "refused", "red", "gray")),
        spacing="2",
        align="center",
        class_name=f"{prefix}-upload-row",
        data_status=row.status,
    )


def _names_and_codes(rejected: rx.Var) -> rx.Var:
    """File objects do not survive the trip to the server: send their names and error codes."""
    return rx.Var(
        f"({rejected}).map((r) => ({{name: r.file.name, codes: r.errors.map((e) => e.code)}}))"
    ).to(list)


def dropzone(
    state: Any,
    *,
    upload_id: str,
    prefix: str,
    accept: dict[str, list[str]],
    max_size: int,
    title: rx.Var,
    hint: rx.Var,
    on_drop: Any = None,
) -> rx.Component:
    """`state` has `uploads`, `uploading`, `sending`, `upload_percent`, `upload_summary` and the
    handlers `upload` (a background event), `upload_progress` and `drop_rejected`. `on_drop`
    replaces `state.upload` when the drop carries arguments (a position, say)."""
    chunks = rx.upload_files_chunk(upload_id=upload_id, on_upload_progress=state.upload_progress)
    return rx.vstack(
        rx.upload(
            rx.vstack(
                rx.icon("upload", size=24),
                rx.text(title, size="2", text_align="center"),
                rx.text(hint, size="1", color_scheme="gray", text_align="center"),
                align="center",
                spacing="1",
            ),
            id=upload_id,
            multiple=True,
            accept=accept,
            # no max_files: over it, react-dropzone refuses the whole drop; the handler takes
            # the first files that fit and lists the rest
            max_size=max_size,
            on_drop_rejected=lambda rejected: state.drop_rejected(_names_and_codes(rejected)),
            disabled=state.uploading,
            on_drop=(on_drop or state.upload)(chunks),
            border=f"2px dashed {rx.color('accent', 7)}",
            border_radius="10px",
            padding="1.25rem",
            width="100%",
            cursor="pointer",
        ),
        rx.cond(
            state.sending,
            rx.hstack(
                rx.text(t("upload_sending"), size="1", color_scheme="gray"),
                rx.progress(value=state.upload_percent, flex="1"),
                rx.text(state.upload_percent.to_string() + "%", size="1"),
                width="100%",
                align="center",
                id=f"{prefix}-upload-progress",
            ),
        ),
        rx.cond(
            state.upload_summary != "",
            rx.text(state.upload_summary, size="2", color="amber", id=f"{prefix}-upload-summary"),
        ),
        rx.vstack(
            rx.foreach(state.uploads, lambda row: _row(row, prefix)),
            spacing="1",
            id=f"{prefix}-uploads",
        ),
        width="100%",
        spacing="2",
    )
