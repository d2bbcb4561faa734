"""Append-only training history that snapshots can share without copying.

Values are written once and never changed, into arrays that double when full. A view of the filled
prefix is therefore immutable in effect: growth copies into a new buffer and leaves the old one (and
every view of it) as it was. Snapshots hold such read-only views, so a million steps cost nothing to
hand to another thread.
"""

from __future__ import annotations

import numpy as np


class Series:
    """A growable float64 column: append(value), view() of everything appended so far."""

    def __init__(self, capacity: int = 1024):
        self._data = np.empty(capacity, dtype=np.float64)
        self._n = 0

    def append(self, value: float) -> None:
        if self._n == len(self._data):
            grown = np.empty(2 * len(self._data), dtype=np.float64)
            grown[: self._n] = self._data
            self._data = grown
        self._data[self._n] = value
        self._n += 1

    def view(self) -> np.ndarray:
        v = self._data[: self._n]
        v.setflags(write=False)
        return v

    def __len__(self) -> int:
        return self._n


class History:
    """step_loss: the data loss of every training step. Per epoch: the step at which it ended,
    train/test loss and accuracy measured on the whole split after the epoch."""

    COLUMNS = ("epoch_end_step", "train_loss", "train_accuracy", "test_loss", "test_accuracy")

    def __init__(self):
        self.step_loss = Series(4096)
        self.epochs = {name: Series(64) for name in self.COLUMNS}

    def record_epoch(self, **values: float) -> None:
        for name in self.COLUMNS:
            self.epochs[name].append(values.get(name, np.nan))

    def view(self) -> dict[str, np.ndarray]:
        return {"step_loss": self.step_loss.view(), **{k: s.view() for k, s in self.epochs.items()}}
