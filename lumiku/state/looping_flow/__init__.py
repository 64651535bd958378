"""Looping Flow's pages: the project list and one project's editor. Handlers are thin: every
argument a client sends is checked here for shape, and by the services for ownership.

Substates under `LoopingFlowState` (the open project and the page's messages):
`ProjectListState`, `ProjectState` (clips, layers and the clips' drop zone), `LayerUploadState`
(the layers' drop zone) and `LoopState` (the loop, its preview, estimate and generating)."""

from lumiku.state.looping_flow.common import (
    APP,
    CLIP_UPLOAD_ID,
    LAYER_UPLOAD_ID,
    PROJECT_ROUTE,
    ClipTile,
    LayerRow,
    LoopingFlowState,
)
from lumiku.state.looping_flow.loop import LoopState
from lumiku.state.looping_flow.project import CLIPS, LAYERS, LayerUploadState, ProjectState
from lumiku.state.looping_flow.project_list import ProjectListState

SUBSTATES = (ProjectListState, ProjectState, LayerUploadState, LoopState)

__all__ = [
    "APP",
    "CLIPS",
    "CLIP_UPLOAD_ID",
    "LAYERS",
    "LAYER_UPLOAD_ID",
    "PROJECT_ROUTE",
    "SUBSTATES",
    "ClipTile",
    "LayerRow",
    "LayerUploadState",
    "LoopState",
    "LoopingFlowState",
    "ProjectListState",
    "ProjectState",
]
