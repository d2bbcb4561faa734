"""Colours of theme ramps as Qt objects, made once: a diagram redrawn 60 times a second must not make
a QColor or QPen per neuron and connection every frame.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from nnviz.gui.theme import Ramp, toward_white


@lru_cache(maxsize=None)
def _qcolors(ramp: Ramp) -> tuple[QColor, ...]:
    return tuple(QColor(int(r), int(g), int(b)) for r, g, b in ramp.table)


def ramp_index(ramp: Ramp, values, level: float = 1.0) -> np.ndarray:
    """Where values fall in the ramp's 256-entry table (clipped; NaN as zero, ±inf as the ends)."""
    # Clipping takes ±inf to the ends; NaN is looked for rather than replaced by np.nan_to_num,
    # whose copies and checks cost more than the rest (this runs a few times per frame).
    t = np.asarray(values, dtype=np.float64) / level
    t = (np.clip(t, -1.0, 1.0) + 1.0) / 2.0 if ramp.diverging else np.clip(t, 0.0, 1.0)
    index = t * 255
    nan = np.isnan(index)
    if nan.any():
        index = np.where(nan, 127.5 if ramp.diverging else 0.0, index)
    return np.rint(index).astype(np.intp)


def colors(ramp: Ramp, values, level: float = 1.0) -> list[QColor]:
    """One QColor per value, on the ramp's scale (shared objects: copy before changing one)."""
    table = _qcolors(ramp)
    return [table[i] for i in ramp_index(ramp, np.ravel(values), level).tolist()]


def color(ramp: Ramp, value: float, level: float = 1.0) -> QColor:
    """The QColor of one value (a shared object: copy before changing it)."""
    return _qcolors(ramp)[int(ramp_index(ramp, float(value), level))]


@lru_cache(maxsize=4096)
def line_pen(rgb: tuple[int, int, int], width: float, keep: float = 1.0) -> QPen:
    """An opaque flat-capped pen of colour rgb faded towards white (keeping `keep`). Flat caps: the
    ends hide under the neurons, and round caps make Qt's raster engine stroke every wide line as a
    path (over 20× slower); opaque for the same reason (see theme.toward_white)."""
    pen = QPen(toward_white(QColor(*rgb), keep), width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
