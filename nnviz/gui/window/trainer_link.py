"""The window's link to the trainer process: commands out as method calls, messages in as Qt signals.

A thin Qt wrapper around `TrainerClient` (nnviz.training.trainer_client). A socket notifier wakes the
event loop when the trainer has written something, so nothing here polls or waits. It also keeps the
trainer alive: if the process dies, or does not answer a pause within ANSWER_TIMEOUT_MS, it is ended
and started again with the last settings that built, and the status bar says so.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from nnviz.gui import main_thread_gc
from nnviz.gui.i18n import said
from nnviz.gui.window.frame_pacing import FramePacer
from nnviz.training.presets import Preset
from nnviz.training.trainer import EPOCH, PAUSED
from nnviz.training.trainer_client import TrainerClient, TrainerGone

#: How long the trainer may take to answer a pause before it is ended and restarted.
ANSWER_TIMEOUT_MS = 2000
#: BLAS threads of the trainer the window runs. Measured on 2 cores (mnist-fast, 10 s runs, alternated):
#: with 1 thread the trainer trains at 0.80-0.84 of headless 2-thread speed and the event loop's p99 is
#: 6-9 ms; with 2 threads, 0.62-0.66 and 14-22 ms: the window needs part of a core, and a GEMM split in
#: two waits for its slower half. With 1 BLAS thread the trainer also distorts the next augmented batch
#: on the core the window leaves (prefetch.py): 0.86-0.91 of headless (gui_overhead.py, 20 s runs).
#: NNVIZ_BLAS_THREADS overrides it (0: BLAS's own count).
WINDOW_BLAS_THREADS = 1
#: A trainer that dies again this soon after a restart is not given the same settings a third time.
CRASH_LOOP_SECONDS = 10.0


class TrainerLink(QObject):
    session_ready = Signal(object)  # NewSession
    data_changed = Signal(object)  # NewSession: the same network now trains on this data
    snapshot_ready = Signal(object)  # Snapshot, its history the client's
    playing_changed = Signal(bool)  # playing or stepping through an epoch
    epoch_run_changed = Signal(bool)  # "Step epoch" started or ended
    training_finished = Signal(int, object)  # epochs done, test accuracy (None without a test split)
    #: One line for the status bar; training is paused. A str, or a Phrase (nnviz.engine.phrases) from the
    #: trainer that `said()` translates: `object`, as a Signal(str) would make it a plain str.
    failed = Signal(object)
    message = Signal(object)  # one line for the status bar that is not an error (str or Phrase)
    #: The trainer was restarted and is rebuilding the last session; the line says why (after `failed`).
    restarted = Signal(str)

    def __init__(self, data_dir: str | Path | None = None, blas_threads: int | None = WINDOW_BLAS_THREADS,
                 parent=None):
        super().__init__(parent)
        self._client = TrainerClient(data_dir, blas_threads, before_thread_start=main_thread_gc.watch)
        self._notifier: QSocketNotifier | None = None
        self._watch()
        self._answer_timer = QTimer(self, singleShot=True, interval=ANSWER_TIMEOUT_MS)
        self._answer_timer.timeout.connect(self._on_no_answer)
        self.state = PAUSED
        self._speed: float | None = None
        self._inspected: tuple[int, int] | None = None  # asked again of a restarted trainer
        self._data_dir: str | Path | None = None  # of the last rebuild asked for
        self._built: tuple[Preset, object] | None = None  # the last (preset, data_dir) that built
        self._hyperparameters = None  # the newest the trainer accepted (from its snapshots)
        self._last_restart = -CRASH_LOOP_SECONDS
        self._closed = False
        #: Spaces the trainer's snapshots by what drawing them costs the window (frame_pacing.py).
        self.pacer = FramePacer(lambda seconds: self._send("frames", seconds))

    # -- commands ------------------------------------------------------------------------------------

    def rebuild(self, preset: Preset, data_dir: str | Path | None = None) -> None:
        self._data_dir = data_dir
        self._send("rebuild", preset, data_dir)

    def send_data(self, spec) -> None:
        """Go on training the same network on the data of `spec` (a DatasetSpec of the same shape)."""
        self._send("data", spec)

    def play(self) -> None:
        self._send("play")

    def pause(self) -> None:
        """Pause (or cancel a Step epoch); a trainer that does not answer in time is restarted. In
        time means ANSWER_TIMEOUT_MS, or longer where a single step of this network takes long
        (full-batch MNIST): only a trainer that is truly stuck is ended."""
        self._send("pause")
        slowest = self._client.stats[2]
        self._answer_timer.start(int(ANSWER_TIMEOUT_MS + 2000 * slowest))

    def step(self, unit: str) -> None:
        """unit: "sample", "batch" or "epoch" (steps to the end of the epoch; pause cancels it)."""
        self._send("step", unit)

    def apply(self, **changes) -> None:
        self._send("apply", changes)

    def inspect(self, neuron: tuple[int, int] | None) -> None:
        """From now on, snapshots carry the worked example of `neuron` ((layer 1..L, index); None:
        of none); a fresh snapshot comes at once."""
        self._inspected = None if neuron is None else (int(neuron[0]), int(neuron[1]))
        self._send("inspect", self._inspected)

    def set_speed(self, steps_per_second: float | None) -> None:
        self._speed = steps_per_second
        self._send("speed", steps_per_second)

    def frame_drawn(self) -> None:
        """The window drew a frame (the pacer measures what frames cost while they stream)."""
        self.pacer.drawn()

    def save(self, path: str | Path, **metadata) -> None:
        self._send("save", str(path), metadata)

    def load(self, path: str | Path) -> None:
        self._send("load", str(path))

    @property
    def stats(self) -> tuple[int, float, float]:
        """(samples trained, seconds spent training, the slowest step) as of the newest snapshot."""
        return self._client.stats

    @property
    def pid(self) -> int | None:
        process = self._client.process
        return None if process is None else process.pid

    def shutdown(self, timeout: float = 0.5) -> bool:
        """Stop the trainer (terminating it after `timeout` s); True if it stopped when asked."""
        if self._closed:
            return True
        self._closed = True
        self._answer_timer.stop()
        self._unwatch()
        return self._client.stop(timeout)

    # -- messages in ---------------------------------------------------------------------------------

    def _send(self, *command) -> None:
        if self._closed:
            return
        try:
            self._client.send(*command)
        except TrainerGone:
            self._restart(self.tr("The trainer process had stopped"))

    def _on_readable(self) -> None:
        try:
            messages = self._client.receive()
        except TrainerGone as exc:
            self._restart(self.tr("The trainer process stopped unexpectedly ({how})").format(how=said(exc.how)))
            return
        for kind, *payload in messages:
            if kind == "snapshot":
                # The hyperparameters the trainer accepted: what a restart starts from.
                self._hyperparameters = payload[0].hyperparameters
                self.snapshot_ready.emit(payload[0])
            elif kind == "session":
                info = payload[0]
                self._built = (info.preset, self._data_dir)
                self._hyperparameters = info.preset.hyperparameters
                self.session_ready.emit(info)
            elif kind == "data":
                info = payload[0]
                self._built = (info.preset, self._built[1] if self._built else self._data_dir)  # restarts keep it
                self.data_changed.emit(info)
            elif kind == "state":
                self._on_state(payload[0])
            elif kind == "finished":
                self.training_finished.emit(*payload)
            elif kind == "failed":
                self.failed.emit(payload[0])
            elif kind == "message":
                self.message.emit(payload[0])

    def _on_state(self, state: str) -> None:
        was = self.state
        self.state = state
        if state == PAUSED:
            self._answer_timer.stop()
        # Every time, not only on a change: the Play button may have toggled itself on a click the
        # trainer then refused (nothing to train).
        self.playing_changed.emit(state != PAUSED)
        if (was == EPOCH) != (state == EPOCH):
            self.epoch_run_changed.emit(state == EPOCH)

    # -- keeping the trainer alive -------------------------------------------------------------------

    def _on_no_answer(self) -> None:
        self._client.terminate()
        self._restart(self.tr("The trainer did not answer within {seconds} s and was stopped").format(
            seconds=f"{ANSWER_TIMEOUT_MS / 1000:g}"))

    def _restart(self, why: str) -> None:
        if self._closed:
            return
        self._answer_timer.stop()
        self._client.terminate()
        now = time.monotonic()
        again = now - self._last_restart < CRASH_LOOP_SECONDS
        self._last_restart = now
        self._client.start()
        self._on_state(PAUSED)
        if self._speed is not None:
            self._client.send("speed", self._speed)
        self.pacer.restart()  # measured afresh: the new trainer starts at the full frame rate
        if self._inspected is not None:
            self._client.send("inspect", self._inspected)
        if self._built is None or again:
            self.failed.emit(self.tr("{why}; a new one is ready. Choose the settings to train again.").format(why=why))
            return
        preset, data_dir = self._built
        if self._hyperparameters is not None:
            preset = replace(preset, hyperparameters=self._hyperparameters)
        self._client.send("rebuild", preset, data_dir)
        text = self.tr("{why}; restarted it with the last settings (its training so far is lost).").format(why=why)
        self.failed.emit(text)
        self.restarted.emit(text)

    def _watch(self) -> None:
        # The client's wake-up descriptor outlives its trainer processes: watched once, for good.
        self._notifier = QSocketNotifier(self._client.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def _unwatch(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.activated.disconnect(self._on_readable)
            self._notifier.deleteLater()
            self._notifier = None
