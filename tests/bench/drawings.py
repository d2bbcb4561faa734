"""How well a model classifies digits drawn like a mouse draws them, not just MNIST's own digits.

Every digit 0-9 is a stroke path (two styles for some), rendered on a 280x280 canvas with the pad's
round antialiased brush at several pen widths, sizes, positions and slants — thicker, thinner,
off-centre, slanted, made of straight segments — then classified through DigitClassifier, the very
path of the drawing pad and `nnviz predict`. Prints accuracy overall and by digit, pen width and size.

    python tests/bench/drawings.py [--model resources/models/mnist.npz] [--model other.npz ...]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np

from nnviz.data.digits import render_strokes
from nnviz.engine.model_file import load_model
from nnviz.training.predictor import DigitClassifier

ROOT = Path(__file__).resolve().parents[2]


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


def drawings(seed: int = 0):
    """Yield (label, pen width, size, slant, image (280, 280) float in [0, 1] with ink = 1)."""
    rng = np.random.default_rng(seed)
    for label, styles in TEMPLATES.items():
        for strokes, width, size, slant in itertools.product(styles, PEN_WIDTHS, SIZES, SLANTS):
            height = 280 * size
            box_w = height * 0.75
            # A random position that keeps the whole digit on the canvas.
            x0 = rng.uniform(10 + max(0, -slant) * height, 270 - box_w - max(0, slant) * height)
            y0 = rng.uniform(10, 270 - height)
            placed = []
            for s in strokes:
                x = x0 + s[:, 0] * box_w + slant * (0.5 - s[:, 1]) * height
                y = y0 + s[:, 1] * height
                placed.append(np.column_stack([x, y]))
            yield label, width, size, slant, render_strokes(placed, size=280, width=width)


def evaluate(classifier: DigitClassifier) -> dict:
    rows = [(label, w, s, sl, classifier.classify(img).label) for label, w, s, sl, img in drawings()]
    labels = np.array([r[0] for r in rows])
    predicted = np.array([r[4] for r in rows])
    correct = labels == predicted

    def by(column, values):
        return {v: float(correct[np.array([r[column] for r in rows]) == v].mean()) for v in values}

    return {
        "n": len(rows),
        "accuracy": float(correct.mean()),
        "by_digit": by(0, range(10)),
        "by_pen_width": by(1, PEN_WIDTHS),
        "by_size": by(2, SIZES),
        "by_slant": by(3, SLANTS),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", default=None)
    args = parser.parse_args()
    for path in args.model or [str(ROOT / "resources" / "models" / "mnist.npz")]:
        result = evaluate(DigitClassifier.from_model(load_model(path), path))
        print(f"{path}: {result['accuracy']:.1%} of {result['n']} rendered drawings")
        for key in ("by_digit", "by_pen_width", "by_size", "by_slant"):
            print(f"  {key:13s} " + "  ".join(f"{k}: {v:.0%}" for k, v in result[key].items()))


if __name__ == "__main__":
    main()
