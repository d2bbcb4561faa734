"""Shared test set-up: headless Qt, and where the real MNIST lives.

QT_QPA_PLATFORM is set here, before anything imports Qt, so the README's plain `pytest` command is
headless on every platform. MNIST comes from NNVIZ_DATA_DIR (CI points it at ../shared/mnist) or,
failing that, from ../shared/mnist beside the checkout.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SHARED_MNIST = Path(__file__).resolve().parents[1].parent / "shared" / "mnist"


def mnist_dir() -> Path | None:
    """The folder with the four MNIST IDX files, or None when this machine has none."""
    for candidate in (os.environ.get("NNVIZ_DATA_DIR"), _SHARED_MNIST):
        if candidate and (Path(candidate) / "t10k-labels-idx1-ubyte.gz").exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def mnist_data_dir() -> Path:
    found = mnist_dir()
    if found is None:
        pytest.skip("real MNIST not available (set NNVIZ_DATA_DIR to a folder with the IDX files)")
    return found
