"""What the loss plots say about the step under the mouse, and the colours they say it in: blue for
every step, green for train, red for test (the fitted curve's points use the same train and test hues).

`readout_html` writes the hover label from a history (see nnviz.training.history): the step's loss (or,
once the history buckets steps, its range and mean), the smoothed loss, the running training score and
the last finished epoch's train and test loss and score.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from nnviz.gui import theme
from nnviz.gui.i18n import said, translate
from nnviz.training.score_scale import ScoreScale

# One hue per meaning, the same in both plots: blue = every step, green = train, red = test.
STEP_COLOR = (31, 119, 180)
TRAIN_COLOR = (44, 160, 44)
TEST_COLOR = (214, 39, 40)


def paler(color, keep: float) -> tuple[int, int, int]:
    """`color` (r, g, b) toward white, keeping `keep` of it."""
    c = theme.toward_white(QColor(*color), keep)
    return c.red(), c.green(), c.blue()


#: The raw loss of every step, opaque but pale: at one sample a step it is a dense band, and the
#: smoothed line on top of it must stand out (opaque, because translucent lines draw slowly).
RAW_COLOR = paler(STEP_COLOR, 0.3)
#: The running training accuracy: the train hue, paler than the epochs' markers it leads up to.
RUNNING_COLOR = paler(TRAIN_COLOR, 0.6)


def curve_pen(color, width: float = 1.0, alpha: int = 255, style=Qt.PenStyle.SolidLine) -> QPen:
    """The pen of a curve in `color` (r, g, b)."""
    return pg.mkPen((*color, alpha), width=width, style=style)


def stride(steps: np.ndarray) -> int:
    """Steps per point of a history's step column (1 until the history starts to bucket)."""
    return int(steps[1] - steps[0]) if len(steps) > 1 else 1


def colored(color, text: str) -> str:
    return f"<span style='color:rgb({color[0]},{color[1]},{color[2]})'>{text}</span>"


def score_name(score: ScoreScale) -> str:
    """What the score is called in the window's language: "accuracy" (准确率), or "R²"."""
    return translate("CurveReadout", "accuracy") if score.name == "accuracy" else said(score.name)


def score_labelled(score: ScoreScale, value: float) -> str:
    """A score beside a loss, in the window's language: "97.5 %", or "R² 0.953" when the unit does not
    say which score it is."""
    return score.text(value) if score.unit else f"{score_name(score)} {score.text(value)}"


def readout_html(h: dict[str, np.ndarray], i: int, step: int, smoothed: float, running_window: int,
                 score: ScoreScale) -> str:
    """The hover label for `step`, held by point i of the history h; `smoothed` is the smoothed loss
    there, `running_window` the samples the running score covers, `score` how scores are written."""
    if stride(h["step"]) == 1:
        loss = translate("CurveReadout", "loss {loss}").format(loss=theme.precise(h["step_loss"][i]))
    else:
        loss = translate("CurveReadout", "loss {low}–{high} (mean {mean})").format(
            low=theme.precise(h["step_loss_min"][i]), high=theme.precise(h["step_loss_max"][i]),
            mean=theme.precise(h["step_loss"][i]))
    smooth = translate("CurveReadout", "smoothed {loss}").format(loss=theme.precise(smoothed))
    rows = [
        "<b>" + translate("CurveReadout", "step {step}").format(step=f"{step:,}") + "</b>",
        colored(STEP_COLOR, loss) + "&nbsp;&nbsp;" + colored(STEP_COLOR, smooth),
    ]
    running = h.get("running_accuracy")
    if running is not None and np.isfinite(running[i]):
        running_text = translate("CurveReadout", "train {score} {value} over the last {samples} samples")
        rows.append(colored(TRAIN_COLOR, running_text.format(score=score_name(score), value=score.text(running[i]),
                                                             samples=f"{running_window:,}")))
    end = h["epoch_end_step"]
    e = int(np.searchsorted(end, step, side="right")) - 1  # last epoch finished by this step
    if e >= 0:
        train = translate("CurveReadout", "train {loss}, {score}").format(
            loss=theme.precise(h["train_loss"][e]), score=score_labelled(score, h["train_accuracy"][e]))
        test = translate("CurveReadout", "test {loss}, {score}").format(
            loss=theme.precise(h["test_loss"][e]), score=score_labelled(score, h["test_accuracy"][e]))
        rows.append(
            translate("CurveReadout", "after epoch {epoch} (step {step}):").format(
                epoch=f"{int(h['epoch'][e]):,}", step=f"{int(end[e]):,}")
            + "<br>" + colored(TRAIN_COLOR, train) + "&nbsp;&nbsp;" + colored(TEST_COLOR, test)
        )
    return "<span style='font-size:9pt; color:#333'>" + "<br>".join(rows) + "</span>"
