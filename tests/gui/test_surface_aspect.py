"""The decision surface's scales: data whose two inputs are in the same units (generated sets, points
placed by hand, XOR's bits) is drawn with a unit as long across as up, in a panel of any shape: the
plot gives up the width or height that would stretch the plane, half on each side, so its frame and
axes still hug the plane. The gender example's weight and height still fill the panel."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, QSettings, Qt

from nnviz.data import DatasetSpec
from nnviz.data.generators import generate
from nnviz.gui.charts.decision_surface import SurfaceView
from nnviz.gui.charts.plane_fit import MAX_ELONGATION, equal_scale_margins
from nnviz.gui.window.main_window import MainWindow
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession

WIDE, TALL, NARROW = (900, 360), (560, 1200), (300, 600)


@pytest.fixture
def view(qtbot):
    v = SurfaceView()
    qtbot.addWidget(v)
    v.resize(*WIDE)
    v.show()
    qtbot.waitExposed(v)
    return v


def hand_placed():
    """The circle preset on 200 of its points, placed by hand (kind "points")."""
    x, y = generate("circle", 200, 0.1, seed=3)
    spec = DatasetSpec(kind="points", generator="circle", points=np.column_stack([x, y]))
    return replace(get_preset("circle"), dataset="points", spec=spec)


def shown(view, preset):
    preset = get_preset(preset) if isinstance(preset, str) else preset
    session = build_session(preset)
    view.reset(NewSession.of(session, preset))
    view.show_snapshot(session.snapshot(with_surface=True))
    return session


def unit_pixels(view) -> tuple[float, float]:
    """How many screen pixels one data unit spans along x and along y."""
    vb = view.plot.vb
    origin, right, up = (vb.mapViewToScene(QPointF(*p)) for p in ((0, 0), (1, 0), (0, 1)))
    return right.x() - origin.x(), origin.y() - up.y()


def boxes(view) -> tuple[QRectF, QRectF]:
    """The plot's view box and the plane (the image), in scene pixels."""
    vb = view.plot.vb
    data = view.image.mapRectToParent(view.image.boundingRect())  # the plane in data units
    corners = (vb.mapViewToScene(data.topLeft()), vb.mapViewToScene(data.bottomRight()))
    return vb.mapRectToScene(QRectF(0, 0, vb.width(), vb.height())), QRectF(*corners).normalized()


def shaped(view, size) -> bool:
    """Whether the view box has taken the shape of a view of `size` (wider than tall, or taller)."""
    vb = view.plot.vb
    return vb.height() > 0 and (vb.width() > 1.5 * vb.height()) == (size[0] > size[1])


def round_(view) -> bool:
    """Whether a data unit spans as many pixels across as up."""
    across, up = unit_pixels(view)
    return across == pytest.approx(up, rel=1e-3)


def hugged(view) -> None:
    """The plot's frame is the plane's: the view box shows the plane and nothing beside it."""
    box, plane = boxes(view)
    assert (plane.left(), plane.right(), plane.top(), plane.bottom()) == pytest.approx(
        (box.left(), box.right(), box.top(), box.bottom()), abs=1)


def centred(view, size) -> bool:
    """Whether the plot gives up room along the panel's long side, as much before as after it."""
    left, top, right, bottom = view.plot.layout.getContentsMargins()
    if size[0] > size[1]:
        return left == pytest.approx(right) and left > 50 and top < 5
    return top == pytest.approx(bottom) and top > 50 and left < 5


@pytest.mark.parametrize("preset", ["circle", "xor", hand_placed()], ids=["circle", "xor", "points"])
def test_data_in_the_same_units_is_drawn_with_equal_scales_in_a_wide_or_a_tall_plot(qtbot, view, preset):
    shown(view, preset)
    assert view.fit.equal_scales
    for size in (WIDE, TALL, NARROW, WIDE):  # wide to narrow in one step too
        view.resize(*size)
        qtbot.waitUntil(lambda: round_(view) and centred(view, size), timeout=2000)  # a round disc
        hugged(view)
        assert view.graphics.ci.geometry().width() <= view.graphics.width()  # all of the plot shows


def test_the_gender_example_still_fills_its_plot_after_a_circle(qtbot, view):
    shown(view, "circle")
    qtbot.waitUntil(lambda: round_(view), timeout=2000)
    shown(view, "gender")  # the room the circle gave up must come back
    assert not view.fit.equal_scales
    hugged(view)
    assert max(view.plot.layout.getContentsMargins()) < 5
    view.resize(*TALL)
    qtbot.waitUntil(lambda: shaped(view, TALL), timeout=2000)
    box, plane = boxes(view)
    assert (plane.left(), plane.right(), plane.top(), plane.bottom()) == pytest.approx(
        (box.left(), box.right(), box.top(), box.bottom()), abs=1)
    across, up = unit_pixels(view)
    assert across < 0.5 * up  # pounds across, inches up: each axis scaled to its own range


def test_a_click_beside_the_plane_adds_no_point_and_a_dragged_point_stops_at_its_edge(qtbot, view):
    session = shown(view, "circle")
    qtbot.waitUntil(lambda: round_(view), timeout=2000)
    x0, x1, y0, y1 = view.fit.bounds()
    viewport = view.graphics.viewport()
    beside = view.editor.viewport_position(x0 - 0.15 * (x1 - x0), 0.0)  # in the room the plot gave up
    assert beside.x() > 0
    with qtbot.assertNotEmitted(view.points_edited):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=beside)
    assert len(view.editor.points) == len(session.dataset.x_train)

    px, py = (float(v) for v in session.dataset.x_train[0])
    start = view.editor.viewport_position(px, py)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    with qtbot.waitSignal(view.points_edited, timeout=1000) as edited:
        qtbot.mouseMove(viewport, QPoint(beside.x(), start.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(beside.x(), start.y()))
    assert edited.args[0][0, 0] == pytest.approx(x0)  # on the plane's edge


def test_the_readout_is_empty_beside_the_plane(qtbot, view):
    shown(view, "circle")
    qtbot.waitUntil(lambda: round_(view), timeout=2000)
    x0, x1, y0, y1 = view.fit.bounds()
    viewport = view.graphics.viewport()
    qtbot.mouseMove(viewport, view.editor.viewport_position(0.1, 0.2))
    qtbot.waitUntil(lambda: "→" in view.readout_text(), timeout=2000)
    qtbot.mouseMove(viewport, view.editor.viewport_position(x0 - 0.15 * (x1 - x0), 0.2))
    qtbot.waitUntil(lambda: view.readout_text() == "", timeout=2000)


def test_a_sliver_of_a_plane_fills_the_plot_rather_than_vanish():
    plane = QRectF(0, 0, 1, 1 / (2 * MAX_ELONGATION))
    assert equal_scale_margins(plane, 400, 300) == (0, 0)
    assert equal_scale_margins(QRectF(0, 0, 2, 1), 400, 400) == (0, 200)
    assert equal_scale_margins(QRectF(0, 0, 2, 1), 800, 200) == (400, 0)
    assert equal_scale_margins(QRectF(0, 0, 2, 1), 0, 0) == (0, 0)  # not laid out yet


def test_beside_the_inspector_on_a_laptop_the_circle_stays_round(qtbot, tmp_path):
    window = MainWindow("circle", settings=QSettings(str(tmp_path / "nnviz.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.shown_snapshot is not None, timeout=10000)
    diagram = window.network_view
    qtbot.waitUntil(lambda: diagram.node_center(1, 3) is not None, timeout=2000)
    qtbot.mouseClick(diagram, Qt.LeftButton, pos=diagram.node_center(1, 3).toPoint())
    view = window.surface_view
    qtbot.waitUntil(lambda: view.graphics.width() < 400 and view.shown_neuron == (1, 3), timeout=3000)
    qtbot.waitUntil(lambda: round_(view), timeout=3000)
    box, plane = boxes(view)
    assert box.adjusted(-1, -1, 1, 1).contains(plane) and plane.width() > 80
    assert view.graphics.ci.geometry().width() <= view.graphics.width()  # all of the plot shows
    window.resize(1920, 1080)  # maximised, in one step
    qtbot.waitUntil(lambda: view.graphics.width() > 500 and round_(view), timeout=3000)
    assert view.graphics.ci.geometry().width() <= view.graphics.width()
    window.close()
