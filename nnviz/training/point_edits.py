"""Editing 2-D training points by hand: which data can be edited, what a click adds, which point a
press grabs, and the dataset spec of the edited points.

Points are an array of shape (n, 3): the two features and the label (a class index as a float, or a
regression target in the data's own units). The decision surface turns mouse presses into calls
here and sends the resulting spec to the trainer, which trains on the points from its next step.
"""

from __future__ import annotations

from enum import Enum

import numpy as np

from nnviz.data import DatasetSpec
from nnviz.data.dataset import Dataset
from nnviz.training.architecture import NewSession
from nnviz.training.presets import preset_spec

#: Buttons as the editor knows them: the left adds the first class, the right the second.
LEFT, RIGHT = 0, 1


class PointEditing(Enum):
    """What a click on the plane adds: a point of class 0 or 1 (left or right button), or for
    regression a point with the highest or lowest target value of the set."""

    CLASSES = "classes"
    VALUES = "values"


def point_editing(session: NewSession | None) -> PointEditing | None:
    """How the points of `session`'s data can be edited: only generated 2-D data (or points already
    edited), which knows its task and class names; None for any other."""
    if session is None or session.preset is None or session.dataset.n_features != 2:
        return None
    spec = preset_spec(session.preset)
    if spec.kind not in ("generated", "points") or not spec.generator:
        return None
    if session.dataset.task == "regression":
        return PointEditing.VALUES
    return PointEditing.CLASSES if session.dataset.n_classes == 2 else None


def points_of(dataset: Dataset) -> np.ndarray:
    """The training points of a 2-D dataset as (n, 3): x1, x2 and the label or target."""
    x = np.asarray(dataset.x_train, dtype=np.float64)
    labels = np.asarray(dataset.labels_train, dtype=np.float64)
    return np.column_stack([x, labels]) if len(x) else np.empty((0, 3))


def label_for_click(editing: PointEditing, points: np.ndarray, button: int) -> float:
    """The label of a point added with `button` (LEFT or RIGHT): class 0 or 1; for regression the
    highest (left) or lowest (right) target of the points, so a new point pulls the fit to the set's
    extremes (±1 when there are no points yet)."""
    if editing is PointEditing.CLASSES:
        return float(LEFT if button == LEFT else RIGHT)
    if len(points) == 0:
        return 1.0 if button == LEFT else -1.0
    values = points[:, 2]
    return float(values.max() if button == LEFT else values.min())


def nearest_point(points: np.ndarray, x: float, y: float, units_per_pixel: tuple[float, float],
                  radius: float) -> int | None:
    """The index of the point nearest (x, y) on screen, if it is within `radius` pixels; distances
    are measured in pixels, whose size in data units is `units_per_pixel` (dx, dy)."""
    if len(points) == 0:
        return None
    dx, dy = (max(abs(u), 1e-300) for u in units_per_pixel)
    d2 = ((points[:, 0] - x) / dx) ** 2 + ((points[:, 1] - y) / dy) ** 2
    i = int(np.argmin(d2))
    return i if d2[i] <= radius * radius else None


def clamped(extent: tuple[float, float, float, float], x: float, y: float) -> tuple[float, float]:
    """(x, y) moved inside extent (x0, x1, y0, y1): a point dragged off the plane stays on its edge."""
    x0, x1, y0, y1 = extent
    return min(max(x, x0), x1), min(max(y, y0), y1)


def inside(extent: tuple[float, float, float, float], x: np.ndarray) -> bool:
    """Whether every row of x (n, 2) lies within extent (x0, x1, y0, y1)."""
    x0, x1, y0, y1 = extent
    return bool(len(x) == 0 or (x[:, 0].min() >= x0 and x[:, 0].max() <= x1
                                and x[:, 1].min() >= y0 and x[:, 1].max() <= y1))


def edited_spec(generator: str, points: np.ndarray) -> DatasetSpec:
    """The spec of hand-edited points of `generator`'s kind (which says their task and class names)."""
    table = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    if not np.isfinite(table).all():
        raise ValueError("every point needs finite coordinates and label")
    return DatasetSpec(kind="points", generator=generator, points=table)  # checked as one array


def same_points(spec_points: tuple, points: np.ndarray | None) -> bool:
    """Whether a spec's points (a tuple of (x1, x2, label)) are exactly `points` (n, 3)."""
    if points is None or len(spec_points) != len(points):
        return False
    return bool(np.array_equal(np.array(spec_points, dtype=np.float64).reshape(-1, 3), points))
