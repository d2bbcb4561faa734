"""The arithmetic behind the regression views, apart from any drawing: the colour scale a predicted
value is drawn on, the contour levels over a surface, targets and features back in the units the
learner's file used, the axes of a predicted-vs-actual plot and the largest residuals.

Regression targets have no fixed range (a sine lies in [−1, 1], a house price in the hundreds of
thousands), so every scale here comes from the data, once per dataset: colours that rescaled with
every snapshot would make the same colour mean a different value from one frame to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.training.curves import nice_step

#: The R² axis never shows less than this: R² starts far below zero (an untrained network predicts
#: worse than the mean), and a learner needs the climb to 1, not the depth it starts from.
R2_FLOOR = -0.5
#: Targets count as taking both signs when the smaller side reaches this share of the larger one.
BOTH_SIGNS = 0.25
#: Contour lines keep this share of the value scale's span away from either end.
CONTOUR_EDGE = 0.1
#: The R² axis zooms to the values in view, but never to a span smaller than this.
R2_MIN_SPAN = 0.02


def finite(values) -> np.ndarray:
    """The finite entries of values, flattened, as float64."""
    v = np.asarray(values, dtype=np.float64).ravel()
    return v[np.isfinite(v)]


def value_levels(targets) -> tuple[float, float]:
    """The colour scale (low, high) for predicted values of a target whose known values are `targets`:
    symmetric about 0 when they reach well into both signs, so white means 0 (a sine), else their
    range, so white means its middle (a bump from 0 to 1, whose noise dips a little below 0). Never
    empty: a constant target gets ±1 around it (± half its size when larger)."""
    v = finite(targets)
    if v.size == 0:
        return -1.0, 1.0
    lo, hi = float(v.min()), float(v.max())
    if lo < 0 < hi and min(-lo, hi) >= BOTH_SIGNS * max(-lo, hi):
        level = max(-lo, hi)
        return -level, level
    if hi - lo <= 1e-12 * max(abs(lo), abs(hi), 1.0):
        half = max(abs(lo) / 2, 1.0)
        return lo - half, hi + half
    return lo, hi


def contour_levels(levels: tuple[float, float], at_most: int = 5) -> np.ndarray:
    """A few round values inside levels (low, high) where a surface of values gets contour lines:
    multiples of a 1-2-2.5-5 step, at most `at_most` of them, none within CONTOUR_EDGE of the span
    from either end (a line at the level of a flat, noisy floor wriggles all over the plane)."""
    lo, hi = levels
    if not hi > lo:
        return np.empty(0)
    step = nice_step(hi - lo, at_most + 1)
    first = np.ceil(lo / step) * step
    values = first + step * np.arange(int((hi - first) / step) + 1)
    edge = CONTOUR_EDGE * (hi - lo)
    inside = values[(values > lo + edge) & (values < hi - edge)]
    return np.round(inside / step) * step  # exact multiples ("0.5", never "0.49999")


def target_to_raw(y, standardisation=None) -> np.ndarray:
    """Targets the network was trained on, in the units of the learner's data (as float64)."""
    y = np.asarray(y, dtype=np.float64)
    if standardisation is None or standardisation.target_mean is None:
        return y
    return np.asarray(standardisation.target_to_raw(y), dtype=np.float64)


def features_to_raw(x, standardisation=None) -> np.ndarray:
    """Inputs (n, n_features) the network was trained on, in the units of the learner's data."""
    x = np.asarray(x, dtype=np.float64)
    if standardisation is None:
        return x
    return np.asarray(standardisation.invert(x), dtype=np.float64)


def padded_range(values, margin: float = 0.05) -> tuple[float, float]:
    """(low, high) around every finite value, with `margin` of their span to spare on each side
    (±1, or ± a tenth of the value when larger, around a single value; (−1, 1) for none)."""
    v = finite(values)
    if v.size == 0:
        return -1.0, 1.0
    lo, hi = float(v.min()), float(v.max())
    pad = (hi - lo) * margin if hi > lo else max(abs(lo) * 0.1, 1.0)
    return lo - pad, hi + pad


def square_range(actual, predicted, margin: float = 0.05) -> tuple[float, float]:
    """One (low, high) for both axes of a predicted-vs-actual plot, so the line y = x is the diagonal."""
    return padded_range(np.concatenate([finite(actual), finite(predicted)]), margin)


@dataclass(frozen=True)
class Residuals:
    """The test samples ordered by how far off the network was, the farthest first: indices into the
    split, and per sample the actual target, the prediction and residual = prediction − actual, all
    in the data's own units (shape (n,) each)."""

    indices: np.ndarray
    actual: np.ndarray
    predicted: np.ndarray
    residual: np.ndarray

    def __len__(self) -> int:
        return len(self.indices)


def largest_residuals(predictions, targets, standardisation=None) -> Residuals:
    """Every sample, the largest |prediction − target| first (ties in index order), in raw units."""
    actual = target_to_raw(targets, standardisation)
    predicted = target_to_raw(predictions, standardisation)
    residual = predicted - actual
    order = np.argsort(-np.nan_to_num(np.abs(residual), nan=np.inf), kind="stable")
    return Residuals(order, actual[order], predicted[order], residual[order])

