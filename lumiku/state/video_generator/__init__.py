"""Video Generator's page: a video from a prompt (and a picture to start or end on) by a remote
model, priced in its parts and confirmed before spending, followed while the provider works,
then kept in the user's gallery. Handlers are thin: every argument a client sends is checked
here for shape, and by the services for ownership.

Substates under `VideoGeneratorState` (the page's messages): `PageState` (the loader),
`FormState` (the model, the prompt, the options the model allows, the price and generating),
`ImproveState` ("improve my prompt": a suggestion to accept or reject), `StartUploadState` and
`EndUploadState` (each picture's drop zone), `AvatarsState` (picking an avatar as a picture),
`MakingState` (the videos being made, with the provider's progress) and `GalleryState` (the
user's videos)."""

from lumiku.state.video_generator.common import (
    APP,
    CREATOR,
    NO_IMAGE,
    SLOTS,
    UPLOAD_IDS,
    AvatarChoice,
    ChosenImage,
    MakingRow,
    ModelCard,
    PriceLine,
    VideoCard,
    VideoGeneratorState,
)
from lumiku.state.video_generator.form import FormState
from lumiku.state.video_generator.gallery import GalleryState
from lumiku.state.video_generator.images import (
    PICTURE,
    AvatarsState,
    EndUploadState,
    StartUploadState,
)
from lumiku.state.video_generator.improve import ImproveState
from lumiku.state.video_generator.making import MakingState
from lumiku.state.video_generator.page import PageState

SUBSTATES = (
    PageState,
    FormState,
    ImproveState,
    StartUploadState,
    EndUploadState,
    AvatarsState,
    MakingState,
    GalleryState,
)

__all__ = [
    "APP",
    "CREATOR",
    "NO_IMAGE",
    "PICTURE",
    "SLOTS",
    "SUBSTATES",
    "UPLOAD_IDS",
    "AvatarChoice",
    "AvatarsState",
    "ChosenImage",
    "EndUploadState",
    "FormState",
    "GalleryState",
    "ImproveState",
    "MakingRow",
    "MakingState",
    "ModelCard",
    "PageState",
    "PriceLine",
    "StartUploadState",
    "VideoCard",
    "VideoGeneratorState",
]
