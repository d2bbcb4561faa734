"""The window's side of training: the trainer link, the session being trained, the newest snapshot and
the one shown, redraw pacing and slow motion. Views never hear from the trainer directly; they are
told what to draw by the controller's signals, which the main window wires to them.

Redraw pacing: snapshots arrive as fast as the trainer sends them; only the newest is kept (drop,
don't queue) and a ~60 Hz timer shows it once. In slow motion a new step is played phase by phase by
the PhasePlayer instead of being shown at once, and the trainer is paced so that a step's phases play
out before the next step comes.

Data edits: a change of data the network can go on training on (a generator's settings, points
edited on the surface) travels as `send_data(spec)`, at most DATA_HZ times a second and one at a time:
while the trainer loads one (a big CSV file takes seconds), only the newest waits (a dragged point
sends the newest position, never a queue of old ones). The trainer answers with `data_changed`.

Phase stepping: "next phase" and "previous phase" pause the trainer and hold one phase of the shown
step for as long as the learner likes; "next" past the update trains one step and holds its first
phase. Holding a phase never changes the network; Play lets training go on at its pace again.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from nnviz.gui.i18n import said, said_error
from nnviz.gui.theme import percent
from nnviz.gui.throttle import Throttle
from nnviz.gui.window.phase_player import PhasePlayer
from nnviz.gui.window.trainer_link import TrainerLink
from nnviz.training.architecture import NewSession
from nnviz.training.phases import step_phases
from nnviz.training.presets import Preset, preset_spec
from nnviz.training.trainer import PAUSED

REDRAW_MS = 16  # ~60 Hz
#: Changes of data sent to the trainer per second at most (each one reloads the data there).
DATA_HZ = 20
#: A change of data is sent at least this many times its own cost apart (thousands of points dragged
#: cost milliseconds to check and send), so a drag leaves the window most of its time.
DATA_SHARE = 4
#: In slow motion the finished step is shown whole this long before the next one starts.
SLOW_MOTION_REST_SECONDS = 0.5


class TrainingController(QObject):
    #: A new network was built (or loaded): every view resets from it.
    session_started = Signal(object)  # NewSession
    #: A newer snapshot is shown: counters and charts draw it (at most once per frame).
    snapshot_shown = Signal(object)  # Snapshot
    #: What the diagram shows now: the step (phase None) or, in slow motion, one phase of it.
    diagram_frame = Signal(object, object)  # (Snapshot, Phase | None)
    #: Where the phase shown is in its step: "Phase 3 of 8: forward, layer 2" ("" when none is).
    phase_changed = Signal(str)
    #: The network trains on other data now (same network, its history goes on): views show the data.
    data_changed = Signal(object)  # NewSession
    #: A rebuild was refused: the controls go back to this preset, the one still training.
    rebuild_refused = Signal(object)  # Preset
    #: New data was refused (a file gone, data of another shape): the data rows go back to this session's.
    data_refused = Signal(object)  # NewSession

    def __init__(self, status_bar: QStatusBar, parent=None):
        super().__init__(parent)
        self.status_bar = status_bar
        self.trainer = TrainerLink(parent=self)
        self.phase_player = PhasePlayer(self)
        self.session: NewSession | None = None
        self.latest = None  # the newest snapshot from the trainer
        self.shown = None  # the snapshot the views show
        self.frames_drawn = 0
        self.slow_motion = False
        self._steps_per_second: float | None = None  # the pace asked for (slow motion paces itself)
        self._animated_step = -1
        self._awaiting_step = False  # "next phase" past the update: hold the coming step's first phase
        self._rebuilds_pending = 0  # rebuilds asked for and not yet answered by a session
        self._data_pending = 0  # changes of data sent and not yet answered
        self._data_waiting = None  # the newest change of data, held while one is being loaded
        self._data = Throttle(1 / DATA_HZ, self._send_data, parent=self)
        self._notice: str | None = None  # shown in place of the usual line when the next session is built
        #: (epochs, test accuracy) of a finish, said with the snapshot it describes
        self._finished: tuple[int, float | None] | None = None

        t = self.trainer
        t.session_ready.connect(self._on_session_ready)
        t.data_changed.connect(self._on_data_changed)
        t.snapshot_ready.connect(self._on_snapshot_ready)
        t.epoch_run_changed.connect(self._on_epoch_run_changed)
        t.training_finished.connect(self._on_training_finished)
        t.failed.connect(self._on_failed)
        t.playing_changed.connect(self._on_playing_changed)
        t.message.connect(lambda text: self.say(text, 5000))
        t.restarted.connect(self._on_restarted)
        self.phase_player.phase_shown.connect(self._on_phase_shown)
        self.phase_player.finished.connect(self._on_played)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_frame)
        self._timer.start(REDRAW_MS)

    def say(self, text: str, ms: int = 5000) -> None:
        """One line in the status bar for `ms` milliseconds; text from the Qt-free layers (a Phrase)
        in the current language."""
        self.status_bar.showMessage(said(text), ms)

    def retranslate(self) -> None:
        """Say the phase shown again in the current language (the window calls it on a switch)."""
        player = self.phase_player
        if player.phase is not None:
            self.phase_changed.emit(self._phase_line(player.phase))

    # -- commands ------------------------------------------------------------------------------------

    def rebuild(self, preset: Preset, data_dir: str | Path | None = None, notice: str | None = None) -> None:
        """Build `preset` (MNIST from `data_dir`); `notice` replaces the usual line once it is built."""
        self.phase_player.stop()
        if notice is not None:
            self._notice = notice
        self.say(self.tr("Building {sizes} network on {data}…").format(
            sizes="-".join(map(str, preset.sizes)), data=said(preset_spec(preset).label())), 3000)
        self._rebuilds_pending += 1
        self._data.clear()  # data meant for the network being replaced
        self._data_waiting = None
        self.trainer.rebuild(preset, data_dir)

    def send_data(self, spec) -> None:
        """Train the current network on the data of `spec` from its next step (see DATA_HZ); `spec`
        may be a function that makes the DatasetSpec, called only if it is the one sent."""
        self._data.submit(spec)

    def _send_data(self, spec) -> None:
        if self._data_pending:
            self._data_waiting = spec  # sent when the trainer has answered the one before
            return
        start = time.perf_counter()
        try:
            spec = spec() if callable(spec) else spec
        except ValueError as exc:
            self.say(said_error(exc), 8000)
            return
        self._data_pending += 1
        self.trainer.send_data(spec)
        self._data.interval = max(1 / DATA_HZ, DATA_SHARE * (time.perf_counter() - start))

    def set_speed(self, steps_per_second: float | None, slow_motion: bool) -> None:
        self.slow_motion = slow_motion
        self._steps_per_second = steps_per_second
        self.trainer.set_speed(self.trainer_pace)
        if not slow_motion and not self.phase_player.held:
            self.phase_player.stop()
            self.phase_changed.emit("")
            if self.shown is not None:  # back from a phase to the whole step
                self.diagram_frame.emit(self.shown, None)

    def set_phase_seconds(self, seconds: float) -> None:
        """How long slow motion shows each phase; in slow motion the trainer's pace follows."""
        self.phase_player.set_phase_seconds(seconds)
        if self.slow_motion:
            self.trainer.set_speed(self.trainer_pace)

    @property
    def trainer_pace(self) -> float | None:
        """Training steps per second asked of the trainer: the speed chosen, or in slow motion one
        step per its phases' play time (and a short rest)."""
        if not self.slow_motion or self.session is None:
            return self._steps_per_second
        n_phases = len(step_phases(self.session.architecture.n_layers))
        return 1.0 / (n_phases * self.phase_player.phase_seconds + SLOW_MOTION_REST_SECONDS)

    # -- phase stepping ------------------------------------------------------------------------------

    def next_phase(self) -> None:
        """Hold the next phase of the shown step; past its update (or before any step), train one
        step and hold its first phase."""
        player, snap = self.phase_player, self._stepping_snapshot()
        self._pause_training()
        if snap is None:
            return
        if snap.last_step is None or player.at_last:
            self._train_one_step()
        elif player.phase is None:
            player.hold(snap, len(snap.weights), 0)
        else:
            player.step_by(1)

    def previous_phase(self) -> None:
        """Hold the previous phase of the shown step (from the whole step: its update). The step
        before is gone (its weights were updated), so the first phase is as far back as it goes."""
        player, snap = self.phase_player, self._stepping_snapshot()
        self._pause_training()
        if snap is None or snap.last_step is None:
            self.say(self.tr("No training step yet: press . (next phase) to train one and walk through it."), 5000)
        elif player.phase is None:
            player.hold(snap, len(snap.weights), -1)
        elif not player.step_by(-1):
            player.hold(player.snapshot, len(snap.weights), 0)  # held where it is, no longer played
            self.say(self.tr("This is the step's first phase: the steps before it are not kept."), 4000)

    def _stepping_snapshot(self):
        """The snapshot whose step is stepped through: the one in the player, else the one shown."""
        return self.phase_player.snapshot or self.shown or self.latest

    def _pause_training(self) -> None:
        if self.trainer.state != PAUSED:
            self.trainer.pause()

    def _train_one_step(self) -> None:
        self._awaiting_step = True
        self.trainer.step("batch")

    def stop(self) -> None:
        """Stop drawing and end the trainer process (by force if it does not stop in 0.5 s)."""
        self._timer.stop()
        self.phase_player.stop()
        self.trainer.shutdown()

    # -- messages from the trainer -------------------------------------------------------------------

    def _on_session_ready(self, session: NewSession) -> None:
        self.session = session
        self._rebuilds_pending = 0  # the newest session supersedes every rebuild asked for before
        self._data_pending = 0
        self.latest = self.shown = None
        self._finished = None
        self._awaiting_step = False
        self.phase_player.stop()
        self.phase_changed.emit("")
        self.trainer.set_speed(self.trainer_pace)  # slow motion's pace depends on the layers
        self.session_started.emit(session)
        notice, self._notice = self._notice, None
        arch = session.architecture
        name = said(session.preset.name) if session.preset else self.tr("Model")
        self.say(notice or self.tr("{name}: {sizes} network on {data} ({n} training samples). Press Space to train.").format(
            name=name, sizes="-".join(map(str, arch.sizes)), data=said(session.dataset.name), n=f"{session.n_train:,}"),
            12000 if notice else 6000)

    def _on_data_changed(self, session: NewSession) -> None:
        self.session = session
        self._data_pending = max(0, self._data_pending - 1)
        self.data_changed.emit(session)
        self._send_waiting_data()
        spec = session.preset.spec if session.preset is not None else None
        what = spec.label() if spec is not None else session.dataset.name
        self.say(self.tr("Training on {data} ({n} training samples): the same network, its training goes on.").format(
            data=said(what), n=f"{session.n_train:,}"), 6000)

    def _on_snapshot_ready(self, snapshot) -> None:
        self.latest = snapshot  # drop, don't queue: only the newest is ever drawn

    def _on_frame(self) -> None:
        snap = self.latest
        if snap is None or snap is self.shown or self.session is None:
            return
        self.shown = snap
        self.frames_drawn += 1
        self.trainer.frame_drawn()
        self.snapshot_shown.emit(snap)
        if self._finished is not None and snap.finished:
            # Said with the snapshot it describes, so the counters agree with it.
            self.say(self._finished_line(*self._finished), 8000)
            self._finished = None
        player = self.phase_player
        if player.phase is not None and player.replace_snapshot(snap):
            return  # the step in slow motion or held, now with this snapshot's news (an inspection)
        if self._awaiting_step or player.held:
            # Stepping by hand: a new step is held at its first phase.
            if snap.last_step is not None and (self._awaiting_step or snap.step != player.snapshot.step):
                self._awaiting_step = False
                self._animated_step = snap.step
                player.hold(snap, len(snap.weights), 0)
            return
        if self.slow_motion and snap.last_step is not None and snap.step != self._animated_step:
            if not player.active:  # a step still playing finishes first (see _on_played)
                self._animated_step = snap.step
                player.play(snap, len(snap.weights))
        elif not player.active:
            self.diagram_frame.emit(snap, None)

    def _on_played(self) -> None:
        """A step played in slow motion has shown its last phase: play a newer one, or show it whole."""
        self.phase_changed.emit("")
        snap = self.shown
        if snap is None:
            return
        if self.slow_motion and snap.last_step is not None and snap.step != self._animated_step:
            self._animated_step = snap.step
            self.phase_player.play(snap, len(snap.weights))
        else:
            self.diagram_frame.emit(snap, None)

    def _on_phase_shown(self, phase, snapshot) -> None:
        self.diagram_frame.emit(snapshot, phase)
        self.phase_changed.emit(self._phase_line(phase))

    def _phase_line(self, phase) -> str:
        """Short: the diagram's caption says the phase in full; this line says where in the step it is."""
        k, n = self.phase_player.position
        where = {
            "input": self.tr("input"),
            "forward": self.tr("forward, layer {layer}"),
            "loss": self.tr("loss"),
            "backward": self.tr("backward, layer {layer}"),
            "update": self.tr("update"),
        }[phase.kind.value].format(layer=phase.layer)
        if self.phase_player.held:
            return self.tr("Phase {k} of {n}: {where} · held (, and . step)").format(k=k, n=n, where=where)
        return self.tr("Phase {k} of {n}: {where}").format(k=k, n=n, where=where)

    def _stepping_line(self) -> str:
        return self.tr("Stepping through the epoch… Space or Cancel stops it where it is.")

    def _on_epoch_run_changed(self, running: bool) -> None:
        if running:
            self.say(self._stepping_line(), 4000)
        elif self.status_bar.currentMessage() == self._stepping_line():
            self.status_bar.clearMessage()

    def _on_training_finished(self, epochs: int, test_accuracy: float | None) -> None:
        # The trainer says so before its last snapshot is on its way: the line waits for that
        # snapshot, so the counters never read one step short of what it says.
        self._finished = (epochs, test_accuracy)
        shown = self.shown
        if shown is not None and shown.finished and shown.epoch == epochs:
            self.say(self._finished_line(epochs, test_accuracy), 8000)
            self._finished = None

    def _finished_line(self, epochs: int, test_accuracy: float | None) -> str:
        if test_accuracy is None:
            if epochs == 1:
                return self.tr("Finished 1 epoch. Press Space to continue.")
            return self.tr("Finished {epochs} epochs. Press Space to continue.").format(epochs=f"{epochs:,}")
        if epochs == 1:
            return self.tr("Finished 1 epoch — test accuracy {accuracy}. Press Space to continue.").format(
                accuracy=percent(test_accuracy))
        return self.tr("Finished {epochs} epochs — test accuracy {accuracy}. Press Space to continue.").format(
            epochs=f"{epochs:,}", accuracy=percent(test_accuracy))

    def _on_playing_changed(self, playing: bool) -> None:
        if playing:
            self._finished = None  # training on: that finish is no longer news
            if self.phase_player.held or self._awaiting_step:
                # Training goes on at its pace: no phase is held any more.
                self._awaiting_step = False
                self.phase_player.stop()
                self.phase_changed.emit("")
                if self.shown is not None:
                    self.diagram_frame.emit(self.shown, None)

    def _on_failed(self, message: str) -> None:
        self.say(message, 15000)
        if self.session is None:
            return
        if self._rebuilds_pending:
            # A rebuild was refused (bad data, too big): the controls go back to what is training.
            self._rebuilds_pending = self._data_pending = 0
            self.rebuild_refused.emit(self.session.preset)
        elif self._data_pending:
            self._data_pending = 0
            self.data_refused.emit(self.session)
            self._send_waiting_data()  # the learner's newest choice may well load

    def _on_restarted(self, why: str) -> None:
        # The rebuilt session's usual line ("… Press Space to train") would replace the reason within
        # half a second: it says the reason instead.
        self._notice = why

    def _send_waiting_data(self) -> None:
        waiting, self._data_waiting = self._data_waiting, None
        if waiting is not None and not self._data_pending:
            self._send_data(waiting)
