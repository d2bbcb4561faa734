"""Index ticks for a matrix drawn as an image: as many labels as fit without touching.

Rows and columns are numbered 0, 1, 2, … (a checked block by the matrix's own indices). Every index
gets a label when its cell is wider (for rows: taller) than the label; otherwise every 2nd, 5th, 10th,
20th, … does: the first step whose labels stay at least a gap apart, measured in the axis's font on
the cells as drawn now. The first and last index are labelled wherever they fit. `IndexTicks` keeps a
plot's left and bottom axes so, again whenever the plot is resized or zoomed.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

#: Pixels between neighbouring labels: along a row of numbers, and between stacked ones.
COLUMN_GAP = 8
ROW_GAP = 4
#: How far (px) the first and last label may stick out past the ends of their axis.
OVERHANG = 6
TICK_LENGTH = 4


def round_steps():
    """1, 2, 5, 10, 20, 50, …"""
    scale = 1
    while True:
        for m in (1, 2, 5):
            yield m * scale
        scale *= 10


def tick_step(cell_px: float, label_px: float, gap: float) -> int:
    """The smallest round step (1, 2, 5, 10, …) whose labels, `label_px` long along the axis, are at
    least `gap` apart on cells `cell_px` long."""
    need = label_px + gap
    for step in round_steps():
        if step * cell_px >= need or step >= 10**9:
            return step


def tick_positions(n: int, cell_px: float, label_px: float, gap: float, ends_px: tuple[float, float] | None = None,
                   overhang: float = OVERHANG) -> list[int]:
    """Cell indices to label among 0..n−1: 0, step, 2·step, … and n − 1, which takes the place of the
    round index before it when the two would touch. Labels are at most `label_px` long; the first and
    last `ends_px` (default: as long). An end label may stick out `overhang` px past the axis; one that
    would stick out further is left out, and the round labels beside it stay."""
    if n <= 0:
        return []
    first_px, last_px = ends_px or (label_px, label_px)
    step = tick_step(cell_px, label_px, gap) if cell_px > 0 else n
    positions = list(range(0, n, step))
    last = n - 1
    if last_px / 2 <= cell_px / 2 + overhang and positions[-1] != last:
        if len(positions) > 1 and (last - positions[-1]) * cell_px < label_px + gap:
            positions.pop()
        if (last - positions[-1]) * cell_px >= label_px + gap:
            positions.append(last)
    if first_px / 2 > cell_px / 2 + overhang:
        positions = positions[1:]
    return positions


def tick_font(axis: pg.AxisItem) -> QFont:
    """The font `axis` writes its ticks in (pyqtgraph paints them with the application's font unless
    the axis has its own)."""
    return QFont(axis.style["tickFont"]) if axis.style["tickFont"] is not None else QFont()


class IndexTicks:
    """Keep `plot`'s left axis labelling rows and its bottom axis columns, cell k (drawn centred on k)
    named names[k], as densely as the labels fit. `set_names` renames; `ticks(name)` says what is shown."""

    def __init__(self, plot: pg.PlotItem, row_names: Sequence[str], column_names: Sequence[str]):
        self.plot = plot
        self._names = {"left": list(row_names), "bottom": list(column_names)}
        self._shown: dict[str, list] = {"left": [], "bottom": []}
        for name in ("left", "bottom"):
            # Ticks outside the frame: inside they would run into the numbers printed in edge cells.
            plot.getAxis(name).setStyle(hideOverlappingLabels=OVERHANG, tickLength=TICK_LENGTH)
        plot.vb.sigResized.connect(self.update)
        plot.vb.sigRangeChanged.connect(self.update)
        self.update()

    def set_names(self, row_names: Sequence[str], column_names: Sequence[str]) -> None:
        self._names = {"left": list(row_names), "bottom": list(column_names)}
        self._shown = {"left": [], "bottom": []}
        self.update()

    def ticks(self, name: str) -> list[tuple[int, str]]:
        """The (cell, label) pairs axis `name` ("left" or "bottom") shows now."""
        return list(self._shown[name])

    def update(self, *_args) -> None:
        vb = self.plot.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        for name, pixels, span in (("bottom", vb.width(), x1 - x0), ("left", vb.height(), y1 - y0)):
            names = self._names[name]
            axis = self.plot.getAxis(name)
            if pixels <= 0 or span <= 0 or not names:
                continue
            metrics = QFontMetricsF(tick_font(axis))
            if name == "bottom":
                label_px, gap = max(metrics.horizontalAdvance(s) for s in names), COLUMN_GAP
                ends = (metrics.horizontalAdvance(names[0]), metrics.horizontalAdvance(names[-1]))
            else:
                # pyqtgraph keeps 0.8 of a line's height for a tick label.
                label_px, gap = 0.8 * metrics.height(), ROW_GAP
                ends = None
            ticks = [(k, names[k]) for k in tick_positions(len(names), pixels / span, label_px, gap, ends)]
            if ticks != self._shown[name]:
                self._shown[name] = ticks
                axis.setTicks([ticks])
