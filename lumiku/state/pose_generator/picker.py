"""The first page: the user's avatars (from Avatar Creator) to pick the one to pose;
`?avatar=<id>` opens that avatar's page at once when it is the user's."""

from __future__ import annotations

from typing import ClassVar

from lumiku.state.avatar_picker import AvatarPickerMixin
from lumiku.state.pose_generator.common import APP, PoseGeneratorState


class PickerState(AvatarPickerMixin, PoseGeneratorState):
    _app: ClassVar = APP
