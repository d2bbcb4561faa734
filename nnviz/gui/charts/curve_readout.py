"""What the loss plots say about the step under the mouse, and the colours they say it in: blue for
every step, green for train, red for test (the fitted curve's points use the same train and test hues).

`readout_html` writes the hover label from a history (see nnviz.training.history): the step's loss (or,
once the history buckets steps, its range and mean), the smoothed loss, the running training score and
the last finished epoch's train and test loss and score.
"""

from __future__ import annotations

import numpy as np

from nnviz.gui import theme
from nnviz.training.score_scale import ScoreScale

# One hue per meaning, the same in both plots: blue = every step, green = train, red = test.
STEP_COLOR = (31, 119, 180)
TRAIN_COLOR = (44, 160, 44)
TEST_COLOR = (214, 39, 40)


def stride(steps: np.ndarray) -> int:
    """Steps per point of a history's step column (1 until the history starts to bucket)."""
    return int(steps[1] - steps[0]) if len(steps) > 1 else 1


def colored(color, text: str) -> str:
    return f"<span style='color:rgb({color[0]},{color[1]},{color[2]})'>{text}</span>"


def readout_html(h: dict[str, np.ndarray], i: int, step: int, smoothed: float, running_window: int,
                 score: ScoreScale) -> str:
    """The hover label for `step`, held by point i of the history h; `smoothed` is the smoothed loss
    there, `running_window` the samples the running score covers, `score` how scores are written."""
    if stride(h["step"]) == 1:
        loss = f"loss {theme.precise(h['step_loss'][i])}"
    else:
        loss = (f"loss {theme.precise(h['step_loss_min'][i])}–{theme.precise(h['step_loss_max'][i])} "
                f"(mean {theme.precise(h['step_loss'][i])})")
    rows = [
        f"<b>step {step:,}</b>",
        colored(STEP_COLOR, loss) + "&nbsp;&nbsp;" + colored(STEP_COLOR, f"smoothed {theme.precise(smoothed)}"),
    ]
    running = h.get("running_accuracy")
    if running is not None and np.isfinite(running[i]):
        rows.append(colored(TRAIN_COLOR, f"train {score.name} {score.text(running[i])} "
                                         f"over the last {running_window:,} samples"))
    end = h["epoch_end_step"]
    e = int(np.searchsorted(end, step, side="right")) - 1  # last epoch finished by this step
    if e >= 0:
        rows.append(
            f"after epoch {int(h['epoch'][e]):,} (step {int(end[e]):,}):<br>"
            + colored(TRAIN_COLOR, f"train {theme.precise(h['train_loss'][e])}, {score.labelled(h['train_accuracy'][e])}")
            + "&nbsp;&nbsp;"
            + colored(TEST_COLOR, f"test {theme.precise(h['test_loss'][e])}, {score.labelled(h['test_accuracy'][e])}")
        )
    return "<span style='font-size:9pt; color:#333'>" + "<br>".join(rows) + "</span>"
