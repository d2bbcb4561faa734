"""How the surface panel draws a 2-D regression: the network's predicted value over the plane on the
diverging VALUES ramp, contour lines at a few round values, and the data points filled with the
colour of their own target on the same scale, so a point that matches the surface around it is fitted.

The scale is fixed per dataset (`value_levels` of its targets): while the network trains, a colour
keeps meaning the same value. Values are in the data's own units (a standardised target is turned
back); the plane's axes stay those of the inputs the network sees. `SurfaceView` holds one
`ValueScale` while it shows regression data, and None for classification.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from nnviz.gui import theme
from nnviz.gui.i18n import said, translate
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.charts.surface_labels import since
from nnviz.training.architecture import NewSession
from nnviz.training.regression_fit import contour_levels, target_to_raw, value_levels
from nnviz.training.snapshot import Snapshot
from nnviz.training.surface import Surface, contour_segments

#: Contour lines: thin and grey, so they read as a map's height lines, not as a decision boundary.
CONTOUR_PEN = pg.mkPen((60, 60, 60, 150), width=1)


def is_regression(session: NewSession) -> bool:
    return session.architecture.task == "regression"


class ValueScale:
    """The colour scale of one regression dataset: its target's name, levels (low, high) in the data's
    units, the contour levels inside them, and the standardisation that turns outputs into those units."""

    def __init__(self, session: NewSession):
        data = session.dataset
        self._target = session.architecture.class_names[0] if session.architecture.class_names else None
        self.standardisation = data.standardisation
        known = np.concatenate([np.asarray(data.labels_train, dtype=np.float64),
                                np.asarray(data.labels_test, dtype=np.float64)])
        self.levels = value_levels(target_to_raw(known, self.standardisation))
        self.contours = contour_levels(self.levels)

    @property
    def target(self) -> str:
        """The target's name as the window says it ("target" when the data names none)."""
        return said(self._target) if self._target is not None else translate("ValueScale", "target")

    def raw(self, values) -> np.ndarray:
        """Network outputs or targets in the data's own units."""
        return target_to_raw(values, self.standardisation)

    def brushes(self, targets) -> list:
        """One brush per point: its target's colour on the scale."""
        lo, hi = self.levels
        t = 2.0 * (self.raw(targets) - lo) / (hi - lo) - 1.0  # the ramp's [−1, 1]
        return [pg.mkBrush(*rgb) for rgb in theme.VALUES.rgb(t).tolist()]

    def output(self, surface: Surface) -> tuple[np.ndarray, np.ndarray]:
        """The predicted value over the plane (rows, columns) in the data's units, and its contour
        lines as segments in the grid's pixel coordinates (see contour_segments)."""
        grid = self.raw(surface.layers[-1][0])
        pieces = [contour_segments(grid, float(level)) for level in self.contours]
        segments = np.concatenate(pieces) if pieces else np.empty((0, 2))
        return grid, segments

    def title(self, snapshot: Snapshot | None) -> tuple[str, str, str]:
        """(title, its second line, colour-bar label), as surface_labels.output_title gives them."""
        return (translate("ValueScale", "Network's prediction of {target}").format(target=self.target),
                since(snapshot), translate("ValueScale", "predicted {target}").format(target=self.target))

    def fill_legend(self, legend: FlowLegend, contours: bool = True) -> None:
        """The legend's entries: the points (filled by their target) and, unless the plane shows a
        hidden neuron, the contour lines and their values."""
        sample = pg.ScatterPlotItem(symbol="o", size=11, brush=self.brushes([self.levels[1]])[0],
                                    pen=pg.mkPen(theme.ACCENT, width=1))
        legend.add(sample, translate("ValueScale", "data (fill: its {target})").format(target=self.target))
        if contours and len(self.contours):
            values = ", ".join(theme.significant(float(v), 3) for v in self.contours)
            legend.add(pg.PlotDataItem(pen=CONTOUR_PEN), f"{self.target} = {values}")

    def readout(self, output: float) -> str:
        """What the hover readout says about the network's output at a point."""
        return translate("ValueScale", "predicted {target} = {value}").format(
            target=self.target, value=theme.precise(float(self.raw(output))))
