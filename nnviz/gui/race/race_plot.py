"""The race's loss curves, one per run, overlaid on one plot, against epochs, samples seen, updates made
or seconds of training (a toggle): the same race told four ways. Stochastic gradient descent wins on
updates made per epoch and loses on smoothness; full batch is smooth and makes one update an epoch.

The curves are drawn from what the runs' snapshots carry (their bounded histories); the x of every
point comes from nnviz.training.race_curves. What is drawn is kept (`curves`) and nothing else, and
exported as it is: PNG of the plot with its legend, CSV of its points. A change of language words the
controls, the axes and the legend's run names again (`retranslate`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QMenu,
                               QStackedLayout, QToolButton, QWidget)

from nnviz.gui.charts.axes import themed_tick
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.i18n import Retranslated, said
from nnviz.training.race_curves import LossKind, RunCurve, XAxis, write_curves_csv

#: One colour per run, apart from the surfaces' blue and orange (which mean classes).
RUN_COLORS = ((44, 160, 44), (148, 103, 189), (214, 39, 40), (90, 90, 90))
#: Curves get markers while they have few enough points to tell them apart (full batch: one an epoch).
MARKER_LIMIT = 60
#: The x axes in the order of their toggle buttons (worded in RacePlot.retranslate).
_AXES = (XAxis.EPOCHS, XAxis.SAMPLES, XAxis.UPDATES, XAxis.SECONDS)


class CountAxis(pg.AxisItem):
    """Counts with thousands separators ("15,000"), fractions as they are ("0.25"), the app's minus."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        whole = spacing * scale >= 1
        return [themed_tick(f"{v * scale:,.0f}" if whole else f"{v * scale:,.4g}") for v in values]


def run_color(i: int) -> tuple[int, int, int]:
    return RUN_COLORS[i % len(RUN_COLORS)]


class RacePlot(Retranslated, QWidget):
    """`set_runs(labels)` makes one curve per run; `show_curves(curves)` draws them (RunCurves with
    every x); in `controls`, the toggle picks the x axis, the combo the loss (per update or per epoch)."""

    x_axis_changed = Signal(object)  # XAxis
    loss_kind_changed = Signal(object)  # LossKind

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._x_axis = XAxis.EPOCHS
        self._curves: list[RunCurve] = []
        self._items: list[pg.PlotDataItem] = []
        self._labels: list[str] = []  # the runs' labels as made (Phrases: worded in the current language)

        self.axis_buttons = QButtonGroup(self)
        self.axis_buttons.setExclusive(True)
        # The controls sit wherever the view puts them (a row shared with the race's own buttons).
        self.controls = QWidget()
        toolbar = QHBoxLayout(self.controls)
        toolbar.setContentsMargins(0, 0, 0, 0)
        toolbar.setSpacing(0)
        for k, axis in enumerate(_AXES):
            button = QToolButton(checkable=True)
            button.setChecked(axis is self._x_axis)
            self.axis_buttons.addButton(button, k)
            toolbar.addWidget(button)
        toolbar.addSpacing(12)
        self.loss_combo = QComboBox()
        for kind in LossKind:
            self.loss_combo.addItem(said(kind.title), kind)
        # Smoothed first: one-sample runs draw a band as wide as the loss itself, the others a line lost
        # under it. The raw band (the noise the curriculum talks about) is one choice away.
        self.loss_combo.setCurrentIndex(self.loss_combo.findData(LossKind.SMOOTHED))
        toolbar.addWidget(self.loss_combo)
        toolbar.addSpacing(8)
        self.log_check = QCheckBox()
        toolbar.addWidget(self.log_check)
        # The export button is the view's to place (a row of these controls and it would be too wide).
        self.export_button = QToolButton(popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_button.setMenu(self.export_menu)

        self.graphics = pg.GraphicsLayoutWidget()
        self.legend = FlowLegend(self.graphics.ci, row=0, col=0)
        self.plot: pg.PlotItem = self.graphics.addPlot(
            row=1, col=0, axisItems={"bottom": CountAxis("bottom"), "left": CountAxis("left")})
        self._build_plot()

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #666; font-size: 11pt;")
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.graphics)
        self.export_button.setEnabled(False)
        self.axis_buttons.idClicked.connect(lambda k: self.set_x_axis(_AXES[k]))
        self.loss_combo.currentIndexChanged.connect(lambda _: self._on_loss_kind_changed())
        self.log_check.toggled.connect(lambda on: self.plot.setLogMode(y=on))
        self.graphics.installEventFilter(self)  # the legend rewraps when the plot resizes
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language: controls, axis titles and the runs' names in the legend."""
        texts = ((self.tr("Epochs"), self.tr("Loss against epochs: every run has seen every sample once per epoch")),
                 (self.tr("Samples"), self.tr("Loss against the training samples each run has seen")),
                 (self.tr("Updates"), self.tr("Loss against the updates (gradient-descent steps) each run has made")),
                 (self.tr("Seconds"), self.tr("Loss against each run's seconds of training (its steps only: pauses "
                                              "and pacing are left out)")))
        for k, (text, tip) in enumerate(texts):
            self.axis_buttons.button(k).setText(text)
            self.axis_buttons.button(k).setToolTip(tip)
        for k in range(self.loss_combo.count()):
            self.loss_combo.setItemText(k, said(self.loss_combo.itemData(k).title))
        self.loss_combo.setToolTip(self.tr("The loss of each update's own batch (noisy for one sample, smooth for "
                                           "the whole set); the same smoothed over a tenth of an epoch's samples, "
                                           "alike for every run; or the test loss measured after each epoch"))
        self.log_check.setText(self.tr("log"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Save the curves as an image (PNG) or as numbers (CSV)"))
        self.message.setText(self.tr("Each run's loss is drawn here once the race starts."))
        self.plot.setLabel("left", self._loss_title())
        self.plot.setLabel("bottom", said(self._x_axis.title))
        for item, label in zip(self._items, self._labels):
            self.legend.rename(item, said(label))

    def _build_plot(self) -> None:
        p = self.plot
        p.showGrid(x=True, y=True, alpha=0.18)
        for name in ("left", "bottom"):
            p.getAxis(name).setStyle(maxTickLevel=0)
            p.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        p.getAxis("left").setWidth(54)
        p.setDownsampling(auto=True, mode="peak")
        p.setClipToView(True)
        p.hideButtons()

    # -- public API ------------------------------------------------------------------------------------

    @property
    def x_axis(self) -> XAxis:
        return self._x_axis

    @property
    def loss_kind(self) -> LossKind:
        return self.loss_combo.currentData()

    @property
    def curves(self) -> list[RunCurve]:
        """The curves as drawn now, one per run."""
        return list(self._curves)

    def set_x_axis(self, axis: XAxis) -> None:
        if axis is self._x_axis:
            return
        self._x_axis = axis
        self.axis_buttons.button(_AXES.index(axis)).setChecked(True)
        self.plot.setLabel("bottom", said(axis.title))
        self._draw()
        self.plot.enableAutoRange()
        self.x_axis_changed.emit(axis)

    def set_runs(self, labels: list[str], updates_per_epoch: list[int] | None = None) -> None:
        """One curve per run, in its colour, named in the legend. The runs that update most often are
        drawn lowest: their curves are the noisiest bands, and would hide the smoother ones."""
        for item in self._items:
            self.plot.removeItem(item)
        self.legend.clear()
        self._items, self._curves, self._labels = [], [], list(labels)
        self.export_button.setEnabled(False)
        for i, label in enumerate(labels):
            item = self.plot.plot(pen=pg.mkPen(run_color(i), width=1.5), name=said(label), antialias=False,
                                  autoDownsampleFactor=1.0)
            item.setZValue(-updates_per_epoch[i] if updates_per_epoch else i)
            self._items.append(item)
            self.legend.add(item, said(label))
        self.legend.fit(self.graphics.width() - 20)
        self.plot.enableAutoRange()
        self.stack.setCurrentWidget(self.graphics)

    def show_curves(self, curves: list[RunCurve]) -> None:
        self._curves = list(curves)
        self.export_button.setEnabled(bool(self._curves))
        self._draw()

    def export_png(self, path: str | Path) -> Path:
        """The plot and its legend as a PNG image; raises OSError if it cannot be written."""
        path = Path(path)
        if not self.graphics.grab().save(str(path), "PNG"):
            raise OSError(self.tr("cannot write {path}").format(path=path))
        return path

    def export_csv(self, path: str | Path) -> Path:
        """The curves' points: run, value, updates, samples_seen, epochs, seconds and the loss."""
        return write_curves_csv(path, self._curves, self.loss_kind.csv_column)

    # -- drawing ---------------------------------------------------------------------------------------

    def _draw(self) -> None:
        for item, curve in zip(self._items, self._curves):
            x, y = curve.x(self._x_axis), curve.loss
            if self.log_check.isChecked():
                keep = y > 0
                x, y = x[keep], y[keep]
            markers = len(x) <= MARKER_LIMIT
            color = item.opts["pen"].color()
            item.setData(np.asarray(x, dtype=np.float64), y, symbol="o" if markers else None, symbolSize=5,
                         symbolBrush=color, symbolPen=color)

    def _loss_title(self) -> str:
        if self.loss_kind is LossKind.EPOCH:
            return self.tr("test loss")
        if self.loss_kind is LossKind.SMOOTHED:
            return self.tr("loss (smoothed)")
        return self.tr("loss")

    def _on_loss_kind_changed(self) -> None:
        self.plot.setLabel("left", self._loss_title())
        self.loss_kind_changed.emit(self.loss_kind)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.graphics and event.type() == QEvent.Type.Resize:
            self.legend.fit(event.size().width() - 20)
        return super().eventFilter(watched, event)
