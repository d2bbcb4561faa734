"""SurfaceView: the output neuron over the plane, the training points, and the queries' answers."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF

from nnviz.engine.network import Network
from nnviz.gui import theme as colors
from nnviz.gui.charts.decision_surface import NO_SURFACE_MESSAGE, SurfaceView, bilinear
from nnviz.training import Hyperparameters, TrainingSession, build_session, get_preset
from nnviz.training.architecture import NewSession


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
    expected = {0: colors.NEGATIVE, 1: colors.POSITIVE}
    for spot, label in zip(spots, session.dataset.labels_train):
        assert spot.data() == label
        assert rgb(spot.brush()) == expected[int(label)]
    legend = [label.text for _, label in view.legend.items]
    assert legend == ["class 0", "class 1", "boundary (p = 0.5)"]
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
        assert label.textItem.toPlainText() == f"{name}: {class_name} ({p:.0%})"
        assert 0.5 <= p <= 1.0 and class_name in ("male", "female")
    assert [label.text for _, label in view.legend.items][:3] == ["male", "female", "query (network's answer)"]
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


def test_bilinear_is_exact_on_grid_points_and_linear_between(stepped_session):
    surface = stepped_session("xor", 5).snapshot(with_surface=True).surface
    grid = surface.layers[0]  # the hidden layer: ten neurons at once
    xs, ys = surface.xs, surface.ys
    np.testing.assert_allclose(bilinear(surface, 0, xs[7], ys[3]), grid[:, 3, 7], rtol=1e-6)
    mid = bilinear(surface, 0, (xs[7] + xs[8]) / 2, (ys[3] + ys[4]) / 2)
    np.testing.assert_allclose(mid, grid[:, 3:5, 7:9].mean(axis=(1, 2)), rtol=1e-5)
    np.testing.assert_allclose(bilinear(surface, -1, xs[-1] + 5, ys[0] - 5), surface.layers[-1][:, 0, -1])


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
    assert view.plot.titleLabel.text.startswith("Network output P(class 0)")


def test_hover_reads_the_output_under_the_mouse(view, stepped_session, qtbot):
    snap = shown(view, stepped_session("xor", 25))
    scene_pos = view.plot.vb.mapViewToScene(QPointF(0.5, 0.5))
    widget_pos = view.graphics.mapFromScene(scene_pos)
    qtbot.mouseMove(view.graphics.viewport(), QPoint(widget_pos.x(), widget_pos.y()))
    qtbot.waitUntil(lambda: "output" in view.readout.text(), timeout=2000)
    value = float(bilinear(snap.surface, -1, 0.5, 0.5)[0])
    assert view.readout.text().endswith(f"→ output {value:.3f}")


def test_switching_datasets_shows_the_new_plane_with_all_its_points(view, stepped_session):
    shown(view, stepped_session("xor", 4))
    gender = stepped_session("gender", 4)
    snap = shown(view, gender)
    (x0, x1), (y0, y1) = view.plot.viewRange()
    x_min, x_max, y_min, y_max = snap.surface.extent
    assert x0 <= x_min and x1 >= x_max and y0 <= y_min and y1 >= y_max
    for x, y in gender.dataset.x_train:
        assert x0 < x < x1 and y0 < y < y1
