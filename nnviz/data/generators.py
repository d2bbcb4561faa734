"""Small 2-D (and one 1-D) data sets drawn at random, after TensorFlow Playground's.

Classification (two classes, "blue" = 0 and "orange" = 1, the colours the decision surface gives them):
  circle     an orange disc inside a blue ring
  gaussians  two round clouds, blue bottom-left, orange top-right
  spiral     two interleaved spiral arms
  xor-cloud  points in the four quadrants, orange where x1 and x2 have different signs (XOR's rule)
Regression (one target y of order 1):
  plane      y = (x1 + x2) / 2
  bump       y = exp(−(x1² + x2²) / (2 · 0.4²)), a hill of height 1 in the middle
  sin        y = sin(x) on one period, x in [−π, π] (one feature)

Scale: the 2-D sets' features lie in about [−1, 1] (TensorFlow Playground's [−6, 6] divided by 6), so a
tanh network trains on them as they are, without standardisation; sin's x spans [−π, π] so one whole
period shows. Noise is a share of the data's spread: classification points move by Gaussian noise of
standard deviation noise × CLASS_SPREAD in each coordinate (classes start to overlap); regression targets
get Gaussian noise of standard deviation noise × the clean targets' standard deviation (so the best
possible R² is about 1 / (1 + noise²)).

Every draw comes from `np.random.default_rng(seed)`: the same name, size, noise and seed give the same
points on every machine. Points come out in random order, so the first rows are a fair training split.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.phrases import QT_TRANSLATE_NOOP

__all__ = ["Generator", "GENERATORS", "generate", "CLASS_SPREAD", "CLASS_NAMES", "TARGET_NAME"]

#: The standard deviation of the classification sets' noise at noise = 1, in feature units: about the
#: spread of the clean points themselves.
CLASS_SPREAD = 0.5
#: Class 0 and class 1 of the classification sets, named after the colours nnviz draws them in.
CLASS_NAMES = (QT_TRANSLATE_NOOP("Data", "blue"), QT_TRANSLATE_NOOP("Data", "orange"))
TARGET_NAME = "y"

_Draw = Callable[[np.random.Generator, int], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Generator:
    """One named data set recipe. task is "classification" or "regression"; n_features is 2, or 1 for
    "sin". class_names are the classes' names (classification) or (target name,) (regression)."""

    name: str
    task: str
    n_features: int
    summary: str
    draw: _Draw = field(repr=False, compare=False)

    @property
    def class_names(self) -> tuple[str, ...]:
        return CLASS_NAMES if self.task == "classification" else (TARGET_NAME,)

    @property
    def feature_names(self) -> tuple[str, ...]:
        return ("x1", "x2") if self.n_features == 2 else ("x",)

    @property
    def is_regression(self) -> bool:
        return self.task == "regression"


def _balanced_labels(rng: np.random.Generator, n: int) -> np.ndarray:
    """n labels 0/1, as even as n allows (0 gets the odd one), in random order; shape (n,) int64."""
    return rng.permutation(np.arange(n, dtype=np.int64) % 2)


def _circle(rng, n):
    labels = _balanced_labels(rng, n)
    inside = labels == 1
    r = np.where(inside, rng.uniform(0.0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    return np.column_stack([r * np.cos(angle), r * np.sin(angle)]), labels


def _gaussians(rng, n):
    labels = _balanced_labels(rng, n)
    centre = np.where(labels[:, None] == 1, 0.5, -0.5)
    return centre + rng.normal(0.0, 0.2, (n, 2)), labels


def _spiral(rng, n):
    labels = _balanced_labels(rng, n)
    t = rng.uniform(0.0, 1.0, n)
    # 1¾ turns outwards to radius 1; the orange arm is the blue one turned by half a turn.
    angle = 1.75 * 2 * np.pi * t + np.pi * labels
    return np.column_stack([t * np.sin(angle), t * np.cos(angle)]), labels


def _xor_cloud(rng, n):
    labels = _balanced_labels(rng, n)
    pad = 0.05  # a thin empty cross along the axes, so the quadrants are told apart at zero noise
    size = rng.uniform(pad, 1.0, (n, 2))
    sign1 = rng.choice([-1.0, 1.0], n)
    sign2 = np.where(labels == 1, -sign1, sign1)  # orange: the signs differ, as XOR's bits do
    return size * np.column_stack([sign1, sign2]), labels


def _plane(rng, n):
    x = rng.uniform(-1.0, 1.0, (n, 2))
    return x, (x[:, 0] + x[:, 1]) / 2


def _bump(rng, n):
    x = rng.uniform(-1.0, 1.0, (n, 2))
    return x, np.exp(-(x ** 2).sum(axis=1) / (2 * 0.4 ** 2))


def _sin(rng, n):
    x = rng.uniform(-np.pi, np.pi, (n, 1))
    return x, np.sin(x[:, 0])


GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        Generator("circle", "classification", 2,
                  QT_TRANSLATE_NOOP("Generators", "an orange disc inside a blue ring"), _circle),
        Generator("gaussians", "classification", 2,
                  QT_TRANSLATE_NOOP("Generators", "two round clouds, blue and orange"), _gaussians),
        Generator("spiral", "classification", 2,
                  QT_TRANSLATE_NOOP("Generators", "two interleaved spiral arms"), _spiral),
        Generator("xor-cloud", "classification", 2,
                  QT_TRANSLATE_NOOP("Generators", "four quadrants, orange where x1 and x2 differ in sign"), _xor_cloud),
        Generator("plane", "regression", 2,
                  QT_TRANSLATE_NOOP("Generators", "y = (x1 + x2) / 2, a tilted plane"), _plane),
        Generator("bump", "regression", 2,
                  QT_TRANSLATE_NOOP("Generators", "y = exp(−(x1² + x2²) / 0.32), a hill in the middle"), _bump),
        Generator("sin", "regression", 1, QT_TRANSLATE_NOOP("Generators", "y = sin(x) over one period"), _sin),
    )
}


def generator(name: str) -> Generator:
    """GENERATORS[name], or a ValueError that lists the names."""
    try:
        return GENERATORS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown generator {name!r}; choose one of {', '.join(GENERATORS)}") from None


def generate(name: str, n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n_samples points of generator `name` with `noise` (≥ 0, a share of the data's spread).

    Returns x of shape (n_samples, n_features) float64 and y of shape (n_samples,): int64 class indices
    (classification, balanced to within one point) or float64 targets (regression). Deterministic for
    a seed; the rows are in random order.
    """
    g = generator(name)
    n_samples = int(n_samples)
    if n_samples < 1:
        raise ValueError(f"a generated dataset needs at least 1 point, got {n_samples}")
    noise = float(noise)
    if not noise >= 0 or not np.isfinite(noise):
        raise ValueError(f"noise must be a finite number ≥ 0, got {noise}")
    rng = np.random.default_rng(int(seed))
    x, y = g.draw(rng, n_samples)
    # The noise is drawn even at noise 0, so changing the noise moves the same points further.
    if g.is_regression:
        y = y + rng.normal(0.0, 1.0, n_samples) * noise * float(np.std(y))
    else:
        x = x + rng.normal(0.0, 1.0, x.shape) * noise * CLASS_SPREAD
    return np.ascontiguousarray(x, dtype=np.float64), y
