"""What every project-based app's pages share: the project list's card and new-project form,
a project's header (rename, delete), the "being made" banner and the confirmation before
spending. Each takes the app's state and its message prefix (`video_mixer`, `carousel_mix`):
the app's messages module defines the keys named below with that prefix."""

from __future__ import annotations

from typing import Any

import reflex as rx

from lumiku import routes
from lumiku.components.dialogs import delete_dialog
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.navigation import back_link
from lumiku.components.pager import pager
from lumiku.components.text import t
from lumiku.plugins import AppPlugin
from lumiku.state.work import WorkCard, WorkState


def _project_card(
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


def _new_project_form(state: Any, *, prefix: str, css: str) -> rx.Component:
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


def _how_it_works(prefix: str, css: str) -> rx.Component:
    def step(number: int) -> rx.Component:
        return rx.hstack(
            rx.badge(str(number), size="2", radius="full"),
            rx.text(t(f"{prefix}_how_{number}"), size="2"),
            align="start",
            spacing="2",
        )

    return rx.card(
        rx.vstack(
            rx.heading(t(f"{prefix}_how_title"), size="3", as_="h2"),
            rx.grid(
                step(1),
                step(2),
                step(3),
                columns=rx.breakpoints(initial="1", md="3"),
                spacing="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id=f"{css}-how",
    )


def project_list(state: Any, app: AppPlugin, *, css: str, empty: rx.Component) -> rx.Component:
    """An app's first page: a new-project form, what the app does in three steps, one page of
    project cards and the confirmation before deleting one. `state` mixes in
    lumiku.state.projects.ProjectListMixin; `empty` is shown while the user has no project."""
    prefix = app.module
    return rx.vstack(
        back_link(routes.DASHBOARD, "back_to_dashboard"),
        rx.vstack(
            rx.heading(app.name, size="7", as_="h1"),
            rx.text(t(app.description_key), color_scheme="gray"),
            spacing="1",
        ),
        _new_project_form(state, prefix=prefix, css=css),
        error_callout(state.error, f"{css}-error"),
        notice_callout(state.notice, f"{css}-notice"),
        rx.cond(state.list_loaded & (state.list_total == 0), empty),
        _how_it_works(prefix, css),
        rx.grid(
            rx.foreach(
                state.project_cards,
                lambda p: _project_card(
                    p,
                    href=app.path("") + p.id,
                    on_delete=state.ask_delete_project(p.id),
                    prefix=prefix,
                    css=css,
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="3",
            width="100%",
        ),
        pager(state.list_page, state.list_pages, state.go_to_list_page),
        delete_project_dialog(state, prefix=prefix, css=css),
        spacing="4",
        width="100%",
    )


def delete_project_dialog(state: Any, *, prefix: str, css: str) -> rx.Component:
    return delete_dialog(
        open=state.confirm_delete_project != "",
        on_confirm=state.delete_project,
        on_cancel=state.keep_project,
        title_key=f"{prefix}_delete_project_title",
        body_key=f"{prefix}_delete_project_body",
        confirm_id=f"{css}-confirm-delete-project",
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


def figure(label_key: str, value: rx.Var, figure_id: str) -> rx.Component:
    """One figure of an estimate: a small label over a bold value."""
    return rx.vstack(
        rx.text(t(label_key), size="1", color_scheme="gray"),
        rx.text(value, size="4", weight="bold", id=figure_id, style={"overflow_wrap": "anywhere"}),
        spacing="0",
        min_width="7rem",
        flex="1",
    )


def spend_row(state: Any, *, per_item: rx.Var, most: int, prefix: str, css: str) -> rx.Component:
    """How many to make, what it costs (`per_item` says the unit price) and the button that
    asks for the confirmation. `state` has `count_text`, `set_count`, `est_price`, `est_ready`,
    `busy` and `ask_generate`."""
    return rx.flex(
        rx.vstack(
            rx.text(t(f"{prefix}_count"), size="1", weight="medium"),
            rx.input(
                value=state.count_text,
                on_change=state.set_count,
                type="number",
                min=1,
                max=most,
                id=f"{css}-count",
                width="6rem",
            ),
            spacing="1",
        ),
        rx.vstack(
            rx.text(per_item, size="1", color_scheme="gray"),
            rx.text(state.est_price, size="5", weight="bold", id=f"{css}-price"),
            spacing="0",
        ),
        rx.spacer(),
        rx.button(
            rx.icon("sparkles", size=16),
            t(f"{prefix}_generate"),
            size="3",
            disabled=~state.est_ready | state.busy,
            on_click=state.ask_generate,
            id=f"{css}-generate",
        ),
        spacing="4",
        align="end",
        wrap="wrap",
        width="100%",
    )


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
