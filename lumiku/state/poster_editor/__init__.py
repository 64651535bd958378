"""Poster Editor's pages: the project list, one project's posters, and the editor of one poster.
Handlers are thin: every argument a client sends is checked here for shape, and by the services
for ownership.

Substates under `PosterEditorState` (the open project and poster, the page's messages):
`ProjectListState`, `ProjectState` (the posters and their drop zone), and on the editor
`PosterState` (the current version, its history, undo), `MarkState` (click-to-mask and the
batch of areas), `TextState` (the text found on the poster), `EditState` (the paid edits) and
`ExportState` (formats, packs and downloads)."""

from lumiku.state.poster_editor.common import (
    APP,
    MODES,
    POSTER_ROUTE,
    PROJECT_ROUTE,
    UPLOAD_ID,
    AreaRow,
    BlockRow,
    ExportRow,
    FormatChoice,
    PosterEditorState,
    PosterTile,
    Spot,
    VersionRow,
)
from lumiku.state.poster_editor.edit import EditState
from lumiku.state.poster_editor.export import ExportState
from lumiku.state.poster_editor.marks import TOOLS, MarkState
from lumiku.state.poster_editor.poster import PosterState
from lumiku.state.poster_editor.project import DROPZONE, ProjectState
from lumiku.state.poster_editor.project_list import ProjectListState
from lumiku.state.poster_editor.text import TextState

SUBSTATES = (
    ProjectListState,
    ProjectState,
    PosterState,
    MarkState,
    TextState,
    EditState,
    ExportState,
)

__all__ = [
    "APP",
    "DROPZONE",
    "MODES",
    "POSTER_ROUTE",
    "PROJECT_ROUTE",
    "SUBSTATES",
    "TOOLS",
    "UPLOAD_ID",
    "AreaRow",
    "BlockRow",
    "EditState",
    "ExportRow",
    "ExportState",
    "FormatChoice",
    "MarkState",
    "PosterEditorState",
    "PosterState",
    "PosterTile",
    "ProjectListState",
    "ProjectState",
    "Spot",
    "TextState",
    "VersionRow",
]
