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

from nnviz.gui.window.phase_player import MAX_PHASE_SECONDS, MIN_PHASE_SECONDS, PHASE_SECONDS

#: Speed positions: (label, training steps per second; None = as fast as possible). Slow motion
#: plays each step's phases over about a second.
SPEEDS = [
    ("slow motion", 0.6),
    ("2 steps/s", 2.0),
    ("10 steps/s", 10.0),
    ("30 steps/s", 30.0),
    ("100 steps/s", 100.0),
    ("300 steps/s", 300.0),
    ("full speed", None),
]
SLOW_MOTION = 0
FULL_SPEED = len(SPEEDS) - 1


def speed_position(steps_per_second: float | None) -> int:
    """The slider position nearest to `steps_per_second` on a log scale (None: full speed)."""
    if steps_per_second is None:
        return FULL_SPEED
    paced = [(abs(math.log(rate / steps_per_second)), i) for i, (_, rate) in enumerate(SPEEDS) if rate]
    return min(paced)[1]


class Transport(QToolBar):
    play_toggled = Signal(bool)
    step_requested = Signal(str)  # "sample", "batch" or "epoch"
    reset_requested = Signal(bool)  # True: new starting weights
    speed_changed = Signal(object)  # steps per second or None
    phase_step_requested = Signal(int)  # +1: next phase, −1: previous phase
    phase_seconds_changed = Signal(float)  # how long slow motion shows each phase

    def __init__(self, parent=None):
        super().__init__("Training", parent)
        self.setObjectName("transport")  # the window's saveState() finds it by this name
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self._icons = {playing: self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay)
                       for playing in (False, True)}
        self.play = self._action("Play", "Space", "Start or pause training (Space)", checkable=True)
        self.play.setIcon(self._icons[False])
        self.play.toggled.connect(self._on_play_toggled)
        self.step_sample = self._action("Step sample", "Right", "Train on one sample (→)")
        self.step_batch = self._action("Step batch", "Shift+Right", "Train on one batch (Shift+→)")
        self.step_epoch = self._action("Step epoch", "Ctrl+Right", "Train one whole epoch (Ctrl+→)")
        self.addSeparator()
        self.previous_phase = self._action("‹ Phase", ",", "Hold the previous phase of this step (,)")
        self.next_phase = self._action("Phase ›", ".", "Hold the next phase of this step: input, forward, loss, "
                                       "backward, update; past the update, train one step (.)")
        self.addSeparator()
        self.reset = self._action("Reset", "R", "Rebuild the network with the same starting weights (R)")
        self.reset_new = self._action("Reset with new weights", "Shift+R",
                                      "Rebuild the network with a new random seed (Shift+R)")
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
        speed_caption = QLabel("Speed:")
        self.speed = QSlider(Qt.Horizontal, minimum=0, maximum=FULL_SPEED, value=FULL_SPEED)
        self.speed.setFixedWidth(140)
        self.speed.setToolTip("From slow motion (one step played phase by phase) to full speed")
        speed_caption.setBuddy(self.speed)
        self.speed_label = QLabel(SPEEDS[-1][0])
        width = max(self.speed_label.fontMetrics().horizontalAdvance(label) for label, _ in SPEEDS)
        self.speed_label.setFixedWidth(width + 4)
        self.speed.valueChanged.connect(self._on_speed_changed)
        self.phase_seconds = QDoubleSpinBox(minimum=MIN_PHASE_SECONDS, maximum=MAX_PHASE_SECONDS,
                                            singleStep=0.1, decimals=1, value=PHASE_SECONDS, suffix=" s")
        self.phase_seconds.setToolTip("Slow motion: how long each phase of a step is shown")
        self.phase_seconds.setAccelerated(True)
        self.phase_seconds.setKeyboardTracking(False)
        self.phase_seconds.valueChanged.connect(self.phase_seconds_changed)
        phase_caption = QLabel("per phase")
        phase_caption.setBuddy(self.phase_seconds)
        phase_caption.setToolTip(self.phase_seconds.toolTip())
        row.addWidget(speed_caption)
        row.addWidget(self.speed)
        row.addWidget(self.speed_label)
        row.addSpacing(6)
        row.addWidget(self.phase_seconds)
        row.addWidget(phase_caption)
        # A toolbar stretches a widget that may grow, which pushed "Speed:" away from its slider.
        speed_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.addWidget(speed_box)
        self.full_speed = self._action("Full speed", "Ctrl+Up", "Train as fast as this computer can (Ctrl+↑)")
        self.full_speed.triggered.connect(lambda: self.speed.setValue(FULL_SPEED))
        self.full_speed.setEnabled(False)
        self._fix_play_width()
        # The window places the counters (in its status bar, where they never scroll out of sight).
        self.counters = QLabel()
        self.counters.setToolTip("Completed epochs, training steps (weight updates) and samples trained on")
        self.counters.setStyleSheet("padding: 0 8px;")
        self.set_counters(0, 0, 0)

    def _action(self, text: str, shortcut: str, tip: str, checkable: bool = False) -> QAction:
        action = QAction(text, self, checkable=checkable)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.WindowShortcut)
        action.setToolTip(tip)
        self.addAction(action)
        return action

    def _fix_play_width(self) -> None:
        """Play and Pause take the same room: the button is as wide as its wider text."""
        button = self.widgetForAction(self.play)
        widths = []
        for playing in (True, False):
            self._show_playing(playing)
            widths.append(button.sizeHint().width())
        button.setFixedWidth(max(widths))

    def _on_play_toggled(self, playing: bool) -> None:
        self._show_playing(playing)
        self.play_toggled.emit(playing)

    def _show_playing(self, playing: bool) -> None:
        self.play.setText("Pause" if playing else "Play")
        self.play.setIcon(self._icons[playing])

    def set_playing(self, playing: bool) -> None:
        """Reflect the worker's state without asking it again."""
        self.play.blockSignals(True)
        self.play.setChecked(playing)
        self._show_playing(playing)
        self.play.blockSignals(False)

    def _on_speed_changed(self, position: int) -> None:
        label, steps_per_second = SPEEDS[position]
        self.speed_label.setText(label)
        self.full_speed.setEnabled(position != FULL_SPEED)
        self.speed_changed.emit(steps_per_second)

    def set_pace(self, steps_per_second: float | None) -> None:
        """Move the speed to the position nearest `steps_per_second` (None: full speed); emits
        speed_changed as a user's move would."""
        position = speed_position(steps_per_second)
        if position == self.speed.value():
            self.speed_changed.emit(SPEEDS[position][1])  # the trainer may not have heard it yet
        else:
            self.speed.setValue(position)

    @property
    def steps_per_second(self) -> float | None:
        """The chosen pace (None: full speed)."""
        return SPEEDS[self.speed.value()][1]

    @property
    def slow_motion(self) -> bool:
        return self.speed.value() == SLOW_MOTION

    def set_counters(self, epoch: int, step: int, samples: int) -> None:
        self.counters.setText(f"epoch <b>{epoch}</b> · step <b>{step:,}</b> · samples <b>{samples:,}</b>")
