"""The first page: the user's avatars (from Avatar Creator) to pick the one to vary;
`?avatar=<id>` opens that avatar's page at once when it is the user's."""

from __future__ import annotations

from typing import ClassVar

from lumiku.state.avatar_generator.common import APP, AvatarGeneratorState
from lumiku.state.avatar_picker import AvatarPickerMixin


class PickerState(AvatarPickerMixin, AvatarGeneratorState):
    _app: ClassVar = APP
