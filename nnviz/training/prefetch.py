"""The next batch's distorted images, made on a worker thread while the current batch trains.

Augmenting a batch of 512 MNIST images costs ~3 ms of NumPy work on one core, a quarter of an
augmented mnist-fast step, while the step's matrix products keep BLAS busy. Done ahead on a worker
thread (NumPy releases the GIL in its loops), that work overlaps the step before it: in the window's
trainer (1 BLAS thread, see trainer_link.py) it runs on the core the window leaves idle.
tests/bench/augment_cost.py measures it.

The random draws stay on the session's thread and in the order the plain loop makes them (this
batch's, then the next one's), so a run with batches made ahead is the same run, bit for bit. A batch
made ahead is used only if the step asks for exactly those samples of exactly that array; otherwise
(batch size changed, a single sample stepped, new data) it is dropped, its draws are undone (the
generator goes back to its state before them), and the step distorts its own.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from nnviz.data.augment import distort, draw_distortions

#: Batches smaller than this are distorted in the step: handing a few images to a thread costs more
#: than distorting them (~6 us an MNIST image against a hand-off of ~0.3 ms, GIL included).
MIN_AHEAD = 64

# One worker thread per process, made when first needed and shared by every session (a race trains
# several in turn): a session is short-lived and many are made, a thread each would pile up.
_worker: ThreadPoolExecutor | None = None
_worker_lock = threading.Lock()


def _shared_worker() -> ThreadPoolExecutor:
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnviz-augment")
        return _worker


class _Pending(NamedTuple):
    source: np.ndarray  # the images (n, H*W) the batch was cut from
    indices: np.ndarray  # its rows of source
    images: Future  # of the distorted batch
    draws_from: dict  # the generator's state before the batch's distortions were drawn


class PrefetchedBatch:
    """At most one batch made ahead."""

    def __init__(self):
        self._pending: _Pending | None = None

    def make_ahead(self, source: np.ndarray, indices: np.ndarray, image_shape: tuple[int, int],
                   rng: np.random.Generator) -> None:
        """Draw the distortions of source[indices] (images of `image_shape`) from rng now, and start
        applying them on the worker. Batches under MIN_AHEAD images are left to the step."""
        if len(indices) < MIN_AHEAD:
            return
        state = rng.bit_generator.state
        distortions = draw_distortions(len(indices), rng)
        indices = np.array(indices, copy=True)  # the caller's slice of its epoch order
        future = _shared_worker().submit(_distorted, source, indices, image_shape, distortions)
        self._pending = _Pending(source, indices, future, state)

    def take(self, source: np.ndarray, indices: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
        """The images made ahead for source[indices] (waiting for them if still in the making), or None
        when none were made for exactly these (any other batch made ahead is dropped, see drop)."""
        pending = self._pending
        if pending is None:
            return None
        if pending.source is not source or not np.array_equal(pending.indices, indices):
            self.drop(rng)
            return None
        self._pending = None
        return pending.images.result()  # re-raises what the work raised, as the step itself would have

    def drop(self, rng: np.random.Generator) -> None:
        """Forget the batch made ahead, and undo its draws: rng goes back to where it was before them
        (nothing else draws from it between two steps), so the run goes on as if it was never made."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.images.cancel()  # not started yet: never runs; running: its result is not used
            rng.bit_generator.state = pending.draws_from


def _distorted(source: np.ndarray, indices: np.ndarray, image_shape: tuple[int, int], distortions) -> np.ndarray:
    return distort(source[indices], image_shape, distortions)
