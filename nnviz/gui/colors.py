"""The colours every view shares, so a value means the same colour everywhere.

One diverging map (blue for negative, near-white for zero, orange for positive, as TensorFlow
Playground taught a generation of learners) for activations, weights and surfaces; a distinct
magenta/green pair for error terms (deltas), so backward flow never looks like forward flow.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

NEGATIVE = (33, 102, 172)  # blue
ZERO = (247, 247, 247)
POSITIVE = (230, 97, 1)  # orange
DELTA_NEGATIVE = (27, 158, 119)  # green
DELTA_POSITIVE = (197, 27, 125)  # magenta
BACKGROUND = "#ffffff"
FOREGROUND = "#333333"
ACCENT = QColor(40, 40, 40)


def _stops(neg, zero, pos) -> np.ndarray:
    return np.array([neg, zero, pos], dtype=np.ubyte)


def diverging_colormap() -> pg.ColorMap:
    """The value colour map over [-1, 1] (views set symmetric levels around zero)."""
    return pg.ColorMap(pos=[0.0, 0.5, 1.0], color=_stops(NEGATIVE, ZERO, POSITIVE))


def delta_colormap() -> pg.ColorMap:
    return pg.ColorMap(pos=[0.0, 0.5, 1.0], color=_stops(DELTA_NEGATIVE, ZERO, DELTA_POSITIVE))


def _blend(t: float, neg, zero, pos) -> QColor:
    t = max(-1.0, min(1.0, float(t))) if np.isfinite(t) else 0.0
    end = pos if t >= 0 else neg
    s = abs(t)
    return QColor(*(round(z + (e - z) * s) for z, e in zip(zero, end)))


def value_color(t: float) -> QColor:
    """Colour of a value already scaled to [-1, 1] (clipped)."""
    return _blend(t, NEGATIVE, ZERO, POSITIVE)


def delta_color(t: float) -> QColor:
    """Colour of an error term scaled to [-1, 1] (clipped)."""
    return _blend(t, DELTA_NEGATIVE, ZERO, DELTA_POSITIVE)


def symmetric_level(values: np.ndarray, floor: float = 1e-6) -> float:
    """A symmetric colour-scale limit for values: the largest |value| (at least floor)."""
    finite = np.abs(values[np.isfinite(values)]) if values.size else values
    return max(float(finite.max()) if finite.size else 0.0, floor)
