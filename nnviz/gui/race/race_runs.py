"""The race's runs in their trainer processes: one TrainerLink per run, started, paused and stepped
together, and all ended together (when a new race starts, the tab's window closes, or `close()`).

Each run's trainer is the window's own kind (nnviz.training.trainer): its process, its messages, its
restart if it dies. What the race needs of it is kept per run: the newest snapshot (drop, don't
queue: only the newest is drawn), the session it announced, and a Timeline of (updates, seconds of
training) readings, taken with every snapshot, for the curves' time axis.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from nnviz.gui.window.trainer_link import TrainerLink
from nnviz.training.architecture import NewSession
from nnviz.training.race import RaceRun, steps_per_epoch
from nnviz.training.race_curves import Timeline
from nnviz.training.snapshot import Snapshot

IDLE, BUILDING, PLAYING, PAUSED, FINISHED = "idle", "building", "playing", "paused", "finished"
#: How much lower than the window's the runs' scheduling priority is (Unix niceness). Three or four
#: runs at full speed keep two cores busy; at the window's own priority they starved its event loop
#: (pauses of up to 0.8 s measured); a little lower, the window takes what it needs first.
RUN_NICENESS = 5


def lower_priority(pid: int | None) -> None:
    """Make process `pid` yield to the window (where the system allows it; else leave it be)."""
    if pid is None or not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, pid, min(os.getpriority(os.PRIO_PROCESS, 0) + RUN_NICENESS, 19))
    except OSError:
        pass  # gone already, or not ours to change


@dataclass
class RunState:
    """What the race knows of one run now."""

    run: RaceRun
    link: TrainerLink
    session: NewSession | None = None
    snapshot: Snapshot | None = None
    timeline: Timeline = field(default_factory=Timeline)
    playing: bool = False
    finished: bool = False
    error: str | None = None

    @property
    def seconds(self) -> float:
        """Seconds this run's trainer has spent in training steps."""
        return self.link.stats[1]


class RaceRuns(QObject):
    #: A run has a newer snapshot (its index).
    run_updated = Signal(int)
    #: Every run's network is built: the race can be drawn (its NewSessions, in run order).
    runs_ready = Signal(object)
    #: idle, building, playing, paused or finished.
    state_changed = Signal(str)
    #: A run stopped on an error (its index, one line): diverged, too big, the trainer restarted.
    run_failed = Signal(int, str)

    def __init__(self, data_dir: Callable[[], str | Path | None] = lambda: None, parent=None):
        super().__init__(parent)
        self._data_dir = data_dir
        self.runs: list[RunState] = []
        self.state = IDLE
        self.epochs_per_second: float | None = None
        self._want_play = False

    # -- commands ------------------------------------------------------------------------------------

    def start(self, runs: list[RaceRun], epochs: int, epochs_per_second: float | None = None,
              play: bool = True) -> None:
        """End any race running, then build every run (each `epochs` epochs) in a trainer of its own;
        once all are built they start together (unless `play` is False: then they wait, paused)."""
        self.close()
        self.epochs_per_second = epochs_per_second
        self._want_play = play
        data_dir = self._data_dir()
        for i, run in enumerate(runs):
            preset = replace(run.preset, hyperparameters=run.preset.hyperparameters.updated(epochs=int(epochs)))
            link = TrainerLink(data_dir, parent=self)
            lower_priority(link.pid)
            state = RunState(replace(run, preset=preset), link)
            self.runs.append(state)
            link.session_ready.connect(lambda session, i=i: self._on_session_ready(i, session))
            link.snapshot_ready.connect(lambda snapshot, i=i: self._on_snapshot(i, snapshot))
            link.playing_changed.connect(lambda playing, i=i: self._on_playing_changed(i, playing))
            link.training_finished.connect(lambda *_, i=i: self._on_finished(i))
            link.failed.connect(lambda text, i=i: self._on_failed(i, text))
            link.rebuild(preset, data_dir)
        self._set_state(BUILDING)

    def play(self) -> None:
        if self.state == BUILDING:
            self._want_play = True
            return
        for state in self.runs:
            if state.error is None:  # a run that diverged stays where it stopped
                state.finished = False
                state.link.play()

    def pause(self) -> None:
        self._want_play = False
        for state in self.runs:
            state.link.pause()

    def step(self, unit: str = "batch") -> None:
        """Every run takes one update ("batch") or trains to the end of its epoch ("epoch")."""
        if self.state == BUILDING:
            return
        for state in self.runs:
            if state.error is None:
                state.link.step(unit)

    def set_pace(self, epochs_per_second: float | None) -> None:
        """Every run at `epochs_per_second` (None: as fast as each can): each makes as many updates a
        second as its epochs need, so all of them go through their epochs side by side."""
        self.epochs_per_second = epochs_per_second
        for state in self.runs:
            if state.session is not None:
                state.link.set_speed(self._steps_per_second(state))

    def close(self) -> None:
        """End every run's trainer process (terminating any that does not stop within half a second)."""
        for state in self.runs:
            state.link.shutdown()
            state.link.deleteLater()
        had_runs = bool(self.runs)
        self.runs = []
        self._want_play = False
        if had_runs or self.state != IDLE:
            self._set_state(IDLE)

    @property
    def pids(self) -> list[int]:
        """The trainer processes' ids (of those running)."""
        return [pid for pid in (state.link.pid for state in self.runs) if pid is not None]

    # -- messages ------------------------------------------------------------------------------------

    def _steps_per_second(self, state: RunState) -> float | None:
        if self.epochs_per_second is None or state.session is None:
            return None
        return self.epochs_per_second * steps_per_epoch(state.run.preset, state.session.n_train)

    def _on_session_ready(self, i: int, session: NewSession) -> None:
        state = self.runs[i]
        restarted = state.session is not None  # the trainer died and was started again
        state.session, state.snapshot, state.timeline = session, None, Timeline()
        state.link.set_speed(self._steps_per_second(state))
        if restarted:
            lower_priority(state.link.pid)  # a new process
            return
        if all(s.session is not None for s in self.runs):
            self.runs_ready.emit([s.session for s in self.runs])
            if self._want_play:
                self._set_state(PLAYING)
                for s in self.runs:
                    s.link.play()
            else:
                self._set_state(PAUSED)

    def _on_snapshot(self, i: int, snapshot: Snapshot) -> None:
        state = self.runs[i]
        state.snapshot = snapshot
        state.timeline.add(snapshot.step, state.seconds)
        self.run_updated.emit(i)

    def _on_playing_changed(self, i: int, playing: bool) -> None:
        self.runs[i].playing = playing
        if self.state == BUILDING:
            return
        if any(s.playing for s in self.runs):
            self._set_state(PLAYING)
        elif all(s.finished or s.error for s in self.runs):
            self._set_state(FINISHED)
        else:
            self._set_state(PAUSED)

    def _on_finished(self, i: int) -> None:
        self.runs[i].finished = True
        if not any(s.playing for s in self.runs) and all(s.finished or s.error for s in self.runs):
            self._set_state(FINISHED)

    def _on_failed(self, i: int, text: str) -> None:
        self.runs[i].error = text
        self.run_failed.emit(i, text)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
