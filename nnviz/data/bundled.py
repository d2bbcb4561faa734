"""Where the files nnviz ships live: the MNIST subset, the pre-trained digit model and sample CSV files.

Installed, they are the package nnviz.resources; in a source checkout run without installing, the
resources/ folder beside the package.
"""

from __future__ import annotations

from pathlib import Path

SUBSET_TRAIN, SUBSET_TEST = 5000, 1000


def resources_dir() -> Path:
    try:
        from importlib.resources import files

        return Path(str(files("nnviz.resources")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "resources"


def bundled_mnist_dir() -> Path:
    """The folder with the bundled MNIST subset (canonical IDX names, so load_mnist reads it)."""
    return resources_dir() / "mnist-subset"


def bundled_model_path() -> Path:
    """The pre-trained MNIST model the drawing pad uses out of the box."""
    return resources_dir() / "models" / "mnist.npz"


def sample_data_dir() -> Path:
    """The folder with the sample CSV files (see nnviz.data.samples)."""
    return resources_dir() / "data"
