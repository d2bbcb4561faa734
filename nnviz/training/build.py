"""From a preset to a ready session: load its dataset, build its network.

A network is built only after its memory has been estimated: one that would not fit in this machine,
or that has more than MAX_PARAMETERS, is refused with a NetworkTooBig that says how much it needs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.spec import DatasetSpec, load_spec, spec_of
from nnviz.engine.batching import effective_batch_size
from nnviz.engine.memory import MAX_PARAMETERS, available_memory, format_bytes, network_bytes, parameter_count
from nnviz.engine.network import Network
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.presets import Preset, preset_dataset, preset_spec
from nnviz.training.session import _EVAL_CHUNK, TrainingSession

#: The named data sets; --dataset also takes a generator's name (nnviz.data.GENERATORS) or a .csv path.
DATASETS = ("xor", "gender", "mnist")
#: (training, test) samples of each dataset in full, for estimates made before the data are loaded.
_FULL_SIZES = {"xor": (4, 4), "gender": (4, 4), "mnist": (60_000, 10_000)}
#: Points of the decision surfaces drawn for 2-D data (compute_surface's 48 x 48 grid).
_SURFACE_POINTS = 48 * 48
#: The share of the available memory a network may take; the rest is for the data, the views, Python.
MEMORY_SHARE = 0.8


class NetworkTooBig(ValueError):
    """A network that needs more memory than this machine has, or more parameters than nnviz builds."""


def load_dataset(name_or_spec: str | DatasetSpec, data_dir: str | Path | None = None, scaling: str = "unit",
                 limit_train: int | None = None, dtype=np.float32) -> Dataset:
    """The dataset a spec describes, or the one called by a name ("xor", "gender", "mnist", a
    generator's name, a path to a .csv file: see nnviz.data.spec_of). MNIST is read from data_dir (see
    nnviz.data.resolve_data_dir). limit_train keeps only the first N training samples (for quick
    experiments). Raises ValueError (a CsvError for a bad CSV) or OSError for data it cannot load."""
    spec = spec_of(name_or_spec) if isinstance(name_or_spec, str) else name_or_spec
    dataset = load_spec(spec, data_dir, scaling=scaling, dtype=dtype)
    if limit_train is not None:
        if limit_train < 1:
            raise ValueError(f"--limit-train must be at least 1, got {limit_train}")
        dataset = replace(dataset, x_train=dataset.x_train[:limit_train], labels_train=dataset.labels_train[:limit_train])
    return dataset


def check_memory(sizes, dtype=np.float32, optimizer: str | None = "sgd", batch_size: int = 1,
                 n_test: int = 0, available: int | None = None) -> int:
    """The bytes a network of `sizes` needs to train with `optimizer` on batches of `batch_size` and
    to be evaluated on n_test samples (optimizer None: to be evaluated only). Raises NetworkTooBig
    above MAX_PARAMETERS or above MEMORY_SHARE of `available` bytes (default: what this machine has
    available now; nothing is refused for memory where that is unknown)."""
    sizes = [int(n) for n in sizes]
    layers = "-".join(map(str, sizes))
    forward_rows = min(_EVAL_CHUNK, n_test)
    if sizes[0] == 2:
        forward_rows = max(forward_rows, _SURFACE_POINTS)
    needed = network_bytes(sizes, np.dtype(dtype).itemsize, optimizer, batch_size, forward_rows)
    if available is None:
        available = available_memory()
    if available is not None and needed > MEMORY_SHARE * available:
        if batch_size > 1 and optimizer is not None:
            text = QT_TRANSLATE_NOOP("Memory", "the {layers} network needs about {needed} of memory; this machine has "
                                               "{available} available. Use fewer or smaller layers or a smaller batch")
        else:
            text = QT_TRANSLATE_NOOP("Memory", "the {layers} network needs about {needed} of memory; this machine has "
                                               "{available} available. Use fewer or smaller layers")
        raise NetworkTooBig(text.format(layers=layers, needed=format_bytes(needed),
                                        available=format_bytes(available)))
    n_parameters = parameter_count(sizes)
    if n_parameters > MAX_PARAMETERS:
        raise NetworkTooBig(QT_TRANSLATE_NOOP("Memory", "the {layers} network has {parameters} parameters; nnviz "
                                                        "builds at most {most}. Use fewer or smaller layers").format(
            layers=layers, parameters=f"{n_parameters:,}", most=f"{MAX_PARAMETERS:,}"))
    return needed


def build_network(preset: Preset, dtype=np.float32, dataset: Dataset | None = None) -> Network:
    """A fresh network for `preset`, seeded by its hyperparameters' seed. Raises NetworkTooBig for
    a network that would not fit in memory with its optimiser, batches and evaluations on `dataset`
    (default: the preset's dataset in full)."""
    if dataset is not None:
        n_train, n_test = len(dataset.x_train), len(dataset.x_test)
    else:
        n_train, n_test = _full_sizes(preset_spec(preset))
    h = preset.hyperparameters
    if len(preset.sizes) >= 2 and min(preset.sizes) >= 1:  # else Network says what is wrong
        batch_size = effective_batch_size(h.granularity, h.batch_size, n_train)
        check_memory(preset.sizes, dtype, h.optimizer, batch_size, n_test)
    network = Network(
        preset.sizes, hidden=preset.hidden, output=preset.output, loss=preset.loss,
        init=preset.init, seed=preset.hyperparameters.seed, dtype=dtype,
    )
    if preset.initial_parameters is not None:
        for l, (W, b) in enumerate(preset.initial_parameters):
            network.weights[l][...] = np.asarray(W, dtype=network.dtype)
            network.biases[l][...] = np.asarray(b, dtype=network.dtype)
    return network


def _full_sizes(spec: DatasetSpec) -> tuple[int, int]:
    """(training, test) samples `spec` will hold, estimated without loading it (a CSV: 1, 1)."""
    if spec.kind == "generated":
        n_train = max(1, round(spec.n_samples * spec.train_share))
        return n_train, max(1, spec.n_samples - n_train)
    if spec.kind == "points":
        return len(spec.points), len(spec.points)
    return _FULL_SIZES.get(spec.kind, (1, 1))


def load_preset_data(preset: Preset, data_dir: str | Path | None = None, limit_train: int | None = None,
                     dtype=np.float32) -> Dataset:
    """The data `preset` trains on: its spec's dataset, with the preset's own samples if it names some."""
    return preset_dataset(preset, load_dataset(preset_spec(preset), data_dir, preset.scaling, limit_train, dtype))


def build_session(preset: Preset, dataset: Dataset | None = None, data_dir: str | Path | None = None,
                  limit_train: int | None = None, dtype=np.float32) -> TrainingSession:
    """A session that trains `preset`'s network on its dataset (loaded unless given)."""
    if dataset is None:
        dataset = load_preset_data(preset, data_dir, limit_train, dtype)
    return TrainingSession(build_network(preset, dtype, dataset), dataset, preset.hyperparameters, preset.targets)
