"""Each layer's gradient-check errors as a heatmap over its weight matrix, on a log colour scale.

W_l is drawn as it is indexed (row i = neuron i of layer l, top to bottom; column j = input j): the
checked rows × columns only, so a 256×784 matrix checked on a 20×20 block shows 400 readable cells,
with the neuron and input numbers on its axes (as many as fit, first and last included). Colour is
log₁₀ of each weight's error from 1e−12 to 1: greens below the 1e−7 pass mark, oranges to red above
it; a cell that was not checked stays blank.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsRectItem

from nnviz.gui import theme
from nnviz.gui.charts.index_ticks import IndexTicks
from nnviz.gui.i18n import Retranslated, translate
from nnviz.training.gradient_check import TOLERANCE, GradientCheck, LayerCheck

#: The colour scale, as log₁₀ of the error.
LOG_RANGE = (-12.0, 0.0)
_PASS_MARK = (np.log10(TOLERANCE) - LOG_RANGE[0]) / (LOG_RANGE[1] - LOG_RANGE[0])
#: Pale to dark green up to the pass mark, then orange to dark red: a failing cell never looks like a
#: passing one, and within each side darker means closer to (or further past) the mark.
ERROR_COLORMAP = pg.ColorMap(
    pos=[0.0, _PASS_MARK - 1e-3, _PASS_MARK + 1e-3, 1.0],
    color=[(229, 244, 233), (49, 140, 80), (250, 170, 90), (165, 0, 38)],
)
_LUT = ERROR_COLORMAP.getLookupTable(0.0, 1.0, 256, alpha=False)
BOTTOM_AXIS_HEIGHT = 40


def error_rgba(errors: np.ndarray) -> np.ndarray:
    """RGBA bytes (..., 4) for errors on the log scale; NaN (not checked) transparent, 0 as 1e−12."""
    errors = np.asarray(errors, dtype=np.float64)
    checked = np.isfinite(errors)
    with np.errstate(divide="ignore"):
        logs = np.log10(np.where(checked, errors, 1.0))
    t = np.clip((logs - LOG_RANGE[0]) / (LOG_RANGE[1] - LOG_RANGE[0]), 0.0, 1.0)
    rgba = np.zeros((*errors.shape, 4), dtype=np.uint8)
    rgba[..., :3] = _LUT[np.rint(t * 255).astype(np.intp)]
    rgba[..., 3] = np.where(checked, 255, 0)
    return rgba


class ErrorHeatmaps(Retranslated, pg.GraphicsLayoutWidget):
    """One heatmap per layer side by side, and one colour bar for all; `show_check(check)` redraws."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(theme.BACKGROUND)
        self.check: GradientCheck | None = None
        self.plots: list[pg.PlotItem] = []
        self.images: list[pg.ImageItem] = []
        self.ticks: list[IndexTicks] = []  # each plot's row and column numbers
        self._outlines: list[QGraphicsRectItem] = []
        self._shape: tuple = ()
        self.bar = None

    def retranslate(self) -> None:
        """The axes' and the colour bar's names in the window's language."""
        if self.check is not None:
            for layer, plot in zip(self.check.layers, self.plots):
                self._label_axes(plot, layer)
        if self.bar is not None:
            self.bar.getAxis("left").setLabel(translate("ErrorHeatmaps", "relative error"))

    @staticmethod
    def _label_axes(plot: pg.PlotItem, layer: LayerCheck) -> None:
        # Rows are neurons of layer l, columns what feeds them: say how many of each were checked.
        n_rows, n_cols = len(layer.rows), len(layer.cols)
        plot.setLabel("left", translate("ErrorHeatmaps", "neuron i · {checked} of {total}").format(
            checked=n_rows, total=layer.shape[0]))
        if layer.layer == 1:
            bottom = translate("ErrorHeatmaps", "input j · {checked} of {total}")
        else:
            bottom = translate("ErrorHeatmaps", "neuron j · {checked} of {total}")
        plot.setLabel("bottom", bottom.format(checked=n_cols, total=layer.shape[1]))

    def clear_check(self) -> None:
        self.check = None
        self.clear()
        self.plots, self.images, self.ticks, self._outlines, self._shape, self.bar = [], [], [], [], (), None

    def show_check(self, check: GradientCheck) -> None:
        """Draw every layer's checked block of weight errors."""
        shape = tuple((layer.rows.tobytes(), layer.cols.tobytes(), layer.shape) for layer in check.layers)
        if shape != self._shape:
            self._build(check.layers)
            self._shape = shape
        self.check = check
        for layer, image in zip(check.layers, self.images):
            image.setImage(error_rgba(layer.weight_errors), autoLevels=False)

    def cell_at(self, scene_pos) -> tuple[LayerCheck, int, int] | None:
        """(layer check, row, column) of the block cell under a scene position, or None."""
        if self.check is None:
            return None
        for layer, plot in zip(self.check.layers, self.plots):
            if plot.vb.sceneBoundingRect().contains(scene_pos):
                p = plot.vb.mapSceneToView(scene_pos)
                r, c = int(round(p.y())), int(round(p.x()))
                if 0 <= r < len(layer.rows) and 0 <= c < len(layer.cols):
                    return layer, r, c
        return None

    def show_cursor(self, cell: tuple[LayerCheck, int, int] | None) -> None:
        """Outline the hovered cell (None hides the outline)."""
        for outline in self._outlines:
            outline.hide()
        if cell is None:
            return
        layer, r, c = cell
        outline = self._outlines[layer.layer - 1]
        outline.setPos(QPointF(c, r))
        outline.show()

    def _build(self, layers: tuple[LayerCheck, ...]) -> None:
        self.clear()
        self.plots, self.images, self.ticks, self._outlines = [], [], [], []
        for col, layer in enumerate(layers):
            n_rows, n_cols = len(layer.rows), len(layer.cols)
            plot = self.addPlot(row=0, col=col, title=self._title(layer))
            plot.titleLabel.setText(self._title(layer), size="10pt")
            image = pg.ImageItem(np.zeros((n_rows, n_cols, 4), np.uint8), axisOrder="row-major")
            image.setRect(QRectF(-0.5, -0.5, n_cols, n_rows))  # cell (r, c) centred on (c, r)
            plot.addItem(image)
            plot.invertY(True)  # row 0 on top, as the matrix is written
            plot.setRange(xRange=(-0.5, n_cols - 0.5), yRange=(-0.5, n_rows - 0.5), padding=0)
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            self._label_axes(plot, layer)
            for name in ("left", "bottom"):
                plot.getAxis(name).enableAutoSIPrefix(False)  # indices, not quantities
            # The matrix's own numbers: a checked block's rows and columns need not be 0, 1, 2, …
            self.ticks.append(IndexTicks(plot, [str(int(i)) for i in layer.rows], [str(int(j)) for j in layer.cols]))
            plot.getAxis("bottom").setHeight(BOTTOM_AXIS_HEIGHT)
            for name in ("top", "right"):  # a frame around the matrix
                plot.showAxis(name)
                plot.getAxis(name).setStyle(showValues=False, tickLength=0)
            outline = QGraphicsRectItem(QRectF(-0.5, -0.5, 1, 1))
            outline.setPen(pg.mkPen(theme.ACCENT, width=2))
            outline.setZValue(10)
            outline.hide()
            plot.addItem(outline, ignoreBounds=True)
            self.plots.append(plot)
            self.images.append(image)
            self._outlines.append(outline)
        self.bar = pg.ColorBarItem(values=LOG_RANGE, colorMap=ERROR_COLORMAP, width=12, interactive=False,
                                   colorMapMenu=False, label=translate("ErrorHeatmaps", "relative error"))
        axis = self.bar.getAxis("right")
        axis.setTicks([[(e, _power(e)) for e in (-12, -10, -7, -4, -2, 0)]])
        axis.setWidth(62)
        self.bar.getAxis("bottom").setHeight(BOTTOM_AXIS_HEIGHT)
        self.addItem(self.bar, row=0, col=len(layers))

    @staticmethod
    def _title(layer: LayerCheck) -> str:
        return f"W{layer.layer}"


def _power(exponent: int) -> str:
    """"1", "1e−7"... for a colour-bar tick at 10**exponent."""
    return "1" if exponent == 0 else f"1e{theme.MINUS}{-exponent}"
