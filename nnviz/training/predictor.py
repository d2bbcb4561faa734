"""Predict with a network outside training: a digit image (the drawing pad's and `nnviz predict`'s
shared path) or rows of raw numbers (`nnviz predict` on a model of tabular data).

The image goes through MNIST's own preprocessing (nnviz.data.digits.preprocess_digit), is scaled the
way the network's training data were, and runs forward once. The pad calls this on the GUI thread:
one forward pass of one sample takes well under a millisecond, and it never trains.

A Prediction carries the parameters and architecture of the network that made it, so whatever shows
it (the pad's bars, the diagram's activations, a neuron's bias and weights in a tooltip) shows one
network's numbers, never a mix of the drawn-on model and the one in training.

A `TabularPredictor` takes rows as a user has them (raw units): it applies the standardisation the
model was trained with, runs the network, and answers in raw units too (a regression target turned
back from standardised units; a class with its probability).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.digits import preprocess_digit
from nnviz.data.mnist import scale_pixels
from nnviz.data.standardise import Standardisation
from nnviz.engine.model_file import LoadedModel
from nnviz.engine.network import Network, Trace
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.architecture import Architecture
from nnviz.training.model_metadata import class_names_of, feature_names_of, preprocessing_of, task_of
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
            raise ValueError(QT_TRANSLATE_NOOP("Predictor", "a digit classifier needs 784 inputs (28x28), this network "
                                                            "takes {inputs}").format(inputs=network.sizes[0]))
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


# -- rows of numbers ---------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class TabularPredictions:
    """The answers for n rows. Regression: values (n,) in the target's raw units; classes and
    probabilities are None. Classification: classes (n,) class indices, probabilities (n, k) that sum
    to 1 per row, values None."""

    values: np.ndarray | None
    classes: np.ndarray | None
    probabilities: np.ndarray | None


def class_probabilities(outputs: np.ndarray, targets: tuple[float, float] = (0.0, 1.0)) -> np.ndarray:
    """Per-class probabilities (n, k) from network outputs (n, n_out): a single output read as the
    probability of class 1 between the off and on targets (as TrainingSession classifies it); several
    outputs clipped at 0 and normalised (softmax outputs already sum to 1)."""
    outputs = np.asarray(outputs, dtype=np.float64)
    if outputs.shape[1] == 1:
        off, on = targets
        p = np.clip((outputs[:, 0] - off) / (on - off), 0.0, 1.0)
        return np.column_stack([1.0 - p, p])
    clipped = np.clip(outputs, 0.0, None)
    total = clipped.sum(axis=1, keepdims=True)
    uniform = np.full_like(clipped, 1.0 / clipped.shape[1])
    return np.where(total > 0, clipped / np.where(total > 0, total, 1.0), uniform)


class TabularPredictor:
    """A network trained on rows of numbers, with what it needs to answer for raw rows: the task,
    the names of its inputs and classes (or target), the standardisation and the label encoding."""

    def __init__(self, network: Network, task: str = "classification", class_names=None, feature_names=None,
                 standardisation: Standardisation | None = None, targets: tuple[float, float] = (0.0, 1.0)):
        self.network = network
        self.task = task
        self.architecture = Architecture.of(network, class_names=class_names, feature_names=feature_names,
                                            task=task, standardisation=standardisation, targets=targets)
        self.standardisation = standardisation
        self.targets = targets

    @classmethod
    def from_model(cls, model: LoadedModel, path="model") -> TabularPredictor:
        preprocessing = preprocessing_of(model, path)
        return cls(model.network, task_of(model, path), class_names_of(model), feature_names_of(model),
                   preprocessing.standardisation, preprocessing.targets)

    @property
    def is_regression(self) -> bool:
        return self.task == "regression"

    @property
    def feature_names(self) -> tuple[str, ...]:
        return self.architecture.feature_names

    @property
    def class_names(self) -> tuple[str, ...]:
        return self.architecture.class_names

    def predict(self, x_raw) -> TabularPredictions:
        """x_raw: rows (n, n_features), or one row (n_features,), in the units of the original data."""
        x = np.atleast_2d(np.asarray(x_raw, dtype=np.float64))
        n_in = self.network.sizes[0]
        if x.shape[1] != n_in:
            raise ValueError(f"the model takes rows of {n_in} number{'s' * (n_in != 1)}, got {x.shape[1]}")
        if self.standardisation is not None:
            x = self.standardisation.apply(x)
        with np.errstate(all="ignore"):
            outputs = self.network.predict(x.astype(self.network.dtype))
        if self.is_regression:
            values = outputs[:, 0].astype(np.float64)
            if self.standardisation is not None:
                values = np.asarray(self.standardisation.target_to_raw(values), dtype=np.float64)
            return TabularPredictions(values, None, None)
        probabilities = class_probabilities(outputs, self.targets)
        return TabularPredictions(None, probabilities.argmax(axis=1), probabilities)


def standardised_like(dataset: Dataset, standardisation: Standardisation | None) -> Dataset:
    """`dataset` in the units a model trained with `standardisation` expects: its own standardisation
    (if any) undone, the model's applied, to the inputs and to a regression target. A model must be
    measured on new data standardised as its training data were, not as the new data would fit."""
    own = dataset.standardisation
    if own == standardisation:
        return dataset

    def x_for(x):
        raw = own.invert(x) if own is not None else x
        return (standardisation.apply(raw) if standardisation is not None else raw).astype(x.dtype)

    def y_for(y):
        if not dataset.is_regression:
            return y
        raw = own.target_to_raw(y) if own is not None else y
        return np.asarray(standardisation.target_from_raw(raw) if standardisation is not None else raw, dtype=y.dtype)

    return replace(dataset, x_train=x_for(dataset.x_train), labels_train=y_for(dataset.labels_train),
                   x_test=x_for(dataset.x_test), labels_test=y_for(dataset.labels_test),
                   standardisation=standardisation)
