"""The main window driven like a learner drives it: buttons, shortcuts, sliders, menus."""

import os
import signal
import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt

from nnviz.gui.window.main_window import MainWindow
from nnviz.training.phases import Phase
from nnviz.gui.window.transport import SLOW_MOTION
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


def test_learning_rate_slider_reaches_the_trainer(qtbot, window):
    window.controls.lr.setValue(-5)  # 10 ** -0.5
    qtbot.waitUntil(lambda: window.shown_snapshot.hyperparameters.lr == pytest.approx(0.32), timeout=2000)
    assert window.controls.lr_label.text() == "0.32"


def test_xor_trains_to_100_percent_through_the_gui(qtbot, window):
    with qtbot.waitSignal(window.trainer.training_finished, timeout=30000):
        qtbot.mouseClick(window.transport.widgetForAction(window.transport.play), Qt.LeftButton)
    qtbot.waitUntil(lambda: window.shown_snapshot.finished, timeout=5000)
    assert window.shown_snapshot.history["test_accuracy"][-1] == 1.0
    assert window.statusBar().currentMessage().startswith("Finished 500 epochs — test accuracy 100.0%")
    assert "epoch <b>500</b>" in window.transport.counters.text()
    assert window.transport.play.text() == "Play"


def test_gender_shows_emily_female_and_frank_male(qtbot, window):
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("gender"))
    qtbot.waitUntil(lambda: window.info.preset.name == "gender", timeout=5000)
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
    assert "stopped unexpectedly" in failed.args[0] and "restarted" in failed.args[0]
    qtbot.waitUntil(lambda: window.shown_snapshot is not None and window.trainer.pid != old, timeout=10000)
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 10, 10, 1) and window.shown_snapshot.step == 0, timeout=10000)
    assert "restarted" in window.statusBar().currentMessage()
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
    window.transport.speed.setValue(SLOW_MOTION)
    with qtbot.waitSignal(window.phase_player.finished, timeout=5000):
        window.transport.step_sample.trigger()
    assert shown == [
        Phase("input"), Phase("forward", 1), Phase("forward", 2), Phase("loss"),
        Phase("backward", 2), Phase("backward", 1), Phase("update"),
    ]


def test_architecture_edit_rebuilds_the_network(qtbot, window):
    window.controls.add_layer.click()
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 10, 10, 1), timeout=5000)
    window.controls.hidden_rows[0].size.setValue(4)
    qtbot.waitUntil(lambda: window.info.architecture.sizes == (2, 4, 10, 1), timeout=5000)


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
    assert window.tabs.currentWidget() is window.pad and not window.surface_view.isVisible()
    window.tabs.setCurrentWidget(window.evaluation_view)
    snap = drawn_after(qtbot, window, window.transport.step_epoch.trigger, step=10)  # 5,000 / 512
    assert snap.epoch == 1 and snap.last_step.grad_input.shape == (1, 784)  # its first sample
    assert len(snap.last_step.batch_indices) == 5000 - 9 * 512  # the last, short batch
    counts = window.evaluation_view.cell_counts()
    assert counts.sum() == len(window.info.dataset.x_test) == 1000
    assert (counts == snap.evaluation.confusion).all()
    window.close()


def test_a_refused_rebuild_puts_the_controls_back_to_what_is_training(qtbot, window):
    too_wide = replace(get_preset("xor"), sizes=(2, 500, 1), hidden=("tanh",))
    with qtbot.waitSignal(window.trainer.failed, timeout=5000) as failed:
        window.load_preset(too_wide)
    assert "500 neurons" in failed.args[0]
    assert window.controls.current_preset().sizes == (2, 10, 1) == window.info.architecture.sizes
