"""Video Mixer's pages: the project list and one project's editor. Handlers are thin: every
argument a client sends is checked here for shape, and by the services for ownership.

One substate per concern, under the common `VideoMixerState` (the open project's id and the
page's messages): `ProjectListState`, `ProjectState` (clips, groups, uploads), `SettingsState`
(the panel and presets) and `EstimateState` (the estimate and generating)."""

from lumiku.state.video_mixer.common import (
    APP,
    LINK_SECONDS,
    NONE,
    OPTIONS,
    PROJECT_ROUTE,
    UPLOAD_ID,
    Choice,
    ClipRow,
    GroupBox,
    VideoMixerState,
)
from lumiku.state.video_mixer.estimate import EstimateState
from lumiku.state.video_mixer.project import ProjectState
from lumiku.state.video_mixer.project_list import ProjectListState
from lumiku.state.video_mixer.settings import SettingsState

SUBSTATES = (ProjectListState, ProjectState, SettingsState, EstimateState)

__all__ = [
    "APP",
    "LINK_SECONDS",
    "NONE",
    "OPTIONS",
    "PROJECT_ROUTE",
    "SUBSTATES",
    "UPLOAD_ID",
    "Choice",
    "ClipRow",
    "EstimateState",
    "GroupBox",
    "ProjectListState",
    "ProjectState",
    "SettingsState",
    "VideoMixerState",
]
