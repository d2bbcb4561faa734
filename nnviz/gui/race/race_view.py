"""The Race tab: 2–4 runs of the window's current network and data, from the same initial weights and
the same sample order, differing in one thing the learner picks; their loss curves overlaid, their
accuracy, and for 2-D data a small decision surface each, all updating live.

The tab races what the window trains: the session it was last reset with (dataset and architecture)
and the hyperparameters of the newest snapshot it was shown (a learning rate changed live included).
Each run trains in a trainer process of its own (race_runs.py). Redraws are paced here: the cards at
most FRAME_HZ times a second, the curves at most CURVE_HZ, and only while the tab is in view.
Every text is set again in `retranslate()` when the language changes, the legend line and the CPU line
included (they are remembered as functions that word them).
"""

from __future__ import annotations

import html
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSizePolicy, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from nnviz.engine.batching import effective_batch_size
from nnviz.gui.i18n import Retranslated, said, said_error
from nnviz.gui.race.race_plot import RacePlot, run_color
from nnviz.gui.race.race_runs import BUILDING, FINISHED, IDLE, PAUSED, PLAYING, RaceRuns
from nnviz.gui.race.run_card import CARD_WIDTH, RunCard
from nnviz.training.architecture import NewSession
from nnviz.training.presets import Preset
from nnviz.training.race import (PACES, VARIES, default_pace, default_values, race_presets, steps_per_epoch,
                                 what_is_shared)
from nnviz.training.race_curves import available_cores, cpu_share_text, history_curve
from nnviz.training.snapshot import Snapshot

FRAME_HZ = 12
CURVE_HZ = 8
#: A card's height apart from its surface (title and five lines of numbers), and its widest.
CARD_TEXT_HEIGHT = 112
MAX_CARD_WIDTH = 240
#: The cards take at most this share of the tab's width (those that do not fit scroll): the curves the rest.
CARDS_SHARE = 0.45
PLOT_MIN_WIDTH = 260


class RaceView(Retranslated, QWidget):
    """A chart of the window's tabs: `reset(session)` and `show_snapshot(snapshot)` say what the window
    trains now; the race itself runs in `self.race`. `data_dir()` is where MNIST is found; `on_start`
    is called when a race starts (the window pauses its own training, so the runs get the cores)."""

    def __init__(self, data_dir: Callable[[], str | Path | None] = lambda: None,
                 on_start: Callable[[], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._on_start = on_start
        self._session: NewSession | None = None
        self._hyperparameters = None  # the newest the window trains with
        self._values_edited = False
        self._epochs_edited = False
        self._dirty: set[int] = set()  # runs whose cards have news to show
        self._curves_stale = False
        self._curves_at = 0.0
        self._watched_window: QObject | None = None
        self._caption: Callable[[], str] = lambda: ""  # what the race running races, in the current language
        self._legend_text: Callable[[], str] = lambda: ""  # the legend line as it is now
        self._cpu_text: Callable[[], str] = lambda: ""  # the CPU-share line
        self._cpu_tip: Callable[[], str] = lambda: ""
        self.cards: list[RunCard] = []
        self.race = RaceRuns(data_dir, parent=self)
        self._build()
        self._connect()
        self._timer = QTimer(self, interval=round(1000 / FRAME_HZ))
        self._timer.timeout.connect(self._on_frame)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (see the module docstring)."""
        for k, key in enumerate(VARIES):
            self.vary_combo.setItemText(k, self._vary_title(key))
        self.vary_combo.setToolTip(self.tr("The one thing the runs differ in; everything else is the window's network"))
        self.values_edit.setToolTip(self.tr("2 to 4 values, separated by commas. Modes: stochastic, minibatch:N, "
                                            "batch; optimisers: sgd, momentum, adam; initialisations: textbook, "
                                            "xavier, he"))
        self.epochs_spin.setSuffix(self.tr(" epochs"))
        self.epochs_spin.setToolTip(self.tr("How many epochs each run trains"))
        for k, pace in enumerate(PACES):
            self.pace_combo.setItemText(k, self.tr("full speed") if pace is None
                                        else self.tr("{pace} epochs/s").format(pace=f"{pace:g}"))
        self.pace_combo.setToolTip(self.tr("Every run goes through as many epochs a second (each makes the updates "
                                           "its epochs need), or each runs as fast as it can"))
        self.start_button.setToolTip(self.tr("Start every run afresh from the same initial weights"))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Every run makes one update"))
        self.epoch_button.setText(self.tr("Step epoch"))
        self.epoch_button.setToolTip(self.tr("Every run trains to the end of its epoch"))
        self.vary_label.setText(self.tr("Vary"))
        self.png_action.setText(self.tr("Curves as PNG…"))
        self.csv_action.setText(self.tr("Curves as CSV…"))
        self.legend_label.setText(self._legend_text())
        self.cpu_label.setText(self._cpu_text())
        self.cpu_label.setToolTip(self._cpu_tip())
        self._sync_buttons()

    def _vary_title(self, key: str) -> str:
        """What a race may vary, as the combo lists it."""
        return {"mode": self.tr("mode (batch size)"), "optimizer": self.tr("optimiser"),
                "lr": self.tr("learning rate"), "init": self.tr("initialisation"),
                "activation": self.tr("hidden activation")}[key]

    def _vary_name(self, key: str) -> str:
        """What a race varies, as the legend line names it ("Varying the …")."""
        return {"mode": self.tr("gradient-descent mode"), "optimizer": self.tr("optimiser"),
                "lr": self.tr("learning rate"), "init": self.tr("initialisation"),
                "activation": self.tr("hidden activation")}[key]

    def _set_legend(self, text: Callable[[], str]) -> None:
        """Show the legend line `text()`, and word it again on a change of language."""
        self._legend_text = text
        self.legend_label.setText(text())

    # -- construction ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.vary_combo = QComboBox()
        for key in VARIES:
            self.vary_combo.addItem(key, key)  # i18n: worded in retranslate
        self.values_edit = QLineEdit()
        self.values_edit.setMinimumWidth(80)
        self.epochs_spin = QSpinBox(minimum=1, maximum=100_000)
        self.pace_combo = QComboBox()
        for pace in PACES:
            self.pace_combo.addItem("", pace)
        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.step_button = QPushButton()
        self.epoch_button = QPushButton()
        self.vary_label = QLabel()
        self.cpu_label = QLabel()
        self.cpu_label.setStyleSheet("color: #555;")
        self.cpu_label.setWordWrap(True)  # a narrow tab wraps it rather than widening the window
        self.legend_label = QLabel()
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.plot = RacePlot()
        # The curves never narrower than this (their legend and ticks would clip): in a narrow tab the
        # cards scroll instead.
        self.plot.setMinimumWidth(PLOT_MIN_WIDTH)
        self.png_action = self.plot.export_menu.addAction("")
        self.png_action.triggered.connect(lambda: self._export(".png"))
        self.csv_action = self.plot.export_menu.addAction("")
        self.csv_action.triggered.connect(lambda: self._export(".csv"))

        settings = QHBoxLayout()
        settings.addWidget(self.vary_label)
        settings.addWidget(self.vary_combo)
        settings.addWidget(self.values_edit, 1)
        self.values_edit.setMaximumWidth(420)
        settings.addWidget(self.epochs_spin)
        settings.addWidget(self.pace_combo)
        settings.addWidget(self.start_button)
        settings.addStretch(0)
        # The race's buttons and the curves' controls on rows of their own: one row of both would make
        # the tab (and with the inspector open, the window) wider than a 1280-pixel laptop screen.
        transport = QHBoxLayout()
        for button in (self.pause_button, self.step_button, self.epoch_button):
            transport.addWidget(button)
        transport.addSpacing(16)
        transport.addWidget(self.cpu_label, 1)
        transport.addWidget(self.plot.export_button, 0, Qt.AlignmentFlag.AlignTop)
        curve_controls = QHBoxLayout()
        curve_controls.addWidget(self.plot.controls)
        curve_controls.addStretch(1)
        caption = QHBoxLayout()
        caption.addWidget(self.legend_label, 1)
        self.cards_box = QWidget()
        self.cards_grid = QGridLayout(self.cards_box)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setSpacing(6)
        # In a narrow tab (a laptop with the inspector open) the cards scroll sideways rather than squeeze
        # the curves or widen the window.
        self.cards_scroll = QScrollArea()
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards_scroll.setWidget(self.cards_box)
        self.cards_scroll.setMinimumWidth(CARD_WIDTH + 8)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.plot)
        self.splitter.addWidget(self.cards_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(settings)
        layout.addLayout(transport)
        layout.addLayout(curve_controls)
        layout.addLayout(caption)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.vary_combo.currentIndexChanged.connect(lambda _: self._on_vary_changed())
        self.values_edit.textEdited.connect(lambda _: setattr(self, "_values_edited", True))
        self.values_edit.returnPressed.connect(self.start_race)
        self.epochs_spin.valueChanged.connect(lambda _: setattr(self, "_epochs_edited", True))
        self.pace_combo.currentIndexChanged.connect(lambda _: self.race.set_pace(self.pace))
        self.start_button.clicked.connect(self.start_race)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.step_button.clicked.connect(lambda: self.race.step("batch"))
        self.epoch_button.clicked.connect(lambda: self.race.step("epoch"))
        self.race.runs_ready.connect(self._on_runs_ready)
        self.race.run_updated.connect(self._on_run_updated)
        self.race.state_changed.connect(lambda _: self._sync_buttons())
        self.race.run_failed.connect(lambda i, _: self._dirty.add(i))
        self.plot.x_axis_changed.connect(lambda _: self._draw_curves())
        self.plot.loss_kind_changed.connect(lambda _: self._draw_curves())
        self.plot.log_check.toggled.connect(lambda _: self._draw_curves())

    # -- the chart interface ---------------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """The window trains `session` now: the next race races its data and network. A race already
        running goes on (it says what it races)."""
        self._session = session
        self._hyperparameters = None
        if not self._values_edited:
            self._fill_default_values()
        if not self._epochs_edited and session.preset is not None:
            self.epochs_spin.blockSignals(True)
            self.epochs_spin.setValue(session.preset.hyperparameters.epochs or 10)
            self.epochs_spin.blockSignals(False)
        if not self.race.runs:  # a race running keeps its pace, and says what it races
            self.pace_combo.setCurrentIndex(PACES.index(default_pace(session.n_train)))
            self._describe_base()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._hyperparameters = snapshot.hyperparameters

    # -- public API ------------------------------------------------------------------------------------

    @property
    def vary(self) -> str:
        return self.vary_combo.currentData()

    @property
    def values(self) -> list[str]:
        return [v.strip() for v in self.values_edit.text().split(",")]

    @property
    def pace(self) -> float | None:
        return self.pace_combo.currentData()

    def set_race(self, vary: str, values: list[str], epochs: int | None = None) -> None:
        """Choose what the next race varies, its values and epochs (as a learner would type them)."""
        self.vary_combo.setCurrentIndex(self.vary_combo.findData(vary))
        self.values_edit.setText(", ".join(values))
        self.values_edit.setCursorPosition(0)  # the first values in view, not the last
        self._values_edited = True
        if epochs is not None:
            self.epochs_spin.setValue(int(epochs))

    def base_preset(self) -> Preset | None:
        """What the window trains now, with the hyperparameters it trains with."""
        session = self._session
        if session is None or session.preset is None:
            return None
        h = self._hyperparameters or session.preset.hyperparameters
        return replace(session.preset, hyperparameters=h)

    def start_race(self) -> bool:
        """Start a race of the current settings; False (and the reason in the caption) if they are bad."""
        base = self.base_preset()
        if base is None:
            self._say_error(lambda: self.tr("Nothing to race yet: the window has no network."))
            return False
        try:
            runs = race_presets(base, self.vary, self.values)
        except ValueError as exc:
            error = exc  # `exc` is unbound after the except clause; the message is worded again later
            self._say_error(lambda: said_error(error))
            return False
        if self._on_start is not None:
            self._on_start()
        self._build_cards([run.label for run in runs])
        n_train = self._session.n_train
        self.plot.set_runs([run.label for run in runs], [steps_per_epoch(run.preset, n_train) for run in runs])
        self._dirty.clear()
        self._curves_stale = False
        self.race.start(runs, self.epochs_spin.value(), self.pace)
        self._watch_window()
        n, share = len(runs), cpu_share_text(len(runs), available_cores())
        self._cpu_text = lambda: said(share)
        self._cpu_tip = self._cpu_explained
        self.cpu_label.setText(self._cpu_text())
        self.cpu_label.setToolTip(self._cpu_tip())
        vary, shared, dataset = self.vary, what_is_shared(base, self.vary), self._session.dataset.name
        self._caption = lambda: self.tr("<b>Varying the {what}</b> — {shared}; {dataset}, {samples} training samples.") \
            .format(what=self._vary_name(vary), shared=html.escape(said(shared), quote=False),
                    dataset=html.escape(said(dataset), quote=False), samples=f"{n_train:,}")
        self._set_legend(lambda: self.tr("{caption} Building {runs} networks…").format(caption=self._caption(), runs=n))
        self._timer.start()
        return True

    def close_race(self) -> None:
        """End every run's process."""
        self._timer.stop()
        self.race.close()

    # -- race events -----------------------------------------------------------------------------------

    def _on_runs_ready(self, sessions: list[NewSession]) -> None:
        for card, session in zip(self.cards, sessions):
            card.reset(session)
        self._set_legend(self._caption)
        self._arrange_cards()

    def _on_run_updated(self, i: int) -> None:
        self._dirty.add(i)
        self._curves_stale = True

    def _on_frame(self) -> None:
        if not self.isVisible():
            return  # drawn when shown again (showEvent)
        for i in sorted(self._dirty):
            if i < len(self.cards) and i < len(self.race.runs):
                self.cards[i].show_run(self.race.runs[i])
        self._dirty.clear()
        if self._curves_stale and time.perf_counter() - self._curves_at >= 1.0 / CURVE_HZ:
            self._draw_curves()

    def _draw_curves(self) -> None:
        self._curves_at, self._curves_stale = time.perf_counter(), False
        curves = []
        for state in self.race.runs:
            snapshot, session = state.snapshot, state.session
            if snapshot is None or session is None or snapshot.history is None:
                continue
            h = state.run.preset.hyperparameters
            batch = effective_batch_size(h.granularity, h.batch_size, session.n_train)
            curves.append(history_curve(state.run.label, state.run.value, snapshot.history, self.plot.loss_kind,
                                        batch, session.n_train, state.timeline))
        if len(curves) == len(self.race.runs):
            self.plot.show_curves(curves)

    def _on_pause_clicked(self) -> None:
        if self.race.state == PLAYING:
            self.race.pause()
        else:
            self.race.play()

    def _sync_buttons(self) -> None:
        state = self.race.state
        running = state in (PLAYING, PAUSED, FINISHED)
        self.pause_button.setEnabled(running or state == BUILDING)
        if state == PLAYING:
            self.pause_button.setText(self.tr("Pause"))
            self.pause_button.setToolTip(self.tr("Pause every run"))
        elif state == FINISHED:
            self.pause_button.setText(self.tr("Train on"))
            self.pause_button.setToolTip(self.tr("Every run trains another round of epochs"))
        else:
            self.pause_button.setText(self.tr("Resume"))
            self.pause_button.setToolTip(self.tr("Every run goes on"))
        self.step_button.setEnabled(running)
        self.epoch_button.setEnabled(running)
        self.start_button.setText(self.tr("Start race") if state == IDLE else self.tr("Restart"))
        if state == IDLE and not self.race.runs:
            self.pause_button.setText(self.tr("Pause"))
            self.pause_button.setEnabled(False)

    # -- helpers ---------------------------------------------------------------------------------------

    def _on_vary_changed(self) -> None:
        self._values_edited = False
        self._fill_default_values()

    def _fill_default_values(self) -> None:
        base = self.base_preset()
        if base is None:
            return
        self.values_edit.setText(", ".join(default_values(self.vary, base, self._session.n_train)))
        self.values_edit.setCursorPosition(0)

    def _describe_base(self) -> None:
        session = self._session
        layers = "-".join(map(str, session.architecture.sizes))
        dataset, n_train = session.dataset.name, session.n_train
        self._set_legend(lambda: self.tr("Races the window's {layers} network on {dataset} ({samples} training "
                                         "samples): choose what to vary and press <b>Start race</b>.").format(
            layers=layers, dataset=html.escape(said(dataset), quote=False), samples=f"{n_train:,}"))
        cores = available_cores()
        self._cpu_text = lambda: self.tr("{cores} cores; each run trains in a process of its own").format(cores=cores)
        self._cpu_tip = lambda: ""
        self.cpu_label.setText(self._cpu_text())
        self.cpu_label.setToolTip("")

    def _cpu_explained(self) -> str:
        """The CPU line's tooltip while a race runs."""
        if self._on_start is not None:
            return self.tr("Each run trains in a process of its own (one BLAS thread each); the operating system "
                           "shares the cores between them, so a run's seconds of training grow when runs outnumber "
                           "cores. The window's own training is paused when a race starts.")
        return self.tr("Each run trains in a process of its own (one BLAS thread each); the operating system shares "
                       "the cores between them, so a run's seconds of training grow when runs outnumber cores.")

    def _say_error(self, text: Callable[[], str]) -> None:
        """Show the error `text()` in the legend line (worded again on a change of language)."""
        self._set_legend(lambda: f"<span style='color:#b00020'>{html.escape(text(), quote=False)}</span>")

    def _build_cards(self, labels: list[str]) -> None:
        for card in self.cards:
            self.cards_grid.removeWidget(card)
            card.deleteLater()
        self.cards = [RunCard(label, run_color(i)) for i, label in enumerate(labels)]
        for i, card in enumerate(self.cards):
            self.cards_grid.addWidget(card, 0, i)

    def _arrange_cards(self) -> None:
        """Without a surface (image data) a card is a few lines: it keeps to the top of the column."""
        planar = any(card.surface.isVisibleTo(card) for card in self.cards)
        # Room for square surfaces as tall as the cards allow (the rest of the card is five lines of
        # numbers), or the cards' own minimum without them; the plot takes the rest.
        side = max(self.splitter.height() - CARD_TEXT_HEIGHT, 0) if planar else 0
        card = max(CARD_WIDTH, min(side + 14, MAX_CARD_WIDTH))
        cards = len(self.cards) * (card + self.cards_grid.spacing())
        total = sum(self.splitter.sizes())
        cards = min(cards, int(CARDS_SHARE * total))  # cards that do not fit scroll into view
        self.splitter.setSizes([total - cards, cards])
        for card in self.cards:
            card.setSizePolicy(QSizePolicy.Policy.Preferred,
                               QSizePolicy.Policy.Expanding if planar else QSizePolicy.Policy.Maximum)
        self.cards_grid.setRowStretch(1, 0 if planar else 1)

    def _export(self, suffix: str) -> None:
        kind = self.tr("PNG image (*.png)") if suffix == ".png" else self.tr("CSV table (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the race's curves"),
                                              f"race{suffix}", kind)  # i18n: a file name
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            (self.plot.export_png if suffix == ".png" else self.plot.export_csv)(path)
        except OSError as exc:
            error = exc  # `exc` is unbound after the except clause
            self._say_error(lambda: self.tr("Could not export the curves: {error}").format(error=said_error(error)))

    def _watch_window(self) -> None:
        """Close the runs with the window (a tab gets no close event of its own)."""
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)
            self._watched_window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._watched_window and event.type() == QEvent.Type.Close:
            self.close_race()
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.close_race()
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._dirty.update(range(len(self.race.runs)))  # what happened while out of view
        self._curves_stale = bool(self.race.runs)
