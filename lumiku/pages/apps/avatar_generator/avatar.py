"""One avatar's page: the source avatar, the form, the batch being made, the variations and the
avatar's batches in the work list."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import being_made_banner, confirm_spend_dialog
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.pages.apps.avatar_generator.form import form_panel
from lumiku.pages.apps.avatar_generator.source import source_panel
from lumiku.pages.apps.avatar_generator.variations import variations_panel
from lumiku.state.avatar_generator import APP, AVATAR_ROUTE, AvatarGeneratorState, GenerateState
from lumiku.state.avatar_generator import AvatarState as S


@signed_in_page(AVATAR_ROUTE, APP.name, on_load=S.load_avatar)
def avatar_generator_avatar() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "avatar_generator_all_avatars"),
        rx.vstack(
            rx.heading(S.name, size="7", as_="h1", id="ag-avatar-name"),
            rx.text(APP.name, size="2", color_scheme="gray"),
            spacing="1",
        ),
        error_callout(AvatarGeneratorState.error, "ag-error"),
        notice_callout(AvatarGeneratorState.notice, "ag-notice"),
        being_made_banner(GenerateState.started_generation, prefix="avatar_generator", css="ag"),
        rx.grid(
            source_panel(),
            form_panel(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        variations_panel(),
        rx.heading(t("avatar_generator_results"), size="5", as_="h2"),
        work_list(),
        confirm_spend_dialog(
            GenerateState, count=GenerateState.count_text, prefix="avatar_generator", css="ag"
        ),
        spacing="4",
        width="100%",
    )
