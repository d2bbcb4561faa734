"""The arithmetic behind the race's curves, apart from any drawing: a run's loss against epochs, samples
seen, updates made or seconds of training; the seconds each step was reached at; the curves as CSV;
how the runs share the processor.

A run's history holds the loss per update (bucketed, see history.py). With a fixed batch size b on
n training samples an epoch is ceil(n / b) updates, the last one possibly smaller, so the samples seen
after s updates are known exactly; seconds are interpolated between the (update, seconds) readings the
window takes with every snapshot.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.curves import ema

#: The smoothed loss averages about this share of an epoch's samples (the EMA's time constant).
SMOOTHING_EPOCHS = 0.1
#: Readings a Timeline keeps at most (then every second one, the newest always).
TIMELINE_CAPACITY = 4096


class XAxis(Enum):
    """What the race's curves are drawn against: (RunCurve column, axis title)."""

    EPOCHS = ("epochs", QT_TRANSLATE_NOOP("Race", "epochs"))
    SAMPLES = ("samples", QT_TRANSLATE_NOOP("Race", "samples seen"))
    UPDATES = ("updates", QT_TRANSLATE_NOOP("Race", "updates made"))
    SECONDS = ("seconds", QT_TRANSLATE_NOOP("Race", "seconds of training"))

    @property
    def column(self) -> str:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]


def samples_after(updates, batch_size: int, n_train: int) -> np.ndarray:
    """Samples seen after `updates` updates (array) of batch_size on n_train samples per epoch."""
    updates = np.asarray(updates, dtype=np.int64)
    b, n = int(batch_size), int(n_train)
    per_epoch = -(-n // b)
    return (updates // per_epoch) * n + np.minimum((updates % per_epoch) * b, n)


class Timeline:
    """(update, seconds) readings of one run, in order; `seconds_at` interpolates between them. Kept in
    bounded memory: when full, every second reading is dropped (the newest stays)."""

    def __init__(self, capacity: int = TIMELINE_CAPACITY):
        if capacity < 4:
            raise ValueError(f"capacity must be at least 4, got {capacity}")
        self.capacity = capacity
        self._updates = [0]
        self._seconds = [0.0]

    def add(self, updates: int, seconds: float) -> None:
        """A reading: `seconds` of training had passed after `updates` updates (both never decrease)."""
        if updates < self._updates[-1] or not math.isfinite(seconds):
            return
        if updates == self._updates[-1]:
            self._seconds[-1] = max(self._seconds[-1], float(seconds))
            return
        self._updates.append(int(updates))
        self._seconds.append(max(float(seconds), self._seconds[-1]))
        if len(self._updates) > self.capacity:
            self._updates = self._updates[0:-1:2] + self._updates[-1:]
            self._seconds = self._seconds[0:-1:2] + self._seconds[-1:]

    def seconds_at(self, updates) -> np.ndarray:
        """Seconds of training after each of `updates` (array); the last reading's beyond it."""
        return np.interp(np.asarray(updates, dtype=np.float64), self._updates, self._seconds)

    def __len__(self) -> int:
        return len(self._updates)


class LossKind(Enum):
    """Which loss the curves show: (history x column, history loss column, CSV column, title)."""

    UPDATE = ("step", "step_loss", "train_loss", QT_TRANSLATE_NOOP("Race", "loss per update"))
    #: Averaged over the same share of an epoch for every run (see smoothed_per_epoch).
    SMOOTHED = ("step", "step_loss", "smoothed_train_loss", QT_TRANSLATE_NOOP("Race", "loss per update, smoothed"))
    EPOCH = ("epoch_end_step", "test_loss", "test_loss", QT_TRANSLATE_NOOP("Race", "test loss per epoch"))

    @property
    def csv_column(self) -> str:
        return self.value[2]

    @property
    def title(self) -> str:
        return self.value[3]


@dataclass(frozen=True)
class RunCurve:
    """One run's loss as drawn, with every x it can be drawn against; arrays of shape (n,)."""

    label: str
    value: str
    updates: np.ndarray
    samples: np.ndarray
    epochs: np.ndarray
    seconds: np.ndarray
    loss: np.ndarray

    def x(self, axis: XAxis) -> np.ndarray:
        return getattr(self, axis.column)


def run_curve(label: str, value: str, updates, loss, batch_size: int, n_train: int,
              timeline: Timeline) -> RunCurve:
    """The curve of `loss` (n,) at `updates` (n,) of a run with batches of batch_size on n_train samples."""
    updates = np.asarray(updates, dtype=np.int64)
    samples = samples_after(updates, batch_size, n_train)
    return RunCurve(label, value, updates, samples, samples / float(n_train), timeline.seconds_at(updates),
                    np.asarray(loss, dtype=np.float64))


def history_curve(label: str, value: str, history: dict[str, np.ndarray], kind: LossKind, batch_size: int,
                  n_train: int, timeline: Timeline) -> RunCurve:
    """A run's `kind` of loss from its History.view(), each point where it was measured: an update's
    loss before that update (the weights it was computed with had seen the updates before it; bucketed,
    the mean of each bucket at its last update), a test loss after the epoch's last update. So every
    run of a race starts at x = 0, and a full-batch run's first loss is the one it started from."""
    x_column, loss_column = kind.value[:2]
    updates = np.asarray(history[x_column], dtype=np.int64)
    loss = np.asarray(history[loss_column], dtype=np.float64)
    if kind is not LossKind.EPOCH:
        updates = updates - 1
    if kind is LossKind.SMOOTHED:
        loss = smoothed_per_epoch(updates, loss, -(-int(n_train) // int(batch_size)))
    return run_curve(label, value, updates, loss, batch_size, n_train, timeline)


def smoothed_per_epoch(updates: np.ndarray, loss: np.ndarray, updates_per_epoch: int,
                       epochs: float = SMOOTHING_EPOCHS) -> np.ndarray:
    """loss (n,) at updates (n,) smoothed by an exponential moving average whose time constant is
    `epochs` of an epoch: the same share of the data for every run, so their curves compare fairly (a
    one-sample run averages many updates, a full-batch run none). A tenth of an epoch keeps the curve
    within a tenth of an epoch of the truth; over a whole epoch, MNIST's first fall showed an epoch
    late. The points may be buckets of several updates each (history.py): the decay per point
    follows their width."""
    if len(loss) < 2:
        return np.asarray(loss, dtype=np.float64)
    width = max(float(np.median(np.diff(updates))), 1.0)
    return ema(loss, math.exp(-width / max(epochs * int(updates_per_epoch), 1e-9)))


CSV_COLUMNS = ("run", "value", "updates", "samples_seen", "epochs", "seconds")


def write_curves_csv(path: str | Path, curves: list[RunCurve], loss_column: str = "loss") -> Path:
    """The curves in long form, one row per point: run, value, updates, samples_seen, epochs, seconds
    and `loss_column`. Written whole to a temporary file first, then moved into place."""
    path = Path(path)
    temporary = path.with_name(path.name + ".part")
    with open(temporary, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow((*CSV_COLUMNS, loss_column))
        for c in curves:
            for row in zip(c.updates.tolist(), c.samples.tolist(), c.epochs.tolist(), c.seconds.tolist(),
                           c.loss.tolist()):
                u, s, e, t, loss = row
                writer.writerow((c.label, c.value, u, s, f"{e:.6g}", f"{t:.6g}", f"{loss:.8g}"))
    os.replace(temporary, path)
    return path


def available_cores() -> int:
    """Processor cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cpu_share_text(n_runs: int, n_cores: int) -> str:
    """How `n_runs` trainer processes share `n_cores` cores, in a phrase for the Race tab."""
    if n_runs <= n_cores:
        if n_runs == 1:
            if n_cores == 1:
                return QT_TRANSLATE_NOOP("Race", "1 run on 1 core: one core each")
            return QT_TRANSLATE_NOOP("Race", "1 run on {cores} cores: one core each").format(cores=n_cores)
        return QT_TRANSLATE_NOOP("Race", "{runs} runs on {cores} cores: one core each").format(runs=n_runs, cores=n_cores)
    share = round(100 * n_cores / n_runs)
    if n_cores == 1:
        return QT_TRANSLATE_NOOP("Race", "{runs} runs share 1 core: ~{share} % of a core each").format(
            runs=n_runs, share=share)
    return QT_TRANSLATE_NOOP("Race", "{runs} runs share {cores} cores: ~{share} % of a core each").format(
        runs=n_runs, cores=n_cores, share=share)
