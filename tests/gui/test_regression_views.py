"""The views of a regression: a 1-D set shows the network's fitted curve over its train and test points
in place of the decision surface, a 2-D set its predicted value as a coloured surface with contour
lines, the lower curve plot shows R² and the loss is called MSE, and the Evaluation tab gives R², RMSE,
predictions against actual targets and the largest residuals. Values are in the data's own units;
nothing is clipped in a narrow panel."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF

from nnviz.data.csv_import import read_csv_dataset
from nnviz.gui import theme
from nnviz.gui.charts import loss_plots
from nnviz.gui.charts.decision_surface import SurfaceView
from nnviz.gui.charts.evaluation import EvaluationView, has_evaluation
from nnviz.gui.charts.loss_plots import PlotsView
from nnviz.gui.charts.residuals import RESIDUAL_ROWS
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.regression_fit import R2_FLOOR, contour_levels, value_levels
from nnviz.training.surface import bilinear, curve


def trained(name: str, epochs: int, dataset=None):
    session = build_session(get_preset(name), dataset=dataset)
    for _ in range(epochs):
        session.run_epoch()
    return session


@pytest.fixture(scope="module")
def sin_session():
    return trained("sin", 3)


@pytest.fixture(scope="module")
def bump_session():
    return trained("bump", 3)


def shown(qtbot, view, width=680, height=560):
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


# -- 1-D: the fitted curve --------------------------------------------------------------------------


def test_one_input_shows_the_fitted_curve_of_the_snapshot_over_train_and_test_points(qtbot, sin_session):
    view = shown(qtbot, SurfaceView())
    info = NewSession.of(sin_session)
    view.reset(info)
    assert view.stack.currentWidget() is view.curve_view  # not "available for 2-D datasets"
    snap = sin_session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    fitted = view.curve_view
    xs, ys = fitted.curve_points()
    assert len(xs) == len(snap.surface.xs) == len(fitted.curve.getData()[0])
    np.testing.assert_allclose(xs, snap.surface.xs)
    np.testing.assert_allclose(ys, curve(snap.surface))  # sin is not standardised: the network's own values
    np.testing.assert_allclose(fitted.curve.getData()[1], ys)
    data = sin_session.dataset
    assert len(fitted.train_points.points()) == len(data.x_train) > 0
    assert len(fitted.test_points.points()) == len(data.x_test) > 0
    np.testing.assert_allclose(sorted(s.pos().y() for s in fitted.test_points.points()), sorted(data.labels_test),
                               rtol=1e-6)
    assert fitted.plot.getAxis("bottom").labelText == info.architecture.feature_name(0)
    assert fitted.plot.getAxis("left").labelText == info.architecture.class_names[0]
    assert fitted.title.startswith(f"Network's prediction of {info.architecture.class_names[0]}")
    assert f"after step {sin_session.step_count:,}" in fitted.title
    assert fitted.legend.names == [f"training data ({len(data.x_train)})", f"test data ({len(data.x_test)})",
                                   f"network's prediction of {info.architecture.class_names[0]}"]


def test_the_curve_follows_training_live(qtbot):
    session = trained("sin", 1)
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot(with_surface=True))
    before = view.curve_view.curve.getData()[1].copy()
    for _ in range(5):
        session.run_epoch()
    later = session.snapshot(with_surface=True)
    view.show_snapshot(later)
    after = view.curve_view.curve.getData()[1]
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, curve(later.surface))


def test_hovering_the_curve_says_the_prediction_there(qtbot, sin_session):
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(sin_session))
    snap = sin_session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    fitted = view.curve_view
    x = float(snap.surface.xs[100])
    fitted.show_readout_at(x)
    value = float(curve(snap.surface)[100])
    assert fitted.readout_text() == f"x = {theme.short(x, tiny=False)} → predicted y = {theme.precise(value)}"


def test_a_standardised_csv_is_drawn_in_the_files_units(qtbot, tmp_path):
    rng = np.random.default_rng(0)
    hours = rng.uniform(0, 10, 60)
    path = tmp_path / "scores.csv"
    path.write_text("hours,score\n" + "".join(f"{h:.3f},{50 + 4 * h:.3f}\n" for h in hours))
    dataset = read_csv_dataset(path, task="regression")
    assert dataset.standardisation is not None and dataset.standardisation.target_std is not None
    session = build_session(replace(get_preset("sin"), spec=None), dataset=dataset)
    for _ in range(2):
        session.run_epoch()
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(session))
    snap = session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    fitted = view.curve_view
    s = dataset.standardisation
    xs, ys = fitted.curve_points()
    np.testing.assert_allclose(xs, s.invert(np.asarray(snap.surface.xs)[:, None])[:, 0], rtol=1e-6)
    np.testing.assert_allclose(ys, s.target_to_raw(curve(snap.surface)), rtol=1e-5)
    train_y = sorted(p.pos().y() for p in fitted.train_points.points())
    np.testing.assert_allclose(train_y, sorted(s.target_to_raw(np.asarray(dataset.labels_train, np.float64))),
                               rtol=1e-5)
    assert min(train_y) > 45  # raw scores, not standard deviations
    assert fitted.plot.getAxis("bottom").labelText == "hours"
    assert fitted.plot.getAxis("left").labelText == "score"


# -- 2-D: the value surface -------------------------------------------------------------------------


def test_two_inputs_show_the_predicted_value_with_contours_and_points_on_the_same_scale(qtbot, bump_session):
    view = shown(qtbot, SurfaceView())
    info = NewSession.of(bump_session)
    view.reset(info)
    snap = bump_session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    assert view.stack.currentWidget() is view.plot_page
    data = bump_session.dataset
    levels = value_levels(np.concatenate([data.labels_train, data.labels_test]))
    grid = snap.surface.layers[-1][0]
    np.testing.assert_allclose(view.image.image, grid)
    assert tuple(view.image.getLevels()) == pytest.approx(levels)
    assert tuple(view.bar.levels()) == pytest.approx(levels)
    # Points: each filled with its own target's colour on the surface's scale.
    lo, hi = levels
    for spot, y in zip(view.points.points(), data.labels_train):
        c = spot.brush().color()
        assert (c.red(), c.green(), c.blue()) == tuple(int(v) for v in theme.VALUES.rgb(2 * (y - lo) / (hi - lo) - 1))
    # No 0.5 decision boundary: contour lines, each on one of a few round values of the grid.
    contours = contour_levels(levels)
    xs, ys = view.boundary.getData()
    assert len(xs) > 10 and len(contours) >= 2
    surface = snap.surface
    for x, y in zip(xs[::7], ys[::7]):
        p = view.image.mapToParent(QPointF(x, y))
        if surface.extent[0] < p.x() < surface.extent[1] and surface.extent[2] < p.y() < surface.extent[3]:
            value = bilinear(surface, -1, p.x(), p.y())[0]
            assert np.min(np.abs(contours - value)) == pytest.approx(0.0, abs=5e-3)
    target = info.architecture.class_names[0]
    assert view.title.startswith(f"Network's prediction of {target}")
    assert view.bar.getAxis("right").labelText == f"predicted {target}"
    assert view.legend.names[0] == f"data (fill: its {target})"
    assert view.legend.names[1].startswith(f"{target} = ")
    assert not any("boundary" in name for name in view.legend.names)


def test_hovering_the_plane_says_the_predicted_value(qtbot, bump_session):
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(bump_session))
    snap = bump_session.snapshot(with_surface=True)
    view.show_snapshot(snap)
    widget_pos = view.graphics.mapFromScene(view.plot.vb.mapViewToScene(QPointF(0.0, 0.0)))
    qtbot.mouseMove(view.graphics.viewport(), QPoint(widget_pos.x(), widget_pos.y()))
    qtbot.waitUntil(lambda: "→" in view.readout_text(), timeout=2000)
    where = view.plot.vb.mapSceneToView(view.graphics.mapToScene(widget_pos))  # the pixel, in the plane
    value = float(bilinear(snap.surface, -1, where.x(), where.y())[0])
    assert view.readout_text().endswith(f"→ predicted y = {theme.precise(value)}")


def test_a_hidden_neuron_and_back_keeps_the_value_scale(qtbot, bump_session):
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(bump_session))
    view.show_snapshot(bump_session.snapshot(with_surface=True))
    levels = tuple(view.image.getLevels())
    view.show_neuron((1, 0))
    assert tuple(view.image.getLevels()) == (-1.0, 1.0)  # tanh's range
    assert len(view.legend.names) == 1  # no contour entry for a hidden neuron
    view.show_neuron(None)
    assert tuple(view.image.getLevels()) == levels
    assert len(view.legend.names) == 2


def test_a_classification_after_a_regression_gets_its_boundary_back(qtbot, bump_session, stepped_session):
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(bump_session))
    view.show_snapshot(bump_session.snapshot(with_surface=True))
    xor = stepped_session("xor", 25)
    view.reset(NewSession.of(xor))
    view.show_snapshot(xor.snapshot(with_surface=True))
    assert tuple(view.image.getLevels()) == (0.0, 1.0)
    assert view.legend.names[-1] == "boundary (p = 0.5)"
    assert view.title.startswith("Network output P(")


# -- curves -----------------------------------------------------------------------------------------


def test_the_score_plot_shows_r2_and_the_loss_is_called_mse(qtbot, monkeypatch, sin_session):
    monkeypatch.setattr(loss_plots, "CURVE_INTERVAL", 0.0)
    view = shown(qtbot, PlotsView(), 900, 600)
    view.reset(NewSession.of(sin_session))
    snap = sin_session.snapshot()
    view.show_snapshot(snap)
    assert view.score_name == "R²"
    assert view.accuracy_plot.getAxis("left").labelText == "R²"
    assert view.accuracy_plot.getAxis("left").labelUnits == ""
    assert view.loss_plot.getAxis("left").labelText == "loss (MSE)"
    h = snap.history
    np.testing.assert_allclose(view.test_accuracy_curve.getOriginalDataset()[1], h["test_accuracy"])  # not ×100
    lo, hi = view.accuracy_plot.vb.viewRange()[1]
    assert R2_FLOOR - 0.5 < lo < 0.95 and 1.0 < hi < 1.5  # R² starts far below 0: the axis stops near −0.5
    view.show_step(int(h["epoch_end_step"][-1]))
    text = view.readout_text()
    assert f"R² {theme.significant(h['test_accuracy'][-1], 3)}" in text and "%" not in text


def test_a_classification_after_a_regression_shows_accuracy_in_percent_again(qtbot, sin_session, stepped_session):
    view = shown(qtbot, PlotsView(), 900, 600)
    view.reset(NewSession.of(sin_session))
    view.reset(NewSession.of(stepped_session("xor", 5)))
    assert view.score_name == "accuracy"
    assert view.accuracy_plot.getAxis("left").labelText == "accuracy"
    assert view.accuracy_plot.getAxis("left").labelUnits == "%"


# -- evaluation -------------------------------------------------------------------------------------


def test_evaluation_gives_r2_rmse_predicted_against_actual_and_the_largest_residuals(qtbot, sin_session):
    view = shown(qtbot, EvaluationView(), 960, 560)
    view.reset(NewSession.of(sin_session))
    assert view.pages.currentWidget() is view.residuals
    view.show_snapshot(replace(sin_session.snapshot(), evaluation=None))
    assert view.headline.text() == "Evaluation appears after the first epoch"
    ev = sin_session.snapshot().evaluation
    view.show_snapshot(sin_session.snapshot())
    assert view.headline.text().startswith(f"Test R² {theme.significant(ev.r2, 3)} · RMSE {theme.precise(ev.rmse)}")
    assert "test loss (MSE)" in view.subline.text()
    panel = view.residuals
    labels = np.asarray(sin_session.dataset.labels_test, dtype=np.float64)
    assert len(panel.points.points()) == len(labels)
    rows = panel.residual_rows()
    expected = np.argsort(-np.abs(ev.predictions - labels), kind="stable")
    np.testing.assert_array_equal(rows.indices, expected)
    n = min(RESIDUAL_ROWS, len(labels))
    assert panel.table.rowCount() == n
    top = int(expected[0])
    assert panel.table.item(0, 0).text() == f"#{top}"
    residual = ev.predictions[top] - labels[top]
    assert float(panel.table.item(0, panel.table.columnCount() - 1).text().replace("−", "-")) == pytest.approx(
        residual, abs=1e-3)
    # Each column has one number of decimals, so that its rows line up.
    for c in range(1, panel.table.columnCount()):
        decimals = {len(panel.table.item(r, c).text().partition(".")[2]) for r in range(n)}
        assert len(decimals) == 1 and decimals != {0}, c
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    assert headers == ["sample", "x", "actual", "predicted", "residual"]
    # The line y = x spans the plotted values; selecting a row rings its point.
    (x0, x1), (y0, y1) = panel.identity.getData()
    assert x0 == y0 and x1 == y1 and x0 <= min(labels.min(), ev.predictions.min())
    panel.table.selectRow(2)
    marked = panel.marked.points()
    assert len(marked) == 1
    assert (marked[0].pos().x(), marked[0].pos().y()) == pytest.approx((rows.actual[2], rows.predicted[2]))


def test_evaluation_goes_back_to_the_confusion_matrix_for_classes(qtbot, sin_session, stepped_session):
    view = shown(qtbot, EvaluationView(), 960, 560)
    view.reset(NewSession.of(sin_session))
    view.show_snapshot(sin_session.snapshot())
    xor = stepped_session("xor", 8)
    view.reset(NewSession.of(xor))
    view.show_snapshot(xor.snapshot())
    assert view.pages.currentWidget() is view.classes_page
    assert view.headline.text().startswith("Test accuracy")


# -- nothing clipped --------------------------------------------------------------------------------


def test_nothing_is_clipped_at_400_pixels(qtbot, monkeypatch, sin_session, bump_session):
    monkeypatch.setattr(loss_plots, "CURVE_INTERVAL", 0.0)
    for session in (sin_session, bump_session):
        surface = shown(qtbot, SurfaceView(), 400, 420)
        surface.reset(NewSession.of(session))
        surface.show_snapshot(session.snapshot(with_surface=True))
        qtbot.wait(20)
        graphics = surface.curve_view.graphics if session is sin_session else surface.graphics
        legend = surface.curve_view.legend if session is sin_session else surface.legend
        assert legend.needed_width() <= graphics.width() - 24
        plots = shown(qtbot, PlotsView(), 400, 500)
        plots.reset(NewSession.of(session))
        plots.show_snapshot(session.snapshot())
        qtbot.wait(20)
        for legend in (plots.loss_legend, plots.accuracy_legend):
            assert legend.needed_width() <= plots.graphics.width() - 24
    evaluation = shown(qtbot, EvaluationView(), 400, 560)
    evaluation.reset(NewSession.of(sin_session))
    evaluation.show_snapshot(sin_session.snapshot())
    qtbot.wait(20)
    panel = evaluation.residuals
    assert panel.body.direction() == panel.body.Direction.TopToBottom  # plot above the table
    assert evaluation.minimumSizeHint().width() <= 400
    assert panel.legend.needed_width() <= panel.graphics.width() - 24
    assert evaluation.headline.wordWrap() and evaluation.headline.width() <= evaluation.width()


def test_the_evaluation_tab_is_offered_for_regression_and_images_only(sin_session, bump_session, stepped_session):
    assert has_evaluation(NewSession.of(sin_session)) and has_evaluation(NewSession.of(bump_session))
    assert not has_evaluation(NewSession.of(stepped_session("xor", 1)))


def test_a_one_input_classifier_says_its_surface_needs_two_inputs(qtbot, tmp_path):
    path = tmp_path / "pass.csv"
    path.write_text("hours,passed\n" + "".join(f"{h},{int(h > 5)}\n" for h in range(11)))
    dataset = read_csv_dataset(path, task="classification")
    session = build_session(replace(get_preset("xor"), sizes=(1, 3, 1)), dataset=dataset)
    session.step()
    view = shown(qtbot, SurfaceView())
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot(with_surface=True))  # a 1-D curve arrives: not drawn as a plane
    assert view.stack.currentWidget() is view.message
