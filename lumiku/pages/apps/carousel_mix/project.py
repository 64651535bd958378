"""One project's page: the layout, the positions with their pictures, texts and style, the
generate panel and the project's sets."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card, error_callout, notice_callout
from lumiku.components.layout import signed_in_page
from lumiku.components.navigation import back_link
from lumiku.components.projects import (
    being_made_banner,
    confirm_spend_dialog,
    delete_project_dialog,
    project_header,
)
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.pages.apps.carousel_mix.generate import generate_panel
from lumiku.pages.apps.carousel_mix.pictures import pictures_panel
from lumiku.pages.apps.carousel_mix.style import style_panel
from lumiku.pages.apps.carousel_mix.texts import texts_panel
from lumiku.services.carousel_mix import rules
from lumiku.services.carousel_mix.canvas import CANVASES
from lumiku.state.carousel_mix import (
    APP,
    PROJECT_ROUTE,
    CarouselMixState,
    GenerateState,
    PositionTab,
    ProjectListState,
)
from lumiku.state.carousel_mix import ProjectState as S


def _layout() -> rx.Component:
    """How many slides a carousel has, and its shape."""
    return rx.flex(
        rx.vstack(
            rx.text(t("carousel_mix_opt_slides"), size="1", weight="medium"),
            rx.select.root(
                rx.select.trigger(id="cm-slides"),
                rx.select.content(
                    *[
                        rx.select.item(str(n), value=str(n))
                        for n in range(rules.MIN_SLIDES, rules.MAX_SLIDES + 1)
                    ]
                ),
                value=S.slides.to_string(),
                on_change=S.set_slides,
            ),
            spacing="1",
        ),
        rx.vstack(
            rx.text(t("carousel_mix_opt_canvas"), size="1", weight="medium"),
            rx.select.root(
                rx.select.trigger(id="cm-canvas"),
                rx.select.content(
                    *[
                        rx.select.item(
                            t(f"carousel_mix_canvas_{name.replace(':', '_')}"), value=name
                        )
                        for name in CANVASES
                    ]
                ),
                value=S.canvas,
                on_change=S.set_canvas,
            ),
            spacing="1",
        ),
        rx.text(t("carousel_mix_layout_hint"), size="1", color_scheme="gray", max_width="28rem"),
        spacing="4",
        align="end",
        wrap="wrap",
        width="100%",
    )


def _tab(tab: PositionTab) -> rx.Component:
    chosen = tab.position == CarouselMixState.position
    return rx.button(
        rx.text(t("carousel_mix_opt_position"), " ", tab.label),
        rx.badge(
            tab.pictures,
            color_scheme=rx.cond(tab.ready, "green", "amber"),
            variant="soft",
            radius="full",
        ),
        variant=rx.cond(chosen, "solid", "soft"),
        size="2",
        on_click=S.select_position(tab.position),
        class_name="cm-position",
        data_position=tab.label,
        aria_pressed=rx.cond(chosen, "true", "false"),
    )


def _positions() -> rx.Component:
    return rx.vstack(
        rx.flex(rx.foreach(S.tabs, _tab), spacing="2", wrap="wrap", id="cm-positions"),
        rx.text(t("carousel_mix_positions_hint"), size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
    )


@signed_in_page(PROJECT_ROUTE, APP.name, on_load=S.load_project)
def carousel_mix_project() -> rx.Component:
    return rx.vstack(
        back_link(APP.route, "carousel_mix_all_projects"),
        project_header(
            S,
            on_delete=ProjectListState.ask_delete_project(CarouselMixState.project_id),
            prefix="carousel_mix",
            css="cm",
        ),
        error_callout(CarouselMixState.error, "cm-error"),
        notice_callout(CarouselMixState.notice, "cm-notice"),
        being_made_banner(GenerateState.started_generation, prefix="carousel_mix", css="cm"),
        card(_layout(), _positions()),
        rx.grid(
            rx.vstack(pictures_panel(), texts_panel(), spacing="4", width="100%", min_width="0"),
            style_panel(),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        generate_panel(),
        rx.heading(t("carousel_mix_results"), size="5", as_="h2"),
        work_list(),
        confirm_spend_dialog(
            GenerateState, count=GenerateState.count_text, prefix="carousel_mix", css="cm"
        ),
        delete_project_dialog(ProjectListState, prefix="carousel_mix", css="cm"),
        spacing="4",
        width="100%",
    )
