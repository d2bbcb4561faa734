"""Keep a plot's view on the whole of a growing run, the way pyqtgraph's auto-range does, but moving
its ranges in steps (nnviz.training.curves.snapped_range) and before the paint rather than in it.

pyqtgraph auto-ranges while it paints, and a view moved during a paint asks for a second paint of the
whole plot; and a range that moves with every draw has its axis's ticks, labels and grid drawn afresh
every draw. Following the run here, once per draw and in steps, halved what a draw of the training
curves cost. As with auto-range, the learner's own pan or zoom is kept, and pyqtgraph's "A" button
(auto-range) has the view follow the run again.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from nnviz.training.curves import snapped_range


class RunFollower:
    """Follows the run in `view`'s x (steps) and y (values) axes, each until the learner pans or zooms it."""

    def __init__(self, view: pg.ViewBox):
        self.view = view
        self.following = [True, True]  # per axis (x, y): whether it follows the run
        self._ranges: list[tuple[float, float] | None] = [None, None]  # the ranges last set here

    def reset(self) -> None:
        """A new run: both axes follow it (the view's auto-range is on again too)."""
        self.following, self._ranges = [True, True], [None, None]

    def follow(self, bounds) -> None:
        """Set each following axis to show `bounds` ((x0, x1) or None, (y0, y1) or None: the data's
        extent in view coordinates) with auto-range's padding, in steps."""
        vb = self.view
        for axis, (auto, shown, data) in enumerate(zip(vb.autoRangeEnabled(), vb.viewRange(), bounds)):
            if auto:  # a new run, the "A" button or a change of scale: follow the run again
                self.following[axis] = True
            elif self._ranges[axis] is not None and not np.allclose(shown, self._ranges[axis], rtol=1e-6):
                self.following[axis] = False  # panned or zoomed by the learner: the view stays put
            if self.following[axis] and data is not None:
                wanted = snapped_range(*data, vb.suggestPadding(axis))
                if auto or wanted != self._ranges[axis]:
                    vb.setRange(**{"xRange" if axis == 0 else "yRange": wanted}, padding=0)
                    self._ranges[axis] = wanted
