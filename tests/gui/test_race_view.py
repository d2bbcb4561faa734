"""The Race tab driven as a learner drives it: a race of the window's network in trainer processes of
its own, curves for every run, the x-axis toggle, export, and no process left behind."""

from __future__ import annotations

import csv
import os
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage

from nnviz.gui.race import RaceView
from nnviz.gui.race.race_runs import FINISHED, PAUSED, PLAYING
from nnviz.gui.window.main_window import MainWindow
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.race import race_presets
from nnviz.training.race_curves import LossKind, XAxis
from nnviz.training.trainer import PAUSED as TRAINER_PAUSED, PLAYING as TRAINER_PLAYING


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def assert_gone(pids, timeout=2.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end and any(alive(pid) for pid in pids):
        time.sleep(0.02)
    assert not [pid for pid in pids if alive(pid)], "trainer processes are still there"


def session_of(name: str) -> NewSession:
    preset = get_preset(name)
    return NewSession.of(build_session(preset), preset)


@pytest.fixture
def view(qtbot):
    v = RaceView()
    qtbot.addWidget(v)
    v.resize(1100, 420)
    v.reset(session_of("xor"))
    v.show()
    yield v
    pids = v.race.pids
    v.close()
    assert_gone(pids)


def trained(qtbot, view, steps=20):
    """Wait until every run has a snapshot after at least `steps` updates (of the slowest)."""
    qtbot.waitUntil(lambda: len(view.race.runs) > 0 and all(
        s.snapshot is not None and s.snapshot.step >= steps for s in view.race.runs), timeout=20000)


def test_the_tab_offers_the_three_modes_of_the_window_data(view):
    assert view.vary == "mode"
    assert view.values == ["stochastic", "minibatch:2", "batch"]  # 4 samples: a mini-batch of 2
    assert view.epochs_spin.value() == 500  # the xor preset's epochs
    assert not view.pause_button.isEnabled() and not view.step_button.isEnabled()
    view.vary_combo.setCurrentIndex(view.vary_combo.findData("optimizer"))
    assert view.values == ["sgd", "momentum", "adam"]


def test_starting_a_race_spawns_a_trainer_per_run_that_trains(qtbot, view):
    view.set_race("mode", ["stochastic", "minibatch:2", "batch"], epochs=100)
    with qtbot.waitSignal(view.race.runs_ready, timeout=20000):
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    pids = view.race.pids
    assert len(set(pids)) == 3 and os.getpid() not in pids and all(alive(pid) for pid in pids)
    trained(qtbot, view)
    assert view.race.state == PLAYING
    assert "3 runs share" in view.cpu_label.text() or "3 runs on" in view.cpu_label.text()
    assert "Varying the gradient-descent mode" in view.legend_label.text()
    # One epoch is 4 updates of one sample, 2 of two, 1 of four: as many epochs, not as many steps.
    qtbot.waitUntil(lambda: all(s.snapshot.epoch >= 5 for s in view.race.runs), timeout=20000)
    view.race.pause()
    qtbot.waitUntil(lambda: view.race.state == PAUSED, timeout=5000)
    for state, per_epoch in zip(view.race.runs, (4, 2, 1)):
        snap = state.snapshot
        assert snap.step == round((snap.epoch + snap.epoch_progress) * per_epoch)
        assert snap.samples_seen == round(4 * (snap.epoch + snap.epoch_progress))
    texts = [card.texts for card in view.cards]
    assert all(t["accuracy"].endswith("%") and int(t["updates"].replace(",", "")) > 0 for t in texts)


def test_runs_start_from_the_same_weights_in_their_processes(qtbot, view):
    runs = race_presets(view.base_preset(), "lr", ["0.01", "1"])
    view.race.start(runs, epochs=10, play=False)
    qtbot.waitUntil(lambda: len(view.race.runs) == 2 and all(s.snapshot is not None for s in view.race.runs),
                    timeout=20000)
    first, second = (s.snapshot for s in view.race.runs)
    assert first.step == second.step == 0
    for W1, W2 in zip(first.weights + first.biases, second.weights + second.biases):
        np.testing.assert_array_equal(W1, W2)
    assert view.race.state == PAUSED


def test_pause_and_step_move_every_run_together(qtbot, view):
    runs = race_presets(view.base_preset(), "mode", ["stochastic", "batch"])
    view.race.start(runs, epochs=100, play=False)
    qtbot.waitUntil(lambda: view.race.state == PAUSED and all(s.snapshot is not None for s in view.race.runs),
                    timeout=20000)
    assert view.pause_button.text() == "Resume" and view.step_button.isEnabled()
    qtbot.mouseClick(view.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [s.snapshot.step for s in view.race.runs] == [1, 1], timeout=5000)
    stochastic, batch = (s.snapshot for s in view.race.runs)
    assert (stochastic.samples_seen, batch.samples_seen) == (1, 4)
    qtbot.mouseClick(view.epoch_button, Qt.MouseButton.LeftButton)  # each to the end of its epoch
    qtbot.waitUntil(lambda: [s.snapshot.step for s in view.race.runs] == [4, 2], timeout=5000)
    assert [s.snapshot.epoch for s in view.race.runs] == [1, 2]
    qtbot.mouseClick(view.pause_button, Qt.MouseButton.LeftButton)  # "Resume"
    qtbot.waitUntil(lambda: view.race.state == PLAYING and view.pause_button.text() == "Pause", timeout=5000)
    qtbot.mouseClick(view.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.race.state == PAUSED and all(not s.playing for s in view.race.runs), timeout=5000)


def test_curves_get_points_for_every_run_and_the_toggle_changes_the_x_axis(qtbot, view):
    view.set_race("mode", ["stochastic", "batch"], epochs=30)
    view.pace_combo.setCurrentIndex(0)  # full speed: done in a moment
    assert view.start_race()
    qtbot.waitUntil(lambda: view.race.state == FINISHED, timeout=20000)
    # "finished" and each run's last snapshot travel separately: wait for both curves' last points
    qtbot.waitUntil(lambda: len(view.plot.curves) == 2 and [c.updates[-1:].tolist() for c in view.plot.curves]
                    == [[119], [29]], timeout=5000)
    stochastic, batch = view.plot.curves
    assert stochastic.updates[-1] == 119  # 30 epochs of 4 updates; each loss measured before its update
    assert stochastic.epochs[-1] == pytest.approx(29.75) and batch.epochs[-1] == 29
    items = view.plot.plot.listDataItems()
    assert len(items) == 2 and view.plot.x_axis is XAxis.EPOCHS
    assert items[0].xData.max() == pytest.approx(29.75)
    qtbot.mouseClick(view.plot.axis_buttons.button(2), Qt.MouseButton.LeftButton)  # "Updates"
    assert view.plot.x_axis is XAxis.UPDATES
    assert view.plot.plot.getAxis("bottom").labelText == "updates made"
    assert items[0].xData.max() == 119 and items[1].xData.max() == 29
    with qtbot.waitSignal(view.plot.x_axis_changed):
        qtbot.mouseClick(view.plot.axis_buttons.button(3), Qt.MouseButton.LeftButton)  # "Seconds"
    assert view.plot.plot.getAxis("bottom").labelText == "seconds of training"
    assert 0 < items[0].xData.max() <= view.race.runs[0].seconds
    qtbot.mouseClick(view.plot.axis_buttons.button(1), Qt.MouseButton.LeftButton)  # "Samples"
    assert items[0].xData.max() == 119 and items[1].xData.max() == 116  # both saw 120 samples


def test_export_writes_png_and_csv_with_the_right_columns(qtbot, view, tmp_path):
    view.set_race("lr", ["0.1", "1"], epochs=20)
    view.pace_combo.setCurrentIndex(0)
    assert view.start_race()
    qtbot.waitUntil(lambda: view.race.state == FINISHED, timeout=20000)
    qtbot.waitUntil(lambda: len(view.plot.curves) == 2 and len(view.plot.curves[1].updates) == 80, timeout=5000)
    assert view.plot.loss_kind is LossKind.SMOOTHED  # the band of one-sample updates, averaged over an epoch
    view.plot.loss_combo.setCurrentIndex(view.plot.loss_combo.findData(LossKind.UPDATE))
    png = view.plot.export_png(tmp_path / "race.png")
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200 and image.height() > 100
    path = view.plot.export_csv(tmp_path / "race.csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["run", "value", "updates", "samples_seen", "epochs", "seconds", "train_loss"]
    assert {row["run"] for row in rows} == {"lr 0.1", "lr 1"} and {row["value"] for row in rows} == {"0.1", "1"}
    assert len(rows) == 160 and rows[0]["updates"] == "0" and float(rows[79]["epochs"]) == 19.75
    view.plot.loss_combo.setCurrentIndex(view.plot.loss_combo.findData(LossKind.EPOCH))
    qtbot.waitUntil(lambda: len(view.plot.curves[0].updates) == 20, timeout=5000)
    view.plot.export_csv(path)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert "test_loss" in rows[0] and len(rows) == 40 and rows[-1]["epochs"] == "20"


def test_bad_values_are_refused_in_the_caption(qtbot, view):
    view.set_race("mode", ["stochastic", "sometimes"])
    assert not view.start_race()
    assert "unknown gradient-descent mode 'sometimes'" in view.legend_label.text()
    assert view.race.pids == []


def test_a_new_race_ends_the_old_runs(qtbot, view):
    view.set_race("optimizer", ["sgd", "adam"], epochs=50)
    assert view.start_race()
    trained(qtbot, view, steps=1)
    old = view.race.pids
    view.set_race("init", ["xavier", "he", "textbook"], epochs=50)
    assert view.start_race()
    assert_gone(old)
    trained(qtbot, view, steps=1)
    assert len(view.race.pids) == 3 and [c.title.text() for c in view.cards] == \
        ["<b>xavier init</b>", "<b>he init</b>", "<b>textbook init</b>"]


def test_the_window_races_its_own_network_and_closing_it_leaves_no_process(qtbot, tmp_path):
    window = MainWindow("gender", settings=QSettings(str(tmp_path / "nnviz.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.shown_snapshot is not None, timeout=10000)
    window.trainer.play()
    qtbot.waitUntil(lambda: window.trainer.state == TRAINER_PLAYING, timeout=5000)
    window.apply_fix({"lr": 0.5})  # changed live: the race takes it
    qtbot.waitUntil(lambda: window.controller.latest.hyperparameters.lr == 0.5, timeout=5000)
    assert window.tabs.show_tab("race")
    race = window.tabs["race"]
    assert race.base_preset().name == "gender" and race.base_preset().hyperparameters.lr == 0.5
    assert race.start_race()
    trained(qtbot, race, steps=1)
    assert {s.run.preset.hyperparameters.lr for s in race.race.runs} == {0.5}
    qtbot.waitUntil(lambda: window.trainer.state == TRAINER_PAUSED, timeout=5000)  # it makes way for the race
    pids = race.race.pids + [window.trainer.pid]
    assert len(set(pids)) == 4
    window.close()
    assert_gone(pids)


@pytest.mark.parametrize(("preset", "pattern"), [("sin", r"^\(−?\d\.\d+\)$"), ("xor", r"^\(\d+\.\d\u2009%\)$")])
def test_a_card_before_the_first_epoch_gives_the_running_score_in_the_task_s_terms(qtbot, preset, pattern):
    import re
    from dataclasses import replace as replaced
    from types import SimpleNamespace

    from nnviz.gui.race.run_card import RunCard
    from nnviz.training import build_session, get_preset
    from nnviz.training.architecture import NewSession

    session = build_session(get_preset(preset))
    session.step()
    card = RunCard("run", (200, 0, 0))
    qtbot.addWidget(card)
    card.reset(NewSession.of(session))
    snapshot = replaced(session.snapshot(with_surface=True), evaluation=None)
    card.show_run(SimpleNamespace(snapshot=snapshot, finished=False, seconds=0.1, error=None))
    assert re.match(pattern, card.texts["accuracy"]), card.texts["accuracy"]  # R² is no percentage
