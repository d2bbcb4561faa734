"""Live training curves: the loss of every step (raw and smoothed) and, per epoch, train and test
loss; the training accuracy as it runs and, per epoch, train and test accuracy; on one shared step axis.
For a regression the same plot shows R² in place of the accuracy (score_scale.py).

Everything drawn comes from `snapshot.history`, which holds at most a fixed number of points however
long the run (nnviz.training.history: every step at first, then buckets of 2, 4, 8... steps with their
mean, min and max). Drawn from min and max, a bucketed curve looks like the curve of every step, so a
run of a million steps costs no more per frame than a run of sixteen thousand. The arithmetic (the
smoothing, the accuracy axis's zoom) is in nnviz.training.curves.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.gui.charts.axes import StepAxis, use_theme_numbers
from nnviz.gui.charts.curve_names import (RAW_NAME, TEST_LOSS_NAME, TEST_SCORE_NAME, TRAIN_LOSS_NAME,
                                           TRAIN_SCORE_NAME, label_axes, retitle, running_name, smooth_name)
from nnviz.gui.charts.curve_readout import (RAW_COLOR, RUNNING_COLOR, STEP_COLOR, TEST_COLOR, TRAIN_COLOR, curve_pen,
                                            readout_html, stride)
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.charts.run_follower import RunFollower
from nnviz.gui.i18n import Retranslated, said
from nnviz.training.architecture import NewSession
from nnviz.training.curves import ema, ema_extended, finite_bounds, nice_step, values_between, zoomed_range
from nnviz.training.history import RUNNING_SAMPLES, running_window
from nnviz.training.score_scale import ACCURACY, score_scale
from nnviz.training.snapshot import Snapshot


#: Per-epoch curves get markers while there are few enough epochs to tell them apart.
MARKER_LIMIT = 60
MARKER_SIZE = 7
#: Room kept beyond the accuracy axis's ends, in pixels: for a marker at 100 % to be drawn whole, and
#: for the "100" label (pyqtgraph drops a label that would reach past a gridded axis).
MARKER_ROOM = 8.0
#: At most one accuracy tick label per this many pixels.
TICK_PIXELS = 24
#: Per-epoch curves are 1-px lines: Qt draws those antialiased on a fast path, but a 1.5-px line the
#: slow way, which took 700 ms a frame for 10,000 epochs of XOR (against 10 ms now).
EPOCH_WIDTH = 1.0
#: While training runs the curves are redrawn at most this often: a loss curve moves a pixel at a
#: time, and its paint (5-15 ms) at the window's 60 frames/s took a third of the window's time.
CURVE_INTERVAL = 1 / 10
#: Left axes share one width so the two plots' step axes line up.
AXIS_WIDTH = 60
#: Each plot stays at least this tall (the view asks its splitter for the room): on a 1280×800 screen
#: the legends had left the plots 45 px, too little to read a curve.
MIN_PLOT_HEIGHT = 64


class PlotsView(Retranslated, QWidget):
    """Loss (top) and accuracy (bottom) against the training step, each with its legend above it.

    Loss: every step's loss (pale), its exponential moving average (`smoothing`, 0.9 by default),
    and per epoch the train and test loss at the step where the epoch ended. Accuracy, in percent:
    the running training accuracy (the share of the latest samples classified right while they were
    trained on, so there is a reading long before the first epoch ends) and per epoch the train and
    test accuracy; its axis zooms to the values in view. Hovering shows the values at the step under
    the mouse; right-click → Export... saves either plot as PNG, SVG or CSV (pyqtgraph's exporters).
    """

    def __init__(self, parent: QWidget | None = None, smoothing: float = 0.9):
        super().__init__(parent)
        self._smoothing = float(np.clip(smoothing, 0.0, 0.999))
        self._ema = np.empty(0)  # the smoothed loss at each point of the history
        self._ema_of = (None, np.empty(0))  # the weight and the losses _ema smoothed
        self._n_steps = 0  # steps in the history seen last
        self._n_drawn = 0  # steps handed to the curves so far
        self._n_epochs = 0  # epochs drawn so far
        self._n_epochs_seen = 0  # epochs in the history seen last
        self._drawn_at = -1.0  # when the curves were last drawn (perf_counter)
        self._pending = QTimer(self, singleShot=True)  # draws what waits, CURVE_INTERVAL after the last
        self._pending.timeout.connect(self._draw_pending)
        self._history: dict[str, np.ndarray] | None = None
        self._hover_step: int | None = None
        self._running_window = RUNNING_SAMPLES  # samples the running accuracy covers
        self._accuracy_tick = 0.0  # the accuracy axis's tick spacing
        self._score = ACCURACY  # how the accuracy plot scales and writes the score (R² for regression)
        self._loss_name: str | None = None  # the loss the network minimises ("mse", "bce", "ce")

        self.log_check, self.smoothing_label = QCheckBox(), QLabel()
        self.smoothing_spin = QDoubleSpinBox(minimum=0.0, maximum=0.999, decimals=3, singleStep=0.05)
        self.smoothing_spin.setValue(self._smoothing)
        self._toolbar = toolbar = QHBoxLayout()
        toolbar.addWidget(self.log_check)
        toolbar.addSpacing(16)
        toolbar.addWidget(self.smoothing_label)
        toolbar.addWidget(self.smoothing_spin)
        toolbar.addStretch(1)

        self.graphics = pg.GraphicsLayoutWidget()
        # Each legend in a row of its own above its plot: over the plot it hid the newest data.
        self.loss_legend = FlowLegend(self.graphics.ci, row=0, col=0)
        self.loss_plot: pg.PlotItem = self.graphics.addPlot(row=1, col=0, axisItems={"bottom": StepAxis("bottom")})
        self.accuracy_legend = FlowLegend(self.graphics.ci, row=2, col=0)
        self.accuracy_plot: pg.PlotItem = self.graphics.addPlot(row=3, col=0, axisItems={"bottom": StepAxis("bottom")})
        self.graphics.ci.setContentsMargins(4, 4, 4, 2)  # pyqtgraph's 9 px a side left a legend a row too few
        # As much room for the accuracy as for the loss: at 2 : 3 it was too short to tell 97 % from 98 %.
        self.graphics.ci.layout.setRowStretchFactor(1, 1)
        self.graphics.ci.layout.setRowStretchFactor(3, 1)
        self._build_loss_plot()
        self._follower = RunFollower(self.loss_plot.vb)  # its axes show the whole run, as it grows
        self._build_accuracy_plot()
        self._build_readout()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(toolbar)
        layout.addWidget(self.graphics, 1)

        self.log_check.toggled.connect(self._on_log_scale_changed)
        # Holding an arrow key fires valueChanged in bursts; re-smoothing a long run takes a while.
        self._smoothing_proxy = pg.SignalProxy(self.smoothing_spin.valueChanged, rateLimit=10,
                                               slot=self._on_smoothing_changed)
        # The plot's own context menu (Plot Options → Transforms → Log Y) and our checkbox agree.
        self.loss_plot.ctrl.logYCheck.toggled.connect(self._on_plot_log_changed)
        self._mouse_proxy = pg.SignalProxy(self.graphics.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_mouse_moved)
        self.graphics.installEventFilter(self)  # the legends rewrap whenever the plots resize
        self.accuracy_plot.vb.sigXRangeChanged.connect(self._fit_accuracy_range)
        self.accuracy_plot.vb.sigResized.connect(self._fit_accuracy_range)
        for plot in (self.loss_plot, self.accuracy_plot):  # an axis label as long as its plot is tall
            plot.vb.sigResized.connect(lambda *_: label_axes(self, self._loss_name, self._score))
        self.retranslate()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for the controls, the legends and both plots at MIN_PLOT_HEIGHT (a graphics view
        asks for none of its scene's)."""
        margins = self.layout().contentsMargins()
        height = (margins.top() + margins.bottom() + self.layout().spacing() + self._toolbar.minimumSize().height()
                  + math.ceil(self.graphics.ci.minimumHeight()) + 2 * self.graphics.frameWidth())
        return QSize(super().minimumSizeHint().width(), height)

    # -- construction ---------------------------------------------------------------------------

    def _build_loss_plot(self) -> None:
        p = self.loss_plot
        p.getAxis("left").enableAutoSIPrefix(False)  # a loss has no unit to prefix: show 0.001, not ×0.001
        # The steps are numbered once, under the accuracy plot (the two share them): the loss plot
        # gets that height for its curves.
        p.getAxis("bottom").setStyle(showValues=False)
        p.getAxis("bottom").setHeight(8)
        p.getAxis("left").setWidth(AXIS_WIDTH)
        # Both step curves draw one point (min and max, for the raw one) per pixel column, without
        # antialiasing: pyqtgraph's default of five points per column made a long run's plot take 40 ms
        # to paint, and an antialiased 2-px line another 15 ms (Qt's fast path is for 1-px lines only);
        # now it takes about 5 ms. The raw zig-zag loses nothing by it, the smoothed curve little.
        self.raw_curve = p.plot(pen=curve_pen(RAW_COLOR, 1), name=said(RAW_NAME), antialias=False,
                                autoDownsampleFactor=1.0)
        self.smooth_curve = p.plot(pen=curve_pen(STEP_COLOR, 2), name=smooth_name(self._smoothing), antialias=False,
                                   autoDownsampleFactor=1.0)
        self.train_loss_curve = p.plot(pen=curve_pen(TRAIN_COLOR, EPOCH_WIDTH), name=said(TRAIN_LOSS_NAME),
                                       autoDownsampleFactor=1.0)
        self.test_loss_curve = p.plot(pen=curve_pen(TEST_COLOR, EPOCH_WIDTH, style=Qt.PenStyle.DashLine), autoDownsampleFactor=1.0,
                                      name=said(TEST_LOSS_NAME))
        self.smooth_curve.setZValue(1)  # over the raw band, under the epochs' markers
        for curve in (self.train_loss_curve, self.test_loss_curve):
            curve.setZValue(2)
        for curve in (self.raw_curve, self.smooth_curve, self.train_loss_curve, self.test_loss_curve):
            self.loss_legend.add(curve, curve.name())
        self._finish_plot(p)

    def _build_accuracy_plot(self) -> None:
        p = self.accuracy_plot
        p.getAxis("left").enableAutoSIPrefix(False)
        use_theme_numbers(p.getAxis("left"))  # R² goes below zero: "−0.5", not "-0.5"
        # Ticks spaced by _fit_accuracy_range (so 100 is always one); pyqtgraph's own text limits
        # would drop the last label of a short axis, which is often the 100.
        p.getAxis("left").setStyle(textFillLimits=[(0, 0.9), (4, 0.8), (8, 0.6)])
        p.getAxis("left").setWidth(AXIS_WIDTH)
        p.setXLink(self.loss_plot)
        # The vertical range follows the values in view (_fit_accuracy_range); zooming is horizontal.
        p.setMouseEnabled(x=True, y=False)
        p.enableAutoRange(y=False)
        p.setYRange(0, 100, padding=0)
        self.running_accuracy_curve = p.plot(pen=curve_pen(RUNNING_COLOR, 1), name=running_name(self._running_window),
                                             antialias=False, autoDownsampleFactor=1.0)
        self.train_accuracy_curve = p.plot(pen=curve_pen(TRAIN_COLOR, EPOCH_WIDTH), name=said(TRAIN_SCORE_NAME),
                                           autoDownsampleFactor=1.0)
        self.test_accuracy_curve = p.plot(pen=curve_pen(TEST_COLOR, EPOCH_WIDTH, style=Qt.PenStyle.DashLine),
                                          autoDownsampleFactor=1.0, name=said(TEST_SCORE_NAME))
        for curve in (self.train_accuracy_curve, self.test_accuracy_curve):
            curve.setZValue(2)
        for curve in (self.running_accuracy_curve, self.train_accuracy_curve, self.test_accuracy_curve):
            self.accuracy_legend.add(curve, curve.name())
        self._finish_plot(p)

    def _finish_plot(self, p: pg.PlotItem) -> None:
        p.vb.setMinimumHeight(MIN_PLOT_HEIGHT)
        # A grid on major ticks only: minor grid lines cost ~10 ms per repaint and add little.
        p.showGrid(x=True, y=True, alpha=0.18)
        for name in ("left", "bottom"):
            p.getAxis(name).setStyle(maxTickLevel=0)
            # Repainted with every change of the curves (a grid's axis covers the whole plot): from a
            # cached pixmap rather than by replaying its text, which took a third of the window's time.
            p.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # After the curves exist, so every curve gets them: draw only what is in view, at most a
        # few points per pixel column (min and max kept, so spikes stay visible).
        p.setDownsampling(auto=True, mode="peak")
        p.setClipToView(True)
        # Keep the ViewBox menu, which carries the scene's "Export..." (PNG, SVG, CSV).
        p.setMenuEnabled(True)

    def _build_readout(self) -> None:
        line_pen = pg.mkPen((90, 90, 90), width=1, style=Qt.PenStyle.DashLine)
        self.hover_lines = []
        for p in (self.loss_plot, self.accuracy_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=line_pen)
            line.setZValue(50)
            line.hide()
            p.addItem(line, ignoreBounds=True)
            self.hover_lines.append(line)
        self.readout = pg.TextItem(anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 235),
                                   border=pg.mkPen(170, 170, 170))
        self.readout.setZValue(100)
        self.readout.hide()
        self.loss_plot.addItem(self.readout, ignoreBounds=True)

    # -- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language: the controls, axes and legends, and the readout of
        the step under the mouse (re-written from the history shown)."""
        retitle(self, self._loss_name, self._score)
        self._refresh_readout()

    # -- public API -----------------------------------------------------------------------------

    @property
    def smoothing(self) -> float:
        """Weight of the past in the smoothed loss, in [0, 0.999]; setting it re-smooths the history."""
        return self._smoothing

    @smoothing.setter
    def smoothing(self, value: float) -> None:
        value = float(np.clip(value, 0.0, 0.999))
        if value == self._smoothing:
            return
        self._smoothing = value
        if self.smoothing_spin.value() != value:
            self.smoothing_spin.blockSignals(True)
            self.smoothing_spin.setValue(value)
            self.smoothing_spin.blockSignals(False)
        self.smooth_curve.opts["name"] = smooth_name(value)  # what the CSV export heads its column with
        self.loss_legend.rename(self.smooth_curve, smooth_name(value))
        if self._history is not None:
            self._smooth()
            self._draw_steps()
        self._refresh_readout()

    @property
    def smoothed_loss(self) -> np.ndarray:
        """The smoothed loss at each point of the history drawn last."""
        return self._ema

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Draw what is new in snapshot.history since the last call (nothing, if nothing is)."""
        history = snapshot.history
        steps = history["step"]
        n = int(steps[-1]) if len(steps) else 0
        n_epochs = int(history["epoch"][-1]) if len(history["epoch"]) else 0
        if n < self._n_steps or n_epochs < self._n_epochs_seen:
            self._clear_data()  # a new run arrived without reset(): start over rather than mix runs
        if n == self._n_steps and n_epochs == self._n_epochs_seen:
            return
        self._history = history
        self._n_steps, self._n_epochs_seen = n, n_epochs
        # At most CURVE_INTERVAL apart while snapshots stream in; what waits is drawn when it is due.
        wait = CURVE_INTERVAL - (time.perf_counter() - self._drawn_at)
        if wait > 0 and not snapshot.finished:
            if not self._pending.isActive():
                self._pending.start(max(1, int(1000 * wait)))
            return
        self._draw_pending()

    def _draw_pending(self) -> None:
        self._pending.stop()
        if self._history is None:
            return
        self._drawn_at = time.perf_counter()
        if self._n_steps != self._n_drawn:
            self._smooth()
            self._draw_steps()
        if self._n_epochs_seen != self._n_epochs:
            self._show_epochs(self._history, self._n_epochs_seen)
        self._settle_ranges()
        self._refresh_readout()

    def _settle_ranges(self) -> None:
        """The new ranges, set before the paint (see run_follower.py)."""
        curves = (self.raw_curve, self.smooth_curve, self.train_loss_curve, self.test_loss_curve)
        self._follower.follow((finite_bounds([self._history["step"]]), finite_bounds(
            [c.getOriginalDataset()[1] for c in curves], log=self.log_check.isChecked())))
        self._fit_accuracy_range()  # the steps in view may have moved
        self.graphics.scene().prepareForPaint()  # the views' transforms for the ranges just set

    def _smooth(self) -> None:
        # Over buckets of k steps, smoothing**k weighs the past as smoothing does over single steps.
        # Smoothing the whole (bounded) history afresh took a quarter of a draw: only what changed is.
        h = self._history
        weight = self._smoothing ** stride(h["step"])
        if weight == self._ema_of[0]:
            self._ema = ema_extended(h["step_loss"], weight, self._ema_of[1], self._ema)
        else:
            self._ema = ema(h["step_loss"], weight)
        self._ema_of = (weight, h["step_loss"])

    def reset(self, session: NewSession | None = None) -> None:
        """Forget everything drawn (a rebuilt network or another dataset starts a new run); the
        session's training set says how many samples the running accuracy covers."""
        self._clear_data()
        self._hide_readout()
        window = running_window(session.n_train) if session is not None else RUNNING_SAMPLES
        if session is not None:
            self._set_task(session.architecture.task, session.architecture.loss_name)
        if window != self._running_window:
            self._running_window = window
            self.running_accuracy_curve.opts["name"] = running_name(window)
            self.accuracy_legend.rename(self.running_accuracy_curve, running_name(window))
        self._follower.reset()
        self.loss_plot.enableAutoRange()
        self.accuracy_plot.enableAutoRange(x=True, y=False)
        self._fit_accuracy_range()

    def _set_task(self, task: str, loss_name: str) -> None:
        self._score = score_scale(task)
        self._loss_name = loss_name
        label_axes(self, loss_name, self._score)

    @property
    def score_name(self) -> str:
        """What the lower plot shows: "accuracy", or "R²" for a regression."""
        return self._score.name

    @property
    def running_window(self) -> int:
        """Samples the running training accuracy covers (the training set, when it is smaller)."""
        return self._running_window

    def readout_text(self) -> str:
        """The hover label's text as plain text ("" when hidden)."""
        return self.readout.textItem.toPlainText() if self.readout.isVisible() else ""

    # -- drawing --------------------------------------------------------------------------------

    def _clear_data(self) -> None:
        self._ema, self._ema_of = np.empty(0), (None, np.empty(0))
        self._n_steps = self._n_drawn = self._n_epochs = self._n_epochs_seen = 0
        self._pending.stop()
        self._history = None
        for curve in (self.raw_curve, self.smooth_curve, self.train_loss_curve, self.test_loss_curve,
                      self.running_accuracy_curve, self.train_accuracy_curve, self.test_accuracy_curve):
            curve.setData([], [])

    def _draw_steps(self) -> None:
        h = self._history
        x = h["step"]
        if stride(x) == 1:
            self.raw_curve.setData(x, h["step_loss"])
        else:
            # Each bucket's min then max: the zig-zag every step of it would have drawn.
            self.raw_curve.setData(np.repeat(x, 2), np.column_stack([h["step_loss_min"], h["step_loss_max"]]).ravel())
        self.smooth_curve.setData(x, self._ema)
        running = h.get("running_accuracy")
        if running is not None:
            self.running_accuracy_curve.setData(x, self._score.factor * running)
        self._n_drawn = self._n_steps

    def _show_epochs(self, history: dict[str, np.ndarray], n_epochs: int) -> None:
        markers = n_epochs <= MARKER_LIMIT
        if markers != (self._n_epochs <= MARKER_LIMIT) or self._n_epochs == 0:
            self._set_markers(markers)
        self._n_epochs = n_epochs
        end = history["epoch_end_step"]
        self.train_loss_curve.setData(end, history["train_loss"])
        self.test_loss_curve.setData(end, history["test_loss"])
        self.train_accuracy_curve.setData(end, self._score.factor * history["train_accuracy"])
        self.test_accuracy_curve.setData(end, self._score.factor * history["test_accuracy"])

    def _set_markers(self, on: bool) -> None:
        for curve, color, symbol in ((self.train_loss_curve, TRAIN_COLOR, "o"), (self.test_loss_curve, TEST_COLOR, "s"),
                                     (self.train_accuracy_curve, TRAIN_COLOR, "o"),
                                     (self.test_accuracy_curve, TEST_COLOR, "s")):
            if on:
                curve.setSymbol(symbol)
                curve.setSymbolSize(MARKER_SIZE)
                curve.setSymbolBrush(pg.mkBrush(*color))
                curve.setSymbolPen(pg.mkPen("w", width=1))
            else:
                curve.setSymbol(None)

    def _fit_accuracy_range(self, *_) -> None:
        """Zoom the accuracy axis to the values in the steps in view, with a margin, and room for
        the markers beyond 0 % and 100 %."""
        h = self._history
        values = []
        if h is not None:
            x0, x1 = self.accuracy_plot.vb.viewRange()[0]
            if self._follower.following[0] or self.loss_plot.vb.autoRangeEnabled()[0]:  # every step shown
                x0, x1 = -np.inf, np.inf  # the view is about to show every step
            if h.get("running_accuracy") is not None:
                values.append(values_between(h["step"], h["running_accuracy"], x0, x1))
            for column in ("train_accuracy", "test_accuracy"):
                values.append(values_between(h["epoch_end_step"], h[column], x0, x1))
        shares = self._score.factor * np.concatenate(values) if values else np.empty(0)
        lo, hi = zoomed_range(shares, self._score.bounds, self._score.min_span,
                              pixels=self.accuracy_plot.vb.height(), pad_pixels=MARKER_ROOM)
        (y0, y1) = self.accuracy_plot.vb.viewRange()[1]
        if abs(y0 - lo) > 1e-9 or abs(y1 - hi) > 1e-9:
            self.accuracy_plot.setYRange(lo, hi, padding=0)
        # Ticks divide the values' span, not the markers' room around it: R²'s [−0.5, 1] padded to
        # 2.01 got a step of 2 and a single label in a short plot.
        pixels = self.accuracy_plot.vb.height()
        span = (hi - lo) * (1 - 2 * MARKER_ROOM / pixels) if pixels > 2 * MARKER_ROOM else hi - lo
        step = nice_step(span, pixels // TICK_PIXELS)
        if step != self._accuracy_tick:  # a new spacing has the axis drawn afresh: only when it changes
            self._accuracy_tick = step
            self.accuracy_plot.getAxis("left").setTickSpacing(step, step)

    # -- log scale ------------------------------------------------------------------------------

    def _on_log_scale_changed(self, on: bool) -> None:
        # pyqtgraph maps zero or negative values to NaN in log mode and leaves them out of the line
        # and of the auto range, so a perfect (zero) loss leaves a gap instead of breaking the plot.
        self.loss_plot.setLogMode(y=on)
        self.loss_plot.enableAutoRange(y=True)
        self._refresh_readout()

    def _on_plot_log_changed(self, on: bool) -> None:
        if self.log_check.isChecked() != on:
            self.log_check.setChecked(on)

    def _on_smoothing_changed(self, args) -> None:
        self.smoothing = args[0]

    # -- hover ----------------------------------------------------------------------------------

    def _on_mouse_moved(self, args) -> None:
        pos = args[0]
        for p in (self.loss_plot, self.accuracy_plot):
            if p.vb.sceneBoundingRect().contains(pos):
                x = p.vb.mapSceneToView(pos).x()
                self.show_step(int(round(x)))
                return
        self._hide_readout()

    def show_step(self, step: int) -> None:
        """Mark `step` with the vertical line and show its values (what hovering does)."""
        if self._n_steps == 0:
            self._hide_readout()
            return
        self._hover_step = int(np.clip(step, 1, self._n_steps))
        self._refresh_readout()

    def _hide_readout(self) -> None:
        self._hover_step = None
        self.readout.hide()
        for line in self.hover_lines:
            line.hide()

    def _refresh_readout(self) -> None:
        if self._hover_step is None or self._n_steps == 0:
            return
        h = self._history
        x = h["step"]
        i = min(int(np.searchsorted(x, self._hover_step)), len(x) - 1)  # the point holding that step
        step = int(x[i]) if stride(x) == 1 else self._hover_step
        self.readout.setHtml(readout_html(h, i, step, self._ema[i], self._running_window, self._score))
        for line in self.hover_lines:
            line.setPos(step)
            line.show()
        # Beside the line, on whichever side has more room, at the top of the loss plot.
        (x0, x1), (_, y1) = self.loss_plot.vb.viewRange()
        self.readout.setAnchor((0, 0) if step < (x0 + x1) / 2 else (1, 0))
        self.readout.setPos(step, y1)
        self.readout.show()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.graphics and event.type() == QEvent.Type.Resize:
            width = self.graphics.width() - 12  # the layout's margins
            rows = (self.loss_legend.columns, self.accuracy_legend.columns)
            self.loss_legend.fit(width)
            self.accuracy_legend.fit(width)
            if rows != (self.loss_legend.columns, self.accuracy_legend.columns):
                self.updateGeometry()  # wrapped legends need more room: see minimumSizeHint
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        self._mouse_proxy.disconnect()
        self._smoothing_proxy.disconnect()
        super().closeEvent(event)

