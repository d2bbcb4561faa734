"""Tiles of a one-input network's neurons: each neuron's activation as a curve over the input line.

The 1-D counterpart of the heatmap tiles (heatmap_tiles.py): the background is the activation's colour
along x (vertical bands, lightened so that the line reads), and over it the activation itself drawn as a
curve with its zero line, so that a regression's output can be seen as the weighted sum of the hidden
neurons' bends. A layer's curves share one vertical scale (neuron_math.activation_scale: tanh −1..1,
sigmoid 0..1, ReLU and identity from the layer's own largest value), and the input neuron's curve is the
line y = x. Made once per surface, not per frame.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from nnviz.gui.diagram.heatmap_tiles import tile_images
from nnviz.gui.theme import Ramp
from nnviz.training.neuron_math import activation_scale

#: The part of a tile's height kept free above and below the curve's range, so that a saturated
#: neuron's line is not hidden under the tile's frame.
MARGIN = 0.12
VEIL = QColor(255, 255, 255, 120)  # lightens the colour bands under the curve
CURVE = QColor(40, 40, 40)
ZERO_LINE = QColor(90, 90, 90, 110)


def layer_range(name: str, values: np.ndarray) -> tuple[float, float]:
    """The vertical range (lo, hi) of a layer's curves: its activation function's scale."""
    level, diverging = activation_scale(name, values)
    return (-level, level) if diverging else (0.0, level)


def height_fraction(value, span: tuple[float, float]):
    """Where `value` lies up a tile whose curves span `span` (0 the bottom edge, 1 the top)."""
    lo, hi = span
    return MARGIN + (1 - 2 * MARGIN) * (np.asarray(value, dtype=np.float64) - lo) / (hi - lo)


def curve_images(values: np.ndarray, spans: list[tuple[float, float]], ramp: Ramp, side: int, radius: float,
                 dpr: float) -> list[QImage]:
    """Tiles of side × side device pixels for the curves `values` (n, points) along the input line,
    neuron k's on the vertical scale spans[k]; the background colours values on the ramp at level 1."""
    bands = tile_images(values[:, None, :], ramp, side, radius, dpr)
    logical = side / dpr
    x = np.linspace(0.0, logical, values.shape[1])
    tiles = []
    for (band, _), curve, span in zip(bands, np.nan_to_num(values), spans):
        image = band.copy()  # its own pixels: painting must not write into the shared band array
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceAtop)  # keep the corners
        painter.fillRect(QRectF(0, 0, logical, logical), VEIL)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if span[0] < 0 < span[1]:
            zero = logical * (1 - float(height_fraction(0.0, span)))
            pen = QPen(ZERO_LINE, 1.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(0, zero), QPointF(logical, zero))
        y = logical * (1 - np.clip(height_fraction(curve, span), 0.0, 1.0))
        width = max(1.6, logical / 22)  # bolder in bigger tiles, to read from the back of a class
        painter.setPen(QPen(CURVE, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.drawPolyline(QPolygonF([QPointF(float(a), float(b)) for a, b in zip(x, y)]))
        painter.end()
        tiles.append(image)
    return tiles


def neuron_curves(surface, names: list[str], input_level: float, shown: list[np.ndarray]):
    """The curves (per layer, (n_shown, points)) and vertical spans (per layer) of a one-input network's
    shown neurons, from a curve Surface (layers (n, 1, points)); `names` are the layers' activation
    functions (the input's "identity"), input_level scales x as the input neuron's colour does."""
    xs = np.asarray(surface.xs, dtype=np.float64)
    maps = [(xs / input_level)[None, :]] + [np.asarray(g)[:, 0, :] for g in surface.layers]
    spans = [(-1.0, 1.0)] + [layer_range(name, m) for name, m in zip(names[1:], maps[1:])]
    return [m[rows] for m, rows in zip(maps, shown)], spans
