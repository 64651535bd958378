"""The first page: a grid of the user's avatars to pick the one to pose, or the way to Avatar
Creator when there is none yet."""

from __future__ import annotations

import reflex as rx

from lumiku.components.avatar_picker import avatar_picker
from lumiku.components.layout import signed_in_page
from lumiku.state.pose_generator import APP, CREATOR, PoseGeneratorState
from lumiku.state.pose_generator import PickerState as S


@signed_in_page(APP.route, APP.name, on_load=S.load_picker)
def pose_generator() -> rx.Component:
    return avatar_picker(
        S,
        error=PoseGeneratorState.error,
        app=APP,
        creator=CREATOR,
        prefix="pose_generator",
        css="pg",
        spinner=True,
    )
