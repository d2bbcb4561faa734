"""The decision surface of a 2-D dataset: what the output neuron says at every point of the plane, or
what any one neuron computes there, large.

The surface comes ready-made in the snapshot (`snapshot.surface`, computed in the trainer); this view
only colours it: blue where the network says class 0, orange where it says class 1, white on the
fence (p = 0.5), as TensorFlow Playground does. The 0.5 contour is the decision boundary. The
training points sit on top, coloured by their label, and query points (the gender example's Emily
and Frank) are stars labelled with the network's current answer. `show_neuron((layer, index))` shows
one neuron's activation over the same plane instead (what the diagram draws as a thumbnail), until
"Show output" or `show_neuron(None)`. For regression the plane shows the predicted value instead, with
contour lines (surface_values.py); a regression on one input shows its fitted curve (fitted_curve.py).

Both inputs in the same units (generated sets, XOR's bits), the plane has equal scales (plane_fit.py).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QStackedLayout, QVBoxLayout, QWidget)

from nnviz.data.dataset import Dataset
from nnviz.gui import theme
from nnviz.gui.charts.axes import TITLE_SIDES, fitted_title, set_title, show_elided, span_title
from nnviz.gui.charts.fitted_curve import FittedCurveView
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.charts.point_editor import PointEditor
from nnviz.gui.charts.surface_labels import activation_levels, class_label, neuron_title, output_title
from nnviz.gui.charts.surface_style import (NO_SURFACE_MESSAGE, THRESHOLD, TITLE_HZ, TITLE_POINTS,
                                              class_colors)
from nnviz.gui.charts.plane_fit import PlaneFit
from nnviz.gui.charts.surface_plane import PlaneItems, fill_class_legend, label_anchor, point_size
from nnviz.gui.charts.surface_values import CONTOUR_PEN, ValueScale, is_regression
from nnviz.gui.i18n import Retranslated, said, translate
from nnviz.training.architecture import Architecture, NewSession
from nnviz.training.snapshot import Snapshot
from nnviz.training.surface import Surface, bilinear, contour_segments, neuron_at, neuron_grid

class SurfaceView(Retranslated, QWidget):
    """The output neuron's activation over the input plane, the 0.5 boundary, the training points
    and the queries; or one neuron's activation (`show_neuron`). `reset(session)` places the points;
    `show_snapshot` recolours the plane."""

    #: The learner added or moved a point (point_editor.py): every point now, as (x1, x2, label).
    points_edited = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dataset: Dataset | None = None
        self.architecture: Architecture | None = None
        self.output_neuron = 0
        self._n_outputs = 0
        self._neuron: tuple[int, int] | None = None  # the neuron shown large, None for the output
        self._predictions: dict[str, tuple[float, str]] = {}
        self._surface: Surface | None = None
        self._extent: tuple[float, float, float, float] | None = None
        self._title = ""
        self._title_html = ""
        # The title names the step: retitling re-lays out the whole plot, so it follows training at
        # most TITLE_HZ times a second (the timer's end shows the newest step, so it is never stale).
        self._title_timer = QTimer(self, singleShot=True, interval=round(1000 / TITLE_HZ))
        self._title_timer.timeout.connect(self._set_title)
        self._levels = None
        self._readout = ""
        self._hover: tuple[float, float] | None = None  # the point of the plane under the mouse
        self._last_snapshot: Snapshot | None = None
        self._values: ValueScale | None = None  # regression: the predicted value's colour scale

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #666; font-size: 12pt;")

        self.neuron_combo = QComboBox()
        self.neuron_label = QLabel()
        self.output_button = QPushButton()
        # Hover values beside the controls; the label never asks for more width than the panel has
        # (Ignored), and its text is shortened to fit (_set_readout).
        self.readout = QLabel(" ")
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.readout.setStyleSheet("color: #333;")
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.neuron_label)
        toolbar.addWidget(self.neuron_combo)
        toolbar.addWidget(self.output_button)
        toolbar.addWidget(self.readout, 1)
        for widget in (self.neuron_label, self.neuron_combo, self.output_button):
            widget.hide()

        self.graphics = pg.GraphicsLayoutWidget()
        # Qt interpolates the 48×48 grid bilinearly when it scales it up: a smooth surface, drawn
        # from the very same numbers (pixel centres stay on the grid points).
        self.graphics.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.graphics.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self._build_plot()
        self.legend = FlowLegend(self.graphics.ci, row=1, col=0)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(2)
        page_layout.addLayout(toolbar)
        page_layout.addWidget(self.graphics, 1)
        self.plot_page = page
        self.stack = QStackedLayout()
        self.stack.addWidget(self.message)
        self.stack.addWidget(page)
        self.curve_view = FittedCurveView()  # a regression on one input: its fitted curve instead
        self.stack.addWidget(self.curve_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.stack)

        self.graphics.installEventFilter(self)  # the legend rewraps whenever the plot area resizes
        self.neuron_combo.currentIndexChanged.connect(self._on_output_neuron_changed)
        self.output_button.clicked.connect(lambda: self.show_neuron(None))
        self.editor = PointEditor(self)
        self._mouse_proxy = pg.SignalProxy(self.graphics.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_mouse_moved)
        self.retranslate()

    # -- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language: the controls, the title, axes and legend, the
        queries' answers and the readout, re-written from what is shown."""
        self.message.setText(said(NO_SURFACE_MESSAGE))
        self.neuron_combo.setToolTip(translate("SurfaceView", "Which output neuron's activation colours the plane"))
        self.neuron_label.setText(translate("SurfaceView", "output neuron"))
        self.output_button.setText(translate("SurfaceView", "Show output"))
        self.output_button.setToolTip(translate("SurfaceView", "Colour the plane by the network's output again"))
        self.editor.retranslate()
        if self.dataset is None:
            return
        self._name_outputs()
        if self.dataset.n_features == 2:
            self._fill_legend()
            self._label_axes()
            self._set_title()
            if self._surface is not None:
                self._update_queries(self._surface)
            self._show_hover()

    def _label_axes(self) -> None:
        self.plot.setLabel("bottom", said(self.dataset.feature_names[0]))
        self.plot.setLabel("left", said(self.dataset.feature_names[1]))

    # -- construction ---------------------------------------------------------------------------

    def _build_plot(self) -> None:
        plane = PlaneItems.on(self.plot)
        self.image, self.boundary, self.points, self.queries, self.bar = (
            plane.image, plane.boundary, plane.points, plane.queries, plane.bar)
        self.fit = PlaneFit(self.plot, self._set_title)  # the view shows the plane
        span_title(self.plot)  # over the colour bar too
        self.query_labels: dict[str, pg.TextItem] = {}

    # -- public API -----------------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """Show the dataset's training points, queries, names and axes (a new dataset or network);
        the plane shows the network's output again."""
        dataset = session.dataset
        self.dataset = dataset
        self.architecture = session.architecture
        self._neuron = None
        self._last_snapshot = None
        self._surface = None
        self._extent = None
        self.fit.reset(session)
        self._predictions = {}
        self._n_outputs = 0
        self.image.clear()
        self.boundary.setData([], [])
        self._set_readout("")
        self.output_button.hide()
        for label in self.query_labels.values():
            self.plot.removeItem(label)
        self.query_labels = {}
        self._values = ValueScale(session) if is_regression(session) else None
        if dataset.n_features != 2:
            self.editor.follow(session)  # nothing to edit now: a drag under way ends
            self.legend.clear()
            self.points.clear()
            self.queries.clear()
            self.stack.setCurrentWidget(self.message)
            if dataset.n_features == 1 and self._values is not None:
                self.curve_view.reset(session)
                self.stack.setCurrentWidget(self.curve_view)
            return

        self.boundary.setPen(CONTOUR_PEN if self._values else pg.mkPen(theme.ACCENT, width=2))
        self.editor.follow(session)  # draws the training points, which the learner may edit
        if dataset.queries:
            self.queries.setData(pos=np.stack([q.x for q in dataset.queries]).astype(np.float64),
                                 brush=pg.mkBrush(255, 255, 255), data=[q.name for q in dataset.queries])
            for q in dataset.queries:
                label = pg.TextItem(q.name, color=theme.FOREGROUND, fill=pg.mkBrush(255, 255, 255, 215),
                                    border=pg.mkPen(190, 190, 190))
                label.setZValue(12)
                label.setPos(float(q.x[0]), float(q.x[1]))
                self.plot.addItem(label, ignoreBounds=True)
                self.query_labels[q.name] = label
        else:
            self.queries.clear()
        self._fill_legend()
        self._label_axes()
        self._set_title()
        self.stack.setCurrentWidget(self.plot_page)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Colour the plane by the chosen output neuron (or the neuron shown large) and update the
        queries' answers."""
        if snapshot is self._last_snapshot:
            return  # paused: nothing new to draw
        self._last_snapshot = snapshot
        if self.stack.currentWidget() is self.curve_view:
            self.curve_view.show_snapshot(snapshot)
            return
        surface = snapshot.surface
        if surface is None or self.dataset is None or surface.is_curve:
            if self.stack.currentWidget() is not self.message:
                self.stack.setCurrentWidget(self.message)
            return
        if self.stack.currentWidget() is not self.plot_page:
            self.stack.setCurrentWidget(self.plot_page)
        self._surface = surface
        self._sync_outputs(surface.layers[-1].shape[0])
        if self._neuron is not None and not self._exists(self._neuron):
            self.show_neuron(None)  # the network changed under the selection
        if surface.extent != self._extent:
            self._place(surface)
        self._draw()
        self._update_queries(surface)
        if not self._title_timer.isActive():
            self._set_title()
            self._title_timer.start()

    def show_neuron(self, neuron: tuple[int, int] | None) -> None:
        """Show neuron (layer, index)'s activation over the plane, large (layer 0: an input feature);
        None, or a neuron of the output layer, shows the network's output again."""
        if neuron is not None:
            layer, index = int(neuron[0]), int(neuron[1])
            neuron = (layer, index)
            n_layers = self.architecture.n_layers if self.architecture is not None else None
            if layer == n_layers:  # an output neuron: the output view, on that neuron
                if self._n_outputs > 1 and index < self.neuron_combo.count():
                    self.neuron_combo.setCurrentIndex(index)
                neuron = None
            elif not self._exists(neuron):
                neuron = None
        if neuron == self._neuron:
            return
        self._neuron = neuron
        self.output_button.setVisible(neuron is not None)
        self._sync_combo_visibility()
        self._fill_legend()
        if self._surface is not None:
            self._draw()
        self._set_title()
        self._set_readout("")

    @property
    def shown_neuron(self) -> tuple[int, int] | None:
        """The neuron shown large, (layer, index), or None while the plane shows the output."""
        return self._neuron

    @property
    def title(self) -> str:
        """The plot's title as plain text (its two lines joined by " · ")."""
        return self._title

    def readout_text(self) -> str:
        """The hover readout's whole text ("" when the mouse is not over the plane)."""
        return self._readout

    def query_predictions(self) -> dict[str, tuple[float, str]]:
        """{query name: (probability of the predicted class, class name)} as last shown."""
        return dict(self._predictions)

    # -- drawing --------------------------------------------------------------------------------

    def show_points(self, points: np.ndarray) -> None:
        """Draw the training points, (n, 3): x1, x2 and the label (a class) or target."""
        labels = points[:, 2] if self._values is not None else points[:, 2].astype(np.int64)
        size = point_size(len(points))
        if size != self.points.opts["size"]:
            self.points.setSize(size, update=False)  # setData draws
        self.points.setData(pos=points[:, :2], brush=self._point_brushes(labels), data=labels)

    def _point_brushes(self, labels: np.ndarray) -> list:
        """A brush per point: its class's colour, or (regression) its target's on the value scale."""
        if self._values is not None:
            return self._values.brushes(labels)
        palette = class_colors(self.dataset.n_classes)
        brushes = [pg.mkBrush(*palette[k]) for k in range(self.dataset.n_classes)]
        return [brushes[k] for k in labels]

    def _exists(self, neuron: tuple[int, int]) -> bool:
        if self.architecture is None:
            return False
        layer, index = neuron
        sizes = self.architecture.sizes
        return 0 <= layer < len(sizes) and 0 <= index < sizes[layer]

    def _place(self, surface: Surface) -> None:
        # Grid point (i, j) is the centre of pixel (i, j): the image reaches half a cell beyond.
        xs, ys = surface.xs, surface.ys
        dx, dy = (xs[-1] - xs[0]) / (len(xs) - 1), (ys[-1] - ys[0]) / (len(ys) - 1)
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        if self.image.image is None or self.image.image.shape != (len(ys), len(xs)):
            self.image.setImage(np.full((len(ys), len(xs)), 0.5), autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(rect)
        self.fit.place(rect)
        self._extent = surface.extent

    def _sync_outputs(self, n_outputs: int) -> None:
        if n_outputs == self._n_outputs:
            return
        self._n_outputs = n_outputs
        self.neuron_combo.blockSignals(True)
        self.neuron_combo.clear()
        self.neuron_combo.addItems([""] * n_outputs)
        self._name_outputs()
        # Two softmax outputs: neuron 1 is P(class 1), so orange still means class 1.
        self.output_neuron = 1 if n_outputs == 2 else 0
        self.neuron_combo.setCurrentIndex(self.output_neuron)
        self.neuron_combo.blockSignals(False)
        self._sync_combo_visibility()

    def _name_outputs(self) -> None:
        """The output-neuron list's entries: "1: class 1", "1: female"."""
        names = self.dataset.class_names
        for k in range(self.neuron_combo.count()):
            self.neuron_combo.setItemText(k, f"{k}: {class_label(names[k])}" if k < len(names) else str(k))

    def _sync_combo_visibility(self) -> None:
        many = self._n_outputs > 1 and self._neuron is None
        self.neuron_combo.setVisible(many)
        self.neuron_label.setVisible(many)

    def _draw(self) -> None:
        """The grid of what is shown (output or neuron) with its levels, and the boundary if output."""
        surface = self._surface
        if self._neuron is None and self._values is not None:
            grid, segments = self._values.output(surface)
            levels = self._values.levels
        elif self._neuron is None:
            grid = surface.layers[-1][self.output_neuron]
            levels = (0.0, 1.0)
            segments = contour_segments(grid, THRESHOLD)
        else:
            layer, index = self._neuron
            grid = neuron_grid(surface, layer, index)
            levels = activation_levels(self.architecture.activation(layer), grid)
            segments = np.empty((0, 2))
        self.image.setImage(grid, autoLevels=False, levels=levels)
        if levels != self._levels:  # the colour bar repaints itself on every call
            self._levels = levels
            self.bar.setLevels(levels)
        self.boundary.setData(segments[:, 0], segments[:, 1], connect="pairs")

    def _fill_legend(self) -> None:
        dataset = self.dataset
        self.legend.clear()
        if dataset is None or dataset.n_features != 2:
            return
        if self._values is not None:
            self._values.fill_legend(self.legend, contours=self._neuron is None)
            self.legend.fit(self._legend_width())
            return
        fill_class_legend(self.legend, dataset, boundary=self._neuron is None)
        self.legend.fit(self._legend_width())

    def _predict(self, surface: Surface, x: float, y: float) -> tuple[float, int]:
        """(probability of the predicted class, predicted class) at (x, y)."""
        out = bilinear(surface, -1, x, y)
        if len(out) == 1:
            p = float(out[0])
            return (p, 1) if p > THRESHOLD else (1.0 - p, 0)
        k = int(np.argmax(out))
        return float(out[k]), k

    def _update_queries(self, surface: Surface) -> None:
        # Snapshot has no field for the network's outputs on the queries, so read them off the
        # surface grid by bilinear interpolation (the grid is fine enough for two decimals).
        names = self.dataset.class_names
        brushes = []
        for q in self.dataset.queries:
            p, k = self._predict(surface, float(q.x[0]), float(q.x[1]))
            self._predictions[q.name] = (p, names[k])
            p1 = p if k == 1 else 1.0 - p  # the colour scale's probability of class 1
            brushes.append(pg.mkBrush(theme.VALUES.qcolor(2.0 * p1 - 1.0)) if len(names) == 2
                           else pg.mkBrush(*class_colors(len(names))[k]))
            label = self.query_labels[q.name]
            text = f"{said(q.name)}: {class_label(names[k])} ({theme.percent(p, 0)})"
            if text != label.toPlainText():  # an unchanged label is not laid out again
                label.setText(text)
            anchor = label_anchor(self.plot.vb, label, q, surface.extent, self.points.getData(),
                                  [other.x for other in self.dataset.queries if other is not q])
            if (label.anchor.x(), label.anchor.y()) != anchor:
                label.setAnchor(anchor)
        if brushes:
            self.queries.setBrush(brushes)

    def _output_name(self) -> str:
        names = self.dataset.class_names
        k = self.output_neuron if self._n_outputs > 1 else min(1, len(names) - 1)
        if k < len(names):
            return f"P({class_label(names[k])})"
        return translate("SurfaceView", "output {k}").format(k=k)

    def _set_title(self) -> None:
        if self.dataset is None:
            return
        if self._neuron is None and self._values is not None:
            head, detail, bar_label = self._values.title(self._last_snapshot)
        elif self._neuron is None:
            head, detail, bar_label = output_title(self._output_name(), self._last_snapshot)
        else:
            head, detail, bar_label = neuron_title(self.architecture, self._neuron, self.bar.levels())
        self._title = head + (f" · {detail}" if detail else "")
        # Fitted to the width the plot gets, however narrow (the inspector dock open on a laptop).
        width = self.graphics.width() - TITLE_SIDES - self.fit.given_up[0]
        html = fitted_title(self.font(), head, detail, width, TITLE_POINTS)
        if html != self._title_html:
            self._title_html = html
            set_title(self.plot, html, size=f"{TITLE_POINTS:g}pt")
            self.bar.getAxis("right").setLabel(bar_label)

    def _set_readout(self, text: str) -> None:
        if not text:
            self._hover = None  # nothing to re-write after a change of language
        self._readout = text
        show_elided(self.readout, text)

    def _legend_width(self) -> float:
        return self.graphics.width() - 24  # the layout's margins

    # -- handlers -------------------------------------------------------------------------------

    def _on_output_neuron_changed(self, index: int) -> None:
        if index < 0:
            return
        self.output_neuron = index
        if self._surface is not None and self._neuron is None:
            self._draw()
        self._set_title()

    def _on_mouse_moved(self, args) -> None:
        pos = args[0]
        if self._surface is None or not self.plot.vb.sceneBoundingRect().contains(pos):
            self._hover = None
            self._set_readout("")
            return
        p = self.plot.vb.mapSceneToView(pos)
        self._hover = (p.x(), p.y())
        self._show_hover()

    def _show_hover(self) -> None:
        """The readout of the point under the mouse (of the last one, after a change of language)."""
        if self._hover is None or self._surface is None:
            return
        x, y = self._hover
        names = [said(name) for name in self.dataset.feature_names]
        where = f"{names[0]} = {theme.short(x, tiny=False)}, {names[1]} = {theme.short(y, tiny=False)}"
        if self._neuron is None and self._values is not None:
            self._set_readout(f"{where} → {self._values.readout(bilinear(self._surface, -1, x, y)[0])}")
        elif self._neuron is None:
            value = float(bilinear(self._surface, -1, x, y)[self.output_neuron])
            self._set_readout(f"{where} → {self._output_name()} = {value:.3f}")
        else:
            layer, index = self._neuron
            value = neuron_at(self._surface, layer, index, x, y)
            symbol = "x" if layer == 0 else "a"
            self._set_readout(f"{where} → {symbol} = {theme.precise(value)}")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.graphics and event.type() == QEvent.Type.Resize:
            self.fit.release()  # before the plot is laid out at the new size
            self.legend.fit(self._legend_width())
            self._set_title()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._readout:
            self._set_readout(self._readout)

    def closeEvent(self, event) -> None:
        self._mouse_proxy.disconnect()
        super().closeEvent(event)
