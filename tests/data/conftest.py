"""Fixtures for the nnviz.data tests: the real MNIST files and small fake MNIST folders. The local
mirror server (`mirror_server`) is in tests/conftest.py, shared with the GUI's download dialog."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnviz.data.idx import write_idx

def make_fake_mnist(d: Path, n_train: int = 6, n_test: int = 3, compress: bool = True) -> Path:
    """Write four tiny MNIST-shaped IDX files (random pixels, labels 0..9) into d; returns d."""
    rng = np.random.default_rng(0)
    d.mkdir(parents=True, exist_ok=True)
    suffix = ".gz" if compress else ""
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(d / f"{prefix}-images-idx3-ubyte{suffix}",
                  rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), compress=compress)
        write_idx(d / f"{prefix}-labels-idx1-ubyte{suffix}",
                  (np.arange(n) % 10).astype(np.uint8), compress=compress)
    return d


@pytest.fixture(name="make_fake_mnist")
def make_fake_mnist_fixture():
    """The make_fake_mnist function, for tests that build their own fake folders."""
    return make_fake_mnist


@pytest.fixture
def fake_mnist(tmp_path) -> Path:
    """A folder of four tiny gzipped MNIST-shaped files (6 train, 3 test images)."""
    return make_fake_mnist(tmp_path / "fake")
