"""Slow motion: one training step played phase by phase (input, forward through each layer, loss,
backward through each layer, update) on a timer."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from nnviz.training.phases import Phase, step_phases

SLOW_MOTION_SECONDS = 1.2  # one step's phases play over this long


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
        """Play the phases of `snapshot`'s step (a network of `n_layers` layers of weights)."""
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
