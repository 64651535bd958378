"""The two apps of `bench.ai_queue`, registered in the bench's worker processes through
EXTRA_APPS=bench.ai_app:AI_APP,bench.ai_app:MEDIA_APP (and in the bench's own process by
`install`):

- `bench-ai` (queue `ai`): one text-to-image call per item through the real provider layer
  (`lumiku.services.ai.text_to_image`, Hugging Face's client), the PNG it answers as the output;
- `bench-media` (queue `media`): a Video Mixer-like render, one second of 720x1280 video with sound
  made by FFmpeg.

The provider layer is imported inside the runner, in the work horse: an idle worker holds none of
it (tests/integration/test_worker_pools.py checks what `python -m jobs` imports at start).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from lumiku.plugins import AppPlugin
from lumiku.services.generations import ItemContext, ItemFailed, TransientError

AI_APP_ID, MEDIA_APP_ID = "bench-ai", "bench-media"
AI_MODEL_KEY, MEDIA_MODEL_KEY = f"{AI_APP_ID}:text-to-image", f"{MEDIA_APP_ID}:ffmpeg"
PROVIDER_MODEL = "bench/text-to-image"  # a repo id the bench's local server answers for
PROMPT = "a batik shirt on a wooden hanger, soft morning light, product photo"

AI_APP = AppPlugin(
    id=AI_APP_ID,
    name="Bench AI",
    icon="sparkles",
    color="gray",
    order=98,
    coming_soon=False,
    runner="bench.ai_app:make_image",
    queue="ai",
    registry_models=(AI_MODEL_KEY,),
)
MEDIA_APP = AppPlugin(
    id=MEDIA_APP_ID,
    name="Bench Media",
    icon="video",
    color="gray",
    order=99,
    coming_soon=False,
    runner="bench.ai_app:make_video",
    queue="media",
    registry_models=(MEDIA_MODEL_KEY,),
)


def make_image(ctx: ItemContext) -> Path:
    from lumiku.services import ai
    from lumiku.services.ai.base import AIError, ModelSpec, TransientAIError

    spec = ModelSpec(
        key=AI_MODEL_KEY,
        provider="huggingface",
        provider_model=PROVIDER_MODEL,
        capability="text-to-image",
    )
    try:
        png = ai.text_to_image(spec, ctx.params.get("prompt", PROMPT), seed=ctx.index)
    except TransientAIError as exc:
        raise TransientError(str(exc)) from exc
    except AIError as exc:
        raise ItemFailed(exc.code) from exc
    out = ctx.workdir / "image.png"
    out.write_bytes(png)
    return out


def make_video(ctx: ItemContext) -> Path:
    out = ctx.workdir / "video.mp4"
    subprocess.run(
        [
            *("ffmpeg", "-v", "error", "-nostdin"),
            *("-f", "lavfi", "-i", "testsrc2=size=720x1280:rate=30:duration=1"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1"),
            *("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"),
            *("-c:a", "aac", "-shortest", str(out)),
        ],
        check=True,
        timeout=120,
    )
    return out


def install() -> None:
    """The apps' model rows, and the apps registered in this process."""
    from lumiku import plugins
    from lumiku.db import session_scope
    from lumiku.models import AIModel

    rows = (  # key, app, name, provider, provider model, capability
        (AI_MODEL_KEY, AI_APP_ID, "Text to image", "huggingface", PROVIDER_MODEL, "text-to-image"),
        (MEDIA_MODEL_KEY, MEDIA_APP_ID, "FFmpeg", "local", "", ""),
    )
    with session_scope() as db:
        for key, app_id, name, provider, provider_model, capability in rows:
            if db.get(AIModel, key) is None:
                db.add(
                    AIModel(
                        key=key,
                        app_id=app_id,
                        name=name,
                        provider=provider,
                        provider_model=provider_model,
                        capability=capability,
                        tier="free",
                        credit_cost=1,
                        quota_cost=1,
                    )
                )
    for app in (AI_APP, MEDIA_APP):
        plugins.BY_ID[app.id] = app
