"""Avatar Generator's item: one variation of the avatar's picture (image to image, its own
seed), then, where a face-embedding model is configured, its likeness to the source face. A
likeness that cannot be measured leaves the variation unscored, never failed."""

from __future__ import annotations

from pathlib import Path

from jobs.ai import likeness, serve
from lumiku.services import ai, files
from lumiku.services.generations import ItemContext


def run(ctx: ItemContext) -> Path:
    settings, seed = ctx.settings, int(ctx.params["seed"])
    ctx.progress(5, "model")
    source = files.read_bytes(ctx.user_id, settings["image_id"])
    ctx.check_cancelled()
    picture, served_by = serve(
        settings["model_key"],
        lambda spec: ai.image_to_image(
            spec,
            source,
            settings["prompt"],
            strength=float(settings["strength"]),
            seed=seed,
            width=int(settings["side"]),
            height=int(settings["side"]),
        ),
    )
    ctx.progress(80, "likeness")
    ctx.notes.update(seed=seed, served_by=served_by, likeness=likeness(source, picture))
    output = ctx.workdir / "variation.png"
    output.write_bytes(picture)
    return output
