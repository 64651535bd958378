"""The project list: create, open and delete projects, or start from sample clips."""

from __future__ import annotations

import reflex as rx

from lumiku.components.layout import signed_in_page
from lumiku.components.projects import project_list
from lumiku.components.text import t
from lumiku.state.video_mixer import APP
from lumiku.state.video_mixer import ProjectListState as S


def _first_run() -> rx.Component:
    """No projects yet: what to do, and a way to try everything without one's own footage."""
    return rx.callout(
        rx.vstack(
            rx.text(t("video_mixer_no_projects"), weight="medium"),
            rx.text(t("video_mixer_samples_hint"), size="1"),
            rx.button(
                rx.icon("clapperboard", size=16),
                t("video_mixer_try_samples"),
                on_click=S.try_samples,
                loading=S.making_samples,
                id="vm-try-samples",
            ),
            spacing="2",
        ),
        icon="info",
        width="100%",
        id="vm-empty",
    )


@signed_in_page(APP.route, APP.name, on_load=S.load_list)
def video_mixer() -> rx.Component:
    return project_list(S, APP, css="vm", empty=_first_run())
