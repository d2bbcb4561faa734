"""Training points edited with the mouse on the decision surface: a press on the plane adds a point
(left button: class 0, blue; right button: class 1, orange; for regression the set's highest or lowest
target) and holds it, so pressing and dragging places it; a press on a point grabs it and drags it.

The editor belongs to a SurfaceView: it reads the mouse on the view's plot, redraws the points at
once, and says what the points are now through the view's `points_edited` signal (every point as
(x1, x2, label), a read-only array (n, 3)); the window sends them to the trainer, which trains on them
from its next step. The decisions (what a click adds, which point a press grabs) are Qt-free, in
nnviz.training.point_edits.

A drag with thousands of points stays smooth because a mouse move touches only the point held: it is
drawn on its own, the others are not redrawn until it is let go (and then only its place changes), and
what is said is a copy of the array, which the window turns into data for the trainer at most DATA_HZ
times a second (controller.py).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.i18n import said
from nnviz.training.architecture import NewSession
from nnviz.training.point_edits import (
    LEFT, RIGHT, PointEditing, clamped, label_for_click, nearest_point, point_editing, points_of, same_points,
)
from nnviz.training.presets import preset_spec

#: How near (pixels) a press must be to a point's centre to grab it: its radius and a little more.
GRAB_RADIUS = 10
_BUTTONS = {Qt.MouseButton.LeftButton: LEFT, Qt.MouseButton.RightButton: RIGHT}
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)

#: What the plane's tooltip says about editing (through i18n.said, in the window's language).
TOOLTIPS = {
    PointEditing.CLASSES: QT_TRANSLATE_NOOP(
        "PointEditor", "Click to add a point: left button = blue (class 0), right button = orange "
        "(class 1). Drag a point to move it. The network goes on training on them."),
    PointEditing.VALUES: QT_TRANSLATE_NOOP(
        "PointEditor", "Click to add a point: left button = the set's highest value, right button = its "
        "lowest. Drag a point to move it. The network goes on training on them."),
}


class PointEditor(QObject):
    """Mouse editing of a SurfaceView's training points (only for data that can be edited: see
    point_edits.point_editing)."""

    def __init__(self, view):
        super().__init__(view)
        self._view = view
        self.editing: PointEditing | None = None
        self._points = np.empty((0, 3))  # what is drawn: (x1, x2, label) per point
        self._dragged: int | None = None  # the index of the point under the mouse button
        self._moved = False  # whether the point held has moved since the last points were said
        self._travelled = False  # whether it has moved at all since it was grabbed
        self._sent: np.ndarray | None = None  # the newest points said and not yet seen back from the trainer
        self._generator: str | None = None  # the generator whose plane the points are on
        self._orphaned = False  # a drag ended by new data while the button is still down
        # The point held is drawn on its own while it moves: redrawing thousands of points with every
        # mouse move took ~50 ms each.
        self._held = pg.ScatterPlotItem(size=view.points.opts["size"], pen=view.points.opts["pen"])
        self._held.setZValue(view.points.zValue() + 0.5)
        view.plot.addItem(self._held, ignoreBounds=True)
        self._held_brush = None
        view.graphics.viewport().installEventFilter(self)

    @property
    def points(self) -> np.ndarray:
        """The points shown now, (n, 3): x1, x2 and label or target (a copy)."""
        return self._points.copy()

    @property
    def dragging(self) -> bool:
        return self._dragged is not None

    def follow(self, session: NewSession) -> None:
        """The view shows `session`'s 2-D data: draw its points and edit them; the learner's own newer
        edits still on their way to the trainer (or a point held) stay on screen instead."""
        self.editing = point_editing(session)
        self.retranslate()
        self._set_cursor(None)
        spec = preset_spec(session.preset) if session.preset is not None else None
        # Points the learner placed by hand (ours, or on their way to the trainer) on the same generator's
        # plane: a drag goes on across them. Any other data (another preset chosen mid-drag) ends it.
        ours = spec is not None and spec.kind == "points" and spec.generator == self._generator
        ours_ahead = ours and self._sent is not None and not same_points(spec.points, self._sent)
        if self.editing is not None and ((self.dragging and ours) or ours_ahead):
            self._view.show_points(self._points)
            if self.dragging:
                self._hold(self._dragged)
            return
        if self.dragging:
            self._orphaned = True  # the button is still down: its moves and release are nobody's now
        self._sent = None
        self._dragged = None
        self._held.clear()
        self._generator = spec.generator if spec is not None and spec.kind in ("generated", "points") else None
        self._points = points_of(session.dataset) if session.dataset.n_features == 2 else np.empty((0, 3))
        self._view.show_points(self._points)

    def retranslate(self) -> None:
        """The plane's tooltip (how to edit its points) in the window's language."""
        self._view.graphics.viewport().setToolTip(said(TOOLTIPS.get(self.editing, "")))

    def absorb(self, session: NewSession) -> bool:
        """The trainer took points this editor sent: if `session` brings them (or older ones while newer
        are on their way), the view keeps what it draws and only learns the data; True then. False for
        any other data, which the view must reset to."""
        spec = preset_spec(session.preset) if session.preset is not None else None
        if self.editing is None or spec is None or spec.kind != "points" or self._sent is None:
            return False
        if not self.dragging and same_points(spec.points, self._sent):
            self._sent = None  # caught up
        self._view.dataset, self._view.architecture = session.dataset, session.architecture
        return True

    def discard(self) -> None:
        """Forget edits the trainer did not take (the view is then reset to the data it trains on)."""
        self._sent = self._dragged = None
        self._held.clear()

    # -- the mouse ----------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if self._orphaned and kind in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            # The rest of a drag whose data went away: the plot never saw its press (Qt crashed on the
            # release of a press it never had, once the plane had been swapped for a curve).
            self._orphaned = kind != QEvent.Type.MouseButtonRelease
            return True
        if self.editing is not None and kind == QEvent.Type.ContextMenu:
            return True  # the right button adds a point here, it opens no menu
        if self.editing is None or kind not in (*_PRESSES, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return False
        where = self._data_position(event)
        if kind in _PRESSES:
            button = _BUTTONS.get(event.button())
            if where is None or button is None:
                return False
            self._press(button, *where)
            return True  # not the plot's own panning or menu
        if kind == QEvent.Type.MouseMove:
            if self._dragged is None:
                self._set_cursor(where)
                return False  # the hover readout follows the mouse as before
            self._move(event)
            return True
        if self._dragged is not None:  # released: the point is where the learner left it
            i, self._dragged = self._dragged, None
            self._held.clear()
            if self._travelled:
                self._place(i)
            self._view.points.setPointsVisible(True)
            self._set_cursor(where)
            if self._moved:
                self._emit()
            return True
        return False

    def _press(self, button: int, x: float, y: float) -> None:
        vb = self._view.plot.vb
        hit = nearest_point(self._points, x, y, vb.viewPixelSize(), GRAB_RADIUS)
        if hit is None:
            label = label_for_click(self.editing, self._points, button)
            self._points = np.vstack([self._points, [x, y, label]])
            hit = len(self._points) - 1
            self._view.show_points(self._points)
            self._emit()
        self._dragged, self._moved, self._travelled = hit, False, False
        self._hold(hit)
        self._view.graphics.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _hold(self, i: int) -> None:
        """Draw point i apart from the others (hidden among them) while the mouse holds it."""
        scatter = self._view.points
        visible = np.ones(len(self._points), dtype=bool)
        visible[i] = False
        scatter.setPointsVisible(visible)
        self._held_brush = scatter.data["brush"][i]
        self._held.setSize(scatter.opts["size"], update=False)  # the points' size, which follows their count
        self._held.setData(pos=self._points[i:i + 1, :2], brush=[self._held_brush])

    def _place(self, i: int) -> None:
        """Draw point i where it is now among the others, which stay as drawn (show_points with every
        point again re-makes thousands of brushes and spots: ~12-30 ms for 4,500)."""
        scatter = self._view.points
        scatter.data["x"][i], scatter.data["y"][i] = self._points[i, :2]  # a spot reads its place here
        scatter.prepareGeometryChange()
        scatter.bounds = [None, None]
        scatter.informViewBoundsChanged()
        scatter.invalidate()

    def _move(self, event) -> None:
        scene = self._view.graphics.mapToScene(event.position().toPoint())
        p = self._view.plot.vb.mapSceneToView(scene)
        x, y = clamped(self._view.fit.bounds(), p.x(), p.y())  # dragged off the plane, it stays on its edge
        if (x, y) == tuple(self._points[self._dragged, :2]):
            return
        self._points[self._dragged, :2] = (x, y)
        self._moved = self._travelled = True
        self._held.setData(pos=np.array([[x, y]]), brush=[self._held_brush])
        self._emit()

    def _emit(self) -> None:
        # A copy, read-only: the tuple of tuples said before cost ~2.3 ms per mouse move for 4,500 points.
        self._moved = False
        self._sent = self._points.copy()
        self._sent.setflags(write=False)
        self._view.points_edited.emit(self._sent)

    def _data_position(self, event) -> tuple[float, float] | None:
        """The event's position in data coordinates, or None outside the plane."""
        vb = self._view.plot.vb
        scene = self._view.graphics.mapToScene(event.position().toPoint())
        if not vb.sceneBoundingRect().contains(scene):
            return None
        p = vb.mapSceneToView(scene)
        return p.x(), p.y()

    def _set_cursor(self, where: tuple[float, float] | None) -> None:
        """A hand over a point (it can be dragged), a cross elsewhere on the plane (a click adds one)."""
        viewport = self._view.graphics.viewport()
        if self.editing is None or where is None:
            viewport.unsetCursor()
            return
        hit = nearest_point(self._points, *where, self._view.plot.vb.viewPixelSize(), GRAB_RADIUS)
        viewport.setCursor(Qt.CursorShape.CrossCursor if hit is None else Qt.CursorShape.OpenHandCursor)

    def viewport_position(self, x: float, y: float):
        """The viewport pixel (QPoint) where the data point (x, y) is drawn: where to click it."""
        scene = self._view.plot.vb.mapViewToScene(QPointF(x, y))
        return self._view.graphics.mapFromScene(scene)
