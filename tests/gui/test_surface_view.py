"""SurfaceView: the output neuron (or any neuron, large) over the plane, the training points, the
queries' answers; nothing clipped in a narrow panel."""

from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from nnviz.engine.network import Network
from nnviz.gui import theme
from nnviz.gui.charts.decision_surface import NO_SURFACE_MESSAGE, SurfaceView
from nnviz.training import Hyperparameters, TrainingSession, build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.snapshot import Origin
from nnviz.training.surface import bilinear, neuron_grid


@pytest.fixture
def view(qtbot):
    v = SurfaceView()
    qtbot.addWidget(v)
    v.resize(680, 620)
    v.show()
    qtbot.waitExposed(v)
    return v


def shown(view, session):
    view.reset(NewSession.of(session))
    snap = session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    return snap


def rgb(brush):
    c = brush.color()
    return (c.red(), c.green(), c.blue())


def test_image_is_the_output_layers_grid_placed_on_the_extent(view, stepped_session):
    snap = shown(view, stepped_session("xor", 25))
    surface = snap.surface
    np.testing.assert_array_equal(view.image.image, surface.layers[-1][0])
    assert tuple(view.image.getLevels()) == (0.0, 1.0)
    # Grid point (i, j) sits at the centre of pixel (i, j): the image reaches half a cell beyond.
    rect = view.image.mapRectToParent(view.image.boundingRect())
    dx = surface.xs[1] - surface.xs[0]
    dy = surface.ys[1] - surface.ys[0]
    assert rect.left() == pytest.approx(surface.extent[0] - dx / 2)
    assert rect.right() == pytest.approx(surface.extent[1] + dx / 2)
    assert rect.top() == pytest.approx(surface.extent[2] - dy / 2)
    assert rect.bottom() == pytest.approx(surface.extent[3] + dy / 2)
    # The decision boundary is the 0.5 contour of the same grid, drawn where the grid says 0.5.
    xs, ys = view.boundary.getData()
    assert len(xs) > 10 and view.boundary.opts["connect"] == "pairs"
    for x, y in zip(xs, ys):
        p = view.image.mapToParent(QPointF(x, y))  # image pixels -> plane coordinates
        if surface.extent[0] < p.x() < surface.extent[1] and surface.extent[2] < p.y() < surface.extent[3]:
            assert bilinear(surface, -1, p.x(), p.y())[0] == pytest.approx(0.5, abs=2e-3)


def test_scatter_has_the_training_points_coloured_by_label(view, stepped_session):
    session = stepped_session("xor", 25)
    shown(view, session)
    spots = view.points.points()
    assert len(spots) == 4
    np.testing.assert_array_equal([(s.pos().x(), s.pos().y()) for s in spots], session.dataset.x_train)
    expected = {0: theme.NEGATIVE, 1: theme.POSITIVE}
    for spot, label in zip(spots, session.dataset.labels_train):
        assert spot.data() == label
        assert rgb(spot.brush()) == expected[int(label)]
    assert view.legend.names == ["class 0", "class 1", "boundary (p = 0.5)"]
    assert view.plot.getAxis("bottom").labelText == "x1"
    assert view.plot.getAxis("left").labelText == "x2"


def test_gender_queries_are_stars_with_labels(view, stepped_session):
    session = stepped_session("gender", 10)
    shown(view, session)
    stars = view.queries.points()
    assert [s.data() for s in stars] == ["Emily", "Frank"]
    assert all(s.symbol() == "star" for s in stars)
    np.testing.assert_array_equal([(s.pos().x(), s.pos().y()) for s in stars], [(-7, -3), (20, 2)])
    assert set(view.query_labels) == {"Emily", "Frank"}
    predictions = view.query_predictions()
    for name, label in view.query_labels.items():
        p, class_name = predictions[name]
        assert label.textItem.toPlainText() == f"{name}: {class_name} ({theme.percent(p, 0)})"
        assert 0.5 <= p <= 1.0 and class_name in ("male", "female")
    assert view.legend.names[:3] == ["male", "female", "query (network's answer)"]
    assert view.plot.getAxis("bottom").labelText == "weight − 135 lb"


def test_trained_gender_network_says_emily_female_and_frank_male(view):
    session = build_session(get_preset("gender"))
    for _ in session.steps():
        pass
    shown(view, session)
    predictions = view.query_predictions()
    assert predictions["Emily"][1] == "female"
    assert predictions["Frank"][1] == "male"
    # Read off the surface grid, the answers agree with the network itself to two decimals.
    x = np.stack([q.x for q in session.dataset.queries])
    p_female = session.network.predict(x)[:, 0]
    assert predictions["Emily"][0] == pytest.approx(p_female[0], abs=0.01)
    assert predictions["Frank"][0] == pytest.approx(1 - p_female[1], abs=0.01)
    assert "Emily: female" in view.query_labels["Emily"].textItem.toPlainText()


def test_without_a_surface_the_view_says_why(view, stepped_session):
    session = stepped_session("xor", 5)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot())  # no surface asked for
    assert view.stack.currentWidget() is view.message
    assert view.message.text() == NO_SURFACE_MESSAGE == "Decision surface: available for 2-D datasets"
    assert view.message.isVisible()
    view.show_snapshot(session.snapshot(with_surface=True))
    assert view.stack.currentWidget() is view.plot_page


def test_a_dataset_without_two_features_shows_the_message(view, stepped_session):
    shown(view, stepped_session("xor", 5))
    session = stepped_session("gender", 5)
    wide = replace(session.dataset, x_train=np.zeros((4, 3), np.float32), x_test=np.zeros((4, 3), np.float32),
                   feature_names=("a", "b", "c"), queries=())
    view.reset(replace(NewSession.of(session), dataset=wide))
    assert view.stack.currentWidget() is view.message
    assert len(view.points.points()) == 0


def test_two_softmax_outputs_pick_a_neuron(view, stepped_session):
    dataset = stepped_session("xor", 0).dataset
    network = Network((2, 6, 2), hidden="tanh", output="softmax", loss="ce", init="xavier", seed=1)
    session = TrainingSession(network, dataset, Hyperparameters(lr=0.1, granularity="stochastic", epochs=5))
    for _ in range(8):
        session.step()
    snap = shown(view, session)
    assert view.neuron_combo.isVisibleTo(view) and view.neuron_combo.count() == 2
    assert view.output_neuron == 1  # orange = class 1, as with a single sigmoid output
    np.testing.assert_array_equal(view.image.image, snap.surface.layers[-1][1])
    view.neuron_combo.setCurrentIndex(0)
    np.testing.assert_array_equal(view.image.image, snap.surface.layers[-1][0])
    assert view.title.startswith("Network output P(class 0)")


def test_hover_reads_the_output_under_the_mouse(view, stepped_session, qtbot):
    snap = shown(view, stepped_session("xor", 25))
    scene_pos = view.plot.vb.mapViewToScene(QPointF(0.5, 0.5))
    widget_pos = view.graphics.mapFromScene(scene_pos)
    qtbot.mouseMove(view.graphics.viewport(), QPoint(widget_pos.x(), widget_pos.y()))
    qtbot.waitUntil(lambda: "→" in view.readout_text(), timeout=2000)
    value = float(bilinear(snap.surface, -1, 0.5, 0.5)[0])
    assert view.readout_text().endswith(f"→ P(class 1) = {value:.3f}")
    assert view.readout.text() == view.readout_text()  # it fits: shown whole


def test_switching_datasets_shows_the_new_plane_with_all_its_points(view, stepped_session):
    shown(view, stepped_session("xor", 4))
    gender = stepped_session("gender", 4)
    snap = shown(view, gender)
    (x0, x1), (y0, y1) = view.plot.viewRange()
    x_min, x_max, y_min, y_max = snap.surface.extent
    assert x0 <= x_min and x1 >= x_max and y0 <= y_min and y1 >= y_max
    for x, y in gender.dataset.x_train:
        assert x0 < x < x1 and y0 < y < y1


def test_a_hidden_neuron_is_shown_large_and_follows_new_snapshots(view, stepped_session, qtbot):
    session = stepped_session("xor", 25)
    shown(view, session)
    view.show_neuron((1, 2))  # hidden 1, third neuron (tanh)
    snap = session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    assert view.shown_neuron == (1, 2)
    np.testing.assert_array_equal(view.image.image, snap.surface.layers[0][2])
    assert tuple(view.image.getLevels()) == (-1.0, 1.0)  # tanh's whole range, white at 0
    assert view.title == "Hidden 1 · neuron 3 (tanh) · activation a: blue −1.00 · white 0.00 · orange 1.00"
    assert view.bar.getAxis("right").labelText == "activation a"
    assert len(view.boundary.getData()[0]) == 0  # the output's boundary is not this neuron's
    assert "boundary (p = 0.5)" not in view.legend.names
    assert view.output_button.isVisible() and not view.neuron_combo.isVisible()
    # Live: the next snapshot recolours the neuron, not the output.
    session.step()
    later = session.snapshot(with_surface=True)
    view.show_snapshot(later)
    np.testing.assert_array_equal(view.image.image, later.surface.layers[0][2])
    # "Show output" goes back.
    qtbot.mouseClick(view.output_button, Qt.MouseButton.LeftButton)
    assert view.shown_neuron is None and not view.output_button.isVisible()
    np.testing.assert_array_equal(view.image.image, later.surface.layers[-1][0])
    assert view.title.startswith("Network output P(class 1)")
    assert view.legend.names[-1] == "boundary (p = 0.5)"


def test_an_input_neuron_shows_its_feature_and_none_returns_to_the_output(view, stepped_session):
    snap = shown(view, stepped_session("gender", 5))
    view.show_neuron((0, 1))
    np.testing.assert_array_equal(view.image.image, neuron_grid(snap.surface, 0, 1))
    np.testing.assert_array_equal(view.image.image[:, 0], snap.surface.ys)  # y grows upwards, row by row
    assert view.title.startswith("Input height − 66 in · its value at each point: blue −")
    view.show_neuron(None)
    assert view.shown_neuron is None
    np.testing.assert_array_equal(view.image.image, snap.surface.layers[-1][0])


def test_an_output_neuron_or_a_new_session_shows_the_output(view, stepped_session):
    session = stepped_session("xor", 5)
    shown(view, session)
    view.show_neuron((2, 0))  # XOR's output layer
    assert view.shown_neuron is None
    view.show_neuron((1, 99))  # no such neuron
    assert view.shown_neuron is None
    view.show_neuron((1, 0))
    shown(view, session)  # reset: a rebuilt network starts on its output
    assert view.shown_neuron is None and not view.output_button.isVisible()


def test_the_title_says_how_far_the_network_shown_has_trained(view, stepped_session, qtbot):
    session = stepped_session("xor", 0)
    snap = shown(view, session)
    assert view.title == "Network output P(class 1) · before training"

    def shows(snapshot, title):
        # The title follows training a few times a second, and always ends on the newest step.
        view.show_snapshot(snapshot)
        qtbot.waitUntil(lambda: view.title == title, timeout=2000)

    session.step()
    shows(session.snapshot(with_surface=True), "Network output P(class 1) · after step 1")
    loaded = replace(snap, origin=Origin("xor-model.npz", 1200))
    shows(loaded, "Network output P(class 1) · loaded model xor-model.npz, saved after step 1,200")
    shows(replace(loaded, step=12), "Network output P(class 1) · after step 1,212 (xor-model.npz + 12 steps)")
    shows(replace(snap, origin=Origin("old.npz")), "Network output P(class 1) · loaded model old.npz")
    assert "step 0" not in view.title


def test_the_title_is_retitled_a_few_times_a_second_not_every_frame(view, stepped_session, qtbot):
    session = stepped_session("xor", 0)
    shown(view, session)
    titles = set()
    for _ in range(20):
        session.step()
        view.show_snapshot(session.snapshot(with_surface=True))
        titles.add(view.title)
    assert len(titles) <= 2  # 20 frames at once: the title did not re-lay out the plot 20 times
    qtbot.waitUntil(lambda: view.title.endswith("after step 20"), timeout=2000)


@pytest.mark.parametrize("preset", ["gender", "neuron"])
def test_nothing_is_clipped_in_a_narrow_panel(qtbot, stepped_session, preset):
    """The panel gets about 400 px of a 1280-px window: the colour bar, its labels and every legend
    entry stay inside it."""
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(400, 330)
    view.show()
    qtbot.waitExposed(view)
    shown(view, stepped_session(preset, 5))
    qtbot.wait(50)
    width = view.graphics.viewport().width()
    assert view.minimumSizeHint().width() <= 400
    bar_axis = view.bar.getAxis("right")
    assert bar_axis.sceneBoundingRect().right() <= width
    assert view.bar.sceneBoundingRect().right() <= width
    assert view.legend.needed_width() <= width
    assert view.legend.legend.sceneBoundingRect().right() <= width + 1
    assert view.legend.columns < len(view.legend.names)  # wrapped rather than cut


@pytest.mark.parametrize("size", [(680, 620), (420, 330)])
def test_query_labels_hide_no_training_point_and_stay_inside_the_plot(qtbot, stepped_session, size):
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    session = stepped_session("gender", 50)
    shown(view, session)
    qtbot.wait(50)
    view.show_snapshot(session.snapshot(with_surface=True))  # laid out now: labels placed by pixels
    plot_area = view.plot.vb.sceneBoundingRect()
    markers = [view.plot.vb.mapViewToScene(spot.pos()) for spot in view.points.points()]
    markers += [view.plot.vb.mapViewToScene(star.pos()) for star in view.queries.points()]
    for name, label in view.query_labels.items():
        box = label.sceneBoundingRect()
        assert plot_area.adjusted(-1, -1, 1, 1).contains(box), name
        own = view.plot.vb.mapViewToScene(pg.Point(*next(q.x for q in session.dataset.queries if q.name == name)))
        for marker in markers:
            if (marker - own).manhattanLength() > 1:  # its own star it stands beside
                assert not box.adjusted(-4, -4, 4, 4).contains(marker), (name, marker)


def test_hundreds_of_points_get_smaller_markers_than_a_few(view, stepped_session):
    shown(view, stepped_session("gender", 1))
    few = view.points.opts["size"]
    shown(view, stepped_session("circle", 1))
    many = view.points.opts["size"]
    assert len(view.points.points()) > 100 and 7 <= many < few
