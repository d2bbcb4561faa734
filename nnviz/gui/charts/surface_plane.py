"""The items the decision-surface panel draws on its plot: the coloured plane, the decision boundary
on it, the training points, the query stars and the colour bar; and the legend's entries for a
classifier. Built once per panel (`PlaneItems.on(plot)`); the panel only feeds them data.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from nnviz.data.dataset import Dataset
from nnviz.gui import theme
from nnviz.gui.charts.axes import use_theme_numbers
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.charts.surface_labels import class_label
from nnviz.gui.charts.surface_style import BAR_AXIS_WIDTH, SURFACE_OPACITY, THRESHOLD, class_colors
from nnviz.gui.i18n import translate


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

        points = pg.ScatterPlotItem(size=13, pen=pg.mkPen(theme.ACCENT, width=1.2))
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
