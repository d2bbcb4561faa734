"""Slow motion and phase stepping: one training step shown phase by phase (input, forward through each
layer, loss, backward through each layer, update), either on a timer or held on one phase for as long
as the learner likes and moved by hand.

The player only chooses which phase of which snapshot is shown; it never trains. Holding a phase
changes nothing in the network (the controller pauses the trainer while phases are stepped by hand).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from nnviz.training.phases import Phase, step_phases

#: How long slow motion shows each phase, by default and at most/least (the transport's control).
PHASE_SECONDS = 0.5
MIN_PHASE_SECONDS = 0.2
MAX_PHASE_SECONDS = 5.0


def clamp_phase_seconds(seconds: float) -> float:
    return min(MAX_PHASE_SECONDS, max(MIN_PHASE_SECONDS, float(seconds)))


class PhasePlayer(QObject):
    """Shows the phases of one snapshot's step: played on a timer (`play`) or held (`hold`, `step_by`).

    phase_shown is emitted for every phase shown (again when the snapshot it belongs to is replaced
    by a newer one of the same step); finished when a played step has shown its last phase.
    """

    phase_shown = Signal(object, object)  # (Phase, Snapshot)
    finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._phases: list[Phase] = []
        self._index = -1
        self._snapshot = None
        self._held = False
        self.set_phase_seconds(PHASE_SECONDS)

    # -- state ---------------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Whether a step is being played on the timer."""
        return self._timer.isActive()

    @property
    def held(self) -> bool:
        """Whether a phase is held for the learner to step through by hand."""
        return self._held

    @property
    def phase(self) -> Phase | None:
        """The phase shown now (None when none is: the step is shown whole)."""
        return self._phases[self._index] if self._phases and 0 <= self._index < len(self._phases) else None

    @property
    def snapshot(self):
        """The snapshot whose step is shown phase by phase (None when none is)."""
        return self._snapshot if self._phases else None

    @property
    def position(self) -> tuple[int, int]:
        """(k, n): the phase shown is the k-th of the step's n (1-based); (0, 0) when none is."""
        return (self._index + 1, len(self._phases)) if self.phase is not None else (0, 0)

    @property
    def at_first(self) -> bool:
        return self.phase is not None and self._index == 0

    @property
    def at_last(self) -> bool:
        return self.phase is not None and self._index == len(self._phases) - 1

    @property
    def phase_seconds(self) -> float:
        """How long slow motion shows each phase."""
        return self._seconds

    @property
    def interval_ms(self) -> int:
        """The timer's interval between phases, in milliseconds."""
        return self._timer.interval()

    def set_phase_seconds(self, seconds: float) -> None:
        """How long each phase is shown in slow motion (clamped to MIN..MAX_PHASE_SECONDS); a step
        being played goes on at the new pace."""
        self._seconds = clamp_phase_seconds(seconds)
        self._timer.setInterval(round(1000 * self._seconds))

    # -- commands ------------------------------------------------------------------------------------

    def play(self, snapshot, n_layers: int) -> None:
        """Play the phases of `snapshot`'s step (a network of `n_layers` layers of weights) on the timer."""
        self._held = False
        self._start(snapshot, n_layers, 0)
        self._timer.start()

    def hold(self, snapshot, n_layers: int, index: int = 0) -> None:
        """Show phase `index` of `snapshot`'s step (negative: from the end) and stay there."""
        self._timer.stop()
        self._held = True
        phases = step_phases(n_layers)
        self._start(snapshot, n_layers, index % len(phases))

    def step_by(self, delta: int) -> bool:
        """Hold the phase `delta` phases on (back when negative) in the same step; False, and nothing
        changes, when that is outside the step (or no step is shown)."""
        index = self._index + delta
        if self.phase is None or not 0 <= index < len(self._phases):
            return False
        self._timer.stop()
        self._held = True
        self._index = index
        self._emit()
        return True

    def replace_snapshot(self, snapshot) -> bool:
        """A newer snapshot of the step shown (the same step, e.g. now carrying an inspection): show
        the same phase of it. False when it is of another step (nothing changes then)."""
        if self.phase is None or snapshot.step != self._snapshot.step or snapshot.sizes != self._snapshot.sizes:
            return False
        self._snapshot = snapshot
        self._emit()
        return True

    def stop(self) -> None:
        """Show no phase any more (neither played nor held)."""
        self._timer.stop()
        self._held = False
        self._phases, self._index, self._snapshot = [], -1, None

    # -- internals -----------------------------------------------------------------------------------

    def _start(self, snapshot, n_layers: int, index: int) -> None:
        self._snapshot = snapshot
        self._phases = step_phases(n_layers)
        self._index = index
        self._emit()

    def _emit(self) -> None:
        self.phase_shown.emit(self._phases[self._index], self._snapshot)

    def _on_tick(self) -> None:
        if self._index + 1 < len(self._phases):
            self._index += 1
            self._emit()
            return
        self._timer.stop()
        self._phases, self._index, self._snapshot = [], -1, None
        self.finished.emit()
