"""The main window driven like a learner drives it: buttons, shortcuts, sliders, menus."""

import os
import signal
import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from nnviz.gui.window.main_window import MainWindow
from nnviz.training.phases import Phase
from nnviz.gui.window.transport import FULL_SPEED, SLOW_MOTION
from nnviz.training import Hyperparameters, get_preset


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "nnviz.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow("xor", settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None, timeout=10000)
    pid = w.trainer.pid
    yield w
    w.close()
    assert_gone(pid)


def assert_gone(pid, timeout=1.0):
    """The trainer process `pid` has ended (and was reaped: no zombie either)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    raise AssertionError(f"the trainer process {pid} is still there")


def drawn_after(qtbot, window, action, step=None):
    """Trigger `action`, then wait until the views show a newer snapshot (at training step `step`,
    if given: snapshots of earlier commands may still be on their way)."""
    before = window.shown_snapshot
    action()
    qtbot.waitUntil(lambda: window.shown_snapshot is not before and window.shown_snapshot is not None
                    and (step is None or window.shown_snapshot.step == step), timeout=5000)
    return window.shown_snapshot


def test_opens_on_xor_ready_to_play(window):
    assert window.info.preset.name == "xor"
    assert window.info.architecture.sizes == (2, 10, 1)
    assert window.transport.play.text() == "Play"
    assert "step <b>0</b>" in window.transport.counters.text()


def test_step_buttons_advance_the_counters_exactly(qtbot, window):
    # Mini-batches of 3 on XOR's 4 samples: a sample step, then a batch that ends the epoch.
    window.controls.mode.setCurrentIndex(window.controls.mode.findData("minibatch"))
    window.controls.batch_size.setValue(3)
    qtbot.waitUntil(lambda: window.shown_snapshot.hyperparameters.batch_size == 3, timeout=2000)
    snap = drawn_after(qtbot, window, window.transport.step_sample.trigger, step=1)
    assert (snap.step, snap.samples_seen, snap.epoch) == (1, 1, 0)
    snap = drawn_after(qtbot, window, window.transport.step_batch.trigger, step=2)
    assert (snap.step, snap.samples_seen, snap.epoch) == (2, 4, 1)
    snap = drawn_after(qtbot, window, window.transport.step_epoch.trigger, step=4)
    assert (snap.step, snap.samples_seen, snap.epoch) == (4, 8, 2)
    assert "samples <b>8</b>" in window.transport.counters.text()


def test_keyboard_shortcut_steps(qtbot, window):
    window.network_view.setFocus()
    snap = drawn_after(qtbot, window, lambda: qtbot.keyClick(window, Qt.Key_Right), step=1)
    assert snap.step == 1


def type_into(qtbot, line_edit, text: str) -> None:
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key_Return)


def test_learning_rate_slider_stops_reach_the_trainer(qtbot, window):
    lr = window.controls.lr
    lr.setValue(lr.value() + 1)  # from 0.1, the next stop up: 1, 2, 3, 5 in every decade
    qtbot.waitUntil(lambda: window.shown_snapshot.hyperparameters.lr == pytest.approx(0.2), timeout=2000)
    assert window.controls.lr_edit.text() == "0.2"
    lr.setValue(lr.value() - 3)  # 0.1, 0.05, 0.03: so 0.003 and 0.03 are stops too
    qtbot.waitUntil(lambda: window.shown_snapshot.hyperparameters.lr == pytest.approx(0.03), timeout=2000)
    assert window.controls.lr_edit.text() == "0.03"


def test_any_learning_rate_can_be_typed_and_bad_input_keeps_the_value(qtbot, window):
    edit = window.controls.lr_edit
    type_into(qtbot, edit, "0.0037")
    qtbot.waitUntil(lambda: window.shown_snapshot.hyperparameters.lr == 0.0037, timeout=2000)
    assert window.controls.learning_rate == 0.0037 and window.controls.current_preset().hyperparameters.lr == 0.0037
    assert "Learning rate: 0.0037" in window.statusBar().currentMessage()
    type_into(qtbot, edit, "fast")
    assert edit.text() == "0.0037" and window.controls.learning_rate == 0.0037
    error = window.controls.lr_error
    assert error.isVisible() and error.text() == "“fast” is not a number (type one such as 0.003 or 3e-3); it stays 0.0037."
    type_into(qtbot, edit, "0")
    assert edit.text() == "0.0037" and "above 0 and at most 100" in error.text()
    type_into(qtbot, edit, "3e-3")  # typed again after the slider moved it elsewhere
    qtbot.waitUntil(lambda: window.shown_snapshot.hyperparameters.lr == 0.003, timeout=2000)
    assert not error.isVisible() and edit.text() == "0.003"


def test_a_setting_change_is_said_in_words_in_the_status_bar(window):
    window.controls.mode.setCurrentIndex(window.controls.mode.findData("batch"))
    assert window.statusBar().currentMessage() == "Gradient descent: full batch (applies at the next step)"
    window.controls.epochs.setValue(40)
    assert window.statusBar().currentMessage() == "Training stops after 40 epochs (applies at the next step)"


def test_the_toy_presets_start_at_a_pace_a_learner_can_watch(qtbot, window):
    assert window.transport.steps_per_second == 30 and window.transport.full_speed.isEnabled()
    started = time.monotonic()
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.step >= 20, timeout=10000)  # it trains...
    qtbot.wait(1000)
    snap, elapsed = window.shown_snapshot, time.monotonic() - started
    # ...but no faster than the pace (a ceiling, whatever the machine): at full speed XOR is done in ~2 s.
    assert snap.step <= 30 * elapsed + 5 and not snap.finished
    assert window.transport.play.text() == "Pause"
    window.transport.full_speed.trigger()  # full speed is one click away
    assert window.transport.speed.value() == FULL_SPEED and window.transport.steps_per_second is None
    assert not window.transport.full_speed.isEnabled()
    qtbot.waitUntil(lambda: window.shown_snapshot.step > snap.step + 400, timeout=10000)


def test_a_preset_brings_its_pace_and_mnist_trains_at_full_speed(qtbot, window):
    window.transport.speed.setValue(SLOW_MOTION)
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("neuron"))
    qtbot.waitUntil(lambda: window.info.preset.name == "neuron", timeout=5000)
    assert window.transport.steps_per_second == get_preset("neuron").pace
    window.transport.reset.trigger()  # a reset keeps the pace the learner chose
    window.transport.speed.setValue(FULL_SPEED - 1)
    qtbot.waitUntil(lambda: window.shown_snapshot is not None and window.shown_snapshot.step == 0, timeout=5000)
    assert window.transport.steps_per_second == 300
    assert get_preset("mnist-fast").pace is None and get_preset("mnist-book").pace is None


def test_play_and_pause_take_the_same_room_in_the_toolbar(qtbot, window):
    t = window.transport
    button = t.widgetForAction(t.play)
    step = t.widgetForAction(t.step_sample)
    before = (button.width(), step.x())
    t.play.trigger()
    qtbot.waitUntil(lambda: t.play.text() == "Pause", timeout=2000)
    qtbot.wait(50)  # a layout pass
    assert (button.width(), step.x()) == before
    assert button.width() >= button.fontMetrics().horizontalAdvance("Pause")


def test_xor_trains_to_100_percent_through_the_gui(qtbot, window):
    window.transport.full_speed.trigger()
    with qtbot.waitSignal(window.trainer.training_finished, timeout=30000):
        qtbot.mouseClick(window.transport.widgetForAction(window.transport.play), Qt.LeftButton)
    # The status line waits for the snapshot it speaks of: the counters agree with it when it shows.
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Finished"), timeout=5000)
    assert "epoch <b>500</b> · step <b>2,000</b>" in window.transport.counters.text()
    assert window.shown_snapshot.finished and window.shown_snapshot.history["test_accuracy"][-1] == 1.0
    assert window.statusBar().currentMessage().startswith("Finished 500 epochs — test accuracy 100.0\u2009%")
    assert window.transport.play.text() == "Play"


def test_gender_shows_emily_female_and_frank_male(qtbot, window):
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("gender"))
    qtbot.waitUntil(lambda: window.info.preset.name == "gender", timeout=5000)
    window.transport.full_speed.trigger()
    with qtbot.waitSignal(window.trainer.training_finished, timeout=30000):
        window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.finished, timeout=5000)
    predictions = window.surface_view.query_predictions()
    assert predictions["Emily"][1] == "female"
    assert predictions["Frank"][1] == "male"


def test_nan_learning_rate_pauses_with_a_message(qtbot, window):
    diverging = replace(get_preset("gender"), hidden="identity", output="identity",
                        hyperparameters=Hyperparameters(lr=50.0, granularity="batch", epochs=None))
    window.load_preset(diverging)
    qtbot.waitUntil(lambda: window.info is not None and window.info.preset.hidden == "identity", timeout=5000)
    with qtbot.waitSignal(window.trainer.failed, timeout=10000):
        window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.transport.play.text() == "Play", timeout=2000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Diverged: loss became") and "Lower the learning rate or Reset" in message


def test_closing_mid_training_ends_the_trainer_process(qtbot, settings):
    w = MainWindow("xor", settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.info is not None, timeout=10000)
    w.controls.epochs.setValue(100000)
    w.transport.play.trigger()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None and w.shown_snapshot.step > 50, timeout=5000)
    pid = w.trainer.pid
    start = time.monotonic()
    w.close()
    assert time.monotonic() - start < 1.0
    assert_gone(pid)
    assert settings.value("geometry") is not None


def stepping_through_mnist(qtbot, settings, data_dir) -> MainWindow:
    """A window on mnist-book a hundred steps into a Step epoch of 60,000 single samples (about ten
    seconds of stepping)."""
    w = MainWindow("mnist-book", data_dir=data_dir, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.info is not None and w.shown_snapshot is not None, timeout=20000)
    with qtbot.waitSignal(w.trainer.epoch_run_changed, timeout=5000):
        w.transport.step_epoch.trigger()
    qtbot.waitUntil(lambda: w.shown_snapshot.step > 100, timeout=5000)
    return w


def test_closing_during_a_long_step_epoch_exits_at_once(qtbot, settings, mnist_data_dir):
    w = stepping_through_mnist(qtbot, settings, mnist_data_dir)
    assert w.epoch_progress.isVisible() and 0 < w.epoch_progress.value() < 1000
    pid = w.trainer.pid
    start = time.monotonic()
    w.close()
    assert time.monotonic() - start < 1.0
    assert_gone(pid)


def test_step_epoch_can_be_cancelled_and_shows_its_progress(qtbot, settings, mnist_data_dir):
    window = stepping_through_mnist(qtbot, settings, mnist_data_dir)
    assert window.transport.play.text() == "Pause"
    with qtbot.waitSignal(window.trainer.epoch_run_changed, timeout=1000):  # 100 ms: tests/training
        qtbot.mouseClick(window.epoch_cancel, Qt.LeftButton)
    assert not window.epoch_progress.isVisible() and window.transport.play.text() == "Play"
    qtbot.wait(100)
    step = window.shown_snapshot.step
    qtbot.wait(200)
    assert window.shown_snapshot.step == step and window.shown_snapshot.epoch == 0
    window.close()


def test_a_killed_trainer_is_restarted_with_the_last_settings(qtbot, window):
    window.controls.add_layer.click()
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 10, 10, 1), timeout=5000)
    old = window.trainer.pid
    with qtbot.waitSignal(window.trainer.failed, timeout=5000) as failed:
        os.kill(old, signal.SIGKILL)
    assert "stopped unexpectedly (ended by SIGKILL)" in failed.args[0] and "restarted" in failed.args[0]
    qtbot.waitUntil(lambda: window.shown_snapshot is not None and window.trainer.pid != old, timeout=10000)
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 10, 10, 1) and window.shown_snapshot.step == 0, timeout=10000)
    assert "restarted" in window.statusBar().currentMessage()
    qtbot.wait(600)  # the rebuilt session's own line does not replace the reason
    assert "stopped unexpectedly (ended by SIGKILL)" in window.statusBar().currentMessage()
    snap = drawn_after(qtbot, window, window.transport.step_sample.trigger, step=1)
    assert snap.step == 1


def test_a_trainer_stopped_in_the_middle_of_a_snapshot_never_blocks_the_window(qtbot, settings):
    from nnviz.data.bundled import bundled_mnist_dir

    # A snapshot of mnist-fast is megabytes: stopped while sending one, the trainer leaves half a
    # message in the pipe. The window must neither wait for the rest nor for the commands it sends.
    window = MainWindow("mnist-fast", data_dir=bundled_mnist_dir(), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.info is not None and window.shown_snapshot is not None, timeout=20000)
    frozen = window.trainer.pid
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.step > 2, timeout=10000)
    os.kill(frozen, signal.SIGSTOP)
    start = time.monotonic()
    for k in range(3000):  # far more than a pipe holds
        window.trainer.apply(lr=0.001 + k * 1e-6)
    assert time.monotonic() - start < 1.0
    with qtbot.waitSignal(window.trainer.failed, timeout=6000) as failed:
        window.transport.play.trigger()  # pause
    assert "did not answer" in failed.args[0]
    assert_gone(frozen)
    window.close()


def test_a_trainer_that_stops_answering_is_ended_and_replaced(qtbot, window):
    frozen = window.trainer.pid
    window.transport.play.trigger()
    os.kill(frozen, signal.SIGSTOP)  # alive, but deaf
    start = time.monotonic()
    with qtbot.waitSignal(window.trainer.failed, timeout=5000) as failed:
        window.transport.play.trigger()  # pause: the trainer must answer within 2 s
    assert 1.5 < time.monotonic() - start < 3.5
    assert "did not answer" in failed.args[0]
    assert_gone(frozen)
    assert window.transport.play.text() == "Play"
    qtbot.waitUntil(lambda: window.trainer.pid not in (None, frozen) and window.info.preset.name == "xor", timeout=10000)


def test_slow_motion_phases_play_in_order(qtbot, window):
    shown = []
    window.phase_player.phase_shown.connect(lambda phase, snap: shown.append(phase))
    window.transport.phase_seconds.setValue(0.2)
    window.transport.speed.setValue(SLOW_MOTION)
    with qtbot.waitSignal(window.phase_player.finished, timeout=5000):
        window.transport.step_sample.trigger()
    assert shown == [
        Phase("input"), Phase("forward", 1), Phase("forward", 2), Phase("loss"),
        Phase("backward", 2), Phase("backward", 1), Phase("update"),
    ]


def test_architecture_edit_rebuilds_the_network_and_the_summary_says_what_is_built(qtbot, window):
    assert window.controls.summary.text() == get_preset("xor").summary
    window.controls.add_layer.click()
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 10, 10, 1), timeout=5000)
    assert window.controls.summary.text() == (
        "xor, changed: 2-10-10-1, tanh hidden, sigmoid output, binary cross-entropy; "
        "SGD at learning rate 0.1, one sample per step")
    window.controls.hidden_rows[0].size.setValue(4)
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 4, 10, 1), timeout=5000)
    assert window.controls.summary.text().startswith("xor, changed: 2-4-10-1, tanh hidden")
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("gender"))
    assert window.controls.summary.text() == get_preset("gender").summary


def test_reset_and_preset_changes_keep_the_tab_the_learner_is_on(qtbot, settings, window):
    window.tabs.show_tab("weights")
    window.transport.reset.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot is not None and window.shown_snapshot.step == 0, timeout=5000)
    assert window.tabs.current_key == "weights"
    window.load_preset(get_preset("gender"))
    qtbot.waitUntil(lambda: window.info.preset.name == "gender", timeout=5000)
    assert window.tabs.current_key == "weights"
    assert not window.tabs.is_shown("fields") and not window.tabs.is_shown("evaluation")
    window.tabs.show_tab("pad")
    window.close()
    assert settings.value("tab_key") == "pad"


def test_the_tab_is_remembered_by_key_and_a_missing_one_falls_back(qtbot, settings):
    settings.setValue("tab_key", "evaluation")  # XOR has no evaluation tab
    w = MainWindow("xor", settings=settings)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.info is not None, timeout=10000)
    assert w.tabs.current_key == "curves"
    w.tabs.show_tab("pad")
    w.close()
    again = MainWindow("gender", settings=settings)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.info is not None, timeout=10000)
    assert again.tabs.current_key == "pad"
    again.close()


def test_clicking_a_neuron_of_a_small_network_shows_its_map_in_the_surface_panel(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(window.surface_view, "show_neuron", shown.append)
    diagram = window.network_view
    qtbot.waitUntil(lambda: diagram.node_center(1, 3) is not None, timeout=2000)
    qtbot.mouseClick(diagram, Qt.LeftButton, pos=diagram.node_center(1, 3).toPoint())
    assert shown[-1] == (1, 3) and diagram.selected_neuron == (1, 3)


def test_reset_gives_the_same_starting_weights_or_new_ones(qtbot, window):
    first = window.shown_snapshot.weights[0].copy()
    drawn_after(qtbot, window, window.transport.step_epoch.trigger, step=4)
    snap = drawn_after(qtbot, window, window.transport.reset.trigger, step=0)
    assert snap.step == 0 and (snap.weights[0] == first).all()
    snap = drawn_after(qtbot, window, window.transport.reset_new.trigger, step=0)
    assert snap.step == 0 and not (snap.weights[0] == first).all()


def test_cancelling_the_mnist_dialog_at_start_falls_back_to_xor(qtbot, settings, tmp_path, monkeypatch):
    from nnviz.gui.window.mnist_dialog import MnistDataDialog

    monkeypatch.setattr(MnistDataDialog, "exec", lambda self: MnistDataDialog.Rejected)
    w = MainWindow("mnist-book", data_dir=tmp_path / "empty", settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.info is not None, timeout=10000)
    assert w.info.preset.name == "xor" and w.controls.current_preset().name == "xor"
    assert "MNIST is not on this computer" in w.statusBar().currentMessage()
    w.close()


def test_loading_a_bad_model_file_shows_a_message(qtbot, window, tmp_path):
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"\x00" * 100)
    with qtbot.waitSignal(window.trainer.failed, timeout=5000):
        window.trainer.load(bad)
    assert "broken.npz" in window.statusBar().currentMessage()


def test_mnist_trains_in_the_window_and_the_confusion_matrix_adds_up(qtbot, tmp_path):
    from nnviz.data.bundled import bundled_mnist_dir

    window = MainWindow("mnist-fast", data_dir=bundled_mnist_dir(), settings=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.info is not None and window.info.dataset.name == "mnist", timeout=10000)
    assert window.network_view is window.mnist_view
    assert window.tabs.current_key == "curves" and not window.surface_view.isVisible()
    assert window.tabs.is_shown("fields") and window.tabs.is_shown("evaluation")
    window.tabs.show_tab("evaluation")
    snap = drawn_after(qtbot, window, window.transport.step_epoch.trigger, step=10)  # 5,000 / 512
    assert snap.epoch == 1 and len(snap.last_step.batch_indices) == 5000 - 9 * 512  # the last, short batch
    assert snap.last_step.grad_input is None  # dL/dx is for steps watched one by one: not paid for here
    counts = window.evaluation_view.cell_counts()
    assert counts.sum() == len(window.info.dataset.x_test) == 1000
    assert (counts == snap.evaluation.confusion).all()
    snap = drawn_after(qtbot, window, window.transport.step_sample.trigger, step=11)
    assert snap.last_step.grad_input.shape == (1, 784)  # "what would change this answer", for its one sample
    window.close()


def test_a_refused_rebuild_puts_the_controls_back_to_what_is_training(qtbot, window):
    too_wide = replace(get_preset("xor"), sizes=(2, 500, 1), hidden=("tanh",))
    with qtbot.waitSignal(window.trainer.failed, timeout=5000) as failed:
        window.load_preset(too_wide)
    assert "500 neurons" in failed.args[0]
    assert window.controls.current_preset().sizes == (2, 10, 1) == window.info.architecture.sizes


def scribble(qtbot, canvas) -> None:
    """One stroke across the pad's canvas, as a mouse draws it."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    qtbot.mousePress(canvas, Qt.LeftButton, pos=QPointF(140, 50).toPoint())
    for y in range(50, 231, 4):
        pos = QPointF(140, y)
        QApplication.sendEvent(canvas, QMouseEvent(QEvent.Type.MouseMove, pos, canvas.mapToGlobal(pos), Qt.NoButton,
                                                   Qt.LeftButton, Qt.NoModifier))
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=QPointF(140, 230).toPoint())


def test_a_drawn_digit_is_shown_with_the_network_that_classified_it(qtbot, monkeypatch):
    from nnviz.data.bundled import bundled_mnist_dir, bundled_model_path
    from nnviz.engine.model_file import load_model

    window = MainWindow("mnist-fast", data_dir=bundled_mnist_dir(), settings=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.info is not None and window.shown_snapshot is not None, timeout=20000)
    traces = []
    monkeypatch.setattr(window.mnist_view, "show_trace",
                        lambda trace, weights, biases, label=None: traces.append((trace, weights, biases)))
    window.tabs.show_tab("pad")
    assert window.pad.current_source == "bundled"
    # Which network classifies (not the one in training), and theme.percent of its metadata.
    assert window.pad.source_note.text() == "784-256-128-10 relu · 98.95\u2009% on MNIST's test set"
    scribble(qtbot, window.pad.canvas)
    qtbot.waitUntil(lambda: len(traces) > 0, timeout=2000)
    trace, weights, biases = traces[-1]
    bundled = load_model(bundled_model_path()).network
    assert all((W == W_b).all() for W, W_b in zip(weights, bundled.weights))
    assert all((b == b_b).all() for b, b_b in zip(biases, bundled.biases))
    assert window.stage.showing_drawing

    # The network in training: its own parameters, from the snapshot that classified the drawing.
    traces.clear()
    window.pad.select_source("training")
    window.pad_sources.follow_training(window.info, window.shown_snapshot, force=True)
    qtbot.waitUntil(lambda: len(traces) > 0, timeout=2000)
    _, weights, biases = traces[-1]
    assert all((W == W_s).all() for W, W_s in zip(weights, window.shown_snapshot.weights))

    window.tabs.show_tab("curves")  # back to watching training
    assert not window.stage.showing_drawing
    window.close()


def test_a_loaded_model_s_layers_show_in_the_controls_and_the_summary(qtbot, window, tmp_path):
    from nnviz.engine import Network
    from nnviz.engine.model_file import save_model

    path = tmp_path / "xor-2-4-1.npz"
    save_model(path, Network([2, 4, 1], hidden="tanh", output="sigmoid", loss="bce", seed=3))
    window.controls.lr_edit.setText("0.05")
    window.controls.lr_edit.editingFinished.emit()
    window.load_model(path)
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 4, 1), timeout=5000)
    assert [row.size.value() for row in window.controls.hidden_rows] == [4]
    assert window.controls.learning_rate == 0.05  # the learner's setting stays
    assert window.controls.summary.text().startswith("xor, changed: 2-4-1, tanh hidden, sigmoid output")


XOR_PHASES = [Phase("input"), Phase("forward", 1), Phase("forward", 2), Phase("loss"),
              Phase("backward", 2), Phase("backward", 1), Phase("update")]


def test_phase_stepping_walks_the_phases_back_and_forth_and_changes_no_weight(qtbot, window):
    snap = drawn_after(qtbot, window, window.transport.step_sample.trigger, step=1)
    player, t = window.phase_player, window.transport
    seen = []
    for k, expected in enumerate(XOR_PHASES, start=1):
        t.next_phase.trigger()
        assert player.phase == expected and player.held and player.position == (k, 7)
        assert window.phase_caption.text().startswith(f"Phase {k} of 7: {expected.kind}")
        assert window.network_view.phase_text == expected.label()
        seen.append(player.snapshot)
    for expected in reversed(XOR_PHASES[:-1]):
        t.previous_phase.trigger()
        assert player.phase == expected
    t.previous_phase.trigger()  # the first phase is as far back as a step goes
    assert player.phase == Phase("input") and "first phase" in window.statusBar().currentMessage()
    qtbot.wait(300)  # held: nothing trains meanwhile
    now = window.shown_snapshot
    assert now.step == snap.step == 1 and window.trainer.state == "paused"
    for held in seen + [now, player.snapshot]:
        assert held.step == 1
        for W, W0 in zip(held.weights, snap.weights):
            assert (W == W0).all()


def test_next_phase_past_the_update_trains_one_step_and_holds_its_first_phase(qtbot, window):
    drawn_after(qtbot, window, window.transport.step_sample.trigger, step=1)
    player, t = window.phase_player, window.transport
    t.previous_phase.trigger()  # from the whole step: its last phase
    assert player.phase == Phase("update")
    with qtbot.waitSignal(player.phase_shown, timeout=5000, check_params_cb=lambda phase, snap: snap.step == 2):
        t.next_phase.trigger()
    assert player.phase == Phase("input") and player.held and window.shown_snapshot.step == 2
    qtbot.keyClick(window, Qt.Key_Period)  # the keys , and . do the same
    assert player.phase == Phase("forward", 1)
    qtbot.keyClick(window, Qt.Key_Comma)
    assert player.phase == Phase("input")
    window.transport.play.trigger()  # training on: no phase is held any more
    qtbot.waitUntil(lambda: not player.held and player.phase is None, timeout=3000)
    qtbot.waitUntil(lambda: window.shown_snapshot.step > 3, timeout=5000)


def test_next_phase_before_any_step_trains_one(qtbot, window):
    with qtbot.waitSignal(window.phase_player.phase_shown, timeout=5000):
        window.transport.next_phase.trigger()
    assert window.phase_player.phase == Phase("input") and window.shown_snapshot.step == 1


def test_the_time_per_phase_sets_the_slow_motion_timer_and_is_remembered(qtbot, settings, window):
    t = window.transport
    assert (t.phase_seconds.minimum(), t.phase_seconds.maximum()) == (0.2, 5.0)
    t.phase_seconds.setValue(2.5)
    assert window.phase_player.phase_seconds == 2.5 and window.phase_player.interval_ms == 2500
    t.speed.setValue(SLOW_MOTION)  # the trainer waits for a step's 7 phases (and a short rest)
    assert window.controller.trainer_pace == pytest.approx(1 / (7 * 2.5 + 0.5))
    t.phase_seconds.setValue(0.2)
    assert window.phase_player.interval_ms == 200
    assert window.controller.trainer_pace == pytest.approx(1 / (7 * 0.2 + 0.5))
    t.phase_seconds.setValue(1.5)
    window.close()
    again = MainWindow("xor", settings=settings)
    qtbot.addWidget(again)
    assert again.transport.phase_seconds.value() == 1.5 and again.phase_player.phase_seconds == 1.5
    again.close()


def click_neuron(qtbot, window, layer, index):
    view = window.network_view
    qtbot.mouseClick(view, Qt.LeftButton, pos=view.node_center(layer, index).toPoint())


def test_clicking_a_neuron_opens_the_inspector_on_its_arithmetic(qtbot, window):
    from nnviz.gui.theme import precise

    drawn_after(qtbot, window, window.transport.step_sample.trigger, step=1)
    dock = window.inspector
    assert not dock.isVisible()
    click_neuron(qtbot, window, 1, 2)
    assert dock.isVisible() and dock.neuron == (1, 2)
    qtbot.waitUntil(lambda: dock.shown_explanation is not None, timeout=5000)
    e = window.shown_snapshot.inspection
    assert (e.layer, e.index, e.step) == (1, 2, 1) and dock.shown_explanation == e
    assert precise(e.forward.z) in dock.text and precise(e.backward.delta) in dock.text
    window.transport.next_phase.trigger()
    window.transport.next_phase.trigger()  # forward through layer 1: this neuron's part
    assert dock.highlighted_part == "forward"
    click_neuron(qtbot, window, 2, 0)  # another neuron: its explanation, same phase held
    qtbot.waitUntil(lambda: dock.shown_explanation is not None and dock.shown_explanation.layer == 2, timeout=5000)
    assert window.phase_player.phase == Phase("forward", 1) and dock.highlighted_part is None
    qtbot.mouseClick(window.network_view, Qt.LeftButton, pos=window.network_view.rect().topLeft() + QPoint(3, 3))
    assert dock.isVisible() and "Click a neuron to see its arithmetic" in dock.text


def test_the_inspector_works_on_mnist_s_grids(qtbot):
    from nnviz.data.bundled import bundled_mnist_dir

    window = MainWindow("mnist-fast", data_dir=bundled_mnist_dir(), settings=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.info is not None and window.info.dataset.name == "mnist", timeout=10000)
    drawn_after(qtbot, window, window.transport.step_batch.trigger, step=1)
    click_neuron(qtbot, window, 2, 7)
    dock = window.inspector
    qtbot.waitUntil(lambda: dock.shown_explanation is not None, timeout=5000)
    e = dock.shown_explanation
    assert (e.layer, e.index) == (2, 7) and e.batch_size > 1
    assert "averaged over the batch" in dock.text
    window.close()
