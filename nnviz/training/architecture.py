"""What a network is, said once: its layers, activations, loss, what its inputs and outputs mean.

The trainer sends an `Architecture` (inside a `NewSession`) once per rebuild; every view reads the
sizes, names and image shape from it instead of re-deriving them from arrays. Layers are numbered as
the phases number them: 0 is the input, 1..L the layers of neurons, L the output; the weights into
layer l are W[l - 1] of shape (sizes[l], sizes[l - 1]).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.standardise import Standardisation
from nnviz.engine.network import Network
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.presets import Preset

#: Output activations whose values read as probabilities.
PROBABILITY_OUTPUTS = ("sigmoid", "softmax")


@dataclass(frozen=True)
class Architecture:
    """sizes: (n_in, ..., n_out); activation_names[l - 1] is layer l's; feature_names name the inputs
    and class_names the classes (two for a single output neuron); image_shape is (height, width) when
    the input is a flattened image; input_scaling is how raw inputs were scaled ("unit", "textbook", or
    "none"); targets are the (off, on) values a label is encoded as. task is "classification" or
    "regression" (then class_names holds the one target's name and the output is that target, in the
    units standardisation made of it, if any); standardisation is how raw feature rows (and a
    regression target) were standardised for training, None if they were not."""

    sizes: tuple[int, ...]
    activation_names: tuple[str, ...]
    loss_name: str
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    image_shape: tuple[int, int] | None = None
    input_scaling: str = "none"
    targets: tuple[float, float] = (0.0, 1.0)
    task: str = "classification"
    standardisation: Standardisation | None = None

    def __post_init__(self):
        if len(self.activation_names) != len(self.sizes) - 1:
            raise ValueError(f"{len(self.sizes) - 1} layers of weights need as many activations, "
                             f"not {len(self.activation_names)}")

    @classmethod
    def of(cls, network: Network, dataset: Dataset | None = None, scaling: str = "none",
           targets: tuple[float, float] = (0.0, 1.0), class_names=None,
           image_shape: tuple[int, int] | None = None, feature_names=None, task: str = "classification",
           standardisation: Standardisation | None = None) -> Architecture:
        """The architecture of `network` trained on `dataset` (names, image shape, task and
        standardisation from the data; without data, the given feature names (or x1, x2, ...), class
        names (or 0, 1, ...; one "y" for regression), image shape, task and standardisation)."""
        sizes = tuple(int(n) for n in network.sizes)
        if dataset is not None:
            features, classes, shape = dataset.feature_names, dataset.class_names, dataset.image_shape
            task, standardisation = dataset.task, dataset.standardisation
        else:
            features = tuple(feature_names) if feature_names else tuple(f"x{j + 1}" for j in range(sizes[0]))
            if class_names:
                classes = tuple(class_names)
            else:
                classes = ("y",) if task == "regression" else tuple(str(k) for k in range(max(2, sizes[-1])))
            shape = image_shape
        return cls(sizes, tuple(f.name for f in network.activations), network.loss.name, tuple(features),
                   tuple(classes), shape, scaling, tuple(float(t) for t in targets), task, standardisation)

    @property
    def is_regression(self) -> bool:
        return self.task == "regression"

    @property
    def n_layers(self) -> int:
        """Layers of neurons (= layers of weights); the input is not counted."""
        return len(self.sizes) - 1

    @property
    def output_activation(self) -> str:
        return self.activation_names[-1]

    @property
    def outputs_probabilities(self) -> bool:
        return not self.is_regression and self.output_activation in PROBABILITY_OUTPUTS

    @property
    def outputs_share(self) -> bool:
        """Whether the outputs add up to 1 (softmax), so that they read as percentages of one whole;
        sigmoid outputs are each a probability of their own and can sum to more than 100 %."""
        return self.outputs_probabilities and self.output_activation == "softmax"

    @property
    def layer_names(self) -> tuple[str, ...]:
        """"input", "hidden 1", ..., "output", indexed by layer."""
        return (QT_TRANSLATE_NOOP("Explain", "input"),
                *(QT_TRANSLATE_NOOP("Explain", "hidden {layer}").format(layer=l) for l in range(1, self.n_layers)),
                QT_TRANSLATE_NOOP("Explain", "output"))

    def activation(self, layer: int) -> str:
        """Layer `layer`'s activation name ("" for the input)."""
        return self.activation_names[layer - 1] if 0 < layer <= self.n_layers else ""

    def feature_name(self, j: int) -> str:
        return self.feature_names[j] if j < len(self.feature_names) else f"x{j + 1}"

    def class_name(self, k: int) -> str:
        return self.class_names[k] if k < len(self.class_names) else str(k)


@dataclass(frozen=True)
class NewSession:
    """What the trainer announces once per rebuild or load: the preset that was built, the network's
    architecture, the data the window shows (all of a small 2-D set; for image data the test split
    only, see trainer.shown_dataset) and how many training samples there are."""

    preset: Preset | None
    architecture: Architecture
    dataset: Dataset
    n_train: int

    @classmethod
    def of(cls, session, preset: Preset | None = None) -> NewSession:
        """The announcement of a TrainingSession built from `preset`."""
        scaling = preset.scaling if preset is not None else "none"
        architecture = Architecture.of(session.network, session.dataset, scaling, session.targets)
        return cls(preset, architecture, shown_dataset(session.dataset), len(session.x_train))


def shown_dataset(dataset: Dataset) -> Dataset:
    """`dataset` without its training images (the window never shows them all; snapshots carry the
    sample being trained on)."""
    if dataset.image_shape is None:
        return dataset
    empty = np.empty((0, dataset.n_features), dtype=dataset.x_train.dtype)
    return replace(dataset, x_train=empty, labels_train=np.empty(0, dtype=np.int64))
