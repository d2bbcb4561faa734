"""The training thread: wraps a TrainingSession in a QThread and talks to the GUI by messages.

The GUI sends commands (play, pause, step, apply hyperparameters, rebuild, save...) through a queue;
the thread handles them between two training steps, so a change never lands mid-step and the GUI
never touches the network being trained. Back to the GUI go signals carrying immutable snapshots,
emitted at most `max_fps` times a second while playing (the GUI keeps only the newest one), and
always right after a manual step so every step can be seen.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from threadpoolctl import threadpool_limits

from nnviz.engine.model_file import ModelFileError, load_model, save_model
from nnviz.training import Preset, TrainingDiverged, TrainingSession, build_network, load_dataset
from nnviz.training.hyperparameters import HyperparameterError
from nnviz.training.model_metadata import session_metadata


@dataclass(frozen=True)
class SessionInfo:
    """What the views need to know about a freshly built session (sent once per rebuild)."""

    preset: Preset
    dataset: object  # nnviz.data.Dataset
    sizes: tuple[int, ...]
    activation_names: tuple[str, ...]
    loss_name: str
    batch_size: int


#: Below this many weights a training step is mostly Python overhead (holding the GIL), above it mostly
#: BLAS (releasing it); measured with tests/bench/gui_overhead.py on XOR and mnist-fast.
GIL_BOUND_WEIGHTS = 20_000
SNAPSHOT_SHARE = 8  # snapshots are spaced at least this many times their own cost apart


class TrainingWorker(QThread):
    session_ready = Signal(object)  # SessionInfo
    snapshot_ready = Signal(object)  # Snapshot
    playing_changed = Signal(bool)
    training_finished = Signal()
    failed = Signal(str)  # a one-line message for the status bar; training is paused
    message = Signal(str)  # a one-line status message that is not an error

    def __init__(self, data_dir: str | Path | None = None, max_fps: float = 60.0, blas_threads: int | None = None):
        super().__init__()
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        #: Cleared by the GUI thread while it draws a frame; training steps wait for it (see _play_for).
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        self._early = None  # a command that arrived while a paced step was waiting
        self._data_dir = data_dir
        self._min_interval = 1.0 / max_fps
        self._interval = self._min_interval
        self._blas_threads = blas_threads
        self.session: TrainingSession | None = None  # owned by the worker thread once it runs
        self._preset: Preset | None = None
        self._playing = False
        self._steps_per_second: float | None = None  # None: as fast as possible
        self._last_emit = 0.0
        self._next_step_at = 0.0
        # Throughput counters, read by --stats after the thread has stopped.
        self.samples_trained = 0
        self.train_seconds = 0.0

    # -- called from the GUI thread: every method only enqueues a message --------------------------

    def rebuild(self, preset: Preset, data_dir: str | Path | None = None) -> None:
        """Build a new session for `preset` (MNIST from data_dir, else the worker's default)."""
        self._commands.put(("rebuild", preset, data_dir))

    def play(self) -> None:
        self._commands.put(("play",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def step(self, unit: str) -> None:
        """unit: "sample", "batch" or "epoch"; pauses first."""
        self._commands.put(("step", unit))

    def apply(self, **changes) -> None:
        self._commands.put(("apply", changes))

    def set_speed(self, steps_per_second: float | None) -> None:
        self._commands.put(("speed", steps_per_second))

    def save(self, path: str | Path, **metadata) -> None:
        """Save the network with the session's metadata plus `metadata` (e.g. command=...)."""
        self._commands.put(("save", Path(path), metadata))

    def load(self, path: str | Path) -> None:
        self._commands.put(("load", Path(path)))

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Ask the thread to finish after its current step and wait for it."""
        self._commands.put(("stop",))
        return self.wait(timeout_ms)

    # -- the thread --------------------------------------------------------------------------------

    def run(self) -> None:
        limiter = blas_limit(self._blas_threads)
        try:
            self._loop()
        finally:
            if limiter is not None:
                limiter.restore_original_limits()

    def _loop(self) -> None:
        while True:
            if not self._handle_commands(block=not self._playing):
                return
            if self._playing and self.session is not None:
                self._play_for(0.02)

    def _handle_commands(self, block: bool) -> bool:
        """Process queued commands (waiting for one if `block`); False once asked to stop."""
        while True:
            try:
                if self._early is not None:
                    command, self._early = self._early, None
                elif block:
                    command = self._commands.get()
                else:
                    command = self._commands.get_nowait()
            except queue.Empty:
                return True
            if command[0] == "stop":
                return False
            try:
                getattr(self, f"_on_{command[0]}")(*command[1:])
            except (HyperparameterError, ModelFileError, ValueError, OSError) as exc:
                # Bad settings, files or data (MnistMissingError is an OSError): report, keep running.
                self._set_playing(False)
                self.failed.emit(str(exc))
            block = False  # after the first command, drain the rest without waiting

    def _play_for(self, budget: float) -> None:
        """Train for up to `budget` seconds (or one paced step), then return to read commands."""
        session = self.session
        end = time.perf_counter() + budget
        while True:
            now = time.perf_counter()
            if self._steps_per_second is not None:
                if now < self._next_step_at:
                    # Sleep on the queue so that a command still wakes us at once.
                    try:
                        self._early = self._commands.get(timeout=min(self._next_step_at - now, budget))
                    except queue.Empty:
                        pass
                    return
                self._next_step_at = max(self._next_step_at + 1.0 / self._steps_per_second, now)
            # While the GUI thread draws a frame, a small network's steps wait: they are all Python
            # overhead, and a frame drawn in a tug of war with them for the GIL takes ten times as
            # long. A big network's steps run in BLAS without the GIL and need not wait.
            if self._gil_bound:
                self.gui_idle.wait(0.1)
            if not self._train(lambda: session.step()):
                return
            if self._steps_per_second is not None or session.finished:
                self._emit_snapshot(force=True)
                if session.finished:
                    self._set_playing(False)
                    self.training_finished.emit()
                return
            self._emit_snapshot()
            if time.perf_counter() >= end:
                return

    def _train(self, work) -> bool:
        """Run one unit of training; on divergence pause and report. True if it went well."""
        start = time.perf_counter()
        samples_before = self.session.samples_seen
        try:
            work()
        except TrainingDiverged as exc:
            self._set_playing(False)
            self.failed.emit(f"{exc} Training paused.")
            self._emit_snapshot(force=True)
            return False
        finally:
            self.train_seconds += time.perf_counter() - start
            self.samples_trained += self.session.samples_seen - samples_before
        return True

    def _emit_snapshot(self, force: bool = False) -> None:
        now = time.perf_counter()
        if force or now - self._last_emit >= self._interval:
            session = self.session
            self.snapshot_ready.emit(session.snapshot(with_surface=session.plane_extent is not None))
            # A big network's snapshot costs milliseconds of copying: space them so that snapshots
            # take at most ~1/SNAPSHOT_SHARE of the training thread's time, and at most max_fps.
            cost = time.perf_counter() - now
            self._interval = max(self._min_interval, SNAPSHOT_SHARE * cost)
            self._last_emit = now

    @property
    def _gil_bound(self) -> bool:
        return sum(W.size for W in self.session.network.weights) < GIL_BOUND_WEIGHTS

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    # -- command handlers (worker thread) ----------------------------------------------------------

    def _on_rebuild(self, preset: Preset, data_dir: str | Path | None) -> None:
        self._set_playing(False)
        dataset = load_dataset(preset.dataset, data_dir or self._data_dir, preset.scaling)
        self.session = TrainingSession(build_network(preset), dataset, preset.hyperparameters, preset.targets)
        # Image data: the views show "what would change this answer" (dL/dx) as an image.
        self.session.track_input_gradient = dataset.image_shape is not None
        self._preset = preset
        self._announce()

    def _announce(self) -> None:
        net = self.session.network
        self.session_ready.emit(SessionInfo(
            preset=self._preset, dataset=self.session.dataset, sizes=net.sizes,
            activation_names=tuple(f.name for f in net.activations), loss_name=net.loss.name,
            batch_size=self.session.batch_size,
        ))
        self._emit_snapshot(force=True)

    def _on_play(self) -> None:
        if self.session is None:
            return
        if self.session.finished:
            # Play after the configured epochs: keep going, one more round of epochs.
            epochs = self.session.hyperparameters.epochs
            self.session.apply(epochs=self.session.epoch + (epochs or 1))
        self._next_step_at = time.perf_counter()
        self._set_playing(True)

    def _on_pause(self) -> None:
        self._set_playing(False)
        if self.session is not None:
            self._emit_snapshot(force=True)

    def _on_step(self, unit: str) -> None:
        self._set_playing(False)
        session = self.session
        if session is None:
            return
        work = {
            "sample": lambda: session.step(n_samples=1),
            "batch": session.step,
            "epoch": session.run_epoch,
        }[unit]
        self._train(work)
        self._emit_snapshot(force=True)

    def _on_apply(self, changes: dict) -> None:
        if self.session is not None:
            self.session.apply(**changes)
            self._emit_snapshot(force=True)

    def _on_speed(self, steps_per_second: float | None) -> None:
        self._steps_per_second = steps_per_second
        self._next_step_at = time.perf_counter()

    def _on_save(self, path: Path, metadata: dict) -> None:
        session = self.session
        if session is None:
            return
        test = session.evaluate_test()
        save_model(path, session.network, **session_metadata(
            session, self._preset.name, self._preset.scaling,
            metrics={"test_accuracy": test.accuracy, "test_loss": test.loss}, **metadata))
        self.message.emit(f"Saved the model to {path}")

    def _on_load(self, path: Path) -> None:
        loaded = load_model(path)
        network, session = loaded.network, self.session
        if session is None or network.sizes[0] != session.dataset.n_features \
                or network.sizes[-1] not in (session.dataset.n_classes, 1 if session.dataset.n_classes == 2 else -1):
            raise ModelFileError(
                f"{path.name} is a {'-'.join(map(str, network.sizes))} network, which does not fit the "
                f"{session.dataset.name if session else 'current'} dataset; choose the dataset it was trained on first"
            )
        self._set_playing(False)
        targets = tuple(loaded.metadata.get("preprocessing", {}).get("targets", session.targets))
        self.session = TrainingSession(network, session.dataset, session.hyperparameters, targets)
        self.session.track_input_gradient = session.track_input_gradient
        arch = network.architecture()
        self._preset = replace(self._preset, sizes=tuple(arch["sizes"]), hidden=tuple(arch["hidden"]),
                               output=arch["output"], loss=arch["loss"], initial_parameters=None)
        self._announce()
        self.message.emit(f"Loaded {path.name}")


def blas_limit(threads: int | None):
    """Limit BLAS to `threads` threads (None: leave it) while the worker runs. Measured with
    tests/bench/gui_overhead.py on 2 cores, mnist-fast: the window trains at 74 % of headless speed
    with BLAS's own 2 threads and 60 % with 1, at the same ~39 frames/s and p99 latency < 10 ms, so
    the default leaves BLAS alone. NNVIZ_BLAS_THREADS overrides it (0: leave it)."""
    override = os.environ.get("NNVIZ_BLAS_THREADS", "").strip()
    if override.isdigit():
        threads = int(override) or None
    if threads is None:
        return None
    return threadpool_limits(limits=threads, user_api="blas")
