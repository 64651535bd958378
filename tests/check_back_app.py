"""An app for the engine's check-back tests, registered in worker processes through
EXTRA_APPS=tests.check_back_app:APP (and in the test process by `install`). Its runner waits on
remote work without holding a worker (generations.CheckBack), in one of two ways its params say:

- "mode": "count": `looks` check-backs `wait` seconds apart, then a small PNG; with "fail":
  true, ItemFailed at the last look instead.
- "mode": "fal": a real video through lumiku.services.ai's queue calls against FakeHF
  (HF_INFERENCE_URL and HF_TOKEN from the environment): submit, check until done, download.

Every run is recorded in Redis (`runs_key`), and `cancel_remote` records the state it was given
(`cancelled_key`) and cancels the fal job, so tests see what the worker did.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PIL import Image

from lumiku.plugins import AppPlugin
from lumiku.services import ai
from lumiku.services.generations import CheckBack, ItemContext, ItemFailed
from lumiku.services.redis_client import get_redis

APP_ID = "check-back-test"
MODEL_KEY = f"{APP_ID}:remote"
APP = AppPlugin(
    id=APP_ID,
    name="Check-back Test",
    icon="hourglass",
    color="gray",
    order=98,
    coming_soon=False,
    runner="tests.check_back_app:run",
    queue="media",  # beside the engine test app's renders: one worker serves both
    registry_models=(MODEL_KEY,),
    cancel_remote="tests.check_back_app:cancel_remote",
)
SPEC = ai.ModelSpec(
    key=MODEL_KEY,
    provider="huggingface",
    provider_model="fal-ai/wan/v2.2-a14b/text-to-video",
    capability="text-to-video",
    parameters={"num_inference_steps": 8},
    timeout=10,
)
MAX_BYTES = 5_000_000


def runs_key(item_id: str) -> str:
    return f"check-back-test:runs:{item_id}"


def cancelled_key(item_id: str) -> str:
    return f"check-back-test:cancelled:{item_id}"


def runs(item_id: str) -> list[dict]:
    return [json.loads(r) for r in get_redis().lrange(runs_key(item_id), 0, -1)]


def run(ctx: ItemContext) -> Path:
    remote = ctx.params.get("remote")
    record = {"pid": os.getpid(), "remote": remote}
    get_redis().rpush(runs_key(ctx.item_id), json.dumps(record))
    wait = float(ctx.params.get("wait", 0.2))
    if ctx.params.get("mode") == "fal":
        return _fal(ctx, remote, wait)
    looks = 0 if remote is None else int(remote["looks"])
    if looks < int(ctx.params.get("looks", 2)):
        raise CheckBack(wait, {"looks": looks + 1}, progress=10 * (looks + 1), stage="waiting")
    if ctx.params.get("fail"):
        raise ItemFailed("check_back_test_failed")
    out = ctx.workdir / "out.png"
    Image.new("RGB", (32, 24), (20, 120, 200)).save(out)
    return out


def _fal(ctx: ItemContext, remote: dict | None, wait: float) -> Path:
    if remote is None:
        job = ai.submit_video(SPEC, "a red kite", seconds=1, width=64, height=64, seed=7)
        raise CheckBack(wait, {"job": job}, progress=1, stage="submitted")
    status = ai.check_video(SPEC, remote["job"])
    if status.state in ("queued", "running"):
        raise CheckBack(wait, remote, progress=status.progress, stage=status.state)
    if status.state == "failed":
        raise ItemFailed(status.error)
    out = ctx.workdir / "out.mp4"
    out.write_bytes(ai.download_video(SPEC, status.video_url, MAX_BYTES))
    return out


def cancel_remote(ctx: ItemContext) -> None:
    get_redis().set(cancelled_key(ctx.item_id), json.dumps(ctx.params.get("remote")))
    job = (ctx.params.get("remote") or {}).get("job")
    if job:
        ai.cancel_video(SPEC, job)


def install(monkeypatch) -> None:
    """Its model row and its registry entry in this process."""
    from tests.factories import install_app

    install_app(monkeypatch, APP, MODEL_KEY, "Remote", 4)


def submit(user_id: int, items: list[dict], key: str = "check-back-1") -> str:
    from lumiku.services import generations

    return generations.submit(
        user_id,
        APP_ID,
        MODEL_KEY,
        title=f"{len(items)} remote things",
        items=items,
        settings={},
        price_params={},
        key=key,
    )
