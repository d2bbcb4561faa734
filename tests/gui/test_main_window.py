"""The main window driven like a learner drives it: buttons, shortcuts, sliders, menus."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt

from nnviz.gui.main_window import MainWindow
from nnviz.gui.phases import Phase
from nnviz.gui.transport import SLOW_MOTION
from nnviz.training import Hyperparameters, get_preset


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "nnviz.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow("xor", settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w._drawn is not None, timeout=5000)
    yield w
    w.close()
    assert not w.worker.isRunning()


def drawn_after(qtbot, window, action, step=None):
    """Trigger `action`, then wait until the views show a newer snapshot (at training step `step`,
    if given: snapshots of earlier commands may still be on their way)."""
    before = window._drawn
    action()
    qtbot.waitUntil(lambda: window._drawn is not before and window._drawn is not None
                    and (step is None or window._drawn.step == step), timeout=5000)
    return window._drawn


def test_opens_on_xor_ready_to_play(window):
    assert window.info.preset.name == "xor"
    assert window.info.sizes == (2, 10, 1)
    assert window.transport.play.text() == "Play"
    assert "step <b>0</b>" in window.transport.counters.text()


def test_step_buttons_advance_the_counters_exactly(qtbot, window):
    # Mini-batches of 3 on XOR's 4 samples: a sample step, then a batch that ends the epoch.
    window.controls.mode.setCurrentIndex(window.controls.mode.findData("minibatch"))
    window.controls.batch_size.setValue(3)
    qtbot.waitUntil(lambda: window.worker.session.batch_size == 3, timeout=2000)
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


def test_learning_rate_slider_reaches_the_worker(qtbot, window):
    window.controls.lr.setValue(-5)  # 10 ** -0.5
    qtbot.waitUntil(lambda: window.worker.session.hyperparameters.lr == pytest.approx(0.32), timeout=2000)
    assert window.controls.lr_label.text() == "0.32"


def test_xor_trains_to_100_percent_through_the_gui(qtbot, window):
    with qtbot.waitSignal(window.worker.training_finished, timeout=30000):
        qtbot.mouseClick(window.transport.widgetForAction(window.transport.play), Qt.LeftButton)
    qtbot.waitUntil(lambda: window._drawn is not None and window._drawn.finished, timeout=5000)
    assert window._drawn.history["test_accuracy"][-1] == 1.0
    assert "test accuracy 100.0%" in window.statusBar().currentMessage()
    assert window.transport.play.text() == "Play"


def test_gender_shows_emily_female_and_frank_male(qtbot, window):
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("gender"))
    qtbot.waitUntil(lambda: window.info.preset.name == "gender", timeout=5000)
    with qtbot.waitSignal(window.worker.training_finished, timeout=30000):
        window.transport.play.trigger()
    qtbot.waitUntil(lambda: window._drawn is not None and window._drawn.finished, timeout=5000)
    predictions = window.surface_view.query_predictions()
    assert predictions["Emily"][1] == "female"
    assert predictions["Frank"][1] == "male"


def test_nan_learning_rate_pauses_with_a_message(qtbot, window):
    diverging = replace(get_preset("gender"), hidden="identity", output="identity",
                        hyperparameters=Hyperparameters(lr=50.0, granularity="batch", epochs=None))
    window.load_preset(diverging)
    qtbot.waitUntil(lambda: window.info is not None and window.info.preset.hidden == "identity", timeout=5000)
    with qtbot.waitSignal(window.worker.failed, timeout=10000):
        window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.transport.play.text() == "Play", timeout=2000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Diverged: loss became") and "Lower the learning rate or Reset" in message


def test_closing_mid_training_stops_the_thread(qtbot, settings):
    w = MainWindow("xor", settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.info is not None, timeout=5000)
    w.controls.epochs.setValue(100000)
    w.transport.play.trigger()
    qtbot.waitUntil(lambda: w._drawn is not None and w._drawn.step > 50, timeout=5000)
    w.close()
    assert not w.worker.isRunning()
    assert settings.value("geometry") is not None


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
    qtbot.waitUntil(lambda: window.info.sizes == (2, 10, 10, 1), timeout=5000)
    window.controls.hidden_rows[0].size.setValue(4)
    qtbot.waitUntil(lambda: window.info.sizes == (2, 4, 10, 1), timeout=5000)


def test_reset_gives_the_same_starting_weights_or_new_ones(qtbot, window):
    first = window._drawn.weights[0].copy()
    drawn_after(qtbot, window, window.transport.step_epoch.trigger, step=4)
    snap = drawn_after(qtbot, window, window.transport.reset.trigger, step=0)
    assert snap.step == 0 and (snap.weights[0] == first).all()
    snap = drawn_after(qtbot, window, window.transport.reset_new.trigger, step=0)
    assert snap.step == 0 and not (snap.weights[0] == first).all()


def test_loading_a_bad_model_file_shows_a_message(qtbot, window, tmp_path):
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"\x00" * 100)
    with qtbot.waitSignal(window.worker.failed, timeout=5000):
        window.worker.load(bad)
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
