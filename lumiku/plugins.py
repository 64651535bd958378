"""The registry of Lumiku's apps: one declaration per app, the only place the platform learns
what an app is and where its parts live.

Billing reads an app's price rule and free-use flag from its row, the engine its queue and item
runner, the worker its periodic jobs, the web its pages, the catalogue its messages. The parts
are named by dotted paths (`module:attribute`) and resolved when first used, so this module
imports nothing of the layers above it; `check()` resolves them all at start, so a half-wired app
stops `lumiku run` and the worker with one line instead of failing after credits were held.

An app's id is the kebab-case form of its name in every layer: `video-mixer` is `video_mixer` in
models, services, state, pages, jobs, messages and tests, and lives at `/apps/video-mixer`.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from typing import Any

TIERS = ("free", "basic", "pro", "enterprise")
QUEUES = ("media", "ai")  # where an app's items run: FFmpeg/Pillow work, or remote model calls


class WiringError(RuntimeError):
    """An app's declaration names a part that cannot be found."""


@dataclass(frozen=True)
class Access:
    requires_sign_in: bool = True
    min_tier: str | None = None  # one of TIERS; None means any plan, pay-as-you-go included
    roles: tuple[str, ...] = ("user", "admin")


@dataclass(frozen=True, kw_only=True)
class Periodic:
    """A job the workers run every `every` seconds, once across all of them."""

    job: str  # "module:function", called with no arguments
    every: int


@dataclass(frozen=True, kw_only=True)
class AppPlugin:
    # what users see
    id: str
    name: str
    icon: str  # lucide icon name
    color: str  # Radix colour scale
    order: int
    enabled: bool = True
    beta: bool = False
    coming_soon: bool = True
    access: Access = field(default_factory=Access)
    # how the platform runs it (dotted "module:attribute" paths, resolved when first used)
    runner: str = ""  # the engine's item runner (generations.ItemRunner); required once built
    price_rule: str = ""  # a pricing.Rule; empty: the registry model's price per output
    queue: str = "media"  # one of QUEUES
    pages: str = ""  # the module that records the app's pages; required once built
    tables: str = ""  # the module of the app's SQLModel tables, if it has any
    messages: str = ""  # the module of the app's messages (every key starts with `<module>_`)
    registry_models: tuple[str, ...] = ()  # AIModel keys it charges against (seeded)
    periodic: tuple[Periodic, ...] = ()
    unlimited_free: bool = False  # users tagged enterprise_unlimited use it free (the original)
    # "module:function" naming what the app needs on this machine and lacks (fonts, say), as a
    # list; checked at start like the other parts
    requires: str = ""
    # "module:function(db, ctx, file_ids)": what a paid output becomes beyond an output (an
    # avatar, say), run in the transaction that pays for it, so one never exists without the other
    deliver: str = ""
    # "module:function(ctx)": stops an item's work at a provider (its `ctx.params["remote"]`)
    # when the item is cancelled while it waits there (lumiku.services.generations.CheckBack)
    cancel_remote: str = ""

    @property
    def module(self) -> str:
        return self.id.replace("-", "_")

    @property
    def route(self) -> str:
        return f"/apps/{self.id}"

    @property
    def description_key(self) -> str:
        return f"app_{self.module}_desc"

    def path(self, *parts: str) -> str:
        """A route under the app's own, e.g. `path("[project]")`."""
        return "/".join([self.route, *parts])

    def allows_role(self, role: str) -> bool:
        return role in self.access.roles

    def load(self, part: str) -> Any:
        """The object a part's dotted path names; WiringError, naming the app, if it is missing."""
        ref = getattr(self, part)
        if not ref:
            raise WiringError(f"app {self.id}: no {part} is declared in lumiku/plugins.py")
        try:
            return resolve(ref)
        except (ImportError, AttributeError, ValueError) as exc:
            raise WiringError(f"app {self.id}: its {part} {ref!r} cannot be found ({exc})") from exc


@functools.cache
def resolve(ref: str) -> Any:
    """`package.module:attribute` → the attribute (a module when there is no `:attribute`)."""
    module_name, _, attribute = ref.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


APPS: tuple[AppPlugin, ...] = (
    AppPlugin(
        id="avatar-creator",
        name="Avatar Creator",
        icon="circle-user",
        color="purple",
        order=1,
        coming_soon=False,
        runner="jobs.avatar_creator:run",
        queue="ai",
        pages="lumiku.pages.apps.avatar_creator",
        tables="lumiku.models.avatar_creator",
        messages="lumiku.i18n.avatar_creator",
        registry_models=(
            "avatar-creator:flux-dev-standard",
            "avatar-creator:flux-dev-hd",
            "avatar-creator:flux-schnell-fast",
            "avatar-creator:claude-persona",
        ),
        deliver="lumiku.services.avatar_creator.generate:deliver",
    ),
    AppPlugin(
        id="avatar-generator",
        name="Avatar Generator",
        icon="user-round-cog",
        color="purple",
        order=2,
        beta=True,
        coming_soon=False,
        runner="jobs.avatar_generator:run",
        price_rule="lumiku.services.avatar_generator.rules:price_rule",
        queue="ai",
        pages="lumiku.pages.apps.avatar_generator",
        tables="lumiku.models.avatar_generator",
        messages="lumiku.i18n.avatar_generator",
        registry_models=("avatar-generator:flux-kontext", "avatar-generator:face-likeness"),
        deliver="lumiku.services.avatar_generator.variations:deliver",
    ),
    AppPlugin(
        id="pose-generator",
        name="Pose Generator",
        icon="sparkles",
        color="blue",
        order=3,
        beta=True,
        coming_soon=False,
        runner="jobs.pose_generator:run",
        price_rule="lumiku.services.pose_generator.rules:price_rule",
        queue="ai",
        pages="lumiku.pages.apps.pose_generator",
        tables="lumiku.models.pose_generator",
        messages="lumiku.i18n.pose_generator",
        registry_models=("pose-generator:controlnet-openpose-sdxl",),
        deliver="lumiku.services.pose_generator.results:deliver",
    ),
    AppPlugin(
        id="video-generator",
        name="Video Generator",
        icon="clapperboard",
        color="blue",
        order=4,
        beta=True,
        coming_soon=False,
        runner="jobs.video_generator:run",
        price_rule="lumiku.services.video_generator.rules:price_rule",
        queue="ai",
        pages="lumiku.pages.apps.video_generator",
        tables="lumiku.models.video_generator",
        messages="lumiku.i18n.video_generator",
        registry_models=(
            "video-generator:wan2.2",
            "video-generator:veo2",
            "video-generator:kling-2.5",
            "video-generator:veo3",
            "video-generator:prompt-writer",
        ),
        deliver="lumiku.services.video_generator.videos:deliver",
        cancel_remote="jobs.video_generator:cancel_remote",
    ),
    AppPlugin(
        id="video-mixer",
        name="Video Mixer",
        icon="video",
        color="blue",
        order=5,
        coming_soon=False,
        runner="jobs.video_mixer:run",
        price_rule="lumiku.services.video_mixer.rules:price_rule",
        queue="media",
        pages="lumiku.pages.apps.video_mixer",
        tables="lumiku.models.video_mixer",
        messages="lumiku.i18n.video_mixer",
        registry_models=("video-mixer:ffmpeg-standard",),
        periodic=(Periodic(job="jobs.video_mixer:prune_cache", every=6 * 3600),),
        unlimited_free=True,
    ),
    AppPlugin(
        id="poster-editor",
        name="Poster Editor",
        icon="image",
        color="green",
        order=6,
        coming_soon=False,
        runner="jobs.poster_editor:run",
        price_rule="lumiku.services.poster_editor.rules:price_rule",
        queue="media",  # quick edits and exports; an advanced edit's items go to "ai"
        pages="lumiku.pages.apps.poster_editor",
        tables="lumiku.models.poster_editor",
        messages="lumiku.i18n.poster_editor",
        registry_models=(
            "poster-editor:quick-edit",
            "poster-editor:flux-fill",
            "poster-editor:sam",
            "poster-editor:real-esrgan",
        ),
        deliver="lumiku.services.poster_editor.edits:deliver",
    ),
    AppPlugin(
        id="carousel-mix",
        name="Carousel Mix",
        icon="layers",
        color="blue",
        order=7,
        coming_soon=False,
        runner="jobs.carousel_mix:run",
        price_rule="lumiku.services.carousel_mix.rules:price_rule",
        queue="media",
        pages="lumiku.pages.apps.carousel_mix",
        tables="lumiku.models.carousel_mix",
        messages="lumiku.i18n.carousel_mix",
        registry_models=("carousel-mix:canvas-standard",),
        unlimited_free=True,
        periodic=(Periodic(job="jobs.carousel_mix:prune_cache", every=6 * 3600),),
        requires="lumiku.services.carousel_mix.fonts:missing",
    ),
    AppPlugin(
        id="looping-flow",
        name="Looping Flow",
        icon="film",
        color="blue",
        order=8,
        beta=True,
        coming_soon=False,
        runner="jobs.looping_flow:run",
        price_rule="lumiku.services.looping_flow.rules:price_rule",
        queue="media",
        pages="lumiku.pages.apps.looping_flow",
        tables="lumiku.models.looping_flow",
        messages="lumiku.i18n.looping_flow",
        registry_models=("looping-flow:ffmpeg-loop",),
    ),
)


def _check_unique(apps: tuple[AppPlugin, ...]) -> None:
    ids = [a.id for a in apps]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate app ids: {sorted(duplicates)}")


_check_unique(APPS)
BY_ID: dict[str, AppPlugin] = {app.id: app for app in APPS}


def get(app_id: str) -> AppPlugin | None:
    return BY_ID.get(app_id)


def built() -> list[AppPlugin]:
    """Every registered app that is not coming soon, the extra ones included."""
    return [app for app in BY_ID.values() if not app.coming_soon]


def dashboard_apps(role: str = "user") -> list[AppPlugin]:
    """Enabled apps the role may open, in dashboard order (coming-soon ones included, marked)."""
    return sorted((a for a in APPS if a.enabled and a.allows_role(role)), key=lambda a: a.order)


def load_extra_apps(refs: str | None = None) -> list[AppPlugin]:
    """Registers the apps named by EXTRA_APPS (`module:ATTRIBUTE` of an AppPlugin, comma
    separated): apps that live outside Lumiku, such as the engine tests' own. They run and are
    billed like any app but are not listed on dashboards."""
    if refs is None:
        from lumiku.settings import get_settings

        refs = get_settings().extra_apps
    added = []
    for ref in filter(None, (r.strip() for r in refs.split(","))):
        app = resolve(ref)
        if not isinstance(app, AppPlugin):
            raise WiringError(f"EXTRA_APPS: {ref!r} is not an AppPlugin")
        BY_ID[app.id] = app
        added.append(app)
    return added


def check(apps: list[AppPlugin] | None = None) -> None:
    """Resolves what the workers need of every built app: its runner, its price rule and its
    periodic jobs. Raises WiringError naming the first app and part that are missing."""
    for app in built() if apps is None else apps:
        if app.queue not in QUEUES:
            raise WiringError(f"app {app.id}: queue {app.queue!r} is not one of {QUEUES}")
        parts = ("runner", *(p for p in ("price_rule", "deliver") if getattr(app, p)))
        for part in parts:
            if not callable(app.load(part)):
                raise WiringError(
                    f"app {app.id}: its {part} {getattr(app, part)!r} is not callable"
                )
        lacking = app.load("requires")() if app.requires else []
        if lacking:
            raise WiringError(
                f"app {app.id}: this machine lacks {', '.join(lacking)} "
                "(scripts/bootstrap.sh installs them)"
            )
        for periodic in app.periodic:
            try:
                resolve(periodic.job)
            except (ImportError, AttributeError, ValueError) as exc:
                raise WiringError(
                    f"app {app.id}: its periodic job {periodic.job!r} ({exc})"
                ) from exc


def check_at_start() -> None:
    """For `lumiku run` and every worker: registers the extra apps and checks every built one;
    a missing piece ends the process with one line naming the app and the piece."""
    load_extra_apps()
    try:
        check()
    except WiringError as exc:
        raise SystemExit(f"lumiku: {exc}") from None
