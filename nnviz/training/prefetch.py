"""The next batch's distorted images, made on a worker thread while the current batch trains.

Augmenting a batch of 512 MNIST images costs ~3 ms of NumPy work on one core, a quarter of an
augmented mnist-fast step, while the step's matrix products keep BLAS busy. Done ahead on a worker
thread (NumPy releases the GIL in its loops), that work overlaps the step before it: on 2 cores the
step loses it from its own time, and in the window's trainer (1 BLAS thread, see trainer_link.py) it
runs on the core the window leaves idle. tests/bench/augment_cost.py measures it.

The random draws stay on the session's thread and in the order the plain loop makes them (this
batch's, then the next one's), so a run with a batch made ahead is the same run, bit for bit. A batch
made ahead is used only if the step asks for exactly those samples of exactly that array; otherwise
(batch size changed, a single sample stepped, new data) it is dropped and the step distorts its own.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from nnviz.data.augment import Distortions, distort

_worker: ThreadPoolExecutor | None = None
_worker_lock = threading.Lock()


def _shared_worker() -> ThreadPoolExecutor:
    """One worker thread per process, shared by every session (a race trains several in turn)."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnviz-augment")
        return _worker


class PrefetchedBatch:
    """At most one batch made ahead: its source array, its indices, and the future of its images."""

    def __init__(self):
        self._pending: tuple[np.ndarray, np.ndarray, Future] | None = None

    def make_ahead(self, source: np.ndarray, indices: np.ndarray, image_shape: tuple[int, int],
                   distortions: Distortions) -> None:
        """Start distorting source[indices] (images of `image_shape`) on the worker."""
        self.drop()
        indices = np.array(indices, copy=True)  # the caller's slice of its epoch order may be reshuffled
        future = _shared_worker().submit(_distorted, source, indices, image_shape, distortions)
        self._pending = (source, indices, future)

    def take(self, source: np.ndarray, indices: np.ndarray) -> np.ndarray | None:
        """The images made ahead for source[indices] (waiting for them if still in the making), or None
        when none were made for exactly these. Either way, nothing stays pending."""
        pending, self._pending = self._pending, None
        if pending is None:
            return None
        made_from, made_for, future = pending
        if made_from is not source or not np.array_equal(made_for, indices):
            future.cancel()  # not started yet: never runs; running: its result is simply not used
            return None
        return future.result()  # re-raises what the work raised, as the step itself would have

    def drop(self) -> None:
        """Forget the batch made ahead (the data or the settings it was made for changed)."""
        if self._pending is not None:
            self._pending[2].cancel()
            self._pending = None


def _distorted(source: np.ndarray, indices: np.ndarray, image_shape: tuple[int, int],
               distortions: Distortions) -> np.ndarray:
    return distort(source[indices], image_shape, distortions)
