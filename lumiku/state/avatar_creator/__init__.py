"""Avatar Creator's pages: the project list and one project's avatars. Handlers are thin: every
argument a client sends is checked here for shape, and by the services for ownership.

Substates under `AvatarCreatorState` (the open project and the page's messages):
`ProjectListState`, `ProjectState` (the avatars, face photos dropped in, one avatar opened) and
`CreateState` (describing or choosing a preset, the persona, the price and generating)."""

from lumiku.state.avatar_creator.common import (
    APP,
    PROJECT_ROUTE,
    UNSET,
    UPLOAD_ID,
    AvatarCreatorState,
    AvatarTile,
    UseRow,
)
from lumiku.state.avatar_creator.create import CreateState, ModelOption, PresetCard
from lumiku.state.avatar_creator.project import PHOTOS, ProjectState
from lumiku.state.avatar_creator.project_list import ProjectListState

SUBSTATES = (ProjectListState, ProjectState, CreateState)

__all__ = [
    "APP",
    "PHOTOS",
    "PROJECT_ROUTE",
    "SUBSTATES",
    "UNSET",
    "UPLOAD_ID",
    "AvatarCreatorState",
    "AvatarTile",
    "CreateState",
    "ModelOption",
    "PresetCard",
    "ProjectListState",
    "ProjectState",
    "UseRow",
]
