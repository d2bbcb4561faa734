"""The fitted curve of a regression on one input (the "sin" set, or a CSV with one feature column):
the data as points, x across and the target up, and the network's prediction along x as a line that
moves as the network trains.

The curve comes ready-made in the snapshot (`snapshot.surface`, a 1-D `Surface` computed by the
trainer); this view only draws it. Training points are filled, test points open rings, in the colours
the loss plots give train and test. Numbers are in the data's own units: a standardised CSV is drawn
in the units of the file, not in standard deviations.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from nnviz.gui import theme
from nnviz.gui.charts.axes import TITLE_SIDES, fitted_title, set_title, show_elided, span_title, still_plot
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.i18n import Retranslated, said, translate
from nnviz.gui.charts.curve_readout import TEST_COLOR, TRAIN_COLOR
from nnviz.gui.charts.surface_labels import since
from nnviz.training.architecture import NewSession
from nnviz.training.regression_fit import features_to_raw, padded_range, target_to_raw
from nnviz.training.snapshot import Snapshot
from nnviz.training.surface import Surface, curve, plane_extent

#: The network's prediction: dark and wide enough to read over a cloud of points.
CURVE_COLOR = (40, 40, 40)
CURVE_WIDTH = 2.5
POINT_SIZE = 8
TITLE_POINTS = 10.0
TITLE_HZ = 4
#: Room above and below the targets, as a share of their span: a curve that overshoots a little
#: stays in view, and the points never touch the frame.
Y_MARGIN = 0.15


class FittedCurveView(Retranslated, QWidget):
    """The points (x, target) of a 1-D regression and the network's prediction along x.
    `reset(session)` places the points and the axes; `show_snapshot` redraws the prediction."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._session: NewSession | None = None
        self._surface: Surface | None = None
        self._last_snapshot: Snapshot | None = None
        self._title = ""
        self._title_html = ""
        self._readout = ""
        self._hover: float | None = None  # the input x under the mouse, in the data's units
        self._counts: tuple[int, int | None] = (0, None)  # training and test points (None: no test points)
        self._title_timer = QTimer(self, singleShot=True, interval=round(1000 / TITLE_HZ))
        self._title_timer.timeout.connect(self._set_title)

        self.readout = QLabel(" ")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.readout.setStyleSheet("color: #333;")
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self._build_plot()
        self.legend = FlowLegend(self.graphics.ci, row=1, col=0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.readout)
        layout.addWidget(self.graphics, 1)

        self.graphics.installEventFilter(self)  # the legend rewraps whenever the plot resizes
        self._mouse_proxy = pg.SignalProxy(self.graphics.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_mouse_moved)

    def _build_plot(self) -> None:
        p = self.plot
        still_plot(p)
        self.train_points = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(*TRAIN_COLOR),
                                               pen=pg.mkPen("w", width=0.8))
        self.test_points = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(255, 255, 255, 0),
                                              pen=pg.mkPen(*TEST_COLOR, width=1.6))
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(CURVE_COLOR, width=CURVE_WIDTH), antialias=True)
        self.curve_sample = pg.PlotDataItem(pen=pg.mkPen(CURVE_COLOR, width=CURVE_WIDTH))  # the legend's
        self.curve.setZValue(5)
        for item in (self.train_points, self.test_points):
            p.addItem(item)
        p.addItem(self.curve)
        span_title(p)  # over the y axis too

    # -- public API -----------------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """Show a new dataset's points, names and axes; the curve waits for the first snapshot."""
        self._session = session
        self._surface = None
        self._last_snapshot = None
        self.curve.setData([], [])
        self._set_readout("")
        data = session.dataset
        x_train, y_train = self._raw_points(data.x_train, data.labels_train)
        self.train_points.setData(x=x_train, y=y_train)
        # A points dataset trains and tests on the same points: drawn once, as training points.
        same = data.x_test is data.x_train or (data.x_test.shape == data.x_train.shape
                                                and np.array_equal(data.x_test, data.x_train))
        has_test = len(data.x_test) > 0 and not same
        if has_test:
            x_test, y_test = self._raw_points(data.x_test, data.labels_test)
            self.test_points.setData(x=x_test, y=y_test)
        else:
            x_test = y_test = np.empty(0)
            self.test_points.clear()
        self._counts = (len(x_train), len(x_test) if has_test else None)
        self._fill_legend()
        self._label_axes()
        # The axes stay put while training runs: the line along x the trainer computes the curve on
        # (the session's own extent), and the targets with room to spare.
        extent = plane_extent(np.asarray(data.x_train, dtype=np.float64)) if len(data.x_train) else (-1.0, 1.0, 0, 0)
        x0, x1 = features_to_raw(np.array([[extent[0]], [extent[1]]]), self._standardisation())[:, 0]
        y0, y1 = padded_range(np.concatenate([y_train, y_test]), Y_MARGIN)
        self.plot.setRange(xRange=(float(x0), float(x1)), yRange=(y0, y1), padding=0)
        self._set_title()

    def retranslate(self) -> None:
        """Every text in the window's language: legend, axes, title and the readout shown."""
        if self._session is None:
            return
        self._fill_legend()
        self._label_axes()
        self._set_title()
        if self._hover is not None:
            self.show_readout_at(self._hover)

    def _fill_legend(self) -> None:
        n_train, n_test = self._counts
        self.legend.clear()
        self.legend.add(self.train_points,
                        translate("FittedCurveView", "training data ({count})").format(count=f"{n_train:,}"))
        if n_test is not None:
            self.legend.add(self.test_points,
                            translate("FittedCurveView", "test data ({count})").format(count=f"{n_test:,}"))
        self.legend.add(self.curve_sample, translate("FittedCurveView", "network's prediction of {target}").format(
            target=self.target_name))
        self.legend.fit(self._legend_width())

    def _label_axes(self) -> None:
        self.plot.setLabel("bottom", said(self._session.architecture.feature_name(0)))
        self.plot.setLabel("left", self.target_name)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Draw the network's prediction along x from the snapshot's curve."""
        if snapshot is self._last_snapshot or self._session is None:
            return
        self._last_snapshot = snapshot
        surface = snapshot.surface
        if surface is not None and surface.is_curve:
            self._surface = surface
            xs, ys = self.curve_points()
            self.curve.setData(xs, ys)
        if not self._title_timer.isActive():
            self._set_title()
            self._title_timer.start()

    @property
    def target_name(self) -> str:
        """What the network predicts: the dataset's one class name (its target column)."""
        names = self._session.architecture.class_names if self._session is not None else ()
        return said(names[0]) if names else translate("FittedCurveView", "target")

    @property
    def title(self) -> str:
        return self._title

    def curve_points(self) -> tuple[np.ndarray, np.ndarray]:
        """The prediction drawn, (x, predicted target) in the data's units, one point per point of the
        snapshot's curve (empty before the first snapshot with a curve)."""
        if self._surface is None:
            return np.empty(0), np.empty(0)
        standardisation = self._standardisation()
        xs = features_to_raw(np.asarray(self._surface.xs)[:, None], standardisation)[:, 0]
        return xs, target_to_raw(curve(self._surface), standardisation)

    def readout_text(self) -> str:
        """The hover readout's whole text ("" when the mouse is not over the plot)."""
        return self._readout

    # -- drawing --------------------------------------------------------------------------------

    def _standardisation(self):
        return self._session.dataset.standardisation if self._session is not None else None

    def _raw_points(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        standardisation = self._standardisation()
        return features_to_raw(x, standardisation)[:, 0], target_to_raw(y, standardisation)

    def _set_title(self) -> None:
        if self._session is None:
            return
        detail = since(self._last_snapshot)
        head = translate("FittedCurveView", "Network's prediction of {target}").format(target=self.target_name)
        self._title = head + (f" · {detail}" if detail else "")
        # Fitted to the width the plot gets, however narrow (the inspector dock open on a laptop).
        html = fitted_title(self.font(), head, detail, self.graphics.width() - TITLE_SIDES, TITLE_POINTS)
        if html != self._title_html:
            self._title_html = html
            set_title(self.plot, html, size=f"{TITLE_POINTS:g}pt")

    def _set_readout(self, text: str) -> None:
        if not text:
            self._hover = None
        self._readout = text
        show_elided(self.readout, text)

    def _legend_width(self) -> float:
        return self.graphics.width() - 24  # the layout's margins

    # -- handlers -------------------------------------------------------------------------------

    def _on_mouse_moved(self, args) -> None:
        pos = args[0]
        if self._surface is None or not self.plot.vb.sceneBoundingRect().contains(pos):
            self._set_readout("")
            return
        x_raw = self.plot.vb.mapSceneToView(pos).x()
        self.show_readout_at(x_raw)

    def show_readout_at(self, x_raw: float) -> None:
        """Say what the network predicts at input x_raw (in the data's units), as hovering does."""
        if self._surface is None:
            return
        xs, ys = self.curve_points()
        value = float(np.interp(x_raw, xs, ys))
        feature = said(self._session.architecture.feature_name(0))
        self._set_readout(translate("FittedCurveView", "{feature} = {x} → predicted {target} = {value}").format(
            feature=feature, x=theme.short(x_raw, tiny=False), target=self.target_name, value=theme.precise(value)))
        self._hover = x_raw

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.graphics and event.type() == QEvent.Type.Resize:
            self.legend.fit(self._legend_width())
            self._set_title()
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        self._mouse_proxy.disconnect()
        super().closeEvent(event)
