"""The items the decision-surface panel draws on its plot: the coloured plane, the decision boundary
on it, the training points, the query stars and the colour bar; and the legend's entries for a
classifier. Built once per panel (`PlaneItems.on(plot)`); the panel only feeds them data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from nnviz.data.dataset import Dataset
from nnviz.gui import theme
from nnviz.gui.charts.axes import use_theme_numbers
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.charts.surface_labels import class_label
from nnviz.gui.charts.surface_style import BAR_AXIS_WIDTH, SURFACE_OPACITY, THRESHOLD, class_colors
from nnviz.gui.i18n import translate


#: The training points' marker size in pixels: this for a few dozen points, smaller (down to
#: MIN_POINT_SIZE) for hundreds, which would otherwise bury the plane and its boundary.
POINT_SIZE = 13.0
MIN_POINT_SIZE = 7.0


def point_size(n_points: int) -> float:
    """The marker size for n_points training points: POINT_SIZE up to 32, 2.5 px less for each
    doubling beyond, at least MIN_POINT_SIZE (still big enough to grab and drag)."""
    return float(np.clip(POINT_SIZE - 2.5 * np.log2(max(n_points, 1) / 32), MIN_POINT_SIZE, POINT_SIZE))


# Where a query's label may go, as TextItem anchors: right and up first (or left and up on the
# plane's right half, where there is more room to the left), then down, then centred below or above
# (clear of the 24-px star).
_RIGHT_UP, _LEFT_UP, _RIGHT_DOWN, _LEFT_DOWN = (-0.12, 1.1), (1.12, 1.1), (-0.12, -0.1), (1.12, -0.1)
_BELOW, _ABOVE = (0.5, -0.75), (0.5, 1.75)


def label_anchor(vb, label, query, extent, points: tuple, others: list) -> tuple[float, float]:
    """The anchor that puts `label` beside `query`'s star covering the fewest training points and
    other stars (the gender example's labels hid two of its four people). Before the plot has a
    size, the side with more room."""
    x0, x1 = extent[:2]
    qx, qy = float(query.x[0]), float(query.x[1])
    order = [_RIGHT_UP, _LEFT_UP, _RIGHT_DOWN, _LEFT_DOWN] if qx < (x0 + x1) / 2 else \
        [_LEFT_UP, _RIGHT_UP, _LEFT_DOWN, _RIGHT_DOWN]
    order += [_BELOW, _ABOVE]
    try:
        px, py = vb.viewPixelSize()  # data units per screen pixel
    except Exception:  # not laid out yet (pyqtgraph raises on a view without a size)
        return order[0]
    if not (px > 0 and py > 0):
        return order[0]
    rect = label.boundingRect()
    w, h = rect.width() * px, rect.height() * py
    xs = np.concatenate([np.asarray(points[0], dtype=np.float64), [float(o[0]) for o in others]])
    ys = np.concatenate([np.asarray(points[1], dtype=np.float64), [float(o[1]) for o in others]])
    reach_x, reach_y = POINT_SIZE / 2 * px, POINT_SIZE / 2 * py  # a marker's radius, in data units

    (view_left, view_right), (view_bottom, view_top) = vb.viewRange()

    def covered(anchor) -> float:
        ax, ay = anchor
        left, right = qx - ax * w, qx + (1 - ax) * w
        bottom, top = qy + (ay - 1) * h, qy + ay * h
        # Cut off by the plot's edge is worse than covering a point.
        clipped = max(view_left - left, 0) / w + max(right - view_right, 0) / w + \
            max(view_bottom - bottom, 0) / h + max(top - view_top, 0) / h
        hidden = ((xs > left - reach_x) & (xs < right + reach_x) & (ys > bottom - reach_y) & (ys < top + reach_y))
        return 10 * clipped + int(hidden.sum())

    return min(order, key=covered)  # min keeps the first of equals: the preferred side


@dataclass
class PlaneItems:
    """image: the plane (rows × columns of values); boundary: its contour, in the image's pixels;
    points and queries: scatter items; bar: the colour bar beside the plot."""

    image: pg.ImageItem
    boundary: pg.PlotCurveItem
    points: pg.ScatterPlotItem
    queries: pg.ScatterPlotItem
    bar: pg.ColorBarItem

    @classmethod
    def on(cls, p: pg.PlotItem) -> PlaneItems:
        """The items, added to plot p, whose axes get the theme's numbers and a frame."""
        p.hideButtons()
        for name in ("left", "bottom"):
            p.getAxis(name).enableAutoSIPrefix(False)
            use_theme_numbers(p.getAxis(name))
        p.showAxis("top")
        p.showAxis("right")
        for name in ("top", "right"):
            p.getAxis(name).setStyle(showValues=False, tickLength=0)
        # The plane's axes never change while it trains: repaint them from a cached pixmap rather
        # than by replaying their text with every frame.
        for name in ("left", "bottom", "top", "right"):
            p.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        image = pg.ImageItem(axisOrder="row-major")
        image.setOpacity(SURFACE_OPACITY)
        image.setColorMap(theme.VALUES.colormap())
        p.addItem(image)
        # A child of the image, so it lives in the image's pixel coordinates (see contour_segments).
        boundary = pg.PlotCurveItem(pen=pg.mkPen(theme.ACCENT, width=2), connect="pairs", antialias=True)
        boundary.setParentItem(image)

        points = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen(theme.ACCENT, width=1.2))
        points.setZValue(10)
        p.addItem(points)
        queries = pg.ScatterPlotItem(symbol="star", size=24, pen=pg.mkPen(theme.ACCENT, width=1.5))
        queries.setZValue(11)
        p.addItem(queries)

        bar = pg.ColorBarItem(values=(0, 1), colorMap=theme.VALUES.colormap(), width=14,
                              interactive=False, colorMapMenu=False)
        bar.bar.setOpacity(SURFACE_OPACITY)  # the same tints as the surface over white
        bar_axis = bar.getAxis("right")
        bar_axis.setWidth(BAR_AXIS_WIDTH)
        bar_axis.enableAutoSIPrefix(False)
        use_theme_numbers(bar_axis)
        bar.setImageItem(image, insert_in=p)
        p.layout.setColumnFixedWidth(4, 10)  # a gap between the plot's frame and the bar
        return cls(image, boundary, points, queries, bar)


def fill_class_legend(legend: FlowLegend, dataset: Dataset, boundary: bool) -> None:
    """A classifier's legend, in the window's language: each class's points, the query stars (if
    any) and, while the plane shows the output, the decision boundary."""
    palette = class_colors(dataset.n_classes)
    for k, name in enumerate(dataset.class_names):
        sample = pg.ScatterPlotItem(symbol="o", size=11, brush=pg.mkBrush(*palette[k]),
                                    pen=pg.mkPen(theme.ACCENT, width=1))
        legend.add(sample, class_label(name))
    if dataset.queries:
        sample = pg.ScatterPlotItem(symbol="star", size=14, brush=pg.mkBrush(255, 255, 255),
                                    pen=pg.mkPen(theme.ACCENT, width=1))
        legend.add(sample, translate("SurfaceView", "query (network's answer)"))
    if boundary:
        legend.add(pg.PlotDataItem(pen=pg.mkPen(theme.ACCENT, width=2)),
                   translate("SurfaceView", "boundary (p = {threshold})").format(threshold=f"{THRESHOLD:g}"))
