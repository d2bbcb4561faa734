"""The File menu's take-home actions, driven through the menu: Export as Python (current or initial
weights), Save experiment, Open experiment, Copy command line."""

import re
import shlex
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnviz.gui.window.file_actions import ExportPythonDialog
from nnviz.gui.window.main_window import MainWindow
from nnviz.training import build_session, get_preset
from nnviz.training.experiment import command_line, load_experiment, save_experiment
from nnviz.training.export_python import python_script


@pytest.fixture
def window(qtbot):
    w = MainWindow("xor", settings=None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None, timeout=10000)
    yield w
    w.close()


def menu_action(window, text: str):
    """The File menu's action whose text (without its & mnemonic) is `text`."""
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def trained(qtbot, window, steps: int):
    for _ in range(steps):
        window.transport.step_sample.trigger()
    qtbot.waitUntil(lambda: window.controller.latest is not None and window.controller.latest.step == steps,
                    timeout=5000)
    return window.controller.latest


def choose_save_path(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def step_losses(script, steps: int) -> list[float]:
    done = subprocess.run([sys.executable, str(script), "--steps", str(steps)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return [float(v) for v in re.findall(r"^step \d+: loss (\S+)$", done.stdout, re.M)]


def test_the_file_menu_offers_the_take_home_actions(window):
    for text in ("Open experiment…", "Save experiment…", "Export as Python…", "Copy command line"):
        assert menu_action(window, text).isEnabled()


def test_export_current_weights_continues_from_where_the_window_is(qtbot, window, monkeypatch, tmp_path):
    snapshot = trained(qtbot, window, 5)
    asked = []
    monkeypatch.setattr(ExportPythonDialog, "ask",
                        classmethod(lambda cls, parent, current, initial: asked.append(current) or cls.CURRENT))
    choose_save_path(monkeypatch, tmp_path / "my-xor")  # .py is added
    menu_action(window, "Export as Python…").trigger()

    assert asked == ["Current weights, after 5 training steps"]
    script = tmp_path / "my-xor.py"
    preset = window.controls.current_preset()
    from_there = replace(preset, initial_parameters=tuple(
        (W.tolist(), b.tolist()) for W, b in zip(snapshot.weights, snapshot.biases)))
    session = build_session(from_there)
    np.testing.assert_allclose(step_losses(script, 6), [session.step().loss for _ in range(6)], atol=1e-6)
    assert window.statusBar().currentMessage().startswith("Exported my-xor.py: run it with")


def test_export_initial_weights_retraces_the_run(qtbot, window, monkeypatch, tmp_path):
    trained(qtbot, window, 3)
    monkeypatch.setattr(ExportPythonDialog, "ask", classmethod(lambda cls, *args: cls.INITIAL))
    choose_save_path(monkeypatch, tmp_path / "xor.py")
    menu_action(window, "Export as Python…").trigger()
    assert (tmp_path / "xor.py").read_text() == python_script(get_preset("xor"), file_name="xor.py")


def test_cancelling_either_dialog_writes_nothing(qtbot, window, monkeypatch, tmp_path):
    monkeypatch.setattr(ExportPythonDialog, "ask", classmethod(lambda cls, *args: None))
    menu_action(window, "Export as Python…").trigger()
    monkeypatch.setattr(ExportPythonDialog, "ask", classmethod(lambda cls, *args: cls.INITIAL))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    menu_action(window, "Export as Python…").trigger()
    assert list(tmp_path.iterdir()) == []


def test_the_dialog_offers_current_weights_only_once_there_are_some(qtbot):
    untrained = ExportPythonDialog(None, "Initial weights (xavier initialisation, seed 0)")
    qtbot.addWidget(untrained)
    assert not untrained.current.isEnabled() and untrained.choice == ExportPythonDialog.INITIAL
    trained_dialog = ExportPythonDialog("Current weights, after 5 training steps", "Initial weights")
    qtbot.addWidget(trained_dialog)
    assert trained_dialog.current.isEnabled() and trained_dialog.choice == ExportPythonDialog.CURRENT
    trained_dialog.initial.click()
    assert trained_dialog.choice == ExportPythonDialog.INITIAL
    assert trained_dialog.export_button.text() == "Choose file…"


def test_save_experiment_writes_what_the_controls_describe(qtbot, window, monkeypatch, tmp_path):
    window.controls.batch_size.setValue(3)  # a live change the file must keep
    window.controls.mode.setCurrentIndex(window.controls.mode.findData("minibatch"))
    choose_save_path(monkeypatch, tmp_path / "mine")
    menu_action(window, "Save experiment…").trigger()
    saved = load_experiment(tmp_path / "mine.json")
    assert saved == window.controls.current_preset()
    assert (saved.hyperparameters.granularity, saved.hyperparameters.batch_size) == ("minibatch", 3)
    assert window.statusBar().currentMessage() == "Saved the experiment to mine.json."


def test_open_experiment_builds_it(qtbot, window, monkeypatch, tmp_path):
    preset = replace(get_preset("gender"), hyperparameters=get_preset("gender").hyperparameters.updated(lr=0.25))
    path = tmp_path / "gender.json"
    save_experiment(path, preset)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    menu_action(window, "Open experiment…").trigger()
    qtbot.waitUntil(lambda: window.info.preset is not None and window.info.preset.name == "gender", timeout=5000)
    assert window.controls.current_preset().hyperparameters.lr == 0.25
    assert window.info.architecture.sizes == (2, 2, 1)


def test_a_bad_experiment_file_is_said_so(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *args: warnings.append((title, text)))
    menu_action(window, "Open experiment…").trigger()
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Open experiment" and "broken.json" in text and "not valid JSON" in text
    assert window.info.preset.name == "xor"  # still training what it was


def test_copy_command_line_puts_the_train_command_on_the_clipboard(qtbot, window):
    window.controls.mode.setCurrentIndex(window.controls.mode.findData("minibatch"))
    window.controls.batch_size.setValue(2)
    menu_action(window, "Copy command line").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied == command_line(window.controls.current_preset())
    assert shlex.split(copied)[:4] == ["nnviz", "train", "--preset", "xor"]
    assert "--batch-size" in copied
    assert window.statusBar().currentMessage() == f"Copied to the clipboard: {copied}"


def test_hand_placed_points_copy_a_command_that_opens_their_saved_experiment(qtbot, window, monkeypatch, tmp_path):
    from nnviz.data.spec import DatasetSpec

    points = ((0.1, 0.2, 0.0), (0.9, 0.8, 1.0), (-0.5, 0.4, 0.0), (0.3, -0.7, 1.0))
    preset = replace(get_preset("circle"), dataset="points",
                     spec=DatasetSpec(kind="points", generator="circle", points=points))
    window.load_preset(preset)
    qtbot.waitUntil(lambda: window.info.preset is not None and window.info.preset.dataset == "points", timeout=5000)
    choose_save_path(monkeypatch, tmp_path / "points.json")
    menu_action(window, "Copy command line").trigger()
    assert QGuiApplication.clipboard().text() == shlex.join(
        ["nnviz", "train", "--experiment", str(tmp_path / "points.json")])
    assert load_experiment(tmp_path / "points.json").spec.points == points
    # While the window trains what that file holds, the command names it without asking again.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: pytest.fail("asked again"))
    QGuiApplication.clipboard().clear()
    menu_action(window, "Copy command line").trigger()
    assert QGuiApplication.clipboard().text().endswith("points.json")
