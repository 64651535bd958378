"""A small app for the engine's tests, registered in web and worker processes through
EXTRA_APPS=tests.engine_app:APP (and in the test process by `install`): each item
makes a real one-second video with FFmpeg, after `steps` progress reports `delay` seconds apart,
and fails or fails transiently when its params say so."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from lumiku.plugins import AppPlugin
from lumiku.services.generations import (
    ItemContext,
    ItemFailed,
    TransientError,
    _attempts,
)

APP_ID = "engine-test"
MODEL_KEY = f"{APP_ID}:ffmpeg"
APP = AppPlugin(
    id=APP_ID,
    name="Engine Test",
    icon="flask-conical",
    color="gray",
    order=99,
    coming_soon=False,
    runner="tests.engine_app:run",
    registry_models=(MODEL_KEY,),
)


def run(ctx: ItemContext) -> Path:
    steps, delay = int(ctx.params.get("steps", 2)), float(ctx.params.get("delay", 0.05))
    for n in range(steps):
        time.sleep(delay)
        ctx.progress(100 * (n + 1) / (steps + 1), "working")
    behaviour = ctx.params.get("behaviour", "ok")
    if behaviour == "fail":
        raise ItemFailed("item_failed")
    if behaviour == "transient" and _attempts(ctx.item_id) < 2:
        raise TransientError("the remote end is busy")
    out = ctx.workdir / "out.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"testsrc=size=160x120:rate=10:duration=1,hue=h={ctx.index * 40}",
            "-pix_fmt",
            "yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            str(out),
        ],
        check=True,
        timeout=60,
    )
    return out


def install(monkeypatch) -> None:
    """Makes the app usable in this process: its model row, and a registry entry (the engine's
    rules check the registry when work is submitted)."""
    from tests.factories import install_app

    install_app(monkeypatch, APP, MODEL_KEY, "FFmpeg", 2)


def submit(
    user_id: int,
    items: list[dict] | int = 1,
    key: str = "submit-1",
    *,
    title: str = "",
    name: str = "",
) -> str:
    """Work for this app as an app's service submits it: `items` parameter sets (or that many
    plain ones), held and queued by the real engine."""
    from lumiku.services import generations

    params = [{} for _ in range(items)] if isinstance(items, int) else items
    return generations.submit(
        user_id,
        APP_ID,
        MODEL_KEY,
        title=title or f"{len(params)} test videos",
        items=params,
        settings={},
        price_params={},
        key=key,
        name=name,
    )
