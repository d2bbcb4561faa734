"""The look every view shares: colours, colour ramps and number formats, so a value means the same
colour and reads the same way everywhere.

One diverging ramp (blue for negative, near-white for zero, orange for positive, as TensorFlow
Playground taught a generation of learners) for activations, weights and surfaces; a distinct
green/magenta pair for error terms δ, so backward flow never looks like forward flow; purple for how far
weights moved (|ΔW|), which is neither a value nor an error term.

Ramps are 256-entry RGB tables (`Ramp`): `rgb(values, level)` maps NumPy arrays through them in one
look-up, `qcolor(t)` gives one QColor, `colormap()` the pyqtgraph ColorMap of the same colours.
Numbers use a real minus sign (−), never print "-0", and stay locale-independent: they are maths.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

# -- colours ---------------------------------------------------------------------------------------

NEGATIVE = (33, 102, 172)  # blue
ZERO = (247, 247, 247)
POSITIVE = (230, 97, 1)  # orange
DELTA_NEGATIVE = (27, 158, 119)  # green
DELTA_POSITIVE = (197, 27, 125)  # magenta
UPDATE = (106, 61, 154)  # purple: |ΔW|
INK = (20, 20, 20)  # a digit's strokes
BACKGROUND = "#ffffff"
FOREGROUND = "#333333"
ACCENT = QColor(40, 40, 40)

TEXT = QColor("#333333")
SUBTLE = QColor("#666666")
FAINT = QColor("#9a9a9a")
FRAME = QColor("#c4c4c4")
SELECTED = QColor("#222222")
DELTA_TEXT = QColor(150, 20, 95)  # a dark magenta for δ text and arrows on white
WHITE = QColor(255, 255, 255)


def toward_white(color: QColor, keep: float) -> QColor:
    """color faded towards the white background, opaque, keeping `keep` of it. (Translucent wide pens
    make Qt's raster engine stroke every line as a path, several times slower than an opaque pen.)"""
    return QColor(*(round(255 + (c - 255) * keep) for c in (color.red(), color.green(), color.blue())))


def faded(rgb: np.ndarray, keep: float) -> np.ndarray:
    """RGB bytes moved towards white, keeping `keep` of their colour."""
    return (255 - (255 - rgb.astype(np.float64)) * keep).astype(np.uint8)


def symmetric_level(values: np.ndarray, floor: float = 1e-6) -> float:
    """A symmetric colour-scale limit for values: the largest finite |value| (at least floor)."""
    values = np.asarray(values)
    finite = np.abs(values[np.isfinite(values)]) if values.size else values
    return max(float(finite.max()) if finite.size else 0.0, floor)


# -- ramps -----------------------------------------------------------------------------------------


class Ramp:
    """A colour ramp through evenly spaced RGB stops. Diverging ramps span [−level, level] with their
    middle stop at zero; sequential ones span [0, level]."""

    def __init__(self, *stops, diverging: bool):
        self.stops = np.array(stops, dtype=np.float64)
        self.diverging = diverging
        where = np.linspace(0.0, 1.0, len(stops))
        t = np.linspace(0.0, 1.0, 256)
        table = np.stack([np.rint(np.interp(t, where, self.stops[:, c])) for c in range(3)], axis=1)
        self.table = table.astype(np.uint8)
        self.table.setflags(write=False)

    def rgb(self, values, level: float = 1.0) -> np.ndarray:
        """RGB bytes (..., 3) for values on this ramp's scale (clipped; NaN as zero, ±inf as the ends)."""
        t = np.nan_to_num(np.asarray(values, dtype=np.float64) / level, nan=0.0, posinf=1.0, neginf=-1.0)
        t = (np.clip(t, -1.0, 1.0) + 1.0) / 2.0 if self.diverging else np.clip(t, 0.0, 1.0)
        return self.table[np.rint(t * 255).astype(np.intp)]

    def qcolor(self, t: float) -> QColor:
        """The colour of one value already scaled to the ramp's [−1, 1] or [0, 1] (clipped)."""
        r, g, b = (int(c) for c in self.rgb(float(t) if math.isfinite(t) else 0.0))
        return QColor(r, g, b)

    def colormap(self) -> pg.ColorMap:
        """The same ramp for pyqtgraph images and colour bars (levels set by the view)."""
        return pg.ColorMap(pos=np.linspace(0.0, 1.0, len(self.stops)), color=self.stops.astype(np.ubyte))


VALUES = Ramp(NEGATIVE, ZERO, POSITIVE, diverging=True)  # activations, weights, surfaces
ERRORS = Ramp(DELTA_NEGATIVE, ZERO, DELTA_POSITIVE, diverging=True)  # δ, ∂L/∂x, gradients, ΔW
ACTIVITY = Ramp(ZERO, POSITIVE, diverging=False)  # activations that cannot be negative
MOVEMENT = Ramp(ZERO, UPDATE, diverging=False)  # |ΔW|
PIXELS = Ramp((255, 255, 255), INK, diverging=False)  # a digit's ink


def value_color(t: float) -> QColor:
    """Colour of a value already scaled to [−1, 1] (clipped)."""
    return VALUES.qcolor(t)


def delta_color(t: float) -> QColor:
    """Colour of an error term scaled to [−1, 1] (clipped)."""
    return ERRORS.qcolor(t)


def diverging_colormap() -> pg.ColorMap:
    return VALUES.colormap()


def delta_colormap() -> pg.ColorMap:
    return ERRORS.colormap()


# -- numbers (Qt-free, shared with the command line's texts: nnviz/training/numbers.py) ---------------

from nnviz.training.numbers import MINUS, compact, percent, precise, short, significant  # noqa: E402,F401
