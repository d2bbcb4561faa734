"""The trainer: a TrainingSession served over a message connection, meant to run in its own process.

The window starts it with `multiprocessing`'s spawn context (see trainer_client.py) and speaks to it
only in messages, so nothing the training does (a long epoch, a huge step, a crash) can block or kill
the window. The loop trains one step at a time and reads commands between steps.

Commands in, tuples `(name, *args)`:
    rebuild(preset, data_dir) · play · pause · step(unit: "sample" | "batch" | "epoch") ·
    apply(changes: dict) · data(DatasetSpec: other data, same network) · speed(steps_per_second | None) ·
    save(path, metadata) · load(path) ·
    inspect((layer, index) | None: the neuron whose worked example every snapshot carries) ·
    frames(seconds: the least time between two snapshots while training streams; the window's pace) ·
    ack (the client received a snapshot) · stop
Messages out, tuples `(kind, *payload)`:
    session(NewSession) · data(NewSession: the same network on new data) ·
    snapshot(Snapshot, new steps (n, 2): each one's loss and running training accuracy, new epoch rows,
    (samples, seconds, slowest step), kept: the names of the Snapshot's fields not sent again, to be
    taken from the snapshot before) ·
    state("paused" | "playing" | "epoch") · finished(epochs, test accuracy | None) · failed(one-line text) ·
    message(text)

Snapshots drop rather than queue: at most CREDITS are unacknowledged at a time, and the loop simply
makes no new one until the client has taken one. The history travels as increments (the loss and
running accuracy of the steps since the last snapshot), so a snapshot's size does not grow with the run.

What a snapshot costs the window is mostly its drawing; what it costs to send is kept small: arrays
travel out of band (wire.py); the test evaluation, new once an epoch, is sent only when it is new (so
the window keeps one object per epoch and can tell a new one by identity); and while training plays,
the plane's surface (a forward pass over a 48x48 grid, ~100 KB for XOR) is made at most SURFACE_HZ
times a second, which is as often as the window draws it. Whenever training stops, the snapshot
carries everything fresh.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from nnviz.engine.model_file import ModelFileError, check_can_save, load_model, save_model
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.architecture import NewSession
from nnviz.training.build import build_network, check_memory, load_preset_data
from nnviz.training.hyperparameters import HyperparameterError
from nnviz.training.messages import message_of
from nnviz.training.model_metadata import session_metadata
from nnviz.training.presets import Preset, check_drawable, preset_spec
from nnviz.training.session import StepEvent, TrainingDiverged, TrainingSession
from nnviz.training.snapshot import Origin
from nnviz.training.wire import Writer, pack

PAUSED, PLAYING, EPOCH = "paused", "playing", "epoch"
#: Snapshots in flight at once; the next is made only when the client has taken one.
CREDITS = 2
#: Snapshots are spaced at least this many times their own cost apart, so making and sending them
#: takes at most ~1/SNAPSHOT_SHARE of the trainer's time.
SNAPSHOT_SHARE = 8
#: How long the loop trains before it reads commands again (pause answers within this).
TRAIN_SLICE = 0.02
#: Surfaces made per second at most while training plays: the window redraws its surface view 20
#: times a second, and the diagram's small maps need no more.
SURFACE_HZ = 20
_UNSENT = object()  # "no evaluation sent yet in this session"


class Trainer:
    """Serve commands from `conn` (a multiprocessing Connection) until `stop` or the other end goes."""

    def __init__(self, conn, data_dir: str | Path | None = None, max_fps: float = 60.0, distort_ahead: bool = False):
        self.conn = conn
        self.data_dir = data_dir
        #: Sessions distort their next augmented batch on a worker thread (see session.distort_ahead).
        self.distort_ahead = distort_ahead
        self.session: TrainingSession | None = None
        self.preset: Preset | None = None
        self.mode = PAUSED
        self.steps_per_second: float | None = None  # None: as fast as possible
        self._fastest = self._min_interval = 1.0 / max_fps
        self._interval = self._min_interval
        self._next_at = 0.0  # when the next streamed snapshot is due (perf_counter)
        self._credits = CREDITS
        self._snapshot_due = False  # a snapshot every step must be seen (manual steps, pauses)
        self._steps: list[tuple[float, float]] = []  # (loss, running accuracy) of steps not yet sent
        self._epochs: list[dict] = []  # epoch rows not yet sent
        self._next_step_at = 0.0
        self.samples_trained = 0
        self.train_seconds = 0.0
        #: The longest training step of this session (end-of-epoch evaluation included): how long the
        #: window must be ready to wait for an answer.
        self.slowest_step = 0.0
        self._sent_evaluation = _UNSENT  # the Evaluation object the window has already
        self._surface_at = -math.inf  # when the last surface sent was made (perf_counter)
        self._surface_extent = None  # and the plane it spans
        self._writer: Writer | None = None  # writes the messages out (wire.py), while run() runs
        #: The neuron the window inspects; kept across rebuilds and loads while the network has it.
        self.inspected: tuple[int, int] | None = None

    # -- the loop ----------------------------------------------------------------------------------

    def run(self) -> None:
        # A snapshot of MNIST's network is megabytes that the window reads when its event loop gets to
        # it (after a paint, say): waiting for that in the training loop cost mnist-fast a third of
        # its speed, so what the socket does not take at once is written by the Writer's thread.
        self._writer = writer = Writer(self.conn)
        try:
            while self._handle_commands(block=self.mode == PAUSED):
                if writer.failed is not None:
                    raise writer.failed  # the window has gone
                if self.mode != PAUSED and self.session is not None:
                    self._guarded(self._train_for, TRAIN_SLICE)
                self._guarded(self._send_snapshot_if_due)
        finally:
            writer.close()

    def _handle_commands(self, block: bool) -> bool:
        """Handle every waiting command (waiting for one if `block`); False once told to stop."""
        while block or self.conn.poll():
            block = False
            command = self.conn.recv()  # EOFError when the window has gone: the caller ends
            if command[0] == "stop":
                return False
            self._handle(command)
        return True

    def _handle(self, command: tuple) -> None:
        name, *args = command
        self._guarded(getattr(self, f"_on_{name}"), *args)

    def _guarded(self, work, *args) -> None:
        """Run `work`; whatever it raises becomes one line for the window, and the loop goes on."""
        try:
            work(*args)
        except (HyperparameterError, ModelFileError, ValueError, OSError) as exc:
            # Bad settings, files or data (MnistMissingError is an OSError): say so, keep serving.
            self._fail(message_of(exc))  # its Phrase, when it has one: the window translates it
        except MemoryError:
            self._fail(QT_TRANSLATE_NOOP("Trainer", "Not enough memory for that; training paused. Try a smaller "
                                                    "network or batch."))
        except Exception as exc:  # a bug of ours: one line in the status bar, and the trainer goes on
            self._fail(QT_TRANSLATE_NOOP("Trainer", "Internal error in the trainer ({error}: {message}); training "
                                                    "paused.").format(error=type(exc).__name__, message=str(exc)))

    def _fail(self, text: str) -> None:
        """Pause and tell the window `text` (a Phrase where the message was marked for translation)."""
        self._set_mode(PAUSED)
        self._send(("failed", text))
        self._snapshot_due = self.session is not None

    def _train_for(self, budget: float) -> None:
        """Train for up to `budget` seconds, or until the next paced step is due."""
        session = self.session
        end = time.perf_counter() + budget
        while True:
            paced = self.mode == PLAYING and self.steps_per_second is not None
            if paced:
                now = time.perf_counter()
                if now < self._next_step_at:
                    self.conn.poll(min(self._next_step_at - now, budget))  # a command wakes us at once
                    return
                self._next_step_at = max(self._next_step_at + 1.0 / self.steps_per_second, now)
            self._track_input_gradient(paced)
            event = self._step(session.step)
            if event is None:
                return
            if self.mode == EPOCH and event.epoch_finished:
                self._set_mode(PAUSED)
                self._snapshot_due = True
                return
            if session.finished and self.mode == PLAYING:
                self._set_mode(PAUSED)
                self._snapshot_due = True
                test = session.last_evaluation
                self._send(("finished", session.epoch, None if test is None else test.accuracy))
                return
            if paced:
                self._snapshot_due = True
                return
            self._send_snapshot_if_due()
            if time.perf_counter() >= end:
                return

    def _track_input_gradient(self, watched: bool) -> None:
        """Image data: the views show "what would change this answer" (dL/dx) for steps watched one
        by one (slow motion, single steps); at full speed or through an epoch nothing shows it, and
        for batch-1 MNIST it would cost a fifth of every step."""
        session = self.session
        session.track_input_gradient = watched and session.dataset.image_shape is not None

    def _step(self, work) -> StepEvent | None:
        """One training step; on divergence pause and report (None)."""
        session = self.session
        start, before = time.perf_counter(), session.samples_seen
        try:
            event = work()
        except TrainingDiverged as exc:
            self._fail(QT_TRANSLATE_NOOP("Trainer", "{problem} Training paused.").format(problem=message_of(exc)))
            return None
        finally:
            seconds = time.perf_counter() - start
            self.train_seconds += seconds
            self.slowest_step = max(self.slowest_step, seconds)
            self.samples_trained += session.samples_seen - before
        self._steps.append((event.loss, event.running_accuracy))
        if event.epoch_finished:
            self._epochs.append(session.history.last_epoch())
        return event

    # -- messages out ------------------------------------------------------------------------------

    def _send(self, message: tuple) -> None:
        self._writer.post(pack(message))

    def _set_mode(self, mode: str, force: bool = False) -> None:
        if mode != self.mode or force:
            self.mode = mode
            self._send(("state", mode))

    def _send_snapshot_if_due(self) -> None:
        session = self.session
        if session is None or self._credits <= 0:
            return
        now = time.perf_counter()
        if not (self._snapshot_due or (self.mode != PAUSED and now >= self._next_at)):
            return
        with_surface = self._surface_due(now)
        snapshot = session.snapshot(with_surface=with_surface, with_history=False, with_gradients=False)
        kept = []
        if with_surface:
            self._surface_at, self._surface_extent = now, session.plane_extent
        elif session.plane_extent is not None:
            kept.append("surface")
        if snapshot.evaluation is self._sent_evaluation:
            snapshot = replace(snapshot, evaluation=None)
            kept.append("evaluation")
        self._sent_evaluation = session.last_evaluation
        steps = np.array(self._steps, dtype=np.float64).reshape(-1, 2)
        frames = pack(("snapshot", snapshot, steps, self._epochs,
                       (self.samples_trained, self.train_seconds, self.slowest_step), tuple(kept)))
        # A big network's snapshot costs milliseconds: space them by what making one costs (not by the
        # time the window takes to read it), and at most max_fps.
        self._interval = max(self._min_interval, SNAPSHOT_SHARE * (time.perf_counter() - now))
        self._writer.post(frames)
        self._steps, self._epochs = [], []
        self._credits -= 1
        self._snapshot_due = False
        # Due one interval after the last was due, not after it was sent: snapshots go out only between
        # steps, and with steps of 9 ms (mnist-fast) an interval of 24 ms would otherwise become 27 ms
        # every time. Never sooner than half an interval after this one (after a wait for credits), and
        # never later than a whole one: snapshots made for every step (paced play) must not push the
        # next due one ever further ahead, or full speed after them would show nothing for as long.
        interval = self._interval
        self._next_at = min(max(self._next_at + interval, now + 0.5 * interval), now + interval)

    def _surface_due(self, now: float) -> bool:
        """Whether this snapshot carries a new surface: always when training has stopped or the plane
        moved, at most SURFACE_HZ times a second while it plays."""
        extent = self.session.plane_extent
        if extent is None:
            return False
        return (self.mode == PAUSED or extent != self._surface_extent
                or now - self._surface_at >= 1.0 / SURFACE_HZ)

    def _announce(self) -> None:
        session = self.session
        session.distort_ahead = self.distort_ahead
        self._inspect_in(session)
        self._steps, self._epochs = [], []
        # The window starts the new session with nothing to keep from the one before.
        self._sent_evaluation, self._surface_extent = _UNSENT, None
        self.slowest_step = 0.0
        self._send(("session", NewSession.of(session, self.preset)))
        self._snapshot_due = True

    # -- command handlers --------------------------------------------------------------------------

    def _on_ack(self) -> None:
        self._credits = min(CREDITS, self._credits + 1)

    def _on_rebuild(self, preset: Preset, data_dir: str | Path | None = None) -> None:
        self._set_mode(PAUSED)
        check_drawable(preset.sizes, preset.dataset)
        dataset = load_preset_data(preset, data_dir or self.data_dir)  # its spec: a generator, a CSV, points…
        session = TrainingSession(build_network(preset, dataset=dataset), dataset, preset.hyperparameters, preset.targets)
        self.session, self.preset = session, preset
        self._announce()

    def _on_play(self) -> None:
        session = self.session
        if session is None:
            self._set_mode(PAUSED, force=True)  # the window's Play button shows what is true
            self._send(("failed", "Nothing to train yet: choose a preset or load a model."))
            return
        if session.finished:
            # Play after the configured epochs: keep going, one more round of epochs.
            epochs = session.hyperparameters.epochs
            session.apply(epochs=session.epoch + (epochs or 1))
        self._next_step_at = time.perf_counter()
        self._set_mode(PLAYING)

    def _on_pause(self) -> None:
        # Always answered, so the client knows the trainer heard it.
        self._set_mode(PAUSED, force=True)
        self._snapshot_due = self.session is not None

    def _on_step(self, unit: str) -> None:
        if unit not in ("sample", "batch", "epoch"):
            raise ValueError(f"cannot step by {unit!r}: choose sample, batch or epoch")
        if self.session is None:
            return
        if unit == "epoch":
            # Steps until the epoch ends, reading commands between them: it can be paused at any point.
            self._set_mode(EPOCH)
            return
        self._set_mode(PAUSED)
        session = self.session
        self._track_input_gradient(True)
        self._step(lambda: session.step(n_samples=1) if unit == "sample" else session.step())
        self._snapshot_due = True

    def _on_inspect(self, neuron: tuple[int, int] | None) -> None:
        self.inspected = None if neuron is None else tuple(int(v) for v in neuron)
        if self.session is not None:
            self._inspect_in(self.session)
            self._snapshot_due = True  # the explanation of the step already shown, at once

    def _inspect_in(self, session) -> None:
        """Inspect self.inspected in `session`, or nothing when its network has no such neuron."""
        try:
            session.inspect(self.inspected)
        except ValueError:
            self.inspected = None
            session.inspect(None)

    def _on_apply(self, changes: dict) -> None:
        if self.session is not None:
            self.session.apply(**changes)
            self._snapshot_due = True

    def _on_data(self, spec) -> None:
        """Go on training the same network on other data of the same shape (a generator's new
        settings, points edited by hand, another split): network, optimiser and counts stay. The
        window hears `data(NewSession)` rather than `session`, so its views show the new data and
        keep the run's history."""
        from nnviz.data import load_spec
        from nnviz.training.data_fit import check_same_shape
        from nnviz.training.point_edits import inside

        session = self.session
        if session is None:
            return
        dataset = load_spec(spec, self.data_dir, self.preset.scaling, dtype=session.network.dtype)
        check_same_shape(session.dataset, dataset)
        extent = session.plane_extent
        session.replace_dataset(dataset)
        if spec.kind == "points" and extent is not None and inside(extent, dataset.x_train):
            session.plane_extent = extent  # the plane stays put under the mouse while points are edited
        self.preset = replace(self.preset, dataset=spec.kind, spec=spec, samples=None)
        self._send(("data", NewSession.of(session, self.preset)))
        self._snapshot_due = True

    def _on_frames(self, seconds: float) -> None:
        """Space snapshots at least `seconds` apart while training streams (the window's frame pace),
        within 1/max_fps and 1 s."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or math.isnan(seconds):
            raise ValueError(f"a frame interval is a number of seconds, not {seconds!r}")  # a bug of ours
        self._min_interval = min(max(float(seconds), self._fastest), 1.0)
        self._interval = max(self._interval, self._min_interval)

    def _on_speed(self, steps_per_second: float | None) -> None:
        if steps_per_second is not None and not (math.isfinite(steps_per_second) and steps_per_second > 0):
            raise ValueError(f"speed must be a positive number of steps per second, got {steps_per_second}")
        self.steps_per_second = steps_per_second
        self._next_step_at = time.perf_counter()

    def _on_save(self, path: str | Path, metadata: dict) -> None:
        session = self.session
        if session is None:
            return
        path = Path(path)
        check_can_save(path)  # "/etc/passwd is a file, not a folder", not what mkdir says of it
        test = session.evaluate_test()
        save_model(path, session.network, **session_metadata(
            session, self.preset.name, self.preset.scaling, spec=preset_spec(self.preset),  # for `nnviz eval`
            metrics={"test_accuracy": test.accuracy, "test_loss": test.loss},
            **{"training": _training_record(session), **metadata}))
        self._send(("message", QT_TRANSLATE_NOOP("Trainer", "Saved the model to {path}").format(path=str(path))))

    def _on_load(self, path: str | Path) -> None:
        path = Path(path)
        loaded = load_model(path)
        network, session = loaded.network, self.session
        if session is None or network.sizes[0] != session.dataset.n_features \
                or network.sizes[-1] not in (session.dataset.n_classes, 1 if session.dataset.n_classes == 2 else -1):
            if session is None:
                text = QT_TRANSLATE_NOOP("Trainer", "{file} is a {layers} network, which does not fit the current "
                                                    "dataset; choose the dataset it was trained on first")
            else:
                text = QT_TRANSLATE_NOOP("Trainer", "{file} is a {layers} network, which does not fit the {data} "
                                                    "dataset; choose the dataset it was trained on first")
            raise ModelFileError(text.format(file=path.name, layers="-".join(map(str, network.sizes)),
                                             data=session.dataset.name if session else ""))
        # A forged file can be valid and still far too big for the window to draw or this machine to
        # train: the same limits as the editor's and the same memory estimate as a rebuild.
        check_drawable(network.sizes, self.preset.dataset)
        h = session.hyperparameters
        check_memory(network.sizes, network.dtype, h.optimizer, session.batch_size, len(session.dataset.x_test))
        self._set_mode(PAUSED)
        targets = loaded.metadata.get("preprocessing", {}).get("targets", session.targets)
        if not (isinstance(targets, (list, tuple)) and len(targets) == 2
                and all(isinstance(t, (int, float)) and math.isfinite(t) for t in targets) and targets[0] != targets[1]):
            raise ModelFileError(QT_TRANSLATE_NOOP("Trainer", "{file}: preprocessing.targets must be two different "
                                                              "numbers, got {targets}").format(
                file=path.name, targets=repr(targets)))
        self.session = TrainingSession(network, session.dataset, session.hyperparameters, tuple(map(float, targets)))
        self.session.origin = Origin(path.name, _saved_step(loaded.metadata))
        arch = network.architecture()
        self.preset = replace(self.preset, sizes=tuple(arch["sizes"]), hidden=tuple(arch["hidden"]),
                              output=arch["output"], loss=arch["loss"], initial_parameters=None)
        self._announce()
        self._send(("message", QT_TRANSLATE_NOOP("Trainer", "Loaded {file}").format(file=path.name)))


def _training_record(session: TrainingSession) -> dict:
    """What a saved model says about its training, as `nnviz train` writes it: epochs, steps and
    samples since its initialisation. For a loaded model only the steps, when its file said how many
    it had taken (its epochs and samples were never recorded by the window)."""
    origin = session.origin
    if origin is None:
        return {"epochs": session.epoch, "steps": session.step_count, "samples": session.samples_seen}
    if origin.saved_step is None:
        return {}  # how long it had trained before is unknown: say nothing rather than too little
    return {"steps": origin.saved_step + session.step_count}


def _saved_step(metadata: dict) -> int | None:
    """The step a model file says it was saved after, if it says so plausibly."""
    training = metadata.get("training")
    steps = training.get("steps") if isinstance(training, dict) else None
    return steps if isinstance(steps, int) and not isinstance(steps, bool) and steps >= 0 else None


def _usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def serve(conn, data_dir: str | Path | None = None, blas_threads: int | None = None) -> None:
    """The trainer process's main function: serve `conn` until told to stop or the window goes."""
    # Ctrl+C in the terminal reaches the whole process group; the window decides, and stops us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limiter = None
    override = os.environ.get("NNVIZ_BLAS_THREADS", "").strip()  # for measurements: 0 leaves BLAS alone
    if override.isdigit():
        blas_threads = int(override) or None
    if blas_threads:
        from threadpoolctl import threadpool_limits  # only where the window asked for a limit

        limiter = threadpool_limits(limits=blas_threads, user_api="blas")
    # BLAS on fewer threads than cores (the window's share): augmentation can use the rest, ahead.
    distort_ahead = bool(blas_threads) and blas_threads < _usable_cores()
    try:
        Trainer(conn, data_dir, distort_ahead=distort_ahead).run()
    except (EOFError, OSError):
        pass  # the window closed its end: nothing left to serve
    except BaseException as exc:  # a bug of ours outside any command: one line, not a traceback
        print(f"nnviz trainer: {type(exc).__name__}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        if limiter is not None:
            limiter.restore_original_limits()
        conn.close()
