"""How a task's score is plotted and written: a classifier's accuracy in percent, a regression's R².

The session reports either in the same "accuracy" columns of the history (see session.py); the
curves scale it, bound its axis and write its values by the task's `ScoreScale`, so the one plot
reads "accuracy 97.5 %" for a classifier and "R² 0.953" for a regression.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.training.numbers import percent, significant
from nnviz.training.regression_fit import R2_FLOOR, R2_MIN_SPAN


@dataclass(frozen=True)
class ScoreScale:
    """name: what the score is called ("accuracy", "R²"); unit: the axis's unit ("%" or "");
    factor: plotted value = factor × score; bounds: the plotted axis never goes beyond them (an R²
    can fall to −∞, the axis stops at R2_FLOOR); min_span: the least span the axis zooms to."""

    name: str
    unit: str
    factor: float
    bounds: tuple[float, float]
    min_span: float

    def text(self, score: float) -> str:
        """A score as a reader sees it: "97.5 %" or "0.953"."""
        return percent(score) if self.unit == "%" else significant(score, 3)

    def labelled(self, score: float) -> str:
        """A score beside a loss, saying which it is when the unit does not: "97.5 %", "R² 0.953"."""
        return self.text(score) if self.unit else f"{self.name} {self.text(score)}"


ACCURACY = ScoreScale("accuracy", "%", 100.0, (0.0, 100.0), 2.0)
R2 = ScoreScale("R²", "", 1.0, (R2_FLOOR, 1.0), R2_MIN_SPAN)


def score_scale(task: str) -> ScoreScale:
    """The scale of a task's score: R² for "regression", accuracy for anything else."""
    return R2 if task == "regression" else ACCURACY
