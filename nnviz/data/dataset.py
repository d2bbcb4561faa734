"""The `Dataset` every trainer and view works on: train/test arrays plus the names that label them.

A dataset is immutable: its arrays are marked read-only so it can be shared between the training
thread and the GUI without copies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Dataset", "Query"]


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
    """A classification data set.

    x_train has shape (n_train, n_features), labels_train has shape (n_train,) (int64 class indices);
    likewise x_test and labels_test. class_names[k] names class k; feature_names[j] names column j.
    image_shape is (height, width) when each row of x is a flattened image (MNIST: (28, 28)), else None.
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "class_names", tuple(self.class_names))
        object.__setattr__(self, "feature_names", tuple(self.feature_names))
        object.__setattr__(self, "queries", tuple(self.queries))
        n_features = len(self.feature_names)
        n_classes = len(self.class_names)
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
            if not np.issubdtype(labels.dtype, np.integer):
                raise ValueError(f"{self.name}: labels_{split} must be integers, got {labels.dtype}")
            labels = labels.astype(np.int64, copy=False)
            if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
                raise ValueError(f"{self.name}: labels_{split} must lie in 0..{n_classes - 1}")
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

    @property
    def n_features(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_classes(self) -> int:
        return len(self.class_names)
