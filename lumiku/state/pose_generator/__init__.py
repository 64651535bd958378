"""Pose Generator's pages: the avatar picker and one avatar's page (the pose library, the form,
the price, the batch's progress and the results). Handlers are thin: every argument a client
sends is checked here for shape, and by the services for ownership.

Substates under `PoseGeneratorState` (the chosen avatar and the page's messages):
`PickerState` (the user's avatars), `AvatarState` (the avatar being posed, and the page's
loader), `LibraryState` (browsing and choosing poses, adding them from photos),
`GenerateState` (the chosen poses, the options, the estimate and generating) and
`ResultsState` (the poses made, filled in as items finish)."""

from lumiku.state.avatar_batches import ModelChoice
from lumiku.state.avatar_picker import AvatarTile
from lumiku.state.pose_generator.avatar import AvatarState
from lumiku.state.pose_generator.common import (
    APP,
    AVATAR_ROUTE,
    CREATOR,
    NONE,
    UPLOAD_ID,
    ChosenPose,
    PoseCard,
    PoseGeneratorState,
    ResultTile,
)
from lumiku.state.pose_generator.generate import GenerateState
from lumiku.state.pose_generator.library import ALL, PHOTOS, SORTS, LibraryState
from lumiku.state.pose_generator.picker import PickerState
from lumiku.state.pose_generator.results import ResultsState

SUBSTATES = (PickerState, AvatarState, LibraryState, GenerateState, ResultsState)

__all__ = [
    "ALL",
    "APP",
    "AVATAR_ROUTE",
    "CREATOR",
    "NONE",
    "PHOTOS",
    "SORTS",
    "SUBSTATES",
    "UPLOAD_ID",
    "AvatarState",
    "AvatarTile",
    "ChosenPose",
    "GenerateState",
    "LibraryState",
    "ModelChoice",
    "PickerState",
    "PoseCard",
    "PoseGeneratorState",
    "ResultTile",
    "ResultsState",
]
