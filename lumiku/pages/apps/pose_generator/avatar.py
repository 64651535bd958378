"""One avatar's page: the avatar being posed, the pose library, the form, the batch being made
(each pose's progress in the work list), the results and the avatar's batches."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import being_made_banner, confirm_spend_dialog
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.pages.apps.pose_generator.form import form_panel
from lumiku.pages.apps.pose_generator.library import library_panel
from lumiku.pages.apps.pose_generator.results import results_panel
from lumiku.state.pose_generator import APP, AVATAR_ROUTE, GenerateState, PoseGeneratorState
from lumiku.state.pose_generator import AvatarState as S


def _source() -> rx.Component:
    return rx.hstack(
        rx.cond(
            S.image_url != "",
            rx.image(
                src=S.image_url,
                alt=S.name,
                width="4.5rem",
                height="4.5rem",
                object_fit="cover",
                border_radius="50%",
                flex_shrink="0",
                id="pg-source-image",
            ),
            rx.center(
                rx.icon("circle-user", size=40),
                width="4.5rem",
                height="4.5rem",
                flex_shrink="0",
            ),
        ),
        rx.vstack(
            rx.heading(S.name, size="7", as_="h1", id="pg-avatar-name"),
            rx.cond(S.persona != "", rx.text(S.persona, size="2", id="pg-persona")),
            rx.hstack(
                rx.text(APP.name, size="2", color_scheme="gray"),
                rx.link(
                    rx.hstack(
                        rx.icon("external-link", size=14),
                        t("pose_generator_open_in_creator"),
                        align="center",
                        spacing="1",
                    ),
                    href=S.creator_url,
                    size="2",
                    id="pg-open-in-creator",
                ),
                spacing="3",
                wrap="wrap",
            ),
            spacing="1",
            min_width="0",
        ),
        spacing="3",
        align="center",
        width="100%",
    )


@signed_in_page(AVATAR_ROUTE, APP.name, on_load=S.load_avatar)
def pose_generator_avatar() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "pose_generator_all_avatars"),
        _source(),
        error_callout(PoseGeneratorState.error, "pg-error"),
        notice_callout(PoseGeneratorState.notice, "pg-notice"),
        being_made_banner(GenerateState.started_generation, prefix="pose_generator", css="pg"),
        rx.grid(
            library_panel(),
            form_panel(),
            grid_template_columns=rx.breakpoints(
                initial="minmax(0, 1fr)", lg="minmax(0, 3fr) minmax(0, 2fr)"
            ),
            spacing="4",
            width="100%",
            align_items="start",
        ),
        results_panel(),
        rx.heading(t("pose_generator_batches"), size="5", as_="h2"),
        work_list(),
        confirm_spend_dialog(
            GenerateState, count=GenerateState.chosen_count, prefix="pose_generator", css="pg"
        ),
        spacing="4",
        width="100%",
    )
