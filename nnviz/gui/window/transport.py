"""Play/pause, step and reset actions with their shortcuts, the speed control and the counters.

Nothing in the toolbar changes width while training: the Play/Pause button and the speed's label are
as wide as their widest text, so no control shifts under the pointer.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDoubleSpinBox, QHBoxLayout, QLabel, QSizePolicy, QSlider, QStyle, QToolBar, QWidget,
)

from nnviz.gui.i18n import Retranslated, translate
from nnviz.gui.window.phase_player import MAX_PHASE_SECONDS, MIN_PHASE_SECONDS, PHASE_SECONDS

#: Speed positions: training steps per second (None = as fast as possible). Slow motion plays each
#: step's phases over about a second.
SPEEDS = [0.6, 2.0, 10.0, 30.0, 100.0, 300.0, None]
SLOW_MOTION = 0
FULL_SPEED = len(SPEEDS) - 1


def speed_label(position: int) -> str:
    """What the speed's label says at slider `position`, in the current language."""
    if position == SLOW_MOTION:
        return translate("Transport", "slow motion")
    if position == FULL_SPEED:
        return translate("Transport", "full speed")
    return translate("Transport", "{rate} steps/s").format(rate=f"{SPEEDS[position]:g}")


def speed_position(steps_per_second: float | None) -> int:
    """The slider position nearest to `steps_per_second` on a log scale (None: full speed)."""
    if steps_per_second is None:
        return FULL_SPEED
    paced = [(abs(math.log(rate / steps_per_second)), i) for i, rate in enumerate(SPEEDS) if rate]
    return min(paced)[1]


class Transport(Retranslated, QToolBar):
    play_toggled = Signal(bool)
    step_requested = Signal(str)  # "sample", "batch" or "epoch"
    reset_requested = Signal(bool)  # True: new starting weights
    speed_changed = Signal(object)  # steps per second or None
    phase_step_requested = Signal(int)  # +1: next phase, −1: previous phase
    phase_seconds_changed = Signal(float)  # how long slow motion shows each phase

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("transport")  # the window's saveState() finds it by this name
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self._icons = {playing: self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay)
                       for playing in (False, True)}
        self._counts = (0, 0, 0)  # the counters shown: epoch, step, samples
        self.play = self._action("Space", checkable=True)  # i18n: a key's name
        self.play.setIcon(self._icons[False])
        self.play.toggled.connect(self._on_play_toggled)
        self.step_sample = self._action("Right")  # i18n: a key's name
        self.step_batch = self._action("Shift+Right")  # i18n: a key's name
        self.step_epoch = self._action("Ctrl+Right")  # i18n: a key's name
        self.addSeparator()
        self.previous_phase = self._action(",")
        self.next_phase = self._action(".")
        self.addSeparator()
        self.reset = self._action("R")
        self.reset_new = self._action("Shift+R")  # i18n: a key's name
        self.previous_phase.triggered.connect(lambda: self.phase_step_requested.emit(-1))
        self.next_phase.triggered.connect(lambda: self.phase_step_requested.emit(1))
        self.step_sample.triggered.connect(lambda: self.step_requested.emit("sample"))
        self.step_batch.triggered.connect(lambda: self.step_requested.emit("batch"))
        self.step_epoch.triggered.connect(lambda: self.step_requested.emit("epoch"))
        self.reset.triggered.connect(lambda: self.reset_requested.emit(False))
        self.reset_new.triggered.connect(lambda: self.reset_requested.emit(True))
        self.addSeparator()
        speed_box = QWidget()
        row = QHBoxLayout(speed_box)
        row.setContentsMargins(8, 0, 4, 0)
        row.setSpacing(6)
        self.speed_caption = QLabel()
        self.speed = QSlider(Qt.Horizontal, minimum=0, maximum=FULL_SPEED, value=FULL_SPEED)
        self.speed.setFixedWidth(140)
        self.speed_caption.setBuddy(self.speed)
        self.speed_label = QLabel()
        self.speed.valueChanged.connect(self._on_speed_changed)
        self.phase_seconds = QDoubleSpinBox(minimum=MIN_PHASE_SECONDS, maximum=MAX_PHASE_SECONDS,
                                            singleStep=0.1, decimals=1, value=PHASE_SECONDS)
        self.phase_seconds.setAccelerated(True)
        self.phase_seconds.setKeyboardTracking(False)
        self.phase_seconds.valueChanged.connect(self.phase_seconds_changed)
        self.phase_caption = QLabel()
        self.phase_caption.setBuddy(self.phase_seconds)
        row.addWidget(self.speed_caption)
        row.addWidget(self.speed)
        row.addWidget(self.speed_label)
        row.addSpacing(6)
        row.addWidget(self.phase_seconds)
        row.addWidget(self.phase_caption)
        # A toolbar stretches a widget that may grow, which pushed "Speed:" away from its slider.
        speed_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.addWidget(speed_box)
        self.full_speed = self._action("Ctrl+Up")  # i18n: a key's name
        self.full_speed.triggered.connect(lambda: self.speed.setValue(FULL_SPEED))
        self.full_speed.setEnabled(False)
        # The window places the counters (in its status bar, where they never scroll out of sight).
        self.counters = QLabel()
        self.counters.setStyleSheet("padding: 0 8px;")
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the toolbar in the current language (at the start and on a switch)."""
        self.setWindowTitle(self.tr("Training"))
        texts = (
            (self.step_sample, self.tr("Step sample"), self.tr("Train on one sample (→)")),
            (self.step_batch, self.tr("Step batch"), self.tr("Train on one batch (Shift+→)")),
            (self.step_epoch, self.tr("Step epoch"), self.tr("Train one whole epoch (Ctrl+→)")),
            (self.previous_phase, self.tr("‹ Phase"), self.tr("Hold the previous phase of this step (,)")),
            (self.next_phase, self.tr("Phase ›"), self.tr("Hold the next phase of this step: input, forward, loss, "
                                                          "backward, update; past the update, train one step (.)")),
            (self.reset, self.tr("Reset"), self.tr("Rebuild the network with the same starting weights (R)")),
            (self.reset_new, self.tr("Reset with new weights"),
             self.tr("Rebuild the network with a new random seed (Shift+R)")),
            (self.full_speed, self.tr("Full speed"), self.tr("Train as fast as this computer can (Ctrl+↑)")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(tip)
        self.play.setToolTip(self.tr("Start or pause training (Space)"))
        self.speed_caption.setText(self.tr("Speed:"))
        self.speed.setToolTip(self.tr("From slow motion (one step played phase by phase) to full speed"))
        metrics = self.speed_label.fontMetrics()
        self.speed_label.setFixedWidth(max(metrics.horizontalAdvance(speed_label(i)) for i in range(len(SPEEDS))) + 4)
        self.speed_label.setText(speed_label(self.speed.value()))
        self.phase_seconds.setSuffix(self.tr(" s"))
        self.phase_seconds.setToolTip(self.tr("Slow motion: how long each phase of a step is shown"))
        self.phase_caption.setText(self.tr("per phase"))
        self.phase_caption.setToolTip(self.phase_seconds.toolTip())
        self.counters.setToolTip(self.tr("Completed epochs, training steps (weight updates) and samples trained on"))
        self._fix_play_width()
        self.set_counters(*self._counts)

    def _action(self, shortcut: str, checkable: bool = False) -> QAction:
        """An action of the toolbar with its shortcut (its text and tooltip: retranslate)."""
        action = QAction(self, checkable=checkable)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.WindowShortcut)
        self.addAction(action)
        return action

    def _fix_play_width(self) -> None:
        """Play and Pause take the same room: the button is as wide as its wider text."""
        button = self.widgetForAction(self.play)
        widths = []
        for playing in (not self.play.isChecked(), self.play.isChecked()):  # ends showing the state it is in
            self._show_playing(playing)
            widths.append(button.sizeHint().width())
        button.setFixedWidth(max(widths))

    def _on_play_toggled(self, playing: bool) -> None:
        self._show_playing(playing)
        self.play_toggled.emit(playing)

    def _show_playing(self, playing: bool) -> None:
        self.play.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play.setIcon(self._icons[playing])

    def set_playing(self, playing: bool) -> None:
        """Reflect the worker's state without asking it again."""
        self.play.blockSignals(True)
        self.play.setChecked(playing)
        self._show_playing(playing)
        self.play.blockSignals(False)

    def _on_speed_changed(self, position: int) -> None:
        self.speed_label.setText(speed_label(position))
        self.full_speed.setEnabled(position != FULL_SPEED)
        self.speed_changed.emit(SPEEDS[position])

    def set_pace(self, steps_per_second: float | None) -> None:
        """Move the speed to the position nearest `steps_per_second` (None: full speed); emits
        speed_changed as a user's move would."""
        position = speed_position(steps_per_second)
        if position == self.speed.value():
            self.speed_changed.emit(SPEEDS[position])  # the trainer may not have heard it yet
        else:
            self.speed.setValue(position)

    @property
    def steps_per_second(self) -> float | None:
        """The chosen pace (None: full speed)."""
        return SPEEDS[self.speed.value()]

    @property
    def slow_motion(self) -> bool:
        return self.speed.value() == SLOW_MOTION

    def set_counters(self, epoch: int, step: int, samples: int) -> None:
        self._counts = (epoch, step, samples)
        self.counters.setText(self.tr("epoch <b>{epoch}</b> · step <b>{step}</b> · samples <b>{samples}</b>").format(
            epoch=epoch, step=f"{step:,}", samples=f"{samples:,}"))
