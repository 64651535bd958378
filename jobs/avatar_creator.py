"""Avatar Creator's item: one portrait from the registry's text-to-image model, with the
item's own seed, and a face-centred thumbnail. The engine's `deliver` step
(services.avatar_creator.generate.deliver) makes it an avatar when it is paid for."""

from __future__ import annotations

from pathlib import Path

from jobs.ai import serve
from lumiku.services import ai
from lumiku.services.avatar_creator import faces
from lumiku.services.generations import ItemContext


def run(ctx: ItemContext) -> Path:
    settings, seed = ctx.settings, int(ctx.params["seed"])
    ctx.progress(5, "model")
    ctx.check_cancelled()
    picture, served_by = serve(
        settings["model_key"],
        lambda spec: ai.text_to_image(
            spec, settings["prompt"], negative_prompt=settings["negative_prompt"], seed=seed
        ),
    )
    ctx.progress(90, "saving")
    output = ctx.workdir / "avatar.png"
    output.write_bytes(picture)
    ctx.thumbnail = ctx.workdir / "thumbnail.jpg"
    ctx.thumbnail.write_bytes(faces.face_thumbnail(picture))
    ctx.notes.update(seed=seed, served_by=served_by)
    return output
