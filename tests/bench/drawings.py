"""How well a model classifies digits drawn like a mouse draws them, not just MNIST's own digits.

Every digit 0-9 is a stroke path (two styles for some), rendered on a 280x280 canvas with the pad's
round antialiased brush at several pen widths, sizes, positions, slants and rotations, with a little
hand tremor — thicker, thinner, off-centre, slanted, made of straight segments — then classified
through DigitClassifier, the very path of the drawing pad and `nnviz predict`. Prints accuracy overall
and by digit, pen width, size, slant and rotation.

--ablation also classifies the same drawings with two broken preprocessings, to show what MNIST's
recipe is worth: centring the ink's bounding box instead of its centre of mass, and skipping the
20-px box (the whole canvas shrunk to 28x28).

    python tests/bench/drawings.py [--model resources/models/mnist.npz] [--model other.npz ...] [--ablation]
        [--every K]
    python tests/bench/drawings.py --smoke   # seconds: does the script still run?
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

# Run as a script from anywhere: make the repository importable without installing it.
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nnviz.data import digits  # noqa: E402
from nnviz.data.digits import render_strokes  # noqa: E402
from nnviz.engine.model_file import load_model  # noqa: E402
from nnviz.training.predictor import DigitClassifier  # noqa: E402

SMOKE_EVERY = 100  # a --smoke run renders every 100th drawing (16 of 1,512): seconds, measuring nothing


def arc(cx, cy, rx, ry, start_deg, end_deg, n=24):
    t = np.deg2rad(np.linspace(start_deg, end_deg, n))
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


def line(*points):
    return np.array(points, dtype=float)


# Stroke paths in a unit box: x to the right, y down. Angles: 0 deg = right, 90 deg = down.
TEMPLATES: dict[int, list[list[np.ndarray]]] = {
    0: [[arc(0.5, 0.5, 0.3, 0.45, -90, 275)], [arc(0.5, 0.5, 0.38, 0.45, 90, 450)]],
    1: [[line((0.5, 0.05), (0.5, 0.95))], [line((0.3, 0.25), (0.55, 0.05), (0.55, 0.95))]],
    2: [[np.vstack([arc(0.5, 0.3, 0.3, 0.25, 190, 370), line((0.78, 0.4), (0.2, 0.95), (0.85, 0.95))])]],
    3: [[np.vstack([arc(0.47, 0.27, 0.3, 0.22, 200, 450), arc(0.47, 0.72, 0.33, 0.23, -90, 160)])]],
    4: [[line((0.65, 0.95), (0.65, 0.05), (0.12, 0.65), (0.88, 0.65))],
        [line((0.25, 0.05), (0.2, 0.55), (0.85, 0.55)), line((0.7, 0.25), (0.7, 0.95))]],
    5: [[np.vstack([line((0.8, 0.05), (0.3, 0.05), (0.27, 0.45)), arc(0.48, 0.67, 0.32, 0.27, -120, 150)])]],
    6: [[np.vstack([line((0.7, 0.05), (0.4, 0.35)), arc(0.5, 0.7, 0.27, 0.25, 200, 560)])]],
    7: [[line((0.12, 0.08), (0.85, 0.08), (0.4, 0.95))],
        [line((0.12, 0.08), (0.85, 0.08), (0.4, 0.95)), line((0.35, 0.52), (0.75, 0.52))]],
    8: [[arc(0.5, 0.27, 0.22, 0.22, 90, 450), arc(0.5, 0.72, 0.27, 0.23, -90, 270)]],
    9: [[arc(0.5, 0.3, 0.25, 0.23, 0, 360), line((0.75, 0.3), (0.7, 0.95))]],
}

PEN_WIDTHS = (10, 16, 22, 30)  # logical pixels on the 280 px pad (22 is the pad's default)
SIZES = (0.4, 0.6, 0.85)  # the digit's height as a share of the canvas
SLANTS = (-0.25, 0.0, 0.25)  # x offset per unit of height, like handwriting's slant
ROTATIONS = (-15.0, 0.0, 15.0)  # degrees, clockwise on screen
TREMOR = 0.012  # std of a smooth random wobble of the pen, as a share of the digit's height


def _wobble(points: np.ndarray, rng: np.random.Generator, amount: float) -> np.ndarray:
    """A hand's tremor: smoothed random offsets along the stroke (resampled to 60 points first, so a
    straight segment wobbles too)."""
    steps = np.r_[0.0, np.cumsum(np.hypot(*np.diff(points, axis=0).T))]
    t = np.linspace(0.0, steps[-1], 60)
    points = np.column_stack([np.interp(t, steps, points[:, k]) for k in range(2)])
    noise = rng.normal(0.0, amount, points.shape)
    kernel = np.ones(5) / 5
    smooth = np.column_stack([np.convolve(noise[:, k], kernel, mode="same") for k in range(2)])
    return points + smooth * np.sqrt(5)


def drawings(seed: int = 0, every: int = 1):
    """Yield (label, pen width, size, slant, rotation, image (280, 280) float in [0, 1], ink = 1) for
    every `every`-th drawing; those are the same whatever `every` is (the others are just not rendered)."""
    rng = np.random.default_rng(seed)
    index = itertools.count()
    for label, styles in TEMPLATES.items():
        for strokes, width, size, slant, rotation in itertools.product(styles, PEN_WIDTHS, SIZES, SLANTS, ROTATIONS):
            height = 280 * size
            box_w = height * 0.75
            theta = np.deg2rad(rotation)
            rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
            shaped = []
            for s in strokes:
                p = _wobble(s, rng, TREMOR)
                x = p[:, 0] * box_w + slant * (0.5 - p[:, 1]) * height
                y = p[:, 1] * height
                xy = np.column_stack([x - box_w / 2, y - height / 2]) @ rot.T
                shaped.append(xy)
            # A random position that keeps the whole digit (and the pen's width) on the canvas.
            allp = np.vstack(shaped)
            lo, hi = allp.min(axis=0) - width / 2, allp.max(axis=0) + width / 2
            offset = np.array([rng.uniform(-lo[0] + 2, 278 - hi[0]) if hi[0] - lo[0] < 276 else 140.0,
                               rng.uniform(-lo[1] + 2, 278 - hi[1]) if hi[1] - lo[1] < 276 else 140.0])
            if next(index) % every:
                continue  # after the random draws, so that the drawings rendered stay the same
            placed = [xy + offset for xy in shaped]
            yield label, width, size, slant, rotation, render_strokes(placed, size=280, width=width)


def preprocess_box_centred(image: np.ndarray) -> np.ndarray:
    """Ablation: MNIST's recipe, but the ink's bounding box (not its centre of mass) goes to the middle."""
    out = digits.preprocess_digit(image)
    box = digits.ink_bounding_box(out > digits.INK_THRESHOLD)
    if box is None:
        return out
    top, bottom, left, right = box
    dy = int(round((28 - (bottom - top)) / 2)) - top
    dx = int(round((28 - (right - left)) / 2)) - left
    return np.roll(out, (dy, dx), axis=(0, 1))


def preprocess_no_box(image: np.ndarray) -> np.ndarray:
    """Ablation: no crop to the ink and no 20-px box: the whole canvas is shrunk to 28x28."""
    g = np.asarray(image, dtype=np.float64)
    return np.clip(digits.box_resample(g, 28, 28), 0.0, 1.0).astype(np.float32)


def evaluate(classifier: DigitClassifier, preprocess=None, every: int = 1) -> dict:
    """Accuracy on the rendered drawings (every `every`-th), through classifier.classify (the pad's path),
    or through classify_digit(preprocess(image)) for an ablation. A group with no drawing gets nan."""
    rows = []
    for label, w, s, sl, rot, img in drawings(every=every):
        result = classifier.classify(img) if preprocess is None else classifier.classify_digit(preprocess(img))
        rows.append((label, w, s, sl, rot, result.label))
    labels = np.array([r[0] for r in rows])
    predicted = np.array([r[5] for r in rows])
    correct = labels == predicted

    def by(column, values):
        groups = {v: correct[np.array([r[column] for r in rows]) == v] for v in values}
        return {v: float(g.mean()) if len(g) else float("nan") for v, g in groups.items()}

    return {
        "n": len(rows),
        "accuracy": float(correct.mean()),
        "by_digit": by(0, range(10)),
        "by_pen_width": by(1, PEN_WIDTHS),
        "by_size": by(2, SIZES),
        "by_slant": by(3, SLANTS),
        "by_rotation": by(4, ROTATIONS),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", default=None)
    parser.add_argument("--ablation", action="store_true", help="also try two broken preprocessings")
    parser.add_argument("--every", type=int, help=f"only every K-th drawing (default 1: all; smoke {SMOKE_EVERY})")
    parser.add_argument("--smoke", action="store_true",
                        help="every 100th drawing, with the ablation: checks that the script runs, in seconds; "
                             "its numbers measure nothing")
    args = parser.parse_args(argv)
    if args.smoke:
        args.every = args.every or SMOKE_EVERY
        args.ablation = True
        print("smoke run: a few drawings, the numbers below measure nothing")
    every = args.every or 1
    for path in args.model or [str(ROOT / "resources" / "models" / "mnist.npz")]:
        classifier = DigitClassifier.from_model(load_model(path), path)
        result = evaluate(classifier, every=every)
        print(f"{path}: {result['accuracy']:.1%} of {result['n']} rendered drawings")
        for key in ("by_digit", "by_pen_width", "by_size", "by_slant", "by_rotation"):
            print(f"  {key:13s} " + "  ".join(f"{k}: {v:.0%}" for k, v in result[key].items()))
        if args.ablation:
            for name, preprocess in (("bounding box centred instead of centre of mass", preprocess_box_centred),
                                     ("no crop, no 20-px box (canvas shrunk to 28x28)", preprocess_no_box)):
                print(f"  ablation, {name}: {evaluate(classifier, preprocess, every)['accuracy']:.1%}")


if __name__ == "__main__":
    main()
