"""Play/pause, step and reset actions with their shortcuts, the speed control and the counters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolBar, QWidget

#: Speed positions: (label, training steps per second; None = as fast as possible). Slow motion
#: plays each step's phases over about a second.
SPEEDS = [
    ("slow motion", 0.6),
    ("2 steps/s", 2.0),
    ("10 steps/s", 10.0),
    ("50 steps/s", 50.0),
    ("300 steps/s", 300.0),
    ("full speed", None),
]
SLOW_MOTION = 0


class Transport(QToolBar):
    play_toggled = Signal(bool)
    step_requested = Signal(str)  # "sample", "batch" or "epoch"
    reset_requested = Signal(bool)  # True: new starting weights
    speed_changed = Signal(object)  # steps per second or None

    def __init__(self, parent=None):
        super().__init__("Training", parent)
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
        self.reset = self._action("Reset", "R", "Rebuild the network with the same starting weights (R)")
        self.reset_new = self._action("Reset with new weights", "Shift+R",
                                      "Rebuild the network with a new random seed (Shift+R)")
        self.step_sample.triggered.connect(lambda: self.step_requested.emit("sample"))
        self.step_batch.triggered.connect(lambda: self.step_requested.emit("batch"))
        self.step_epoch.triggered.connect(lambda: self.step_requested.emit("epoch"))
        self.reset.triggered.connect(lambda: self.reset_requested.emit(False))
        self.reset_new.triggered.connect(lambda: self.reset_requested.emit(True))
        self.addSeparator()
        speed_box = QWidget()
        row = QHBoxLayout(speed_box)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(QLabel("Speed"))
        self.speed = QSlider(Qt.Horizontal, minimum=0, maximum=len(SPEEDS) - 1, value=len(SPEEDS) - 1)
        self.speed.setFixedWidth(140)
        self.speed.setToolTip("From slow motion (one step played phase by phase) to full speed")
        self.speed_label = QLabel(SPEEDS[-1][0], minimumWidth=90)
        self.speed.valueChanged.connect(self._on_speed_changed)
        row.addWidget(self.speed)
        row.addWidget(self.speed_label)
        self.addWidget(speed_box)
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
        self.speed_changed.emit(steps_per_second)

    @property
    def slow_motion(self) -> bool:
        return self.speed.value() == SLOW_MOTION

    def set_counters(self, epoch: int, step: int, samples: int) -> None:
        self.counters.setText(f"epoch <b>{epoch}</b> · step <b>{step:,}</b> · samples <b>{samples:,}</b>")
