"""PlotsView: the loss and accuracy curves follow the snapshot's history, incrementally; the accuracy
axis zooms to the data, the legends sit beside the plots, the raw loss never hides the smoothed one."""

import csv
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers the exporters on pg)
import pytest
from PySide6.QtCore import QPoint, QPointF

from nnviz.gui import theme
from nnviz.gui.charts import loss_plots as plots_view
from nnviz.gui.charts.loss_plots import MARKER_ROOM, PlotsView
from nnviz.training.architecture import NewSession
from nnviz.training.curves import ema  # checked against the textbook recurrence in test_curves.py
from nnviz.training.history import LOSS_CAPACITY, History


@pytest.fixture
def view(qtbot, monkeypatch):
    monkeypatch.setattr(plots_view, "CURVE_INTERVAL", 0.0)  # every snapshot drawn at once (see the rate test)
    v = PlotsView()
    qtbot.addWidget(v)
    v.resize(900, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def read_only(values):
    a = np.asarray(values, dtype=np.float64)
    a.setflags(write=False)
    return a


def with_losses(snapshot, losses):
    """`snapshot` with a history whose steps had these losses (its epochs kept)."""
    history = History()
    history.record_steps(losses)
    return replace(snapshot, history={**snapshot.history, **history.steps_view()})


def test_raw_curve_has_every_step_and_epoch_markers_match_history(view, stepped_session):
    snap = stepped_session("xor", 25).snapshot()
    view.show_snapshot(snap)
    h = snap.history
    x, y = view.raw_curve.getOriginalDataset()
    assert len(y) == len(h["step_loss"]) == 25
    np.testing.assert_array_equal(x, np.arange(1, 26))
    np.testing.assert_array_equal(y, h["step_loss"])
    assert len(h["epoch_end_step"]) == 6  # XOR has 4 samples, one per step
    for curve, column, scale in ((view.train_loss_curve, "train_loss", 1), (view.test_loss_curve, "test_loss", 1),
                                 (view.train_accuracy_curve, "train_accuracy", 100),
                                 (view.test_accuracy_curve, "test_accuracy", 100)):
        ex, ey = curve.getOriginalDataset()
        np.testing.assert_array_equal(ex, h["epoch_end_step"])
        np.testing.assert_allclose(ey, scale * h[column])
    assert view.train_loss_curve.opts["symbol"] == "o"  # few epochs: each one gets a marker


def test_same_snapshot_twice_does_not_duplicate_data(view, stepped_session):
    snap = stepped_session("xor", 25).snapshot()
    view.show_snapshot(snap)
    view.show_snapshot(snap)
    assert len(view.raw_curve.getOriginalDataset()[1]) == 25
    assert len(view.smoothed_loss) == 25
    assert len(view.train_loss_curve.getOriginalDataset()[1]) == 6


def test_smoothed_loss_equals_numpy_ema_across_incremental_updates(view, stepped_session):
    session = stepped_session("xor", 25)
    view.show_snapshot(session.snapshot())
    for _ in range(300):  # more than one block of the vectorised EMA
        session.step()
    snap = session.snapshot()
    view.show_snapshot(snap)
    expected = ema(snap.history["step_loss"], 0.9)
    assert view.smoothing == 0.9
    np.testing.assert_allclose(view.smoothed_loss, expected, rtol=1e-12)
    np.testing.assert_allclose(view.smooth_curve.getOriginalDataset()[1], expected, rtol=1e-12)
    view.smoothing = 0.5  # re-smooths everything seen so far
    np.testing.assert_allclose(view.smooth_curve.getOriginalDataset()[1],
                               ema(snap.history["step_loss"], 0.5), rtol=1e-12)
    assert view.smoothing_spin.value() == 0.5


def test_log_toggle_sets_log_mode_and_tolerates_a_zero_loss(view, stepped_session):
    snap = stepped_session("xor", 25).snapshot()
    loss = np.array(snap.history["step_loss"])
    loss[10] = 0.0  # a perfect step: log10 would be -inf
    view.show_snapshot(with_losses(snap, loss))
    view.log_check.setChecked(True)
    assert view.loss_plot.ctrl.logYCheck.isChecked()
    assert view.loss_plot.getAxis("left").logMode
    view.repaint()
    (_, _), (y0, y1) = view.loss_plot.vb.viewRange()
    assert np.isfinite(y0) and np.isfinite(y1)
    assert y1 > np.log10(loss.max()) - 1e-6  # the range still covers the largest loss
    view.log_check.setChecked(False)
    assert not view.loss_plot.getAxis("left").logMode
    # The plot's own context-menu switch and the checkbox stay in agreement.
    view.loss_plot.ctrl.logYCheck.setChecked(True)
    assert view.log_check.isChecked()


def test_downsampling_and_clip_to_view_are_on(view):
    for curve in (view.raw_curve, view.smooth_curve, view.test_accuracy_curve):
        assert curve.opts["downsampleMethod"] == "peak"
        assert curve.opts["autoDownsample"]
        assert curve.opts["clipToView"]


def test_csv_export_writes_the_loss_values(view, stepped_session, tmp_path):
    snap = stepped_session("xor", 25).snapshot()
    view.show_snapshot(snap)
    path = tmp_path / "loss.csv"
    pg.exporters.CSVExporter(view.loss_plot).export(str(path))
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    assert header[:4] == ["loss per step_x", "loss per step_y", "smoothed (EMA 0.9)_x", "smoothed (EMA 0.9)_y"]
    steps = [float(r[0]) for r in rows[1:]]
    losses = [float(r[1]) for r in rows[1:]]
    assert steps == list(range(1, 26))
    np.testing.assert_allclose(losses, snap.history["step_loss"], rtol=1e-8)
    column = header.index("test loss (epoch)_y")
    tests = [float(r[column]) for r in rows[1:] if r[column]]
    np.testing.assert_allclose(tests, snap.history["test_loss"], rtol=1e-8)


def test_image_export_writes_a_png(view, stepped_session, tmp_path):
    view.show_snapshot(stepped_session("xor", 25).snapshot())
    path = tmp_path / "accuracy.png"
    pg.exporters.ImageExporter(view.accuracy_plot).export(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 1000


def test_right_click_menu_offers_export(view):
    scene = view.graphics.scene()
    assert view.loss_plot.vb.menuEnabled() and view.accuracy_plot.vb.menuEnabled()
    assert [a.text() for a in scene.contextMenu] == ["Export..."]
    assert "CSV of original plot data" in [e.Name for e in pg.exporters.listExporters()]


def test_reset_clears_everything(view, stepped_session):
    view.show_snapshot(stepped_session("xor", 25).snapshot())
    view.show_step(10)
    view.reset()
    for curve in (view.raw_curve, view.smooth_curve, view.train_loss_curve, view.test_loss_curve,
                  view.train_accuracy_curve, view.test_accuracy_curve):
        x, y = curve.getData()
        assert x is None or len(x) == 0
    assert len(view.smoothed_loss) == 0
    assert view.readout_text() == ""
    # A new run after reset starts from its own first step.
    snap = stepped_session("gender", 8).snapshot()
    view.show_snapshot(snap)
    np.testing.assert_array_equal(view.raw_curve.getOriginalDataset()[1], snap.history["step_loss"])


def test_hovering_shows_step_loss_and_smoothed_loss(view, stepped_session, qtbot):
    session = stepped_session("xor", 40)
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    view.loss_plot.vb.autoRange()
    scene_pos = view.loss_plot.vb.mapViewToScene(QPointF(20, float(np.mean(snap.history["step_loss"]))))
    widget_pos = view.graphics.mapFromScene(scene_pos)
    qtbot.mouseMove(view.graphics.viewport(), QPoint(widget_pos.x(), widget_pos.y()))
    qtbot.waitUntil(lambda: view.readout_text() != "", timeout=2000)
    text = view.readout_text().replace("\u2009", " ")
    assert "step 20" in text
    assert f"loss {theme.precise(snap.history['step_loss'][19])}" in text
    assert f"smoothed {theme.precise(view.smoothed_loss[19])}" in text
    running = snap.history["running_accuracy"][19]
    assert f"train accuracy {theme.percent(running)} over the last 4 samples".replace("\u2009", " ") in text
    assert "after epoch 5 (step 20)" in text
    assert all(line.isVisible() and line.value() == 20 for line in view.hover_lines)
    # Leaving the plots (for the legend above them) hides the readout.
    legend = view.graphics.mapFromScene(view.loss_legend.legend.sceneBoundingRect().center())
    qtbot.mouseMove(view.graphics.viewport(), QPoint(legend.x(), legend.y()))
    qtbot.waitUntil(lambda: view.readout_text() == "", timeout=2000)
    assert not view.hover_lines[0].isVisible()


def test_long_runs_stay_bounded_and_keep_their_spikes(view, stepped_session):
    snap = stepped_session("xor", 5).snapshot()
    n = 200_000
    loss = np.linspace(1.0, 0.1, n) + np.where(np.arange(n) % 1000 == 7, 0.5, 0.0)
    view.show_snapshot(with_losses(snap, loss[: n - 50]))
    x, y = view.raw_curve.getOriginalDataset()
    assert x[-1] == n - 50 and len(x) <= 2 * LOSS_CAPACITY + 2  # bounded, however long the run
    assert y.max() == loss[: n - 50].max() and y.min() == loss[: n - 50].min()
    assert len(view.smoothed_loss) == len(x) // 2


def test_while_snapshots_stream_in_the_curves_redraw_at_most_10_times_a_second(qtbot, stepped_session, monkeypatch):
    view = PlotsView()
    qtbot.addWidget(view)
    session = stepped_session("xor", 5)
    view.show_snapshot(session.snapshot())  # the first is drawn at once
    assert view.raw_curve.getOriginalDataset()[0][-1] == 5
    session.step()
    view.show_snapshot(session.snapshot())  # the next one waits for its turn...
    assert view.raw_curve.getOriginalDataset()[0][-1] == 5
    qtbot.waitUntil(lambda: view.raw_curve.getOriginalDataset()[0][-1] == 6, timeout=1000)  # ...and comes
    session.step()
    finished = replace(session.snapshot(), finished=True)
    view.show_snapshot(finished)  # a run that ended is drawn at once
    assert view.raw_curve.getOriginalDataset()[0][-1] == 7


def test_hovering_a_long_run_shows_the_range_of_its_bucket(view, stepped_session):
    snap = stepped_session("xor", 5).snapshot()
    view.show_snapshot(with_losses(snap, np.linspace(1.0, 0.1, 100_000)))
    view.show_step(50_000)
    assert "step 50,000" in view.readout_text() and "mean" in view.readout_text()


def test_smoothing_spin_box_resmooths_after_the_burst(view, stepped_session, qtbot):
    snap = stepped_session("xor", 60).snapshot()
    view.show_snapshot(snap)
    for value in (0.85, 0.8, 0.75, 0.7):  # holding the arrow key
        view.smoothing_spin.setValue(value)
    qtbot.waitUntil(lambda: view.smoothing == 0.7, timeout=2000)
    np.testing.assert_allclose(view.smoothed_loss, ema(snap.history["step_loss"], 0.7), rtol=1e-12)
    assert "smoothed (EMA 0.7)" in view.loss_legend.names


def history_with(accuracies, epochs=()):
    """A history of len(accuracies) steps (loss falling) with these running accuracies, and epoch rows
    (end step, train accuracy, test accuracy)."""
    history = History()
    n = len(accuracies)
    history.record_steps(np.linspace(1.0, 0.1, n), accuracies)
    for end, train, test in epochs:
        history.record_epoch(epoch_end_step=end, train_loss=0.5, train_accuracy=train, test_loss=0.5,
                             test_accuracy=test)
    return history.view()


def test_the_running_accuracy_is_drawn_from_the_first_steps(view, stepped_session):
    """MNIST's first epoch takes a minute: the running training accuracy shows before it ends."""
    snap = replace(stepped_session("xor", 3).snapshot(), history=history_with(np.linspace(0.1, 0.6, 300)))
    view.show_snapshot(snap)
    x, y = view.running_accuracy_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(1, 301))
    np.testing.assert_allclose(y, 100 * np.linspace(0.1, 0.6, 300))
    assert len(view.train_accuracy_curve.getOriginalDataset()[0] or []) == 0  # no epoch yet
    (_, _), (y0, y1) = view.accuracy_plot.vb.viewRange()
    assert 0 < y0 < 10 and 60 < y1 < 70  # zoomed to the running accuracy's 10-60 %


def test_the_accuracy_axis_zooms_to_tell_97_from_98_percent_and_keeps_markers_at_100_whole(view, stepped_session):
    snap = stepped_session("xor", 3).snapshot()
    accuracies = np.concatenate([np.full(100, 0.97), np.full(100, 0.98)])
    view.show_snapshot(replace(snap, history=history_with(accuracies, [(100, 0.97, 0.975), (200, 0.98, 0.98)])))
    (_, _), (y0, y1) = view.accuracy_plot.vb.viewRange()
    assert 95 < y0 < 97 and 98 < y1 < 100
    height = view.accuracy_plot.vb.height()
    assert (98 - 97) / (y1 - y0) * height > height / 3  # a third of the plot between 97 and 98 %
    # All at 100 %: the axis stops at 100 but leaves room for the markers' upper halves.
    perfect = history_with(np.ones(200), [(100, 1.0, 1.0), (200, 1.0, 1.0)])
    view.reset()
    view.show_snapshot(replace(snap, history=perfect))
    (_, _), (y0, y1) = view.accuracy_plot.vb.viewRange()
    pixels_above_100 = (y1 - 100) / (y1 - y0) * height
    assert pixels_above_100 == pytest.approx(MARKER_ROOM, abs=0.5)
    assert view.train_accuracy_curve.opts["symbolSize"] / 2 < pixels_above_100
    assert 97 < y0 < 98.5  # and does not show 0-100 %


def test_legends_sit_beside_the_plots_not_on_them(view, stepped_session):
    view.show_snapshot(stepped_session("xor", 25).snapshot())
    for legend, plot in ((view.loss_legend, view.loss_plot), (view.accuracy_legend, view.accuracy_plot)):
        box = legend.legend.sceneBoundingRect()
        assert box.width() > 50
        assert not box.intersects(plot.vb.sceneBoundingRect())
    assert view.loss_legend.names == ["loss per step", "smoothed (EMA 0.9)", "train loss (epoch)", "test loss (epoch)"]
    assert view.accuracy_legend.names == ["train, running (last 2,000 samples)", "train (epoch)", "test (epoch)"]


def test_legends_wrap_in_a_narrow_window_rather_than_get_cut(view, qtbot):
    assert view.loss_legend.columns == 4  # one row at 900 px
    view.resize(360, 600)
    qtbot.waitUntil(lambda: view.loss_legend.columns < 4, timeout=2000)
    for legend in (view.loss_legend, view.accuracy_legend):
        assert legend.needed_width() <= view.graphics.width()


def test_the_raw_loss_is_pale_under_a_smoothed_line_that_stands_out(view):
    def lightness(curve):
        return curve.opts["pen"].color().lightness()

    assert lightness(view.raw_curve) > lightness(view.smooth_curve) + 60
    assert view.raw_curve.opts["pen"].color().alpha() == 255  # opaque: the fast way to draw
    assert view.smooth_curve.zValue() > view.raw_curve.zValue()
    assert view.smooth_curve.opts["pen"].widthF() > view.raw_curve.opts["pen"].widthF()


def test_reset_says_how_many_samples_the_running_accuracy_covers(view, stepped_session):
    view.reset(NewSession.of(stepped_session("xor", 0)))
    assert view.running_window == 4
    assert view.accuracy_legend.names[0] == "train, running (last 4 samples)"


def test_while_a_run_grows_both_plots_show_its_first_and_newest_step(view, stepped_session):
    session = stepped_session("xor", 0)
    for steps in (1, 40, 300, 2_000):
        while session.step_count < steps:
            session.step()
        view.show_snapshot(session.snapshot())
        view.grab()  # painted: what the learner sees
        for plot in (view.loss_plot, view.accuracy_plot):
            x0, x1 = plot.vb.viewRange()[0]
            assert x0 < 1 and x1 >= steps, (plot, steps)
            assert x1 - x0 <= 1.1 * steps + 2  # the run fills the plot: no far-off end
        y0, y1 = view.loss_plot.vb.viewRange()[1]
        losses = np.concatenate([c.getOriginalDataset()[1] for c in (view.raw_curve, view.smooth_curve)])
        assert y0 <= losses.min() and y1 >= losses.max()  # every loss drawn, the newest too
        assert y1 - y0 <= 1.3 * max(losses.max() - losses.min(), 0.1 * losses.max())  # and little more


def test_a_zoomed_step_axis_stays_until_the_auto_range_button_follows_the_run_again(view, stepped_session):
    session = stepped_session("xor", 50)
    view.show_snapshot(session.snapshot())
    view.loss_plot.vb.setXRange(10, 20, padding=0)  # the learner zooms in (as with the mouse wheel)
    for _ in range(30):
        session.step()
    view.show_snapshot(session.snapshot())
    assert view.loss_plot.vb.viewRange()[0] == pytest.approx([10, 20])
    view.loss_plot.vb.enableAutoRange(x=True)  # pyqtgraph's "A" button
    session.step()
    view.show_snapshot(session.snapshot())
    assert view.loss_plot.vb.viewRange()[0][1] >= 81
