"""How an epoch is cut into batches, and how class labels become target vectors.

The curriculum compares three granularities of gradient descent: stochastic (one sample per update),
mini-batch (a few samples per update) and full batch (the whole training set per update).
"""

from __future__ import annotations

import numpy as np

GRANULARITIES = ("stochastic", "minibatch", "batch")


def effective_batch_size(granularity: str, batch_size: int, n_samples: int) -> int:
    """The number of samples per update for `granularity` on a training set of n_samples."""
    if granularity == "stochastic":
        return 1
    if granularity == "batch":
        return n_samples
    if granularity == "minibatch":
        if batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {batch_size}")
        return min(batch_size, n_samples)
    raise ValueError(f"unknown granularity {granularity!r}; choose one of {', '.join(GRANULARITIES)}")


def batch_indices(n_samples: int, batch_size: int, rng: np.random.Generator | None = None) -> list[np.ndarray]:
    """One epoch: the sample indices 0..n_samples-1, shuffled by rng (kept in order if rng is None),
    cut into consecutive batches of batch_size (the last one may be smaller)."""
    order = np.arange(n_samples) if rng is None else rng.permutation(n_samples)
    return [order[i:i + batch_size] for i in range(0, n_samples, batch_size)]


def one_hot(labels, n_classes: int, off: float = 0.0, on: float = 1.0, dtype=np.float32) -> np.ndarray:
    """Targets of shape (n, n_classes): `on` at each label, `off` elsewhere (0.01/0.99 in the
    textbook, so sigmoid outputs never have to saturate)."""
    labels = np.asarray(labels)
    y = np.full((len(labels), n_classes), off, dtype=dtype)
    y[np.arange(len(labels)), labels] = on
    return y
