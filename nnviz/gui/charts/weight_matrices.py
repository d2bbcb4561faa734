"""Every layer's weights as a heatmap, its biases as a strip beside it, or the last step's change.

W[l] has shape (n_out, n_in) and is drawn as it is indexed: row i is output neuron i (top to
bottom), column j is input j (left to right). Colour is symmetric around zero, so white always
means 0; each layer has its own scale (its colour bar), shared by its W and b. The toggle shows the
change the last step made instead (ΔW = W_after − W_before), in the green/magenta error colours.
Each value is printed in its cell whenever it fits there as drawn (cell_numbers), and rows and
columns are numbered as densely as their numbers fit (index_ticks).
"""

from __future__ import annotations

import weakref

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QCheckBox, QGraphicsRectItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.gui import theme
from nnviz.gui.charts.axes import use_theme_numbers
from nnviz.gui.charts.cell_numbers import COMPACT_TEMPLATE, PAD_X, PAD_Y, TEMPLATE, CellNumbers
from nnviz.gui.charts.index_ticks import TICK_LENGTH, IndexTicks
from nnviz.gui.i18n import Retranslated, translate
from nnviz.training.architecture import NewSession
from nnviz.training.snapshot import Snapshot

#: Pixel width of the bias strip (when its rows are too short to print in) and the height every
#: bottom axis gets, so W and b line up.
BIAS_WIDTH = 30
BOTTOM_AXIS_HEIGHT = 44
#: A row is at most this many text lines tall: a 1×10 matrix is a strip, not a band filling the tab.
MAX_ROW_LINES = 3
#: Matrices share the tab's width in proportion to their columns, counting at most this many.
STRETCH_COLUMNS = 32


@dataclass
class LayerItems:
    """What draws layer l (1-based): W_l and b_l with their colour bar."""

    layer: int
    shape: tuple[int, int]  # (n_out, n_in)
    title: pg.LabelItem
    w_plot: pg.PlotItem
    b_plot: pg.PlotItem
    w_image: pg.ImageItem
    b_image: pg.ImageItem
    bar: pg.ColorBarItem
    cursor: QGraphicsRectItem  # outline of the hovered W cell
    ticks: IndexTicks  # W's row and column numbers
    numbers: CellNumbers  # W's values in its cells, when they fit
    b_numbers: CellNumbers  # b's values, likewise


def _axis_name_html(axis: pg.AxisItem, wrap: bool) -> str:
    """The axis's name as pyqtgraph writes it, broken at the space nearest its middle when `wrap`."""
    html, name = pg.AxisItem.labelString(axis), axis.labelText
    words = name.split(" ")
    if not wrap or len(words) < 2:
        return html
    k = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(name) / 2))
    return html.replace(name, " ".join(words[:k]) + "<br>" + " ".join(words[k:]), 1)


def _html(color, text: str) -> str:
    return f"<span style='color:rgb({color[0]},{color[1]},{color[2]}); font-weight:600'>{text}</span>"


class WeightsView(Retranslated, QWidget):
    """Heatmaps of W_l and b_l for l = 1..L, side by side; `reset(sizes)` builds them, and
    `show_snapshot` only swaps their images and colour levels."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layers: list[LayerItems] = []
        self.sizes: tuple[int, ...] = ()
        self._values: list[tuple[np.ndarray, np.ndarray]] = []  # what each layer shows now
        self._last: tuple[Snapshot, bool] | None = None

        self.delta_check = QCheckBox()
        self.legend_label = QLabel()
        self.readout = QLabel(" ")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setMinimumWidth(260)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.delta_check)
        toolbar.addSpacing(16)
        toolbar.addWidget(self.legend_label)
        toolbar.addStretch(1)
        toolbar.addWidget(self.readout)

        self.graphics = pg.GraphicsLayoutWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(toolbar)
        layout.addWidget(self.graphics, 1)

        self.delta_check.toggled.connect(self._on_show_updates_changed)
        self._mouse_proxy = pg.SignalProxy(self.graphics.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_mouse_moved)
        self.retranslate()

    # -- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language: the toggle, the legend and the matrices' axes."""
        self.delta_check.setText(translate("WeightsView", "show last update ΔW"))
        self.delta_check.setToolTip(translate("WeightsView", "Show how much the last training step changed each "
                                              "weight and bias"))
        self._update_legend()
        for item in self.layers:
            self._label_axes(item)
            self._fit_height(item)

    def _label_axes(self, item: LayerItems) -> None:
        """W_l's axes: its rows are layer l's neurons, its columns the inputs or layer l − 1's neurons."""
        l = item.layer
        item.w_plot.setLabel("left", translate("WeightsView", "neuron i of layer {layer}").format(layer=l))
        item.w_plot.setLabel("bottom", translate("WeightsView", "input j") if l == 1 else
                             translate("WeightsView", "neuron j of layer {layer}").format(layer=l - 1))

    # -- public API -----------------------------------------------------------------------------

    @property
    def show_updates(self) -> bool:
        """True while the view shows ΔW and Δb of the last step instead of W and b."""
        return self.delta_check.isChecked()

    def reset(self, session: NewSession) -> None:
        """Rebuild the heatmaps for a freshly built network."""
        self.set_layers(session.architecture.sizes)

    def set_layers(self, sizes) -> None:
        """Rebuild the heatmaps for layer sizes (n_0, n_1, ..., n_L): one per W, of shape (n_l, n_l-1)."""
        self.sizes = tuple(int(n) for n in sizes)
        self.graphics.clear()
        self.layers = []
        self._values = []
        self._last = None
        for l in range(1, len(self.sizes)):
            self.layers.append(self._build_layer(l, (self.sizes[l], self.sizes[l - 1])))
            # Width by columns (up to a point), plus room for the axes, b and the colour bar: XOR's
            # 1×10 W2 gets the room to print its numbers, its 10×2 W1 no more than it needs.
            self.graphics.ci.layout.setColumnStretchFactor(l - 1, min(self.sizes[l - 1], STRETCH_COLUMNS) + 4)
            self._values.append((np.zeros((self.sizes[l], self.sizes[l - 1])), np.zeros(self.sizes[l])))
        self._apply_colormap()
        self.readout.setText(" ")

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Show the snapshot's W and b (or ΔW and Δb) of every layer, each layer on its own scale."""
        mode = self.show_updates
        if self._last is not None and self._last[0] is snapshot and self._last[1] == mode:
            return
        shapes = tuple(W.shape for W in snapshot.weights)
        if shapes != tuple(item.shape for item in self.layers):
            # Wired to a new network without reset(): rebuild rather than draw into wrong shapes.
            self.set_layers((shapes[0][1], *(s[0] for s in shapes)))
        self._last = (snapshot, mode)
        if mode:
            weights, biases = snapshot.update_W, snapshot.update_b
            if weights is None:  # before the first step there is no update to show
                weights = tuple(np.zeros(W.shape, W.dtype) for W in snapshot.weights)
                biases = tuple(np.zeros(b.shape, b.dtype) for b in snapshot.biases)
        else:
            weights, biases = snapshot.weights, snapshot.biases
        for l, (item, W, b) in enumerate(zip(self.layers, weights, biases)):
            level = max(theme.symmetric_level(W), theme.symmetric_level(b))
            levels = (-level, level)
            item.w_image.setImage(W, autoLevels=False, levels=levels)
            item.b_image.setImage(b.reshape(-1, 1), autoLevels=False, levels=levels)
            item.bar.setLevels(levels)
            self._values[l] = (W, b)
            # Weights to two decimals ("−1.04"); updates are often tiny, so as short exponents ("−3e−4").
            number = theme.compact if mode else (lambda v: theme.short(v, tiny=False))
            template = COMPACT_TEMPLATE if mode else TEMPLATE
            item.numbers.show(W, number, level, template)
            item.b_numbers.show(b.reshape(-1, 1), number, level, template)
            self._fit_bias_width(item)  # the template may have changed
        self._update_legend()

    def cell_text(self, layer: int, i: int, j: int | None = None) -> str:
        """What hovering shows for W_layer[i, j] (or b_layer[i] when j is None); layer is 1-based."""
        W, b = self._values[layer - 1]
        d = "Δ" if self.show_updates else ""
        if j is None:
            return f"{d}b{layer}[{i}] = {theme.precise(b[i])}"
        return f"{d}W{layer}[{i}, {j}] = {theme.precise(W[i, j])}"

    # -- construction ---------------------------------------------------------------------------

    def _build_layer(self, l: int, shape: tuple[int, int]) -> LayerItems:
        n_out, n_in = shape
        sub = self.graphics.addLayout(row=0, col=l - 1)
        sub.setSpacing(2)
        title = sub.addLabel(self._title(l, shape), colspan=3, size="11pt")
        sub.nextRow()

        w_plot = sub.addPlot()
        # An image of the right shape first: setRect scales by the current image's size.
        # autoDownsample averages cells that share a screen pixel (MNIST's 784 columns) instead
        # of picking one of them, so wide matrices don't alias into moiré.
        w_image = pg.ImageItem(np.zeros(shape), axisOrder="row-major", levels=(-1, 1), autoDownsample=True)
        w_image.setRect(QRectF(-0.5, -0.5, n_in, n_out))  # cell (i, j) centred on (j, i)
        w_plot.addItem(w_image)
        w_plot.invertY(True)  # row 0 on top, as the matrix is written
        w_plot.setRange(xRange=(-0.5, n_in - 0.5), yRange=(-0.5, n_out - 0.5), padding=0)
        w_plot.setLimits(xMin=-0.5, xMax=n_in - 0.5, yMin=-0.5, yMax=n_out - 0.5)
        w_plot.hideButtons()
        for name in ("left", "bottom"):
            w_plot.getAxis(name).enableAutoSIPrefix(False)  # indices, not quantities
        ticks = IndexTicks(w_plot, [str(i) for i in range(n_out)], [str(j) for j in range(n_in)])
        w_plot.getAxis("bottom").setHeight(BOTTOM_AXIS_HEIGHT)
        w_plot.showAxis("top")
        w_plot.showAxis("right")
        for name in ("top", "right"):  # a frame around the matrix
            w_plot.getAxis(name).setStyle(showValues=False, tickLength=0)

        b_plot = sub.addPlot()
        b_image = pg.ImageItem(np.zeros((n_out, 1)), axisOrder="row-major", levels=(-1, 1))
        b_image.setRect(QRectF(-0.5, -0.5, 1, n_out))
        b_plot.addItem(b_image)
        b_plot.invertY(True)
        b_plot.setRange(xRange=(-0.5, 0.5), yRange=(-0.5, n_out - 0.5), padding=0)
        # b follows W's rows when W is zoomed. By value: setYLink aligns views by their pixel
        # geometry, which is not settled while the layout is being built.
        w_plot.vb.sigYRangeChanged.connect(
            lambda _vb, y_range, b_plot=b_plot: b_plot.setYRange(*y_range, padding=0))
        b_plot.setMouseEnabled(x=False, y=False)
        b_plot.hideButtons()
        b_plot.setMenuEnabled(False)
        b_plot.hideAxis("left")
        b_plot.setFixedWidth(BIAS_WIDTH)
        bottom = b_plot.getAxis("bottom")
        bottom.setTicks([[(0, f"b{l}")]])
        bottom.setStyle(tickLength=TICK_LENGTH)  # as W's: outside, clear of the numbers
        bottom.setHeight(BOTTOM_AXIS_HEIGHT)
        b_plot.showAxis("top")
        b_plot.showAxis("right")
        for name in ("top", "right"):
            b_plot.getAxis(name).setStyle(showValues=False, tickLength=0)

        bar = pg.ColorBarItem(values=(-1, 1), width=12, interactive=False, colorMapMenu=False)
        bar.getAxis("bottom").setHeight(BOTTOM_AXIS_HEIGHT)
        bar.getAxis("right").setWidth(58)
        bar.getAxis("right").enableAutoSIPrefix(False)  # the bar has no label to carry a ×10⁻³
        use_theme_numbers(bar.getAxis("right"))
        sub.addItem(bar)

        cursor = QGraphicsRectItem(QRectF(-0.5, -0.5, 1, 1))
        cursor.setPen(pg.mkPen(theme.ACCENT, width=2))
        cursor.setZValue(10)
        cursor.hide()
        w_plot.addItem(cursor, ignoreBounds=True)
        items = LayerItems(l, shape, title, w_plot, b_plot, w_image, b_image, bar, cursor, ticks,
                           CellNumbers(w_plot, shape), CellNumbers(b_plot, (n_out, 1)))
        w_plot.vb.sigResized.connect(lambda _vb, items=items: self._fit_bias_width(items))
        self._label_axes(items)
        self._fit_height(items)
        return items

    def _fit_height(self, item: LayerItems) -> None:
        """Cap the rows' height at MAX_ROW_LINES lines of text, but leave the matrix as tall as its
        left axis's name, which is written along it (on two lines when one would be too long)."""
        cap = item.shape[0] * MAX_ROW_LINES * QFontMetricsF(self.font()).height()
        axis = item.w_plot.getAxis("left")
        wrap = QFontMetricsF(axis.label.font()).horizontalAdvance(axis.labelText) + 8 > cap
        # A weak reference: a lambda holding the axis itself made a cycle that, collected as Python
        # shut down, freed the axis's wrapper while Qt's scene still held the item (a segfault).
        ref = weakref.ref(axis)
        axis.labelString = lambda wrap=wrap: _axis_name_html(ref(), wrap)
        axis.setLabel(axis.labelText)  # drawn again, wrapped or not
        tallest = max(cap, axis.label.boundingRect().width())
        for plot in (item.w_plot, item.b_plot, item.bar):
            plot.layout.setRowMaximumHeight(2, tallest)  # row 2 of a PlotItem: its view and side axes

    def _fit_bias_width(self, item: LayerItems) -> None:
        # The strip widens to hold b's numbers when its rows are tall enough to print them in.
        if item.w_plot.vb.height() <= 0 or item.b_plot.vb.width() <= 0:
            return  # not laid out yet: this runs again when it is
        cell_h = item.w_plot.vb.height() / item.shape[0]
        width = BIAS_WIDTH
        if item.b_numbers.labels:
            text_w, text_h = item.b_numbers.text_size()
            if cell_h >= text_h + 2 * PAD_Y:
                frame = item.b_plot.width() - item.b_plot.vb.width()
                width = max(BIAS_WIDTH, int(np.ceil(text_w + 2 * PAD_X + frame)) + 1)
        if item.b_plot.width() != width:
            item.b_plot.setFixedWidth(width)

    def _title(self, l: int, shape: tuple[int, int]) -> str:
        d = "Δ" if self.show_updates else ""
        return f"{d}W{l} ({shape[0]}×{shape[1]}) + {d}b{l}"

    def _legend_text(self) -> str:
        if self.show_updates:
            return translate("WeightsView", "ΔW, Δb: change made by the last step — {decrease} · 0 · {increase}").format(
                decrease=_html(theme.DELTA_NEGATIVE, translate("WeightsView", "decrease")),
                increase=_html(theme.DELTA_POSITIVE, translate("WeightsView", "increase")))
        negative = _html(theme.NEGATIVE, translate("WeightsView", "negative"))
        positive = _html(theme.POSITIVE, translate("WeightsView", "positive"))
        return f"W, b: {negative} · 0 · {positive}"

    def _update_legend(self) -> None:
        """The legend: what the colours mean, and that there is no update to show before the first step."""
        legend = self._legend_text()
        if self.show_updates and self._last is not None and self._last[0].update_W is None:
            legend += "  <i>" + translate("WeightsView", "(no update yet)") + "</i>"
        if self.legend_label.text() != legend:
            self.legend_label.setText(legend)

    def _apply_colormap(self) -> None:
        cmap = theme.ERRORS.colormap() if self.show_updates else theme.VALUES.colormap()
        for item in self.layers:
            item.w_image.setColorMap(cmap)
            item.b_image.setColorMap(cmap)
            item.bar.setColorMap(cmap)
            item.title.setText(self._title(item.layer, item.shape))

    # -- handlers -------------------------------------------------------------------------------

    def _on_show_updates_changed(self, on: bool) -> None:
        self._apply_colormap()
        self._update_legend()
        if self._last is not None:
            self.show_snapshot(self._last[0])

    def _on_mouse_moved(self, args) -> None:
        pos = args[0]
        text = " "
        for item in self.layers:
            item.cursor.hide()
        for item in self.layers:
            n_out, n_in = item.shape
            if item.w_plot.vb.sceneBoundingRect().contains(pos):
                p = item.w_plot.vb.mapSceneToView(pos)
                i, j = int(round(p.y())), int(round(p.x()))
                if 0 <= i < n_out and 0 <= j < n_in:
                    text = self.cell_text(item.layer, i, j)
                    item.cursor.setPos(QPointF(j, i))
                    item.cursor.show()
                break
            if item.b_plot.vb.sceneBoundingRect().contains(pos):
                i = int(round(item.b_plot.vb.mapSceneToView(pos).y()))
                if 0 <= i < n_out:
                    text = self.cell_text(item.layer, i)
                break
        self.readout.setText(text)

    def closeEvent(self, event) -> None:
        self._mouse_proxy.disconnect()
        super().closeEvent(event)
