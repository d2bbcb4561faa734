"""The window's file dialogs (models, experiments, exported scripts) and what it remembers between
runs (QSettings): the folder last used, the window's geometry, its docks, the tab the learner was on
(by key, so adding a tab never shifts it), how long slow motion shows each phase and the language
chosen in the View menu; and where MNIST is, asking the learner (download or bundled subset) when it
is not on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from nnviz.data.mnist_files import mnist_status
from nnviz.data.paths import resolve_data_dir
from nnviz.gui.i18n import SETTINGS_KEY, translate
from nnviz.gui.window.phase_player import PHASE_SECONDS, clamp_phase_seconds
from nnviz.gui.window.mnist_dialog import MnistDataDialog



# The file dialogs' filters, in the language in use when a dialog opens.
def model_filter(all_files: bool = True) -> str:
    models = translate("WindowMemory", "nnviz models (*.npz)")
    return translate("WindowMemory", "{filter};;All files (*)").format(filter=models) if all_files else models


def experiment_filter() -> str:
    return translate("WindowMemory", "{filter};;All files (*)").format(
        filter=translate("WindowMemory", "nnviz experiments (*.json)"))


def script_filter() -> str:
    return translate("WindowMemory", "Python scripts (*.py)")


class WindowMemory:
    """QSettings of one window; every method is a no-op without settings (tests, scripted runs)."""

    def __init__(self, settings: QSettings | None):
        self.settings = settings

    def last_dir(self) -> str:
        if self.settings is None:
            return str(Path.home())
        return str(self.settings.value("last_dir", str(Path.home())))

    def remember_dir(self, path: str) -> None:
        if self.settings is not None:
            self.settings.setValue("last_dir", str(Path(path).parent))

    def restore(self, window: QWidget) -> str | None:
        """Restore the window's geometry; returns the key of the tab last shown (None if unknown)."""
        if self.settings is None:
            return None
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            window.restoreState(state)  # the docks: where they are, floating or not, open or not
        tab = self.settings.value("tab_key")
        return tab if isinstance(tab, str) else None

    def save(self, window: QWidget, tab_key: str | None) -> None:
        if self.settings is None:
            return
        self.settings.setValue("geometry", window.saveGeometry())
        self.settings.setValue("window_state", window.saveState())
        if tab_key is not None:
            self.settings.setValue("tab_key", tab_key)
        self.settings.sync()

    def phase_seconds(self) -> float:
        """How long slow motion shows each phase (the last value chosen, else the default)."""
        if self.settings is None:
            return PHASE_SECONDS
        try:
            return clamp_phase_seconds(float(self.settings.value("phase_seconds", PHASE_SECONDS)))
        except (TypeError, ValueError):
            return PHASE_SECONDS

    def remember_phase_seconds(self, seconds: float) -> None:
        if self.settings is not None:
            self.settings.setValue("phase_seconds", float(seconds))

    def remember_language(self, code: str) -> None:
        """The language chosen in the View menu, for the next start (see nnviz.gui.i18n)."""
        if self.settings is not None:
            self.settings.setValue(SETTINGS_KEY, code)
            self.settings.sync()

    def open_model(self, parent: QWidget, title: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, self.last_dir(), model_filter())
        if not path:
            return None
        self.remember_dir(path)
        return path

    def save_model(self, parent: QWidget) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, translate("WindowMemory", "Save model"), self.last_dir(),
                                              model_filter(all_files=False))
        if not path:
            return None
        if not path.endswith(".npz"):
            path += ".npz"
        self.remember_dir(path)
        return path

    def save_script(self, parent: QWidget, suggested_name: str) -> str | None:
        """Where to export a Python script (ending in .py), starting from `suggested_name` in the
        folder last used; None if cancelled."""
        return self._save_as(parent, translate("WindowMemory", "Export as Python"), suggested_name, script_filter(),
                             ".py")

    def save_experiment(self, parent: QWidget, suggested_name: str) -> str | None:
        return self._save_as(parent, translate("WindowMemory", "Save experiment"), suggested_name,
                             experiment_filter(), ".json")

    def open_experiment(self, parent: QWidget) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, translate("WindowMemory", "Open experiment"), self.last_dir(),
                                              experiment_filter())
        if not path:
            return None
        self.remember_dir(path)
        return path

    def _save_as(self, parent: QWidget, title: str, name: str, filters: str, suffix: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(self.last_dir()) / name), filters)
        if not path:
            return None
        if not path.endswith(suffix):
            path += suffix
        self.remember_dir(path)
        return path


class MnistFolder:
    """Where MNIST is for this window: `data_dir` (--data-dir, else NNVIZ_DATA_DIR, else the user
    cache) if it has the files, else what the learner picks in the download dialog."""

    def __init__(self, data_dir: str | Path | None, mirrors):
        self.data_dir = data_dir
        self.mirrors = mirrors
        self.found: Path | None = None  # once found or fetched, for the rest of the session

    def locate(self, parent: QWidget) -> Path | None:
        """The folder with MNIST (the full set, downloaded now, or the bundled subset); None if the
        learner cancelled the dialog."""
        if self.found is None:
            target = resolve_data_dir(self.data_dir)
            if mnist_status(target).complete:
                self.found = target
            else:
                dialog = MnistDataDialog(target, mirrors=self.mirrors, parent=parent)
                if dialog.exec() == MnistDataDialog.Accepted and dialog.data_dir is not None:
                    self.found = dialog.data_dir
        return self.found
