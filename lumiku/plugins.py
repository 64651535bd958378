"""The registry of Lumiku's apps: one entry per app, read by the dashboard, the routes and billing.

An app's id is the kebab-case form of its name in every layer: `video-mixer` is `video_mixer` in
models, services, state, pages, jobs and tests, and lives at `/apps/video-mixer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TIERS = ("free", "basic", "pro", "enterprise")


@dataclass(frozen=True)
class Access:
    requires_sign_in: bool = True
    min_tier: str | None = None  # one of TIERS; None means any plan, pay-as-you-go included
    roles: tuple[str, ...] = ("user", "admin")


@dataclass(frozen=True)
class AppPlugin:
    id: str
    name: str
    description_key: str  # message key in lumiku.i18n
    icon: str  # lucide icon name
    order: int
    color: str  # Radix colour scale
    enabled: bool = True
    beta: bool = False
    coming_soon: bool = True
    access: Access = field(default_factory=Access)

    @property
    def module(self) -> str:
        return self.id.replace("-", "_")

    @property
    def route(self) -> str:
        return f"/apps/{self.id}"

    def allows_role(self, role: str) -> bool:
        return role in self.access.roles


APPS: tuple[AppPlugin, ...] = (
    AppPlugin(
        "avatar-creator", "Avatar Creator", "app_avatar_creator_desc", "circle-user", 1, "purple"
    ),
    AppPlugin(
        "avatar-generator",
        "Avatar Generator",
        "app_avatar_generator_desc",
        "user-round-cog",
        2,
        "purple",
        beta=True,
    ),
    AppPlugin("pose-generator", "Pose Generator", "app_pose_generator_desc", "sparkles", 3, "blue"),
    AppPlugin(
        "video-generator", "Video Generator", "app_video_generator_desc", "clapperboard", 4, "blue"
    ),
    AppPlugin(
        "video-mixer", "Video Mixer", "app_video_mixer_desc", "video", 5, "blue", coming_soon=False
    ),
    AppPlugin("poster-editor", "Poster Editor", "app_poster_editor_desc", "image", 6, "green"),
    AppPlugin("carousel-mix", "Carousel Mix", "app_carousel_mix_desc", "layers", 7, "blue"),
    AppPlugin(
        "looping-flow", "Looping Flow", "app_looping_flow_desc", "film", 8, "blue", beta=True
    ),
)


def _check_unique(apps: tuple[AppPlugin, ...]) -> None:
    ids = [a.id for a in apps]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate app ids: {sorted(duplicates)}")


_check_unique(APPS)
BY_ID = {app.id: app for app in APPS}


def get(app_id: str) -> AppPlugin | None:
    return BY_ID.get(app_id)


def dashboard_apps(role: str = "user") -> list[AppPlugin]:
    """Enabled apps the role may open, in dashboard order (coming-soon ones included, marked)."""
    return sorted((a for a in APPS if a.enabled and a.allows_role(role)), key=lambda a: a.order)
