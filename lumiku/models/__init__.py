"""Every table, imported here so `SQLModel.metadata` (and so Alembic) sees them all."""

from lumiku.models.audit import AdminAuditEntry
from lumiku.models.avatar_creator import (
    AvatarCreatorAvatar,
    AvatarCreatorPreset,
    AvatarCreatorProject,
    AvatarCreatorUsage,
)
from lumiku.models.avatar_generator import AvatarGeneratorVariation
from lumiku.models.billing import (
    AIModel,
    CreditEntry,
    Hold,
    HoldCapture,
    QuotaUsage,
    Subscription,
    SubscriptionPlan,
)
from lumiku.models.carousel_mix import (
    CarouselMixPicture,
    CarouselMixPreset,
    CarouselMixProject,
    CarouselMixStyle,
    CarouselMixText,
)
from lumiku.models.core import AppUsage, Device, User, UserSession
from lumiku.models.generations import Generation, GenerationItem, StoredFile
from lumiku.models.looping_flow import LoopingFlowClip, LoopingFlowLayer, LoopingFlowProject
from lumiku.models.payments import CreditPackage, Payment
from lumiku.models.pose_generator import PoseGeneratorResult, PoseGeneratorTemplate
from lumiku.models.poster_editor import (
    PosterEditorPoster,
    PosterEditorProject,
    PosterEditorVersion,
)
from lumiku.models.video_generator import VideoGeneratorVideo
from lumiku.models.video_mixer import (
    VideoMixerClip,
    VideoMixerGroup,
    VideoMixerPreset,
    VideoMixerProject,
)

__all__ = [
    "AdminAuditEntry",
    "AIModel",
    "AppUsage",
    "AvatarCreatorAvatar",
    "AvatarCreatorPreset",
    "AvatarCreatorProject",
    "AvatarCreatorUsage",
    "AvatarGeneratorVariation",
    "CarouselMixPicture",
    "CarouselMixPreset",
    "CarouselMixProject",
    "CarouselMixStyle",
    "CarouselMixText",
    "CreditPackage",
    "CreditEntry",
    "Device",
    "Generation",
    "GenerationItem",
    "Hold",
    "HoldCapture",
    "LoopingFlowClip",
    "LoopingFlowLayer",
    "LoopingFlowProject",
    "Payment",
    "PoseGeneratorResult",
    "PoseGeneratorTemplate",
    "PosterEditorPoster",
    "PosterEditorProject",
    "PosterEditorVersion",
    "StoredFile",
    "QuotaUsage",
    "Subscription",
    "SubscriptionPlan",
    "User",
    "UserSession",
    "VideoGeneratorVideo",
    "VideoMixerClip",
    "VideoMixerGroup",
    "VideoMixerPreset",
    "VideoMixerProject",
]
