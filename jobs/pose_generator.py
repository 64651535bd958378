"""Pose Generator's item: the avatar in one pose. The pose's OpenPose skeleton, drawn at the
output's size, is the control image and the avatar's picture the identity reference, both in
one provider call with the item's seed; then, where a face-embedding model is configured, the
result's likeness to the avatar (unscored, never failed, when it cannot be measured)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from jobs.ai import likeness, serve
from lumiku.services import ai, files
from lumiku.services.errors import NotFound
from lumiku.services.generations import ItemContext, ItemFailed
from lumiku.services.pose_generator import rules, skeleton


def control_image(keypoints: list, width: int, height: int) -> bytes:
    """The skeleton as ControlNet's OpenPose models take it: on black, at the output's size."""
    out = io.BytesIO()
    skeleton.draw(keypoints, (width, height)).save(out, "PNG")
    return out.getvalue()


def run(ctx: ItemContext) -> Path:
    settings, seed = ctx.settings, int(ctx.params["seed"])
    ctx.progress(5, "pose")
    parameters = rules.provider_parameters(settings["quality"])
    width, height = parameters.pop("width"), parameters.pop("height")
    control = control_image(ctx.params["keypoints"], width, height)
    try:
        reference = files.read_bytes(ctx.user_id, settings["image_id"])
    except NotFound:
        raise ItemFailed("pose_generator_picture_gone") from None
    ctx.check_cancelled()

    def call(spec: ai.ModelSpec) -> bytes:
        # the quality's steps, guidance and conditioning, under what the row itself sets
        tuned = replace(spec, parameters={**parameters, **spec.parameters})
        return ai.pose_image(
            tuned,
            control,
            settings["prompt"],
            reference=reference,
            negative_prompt=settings.get("negative_prompt", ""),
            seed=seed,
            width=width,
            height=height,
        )

    ctx.progress(10, "model")
    picture, served_by = serve(settings["model_key"], call)
    ctx.progress(80, "likeness")
    ctx.notes.update(seed=seed, served_by=served_by, likeness=likeness(reference, picture))
    output = ctx.workdir / "pose.png"
    output.write_bytes(picture)
    return output
