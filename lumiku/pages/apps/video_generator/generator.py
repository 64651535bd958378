"""The app's one page: the form and its price side by side (one above the other on phones),
the videos being made, the gallery and the app's work list."""

from __future__ import annotations

import reflex as rx

from lumiku import routes
from lumiku.components.forms import error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import being_made_banner
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.pages.apps.video_generator.form import form_panel
from lumiku.pages.apps.video_generator.gallery import gallery_panel
from lumiku.pages.apps.video_generator.making import making_panel
from lumiku.pages.apps.video_generator.price import confirm_dialog, price_panel
from lumiku.state.video_generator import APP, FormState, PageState, VideoGeneratorState


@signed_in_page(APP.route, APP.name, on_load=PageState.load_page)
def video_generator() -> rx.Component:
    return rx.vstack(
        back_link(routes.DASHBOARD, "back_to_dashboard"),
        rx.vstack(
            rx.heading(APP.name, size="7", as_="h1"),
            rx.text(t(APP.description_key), color_scheme="gray"),
            spacing="1",
        ),
        error_callout(VideoGeneratorState.error, "vg-error"),
        notice_callout(VideoGeneratorState.notice, "vg-notice"),
        being_made_banner(FormState.started_generation, prefix="video_generator", css="vg"),
        rx.grid(
            form_panel(),
            rx.vstack(price_panel(), making_panel(), spacing="4", width="100%"),
            grid_template_columns=rx.breakpoints(
                initial="minmax(0, 1fr)", lg="minmax(0, 3fr) minmax(0, 2fr)"
            ),
            spacing="4",
            width="100%",
            align_items="start",
        ),
        gallery_panel(),
        rx.heading(t("video_generator_work_title"), size="5", as_="h2"),
        work_list(),
        confirm_dialog(),
        spacing="4",
        width="100%",
    )
