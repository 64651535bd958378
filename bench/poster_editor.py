"""Poster Editor: the local quick edit and the Complete pack export, each against a baseline
measured in this run on the same generated poster, so the ratios compare across machines.

(a) Quick edit on a 2048x2048 poster (a gradient with grain, a red disc, a blue rectangle
    touching it, a line of text): the disc selected from one click
    (`masks.mask_from_marks`: GrabCut on the box a click's colour reaches and a ring around it,
    at most 512 px a side, the mask scaled back) and erased (`masks.remove`: the local
    provider's inpainting on the part around it), seconds per edit, the median of `--runs`.
    The baseline is the same GrabCut (the same box, the same certain foreground around the
    click, the same iterations) on the whole poster at full resolution, followed by the same
    removal; for the split, Lumiku's crop at full resolution (`work_side=None`) too. Each mask
    is checked against the true disc (IoU), so a quick wrong answer cannot make a nice number.
(b) The Complete pack (A4, A3, IG_POST, IG_STORY, FB_POST, X_POST) exported with smart_crop
    into a ZIP (`resize.pack_zip`) against a bare Pillow script doing the same resizes
    (`ImageOps.fit`, Lanczos, centred) and saves (JPEG quality 92, print DPI) into a ZIP; the
    two take turns, the median of `--runs` each. Lumiku's path also searches each crop for the
    poster's most interesting part, writes every file whole or not at all and keeps one file on
    disk at a time.

Ratios are baseline ÷ Lumiku (above 1: Lumiku is faster). Nothing here asserts on a time.

    .venv/bin/python -m bench.poster_editor [--runs 3] [--baseline-runs 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
SIDE = 2048
DISC = (500, 600, 1100, 1200)  # centre (800, 900), radius 300
RECT = (1100, 700, 1700, 1150)  # touches the disc
CLICK = (800, 900)
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def make_poster() -> tuple[Image.Image, np.ndarray]:
    """The poster and the true disc (a boolean array)."""
    rng = np.random.default_rng(11)
    x = np.linspace(0, 1, SIDE, dtype=np.float32)[None, :, None]
    y = np.linspace(0, 1, SIDE, dtype=np.float32)[:, None, None]
    base = 60 + 120 * x * np.array([1, 0.8, 0.3]) + 70 * y * np.array([0.2, 0.6, 1.0])
    base = base + rng.normal(0, 12, (SIDE, SIDE, 3)).astype(np.float32)
    image = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse(DISC, fill=(220, 30, 40))
    draw.rectangle(RECT, fill=(30, 60, 210))
    draw.text((400, 1500), "SUMMER SALE 50%", font=ImageFont.truetype(BOLD, 150), fill="white")
    truth = Image.new("L", image.size, 0)
    ImageDraw.Draw(truth).ellipse(DISC, fill=255)
    return image, np.asarray(truth) > 127


def iou(mask: Image.Image, truth: np.ndarray) -> float:
    got = np.asarray(mask) > 127
    return float((got & truth).sum() / (got | truth).sum())


def whole_poster_grabcut(image: Image.Image, marks) -> Image.Image:
    """The baseline: GrabCut on every pixel of the poster, initialised like Lumiku's (the same
    box as probable foreground, the same disc of certain foreground around the click), then
    the piece under the click."""
    import cv2

    from lumiku.services.poster_editor import masks

    x0, y0, x1, y1 = (round(v) for v in masks._region(image, marks))
    init = np.full((SIDE, SIDE), cv2.GC_BGD, np.uint8)
    init[max(0, y0) : min(SIDE, y1), max(0, x0) : min(SIDE, x1)] = cv2.GC_PR_FGD
    cv2.circle(init, CLICK, round(SIDE / 100), int(cv2.GC_FGD), -1)
    bgr = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)
    models = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(bgr, init, None, *models, masks.ITERATIONS, cv2.GC_INIT_WITH_MASK)
    found = np.isin(init, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    _, labels = cv2.connectedComponents(found, connectivity=8)
    return Image.fromarray(((labels == labels[CLICK[1], CLICK[0]]) * 255).astype(np.uint8), "L")


def timed(call):
    began = time.perf_counter()
    result = call()
    return time.perf_counter() - began, result


def quick_edit(image: Image.Image, truth: np.ndarray, runs: int, baseline_runs: int) -> None:
    from lumiku.services.poster_editor import masks

    marks = masks.Marks(positive=(CLICK,))
    ways = {
        "lumiku (box + ring, ≤ 512 px)": (lambda: masks.mask_from_marks(image, marks), runs),
        "lumiku's crop at full resolution": (
            lambda: masks.mask_from_marks(image, marks, work_side=None),
            baseline_runs,
        ),
        "baseline: whole poster, full res.": (
            lambda: whole_poster_grabcut(image, marks),
            baseline_runs,
        ),
    }
    rows = {}
    for label, (select, count) in ways.items():
        mask_times, edit_times = [], []
        for _ in range(count):
            mask_seconds, mask = timed(select)
            remove_seconds, out = timed(lambda mask=mask: masks.remove(image, mask))
            mask_times.append(mask_seconds)
            edit_times.append(mask_seconds + remove_seconds)
        left = np.asarray(out)[truth].mean(axis=0)
        rows[label] = (
            statistics.median(mask_times),
            statistics.median(edit_times),
            iou(mask, truth),
            left,
            count,
        )
    ours = rows["lumiku (box + ring, ≤ 512 px)"][1]
    print(f"(a) quick edit on a {SIDE}x{SIDE} poster: one click on a disc of radius 300 px")
    print(
        f"{'mask from':<34} {'runs':>4} {'mask s':>8} {'edit s':>8} {'× lumiku':>9} "
        f"{'IoU':>6}  mean RGB left in the disc"
    )
    for label, (mask_s, edit_s, overlap, left, count) in rows.items():
        colour = "/".join(f"{v:.0f}" for v in left)
        print(
            f"{label:<34} {count:>4} {mask_s:>8.2f} {edit_s:>8.2f} {edit_s / ours:>8.1f}× "
            f"{overlap:>6.3f}  {colour}"
        )
    base = rows["baseline: whole poster, full res."][1]
    print(f"    lumiku's quick edit is {base / ours:.1f}× faster than the full-resolution GrabCut")


def bare_pack(image: Image.Image, out: Path) -> None:
    """What a developer would write with Pillow alone: ImageOps.fit per format, saved, zipped."""
    from lumiku.services.poster_editor.formats import FORMATS, PACKS

    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for key in PACKS["COMPLETE_PACK"]:
            fmt = FORMATS[key]
            fitted = ImageOps.fit(image, fmt.size, Image.Resampling.LANCZOS)
            path = out.with_name(f"bare-{key.lower()}.jpg")
            options = {"dpi": (fmt.dpi, fmt.dpi)} if fmt.dpi else {}
            fitted.save(path, "JPEG", quality=92, **options)
            archive.write(path, arcname=path.name)
            path.unlink()


def pack_export(image: Image.Image, runs: int) -> None:
    from lumiku.services.poster_editor import resize
    from lumiku.services.poster_editor.formats import PACKS

    times: dict[str, list[float]] = {"lumiku": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="bench-poster-editor-") as tmp:
        folder = Path(tmp)
        for run in range(runs):
            out = folder / f"lumiku-{run}.zip"
            seconds, results = timed(
                lambda out=out: resize.pack_zip(image, "COMPLETE_PACK", "smart_crop", out)
            )
            assert [(r.width, r.height) for r in results][0] == (2480, 3508), results
            times["lumiku"].append(seconds)
            out = folder / f"bare-{run}.zip"
            seconds, _ = timed(lambda out=out: bare_pack(image, out))
            times["bare"].append(seconds)
        sizes = {
            name: (folder / f"{name}-0.zip").stat().st_size / 1e6 for name in ("lumiku", "bare")
        }
    ours = statistics.median(times["lumiku"])
    formats = ", ".join(PACKS["COMPLETE_PACK"])
    print(f"(b) Complete pack ({formats}), smart_crop, from the {SIDE}x{SIDE} poster")
    print(f"{'export':<34} {'runs':>4} {'seconds':>8} {'÷ lumiku':>9} {'ZIP MB':>7}")
    for name, label in (
        ("lumiku", "lumiku resize.pack_zip"),
        ("bare", "bare Pillow: ImageOps.fit"),
    ):
        seconds = statistics.median(times[name])
        print(f"{label:<34} {runs:>4} {seconds:>8.2f} {seconds / ours:>8.2f}× {sizes[name]:>7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Poster Editor quick edit and pack benchmark")
    parser.add_argument("--runs", type=int, default=3, help="runs of Lumiku's paths (median)")
    parser.add_argument(
        "--baseline-runs", type=int, default=1, help="runs of the full-resolution GrabCuts"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import cv2

    print(f"{os.cpu_count()} CPUs, OpenCV {cv2.__version__} on {cv2.getNumThreads()} threads")
    image, truth = make_poster()
    quick_edit(image, truth, args.runs, args.baseline_runs)
    print()
    pack_export(image, args.runs)


if __name__ == "__main__":
    main()
