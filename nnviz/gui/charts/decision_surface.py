"""The decision surface of a 2-D dataset: what the output neuron says at every point of the plane.

The surface comes ready-made in the snapshot (`snapshot.surface`, computed on the training thread);
this view only colours it: blue where the network says class 0, orange where it says class 1, white
on the fence (p = 0.5), as TensorFlow Playground does. The 0.5 contour is the decision boundary. The
training points sit on top, coloured by their label, and query points (the gender example's Emily
and Frank) are stars labelled with the network's current answer.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from nnviz.data.dataset import Dataset
from nnviz.gui import theme as colors
from nnviz.training.snapshot import Snapshot
from nnviz.training.surface import Surface, contour_segments
from nnviz.training.architecture import NewSession

NO_SURFACE_MESSAGE = "Decision surface: available for 2-D datasets"
#: The surface is drawn over white at this opacity, lighter than the points on top of it.
SURFACE_OPACITY = 0.78
#: A network output above this counts as "class 1" for a single output neuron.
THRESHOLD = 0.5
#: Point colours for more than two classes (two classes use the diverging map's ends).
CATEGORICAL = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
               (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207))


def class_colors(n_classes: int) -> list[tuple[int, int, int]]:
    """The colour of each class's points: blue/orange for two classes, as on the surface."""
    if n_classes <= 2:
        return [colors.NEGATIVE, colors.POSITIVE][:max(n_classes, 1)]
    return [CATEGORICAL[k % len(CATEGORICAL)] for k in range(n_classes)]


def bilinear(surface: Surface, layer: int, x: float, y: float) -> np.ndarray:
    """Every neuron of surface.layers[layer] at the point (x, y), interpolated between the four
    grid points around it (points outside the grid take the nearest edge). Shape (n_neurons,)."""
    grid = surface.layers[layer]
    fx = float(np.interp(x, surface.xs, np.arange(len(surface.xs))))  # fractional column
    fy = float(np.interp(y, surface.ys, np.arange(len(surface.ys))))  # fractional row
    j = min(int(fx), len(surface.xs) - 2)
    i = min(int(fy), len(surface.ys) - 2)
    tx, ty = fx - j, fy - i
    bottom = (1 - tx) * grid[:, i, j] + tx * grid[:, i, j + 1]
    top = (1 - tx) * grid[:, i + 1, j] + tx * grid[:, i + 1, j + 1]
    return (1 - ty) * bottom + ty * top


def _class_label(name: str) -> str:
    return f"class {name}" if name.isdigit() else name


class SurfaceView(QWidget):
    """The output neuron's activation over the input plane, the 0.5 boundary, the training points
    and the queries. `reset(dataset)` places the points; `show_snapshot` recolours the surface."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.dataset: Dataset | None = None
        self.output_neuron = 0
        self._n_outputs = 0
        self._predictions: dict[str, tuple[float, str]] = {}
        self._surface: Surface | None = None
        self._extent: tuple[float, float, float, float] | None = None
        self._title = ""
        self._last_snapshot: Snapshot | None = None

        self.message = QLabel(NO_SURFACE_MESSAGE)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #666; font-size: 12pt;")

        self.neuron_combo = QComboBox()
        self.neuron_combo.setToolTip("Which output neuron's activation colours the plane")
        self.neuron_label = QLabel("output neuron")
        self.readout = QLabel(" ")
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.neuron_label)
        toolbar.addWidget(self.neuron_combo)
        toolbar.addStretch(1)
        toolbar.addWidget(self.readout)
        self.neuron_label.hide()
        self.neuron_combo.hide()

        self.graphics = pg.GraphicsLayoutWidget()
        # Qt interpolates the 48×48 grid bilinearly when it scales it up: a smooth surface, drawn
        # from the very same numbers (pixel centres stay on the grid points).
        self.graphics.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self._build_plot()
        self.legend = pg.LegendItem(colCount=4, labelTextSize="9pt", horSpacing=8, frame=False)
        self.graphics.addItem(self.legend, row=1, col=0)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(toolbar)
        page_layout.addWidget(self.graphics, 1)
        self.plot_page = page
        self.stack = QStackedLayout()
        self.stack.addWidget(self.message)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.stack)

        self.neuron_combo.currentIndexChanged.connect(self._on_output_neuron_changed)
        self._mouse_proxy = pg.SignalProxy(self.graphics.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_mouse_moved)

    # -- construction ---------------------------------------------------------------------------

    def _build_plot(self) -> None:
        p = self.plot
        p.hideButtons()
        for name in ("left", "bottom"):
            p.getAxis(name).enableAutoSIPrefix(False)
        p.showAxis("top")
        p.showAxis("right")
        for name in ("top", "right"):
            p.getAxis(name).setStyle(showValues=False, tickLength=0)
        # The plane's axes never change while it trains: repaint them from a cached pixmap rather
        # than by replaying their text with every frame.
        for name in ("left", "bottom", "top", "right"):
            p.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setOpacity(SURFACE_OPACITY)
        self.image.setColorMap(colors.diverging_colormap())
        p.addItem(self.image)
        # A child of the image, so it lives in the image's pixel coordinates (see contour_segments).
        self.boundary = pg.PlotCurveItem(pen=pg.mkPen(colors.ACCENT, width=2), connect="pairs", antialias=True)
        self.boundary.setParentItem(self.image)

        self.points = pg.ScatterPlotItem(size=13, pen=pg.mkPen(colors.ACCENT, width=1.2))
        self.points.setZValue(10)
        p.addItem(self.points)
        self.queries = pg.ScatterPlotItem(symbol="star", size=24, pen=pg.mkPen(colors.ACCENT, width=1.5))
        self.queries.setZValue(11)
        p.addItem(self.queries)
        self.query_labels: dict[str, pg.TextItem] = {}

        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=colors.diverging_colormap(), width=14,
                                   interactive=False, colorMapMenu=False)
        self.bar.bar.setOpacity(SURFACE_OPACITY)  # the same tints as the surface over white
        self.bar.getAxis("right").setWidth(62)
        self.bar.setImageItem(self.image, insert_in=p)
        p.layout.setColumnFixedWidth(4, 12)  # a gap between the plot's frame and the bar

    # -- public API -----------------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """Show the dataset's training points, queries, names and axes (a new dataset or network)."""
        dataset = session.dataset
        self.dataset = dataset
        self._last_snapshot = None
        self._surface = None
        self._extent = None
        self._predictions = {}
        self._n_outputs = 0
        self.image.clear()
        self.boundary.setData([], [])
        self.readout.setText(" ")
        for label in self.query_labels.values():
            self.plot.removeItem(label)
        self.query_labels = {}
        self.legend.clear()
        if dataset.n_features != 2:
            self.points.clear()
            self.queries.clear()
            self.stack.setCurrentWidget(self.message)
            return

        palette = class_colors(dataset.n_classes)
        labels = np.asarray(dataset.labels_train)
        brushes = [pg.mkBrush(*palette[k]) for k in range(dataset.n_classes)]
        self.points.setData(pos=np.asarray(dataset.x_train, dtype=np.float64),
                            brush=[brushes[k] for k in labels], data=labels)
        for k, name in enumerate(dataset.class_names):
            sample = pg.ScatterPlotItem(symbol="o", size=11, brush=brushes[k], pen=pg.mkPen(colors.ACCENT, width=1))
            self.legend.addItem(sample, _class_label(name))
        if dataset.queries:
            self.queries.setData(pos=np.stack([q.x for q in dataset.queries]).astype(np.float64),
                                 brush=pg.mkBrush(255, 255, 255), data=[q.name for q in dataset.queries])
            sample = pg.ScatterPlotItem(symbol="star", size=14, brush=pg.mkBrush(255, 255, 255),
                                        pen=pg.mkPen(colors.ACCENT, width=1))
            self.legend.addItem(sample, "query (network's answer)")
            for q in dataset.queries:
                label = pg.TextItem(q.name, color=colors.FOREGROUND, fill=pg.mkBrush(255, 255, 255, 215),
                                    border=pg.mkPen(190, 190, 190))
                label.setZValue(12)
                label.setPos(float(q.x[0]), float(q.x[1]))
                self.plot.addItem(label, ignoreBounds=True)
                self.query_labels[q.name] = label
        else:
            self.queries.clear()
        self.legend.addItem(pg.PlotDataItem(pen=pg.mkPen(colors.ACCENT, width=2)), f"boundary (p = {THRESHOLD:g})")
        self.plot.setLabel("bottom", dataset.feature_names[0])
        self.plot.setLabel("left", dataset.feature_names[1])
        self._set_title()
        self.stack.setCurrentWidget(self.plot_page)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Colour the plane by the chosen output neuron and update the queries' answers."""
        if snapshot is self._last_snapshot:
            return  # paused: nothing new to draw
        self._last_snapshot = snapshot
        surface = snapshot.surface
        if surface is None or self.dataset is None:
            if self.stack.currentWidget() is not self.message:
                self.stack.setCurrentWidget(self.message)
            return
        if self.stack.currentWidget() is not self.plot_page:
            self.stack.setCurrentWidget(self.plot_page)
        self._surface = surface
        self._sync_outputs(surface.layers[-1].shape[0])
        if surface.extent != self._extent:
            self._place(surface)
        grid = surface.layers[-1][self.output_neuron]
        self._show_grid(grid)
        self._update_queries(surface)
        self._set_title(snapshot.step)

    def query_predictions(self) -> dict[str, tuple[float, str]]:
        """{query name: (probability of the predicted class, class name)} as last shown."""
        return dict(self._predictions)

    # -- drawing --------------------------------------------------------------------------------

    def _place(self, surface: Surface) -> None:
        # Grid point (i, j) is the centre of pixel (i, j): the image reaches half a cell beyond.
        xs, ys = surface.xs, surface.ys
        dx, dy = (xs[-1] - xs[0]) / (len(xs) - 1), (ys[-1] - ys[0]) / (len(ys) - 1)
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        if self.image.image is None or self.image.image.shape != (len(ys), len(xs)):
            self.image.setImage(np.full((len(ys), len(xs)), 0.5), autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(rect)
        # Limits first: the previous dataset's limits would clamp the new range (XOR's plane kept
        # showing after switching to the gender preset, with every point outside it).
        self.plot.setLimits(xMin=rect.left(), xMax=rect.right(), yMin=rect.top(), yMax=rect.bottom())
        self.plot.setRange(rect=rect, padding=0)
        self._extent = surface.extent

    def _sync_outputs(self, n_outputs: int) -> None:
        if n_outputs == self._n_outputs:
            return
        self._n_outputs = n_outputs
        names = self.dataset.class_names
        self.neuron_combo.blockSignals(True)
        self.neuron_combo.clear()
        for k in range(n_outputs):
            self.neuron_combo.addItem(f"{k}: {_class_label(names[k])}" if k < len(names) else str(k))
        # Two softmax outputs: neuron 1 is P(class 1), so orange still means class 1.
        self.output_neuron = 1 if n_outputs == 2 else 0
        self.neuron_combo.setCurrentIndex(self.output_neuron)
        self.neuron_combo.blockSignals(False)
        self.neuron_combo.setVisible(n_outputs > 1)
        self.neuron_label.setVisible(n_outputs > 1)

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
        # surface grid by bilinear interpolation (the grid is fine enough for two decimals). If a
        # snapshot ever carries exact query outputs, use those here instead.
        names = self.dataset.class_names
        brushes = []
        for q in self.dataset.queries:
            p, k = self._predict(surface, float(q.x[0]), float(q.x[1]))
            self._predictions[q.name] = (p, names[k])
            p1 = p if k == 1 else 1.0 - p  # the colour scale's probability of class 1
            brushes.append(pg.mkBrush(colors.value_color(2.0 * p1 - 1.0)) if len(names) == 2
                           else pg.mkBrush(*class_colors(len(names))[k]))
            label = self.query_labels[q.name]
            label.setText(f"{q.name}: {_class_label(names[k])} ({p:.0%})")
            # Beside the star, on the side with more room.
            x0, x1 = surface.extent[:2]
            label.setAnchor((-0.12, 1.1) if q.x[0] < (x0 + x1) / 2 else (1.12, 1.1))
        if brushes:
            self.queries.setBrush(brushes)

    def _output_name(self) -> str:
        names = self.dataset.class_names
        k = self.output_neuron if self._n_outputs > 1 else min(1, len(names) - 1)
        return f"P({_class_label(names[k])})" if k < len(names) else f"output {k}"

    def _set_title(self, step: int | None = None) -> None:
        if self.dataset is None:
            return
        what = self._output_name()
        title = f"Network output {what}" + (f" after step {step:,}" if step is not None else "")
        if title != self._title:
            self._title = title
            self.plot.setTitle(title, size="11pt")
            self.bar.getAxis("right").setLabel(what)

    # -- handlers -------------------------------------------------------------------------------

    def _on_output_neuron_changed(self, index: int) -> None:
        if index < 0:
            return
        self.output_neuron = index
        if self._surface is not None:
            self._show_grid(self._surface.layers[-1][index])
        self._set_title()

    def _show_grid(self, grid: np.ndarray) -> None:
        self.image.setImage(grid, autoLevels=False, levels=(0.0, 1.0))
        segments = contour_segments(grid, THRESHOLD)
        self.boundary.setData(segments[:, 0], segments[:, 1], connect="pairs")

    def _on_mouse_moved(self, args) -> None:
        pos = args[0]
        if self._surface is None or not self.plot.vb.sceneBoundingRect().contains(pos):
            self.readout.setText(" ")
            return
        p = self.plot.vb.mapSceneToView(pos)
        value = float(bilinear(self._surface, -1, p.x(), p.y())[self.output_neuron])
        names = self.dataset.feature_names
        self.readout.setText(f"{names[0]} = {p.x():.3g}, {names[1]} = {p.y():.3g} → output {value:.3f}")

    def closeEvent(self, event) -> None:
        self._mouse_proxy.disconnect()
        super().closeEvent(event)
