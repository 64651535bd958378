"""Avatar Generator's pages: the avatar picker and one avatar's page (the form, the price, the
batch's progress and the variations). Handlers are thin: every argument a client sends is
checked here for shape, and by the services for ownership.

Substates under `AvatarGeneratorState` (the chosen avatar and the page's messages):
`PickerState` (the user's avatars), `AvatarState` (the source avatar, its uses, and the page's
loader), `GenerateState` (the form, the estimate and generating) and `VariationsState` (the
variations, filled in as items finish, and saving one as an avatar)."""

from lumiku.state.avatar_batches import ModelChoice
from lumiku.state.avatar_generator.avatar import AvatarState
from lumiku.state.avatar_generator.common import (
    APP,
    AVATAR_ROUTE,
    CREATOR,
    AvatarGeneratorState,
    UseRow,
    VariationTile,
)
from lumiku.state.avatar_generator.generate import GenerateState
from lumiku.state.avatar_generator.picker import PickerState
from lumiku.state.avatar_generator.variations import VariationsState
from lumiku.state.avatar_picker import AvatarTile

SUBSTATES = (PickerState, AvatarState, GenerateState, VariationsState)

__all__ = [
    "APP",
    "AVATAR_ROUTE",
    "CREATOR",
    "SUBSTATES",
    "AvatarGeneratorState",
    "AvatarState",
    "AvatarTile",
    "GenerateState",
    "ModelChoice",
    "PickerState",
    "UseRow",
    "VariationTile",
    "VariationsState",
]
