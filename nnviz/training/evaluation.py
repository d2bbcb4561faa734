"""How a network did on a split of its data: loss, accuracy, every prediction and the confusion matrix."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Evaluation:
    """How the network did on a split. predictions and confidences have one entry per sample;
    confusion[i, j] counts samples of class i predicted as j. Arrays are read-only."""

    loss: float
    accuracy: float
    predictions: np.ndarray
    confidences: np.ndarray
    confusion: np.ndarray
    epoch: int = 0

    def misclassified(self, labels: np.ndarray) -> np.ndarray:
        """Indices of the wrongly classified samples, the most confident mistakes first."""
        wrong = np.flatnonzero(self.predictions != labels)
        return wrong[np.argsort(-self.confidences[wrong], kind="stable")]
