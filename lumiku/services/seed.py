"""Reference data, inserted idempotently by `lumiku seed` (and so by every `make run`).

Each seeder inserts what is missing and leaves existing rows alone, so an admin's edits survive.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, SQLModel

from lumiku.db import session_scope
from lumiku.models import (
    AIModel,
    AvatarCreatorPreset,
    CreditPackage,
    PoseGeneratorTemplate,
    SubscriptionPlan,
)
from lumiku.services.avatar_creator.presets import PRESETS as AVATAR_PRESETS
from lumiku.services.pose_generator.poses import POSES
from lumiku.services.poster_editor.rules import REGISTRY_MODELS as POSTER_EDITOR_MODELS

PLANS: list[dict[str, Any]] = [
    dict(
        id="free-forever",
        tier="free",
        name="Free Forever",
        price_rupiah=0,
        billing_cycle="monthly",
        daily_quota=10,
        monthly_quota=300,
        display_order=0,
        features=["free_models", "basic_support"],
    ),
    dict(
        id="basic-monthly",
        tier="basic",
        name="Basic Monthly",
        price_rupiah=99_000,
        billing_cycle="monthly",
        daily_quota=50,
        monthly_quota=1_500,
        display_order=1,
        features=["basic_models", "email_support", "no_watermark"],
    ),
    dict(
        id="pro-monthly",
        tier="pro",
        name="Pro Monthly",
        price_rupiah=299_000,
        billing_cycle="monthly",
        daily_quota=100,
        monthly_quota=3_000,
        display_order=2,
        features=["pro_models", "priority_support", "custom_branding"],
    ),
    dict(
        id="enterprise-monthly",
        tier="enterprise",
        name="Enterprise Monthly",
        price_rupiah=999_000,
        billing_cycle="monthly",
        daily_quota=500,
        monthly_quota=15_000,
        display_order=3,
        features=["all_models", "dedicated_support", "custom_branding", "sla"],
    ),
    dict(
        id="pro-yearly",
        tier="pro",
        name="Pro Yearly",
        price_rupiah=2_870_000,
        billing_cycle="yearly",
        daily_quota=100,
        monthly_quota=3_000,
        display_order=4,
        features=["pro_models", "priority_support", "custom_branding", "yearly_discount"],
    ),
]


def _model(
    key: str,
    name: str,
    provider: str,
    tier: str,
    credit_cost: int,
    quota_cost: int,
    order: int,
    *,
    per_second: float | None = None,
    per_mp: float | None = None,
    enabled: bool = True,
    beta: bool = False,
    serve: tuple[str, str, dict[str, Any]] = ("", "", {}),
    fallback: str = "",
    **capabilities: Any,
) -> dict[str, Any]:
    """`serve`: the provider's model id (or endpoint URL), the capability and the parameters
    sent with every call (lumiku.services.ai)."""
    return dict(
        provider_model=serve[0],
        capability=serve[1],
        parameters=serve[2],
        fallback_key=fallback,
        key=key,
        app_id=key.split(":")[0],
        name=name,
        provider=provider,
        tier=tier,
        credit_cost=credit_cost,
        quota_cost=quota_cost,
        display_order=order,
        credit_per_second=per_second,
        credit_per_megapixel=per_mp,
        enabled=enabled,
        beta=beta,
        capabilities=capabilities,
    )


def _flux_dev(resolution: int) -> dict[str, Any]:
    """The original's FLUX.1-dev request: 30 steps, guidance 3.5, the realism LoRA at 0.9."""
    return {
        "num_inference_steps": 30,
        "guidance_scale": 3.5,
        "lora": "XLabs-AI/flux-RealismLora",
        "lora_scale": 0.9,
        "width": resolution,
        "height": resolution,
    }


# Video Generator's models, served through Hugging Face's router to fal.ai's queue (the original
# called ModelsLab and Eden AI, which we do not). fal serves text-to-video and image-to-video at
# two addresses: `imageModel` is where a request with a start image goes; the parameters say how
# each spells its request (lumiku.services.ai.video_jobs). The credits are the
# original's production values (4.8; it shipped them at 0 and then charged 500 for each); the
# modifiers are the original's (lumiku.services.video_generator.rules). The durations, sizes and
# aspects are what fal's endpoints accept; `typicalSeconds` is how long one video usually takes
# there (the progress bar's guide) and a video still not done after `maxWaitSeconds` is cancelled
# at the provider and refunded. The `per_second` prices of the original's rows are not used: the
# app prices by its own rule. Veo and Kling are closed models the original reached through Eden
# AI; fal serves both, so they go the same way (an admin whose Hugging Face account cannot reach
# them repoints the row at an endpoint URL speaking fal's protocol, or switches it off).
VIDEO_MODIFIERS: dict[str, int] = {
    "resolution1080p": 30,
    "resolution4k": 100,
    "durationPer5Seconds": 50,
    "startImage": 20,
    "endImage": 30,
    "bothImages": 40,
    "enhancedPrompt": 5,
    "audioGeneration": 10,
}
VIDEO_GENERATOR_MODELS: list[dict[str, Any]] = [
    _model(
        "video-generator:wan2.2",
        "Wan 2.2 T2V (Free)",
        "huggingface",
        "free",
        350,
        1,
        0,
        serve=(
            "fal-ai/wan/v2.2-a14b/text-to-video",
            "text-to-video",
            {"duration_format": "frames", "fps": 16, "size_format": "resolution"},
        ),
        imageModel="fal-ai/wan/v2.2-a14b/image-to-video",
        resolutions=["720p"],
        durations=[3, 4, 5, 6],
        maxDuration=6,
        defaultDuration=5,
        aspectRatios=["16:9", "9:16", "1:1"],
        supportsStartImage=True,
        supportsEndImage=True,  # fal's Wan 2.2 image-to-video takes an end frame
        supportsAudio=False,
        typicalSeconds=90,
        maxWaitSeconds=600,
        modifiers=VIDEO_MODIFIERS,
    ),
    _model(
        "video-generator:veo2",
        "Google Veo 2",
        "huggingface",
        "basic",
        2200,
        1,
        1,
        serve=(
            "fal-ai/veo2",
            "text-to-video",
            {"duration_format": "seconds_s", "size_format": "aspect"},
        ),
        imageModel="fal-ai/veo2/image-to-video",
        resolutions=["720p"],
        durations=[5, 6, 7, 8],
        maxDuration=8,
        defaultDuration=5,
        aspectRatios=["16:9", "9:16"],
        supportsStartImage=True,
        supportsEndImage=False,
        supportsAudio=False,
        typicalSeconds=120,
        maxWaitSeconds=900,
        modifiers=VIDEO_MODIFIERS,
    ),
    _model(
        "video-generator:kling-2.5",
        "Kling 2.5 Pro",
        "huggingface",
        "pro",
        500,
        2,
        2,
        serve=(
            "fal-ai/kling-video/v2.5-turbo/pro/text-to-video",
            "text-to-video",
            {"duration_format": "seconds", "size_format": "aspect"},
        ),
        imageModel="fal-ai/kling-video/v2.5-turbo/pro/image-to-video",
        resolutions=["720p", "1080p"],
        durations=[5, 10],
        maxDuration=10,
        defaultDuration=5,
        aspectRatios=["16:9", "9:16", "1:1"],
        supportsStartImage=True,
        supportsEndImage=False,
        supportsAudio=False,
        typicalSeconds=150,
        maxWaitSeconds=900,
        modifiers=VIDEO_MODIFIERS,
    ),
    _model(
        "video-generator:veo3",
        "Google Veo 3 Enterprise",
        "huggingface",
        "enterprise",
        2500,
        3,
        3,
        serve=(
            "fal-ai/veo3",
            "text-to-video",
            # Veo 3 makes sound unless told not to: always say which
            {
                "duration_format": "seconds_s",
                "size_format": "resolution",
                "audio_field": "generate_audio",
            },
        ),
        imageModel="fal-ai/veo3/image-to-video",
        resolutions=["720p", "1080p"],
        durations=[4, 6, 8],
        maxDuration=8,
        defaultDuration=8,
        aspectRatios=["16:9", "9:16"],
        supportsStartImage=True,
        supportsEndImage=False,
        supportsAudio=True,
        typicalSeconds=180,
        maxWaitSeconds=1200,
        modifiers=VIDEO_MODIFIERS,
    ),
    # "Improve my description": free to ask (rate limited per user), +5 credits when the
    # improved text is used (the original's enhancedPrompt)
    _model(
        "video-generator:prompt-writer",
        "Claude Video Prompt Writer",
        "anthropic",
        "free",
        0,
        0,
        4,
        serve=("claude-sonnet-5", "text", {"max_tokens": 700}),
    ),
]

# The original's 17 entries (prisma/seeds/ai-models.seed.ts), plus one for Pose Generator, which
# the original left without a model and so hid from every dashboard, and the models behind
# Avatar Creator's persona writer and Avatar Generator's variations and likeness scores.
# The original's three Poster Editor rows named providers it never called (Segmind, Eden AI);
# they stay, switched off, for their history, and Poster Editor runs on its own rows
# (lumiku.services.poster_editor.rules.REGISTRY_MODELS).
MODELS: list[dict[str, Any]] = [
    *VIDEO_GENERATOR_MODELS,
    _model(
        "poster-editor:inpaint-standard",
        "Inpaint Standard",
        "segmind",
        "free",
        3,
        1,
        0,
        per_mp=1.0,
        maxResolution="2048x2048",
        enabled=False,  # the original's; served by none of our providers (see below)
    ),
    _model(
        "poster-editor:inpaint-pro",
        "Inpaint Pro",
        "segmind",
        "pro",
        10,
        2,
        1,
        per_mp=3.0,
        maxResolution="4096x4096",
        enabled=False,  # the original's; served by none of our providers (see below)
    ),
    _model(
        "poster-editor:super-resolution",
        "Super Resolution 4K",
        "edenai",
        "enterprise",
        50,
        5,
        2,
        maxUpscale=4,
        enabled=False,  # the original's; served by none of our providers (see below)
    ),
    _model(
        "video-mixer:ffmpeg-standard",
        "FFmpeg Standard",
        "local",
        "free",
        2,
        1,
        0,
        maxVideos=100,
        formats=["mp4", "webm"],
    ),
    _model(
        "carousel-mix:canvas-standard",
        "Canvas Standard",
        "local",
        "free",
        1,
        1,
        0,
        maxSlides=8,
        formats=["png", "jpg"],
    ),
    _model(
        "looping-flow:ffmpeg-loop",
        "FFmpeg Loop",
        "local",
        "free",
        2,
        1,
        0,
        maxDuration=300,
        crossfade=True,
    ),
    _model(
        "avatar-creator:flux-dev-standard",
        "FLUX.1-dev Standard",
        "huggingface",
        "free",
        10,
        1,
        0,
        model="black-forest-labs/FLUX.1-dev",
        lora="realism",
        resolution=512,
        guidanceScale=7.5,
        serve=("black-forest-labs/FLUX.1-dev", "text-to-image", _flux_dev(512)),
    ),
    _model(
        "avatar-creator:flux-dev-hd",
        "FLUX.1-dev HD",
        "huggingface",
        "basic",
        15,
        2,
        1,
        model="black-forest-labs/FLUX.1-dev",
        lora="realism",
        resolution=1024,
        guidanceScale=7.5,
        serve=("black-forest-labs/FLUX.1-dev", "text-to-image", _flux_dev(1024)),
    ),
    _model(
        "avatar-creator:flux-schnell-fast",
        "FLUX.1-schnell Fast",
        "huggingface",
        "pro",
        8,
        1,
        2,
        model="black-forest-labs/FLUX.1-schnell",
        resolution=1024,
        guidanceScale=0,
        serve=(
            "black-forest-labs/FLUX.1-schnell",
            "text-to-image",
            {"num_inference_steps": 4, "guidance_scale": 0.0, "width": 1024, "height": 1024},
        ),
    ),
    _model(
        "avatar-creator:claude-persona",
        "Claude Persona Writer",
        "anthropic",
        "free",
        0,
        0,
        3,
        serve=("claude-sonnet-5", "text", {"max_tokens": 1024}),
    ),
    _model(
        "avatar-generator:flux-kontext",
        "FLUX.1 Kontext Variations",
        "huggingface",
        "free",
        5,
        1,
        4,
        serve=(
            "black-forest-labs/FLUX.1-Kontext-dev",
            "image-to-image",
            {"num_inference_steps": 28, "guidance_scale": 2.5},
        ),
        hdExtra=2,
        priorityExtra=3,
        resolutions={"sd": 768, "hd": 1024},
    ),
    _model(
        "avatar-generator:face-likeness",
        "Face Likeness",
        "huggingface",
        "free",
        0,
        0,
        5,
        enabled=False,  # an admin names a face-embedding model or endpoint, then enables it
        serve=("", "face-embedding", {}),
    ),
    _model(
        "avatar-generator:controlnet-openpose-sd15",
        "ControlNet OpenPose SD 1.5 (Free)",
        "huggingface",
        "free",
        3,
        1,
        0,
        beta=True,
        model="lllyasviel/control_v11p_sd15_openpose",
        serve=("lllyasviel/control_v11p_sd15_openpose", "pose-image", {}),
        base="runwayml/stable-diffusion-v1-5",
        resolution=512,
    ),
    _model(
        "avatar-generator:controlnet-openpose-sdxl",
        "ControlNet OpenPose SDXL",
        "huggingface",
        "basic",
        5,
        1,
        1,
        beta=True,
        model="thibaud/controlnet-openpose-sdxl-1.0",
        serve=("thibaud/controlnet-openpose-sdxl-1.0", "pose-image", {}),
        base="stabilityai/stable-diffusion-xl-base-1.0",
        resolution=1024,
    ),
    _model(
        "avatar-generator:controlnet-openpose-sdxl-ultra",
        "ControlNet OpenPose SDXL Ultra",
        "huggingface",
        "pro",
        8,
        2,
        2,
        beta=True,
        model="xinsir/controlnet-openpose-sdxl-1.0",
        serve=("xinsir/controlnet-openpose-sdxl-1.0", "pose-image", {}),
        base="stabilityai/stable-diffusion-xl-base-1.0",
        resolution=1024,
    ),
    _model(
        "avatar-generator:sd35-controlnet-canny",
        "SD 3.5 ControlNet Canny (Coming Soon)",
        "huggingface",
        "enterprise",
        12,
        3,
        3,
        enabled=False,
        beta=True,
        model="stabilityai/stable-diffusion-3.5-controlnets",
        comingSoon=True,
    ),
    _model(
        "pose-generator:controlnet-openpose-sdxl",
        "ControlNet OpenPose SDXL",
        "huggingface",
        "free",
        5,
        1,
        0,
        model="thibaud/controlnet-openpose-sdxl-1.0",
        serve=("thibaud/controlnet-openpose-sdxl-1.0", "pose-image", {}),
        base="stabilityai/stable-diffusion-xl-base-1.0",
        resolution=1024,
        hdExtra=3,
        fashionExtra=2,
        backgroundExtra=3,
        professionExtra=2,
    ),
    *[_model(**row) for row in POSTER_EDITOR_MODELS],
]


PACKAGES: list[dict[str, Any]] = [
    dict(id="topup-1500", name="Tambah 1500", credits=1_500, price_rupiah=100_000, display_order=0),
    dict(id="topup-4000", name="Tambah 4000", credits=4_000, price_rupiah=250_000, display_order=1),
    dict(id="topup-9000", name="Tambah 9000", credits=9_000, price_rupiah=500_000, display_order=2),
]


def _insert_missing(
    db: Session, model: type[SQLModel], rows: list[dict[str, Any]], key: str
) -> str:
    added = 0
    for row in rows:
        if db.get(model, row[key]) is None:
            db.add(model(**row))
            added += 1
    db.flush()
    return f"{model.__tablename__}: {added} added, {len(rows) - added} already there"


def _fill_providers(db: Session) -> str:
    """Rows seeded before the registry named who serves them get it; a row an admin has
    already pointed somewhere (its capability set) is left alone."""
    filled = 0
    for row in MODELS:
        model = db.get(AIModel, row["key"])
        if model is not None and not model.capability and row["capability"]:
            for name in ("provider", "provider_model", "capability", "parameters", "fallback_key"):
                setattr(model, name, row[name])
            filled += 1
    db.flush()
    return f"ai_models: {filled} given their provider"


AVATAR_CREATOR_PRESETS: list[dict[str, Any]] = [
    dict(
        id=p["id"],
        name=p["name"],
        category=p["category"],
        description=p["description"],
        persona=p["persona"],
        attributes=p["attributes"],
        prompt=p["prompt"],
        display_order=order,
    )
    for order, p in enumerate(AVATAR_PRESETS)
]

POSE_GENERATOR_TEMPLATES: list[dict[str, Any]] = [
    dict(
        id=p["id"],
        name=p["name"],
        name_id=p["name_id"],
        category=p["category"],
        gender=p["gender"],
        difficulty=p["difficulty"],
        tags=list(p["tags"]),
        keypoints=[list(point) if point else None for point in p["keypoints"]],
        display_order=order,
    )
    for order, p in enumerate(POSES)
]

Seeder = Callable[[Session], str]
SEEDERS: list[Seeder] = [
    lambda db: _insert_missing(db, SubscriptionPlan, PLANS, "id"),
    lambda db: _insert_missing(db, AIModel, MODELS, "key"),
    _fill_providers,
    lambda db: _insert_missing(db, CreditPackage, PACKAGES, "id"),
    lambda db: _insert_missing(db, AvatarCreatorPreset, AVATAR_CREATOR_PRESETS, "id"),
    lambda db: _insert_missing(db, PoseGeneratorTemplate, POSE_GENERATOR_TEMPLATES, "id"),
]


def run_all() -> list[str]:
    with session_scope() as db:
        return [seeder(db) for seeder in SEEDERS]
