"""A matrix's numbers printed in its cells, whenever they fit the cells as drawn.

Whether a number fits depends on the pixels a cell gets, not on the matrix's shape: XOR's 1×10 W2
has room for its numbers, a 16×16 matrix at the same size has not, until it is zoomed in or the window
grows. `CellNumbers` decides again whenever its plot is resized or zoomed; all cells of a matrix show
their numbers or none do, so a matrix is never half printed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from nnviz.gui import theme

#: No labels at all beyond this many cells: they could only fit a view zoomed far in.
MAX_CELLS = 1024
#: The widest numbers cells are expected to hold (theme.short's and theme.compact's), and the room
#: kept around them (px per side).
TEMPLATE = f"{theme.MINUS}0.00"
COMPACT_TEMPLATE = f"{theme.MINUS}0e{theme.MINUS}0"
PAD_X = 2
PAD_Y = 1
#: Numbers on cells darker than this share of the colour scale are written in white.
WHITE_FROM = 0.55


class CellNumbers:
    """Labels for every cell (i, j) of a (n_out, n_in) matrix drawn in `plot` centred on (j, i).
    `show(values, number, level)` writes them (number(v) → text; level: the colour scale's end)."""

    def __init__(self, plot: pg.PlotItem, shape: tuple[int, int]):
        self.plot = plot
        self.shape = shape
        self.labels: list[list[pg.TextItem]] = []  # [i][j]; empty for matrices too large to print
        self._values: np.ndarray | None = None
        self._number: Callable[[float], str] = str
        self._level = 1.0
        self.template = TEMPLATE
        self.printed = False
        if shape[0] * shape[1] > MAX_CELLS:
            return
        for i in range(shape[0]):
            row = []
            for j in range(shape[1]):
                label = pg.TextItem("", anchor=(0.5, 0.5))
                label.setPos(j, i)
                label.setZValue(5)
                label.hide()
                plot.addItem(label, ignoreBounds=True)
                row.append(label)
            self.labels.append(row)
        self._metrics = QFontMetricsF(self.labels[0][0].textItem.font())
        plot.vb.sigResized.connect(self._refit)
        plot.vb.sigRangeChanged.connect(self._refit)

    def text_size(self, texts=()) -> tuple[float, float]:
        """(width, height) in px of the widest of `texts` and the template number."""
        width = max(self._metrics.horizontalAdvance(t) for t in (self.template, *texts))
        return width, self._metrics.height()

    def cell_size(self) -> tuple[float, float]:
        """(width, height) in px of one cell as drawn now."""
        vb = self.plot.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        return vb.width() / max(x1 - x0, 1e-9), vb.height() / max(y1 - y0, 1e-9)

    def show(self, values: np.ndarray, number: Callable[[float], str], level: float,
             template: str = TEMPLATE) -> None:
        """Print values (shape (n_out, n_in)) as number(v), if they fit; level scales the colours,
        template is about the widest text number() writes."""
        if not self.labels:
            return
        self._values, self._number, self._level = np.asarray(values), number, level
        self.template = template
        self._refit()

    def _refit(self, *_args) -> None:
        if not self.labels or self._values is None:
            return
        cell_w, cell_h = self.cell_size()
        width, height = self.text_size()
        texts = None
        if cell_w >= width + 2 * PAD_X and cell_h >= height + 2 * PAD_Y:
            texts = [[self._number(float(v)) for v in row] for row in self._values]
            width, _ = self.text_size(t for row in texts for t in row)
        printed = texts is not None and cell_w >= width + 2 * PAD_X
        if printed:
            self._write(texts)
        if printed != self.printed:
            self.printed = printed
            for row in self.labels:
                for label in row:
                    label.setVisible(printed)

    def _write(self, texts: list[list[str]]) -> None:
        for i, row in enumerate(self.labels):
            for j, label in enumerate(row):
                v = float(self._values[i, j])
                # White on the saturated ends of the scale, dark on the pale middle.
                color = (255, 255, 255) if abs(v) > WHITE_FROM * self._level else theme.FOREGROUND
                if label.textItem.toPlainText() != texts[i][j]:
                    label.setText(texts[i][j], color=color)
                else:
                    label.setColor(color)
