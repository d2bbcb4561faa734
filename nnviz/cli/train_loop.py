"""The training loop behind `nnviz train`: steps until done or stopped, timed and reported.

Timing: `train_seconds` counts only the training steps. The session evaluates the test split inside
the step that finishes an epoch; that time is measured on its own (`eval_seconds`) and left out, so
`samples_per_second` is the speed of learning itself.

A regression run reports R² where a classification run reports accuracy, and the test RMSE in the
target's own units.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from nnviz.cli import output
from nnviz.cli.interrupt import StopRequest
from nnviz.training.session import StepEvent, TrainingSession

#: Seconds between progress lines (within a long epoch, or between epoch lines of a long run).
PROGRESS_INTERVAL = 2.0


@dataclass
class Timing:
    train_seconds: float = 0.0  # in training steps, without the test evaluations
    eval_seconds: float = 0.0  # in the end-of-epoch test evaluations
    interrupted: bool = False


def train(session: TrainingSession, stop: StopRequest) -> Timing:
    """Step until the session's epochs are done or a stop is requested (then after the current step)."""
    timing = Timing()
    progress = _Progress(session)
    while not session.finished and not stop.requested:
        evaluated_before = session.eval_seconds
        start = time.perf_counter()
        event = session.step()
        elapsed = time.perf_counter() - start
        evaluating = session.eval_seconds - evaluated_before
        timing.train_seconds += elapsed - evaluating
        timing.eval_seconds += evaluating
        progress.stepped(event, elapsed - evaluating)
    timing.interrupted = not session.finished
    return timing


class _Progress:
    """Prints a line per epoch (for long runs of quick epochs, every tenth of the run), and within an
    epoch that takes long a progress line at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, session: TrainingSession):
        self.session = session
        self.epochs = session.hyperparameters.epochs
        self.every = 1 if self.epochs is None or self.epochs <= 20 else math.ceil(self.epochs / 10)
        self.epoch_started = self.last_line = time.perf_counter()
        self.loss_sum = 0.0  # over the current epoch so far, weighted by batch size
        self.samples = 0
        self.seconds = 0.0  # in training steps of the current epoch

    def stepped(self, event: StepEvent, seconds: float) -> None:
        self.loss_sum += event.loss * event.batch_size
        self.samples += event.batch_size
        self.seconds += seconds
        now = time.perf_counter()
        if event.epoch_finished:
            long_epoch = now - self.epoch_started >= PROGRESS_INTERVAL
            if long_epoch or event.epoch % self.every == 0 or event.epoch in (1, self.epochs):
                output.say(self._epoch_line(event.epoch))
                self.last_line = now
            self.loss_sum, self.samples, self.seconds = 0.0, 0, 0.0
            self.epoch_started = now
        elif now - max(self.last_line, self.epoch_started) >= PROGRESS_INTERVAL:
            output.say(
                f"  step {event.step:,}  epoch {event.epoch + 1} {math.floor(100 * self.session.epoch_progress)}%  "
                f"loss {self.running_loss:.4f}  {output.rate(self.samples / max(self.seconds, 1e-9))}"
            )
            self.last_line = now

    @property
    def running_loss(self) -> float:
        return self.loss_sum / self.samples if self.samples else math.nan

    def _epoch_line(self, epoch: int) -> str:
        h = self.session.history.view()
        of = "" if self.epochs is None else f"/{self.epochs}"
        if self.session.is_regression:
            r2, test = r_squared_label(), self.session.last_evaluation
            return (
                f"epoch {epoch}{of}  train loss {h['train_loss'][-1]:.4f} {r2} {h['train_accuracy'][-1]:.4f}"
                f"  test loss {h['test_loss'][-1]:.4f} {r2} {h['test_accuracy'][-1]:.4f} RMSE {value_text(test.rmse)}"
                f"  {output.rate(self.samples / max(self.seconds, 1e-9))}"
            )
        return (
            f"epoch {epoch}{of}  train loss {h['train_loss'][-1]:.4f} acc {output.percent(h['train_accuracy'][-1])}"
            f"  test loss {h['test_loss'][-1]:.4f} acc {output.percent(h['test_accuracy'][-1])}"
            f"  {output.rate(self.samples / max(self.seconds, 1e-9))}"
        )


def r_squared_label() -> str:
    return "R²" if output.unicode_ok() else "R^2"


def value_text(value: float) -> str:
    """A value in the target's own units (an RMSE): four significant digits, whole numbers with
    thousands separators from 1,000 on ("0.2460", "12.50", "25,311")."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:#.4g}"


def results(session: TrainingSession, timing: Timing) -> dict:
    """The JSON-ready numbers of the run; test metrics are measured now if the last epoch was cut short.
    For regression test_accuracy is R², and test_r2 and test_rmse (in the target's units) are added."""
    h = session.history.view()
    completed = len(h["test_loss"])
    cut_short = completed == 0 or h["epoch_end_step"][-1] != session.step_count
    if cut_short:
        test = session.evaluate_test()
        test_loss, test_accuracy = test.loss, test.accuracy
    else:
        test = session.last_evaluation
        test_loss, test_accuracy = float(h["test_loss"][-1]), float(h["test_accuracy"][-1])
    if completed:
        train_loss, train_accuracy = float(h["train_loss"][-1]), float(h["train_accuracy"][-1])
    else:  # not one whole epoch: the mean loss of the steps taken
        steps = h["step_loss"]
        train_loss, train_accuracy = (float(steps.mean()) if len(steps) else math.nan), None
    regression = {"test_r2": test.r2, "test_rmse": test.rmse} if session.is_regression else {}
    return {
        **regression,
        "test_accuracy": test_accuracy,
        "test_loss": test_loss,
        "train_loss": train_loss,
        "train_accuracy": train_accuracy,
        "epochs": session.epoch,
        "steps": session.step_count,
        "samples": session.samples_seen,
        "train_seconds": round(timing.train_seconds, 4),
        "eval_seconds": round(timing.eval_seconds, 4),
        "samples_per_second": session.samples_seen / timing.train_seconds if timing.train_seconds > 0 else None,
    }
