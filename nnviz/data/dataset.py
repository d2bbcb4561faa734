"""The `Dataset` every trainer and view works on: train/test arrays plus the names that label them.

A dataset is immutable: its arrays are marked read-only so it can be shared between the training
thread and the GUI without copies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.data.standardise import Standardisation

__all__ = ["Dataset", "Query", "split_rows", "TASKS"]

#: What a dataset asks of a network: pick a class, or predict a number.
TASKS = ("classification", "regression")


def _read_only(a: np.ndarray) -> np.ndarray:
    # A view, so the caller's own array keeps its flags; the dataset's handle cannot write.
    view = a.view()
    view.setflags(write=False)
    return view


# eq=False: dataclass equality would compare arrays element-wise and then fail on `bool(array)`.
@dataclass(frozen=True, eq=False)
class Query:
    """An unlabelled example to ask the network about, e.g. "Emily" in the gender example.

    x has shape (n_features,).
    """

    name: str
    x: np.ndarray

    def __post_init__(self) -> None:
        x = np.asarray(self.x)
        if x.ndim != 1:
            raise ValueError(f"query {self.name!r}: x must have shape (n_features,), got {x.shape}")
        if not np.issubdtype(x.dtype, np.floating):
            x = x.astype(np.float64)
        object.__setattr__(self, "x", _read_only(x))


@dataclass(frozen=True, eq=False)
class Dataset:
    """A classification or regression data set.

    x_train has shape (n_train, n_features); likewise x_test. feature_names[j] names column j.
    Classification: labels_train has shape (n_train,) (int64 class indices), class_names[k] names class k.
    Regression: labels_train has shape (n_train,) (float: the target per row, in the units the network
    is trained on, i.e. standardised when the standardisation has a target), and class_names is
    (target_name,), so n_classes == 1.
    image_shape is (height, width) when each row of x is a flattened image (MNIST: (28, 28)), else None.
    standardisation, when set, is how the raw inputs (and a regression target) were turned into x and
    labels; a prediction on a new raw row must apply it first.
    """

    name: str
    x_train: np.ndarray
    labels_train: np.ndarray
    x_test: np.ndarray
    labels_test: np.ndarray
    class_names: tuple[str, ...]
    feature_names: tuple[str, ...]
    image_shape: tuple[int, int] | None = None
    queries: tuple[Query, ...] = ()
    task: str = "classification"
    standardisation: Standardisation | None = None

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"{self.name}: task must be one of {', '.join(TASKS)}, got {self.task!r}")
        object.__setattr__(self, "class_names", tuple(self.class_names))
        object.__setattr__(self, "feature_names", tuple(self.feature_names))
        object.__setattr__(self, "queries", tuple(self.queries))
        n_features = len(self.feature_names)
        n_classes = len(self.class_names)
        if self.task == "regression" and n_classes != 1:
            raise ValueError(f"{self.name}: a regression data set has one class name (the target's), "
                             f"got {n_classes}")
        for split in ("train", "test"):
            x = np.asarray(getattr(self, f"x_{split}"))
            labels = np.asarray(getattr(self, f"labels_{split}"))
            if x.ndim != 2 or x.shape[1] != n_features:
                raise ValueError(
                    f"{self.name}: x_{split} must have shape (n, {n_features}), got {x.shape}"
                )
            if not np.issubdtype(x.dtype, np.floating):
                raise ValueError(f"{self.name}: x_{split} must be floating point, got {x.dtype}")
            if labels.shape != (x.shape[0],):
                raise ValueError(
                    f"{self.name}: labels_{split} must have shape ({x.shape[0]},), got {labels.shape}"
                )
            if self.task == "regression":
                labels = self._targets(split, labels)
            else:
                labels = self._class_indices(split, labels, n_classes)
            object.__setattr__(self, f"x_{split}", _read_only(x))
            object.__setattr__(self, f"labels_{split}", _read_only(labels))
        if self.image_shape is not None:
            shape = tuple(int(s) for s in self.image_shape)
            if len(shape) != 2 or shape[0] * shape[1] != n_features:
                raise ValueError(f"{self.name}: image_shape {shape} does not hold {n_features} features")
            object.__setattr__(self, "image_shape", shape)
        for q in self.queries:
            if q.x.shape != (n_features,):
                raise ValueError(
                    f"{self.name}: query {q.name!r} has shape {q.x.shape}, not ({n_features},)"
                )
        if self.standardisation is not None and self.standardisation.n_features != n_features:
            raise ValueError(f"{self.name}: the standardisation describes {self.standardisation.n_features} "
                             f"features, the data have {n_features}")

    def _class_indices(self, split: str, labels: np.ndarray, n_classes: int) -> np.ndarray:
        if not np.issubdtype(labels.dtype, np.integer):
            raise ValueError(f"{self.name}: labels_{split} must be integers, got {labels.dtype}")
        labels = labels.astype(np.int64, copy=False)
        if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
            raise ValueError(f"{self.name}: labels_{split} must lie in 0..{n_classes - 1}")
        return labels

    def _targets(self, split: str, labels: np.ndarray) -> np.ndarray:
        if not np.issubdtype(labels.dtype, np.floating):
            raise ValueError(f"{self.name}: regression labels_{split} must be floating point, got {labels.dtype}")
        if not np.all(np.isfinite(labels)):
            raise ValueError(f"{self.name}: regression labels_{split} must be finite")
        return labels

    @property
    def n_features(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_classes(self) -> int:
        """The number of classes; 1 for regression (the target)."""
        return len(self.class_names)

    @property
    def is_regression(self) -> bool:
        return self.task == "regression"

    @property
    def target_name(self) -> str | None:
        """The regression target's name (class_names[0]), None for classification."""
        return self.class_names[0] if self.is_regression else None


def split_rows(n: int, train_share: float) -> int:
    """How many of n rows go to training: round(n × train_share), leaving at least one row for each
    split when n ≥ 2."""
    if n < 2:
        return n
    return min(max(round(n * train_share), 1), n - 1)
