"""The gradient-check tab and the training hints, in the window as a learner meets them."""

import multiprocessing
from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt

from nnviz.gui.window.main_window import MainWindow
from nnviz.training import get_preset


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "nnviz.ini"), QSettings.IniFormat)


def open_window(qtbot, settings, preset):
    window = MainWindow(preset, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.shown_snapshot is not None, timeout=10000)
    return window


def test_the_gradient_check_tab_checks_the_shown_network_and_closing_ends_a_running_check(qtbot, settings):
    window = open_window(qtbot, settings, "xor")
    assert window.tabs.is_shown("gradcheck")
    window.tabs.show_tab("gradcheck")
    view = window.gradient_check
    qtbot.waitUntil(lambda: view.check_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(view.check_finished, timeout=30000) as finished:
        qtbot.mouseClick(view.check_button, Qt.LeftButton)
    assert finished.args[0].passed  # backprop agrees with central differences
    view.check()  # a second check, still running when the window closes
    assert view.is_checking
    window.close()
    qtbot.waitUntil(lambda: not multiprocessing.active_children(), timeout=2000)  # no check left behind


def test_a_hint_appears_when_the_learning_rate_is_far_too_high_and_its_fix_reaches_the_trainer(qtbot, settings):
    preset = get_preset("xor")
    wild = replace(preset, hyperparameters=preset.hyperparameters.updated(lr=50.0))
    window = open_window(qtbot, settings, wild)
    bar = window.hint_bar
    window.transport.full_speed.trigger()
    window.transport.play.setChecked(True)
    qtbot.waitUntil(lambda: bar.isVisible() and bar.current_hint is not None, timeout=15000)
    window.transport.play.setChecked(False)
    assert bar.fix_button.isVisible() and "learning rate" in bar.fix_button.text().lower()
    qtbot.mouseClick(bar.fix_button, Qt.LeftButton)
    # The controls show what the fix changed, and the trainer trains with it (a fresh network for a
    # wrecked one, a live change otherwise): either way the rate is below 50 now.
    qtbot.waitUntil(lambda: window.controls.current_preset().hyperparameters.lr < 50.0, timeout=5000)
    qtbot.waitUntil(lambda: window.shown_snapshot is not None
                    and window.shown_snapshot.hyperparameters.lr < 50.0, timeout=10000)
    window.close()


def test_a_healthy_run_shows_no_hint(qtbot, settings):
    window = open_window(qtbot, settings, "xor")
    window.transport.full_speed.trigger()
    window.transport.play.setChecked(True)
    qtbot.waitUntil(lambda: window.shown_snapshot.step >= 1500, timeout=20000)
    window.transport.play.setChecked(False)
    assert not window.hint_bar.isVisible()
    window.close()


def test_a_tab_out_of_view_is_reset_when_it_is_shown(qtbot, settings):
    """A preset change resets only the tab in view; another tab is set up for the new network the
    moment it is shown, before it draws."""
    window = open_window(qtbot, settings, "xor")
    window.tabs.show_tab("curves")
    window.load_preset(get_preset("gender"))
    qtbot.waitUntil(lambda: window.info.preset.name == "gender" and window.shown_snapshot is not None, timeout=10000)
    window.tabs.show_tab("weights")
    assert [layer.shape for layer in window.weights_view.layers] == [(2, 2), (1, 2)]  # 2-2-1, not XOR's 2-10-1
    window.close()
