"""Carousel Mix's pages: the project list and one project's editor. Handlers are thin: every
argument a client sends is checked here for shape, and by the services for ownership.

One substate per concern, under the common `CarouselMixState` (the open project, the position
being edited and the page's messages): `ProjectListState`, `ProjectState` (layout, pictures,
texts, uploads), `StyleState` (the style panel, presets and live preview) and `GenerateState`
(delivery options, the estimate and generating)."""

from lumiku.state.carousel_mix.common import (
    APP,
    PROJECT_ROUTE,
    UPLOAD_ID,
    CarouselMixState,
    Choice,
    PictureTile,
    PositionTab,
    TextRow,
)
from lumiku.state.carousel_mix.generate import GenerateState
from lumiku.state.carousel_mix.project import DROPZONE, ProjectState
from lumiku.state.carousel_mix.project_list import ProjectListState
from lumiku.state.carousel_mix.style import StyleState

SUBSTATES = (ProjectListState, ProjectState, StyleState, GenerateState)

__all__ = [
    "APP",
    "DROPZONE",
    "PROJECT_ROUTE",
    "SUBSTATES",
    "UPLOAD_ID",
    "CarouselMixState",
    "Choice",
    "GenerateState",
    "PictureTile",
    "PositionTab",
    "ProjectListState",
    "ProjectState",
    "StyleState",
    "TextRow",
]
