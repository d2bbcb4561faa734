"""The File menu's take-home actions: export the network as a standalone Python script, save and open
experiment files (the whole setup as one JSON file), and copy the equivalent `nnviz train` command.

The window is asked only through its public surface: the preset its controls describe, the newest
snapshot (the current weights), `load_preset` to build an opened experiment, and its status bar. The
script and the experiment file are made by Qt-free functions (nnviz.training.export_python and
nnviz.training.experiment); this module only asks where, and says how it went.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QLabel, QMenu, QMessageBox, QRadioButton, QVBoxLayout, QWidget,
)

from nnviz.gui.i18n import Retranslated, said_error, translate
from nnviz.training.experiment import command_line, load_experiment, save_experiment
from nnviz.training.export_python import python_script, write_script
from nnviz.training.presets import Preset, hidden_activations

#: The longest command line the status bar repeats in full (the clipboard always has all of it).
_SHOWN_COMMAND = 90


class ExportPythonDialog(Retranslated, QDialog):
    """Which weights an exported script starts from: the network's current ones, or the initial ones
    (the script then retraces the run from its start). `current_label` says what "current" is; None
    when there is nothing to export but the initial weights."""

    CURRENT, INITIAL = "current", "initial"

    def __init__(self, current_label: str | None, initial_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._current_label = current_label
        self.intro = intro = QLabel()
        intro.setWordWrap(True)
        self.current = QRadioButton()
        self.current.setEnabled(current_label is not None)
        self.initial = QRadioButton(initial_label)
        self._choices = QButtonGroup(self)
        for button in (self.current, self.initial):
            self._choices.addButton(button)
        (self.current if current_label is not None else self.initial).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.start_caption = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.start_caption)
        layout.addWidget(self.current)
        layout.addWidget(self.initial)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        self.retranslate()

    def retranslate(self) -> None:
        """The dialog's fixed texts in the current language (the choices' labels come translated)."""
        self.setWindowTitle(self.tr("Export as Python"))
        self.intro.setText(self.tr(
            "One Python script that needs only NumPy: a <b>Network</b> class with <i>forward</i>, "
            "<i>backward</i> and <i>train</i>, the same data and the same training settings. It trains "
            "exactly as nnviz does, so the losses it prints are the ones shown here."))
        self.current.setText(self._current_label or self.tr("Current weights (none yet: the network has not trained)"))
        self.export_button.setText(self.tr("Choose file…"))
        self.start_caption.setText(self.tr("Start the script from:"))

    @property
    def choice(self) -> str:
        return self.CURRENT if self.current.isChecked() else self.INITIAL

    @classmethod
    def ask(cls, parent: QWidget, current_label: str | None, initial_label: str) -> str | None:
        """CURRENT or INITIAL as the learner chose, or None if they cancelled."""
        dialog = cls(current_label, initial_label, parent)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


class FileActions(QObject):
    """The actions, added to the File menu by the window; `window` is the MainWindow."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        #: The experiment file last saved or opened, and the preset it holds: the command line of a
        #: hand-placed data set names that file while the window still trains what it holds.
        self._experiment: tuple[str, Preset] | None = None
        self.open_experiment = self._action(self._on_open_experiment, "Ctrl+Shift+O")  # i18n: a key sequence
        self.save_experiment = self._action(self._on_save_experiment, "Ctrl+Shift+S")  # i18n: a key sequence
        self.export_python = self._action(self._on_export_python, "Ctrl+E")  # i18n: a key sequence
        self.copy_command = self._action(self._on_copy_command, "Ctrl+Shift+C")  # i18n: a key sequence
        self.retranslate()

    def retranslate(self) -> None:
        """The actions' texts in the current language (the window calls it on a switch)."""
        texts = (
            (self.open_experiment, self.tr("&Open experiment…"),
             self.tr("Open a saved experiment: its data, network and training settings")),
            (self.save_experiment, self.tr("Save e&xperiment…"),
             self.tr("Save the whole setup (data, network, training settings, seed) as one JSON file")),
            (self.export_python, self.tr("&Export as Python…"),
             self.tr("Write a standalone NumPy script that builds this network and trains it as nnviz does")),
            (self.copy_command, self.tr("&Copy command line"),
             self.tr("Copy the `nnviz train …` command that runs this experiment in a terminal")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip)

    def _action(self, slot, shortcut: str) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def add_experiment_actions(self, menu: QMenu) -> None:
        menu.addAction(self.open_experiment)
        menu.addAction(self.save_experiment)

    def add_export_actions(self, menu: QMenu) -> None:
        menu.addAction(self.export_python)
        menu.addAction(self.copy_command)

    def _say(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- export ------------------------------------------------------------------------------------

    def _on_export_python(self) -> None:
        preset = self.window.controls.current_preset()
        if preset is None:
            return
        snapshot = self.window.controller.latest
        choice = ExportPythonDialog.ask(self.window, self._current_label(snapshot), self._initial_label(preset))
        if choice is None:
            return
        path = self.window.memory.save_script(self.window, f"{_file_stem(preset.name)}.py")
        if path is None:
            return
        current = choice == ExportPythonDialog.CURRENT and snapshot is not None
        try:
            script = python_script(
                preset, snapshot.weights if current else None, snapshot.biases if current else None,
                trained_steps=_trained_steps(snapshot) if current else None, file_name=Path(path).name)
            write_script(path, script)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self.window, self.tr("Export as Python"),
                                self.tr("The script could not be exported: {error}").format(error=said_error(e)))
            return
        name = Path(path).name
        self._say(self.tr("Exported {file}: run it with “python {file}” (it needs only NumPy).").format(file=name))

    @staticmethod
    def _current_label(snapshot) -> str | None:
        if snapshot is None:
            return None
        origin, steps = snapshot.origin, snapshot.step
        if origin is not None:
            if steps == 0:
                text = translate("FileActions", "Current weights (loaded from {model})")
            elif steps == 1:
                text = translate("FileActions", "Current weights (loaded from {model}, then 1 training step)")
            else:
                text = translate("FileActions", "Current weights (loaded from {model}, then {steps} training steps)")
            return text.format(model=origin.model_name, steps=f"{steps:,}")
        if steps == 0:
            return None
        if steps == 1:
            return translate("FileActions", "Current weights, after 1 training step")
        return translate("FileActions", "Current weights, after {steps} training steps").format(steps=f"{steps:,}")

    @staticmethod
    def _initial_label(preset: Preset) -> str:
        if preset.initial_parameters is not None:
            return translate("FileActions", "Initial weights, as the example prescribes them: the script retraces this run")
        seed = preset.hyperparameters.seed
        if seed is None:
            return translate("FileActions", "Initial weights ({init} initialisation): the script retraces this run").format(
                init=preset.init)
        return translate("FileActions", "Initial weights ({init} initialisation, seed {seed}): the script retraces this "
                         "run").format(init=preset.init, seed=seed)

    # -- experiments -------------------------------------------------------------------------------

    def _on_save_experiment(self) -> None:
        preset = self.window.controls.current_preset()
        if preset is not None and self._save_as(preset) is not None:
            self._say(self.tr("Saved the experiment to {file}.").format(file=Path(self._experiment[0]).name))

    def _save_as(self, preset: Preset) -> str | None:
        """Ask where, save `preset` there; the path, or None if cancelled or it failed (said so)."""
        path = self.window.memory.save_experiment(self.window, f"{_file_stem(preset.name)}.json")
        if path is None:
            return None
        try:
            save_experiment(path, preset)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self.window, self.tr("Save experiment"),
                                self.tr("The experiment could not be saved: {error}").format(error=said_error(e)))
            return None
        self._experiment = (path, preset)
        return path

    def _on_open_experiment(self) -> None:
        path = self.window.memory.open_experiment(self.window)
        if path is None:
            return
        try:
            preset = load_experiment(path)
        except (OSError, ValueError) as e:  # ExperimentError is a ValueError
            QMessageBox.warning(self.window, self.tr("Open experiment"),
                                self.tr("The experiment could not be opened: {error}").format(error=said_error(e)))
            return
        self._experiment = (path, preset)
        self.window.load_preset(preset)

    def _on_copy_command(self) -> None:
        preset = self.window.controls.current_preset()
        if preset is None:
            return
        path = self._experiment[0] if self._experiment is not None and _same(self._experiment[1], preset) else None
        command = command_line(preset, path)
        if path is None and "--experiment" in shlex.split(command):
            # Points placed by hand or prescribed weights do not fit in options: the command names an
            # experiment file, so there must be one.
            self._say(self.tr("This setup does not fit in options alone: save it as an experiment, and the command "
                              "will open that file."))
            path = self._save_as(preset)
            if path is None:
                return
            command = command_line(preset, path)
        QGuiApplication.clipboard().setText(command)
        shown = command if len(command) <= _SHOWN_COMMAND else command[:_SHOWN_COMMAND - 1] + "…"
        self._say(self.tr("Copied to the clipboard: {command}").format(command=shown))


def _same(a: Preset, b: Preset) -> bool:
    """Whether two presets describe the same experiment (one activation for all hidden layers may
    be named once or once per layer)."""
    return replace(a, hidden=hidden_activations(a)) == replace(b, hidden=hidden_activations(b))


def _trained_steps(snapshot) -> int | None:
    """How many steps the snapshot's weights have trained, when known (a loaded model may not say)."""
    origin = snapshot.origin
    if origin is None:
        return snapshot.step
    return None if origin.saved_step is None else origin.saved_step + snapshot.step


def _file_stem(name: str) -> str:
    """A preset's name as a file name: letters, digits, '-', '_' and '.' kept, the rest '_'."""
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "nnviz"
