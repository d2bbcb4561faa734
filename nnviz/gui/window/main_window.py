"""The main window: controls on the left, the network and its decision surface in the middle, curves,
weights and the drawing pad in tabs below; the trainer process behind it.

The window lays out the views and wires them: the TrainingController (controller.py) owns the trainer,
the snapshots and the pacing of redraws; the tabs are registered by key (tabs.py); the diagram in use
and the drawn digit it may show live in the DiagramStage (diagram_stage.py); phase stepping and the
neuron inspector dock are wired in teaching.py.

Every text is in the language chosen in View ▸ Language (nnviz/gui/i18n.py): a switch makes Qt send
QEvent.LanguageChange, and the window and each of its widgets set their texts again (`retranslate`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QProgressBar, QScrollArea, QSplitter, QToolButton, QVBoxLayout, QWidget,
)

from nnviz.data.mnist_download import MIRRORS
from nnviz.gui.charts.decision_surface import SurfaceView
from nnviz.gui.charts.evaluation import EvaluationView, has_evaluation
from nnviz.gui.charts.gradient_check import GradientCheckView
from nnviz.gui.charts.loss_plots import PlotsView
from nnviz.gui.charts.receptive_fields import ReceptiveFieldsView
from nnviz.gui.charts.weight_matrices import WeightsView
from nnviz.gui.i18n import (
    LANGUAGES, Retranslated, current_language, keep_height_across_languages, relabel_now, said, translators,
)
from nnviz.gui.pad.drawing_pad import DrawingPad
from nnviz.gui.race import RaceView
from nnviz.gui.window.controller import TrainingController
from nnviz.gui.window.controls import ControlPanel, describe_change
from nnviz.gui.window.diagram_stage import DiagramStage
from nnviz.gui.window.file_actions import FileActions
from nnviz.gui.window.files import MnistFolder, WindowMemory
from nnviz.gui.throttle import Throttle
from nnviz.gui.window.hint_bar import HintBar
from nnviz.gui.window.pad_sources import PadSources
from nnviz.gui.window.tabs import ChartTabs, images_only
from nnviz.gui.window.teaching import TeachingAids
from nnviz.gui.window.data_editing import DataEditing
from nnviz.gui.window.transport import SLOW_MOTION, Transport
from nnviz.training import Preset, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.presets import hidden_activations


SURFACE_INTERVAL = 1 / 20  # seconds between two redraws of the decision surface while training runs

# The window's first size where the screen has room for it (later runs restore the last one).
OPENING_SIZE = QSize(1440, 900)
# Kept free of a smaller screen's available area for the window's frame and title bar.
FRAME_ROOM = QSize(16, 48)


def opening_size(screen: QScreen | None) -> QSize:
    """OPENING_SIZE, shrunk to fit the screen's available area where that is smaller (a 1280×800 or
    1366×768 laptop). Screenless platforms (offscreen: a nominal 800×800) keep OPENING_SIZE, so that
    scripted runs and screenshots are the same everywhere."""
    if screen is None or QGuiApplication.platformName() in ("offscreen", "minimal"):
        return QSize(OPENING_SIZE)
    return OPENING_SIZE.boundedTo(screen.availableGeometry().size() - FRAME_ROOM)


class MainWindow(Retranslated, QMainWindow):
    def __init__(self, preset: str | Preset = "xor", data_dir: str | Path | None = None,
                 settings: QSettings | None = None, mirrors=MIRRORS):
        super().__init__()
        self.mnist = MnistFolder(data_dir, mirrors)
        self.memory = WindowMemory(settings)
        self._closing = False
        self._loading_model = False  # a model file was asked for: its session brings its own layers

        self.controller = TrainingController(self.statusBar(), parent=self)
        self.trainer = self.controller.trainer
        self.transport = Transport(self)
        self.addToolBar(self.transport)
        self.controls = ControlPanel()
        self.stage = DiagramStage()
        self.surface_view = SurfaceView()
        self.plots_view = PlotsView()
        self.weights_view = WeightsView()
        self.receptive_fields = ReceptiveFieldsView()
        self.evaluation_view = EvaluationView()
        self.gradient_check = GradientCheckView()
        self.hint_bar = HintBar()  # what to try when training goes wrong, under the toolbar
        # The diagram follows every frame; the surface panel changes slowly and costs a repaint of its
        # whole plot: 20 times a second is plenty, and leaves the trainer the CPU (see throttle.py).
        self._surface_frames = Throttle(SURFACE_INTERVAL, self.surface_view.show_snapshot, parent=self)
        self.pad = DrawingPad()
        self.pad_sources = PadSources(self.pad, self.stage, self.controller, self.memory, parent=self)
        self.tabs = ChartTabs()
        self.phase_caption = QLabel()
        self.phase_caption.setStyleSheet("color: #555; padding: 2px 6px;")
        # "Step epoch" runs in the trainer step by step; its progress shows here and can be cancelled.
        self.epoch_progress = QProgressBar(maximumWidth=160, maximumHeight=16, textVisible=True)
        self.epoch_progress.setRange(0, 1000)
        self.epoch_cancel = QToolButton(autoRaise=True)
        self._build_tabs()
        self._build_layout()
        self._build_menus()
        self._connect()
        self.teaching = TeachingAids(self)
        self.data_editing = DataEditing(self)  # the data rows and the surface's points -> the trainer
        self._build_view_menu()  # after the teaching aids: it toggles their inspector dock
        self.retranslate()
        for bar in (self.menuBar(), self.statusBar()):
            keep_height_across_languages(bar)  # a switch of language resizes no view

        initial = get_preset(preset) if isinstance(preset, str) else preset
        tab = self.memory.restore(self)
        if tab is not None:
            self.tabs.show_tab(tab)
        self.load_preset(initial)

    # -- the public surface scripts and tests use -------------------------------------------------

    @property
    def info(self) -> NewSession | None:
        """The session being trained (None until the first is built)."""
        return self.controller.session

    @property
    def shown_snapshot(self):
        """The snapshot the views show now (None before the first one arrived)."""
        return self.controller.shown

    @property
    def frames_drawn(self) -> int:
        return self.controller.frames_drawn

    @property
    def phase_player(self):
        return self.controller.phase_player

    @property
    def network_view(self):
        """The diagram in use: circles for small networks, grids for image networks."""
        return self.stage.current

    @property
    def mnist_view(self):
        return self.stage.grids

    @property
    def inspector(self):  # the neuron inspector dock (InspectorDock)
        return self.teaching.inspector

    # -- layout ------------------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        t, titles = self.tabs, self._tab_titles()
        t.add("curves", self.plots_view, *titles["curves"])
        t.add("weights", self.weights_view, *titles["weights"], scrolls=True)
        t.add("fields", self.receptive_fields, *titles["fields"], shown_for=images_only, scrolls=True)
        t.add("evaluation", self.evaluation_view, *titles["evaluation"], shown_for=has_evaluation)
        t.add("gradcheck", self.gradient_check, *titles["gradcheck"])
        t.add("race", RaceView(lambda: self.mnist.found, on_start=self.trainer.pause), *titles["race"])
        t.add("pad", self.pad, *titles["pad"], is_chart=False, scrolls=True)

    def _tab_titles(self) -> dict[str, tuple[str, str]]:
        """Each tab's (title, tooltip) by key, in the current language."""
        return {
            "curves": (self.tr("Loss and accuracy"), self.tr("The loss at every step and the accuracy after each epoch")),
            "weights": (self.tr("Weights"), self.tr("Every weight matrix and bias vector as colours")),
            "fields": (self.tr("Receptive fields"),
                       self.tr("Each first-layer neuron's weights as a 28×28 image: what it looks for")),
            "evaluation": (self.tr("Evaluation"),
                           self.tr("Test accuracy or R², confusion matrix or residuals, after each epoch")),
            "gradcheck": (self.tr("Gradient check"),
                          self.tr("Check backprop against central differences for the shown sample, layer by layer")),
            "race": (self.tr("Race"), self.tr("Race 2 to 4 variants of this network from the same initial weights: "
                                              "gradient-descent modes, optimisers, learning rates, initialisations "
                                              "or activations")),
            "pad": (self.tr("Draw a digit"), self.tr("Draw a digit with the mouse and watch a network classify it")),
        }

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
        box.addWidget(self.stage, 1)
        top.addWidget(network_box)
        top.addWidget(self.surface_view)  # hidden for image data, where the diagram takes the room
        # Half and half: the surface's colour bar and legend need the room more than a small diagram.
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        top.setSizes([540, 540])

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
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.hint_bar)
        column.addWidget(main, 1)
        self.setCentralWidget(central)
        status = self.statusBar()
        for widget in (self.phase_caption, self.epoch_progress, self.epoch_cancel, self.transport.counters):
            status.addPermanentWidget(widget)
        self.epoch_progress.hide()
        self.epoch_cancel.hide()
        # The views' own minimum sizes add up to more than a laptop screen; let the splitters decide.
        for view in (self.weights_view, self.surface_view):
            view.setMinimumSize(240, 160)
        self.plots_view.setMinimumWidth(240)  # its height: room for both plots (its minimumSizeHint)
        self.resize(opening_size(self.screen()))

    def _build_menus(self) -> None:
        self.file_menu = file_menu = self.menuBar().addMenu("")
        self.file_actions = FileActions(self)  # experiments, Export as Python, the command line
        self.file_actions.add_experiment_actions(file_menu)
        file_menu.addSeparator()
        self.save_model_action = self._menu_action(file_menu, self._on_save_model, "Ctrl+S")  # i18n: a key
        self.load_model_action = self._menu_action(file_menu, self._on_load_model, "Ctrl+O")  # i18n: a key
        file_menu.addSeparator()
        self.file_actions.add_export_actions(file_menu)
        file_menu.addSeparator()
        self.quit_action = self._menu_action(file_menu, self.close, "Ctrl+Q")  # i18n: a key
        self.train_menu = train_menu = self.menuBar().addMenu("")
        t = self.transport
        for action in (t.play, t.step_sample, t.step_batch, t.step_epoch, t.previous_phase, t.next_phase,
                       t.reset, t.reset_new, t.full_speed):
            train_menu.addAction(action)

    def _menu_action(self, menu, slot, shortcut: str) -> QAction:
        """An action of `menu` with its shortcut (its text: retranslate)."""
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_view_menu(self) -> None:
        """View: the neuron inspector's dock, and Language ▸ with every language by its own name."""
        self.view_menu = view = self.menuBar().addMenu("")
        view.addAction(self.inspector.toggleViewAction())  # named after the dock's title
        view.addSeparator()
        self.language_menu = view.addMenu("")
        self.language_actions = QActionGroup(self)
        self.language_actions.setExclusive(True)
        for language in LANGUAGES:
            action = QAction(language.name, self, checkable=True)
            action.setData(language.code)
            action.triggered.connect(lambda _=False, code=language.code: self.set_language(code))
            self.language_actions.addAction(action)
            self.language_menu.addAction(action)

    def set_language(self, code: str) -> None:
        """Speak `code` ("en", "zh_CN") from now on, as the View ▸ Language menu does: every widget says
        its text again, the choice is remembered for the next start, and the status bar says so."""
        code = translators.switch(code)
        self.memory.remember_language(code)
        self._check_language()
        name = next(language.name for language in LANGUAGES if language.code == code)
        self.statusBar().showMessage(self.tr("Language: {name}").format(name=name), 5000)
        relabel_now(self)

    def _check_language(self) -> None:
        for action in self.language_actions.actions():
            action.setChecked(action.data() == current_language())

    def retranslate(self) -> None:
        """Every text the window itself sets, in the current language (at the start and on a switch);
        its widgets say theirs in their own retranslate."""
        self.setWindowTitle(self.tr("nnviz — watch a neural network learn"))
        self.file_menu.setTitle(self.tr("&File"))
        self.save_model_action.setText(self.tr("&Save model…"))
        self.load_model_action.setText(self.tr("&Load model…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.train_menu.setTitle(self.tr("&Training"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self._check_language()
        for key, (title, tooltip) in self._tab_titles().items():
            self.tabs.set_title(key, title, tooltip)
        self.epoch_progress.setFormat(self.tr("epoch %p%"))
        self.epoch_cancel.setText(self.tr("Cancel"))
        self.epoch_cancel.setToolTip(self.tr("Stop stepping through this epoch (Space does the same)"))
        self.file_actions.retranslate()
        self.controller.retranslate()

    def _connect(self) -> None:
        c, w, t = self.controller, self.trainer, self.transport
        c.session_started.connect(self._on_session_started)
        c.snapshot_shown.connect(self._on_snapshot_shown)
        c.diagram_frame.connect(self.stage.show_snapshot)
        c.phase_changed.connect(self.phase_caption.setText)
        c.rebuild_refused.connect(self.controls.set_preset)
        w.playing_changed.connect(t.set_playing)
        w.epoch_run_changed.connect(self._on_epoch_run_changed)
        self.epoch_cancel.clicked.connect(w.pause)
        t.play_toggled.connect(lambda playing: w.play() if playing else w.pause())
        t.step_requested.connect(w.step)
        t.reset_requested.connect(self._on_reset_requested)
        t.speed_changed.connect(lambda rate: c.set_speed(rate, t.speed.value() == SLOW_MOTION))
        self.controls.preset_chosen.connect(lambda name: self.load_preset(get_preset(name)))
        self.controls.rebuild_requested.connect(self._rebuild)
        self.controls.live_changed.connect(self._on_live_changed)
        # Clicking a hidden neuron of a 2-D net shows its activation map large in the surface panel.
        self.stage.circles.selection_changed.connect(self.surface_view.show_neuron)
        self.tabs.currentChanged.connect(lambda _: self._on_tab_changed())

    # -- sessions ----------------------------------------------------------------------------------

    def load_preset(self, preset: Preset) -> None:
        """Build `preset` and start it at its own pace (MNIST: after finding or fetching the data)."""
        if preset.dataset == "mnist" and self.mnist.locate(self) is None:
            # No data and the user cancelled: stay on what is shown now, or on XOR at the start.
            fallback = self.info.preset if self.info is not None else get_preset("xor")
            notice = self.tr("MNIST is not on this computer yet, so {preset} cannot train; showing {fallback}. "
                             "Choose an MNIST preset again to download it or use the bundled subset.").format(
                preset=said(preset.name), fallback=said(fallback.name))
            self.statusBar().showMessage(notice, 12000)
            self.controls.set_preset(fallback)
            if self.info is None:
                self.transport.set_pace(fallback.pace)
                self._rebuild(fallback, notice)
            return
        self.controls.set_preset(preset)
        self.transport.set_pace(preset.pace)
        self._rebuild(preset)

    def _rebuild(self, preset: Preset, notice: str | None = None) -> None:
        self.controller.rebuild(preset, self.mnist.found if preset.dataset == "mnist" else None, notice)

    def _on_reset_requested(self, new_weights: bool) -> None:
        if new_weights:
            self.controls.draw_new_seed()  # rebuilds through the seed change
        else:
            self._rebuild(self.controls.current_preset())

    def _on_session_started(self, session: NewSession) -> None:
        if self._loading_model:
            self._loading_model = False
            self._show_built(session)
        self.stage.reset(session)
        self._surface_frames.clear()
        self.surface_view.reset(session)
        self.surface_view.setVisible(session.dataset.image_shape is None)
        self.tabs.reset(session)
        self.pad_sources.follow_training(session, None, force=True)

    def _show_built(self, session: NewSession) -> None:
        """A loaded model brings its own layers: the controls (and their summary) show what was built,
        with the hyperparameters the learner set, which the trainer keeps."""
        built, shown = session.preset, self.controls.current_preset()
        if built is None or shown is None:
            return
        if (built.sizes, hidden_activations(built), built.output, built.loss) != \
                (shown.sizes, hidden_activations(shown), shown.output, shown.loss):
            self.controls.set_preset(replace(built, hyperparameters=shown.hyperparameters))

    def apply_fix(self, changes: dict) -> None:
        """A hint's one-click fix: hyperparameters changed live, or a fresh network ("rebuild": the
        preset's fields to change). The controls show what is then trained."""
        preset = self.controls.current_preset()
        if preset is None:
            return
        if "rebuild" in changes:
            preset = replace(preset, **changes["rebuild"])
            self.controls.set_preset(preset)
            self._rebuild(preset)
            return
        self.controls.set_preset(replace(preset, hyperparameters=preset.hyperparameters.updated(**changes)))
        self.trainer.apply(**changes)
        said_changes = [said(describe_change(name, value)) for name, value in changes.items()]
        self.statusBar().showMessage(self.tr("; ").join(said_changes), 4000)

    def _on_live_changed(self, changes: dict) -> None:
        self.trainer.apply(**changes)
        name, value = next(iter(changes.items()))
        self.statusBar().showMessage(said(describe_change(name, value)), 4000)

    # -- drawing -----------------------------------------------------------------------------------

    def _on_snapshot_shown(self, snapshot) -> None:
        self.transport.set_counters(snapshot.epoch, snapshot.step, snapshot.samples_seen)
        if self.epoch_progress.isVisible():
            self.epoch_progress.setValue(int(1000 * snapshot.epoch_progress))
        if self.surface_view.isVisible():
            self._surface_frames.submit(snapshot)
        if self.tabs.current_key == "pad":
            self.pad_sources.follow_training(self.info, snapshot)
        else:
            self.tabs.show_snapshot(snapshot)

    def _on_tab_changed(self) -> None:
        if self.tabs.current_key != "pad":
            self.stage.follow_training()  # the pad is hidden: the diagram follows training again
        snapshot = self.controller.latest
        if snapshot is not None and self.info is not None:
            if self.tabs.current_key == "pad":
                self.pad_sources.follow_training(self.info, snapshot)
            else:
                self.tabs.show_snapshot(snapshot)

    def _on_epoch_run_changed(self, running: bool) -> None:
        self.epoch_progress.setValue(0)
        self.epoch_progress.setVisible(running)
        self.epoch_cancel.setVisible(running)

    # -- files and shutdown ------------------------------------------------------------------------

    def _on_save_model(self) -> None:
        path = self.memory.save_model(self)
        if path is not None:
            self.trainer.save(path, preset=self.info.preset.name if self.info and self.info.preset else None)

    def _on_load_model(self) -> None:
        path = self.memory.open_model(self, self.tr("Load model"))
        if path is not None:
            self.load_model(path)

    def load_model(self, path: str | Path) -> None:
        """Train on from a saved model (it must fit the data of the session shown)."""
        self._loading_model = True
        self.trainer.load(path)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self._closing:
            self._closing = True
            self.memory.save(self, self.tabs.current_key)
            self.gradient_check.shutdown()  # a check still running ends with the window
            self.controller.stop()
        super().closeEvent(event)
