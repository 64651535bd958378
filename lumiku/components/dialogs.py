"""The one confirmation dialog, and its delete form: nothing destructive or costly happens
without it."""

from __future__ import annotations

import reflex as rx

from lumiku.components.text import t


def confirm_dialog(
    *,
    title_key: str,
    body_key: str,
    confirm_key: str,
    on_confirm,
    confirm_id: str,
    trigger: rx.Component | None = None,
    open: rx.Var | None = None,
    on_cancel=None,
    cancel_key: str = "cancel",
) -> rx.Component:
    """With `trigger`, the dialog opens from it; with `open`, state decides (then `on_cancel`
    tells the state it was dismissed). `cancel_key` labels the button that changes nothing."""
    cancel = rx.button(
        t(cancel_key),
        variant="soft",
        color_scheme="gray",
        **({"on_click": on_cancel} if on_cancel is not None else {}),
    )
    content = rx.alert_dialog.content(
        rx.alert_dialog.title(t(title_key)),
        rx.alert_dialog.description(t(body_key)),
        rx.hstack(
            rx.alert_dialog.cancel(cancel),
            rx.alert_dialog.action(
                rx.button(t(confirm_key), color_scheme="red", on_click=on_confirm, id=confirm_id)
            ),
            justify="end",
            spacing="3",
            margin_top="1rem",
        ),
    )
    parts = [rx.alert_dialog.trigger(trigger), content] if trigger is not None else [content]
    return rx.alert_dialog.root(*parts, **({"open": open} if open is not None else {}))


def delete_dialog(
    *,
    open: rx.Var,
    on_confirm,
    on_cancel,
    title_key: str,
    body_key: str,
    confirm_id: str,
    confirm_key: str = "work_delete",
) -> rx.Component:
    """Asks before deleting something the state has marked: `open` is true while it is marked,
    `on_confirm` deletes it and `on_cancel` forgets it."""
    return confirm_dialog(
        title_key=title_key,
        body_key=body_key,
        confirm_key=confirm_key,
        on_confirm=on_confirm,
        confirm_id=confirm_id,
        open=open,
        on_cancel=on_cancel,
    )


def confirm_text_dialog(
    *,
    open: rx.Var,
    title: rx.Var,
    body: rx.Var,
    on_confirm,
    on_cancel,
    confirm_id: str,
    confirm_key: str = "work_delete",
) -> rx.Component:
    """`delete_dialog` whose title and body the state wrote (they name what will be lost):
    `open` is true while something is marked, `on_confirm` acts and `on_cancel` forgets."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(body),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(t("cancel"), variant="soft", color_scheme="gray", on_click=on_cancel)
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t(confirm_key), color_scheme="red", on_click=on_confirm, id=confirm_id
                    )
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
        ),
        open=open,
    )
