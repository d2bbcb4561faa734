"""`DatasetSpec`: everything needed to load a data set again, as a small frozen, hashable value.

A spec names the data rather than holding it (MNIST stays in its files, a CSV in its file, a generated
set is its generator, size, noise and seed), except for a "points" set, which a learner has edited by
hand and which therefore carries its points. Specs travel in experiment files and between processes as
`as_dict()`; `from_dict` reads them back from files that may have been edited or forged, so it checks
every field and refuses a bad one with a ValueError of one line.
"""

from __future__ import annotations

import math
import numbers
import os
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from nnviz.data.dataset import Dataset, split_rows
from nnviz.data.generators import GENERATORS, generate, generator

__all__ = [
    "DatasetSpec",
    "KINDS",
    "CSV_TASKS",
    "MAX_POINTS",
    "load_spec",
    "spec_of",
    "points_spec",
    "split_rows",
]

KINDS = ("xor", "gender", "mnist", "generated", "csv", "points")
#: A CSV's task: "auto" decides from the label column (see nnviz.data.csv_import).
CSV_TASKS = ("auto", "classification", "regression")
N_SAMPLES_RANGE = (10, 5000)
NOISE_RANGE = (0.0, 0.5)
TRAIN_SHARE_RANGE = (0.1, 0.9)
#: The most points a hand-edited set may hold (bounds what an experiment file can make us allocate).
MAX_POINTS = 10_000
_MAX_SEED = 2 ** 63 - 1
_MAX_TEXT = 4096
#: What a dataset name on the command line may be besides a generator or a .csv path.
_NAMED = ("xor", "gender", "mnist")


def _check_int(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {_describe(value)}")
    value = int(value)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in {low:,}..{high:,}, got {value:,}")
    return value


def _check_real(value, name: str, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {_describe(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if low is not None and not low <= value <= high:
        raise ValueError(f"{name} must lie in {low:g}..{high:g}, got {value:g}")
    return value


def _check_text(value, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, got {_describe(value)}")
    if not value or len(value) > _MAX_TEXT or "\0" in value:
        raise ValueError(f"{name} must be 1 to {_MAX_TEXT:,} characters of text")
    return value


def _describe(value) -> str:
    """A short, one-line account of a bad value for a message (never the whole of a forged blob)."""
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


@dataclass(frozen=True)
class DatasetSpec:
    """Which data set to load and how. Fields that do not apply to `kind` keep their defaults.

    kind: "xor" | "gender" | "mnist" | "generated" | "csv" | "points".
    generator: for "generated" and "points", a name in GENERATORS (it gives the task and class names).
    n_samples, noise, seed: a generated set's total points (train + test, 10..5000), noise (0..0.5, a
        share of the data's spread) and random seed. For "csv" the seed shuffles the rows before the split.
    train_share: for "generated" and "csv", the share of rows for training (0.1..0.9); the rest test.
    path, label_column, task, standardise: a CSV file, the column holding the label or target (None: the
        last column), "auto" | "classification" | "regression", and whether to standardise the columns.
    points: for "points", every point as (x1, x2, label) with label a class index (0 or 1) or a target
        value; all of them are both the training and the test split, as for XOR.
    """

    kind: str
    generator: str | None = None
    n_samples: int = 200
    noise: float = 0.1
    train_share: float = 0.7
    seed: int = 0
    path: str | None = None
    label_column: str | None = None
    task: str = "auto"
    standardise: bool = True
    points: tuple[tuple[float, float, float], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in KINDS:
            raise ValueError(f"dataset kind must be one of {', '.join(KINDS)}, got {_describe(self.kind)}")
        if self.kind in ("generated", "points"):
            if not isinstance(self.generator, str) or self.generator not in GENERATORS:
                raise ValueError(f"kind {self.kind!r} needs a generator, one of {', '.join(GENERATORS)}; "
                                 f"got {_describe(self.generator)}")
        elif self.generator is not None:
            raise ValueError(f"kind {self.kind!r} has no generator, got {_describe(self.generator)}")
        self._set("n_samples", _check_int(self.n_samples, "n_samples", *N_SAMPLES_RANGE))
        self._set("noise", _check_real(self.noise, "noise", *NOISE_RANGE))
        self._set("train_share", _check_real(self.train_share, "train_share", *TRAIN_SHARE_RANGE))
        self._set("seed", _check_int(self.seed, "seed", 0, _MAX_SEED))
        self._set("path", _check_text(self.path, "path"))
        self._set("label_column", _check_text(self.label_column, "label_column"))
        if self.kind == "csv" and self.path is None:
            raise ValueError("kind 'csv' needs the path of its file")
        if self.kind != "csv" and self.path is not None:
            raise ValueError(f"kind {self.kind!r} has no path")
        if not isinstance(self.task, str) or self.task not in CSV_TASKS:
            raise ValueError(f"task must be one of {', '.join(CSV_TASKS)}, got {_describe(self.task)}")
        if not isinstance(self.standardise, (bool, np.bool_)):
            raise ValueError(f"standardise must be true or false, got {_describe(self.standardise)}")
        self._set("standardise", bool(self.standardise))
        self._set("points", self._checked_points())

    def _set(self, name: str, value) -> None:
        object.__setattr__(self, name, value)  # the dataclass is frozen; this is its own validation

    def _checked_points(self) -> tuple[tuple[float, float, float], ...]:
        points = self.points
        if isinstance(points, np.ndarray):
            table = self._checked_table(points)
            if table is not None:
                return table
            points = points.tolist()  # something is wrong with it: the loop below says what
        if not isinstance(points, (list, tuple)):
            raise ValueError(f"points must be a list of [x1, x2, label] triples, got {_describe(points)}")
        if self.kind != "points":
            if points:
                raise ValueError(f"kind {self.kind!r} has no points")
            return ()
        if not 1 <= len(points) <= MAX_POINTS:
            raise ValueError(f"a points dataset holds 1 to {MAX_POINTS:,} points, got {len(points):,}")
        g = GENERATORS[self.generator]
        if g.n_features != 2:
            raise ValueError(f"points are 2-D, but the {g.name} generator has {g.n_features} feature")
        checked = []
        for i, point in enumerate(points):
            if not isinstance(point, (list, tuple)) or len(point) != 3:
                raise ValueError(f"point {i + 1} must be [x1, x2, label], got {_describe(point)}")
            x1, x2, label = (_check_real(v, f"point {i + 1}") for v in point)
            if not g.is_regression and label not in (0.0, 1.0):
                raise ValueError(f"point {i + 1}: a {g.name} point's label is 0 or 1, got {label:g}")
            checked.append((x1, x2, label))
        return tuple(checked)

    def _checked_table(self, table: np.ndarray) -> tuple[tuple[float, float, float], ...] | None:
        """The points of a numeric array (n, 3) checked at once, as the loop in _checked_points would
        return them; None if any check fails there (the loop then names the point). A dragged point
        sends thousands of points many times a second: the loop took ~17 ms for 4,500 of them."""
        if (self.kind != "points" or table.ndim != 2 or table.shape[1] != 3
                or not 1 <= len(table) <= MAX_POINTS or table.dtype.kind not in "iuf"):
            return None
        g = GENERATORS[self.generator]
        table = table.astype(np.float64)
        if g.n_features != 2 or not np.isfinite(table).all():
            return None
        if not g.is_regression and not np.isin(table[:, 2], (0.0, 1.0)).all():
            return None
        # Zipped from the columns: table.tolist() makes a list per row, which the garbage collector
        # tracks; thousands of them per send brought on a full collection (~45 ms) every few sends.
        return tuple(zip(*table.T.tolist()))

    @property
    def is_regression(self) -> bool | None:
        """True or False where the spec alone tells (None for a CSV whose task is "auto")."""
        if self.kind in ("generated", "points"):
            return GENERATORS[self.generator].is_regression
        if self.kind == "csv":
            return None if self.task == "auto" else self.task == "regression"
        return False

    def as_dict(self) -> dict:
        """A JSON-able dict holding every field; from_dict(as_dict()) == self."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["points"] = [list(p) for p in self.points]
        return d

    @classmethod
    def from_dict(cls, d) -> DatasetSpec:
        """A spec from as_dict()'s output, read from a file that may be forged: every type and range is
        checked; a problem is a ValueError of one line. Missing fields take their defaults."""
        if not isinstance(d, dict):
            raise ValueError(f"a dataset must be an object, got {_describe(d)}")
        names = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in d if k not in names)
        if unknown:
            raise ValueError(f"dataset: unknown field {unknown[0]!r}")
        if "kind" not in d:
            raise ValueError("dataset: kind is missing")
        points = d.get("points", [])
        if isinstance(points, list) and len(points) > MAX_POINTS:
            raise ValueError(f"a points dataset holds 1 to {MAX_POINTS:,} points, got {len(points):,}")
        try:
            return cls(**d)
        except ValueError as e:
            raise ValueError(f"dataset: {e}") from None

    def label(self) -> str:
        """A short description for a title or a legend, e.g. "circle, noise 0.10, 200 points, seed 3"."""
        if self.kind == "xor":
            return "XOR"
        if self.kind == "gender":
            return "gender (weight and height)"
        if self.kind == "mnist":
            return "MNIST"
        if self.kind == "generated":
            return f"{self.generator}, noise {self.noise:.2f}, {self.n_samples:,} points, seed {self.seed}"
        if self.kind == "points":
            n = len(self.points)
            return f"{self.generator}, {n:,} point{'s' if n != 1 else ''} placed by hand"
        parts = [Path(self.path).name]
        parts.append(f"label {self.label_column}" if self.label_column else "label: last column")
        if self.task != "auto":
            parts.append(self.task)
        if not self.standardise:
            parts.append("not standardised")
        return ", ".join(parts)


def spec_of(name: str) -> DatasetSpec:
    """The spec a dataset name stands for on the command line: "xor", "gender", "mnist", a generator
    name ("circle", ...), or the path of a .csv file."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name a dataset: xor, gender, mnist, a generator or a .csv file")
    key = name.strip()
    if key.lower() in _NAMED:
        return DatasetSpec(kind=key.lower())
    if key.lower() in GENERATORS:
        return DatasetSpec(kind="generated", generator=key.lower())
    if key.lower().endswith(".csv"):
        return DatasetSpec(kind="csv", path=key)
    raise ValueError(f"unknown dataset {name!r}; choose {', '.join(_NAMED + tuple(GENERATORS))}, "
                     "or the path of a .csv file")


def load_spec(spec: DatasetSpec, data_dir: str | os.PathLike | None = None, scaling: str = "unit",
              dtype=np.float32) -> Dataset:
    """Load the data set `spec` describes. MNIST is read from data_dir (see resolve_data_dir) with
    `scaling`; x arrays get `dtype`, and so do regression targets."""
    if not isinstance(spec, DatasetSpec):
        raise TypeError(f"load_spec needs a DatasetSpec, got {type(spec).__name__}")
    if spec.kind == "xor":
        from nnviz.data.toy import xor
        return xor(dtype)
    if spec.kind == "gender":
        from nnviz.data.toy import gender
        return gender(dtype)
    if spec.kind == "mnist":
        from nnviz.data.mnist import load_mnist
        return load_mnist(data_dir, scaling=scaling, dtype=dtype)
    if spec.kind == "generated":
        return _generated(spec, dtype)
    if spec.kind == "points":
        return _points(spec, dtype)
    from nnviz.data.csv_import import read_csv_dataset
    return read_csv_dataset(spec.path, label_column=spec.label_column, task=spec.task,
                            standardise=spec.standardise, train_share=spec.train_share, seed=spec.seed,
                            dtype=dtype)


def _labels(task: str, y: np.ndarray, dtype) -> np.ndarray:
    return y.astype(dtype) if task == "regression" else y.astype(np.int64)


def _generated(spec: DatasetSpec, dtype) -> Dataset:
    g = generator(spec.generator)
    x, y = generate(g.name, spec.n_samples, spec.noise, spec.seed)
    n_train = split_rows(len(x), spec.train_share)  # the rows are in random order already
    x, y = x.astype(dtype), _labels(g.task, y, dtype)
    return Dataset(
        name=g.name,
        x_train=x[:n_train], labels_train=y[:n_train],
        x_test=x[n_train:], labels_test=y[n_train:],
        class_names=g.class_names, feature_names=g.feature_names, task=g.task,
    )


def _points(spec: DatasetSpec, dtype) -> Dataset:
    g = generator(spec.generator)
    table = np.array(spec.points, dtype=np.float64).reshape(-1, 3)
    x, y = table[:, :2].astype(dtype), _labels(g.task, table[:, 2], dtype)
    return Dataset(
        name=g.name, x_train=x, labels_train=y, x_test=x, labels_test=y,
        class_names=g.class_names, feature_names=g.feature_names, task=g.task,
    )


def points_spec(dataset: Dataset, generator_name: str) -> DatasetSpec:
    """A "points" spec holding every point of a 2-D `dataset` made by `generator_name` (training rows,
    then the test rows unless they are the training rows again), ready for a learner to edit."""
    x, y = dataset.x_train, dataset.labels_train
    same = dataset.x_test.shape == x.shape and np.array_equal(dataset.x_test, x) \
        and np.array_equal(dataset.labels_test, y)
    if not same:
        x = np.concatenate([x, dataset.x_test])
        y = np.concatenate([y, dataset.labels_test])
    points = tuple((float(a), float(b), float(c)) for (a, b), c in zip(np.asarray(x, np.float64).tolist(), y.tolist()))
    return DatasetSpec(kind="points", generator=generator_name, points=points)
