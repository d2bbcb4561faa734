"""Weight initialisation schemes, reproducible from a seed.

Each returns W of shape (n_out, n_in). Biases always start at zero: with random weights the neurons
already differ, and a zero bias keeps the first decision surfaces centred on the data.
"""

from __future__ import annotations

import numpy as np


def textbook(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    """Normal with std 1/sqrt(n_in), as in "Make Your Own Neural Network" (`pow(inodes, -0.5)`)."""
    return rng.normal(0.0, n_in**-0.5, size=(n_out, n_in))


def xavier(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    """Glorot & Bengio (2010): uniform in +-sqrt(6 / (n_in + n_out)); suits tanh and sigmoid."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in))


def he(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    """He et al. (2015): normal with std sqrt(2 / n_in), which keeps ReLU activations' variance."""
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


INITS = {"textbook": textbook, "xavier": xavier, "he": he}


def init_weights(scheme: str, rng: np.random.Generator, n_in: int, n_out: int, dtype=np.float32) -> np.ndarray:
    """W of shape (n_out, n_in) drawn by `scheme`, one of INITS."""
    try:
        draw = INITS[scheme]
    except KeyError:
        raise ValueError(f"unknown initialisation {scheme!r}; choose one of {', '.join(INITS)}") from None
    return draw(rng, n_in, n_out).astype(dtype)
