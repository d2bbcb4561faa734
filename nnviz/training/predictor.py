"""Classify one digit image with a network: the drawing pad's and `nnviz predict`'s shared path.

The image goes through MNIST's own preprocessing (nnviz.data.digits.preprocess_digit), is scaled the
way the network's training data were, and runs forward once. The pad calls this on the GUI thread:
one forward pass of one sample takes well under a millisecond, and it never trains.

A Prediction carries the parameters and architecture of the network that made it, so whatever shows
it (the pad's bars, the diagram's activations, a neuron's bias and weights in a tooltip) shows one
network's numbers, never a mix of the drawn-on model and the one in training.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.data.digits import preprocess_digit
from nnviz.data.mnist import scale_pixels
from nnviz.engine.model_file import LoadedModel
from nnviz.engine.network import Network, Trace
from nnviz.training.architecture import Architecture
from nnviz.training.model_metadata import class_names_of, preprocessing_of
from nnviz.training.snapshot import Snapshot


@dataclass(frozen=True, eq=False)
class Prediction:
    """digit: the 28x28 preprocessed input in [0, 1]; probabilities sum to 1; trace is the forward pass;
    weights/biases (read-only, W[l] of shape (n_out, n_in)) and architecture are the classifying network's."""

    digit: np.ndarray
    label: int
    class_name: str
    confidence: float
    probabilities: np.ndarray
    trace: Trace
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    architecture: Architecture


def _read_only(arrays) -> tuple[np.ndarray, ...]:
    """Read-only views (no copy): a prediction must not be a way to change the network."""
    views = tuple(np.asarray(a).view() for a in arrays)
    for view in views:
        view.setflags(write=False)
    return views


class DigitClassifier:
    """A network plus how its inputs were scaled: classifies images of any size and polarity."""

    def __init__(self, network: Network, scaling: str = "unit", class_names: list[str] | None = None):
        if network.sizes[0] != 784:
            raise ValueError(f"a digit classifier needs 784 inputs (28x28), this network takes {network.sizes[0]}")
        self.network = network
        self.scaling = scaling
        self.class_names = class_names or [str(k) for k in range(network.sizes[-1])]
        self.weights = _read_only(network.weights)
        self.biases = _read_only(network.biases)
        #: Of the classifying network itself (which may differ from the one in training).
        self.architecture = Architecture.of(network, scaling=scaling, class_names=self.class_names,
                                            image_shape=(28, 28))  # what preprocess_digit makes

    @classmethod
    def from_model(cls, model: LoadedModel, path="model") -> DigitClassifier:
        return cls(model.network, preprocessing_of(model, path).scaling, class_names_of(model))

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot, hidden, output: str, scaling: str,
                      class_names: list[str] | None = None) -> DigitClassifier:
        """The network of a training snapshot (its read-only parameters, used without copying)."""
        return cls(Network.from_parameters(snapshot.weights, snapshot.biases, hidden, output), scaling, class_names)

    def classify(self, image: np.ndarray) -> Prediction:
        """image: 2-D (H, W) grayscale (uint8 or float in [0, 1]) or RGB(A), any size and polarity.

        An image with no digit in it is classified as the all-zero input it preprocesses to. To refuse
        it instead, as `nnviz predict` does, pass nnviz.data.digits.find_digit(image) to classify_digit.
        """
        digit = preprocess_digit(image)
        return self.classify_digit(digit)

    def classify_digit(self, digit: np.ndarray) -> Prediction:
        """digit: an already preprocessed 28x28 image in [0, 1], ink = 1."""
        x = scale_pixels(digit.reshape(1, 784), self.scaling, dtype=self.network.dtype)
        trace = self.network.forward(x)
        out = np.clip(trace.output[0].astype(np.float64), 0.0, None)
        # Softmax outputs already sum to 1; sigmoid outputs are independent, so normalise them.
        probabilities = out / out.sum() if out.sum() > 0 else np.full(len(out), 1.0 / len(out))
        label = int(np.argmax(probabilities))
        return Prediction(digit, label, self.class_names[label], float(probabilities[label]), probabilities, trace,
                          self.weights, self.biases, self.architecture)
