"""Training history in bounded memory, however long the run.

A run of XOR makes tens of thousands of steps a second; keeping every step's loss would grow without
end (the issue measured 20 MB in three minutes of the window). So the loss of every step goes into a
`StepCurve` of at most `capacity` buckets: one step per bucket at first, and when the buckets are full,
neighbours merge pairwise (the bucket width doubles). Each bucket keeps the mean, min and max of its
steps, so a plot drawn from min/max looks like one drawn from every step (that is what pyqtgraph's
own peak downsampling shows). Epoch rows are kept the same way: all of them at first, then every
second one, every fourth... with the newest always present.

Beside each step's loss the history keeps the running training accuracy (`RunningAccuracy`: the share
of the latest samples the network classified right while it trained on them; for regression
`RunningR2`, the R² of those samples), so a run whose epochs take a minute still shows how it is doing
from its first steps on. It is bucketed like the loss.

Appends write past the end of the arrays and merges write new arrays, so a `view()` of either never
changes after it was taken: a snapshot can hold one without copying.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping

import numpy as np

#: Buckets of step losses kept: full detail for this many steps, a pixel's worth or better after that.
LOSS_CAPACITY = 16384
#: Epoch rows kept (then every second one, and so on).
EPOCH_CAPACITY = 4096
#: The running training accuracy covers (at least) this many of the latest samples, or the whole
#: training set when it is smaller: about ±1 % of noise at 90 % accuracy, and on MNIST a few dozen
#: steps, so it answers within a second of a change.
RUNNING_SAMPLES = 2000


def running_window(n_train: int) -> int:
    """Samples the running training accuracy of a training set of `n_train` samples covers."""
    return max(1, min(int(n_train), RUNNING_SAMPLES))


class RunningAccuracy:
    """The share of the latest `window` samples (whole steps: at least `window` once that many were
    seen) classified right. O(1) per step: the counts of the steps in the window, oldest dropped."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError(f"window must be at least 1 sample, got {window}")
        self.window = window
        self._steps: deque[tuple[int, int]] = deque()  # (correct, samples) per step, oldest first
        self._correct = 0
        self._samples = 0

    def add(self, correct: int, samples: int) -> float:
        """Count one step's `correct` of `samples`; returns the running accuracy in [0, 1]."""
        self._steps.append((int(correct), int(samples)))
        self._correct += int(correct)
        self._samples += int(samples)
        # Drop the oldest step while the rest still cover the window.
        while self._samples - self._steps[0][1] >= self.window:
            c, n = self._steps.popleft()
            self._correct -= c
            self._samples -= n
        return self.value

    @property
    def value(self) -> float:
        """The running accuracy (NaN before the first step)."""
        return self._correct / self._samples if self._samples else float("nan")


class RunningR2:
    """R² over the latest `window` samples (whole steps, as RunningAccuracy), from each step's outputs
    while it trained on them: 1 - (their mean squared residual) / `target_variance`, the variance of
    the training targets. The variance of the whole training set, not of the window's few samples, so
    that a stochastic run's score does not jump with which samples happen to be in the window."""

    def __init__(self, window: int, target_variance: float):
        if window < 1:
            raise ValueError(f"window must be at least 1 sample, got {window}")
        self.window = window
        # Targets that do not vary: every residual is unexplained variance of nothing; use 1 so the
        # score reads 1 - mean squared residual (1 when exact), never a division by zero.
        self.target_variance = float(target_variance) if target_variance > 0 else 1.0
        self._steps: deque[tuple[float, int]] = deque()  # (sum of squared residuals, samples) per step
        self._squares = 0.0
        self._samples = 0
        self._dropped = 0

    def add(self, squared_residuals: float, samples: int) -> float:
        """Count one step's sum of squared residuals over `samples`; returns the running R²."""
        self._steps.append((float(squared_residuals), int(samples)))
        self._squares += float(squared_residuals)
        self._samples += int(samples)
        while self._samples - self._steps[0][1] >= self.window:
            s, n = self._steps.popleft()
            self._squares -= s
            self._samples -= n
            self._dropped += 1
        if self._dropped >= len(self._steps):
            # Subtracting what leaves the window accumulates rounding: sum afresh now and then
            # (as often as the window turns over, so O(1) per step on average).
            self._squares = math.fsum(s for s, _ in self._steps)
            self._dropped = 0
        return self.value

    @property
    def value(self) -> float:
        """The running R² (NaN before the first step)."""
        if not self._samples:
            return float("nan")
        return 1.0 - max(self._squares, 0.0) / self._samples / self.target_variance


class StepCurve:
    """One value per training step (steps 1, 2, 3...), kept in at most `capacity` buckets."""

    def __init__(self, capacity: int = LOSS_CAPACITY):
        if capacity < 2 or capacity % 2:
            raise ValueError(f"capacity must be even and at least 2, got {capacity}")
        self.capacity = capacity
        self.stride = 1  # steps per full bucket
        self.n_steps = 0
        self._n = 0  # full buckets
        self._end = np.empty(capacity)  # the last step of each bucket
        self._mean = np.empty(capacity)
        self._min = np.empty(capacity)
        self._max = np.empty(capacity)
        # The bucket being filled: count, sum, min, max of its steps so far.
        self._part = (0, 0.0, np.inf, -np.inf)

    def append(self, value: float) -> None:
        """One step's value. Plain Python: it runs once per training step, where NumPy's per-call
        overhead for a one-element array cost more than a small network's step (XOR: 14 %)."""
        value = float(value)
        count, total, lo, hi = self._part
        count += 1
        self.n_steps += 1
        part = (count, total + value, min(lo, value), max(hi, value))
        if count == self.stride and self._n == self.capacity:
            self._merge()  # the buckets double, and this one has room for as many steps again
        if count < self.stride:
            self._part = part
            return
        i = self._n
        self._end[i], self._mean[i], self._min[i], self._max[i] = self.n_steps, part[1] / count, part[2], part[3]
        self._n = i + 1
        self._part = (0, 0.0, np.inf, -np.inf)

    def extend(self, values) -> None:
        v = np.asarray(values, dtype=np.float64).ravel()
        while len(v):
            count = self._part[0]
            if count or len(v) < self.stride:
                k = min(self.stride - count, len(v))
                self._fill_part(v[:k])
                v = v[k:]
                continue
            if self._n == self.capacity:
                self._merge()
                continue
            whole = min(len(v) // self.stride, self.capacity - self._n)
            block = v[: whole * self.stride].reshape(whole, self.stride)
            end = self.n_steps + self.stride * np.arange(1, whole + 1)
            self._push(end, block.mean(axis=1), block.min(axis=1), block.max(axis=1))
            self.n_steps += whole * self.stride
            v = v[whole * self.stride:]

    def _fill_part(self, v: np.ndarray) -> None:
        count, total, lo, hi = self._part
        count += len(v)
        self.n_steps += len(v)
        self._part = (count, total + float(v.sum()), min(lo, float(v.min())), max(hi, float(v.max())))
        if count == self.stride and self._n == self.capacity:
            self._merge()  # the buckets double, and this one has room for as many steps again
        if count == self.stride:
            _, total, lo, hi = self._part
            self._push(np.array([self.n_steps]), np.array([total / count]), np.array([lo]), np.array([hi]))
            self._part = (0, 0.0, np.inf, -np.inf)

    def _push(self, end, mean, lo, hi) -> None:
        i, j = self._n, self._n + len(end)
        self._end[i:j], self._mean[i:j], self._min[i:j], self._max[i:j] = end, mean, lo, hi
        self._n = j

    def _merge(self) -> None:
        # Into new arrays, so that views handed out earlier keep their values.
        half = self._n // 2
        n = slice(0, self._n)
        end, mean, lo, hi = self._end[n], self._mean[n], self._min[n], self._max[n]
        for name, merged in (("_end", end[1::2]), ("_mean", (mean[0::2] + mean[1::2]) / 2),
                             ("_min", np.minimum(lo[0::2], lo[1::2])), ("_max", np.maximum(hi[0::2], hi[1::2]))):
            fresh = np.empty(self.capacity)
            fresh[:half] = merged
            setattr(self, name, fresh)
        self._n = half
        self.stride *= 2

    def view(self) -> dict[str, np.ndarray]:
        """step (the last step of each bucket), mean, min and max of its values; read-only."""
        return {name: self.column_maker(name)() for name in ("step", "mean", "min", "max")}

    def column_maker(self, name: str):
        """A function that makes column `name` ("step", "mean", "min" or "max") as it is now, however
        the curve grows meanwhile: taking it costs no copy (full buckets are never written again, see
        the module docstring), making it copies the column once, when it is asked for."""
        data = {"step": self._end, "mean": self._mean, "min": self._min, "max": self._max}[name]
        n, (count, total, lo, hi), n_steps = self._n, self._part, self.n_steps
        extra = {"step": n_steps, "mean": total / count if count else 0.0, "min": lo, "max": hi}[name]

        def make() -> np.ndarray:
            v = np.append(data[:n], extra) if count else data[:n]  # the bucket still filling, as it was
            v.setflags(write=False)
            return v

        return make

    def __len__(self) -> int:
        return self._n + (1 if self._part[0] else 0)

    @property
    def nbytes(self) -> int:
        """Bytes of storage held, whatever the number of steps."""
        return self._end.nbytes + self._mean.nbytes + self._min.nbytes + self._max.nbytes


class EpochTable:
    """Rows of per-epoch values; at most `capacity` kept (every 2nd, 4th... once full), newest always."""

    def __init__(self, columns: tuple[str, ...], capacity: int = EPOCH_CAPACITY):
        if capacity < 2 or capacity % 2:
            raise ValueError(f"capacity must be even and at least 2, got {capacity}")
        self.columns = columns
        self.capacity = capacity
        self.stride = 1
        self.n_rows = 0  # rows recorded, kept or not
        self._n = 0
        self._data = np.empty((capacity, len(columns)))
        self._newest: list | None = None  # the newest row's values, when it falls between kept ones

    def append(self, row: dict[str, float]) -> None:
        # A list, made an array only where it is kept: XOR ends an epoch with nearly every step.
        values = [row.get(c, np.nan) for c in self.columns]
        self.n_rows += 1
        if self.n_rows % self.stride:
            self._newest = values
            return
        if self._n == self.capacity:
            fresh = np.empty_like(self._data)
            kept = self._data[1::2]  # rows stride*2, stride*4...: still every (2*stride)-th
            fresh[: len(kept)] = kept
            self._data, self._n, self.stride = fresh, len(kept), self.stride * 2
            if self.n_rows % self.stride:
                self._newest = values
                return
        self._data[self._n] = values
        self._n += 1
        self._newest = None

    def last(self) -> dict[str, float] | None:
        if self.n_rows == 0:
            return None
        row = np.array(self._newest, dtype=np.float64) if self._newest is not None else self._data[self._n - 1]
        return dict(zip(self.columns, row.tolist()))

    def view(self) -> dict[str, np.ndarray]:
        """Every column, read-only."""
        return {name: make() for name, make in self.column_makers().items()}

    def column_makers(self) -> dict:
        """Functions that make each column as it is now (see StepCurve.column_maker): rows kept are
        never written again, so taking them copies nothing."""
        kept, newest = self._data[: self._n], self._newest
        table: list[np.ndarray] = []  # the rows with the newest, stacked once for all columns

        def maker(j: int):
            def make() -> np.ndarray:
                if newest is None:
                    column = kept[:, j]
                else:
                    if not table:
                        table.append(np.vstack([kept, np.array(newest, dtype=np.float64)]))
                    column = table[0][:, j]
                column.setflags(write=False)
                return column
            return make

        return {name: maker(j) for j, name in enumerate(self.columns)}

    def __len__(self) -> int:
        return self._n + (self._newest is not None)

    @property
    def nbytes(self) -> int:
        """Bytes of storage held, whatever the number of rows."""
        return self._data.nbytes


class History:
    """The loss and the running training accuracy of every step (bucketed alike, see StepCurve) and,
    per epoch, its number, the step at which it ended, and train/test loss and accuracy."""

    COLUMNS = ("epoch", "epoch_end_step", "train_loss", "train_accuracy", "test_loss", "test_accuracy")

    def __init__(self, loss_capacity: int = LOSS_CAPACITY, epoch_capacity: int = EPOCH_CAPACITY):
        self.steps = StepCurve(loss_capacity)
        # The same capacity and one value per step: its buckets end at the same steps as the loss's.
        self.running = StepCurve(loss_capacity)
        self.epochs = EpochTable(self.COLUMNS, epoch_capacity)

    def record_step(self, loss: float, running_accuracy: float = float("nan")) -> None:
        self.steps.append(loss)
        self.running.append(running_accuracy)

    def record_steps(self, losses, running_accuracies=None) -> None:
        """Steps in order: their losses, shape (n,), and running accuracies (n,) (NaN when omitted)."""
        losses = np.asarray(losses, dtype=np.float64).ravel()
        self.steps.extend(losses)
        if running_accuracies is None:
            running_accuracies = np.full(len(losses), np.nan)
        if len(running_accuracies) != len(losses):
            raise ValueError(f"{len(losses)} losses but {len(running_accuracies)} running accuracies")
        self.running.extend(running_accuracies)

    def record_epoch(self, **values: float) -> None:
        """One epoch's row; `epoch` defaults to the count of epochs recorded so far."""
        self.epochs.append({"epoch": self.epochs.n_rows + 1, **values})

    def last_epoch(self) -> dict[str, float] | None:
        return self.epochs.last()

    def steps_view(self) -> HistoryView:
        """step, step_loss, step_loss_min, step_loss_max and running_accuracy (its mean over the
        bucket, in [0, 1]; NaN where unknown): one entry per bucket of steps."""
        return HistoryView(self._step_makers())

    def _step_makers(self) -> dict:
        steps, running = self.steps.column_maker, self.running.column_maker
        return {"step": steps("step"), "step_loss": steps("mean"), "step_loss_min": steps("min"),
                "step_loss_max": steps("max"), "running_accuracy": running("mean")}

    @property
    def nbytes(self) -> int:
        """Bytes of storage held: bounded by the capacities, however long the run."""
        return self.steps.nbytes + self.running.nbytes + self.epochs.nbytes

    def view(self) -> HistoryView:
        """Read-only arrays: steps_view() and the epoch columns (one entry per kept epoch). They never
        change once returned. Made when first read (a mapping like a dict): the window takes a view
        with every snapshot, 60 a second, and copying 16,384 buckets of five columns each time cost
        it half a millisecond a frame, while the plots read one ten times a second."""
        return HistoryView({**self._step_makers(), **self.epochs.column_makers()})


class HistoryView(Mapping):
    """A History's columns as they were when the view was taken, each made when first read (then
    kept). Reads like a read-only dict of arrays; pickles as one."""

    def __init__(self, makers: dict):
        self._makers = makers
        self._made: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        column = self._made.get(name)
        if column is None:
            column = self._made[name] = self._makers[name]()
        return column

    def __iter__(self):
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __contains__(self, name) -> bool:
        return name in self._makers

    def __repr__(self) -> str:
        return f"HistoryView({', '.join(self._makers)})"

    def __reduce__(self):
        return dict, (dict(self.items()),)
