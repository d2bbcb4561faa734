"""A small decision surface for one run of a race: what the network's output says over the plane,
its decision boundary and the training points, painted with QPainter (a full SurfaceView per run, with
axes, colour bar and legend, would not fit four times in a tab, and would cost four times as much).

The colours are the surface panel's: blue for class 0, orange for class 1, white on the fence; a
regression's predicted value on the same diverging ramp. A 1-D regression is a line: the points and
the fitted curve. The grid comes ready-made in the run's snapshot (`snapshot.surface`); the contour
is nnviz.training.surface's.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.gui import theme
from nnviz.gui.charts.surface_style import SURFACE_OPACITY, THRESHOLD, class_colors
from nnviz.gui.charts.surface_values import ValueScale
from nnviz.training.architecture import NewSession
from nnviz.training.surface import Surface, contour_segments

POINT_RADIUS = 3.0
#: Point colours for more than two classes, faded like the plane, so the points stand out on it.
CLASS_KEEP = 0.45


class MiniSurface(QWidget):
    """`reset(session)` places the training points; `show_surface(surface)` recolours the plane."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(24, 24)  # a short tab (a laptop, the inspector open) keeps the numbers under it
        self._points = np.empty((0, 2))
        self._labels = np.empty(0)
        self._n_classes = 2
        self._values: ValueScale | None = None
        self._image: QImage | None = None
        self._segments = np.empty((0, 2))  # the boundary (contours), in grid pixels
        self._grid_shape = (1, 1)
        self._surface: Surface | None = None
        self._curve = np.empty(0)
        self._colors: list[QColor] = []
        #: The plane as last painted (a new surface or size paints it again): repaints of the card
        #: around it (its numbers change with every frame) then cost a copy, not a smooth rescale.
        self._pixmap: QPixmap | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # No height-for-width: the card gives the plane what room it has (the row of cards scrolls
        # sideways in a narrow tab, and must not grow taller than it); the plane is painted square in it.
        return QSize(140, 140)

    @property
    def has_surface(self) -> bool:
        """Whether a plane (or a 1-D curve) is shown."""
        return self._surface is not None

    def reset(self, session: NewSession) -> None:
        data = session.dataset
        self._surface, self._image, self._pixmap = None, None, None
        self._values = ValueScale(session) if session.architecture.is_regression else None
        self._points = np.asarray(data.x_train, dtype=np.float64)
        self._labels = np.asarray(data.labels_train)
        self._n_classes = data.n_classes
        self._colors = self._point_colors()
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._pixmap = None  # its waiting note is in the old language
            self.update()
        super().changeEvent(event)

    def show_surface(self, surface: Surface | None) -> None:
        self._surface, self._pixmap = surface, None
        if surface is None:
            self._image = None
        elif surface.is_curve:
            self._curve = np.asarray(surface.layers[-1][0, 0], dtype=np.float64)
            if self._values is not None:
                self._curve = self._values.raw(self._curve)
        else:
            self._paint_plane(surface)
        self.update()

    # -- colouring (once per new surface) -------------------------------------------------------------

    def _paint_plane(self, surface: Surface) -> None:
        out = surface.layers[-1]
        if self._values is not None:
            grid, self._segments = self._values.output(surface)
            lo, hi = self._values.levels
            rgb = theme.VALUES.rgb(2.0 * (grid - lo) / (hi - lo) - 1.0)
        elif out.shape[0] > 2:  # many classes: each point of the plane in its winning class's colour
            grid = out.argmax(axis=0)
            palette = np.array(class_colors(out.shape[0]), dtype=np.uint8)
            rgb = theme.faded(palette[grid], CLASS_KEEP / SURFACE_OPACITY)
            self._segments = np.empty((0, 2))
        else:
            # One output: P(class 1); two softmax outputs: neuron 1 is P(class 1).
            grid = out[-1] if out.shape[0] == 2 else out[0]
            rgb = theme.VALUES.rgb(2.0 * (grid - THRESHOLD))
            self._segments = contour_segments(grid, THRESHOLD)
        rgb = np.ascontiguousarray(theme.faded(rgb, SURFACE_OPACITY)[::-1])  # row 0 is the top
        h, w = rgb.shape[:2]
        self._grid_shape = (h, w)
        self._rgb = rgb  # the image reads this memory
        self._image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)

    # -- painting --------------------------------------------------------------------------------------

    def _square(self) -> QRectF:
        side = max(min(self.width(), self.height()) - 2, 2)
        return QRectF((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def paintEvent(self, event) -> None:  # noqa: N802
        box = self._square()
        if self._pixmap is None or self._pixmap.size() != box.size().toSize():
            self._pixmap = self._render(box.size().toSize())
        painter = QPainter(self)
        painter.drawPixmap(box.topLeft(), self._pixmap)
        painter.end()

    def _render(self, size) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(QColor(theme.BACKGROUND))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        box = QRectF(0, 0, size.width() - 1, size.height() - 1)
        surface = self._surface
        if surface is not None and surface.is_curve:
            self._paint_curve(painter, box, surface)
        elif surface is not None and self._image is not None:
            self._paint_plane_on(painter, box, surface)
        else:
            painter.setPen(theme.FAINT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("waiting for\nthe first step"))
        painter.setPen(QPen(theme.FRAME, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        painter.end()
        return pixmap

    def _paint_plane_on(self, painter: QPainter, box: QRectF, surface: Surface) -> None:
        h, w = self._grid_shape
        # Pixel centres on the grid points, as the surface panel draws them: half a cell beyond each edge.
        cell_x, cell_y = box.width() / (w - 1), box.height() / (h - 1)
        target = QRectF(box.left() - cell_x / 2, box.top() - cell_y / 2, box.width() + cell_x, box.height() + cell_y)
        painter.save()
        painter.setClipRect(box)
        painter.drawImage(target, self._image)
        if len(self._segments):
            # contour_segments gives (column, row) + 0.5 with row 0 at the bottom.
            seg = self._segments - 0.5
            xs = box.left() + seg[:, 0] * cell_x
            ys = box.bottom() - seg[:, 1] * cell_y
            pen = QPen(theme.ACCENT, 1.6 if self._values is None else 1.0)
            if self._values is not None:
                pen.setColor(QColor(60, 60, 60, 150))
            painter.setPen(pen)
            lines = [QPointF(float(x), float(y)) for x, y in zip(xs.tolist(), ys.tolist())]
            painter.drawLines(lines)
        x0, x1, y0, y1 = surface.extent
        px = box.left() + (self._points[:, 0] - x0) / (x1 - x0) * box.width()
        py = box.bottom() - (self._points[:, 1] - y0) / (y1 - y0) * box.height()
        painter.setPen(QPen(theme.ACCENT, 0.8))
        radius = self._radius(box)
        for x, y, color in zip(px.tolist(), py.tolist(), self._colors):
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x, y), radius, radius)
        painter.restore()

    def _radius(self, box: QRectF) -> float:
        """Points grow with the surface, and shrink where there are many of them."""
        radius = min(max(box.width() / 45, POINT_RADIUS), 2 * POINT_RADIUS)
        return radius if len(self._points) <= 100 else max(radius * 0.6, 2.0)

    def _point_colors(self) -> list[QColor]:
        if self._values is not None:
            lo, hi = self._values.levels
            t = 2.0 * (self._values.raw(self._labels) - lo) / (hi - lo) - 1.0
            return [QColor(*rgb) for rgb in theme.VALUES.rgb(t).tolist()]
        palette = [QColor(*c) for c in class_colors(self._n_classes)]
        return [palette[int(k) % len(palette)] for k in self._labels.tolist()]

    def _paint_curve(self, painter: QPainter, box: QRectF, surface: Surface) -> None:
        """A 1-D regression: the points (x, target) and the network's curve over them."""
        x0, x1 = surface.extent[0], surface.extent[1]
        xs = np.asarray(surface.xs, dtype=np.float64)
        targets = self._values.raw(self._labels) if self._values is not None else self._labels.astype(float)
        known = np.concatenate([targets, self._curve[np.isfinite(self._curve)]])
        lo, hi = (float(known.min()), float(known.max())) if known.size else (0.0, 1.0)
        pad = 0.1 * (hi - lo) + 1e-9
        lo, hi = lo - pad, hi + pad

        def to_box(x, y):
            return (box.left() + (x - x0) / (x1 - x0) * box.width(), box.bottom() - (y - lo) / (hi - lo) * box.height())

        painter.save()
        painter.setClipRect(box)
        px, py = to_box(self._points[:, 0], targets)
        painter.setPen(QPen(theme.ACCENT, 0.8))
        painter.setBrush(QColor(*theme.NEGATIVE))
        radius = self._radius(box) * 0.8
        for x, y in zip(px.tolist(), py.tolist()):
            painter.drawEllipse(QPointF(x, y), radius, radius)
        cx, cy = to_box(xs, self._curve)
        path = QPainterPath(QPointF(float(cx[0]), float(cy[0])))
        for x, y in zip(cx[1:].tolist(), cy[1:].tolist()):
            path.lineTo(x, y)
        painter.setPen(QPen(QColor(*theme.POSITIVE), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.restore()
