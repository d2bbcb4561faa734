"""Keeping the decision surface's plot on its plane: the view shows the whole plane and nothing
beside it. The plane fills the view box; or, when both inputs are in the same units, it is drawn with
a unit as long across as up (the circle set's disc is round): the plot then gives up the width or
height that would stretch it, half on each side, so its frame and axes still hug the plane.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSizeF, QTimer

from nnviz.training.architecture import NewSession
from nnviz.training.presets import preset_spec

#: Data whose two inputs are in the same units: generated sets, points placed by hand, XOR's bits. Not
#: the gender example's weight and height, nor a CSV file's columns: their plane fills the plot.
SAME_UNITS = ("generated", "points", "xor")
#: A plane more than this many times wider than tall (or taller than wide) fills the plot all the
#: same: with equal scales it would be a sliver.
MAX_ELONGATION = 10.0


def same_units(session: NewSession) -> bool:
    """Whether both inputs of `session`'s data are in the same units, so its plane is drawn with
    equal scales."""
    return session.preset is not None and preset_spec(session.preset).kind in SAME_UNITS


def equal_scale_margins(plane: QRectF, width: float, height: float) -> tuple[float, float]:
    """The pixels a view box of width × height must give up, across and up, to show `plane` (data
    units) with a unit as many pixels across as up. None of them before the box has a size, or for
    a sliver of a plane."""
    if min(width, height, plane.width(), plane.height()) <= 0:
        return 0.0, 0.0
    aspect = plane.width() / plane.height()
    if not 1 / MAX_ELONGATION <= aspect <= MAX_ELONGATION:
        return 0.0, 0.0
    if width / height > aspect:
        return width - height * aspect, 0.0
    return 0.0, height - width / aspect


#: The least the plot (axes, colour bar and title included) is squeezed to.
MIN_PLOT_SIZE = QSizeF(160, 120)


class PlaneFit:
    """Fits `plot` to the plane it is given.
    `given_up_changed` is called when the room given up changes: the plot's title must fit what is
    left (a title is at least as wide as its text, and would widen the plot again)."""

    def __init__(self, plot: pg.PlotItem, given_up_changed: Callable[[], None]):
        self._plot, self._given_up_changed = plot, given_up_changed
        self._margins = plot.layout.getContentsMargins()
        # Set, so that the room given up does not raise the plot's minimum size: Qt would keep the plot
        # at least that big, wider than a narrowed panel (clipped), with unequal scales.
        plot.setMinimumSize(MIN_PLOT_SIZE)
        self.plane: QRectF | None = None  # the image's rectangle in data units
        self.equal_scales = False  # a unit as long across as up (both inputs in the same units)
        self._given_up = (0.0, 0.0)  # pixels the plot leaves empty, across and up, to keep them equal
        self._refit_due = False
        plot.vb.sigResized.connect(self._on_view_resized)

    def reset(self, session: NewSession) -> None:
        self.plane, self.equal_scales = None, same_units(session)
        if not self.equal_scales:
            self._give_up(0.0, 0.0)

    def place(self, plane: QRectF) -> None:
        """Show `plane`, whole: filling the view box, or with equal scales."""
        self.plane = plane
        given_up = (0.0, 0.0)
        if self.equal_scales:
            across, up = self._given_up  # the box's size as if it had given up nothing
            vb = self._plot.vb
            given_up = equal_scale_margins(plane, vb.width() + across, vb.height() + up)
        self._give_up(*given_up)
        # Limits first: the previous dataset's limits would clamp the new range (XOR's plane kept
        # showing after switching to the gender preset, with every point outside it).
        self._plot.setLimits(xMin=plane.left(), xMax=plane.right(), yMin=plane.top(), yMax=plane.bottom())
        self._plot.setRange(rect=plane, padding=0)

    @property
    def given_up(self) -> tuple[float, float]:
        """The pixels the plot leaves empty, across and up, to keep equal scales."""
        return self._given_up

    def bounds(self) -> tuple[float, float, float, float]:
        """What the plane covers, (x0, x1, y0, y1) in data units; the view's range before the first
        plane is placed."""
        if self.plane is None:
            (x0, x1), (y0, y1) = self._plot.vb.viewRange()
            return x0, x1, y0, y1
        return self.plane.left(), self.plane.right(), self.plane.top(), self.plane.bottom()

    def release(self) -> None:
        """Take back the room given up, before the panel is laid out at a new size: what a wider panel
        gave up can be more than a narrower one has, leaving the box no size to measure a fit from.
        The view box's resize then fits the plane anew."""
        self._give_up(0.0, 0.0)

    def _give_up(self, across: float, up: float) -> None:
        if max(abs(across - self._given_up[0]), abs(up - self._given_up[1])) < 0.5:
            return  # a relayout for less than a pixel would only come back here
        self._given_up = (across, up)
        left, top, right, bottom = self._margins
        self._plot.layout.setContentsMargins(left + across / 2, top + up / 2, right + across / 2, bottom + up / 2)
        self._given_up_changed()

    def _on_view_resized(self) -> None:
        # After the layout pass that resized the box: margins changed within it are not laid out.
        if self.equal_scales and self.plane is not None and not self._refit_due:
            self._refit_due = True
            QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        self._refit_due = False
        if self.equal_scales and self.plane is not None:
            self.place(self.plane)  # the box's new shape: the plane keeps equal scales, centred
