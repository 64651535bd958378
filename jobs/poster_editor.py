"""Poster Editor's item: one edit of one area of the poster's base version, or an export.

- quick_remove / quick_remove_text: the local inpainting (masks.remove: OpenCV's Telea on this
  server's CPU), with no key;
- remove / replace / remove_text: the registry model's inpainting (FLUX Fill through the
  provider layer; a prompt for replace), sent at most PROVIDER_SIDE px a side, its result
  pasted through the grown, feathered mask so only the area changes;
- the text removals then write the user's new words in place (Carousel Mix's typesetter);
- upscale: the registry model's upscaler, 2x / 3x / 4x;
- export: resize.export (one format) or resize.formats_zip (several, a ZIP).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from jobs.ai import serve
from lumiku.services import ai, files
from lumiku.services.generations import ItemContext, ItemFailed
from lumiku.services.poster_editor import masks, text
from lumiku.services.poster_editor.formats import FORMATS

PROVIDER_SIDE = 2048  # FLUX Fill's largest input ("maxResolution" of its row)
THUMBNAIL_SIDE = 320
# What an inpainting model is asked to paint where something is removed: the surroundings.
REMOVE_PROMPT = "clean empty background, seamlessly continuing the surrounding texture and colours"
QUICK_MODEL = "poster-editor:quick-edit"


def run(ctx: ItemContext) -> Path:
    ctx.progress(5, "poster")
    base = _open(files.read_bytes(ctx.user_id, ctx.settings["base_file_id"]))
    if ctx.settings.get("kind") == "export":
        return _export(ctx, base)
    action = ctx.settings["action"]
    ctx.check_cancelled()
    if action == "upscale":
        result = _upscale(ctx, base)
    else:
        mask = _open(files.read_bytes(ctx.user_id, ctx.params["mask_id"])).convert("L")
        if mask.size != base.size:
            raise ItemFailed("poster_editor_mask_invalid")
        ctx.progress(20, action)
        if ctx.settings["mode"] == "local":
            result = masks.remove(base, mask)
            ctx.notes["served_by"] = QUICK_MODEL
        else:
            result = _inpaint(ctx, base, mask, action)
        for entry in ctx.params.get("texts") or []:
            result = text.write(
                result,
                entry["text"],
                tuple(entry["box"]),
                color=entry.get("color"),
                font=entry.get("font", "inter"),
            )
    ctx.progress(90, "saving")
    output = ctx.workdir / "poster.png"
    result.save(output, "PNG", compress_level=6)
    return output


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _fitted(image: Image.Image, side: int) -> Image.Image:
    scale = min(1.0, side / max(image.size))
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _inpaint(ctx: ItemContext, base: Image.Image, mask: Image.Image, action: str) -> Image.Image:
    prompt = ctx.params.get("prompt") or REMOVE_PROMPT
    sent = _fitted(base.convert("RGB"), PROVIDER_SIDE)
    holes = mask.resize(sent.size, Image.Resampling.NEAREST)
    painted, served_by = serve(
        ctx.settings["model_key"],
        lambda spec: ai.inpaint(spec, _png(sent), _png(holes), prompt=prompt),
    )
    ctx.notes["served_by"] = served_by
    ctx.progress(80, action)
    return masks.paste_area(base, _open(painted), mask)


def _upscale(ctx: ItemContext, base: Image.Image) -> Image.Image:
    scale = int(ctx.params["scale"])
    ctx.progress(20, "upscale")
    made, served_by = serve(
        ctx.settings["model_key"], lambda spec: ai.upscale(spec, _png(base), factor=scale)
    )
    ctx.notes["served_by"] = served_by
    result = _open(made)
    target = (base.width * scale, base.height * scale)
    if result.size != target:
        result = result.resize(target, Image.Resampling.LANCZOS)
    if "A" in base.getbands() and "A" not in result.getbands():  # the poster's transparency
        result.putalpha(base.getchannel("A").resize(target, Image.Resampling.LANCZOS))
    return result


def _export(ctx: ItemContext, base: Image.Image) -> Path:
    from lumiku.services.poster_editor import resize  # NumPy: imported by the item, not at start

    keys = list(ctx.params["formats"])
    method = ctx.settings["method"]
    ctx.progress(10, "export")
    if len(keys) == 1:
        done = resize.export(base, FORMATS[keys[0]], method, ctx.workdir / "export")
        ctx.notes["served_by"] = QUICK_MODEL
        return done.path
    output = ctx.workdir / "export.zip"
    resize.formats_zip(base, keys, method, output, name=ctx.file_stem)
    thumb = base.convert("RGB")
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    ctx.thumbnail = ctx.workdir / "thumbnail.jpg"
    thumb.save(ctx.thumbnail, "JPEG", quality=80)
    ctx.notes["served_by"] = QUICK_MODEL
    return output
