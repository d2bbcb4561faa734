"""The main window: controls on the left, the network and its decision surface in the middle, curves
and weight matrices below; the trainer process behind it.

The window never trains: it keeps only the newest snapshot the trainer process sent and redraws the
views from it on a timer (at most ~60 times a second). In slow motion a `PhasePlayer` replays each new
step phase by phase.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog, QLabel, QMainWindow, QProgressBar, QScrollArea, QSplitter, QStackedWidget, QTabWidget,
    QToolButton, QVBoxLayout, QWidget,
)

from nnviz.data.mnist_download import MIRRORS
from nnviz.data.mnist_files import mnist_status
from nnviz.data.paths import resolve_data_dir
from nnviz.data.bundled import bundled_model_path
from nnviz.engine.model_file import ModelFileError, load_model
from nnviz.gui.window.controls import ControlPanel
from nnviz.gui.window.mnist_dialog import MnistDataDialog
from nnviz.gui.pad.drawing_pad import DrawingPad
from nnviz.gui.charts.evaluation import EvaluationView
from nnviz.gui.diagram.grids import GridDiagram
from nnviz.gui.diagram.circles import CircleDiagram
from nnviz.training.phases import Phase, step_phases
from nnviz.gui.charts.loss_plots import PlotsView
from nnviz.gui.charts.receptive_fields import ReceptiveFieldsView
from nnviz.gui.charts.decision_surface import SurfaceView
from nnviz.gui.window.transport import Transport
from nnviz.gui.charts.weight_matrices import WeightsView
from nnviz.gui.window.trainer_link import TrainerLink
from nnviz.training import Preset, get_preset
from nnviz.training.predictor import DigitClassifier
from nnviz.training.presets import check_drawable
from nnviz.training.architecture import NewSession

REDRAW_MS = 16  # ~60 Hz
SLOW_MOTION_SECONDS = 1.2  # one step's phases play over this long
STEPPING_MESSAGE = "Stepping through the epoch… Space or Cancel stops it where it is."


class PhasePlayer(QObject):
    """Steps through one training step's phases on a timer, emitting each as it is shown."""

    phase_shown = Signal(object, object)  # (Phase, Snapshot)
    finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._advance)
        self._phases: list[Phase] = []
        self._snapshot = None

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def play(self, snapshot, n_layers: int, seconds: float = SLOW_MOTION_SECONDS) -> None:
        self._snapshot = snapshot
        self._phases = step_phases(n_layers)
        self._timer.start(max(1, int(1000 * seconds / len(self._phases))))
        self._advance()

    def stop(self) -> None:
        self._timer.stop()
        self._phases = []

    def _advance(self) -> None:
        if not self._phases:
            self._timer.stop()
            self.finished.emit()
            return
        self.phase_shown.emit(self._phases.pop(0), self._snapshot)


class MainWindow(QMainWindow):
    def __init__(self, preset: str | Preset = "xor", data_dir: str | Path | None = None,
                 settings: QSettings | None = None, mirrors=MIRRORS):
        super().__init__()
        self._data_dir = data_dir  # MNIST: --data-dir, else NNVIZ_DATA_DIR, else the user cache
        self._mnist_dir: Path | None = None  # where MNIST was found or put this session
        self.mirrors = mirrors
        self.setWindowTitle("nnviz — watch a neural network learn")
        self.settings = settings
        self.info: NewSession | None = None
        self._latest = None  # newest snapshot from the worker
        self._drawn = None  # the snapshot the views show
        self._animated_step = -1
        self.frames_drawn = 0
        self._closing = False
        self._notice: str | None = None  # a status line to show once the next session is built
        self._rebuilds_pending = 0  # rebuilds asked for and not yet answered by a session

        self.trainer = TrainerLink(parent=self)
        self.transport = Transport(self)
        self.addToolBar(self.transport)
        self.controls = ControlPanel()
        # Two diagrams: every neuron for small networks, images and grids for MNIST-sized ones.
        self.small_view = CircleDiagram()
        self.mnist_view = GridDiagram()
        self.network_view = self.small_view  # the one in use
        self.receptive_fields = ReceptiveFieldsView()
        self.evaluation_view = EvaluationView()
        self._showing_drawing = False  # the network view shows the pad's digit, not training
        self.surface_view = SurfaceView()
        self.pad = DrawingPad()
        self._pad_refreshed = 0.0  # when the "network in training" classifier was last refreshed
        self.plots_view = PlotsView()
        self.weights_view = WeightsView()
        self.phase_player = PhasePlayer(self)
        self.phase_caption = QLabel()
        self.phase_caption.setStyleSheet("color: #555; padding: 2px 6px;")
        # "Step epoch" runs in the trainer step by step; its progress shows here and can be cancelled.
        self.epoch_progress = QProgressBar(maximumWidth=160, maximumHeight=16, textVisible=True)
        self.epoch_progress.setRange(0, 1000)
        self.epoch_progress.setFormat("epoch %p%")
        self.epoch_cancel = QToolButton(text="Cancel", autoRaise=True)
        self.epoch_cancel.setToolTip("Stop stepping through this epoch (Space does the same)")
        self._build_layout()
        self._build_menus()
        self._connect()

        self._redraw_timer = QTimer(self)
        self._redraw_timer.timeout.connect(self._redraw)
        self._redraw_timer.start(REDRAW_MS)

        self._register_bundled_model()
        initial = get_preset(preset) if isinstance(preset, str) else preset
        self._restore_settings(initial)

    # -- layout ------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)
        scroll.setFrameShape(QScrollArea.NoFrame)

        top = QSplitter(Qt.Horizontal)
        network_box = QWidget()
        box = QVBoxLayout(network_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.diagrams = QStackedWidget()
        self.diagrams.addWidget(self.small_view)
        self.diagrams.addWidget(self.mnist_view)
        box.addWidget(self.diagrams, 1)
        top.addWidget(network_box)
        top.addWidget(self.surface_view)  # hidden for image data, where the diagram takes the room
        top.setStretchFactor(0, 5)
        top.setStretchFactor(1, 4)
        top.setSizes([600, 480])  # the surface's colour bar needs room for its labels

        self.tabs = QTabWidget()
        self.tabs.addTab(self.plots_view, "Loss and accuracy")
        self.tabs.addTab(self.weights_view, "Weights")
        self.tabs.addTab(self.receptive_fields, "Receptive fields")
        self.tabs.addTab(self.evaluation_view, "Evaluation")
        self.tabs.setTabToolTip(2, "Each first-layer neuron's weights as a 28×28 image: what it looks for")
        self.tabs.setTabToolTip(3, "Test accuracy, confusion matrix and the misclassified digits, after each epoch")
        self.tabs.addTab(self.pad, "Draw a digit")
        self.tabs.setTabToolTip(4, "Draw a digit with the mouse and watch a network classify it")

        middle = QSplitter(Qt.Vertical)
        middle.addWidget(top)
        middle.addWidget(self.tabs)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)

        main = QSplitter(Qt.Horizontal)
        main.addWidget(scroll)
        main.addWidget(middle)
        main.setStretchFactor(1, 1)
        main.setSizes([340, 1100])
        self.setCentralWidget(main)
        self.statusBar().addPermanentWidget(self.phase_caption)
        self.statusBar().addPermanentWidget(self.epoch_progress)
        self.statusBar().addPermanentWidget(self.epoch_cancel)
        self.epoch_progress.hide()
        self.epoch_cancel.hide()
        self.statusBar().addPermanentWidget(self.transport.counters)
        # The views' own minimum sizes add up to more than a laptop screen; let the splitters decide.
        for view in (self.weights_view, self.surface_view, self.plots_view):
            view.setMinimumSize(240, 160)
        self.resize(1440, 900)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction("&Save model…", self._on_save_model, "Ctrl+S")
        file_menu.addAction("&Load model…", self._on_load_model, "Ctrl+O")
        file_menu.addSeparator()
        file_menu.addAction("&Quit", self.close, "Ctrl+Q")
        train_menu = self.menuBar().addMenu("&Training")
        for action in (self.transport.play, self.transport.step_sample, self.transport.step_batch,
                       self.transport.step_epoch, self.transport.reset, self.transport.reset_new):
            train_menu.addAction(action)

    def _connect(self) -> None:
        w = self.trainer
        w.session_ready.connect(self._on_session_ready)
        w.snapshot_ready.connect(self._on_snapshot_ready)
        w.playing_changed.connect(self._on_playing_changed)
        w.epoch_run_changed.connect(self._on_epoch_run_changed)
        self.epoch_cancel.clicked.connect(w.pause)
        w.training_finished.connect(self._on_training_finished)
        w.failed.connect(self._on_failed)
        w.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        t = self.transport
        t.play_toggled.connect(lambda playing: w.play() if playing else w.pause())
        t.step_requested.connect(w.step)
        t.reset_requested.connect(self._on_reset_requested)
        t.speed_changed.connect(self._on_speed_changed)
        c = self.controls
        c.preset_chosen.connect(lambda name: self.load_preset(get_preset(name)))
        c.rebuild_requested.connect(self._rebuild)
        c.live_changed.connect(self._on_live_changed)
        self.pad.source_changed.connect(self._on_pad_source_changed)
        self.pad.model_file_requested.connect(self._on_pad_model_file)
        self.pad.prediction_made.connect(self._on_pad_prediction)
        self.pad.prediction_cleared.connect(self._on_pad_cleared)
        self.tabs.currentChanged.connect(lambda _: self._redraw_current_tab())
        self.phase_player.phase_shown.connect(self._on_phase_shown)
        self.phase_player.finished.connect(lambda: self.phase_caption.setText(""))

    @property
    def shown_snapshot(self):
        """The snapshot the views show now (None before the first one arrived)."""
        return self._drawn

    # -- session management --------------------------------------------------------------------------

    def load_preset(self, preset: Preset) -> None:
        if preset.dataset == "mnist" and self._mnist_data_dir() is None:
            # No data and the user cancelled: stay on what is shown now, or on XOR at the start.
            fallback = self.info.preset if self.info is not None else get_preset("xor")
            notice = (f"MNIST is not on this computer yet, so {preset.name} cannot train; showing "
                      f"{fallback.name}. Choose an MNIST preset again to download it or use the bundled subset.")
            self.statusBar().showMessage(notice, 12000)
            self.controls.set_preset(fallback)
            if self.info is None:
                self._notice = notice  # shown again when the fallback is built, in place of the usual line
                self._rebuild(fallback)
            return
        self.controls.set_preset(preset)
        self._rebuild(preset)

    def _rebuild(self, preset: Preset) -> None:
        self.phase_player.stop()
        self.statusBar().showMessage(f"Building {'-'.join(map(str, preset.sizes))} network on {preset.dataset}…", 3000)
        self._rebuilds_pending += 1
        self.trainer.rebuild(preset, self._mnist_dir if preset.dataset == "mnist" else None)

    def _mnist_data_dir(self) -> Path | None:
        """Where MNIST is: the data directory if it has the files, else what the user picks in the
        download dialog (the full set, downloaded now, or the bundled subset); None if cancelled."""
        if self._mnist_dir is None:
            target = resolve_data_dir(self._data_dir)
            if mnist_status(target).complete:
                self._mnist_dir = target
            else:
                dialog = MnistDataDialog(target, mirrors=self.mirrors, parent=self)
                if dialog.exec() == MnistDataDialog.Accepted and dialog.data_dir is not None:
                    self._mnist_dir = dialog.data_dir
        return self._mnist_dir

    def _on_reset_requested(self, new_weights: bool) -> None:
        if new_weights:
            self.controls.draw_new_seed()  # rebuilds through the seed change
        else:
            self._rebuild(self.controls.current_preset())

    def _on_session_ready(self, info: NewSession) -> None:
        self.info = info
        self._rebuilds_pending = 0  # the newest session supersedes every rebuild asked for before
        self._latest = self._drawn = None
        images = info.dataset.image_shape is not None
        self.network_view = self.mnist_view if images else self.small_view
        self.diagrams.setCurrentWidget(self.network_view)
        self._showing_drawing = False
        self.network_view.set_network(info.architecture)
        self.tabs.setTabVisible(2, images)
        self.tabs.setTabVisible(3, images)
        self.receptive_fields.reset(info)
        self.evaluation_view.reset(info)
        self.surface_view.reset(info)
        self.plots_view.reset(info)
        self.weights_view.reset(info)
        self.surface_view.setVisible(not images)
        if images:
            self.tabs.setCurrentWidget(self.pad)
        elif self.tabs.currentIndex() in (2, 3):
            self.tabs.setCurrentWidget(self.plots_view)
        self._refresh_training_classifier(force=True)
        notice, self._notice = self._notice, None
        self.statusBar().showMessage(notice or (
            f"{info.preset.name}: {'-'.join(map(str, info.architecture.sizes))} network on {info.dataset.name} "
            f"({info.n_train:,} training samples). Press Space to train."), 12000 if notice else 6000)

    def _on_live_changed(self, changes: dict) -> None:
        self.trainer.apply(**changes)
        name, value = next(iter(changes.items()))
        self.statusBar().showMessage(f"{name.replace('_', ' ')} → {value} (applies at the next step)", 3000)

    def _on_speed_changed(self, steps_per_second) -> None:
        self.trainer.set_speed(steps_per_second)
        if not self.transport.slow_motion:
            self.phase_player.stop()
            self.phase_caption.setText("")

    # -- snapshots and drawing -----------------------------------------------------------------------

    def _on_snapshot_ready(self, snapshot) -> None:
        self._latest = snapshot  # drop, don't queue: only the newest is ever drawn

    def _redraw(self) -> None:
        snap = self._latest
        if snap is None or snap is self._drawn or self.info is None:
            return
        self._drawn = snap
        self.frames_drawn += 1
        self.transport.set_counters(snap.epoch, snap.step, snap.samples_seen)
        if self.epoch_progress.isVisible():
            self.epoch_progress.setValue(int(1000 * snap.epoch_progress))
        if self.transport.slow_motion and snap.last_step is not None and snap.step != self._animated_step:
            self._animated_step = snap.step
            self.phase_player.play(snap, len(snap.weights))
        elif not self.phase_player.active and not self._showing_drawing:
            self.network_view.show_snapshot(snap)
        if self.surface_view.isVisible():
            self.surface_view.show_snapshot(snap)
        # Only the visible bottom tab redraws; the others catch up when shown.
        self._redraw_current_tab()

    def _on_phase_shown(self, phase: Phase, snapshot) -> None:
        self.network_view.show_snapshot(snapshot, phase)
        self.phase_caption.setText(phase.label())

    # -- drawing pad -------------------------------------------------------------------------------

    def _register_bundled_model(self) -> None:
        path = bundled_model_path()
        try:
            model = load_model(path)
            classifier = DigitClassifier.from_model(model, path)
        except (ModelFileError, ValueError) as exc:
            self.pad.set_classifier_source("bundled", None, f"The bundled model could not be loaded: {exc}")
            return
        accuracy = model.metadata.get("metrics", {}).get("test_accuracy")
        note = f"{accuracy:.2%} on MNIST's test set" if isinstance(accuracy, float) else ""
        self.pad.set_classifier_source("bundled", classifier, note)

    def _refresh_training_classifier(self, force: bool = False) -> None:
        """Point the pad's "network in training" at the newest snapshot, a few times a second at most
        (each refresh re-classifies the drawing: about a millisecond)."""
        info, snap = self.info, self._latest
        if info is None or (self.pad.current_source != "training" and not force):
            return
        if info.dataset.image_shape is None:
            self.pad.set_classifier_source(
                "training", None, f"The network in training learns {info.dataset.name}, not digits: "
                                  "choose an MNIST preset to draw for it.")
            return
        now = time.perf_counter()
        if snap is None or (not force and now - self._pad_refreshed < 0.2):
            return
        self._pad_refreshed = now
        classifier = DigitClassifier.from_snapshot(
            snap, info.architecture.activation_names[:-1], info.architecture.output_activation,
            info.architecture.input_scaling, list(info.architecture.class_names))
        acc = snap.history["test_accuracy"]
        note = f"step {snap.step:,}" + (f", {acc[-1]:.1%} on the test set" if len(acc) else ", not trained yet")
        self.pad.set_classifier_source("training", classifier, note)

    def _on_pad_prediction(self, prediction) -> None:
        """Play the drawn digit's forward pass in the MNIST diagram, when it is that network's."""
        if self.network_view is not self.mnist_view or self.info is None:
            return
        if tuple(a.shape[1] for a in prediction.trace.activations) != self.info.architecture.sizes:
            self.statusBar().showMessage(
                "The network view shows a drawing's forward pass when the pad classifies with a network "
                "of the same shape (choose “Network in training”).", 4000)
            return
        self._showing_drawing = True
        self.mnist_view.show_trace(prediction.trace, None)

    def _on_pad_cleared(self) -> None:
        if self._showing_drawing:
            self._showing_drawing = False
            if self._latest is not None:
                self.network_view.show_snapshot(self._latest)

    def _redraw_current_tab(self) -> None:
        if self._latest is None or self.info is None:
            return
        if self.tabs.currentWidget() is self.pad:
            self._refresh_training_classifier()
        else:
            self._on_pad_cleared()  # the pad is hidden: the diagram follows training again
            self.tabs.currentWidget().show_snapshot(self._latest)

    def _on_pad_source_changed(self, name: str) -> None:
        if name == "training":
            self._refresh_training_classifier(force=True)

    def _on_pad_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Classify with a model file", self._last_dir(),
                                              "nnviz models (*.npz);;All files (*)")
        if not path:
            return
        self._remember_dir(path)
        try:
            model = load_model(path)
            sizes = model.network.sizes
            check_drawable(sizes, "mnist")  # the pad draws every output and classifies on each stroke
            if sizes[-1] != 10:
                raise ValueError(f"{Path(path).name} has {sizes[-1]} outputs; a digit classifier has 10")
            classifier = DigitClassifier.from_model(model, path)
        except (ModelFileError, ValueError) as exc:
            self.statusBar().showMessage(str(exc), 10000)
            self.pad.set_classifier_source("file", None, f"Could not use {Path(path).name}: {exc}")
            return
        self.pad.set_classifier_source("file", classifier, Path(path).name)

    # -- worker state --------------------------------------------------------------------------------

    def _on_playing_changed(self, playing: bool) -> None:
        self.transport.set_playing(playing)

    def _on_epoch_run_changed(self, running: bool) -> None:
        self.epoch_progress.setValue(0)
        self.epoch_progress.setVisible(running)
        self.epoch_cancel.setVisible(running)
        if running:
            self.statusBar().showMessage(STEPPING_MESSAGE, 4000)
        elif self.statusBar().currentMessage() == STEPPING_MESSAGE:
            self.statusBar().clearMessage()

    def _on_training_finished(self, epochs: int, test_accuracy: float | None) -> None:
        # From the trainer's own numbers: the snapshot of the last step may still be on its way.
        text = "" if test_accuracy is None else f" — test accuracy {test_accuracy:.1%}"
        self.statusBar().showMessage(f"Finished {epochs} epochs{text}. Press Space to continue.", 8000)

    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        if self._rebuilds_pending and self.info is not None:
            # A rebuild was refused (bad data, too big): the controls go back to what is training.
            self._rebuilds_pending = 0
            self.controls.set_preset(self.info.preset)

    # -- files ------------------------------------------------------------------------------------

    def _on_save_model(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save model", self._last_dir(), "nnviz models (*.npz)")
        if path:
            if not path.endswith(".npz"):
                path += ".npz"
            self._remember_dir(path)
            self.trainer.save(path, preset=self.info.preset.name if self.info else None)

    def _on_load_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load model", self._last_dir(), "nnviz models (*.npz);;All files (*)")
        if path:
            self._remember_dir(path)
            self.trainer.load(path)

    def _last_dir(self) -> str:
        return str(self.settings.value("last_dir", str(Path.home()))) if self.settings else str(Path.home())

    def _remember_dir(self, path: str) -> None:
        if self.settings is not None:
            self.settings.setValue("last_dir", str(Path(path).parent))

    # -- settings and shutdown -----------------------------------------------------------------------

    def _restore_settings(self, initial: Preset) -> None:
        s = self.settings
        if s is not None:
            geometry = s.value("geometry")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
            speed, tab = s.value("speed"), s.value("tab")
            if speed is not None:
                self.transport.speed.setValue(int(speed))
            if tab is not None:
                self.tabs.setCurrentIndex(int(tab))
        self.load_preset(initial)

    def _save_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        s.setValue("geometry", self.saveGeometry())
        s.setValue("speed", self.transport.speed.value())
        s.setValue("tab", self.tabs.currentIndex())
        s.sync()

    def closeEvent(self, event) -> None:
        if not self._closing:
            self._closing = True
            self._redraw_timer.stop()
            self.phase_player.stop()
            self._save_settings()
            self.trainer.shutdown()  # ends the trainer process, by force if it does not stop in 0.5 s
        super().closeEvent(event)
