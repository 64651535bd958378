"""What every project-based app's pages share: the project list's card and new-project form,
a project's header (rename, delete), the "being made" banner and the confirmation before
spending. Each takes the app's state and its message prefix (`video_mixer`, `carousel_mix`):
the app's messages module defines the keys named below with that prefix."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku import routes
from lumiku.components.text import t
from lumiku.state.work import WorkCard, WorkState


def project_card(
    project: Any, *, href: rx.Var, on_delete: Any, prefix: str, css: str
) -> rx.Component:
    """`project` has name, description, updated and `counts_text`."""
    return rx.card(
        rx.flex(
            rx.link(
                rx.vstack(
                    rx.text(project.name, weight="bold", size="4"),
                    rx.cond(
                        project.description != "",
                        rx.text(project.description, size="2", color_scheme="gray"),
                    ),
                    rx.text(project.counts_text, " · ", project.updated, size="1"),
                    spacing="1",
                ),
                href=href,
                class_name=f"{css}-open-project",
                underline="none",
            ),
            rx.icon_button(
                rx.icon("trash-2", size=16),
                variant="ghost",
                color_scheme="red",
                aria_label=t(f"{prefix}_delete_project"),
                title=t(f"{prefix}_delete_project"),
                on_click=on_delete,
            ),
            justify="between",
            align="start",
            width="100%",
        ),
        width="100%",
        class_name=f"{css}-project",
    )


def new_project_form(state: Any, *, prefix: str, css: str) -> rx.Component:
    """`state` has `create_project(form)` and `new_name_error`."""
    return rx.form(
        rx.flex(
            rx.vstack(
                rx.input(  # no `required`: a blank name is answered by the handler, in words
                    name="name",
                    placeholder=t(f"{prefix}_project_name"),
                    aria_label=t(f"{prefix}_project_name"),
                    max_length=100,
                    id=f"{css}-new-name",
                    width="100%",
                ),
                rx.cond(
                    state.new_name_error != "",
                    rx.text(
                        state.new_name_error, size="1", color="red", id=f"{css}-new-name-error"
                    ),
                ),
                spacing="1",
                flex="1",
                min_width="12rem",
            ),
            rx.input(
                name="description",
                placeholder=t(f"{prefix}_project_description"),
                aria_label=t(f"{prefix}_project_description"),
                max_length=500,
                flex="2",
                min_width="12rem",
            ),
            rx.button(
                rx.icon("plus", size=16),
                t(f"{prefix}_new_project"),
                type="submit",
                id=f"{css}-create",
            ),
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        on_submit=state.create_project,
        reset_on_submit=True,
        width="100%",
    )


def project_header(state: Any, *, on_delete: Any, prefix: str, css: str) -> rx.Component:
    """The name and description, or the form renaming them. `state` has `project_name`,
    `project_description`, `editing_name`, `edit_name(on)` and `rename_project(form)`."""
    return rx.cond(
        state.editing_name,
        rx.form(
            rx.flex(
                rx.input(
                    name="name",
                    default_value=state.project_name,
                    max_length=100,
                    required=True,
                    id=f"{css}-rename",
                ),
                rx.input(
                    name="description",
                    default_value=state.project_description,
                    max_length=500,
                    flex="1",
                ),
                rx.button(t("save"), type="submit"),
                rx.button(
                    t("cancel"),
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    on_click=state.edit_name(False),
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            on_submit=state.rename_project,
            width="100%",
        ),
        rx.flex(
            rx.vstack(
                rx.heading(state.project_name, size="7", as_="h1", id=f"{css}-project-name"),
                rx.cond(
                    state.project_description != "",
                    rx.text(state.project_description, color_scheme="gray"),
                ),
                spacing="1",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("pencil", size=14),
                    t(f"{prefix}_rename"),
                    variant="soft",
                    size="2",
                    on_click=state.edit_name(True),
                ),
                rx.button(
                    rx.icon("trash-2", size=14),
                    t(f"{prefix}_delete_project"),
                    variant="soft",
                    color_scheme="red",
                    size="2",
                    on_click=on_delete,
                ),
                spacing="2",
            ),
            justify="between",
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
    )


def being_made_banner(started: rx.Var, *, prefix: str, css: str) -> rx.Component:
    """Shown while the batch this tab started (`started`, its id) is still active in the work
    list: it goes when the batch ends, however it ends (done, failed or cancelled)."""

    def one(work: WorkCard) -> rx.Component:
        return rx.cond(
            work.active & (work.id == started),
            rx.callout(
                t(f"{prefix}_being_made"),
                icon="loader",
                color_scheme="blue",
                id=f"{css}-being-made",
            ),
        )

    return rx.fragment(rx.foreach(WorkState.cards, one))


def confirm_spend_dialog(state: Any, *, count: rx.Var, prefix: str, css: str) -> rx.Component:
    """The price, the balance and, when it is short, the way to credits, before anything is
    spent. `state` has `confirming`, `busy`, `est_price`, `est_available`, `est_affordable`,
    `generate` and `cancel_generate`."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t(f"{prefix}_confirm_title")),
            rx.alert_dialog.description(
                rx.vstack(
                    rx.text(t(f"{prefix}_confirm_count"), " ", count),
                    rx.text(
                        t(f"{prefix}_confirm_price"),
                        " ",
                        rx.text.strong(state.est_price, id=f"{css}-confirm-price"),
                    ),
                    rx.text(t(f"{prefix}_confirm_available"), " ", state.est_available),
                    rx.cond(
                        ~state.est_affordable,
                        rx.callout(
                            rx.hstack(
                                rx.text(t(f"{prefix}_not_enough")),
                                rx.link(t("nav_credits"), href=routes.CREDITS),
                            ),
                            color_scheme="red",
                            icon="triangle-alert",
                        ),
                    ),
                    spacing="1",
                ),
            ),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(
                        t("cancel"),
                        variant="soft",
                        color_scheme="gray",
                        on_click=state.cancel_generate,
                    )
                ),
                rx.button(
                    t(f"{prefix}_confirm_go"),
                    on_click=state.generate,
                    loading=state.busy,
                    disabled=~state.est_affordable,
                    id=f"{css}-confirm-generate",
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
        ),
        open=state.confirming,
    )
