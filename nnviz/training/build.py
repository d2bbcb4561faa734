"""From a preset to a ready session: load its dataset, build its network."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.engine.network import Network
from nnviz.training.presets import Preset
from nnviz.training.session import TrainingSession

DATASETS = ("xor", "gender", "mnist")


def load_dataset(name: str, data_dir: str | Path | None = None, scaling: str = "unit",
                 limit_train: int | None = None, dtype=np.float32) -> Dataset:
    """The dataset called `name`; MNIST is read from data_dir (see nnviz.data.resolve_data_dir).
    limit_train keeps only the first N training samples (for quick experiments)."""
    if name == "xor":
        from nnviz.data.toy import xor
        dataset = xor(dtype)
    elif name == "gender":
        from nnviz.data.toy import gender
        dataset = gender(dtype)
    elif name == "mnist":
        from nnviz.data.mnist import load_mnist
        dataset = load_mnist(data_dir, scaling=scaling, dtype=dtype)
    else:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    if limit_train is not None:
        if limit_train < 1:
            raise ValueError(f"--limit-train must be at least 1, got {limit_train}")
        dataset = replace(dataset, x_train=dataset.x_train[:limit_train], labels_train=dataset.labels_train[:limit_train])
    return dataset


def build_network(preset: Preset, dtype=np.float32) -> Network:
    """A fresh network for `preset`, seeded by its hyperparameters' seed."""
    network = Network(
        preset.sizes, hidden=preset.hidden, output=preset.output, loss=preset.loss,
        init=preset.init, seed=preset.hyperparameters.seed, dtype=dtype,
    )
    if preset.initial_parameters is not None:
        for l, (W, b) in enumerate(preset.initial_parameters):
            network.weights[l][...] = np.asarray(W, dtype=network.dtype)
            network.biases[l][...] = np.asarray(b, dtype=network.dtype)
    return network


def build_session(preset: Preset, dataset: Dataset | None = None, data_dir: str | Path | None = None,
                  limit_train: int | None = None, dtype=np.float32) -> TrainingSession:
    """A session that trains `preset`'s network on its dataset (loaded unless given)."""
    if dataset is None:
        dataset = load_dataset(preset.dataset, data_dir, preset.scaling, limit_train, dtype)
    return TrainingSession(build_network(preset, dtype), dataset, preset.hyperparameters, preset.targets)
