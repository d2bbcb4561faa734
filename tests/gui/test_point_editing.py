"""Points added and dragged with the mouse on the decision surface: the right class at the clicked place,
a grabbed point follows the mouse, and in the window the network trains on from the same step."""

import math
import time
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from nnviz.data import DatasetSpec
from nnviz.data.generators import generate
from nnviz.gui import theme
from nnviz.gui.charts.decision_surface import SurfaceView
from nnviz.gui.window.main_window import MainWindow
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession


@pytest.fixture
def view(qtbot):
    v = SurfaceView()
    qtbot.addWidget(v)
    v.resize(680, 620)
    v.show()
    qtbot.waitExposed(v)
    return v


def shown(view, preset_name):
    preset = get_preset(preset_name)
    session = build_session(preset)
    view.reset(NewSession.of(session, preset))
    view.show_snapshot(session.snapshot(with_surface=True))
    return session


def spots(view):
    return np.array([(s.pos().x(), s.pos().y(), s.data()) for s in view.points.points()])


def rgb(brush):
    c = brush.color()
    return c.red(), c.green(), c.blue()


def click(qtbot, view, x, y, button=Qt.MouseButton.LeftButton):
    """Click the plane at data coordinates (x, y); the points the view then says it has."""
    with qtbot.waitSignal(view.points_edited, timeout=1000) as edited:
        qtbot.mouseClick(view.graphics.viewport(), button, pos=view.editor.viewport_position(x, y))
    return np.array(edited.args[0])


def pixel(view):
    return np.abs(view.plot.vb.viewPixelSize())


def test_left_and_right_clicks_add_a_blue_and_an_orange_point_where_clicked(qtbot, view):
    session = shown(view, "circle")
    n = len(session.dataset.x_train)
    points = click(qtbot, view, 1.2, -1.1)  # in the plane's margin, away from every point
    assert points.shape == (n + 1, 3) and points[-1, 2] == 0
    np.testing.assert_allclose(points[-1, :2], (1.2, -1.1), atol=2 * pixel(view).max())
    np.testing.assert_allclose(points[:n, :2], session.dataset.x_train, rtol=1e-6)  # the others stay
    points = click(qtbot, view, -1.2, 1.1, Qt.MouseButton.RightButton)
    assert len(points) == n + 2 and points[-1, 2] == 1
    drawn = view.points.points()
    assert len(drawn) == n + 2  # drawn at once, before the trainer has them
    assert rgb(drawn[-2].brush()) == theme.NEGATIVE and rgb(drawn[-1].brush()) == theme.POSITIVE


def test_a_point_is_dragged_to_where_the_mouse_lets_go(qtbot, view):
    session = shown(view, "circle")
    x0, y0 = (float(v) for v in session.dataset.x_train[5])
    start, end = view.editor.viewport_position(x0, y0), view.editor.viewport_position(0.05, 0.1)
    viewport = view.graphics.viewport()
    with qtbot.assertNotEmitted(view.points_edited):
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)  # grabbing adds nothing
    with qtbot.waitSignal(view.points_edited, timeout=1000):
        qtbot.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    with qtbot.waitSignal(view.points_edited, timeout=1000) as edited:
        qtbot.mouseMove(viewport, end)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    points = np.array(edited.args[0])
    assert len(points) == len(session.dataset.x_train)
    np.testing.assert_allclose(points[5, :2], (0.05, 0.1), atol=2 * pixel(view).max())
    assert points[5, 2] == session.dataset.labels_train[5]
    np.testing.assert_allclose(spots(view)[5, :2], points[5, :2])


def test_regression_clicks_add_the_highest_and_lowest_targets(qtbot, view):
    session = shown(view, "plane")
    targets = np.asarray(session.dataset.labels_train, dtype=np.float64)
    assert click(qtbot, view, 1.3, 1.3)[-1, 2] == pytest.approx(targets.max())
    assert click(qtbot, view, -1.3, 1.3, Qt.MouseButton.RightButton)[-1, 2] == pytest.approx(targets.min())
    assert "highest value" in view.graphics.viewport().toolTip()


def test_fixed_data_cannot_be_edited(qtbot, view):
    shown(view, "xor")
    with qtbot.assertNotEmitted(view.points_edited):
        qtbot.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=view.editor.viewport_position(0.5, 0.5))
    assert len(view.points.points()) == 4 and view.graphics.viewport().toolTip() == ""


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow("circle", settings=QSettings(str(tmp_path / "nnviz.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None and w.info.dataset.name == "circle", timeout=10000)
    yield w
    w.close()


def step(qtbot, window, n):
    target = window.shown_snapshot.step + n
    for _ in range(n):
        window.transport.step_batch.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.step == target, timeout=5000)
    return target


def test_a_clicked_point_trains_from_the_same_step_with_the_same_network(qtbot, window):
    view = window.surface_view
    done = step(qtbot, window, 5)
    weights = [w.copy() for w in window.shown_snapshot.weights]
    n = len(window.info.dataset.x_train)
    click(qtbot, view, 1.2, 1.15, Qt.MouseButton.RightButton)
    qtbot.waitUntil(lambda: len(window.info.dataset.x_train) == n + 1, timeout=5000)
    spec = window.info.preset.spec
    assert spec.kind == "points" and spec.generator == "circle" and spec.points[-1][2] == 1.0
    np.testing.assert_allclose(window.info.dataset.x_train[-1], (1.2, 1.15), atol=2 * pixel(view).max())
    assert window.shown_snapshot.step == done
    for before, now in zip(weights, window.shown_snapshot.weights):
        np.testing.assert_array_equal(before, now)  # not a new network
    assert step(qtbot, window, 1) == done + 1
    assert len(window.shown_snapshot.history["step"]) == done + 1  # the run's history goes on
    assert "points placed by hand" in window.controls.data.hint.text()
    assert window.controls.current_preset().spec == spec  # a reset would rebuild on these points


def test_a_drag_sends_at_most_twenty_data_messages_a_second(qtbot, window, monkeypatch):
    sent, send = [], window.trainer.send_data
    monkeypatch.setattr(window.trainer, "send_data", lambda spec: sent.append(spec) or send(spec))
    view = window.surface_view
    x0, y0 = (float(v) for v in window.info.dataset.x_train[0])
    start = view.editor.viewport_position(x0, y0)
    viewport = view.graphics.viewport()
    began = time.perf_counter()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 41):
        qtbot.mouseMove(viewport, QPoint(start.x() + k, start.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + 40, start.y()))
    seconds = time.perf_counter() - began
    # The first at once, then at most one per twentieth of a second, however fast the mouse moved.
    assert 1 <= len(sent) <= 1 + math.ceil(seconds * 20)
    # ...and the last one sent is where the point was let go, which the network then trains on.
    let_go = view.editor.points[0]
    qtbot.waitUntil(lambda: sent[-1].points[0][0] == pytest.approx(let_go[0]), timeout=2000)
    qtbot.waitUntil(lambda: window.info.dataset.x_train[0][0] == pytest.approx(let_go[0], abs=1e-6), timeout=2000)


@pytest.fixture
def big_window(qtbot, tmp_path):
    """The window training on 5,000 circle points placed by hand (the most a generated set has)."""
    x, y = generate("circle", 5000, 0.1, seed=1)
    spec = DatasetSpec(kind="points", generator="circle", points=np.column_stack([x, y]))
    preset = replace(get_preset("circle"), dataset="points", spec=spec)
    w = MainWindow(preset, settings=QSettings(str(tmp_path / "nnviz.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None and w.info.n_train == 5000, timeout=10000)
    yield w
    w.close()


def test_a_point_dragged_among_5000_lands_where_dropped_and_is_trained_on(qtbot, big_window, monkeypatch):
    window, view = big_window, big_window.surface_view
    sent, send = [], window.trainer.send_data
    monkeypatch.setattr(window.trainer, "send_data", lambda spec: sent.append(spec) or send(spec))
    before = view.editor.points
    start = view.editor.viewport_position(*before[123, :2])
    end = view.editor.viewport_position(1.25, -1.2)  # in the plane's margin, away from every point
    viewport = view.graphics.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 31):  # a drag of many small mouse moves, as a hand makes it
        qtbot.mouseMove(viewport, QPoint(start.x() + (end.x() - start.x()) * k // 30,
                                         start.y() + (end.y() - start.y()) * k // 30))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)

    after = view.editor.points
    moved = np.flatnonzero((after != before).any(axis=1))
    assert len(after) == 5000 and len(moved) == 1  # the point grabbed, and no other
    i = int(moved[0])
    np.testing.assert_allclose(after[i, :2], (1.25, -1.2), atol=2 * pixel(view).max())
    assert after[i, 2] == before[i, 2]  # its class goes with it
    drawn = view.points
    assert len(drawn.data) == 5000 and drawn.data["visible"].all()  # shown among the others again
    np.testing.assert_allclose((drawn.data["x"][i], drawn.data["y"][i]), after[i, :2])
    # The last data sent is the points as dropped, and the trainer swaps them in for the same network.
    qtbot.waitUntil(lambda: len(sent) > 0 and sent[-1].points[i] == tuple(after[i]), timeout=2000)
    np.testing.assert_array_equal(np.array(sent[-1].points), after)
    qtbot.waitUntil(lambda: tuple(window.info.dataset.x_train[i]) == pytest.approx(after[i, :2], abs=1e-6),
                    timeout=5000)
    assert window.info.n_train == 5000 and window.info.preset.spec == sent[-1]


@pytest.mark.parametrize("other", ["sin", "spiral"])
def test_choosing_another_preset_mid_drag_ends_the_drag(qtbot, window, other):
    """The learner holds a point and picks another preset from the keyboard: the new data shows, the
    rest of the gesture moves nothing and the release is swallowed (Qt crashed on it: circle → sin)."""
    sent, send = [], window.trainer.send_data
    view = window.surface_view
    x0, y0 = (float(v) for v in window.info.dataset.x_train[0])
    start = view.editor.viewport_position(x0, y0)
    viewport = view.graphics.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, QPoint(start.x() + 5, start.y()))
    window.load_preset(get_preset(other))
    qtbot.waitUntil(lambda: window.info.dataset.name == other, timeout=10000)
    window.trainer.send_data = lambda spec: sent.append(spec) or send(spec)
    for k in range(6, 20):
        qtbot.mouseMove(viewport, QPoint(start.x() + k, start.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(start.x() + 20, start.y()))
    qtbot.wait(200)
    assert not view.editor.dragging and sent == []  # nothing of the circle's points went to the trainer
    assert window.info.preset.spec.kind == "generated" and window.info.preset.spec.generator == other
    if other == "spiral":  # its own points are drawn, not the circle's
        np.testing.assert_array_equal(view.editor.points[:, :2], window.info.dataset.x_train)
