"""How a network did on a split of its data: loss, score, every prediction and, for classes, the
confusion matrix.

One record serves both tasks. For classification `accuracy` is the share classified right; for
regression it holds R² (the share of the targets' variance the network explains), so curves and
tables that show "accuracy" show the score of either task, and `r2`/`rmse` say which it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Evaluation:
    """How the network did on a split. predictions and confidences have one entry per sample:

    - classification: predictions are class indices (int64), confidences in [0, 1] how sure each is,
      confusion[i, j] counts samples of class i predicted as j; r2 and rmse are None.
    - regression: predictions are the network's outputs (float, in the units it was trained on),
      confidences the absolute residual |prediction - target| in those units, confusion is an empty
      (0, 0) array, accuracy == r2, and rmse is in the target's raw units (before standardisation).

    Arrays are read-only.
    """

    loss: float
    accuracy: float
    predictions: np.ndarray
    confidences: np.ndarray
    confusion: np.ndarray
    epoch: int = 0
    r2: float | None = None
    rmse: float | None = None

    @property
    def is_regression(self) -> bool:
        return self.r2 is not None

    def misclassified(self, labels: np.ndarray) -> np.ndarray:
        """Indices of the wrongly classified samples, the most confident mistakes first; for
        regression every sample, the largest residual first."""
        if self.is_regression:
            return np.argsort(-self.confidences, kind="stable")
        wrong = np.flatnonzero(self.predictions != labels)
        return wrong[np.argsort(-self.confidences[wrong], kind="stable")]


def r_squared(predictions: np.ndarray, targets: np.ndarray) -> float:
    """1 - SS_res / SS_tot of predictions (n,) against targets (n,). Targets that do not vary have no
    variance to explain: R² is 1 when they are predicted exactly, else 0 (as scikit-learn reports it)."""
    predictions = np.asarray(predictions, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.float64)
    if not len(targets):
        return float("nan")
    ss_res = float(np.sum((targets - predictions) ** 2))
    ss_tot = float(np.sum((targets - targets.mean()) ** 2))
    if ss_tot <= 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot
