"""Two tiny data sets that fit on one screen: XOR and the "gender from weight and height" example.

Both use the training set as the test set: they exist to watch a network learn, not to measure
generalisation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.data.dataset import Dataset, Query
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

__all__ = [
    "xor",
    "gender",
    "Person",
    "PEOPLE",
    "WEIGHT_OFFSET_LB",
    "HEIGHT_OFFSET_IN",
    "FEMALE",
    "MALE",
]

# The gender example centres its inputs by subtracting these, so the numbers stay small.
WEIGHT_OFFSET_LB = 135
HEIGHT_OFFSET_IN = 66

MALE = 0
FEMALE = 1


@dataclass(frozen=True)
class Person:
    """One row of the gender example; label is MALE, FEMALE, or None for a query."""

    name: str
    weight_lb: int
    height_in: int
    label: int | None

    @property
    def x(self) -> tuple[int, int]:
        """The network's input: (weight − 135 lb, height − 66 in)."""
        return (self.weight_lb - WEIGHT_OFFSET_LB, self.height_in - HEIGHT_OFFSET_IN)


PEOPLE: tuple[Person, ...] = (
    Person("Alice", 133, 65, FEMALE),
    Person("Bob", 160, 72, MALE),
    Person("Charlie", 152, 70, MALE),
    Person("Diana", 120, 60, FEMALE),
    Person("Emily", 128, 63, None),
    Person("Frank", 155, 68, None),
)


def xor(dtype=np.float32) -> Dataset:
    """XOR of two bits: x has shape (4, 2), labels are [0, 1, 1, 0]."""
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype)
    labels = np.array([0, 1, 1, 0], dtype=np.int64)
    return Dataset(
        name="xor",
        x_train=x,
        labels_train=labels,
        x_test=x,
        labels_test=labels,
        class_names=("0", "1"),
        feature_names=("x1", "x2"),
    )


def gender(dtype=np.float32) -> Dataset:
    """The four labelled people of PEOPLE (x has shape (4, 2)) with Emily and Frank as queries.

    Labels: female = 1, male = 0, so class_names[label] reads the class.
    """
    known = [p for p in PEOPLE if p.label is not None]
    x = np.array([p.x for p in known], dtype=dtype)
    labels = np.array([p.label for p in known], dtype=np.int64)
    queries = tuple(Query(p.name, np.array(p.x, dtype=dtype)) for p in PEOPLE if p.label is None)
    return Dataset(
        name="gender",
        x_train=x,
        labels_train=labels,
        x_test=x,
        labels_test=labels,
        class_names=(QT_TRANSLATE_NOOP("Data", "male"), QT_TRANSLATE_NOOP("Data", "female")),
        feature_names=(QT_TRANSLATE_NOOP("Data", "weight − {offset} lb").format(offset=WEIGHT_OFFSET_LB),
                       QT_TRANSLATE_NOOP("Data", "height − {offset} in").format(offset=HEIGHT_OFFSET_IN)),
        queries=queries,
    )
