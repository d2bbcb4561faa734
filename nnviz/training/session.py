"""The training session: a network, its data, hyperparameters and history, stepped as a plain loop.

A session owns its network. It trains classifiers (labels are class indices, encoded as target rows)
and regressors (labels are float targets, the network's single output is trained towards them with
the targets as they are): for regression every "accuracy" the session reports (running, per epoch,
in an Evaluation) is R², the share of the targets' variance explained.

 `step()` takes the next batch of the current epoch, trains on it and
returns a small `StepEvent`; `steps()` does that until the configured epochs are done. Hyperparameter
changes go through `apply()`, which a caller makes between two steps (the GUI's worker thread does so
with the messages it received). `snapshot()` returns an immutable `Snapshot` of everything a view
draws, copied so another thread can read it while training goes on.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from nnviz.data.augment import distort, draw_distortions
from nnviz.data.dataset import Dataset
from nnviz.engine.batching import effective_batch_size, one_hot
from nnviz.engine.network import Network, StepResult
from nnviz.engine.optimizers import make_optimizer
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.explain import Captured, NeuronExplanation, check_neuron, explain_neuron
from nnviz.training.history import History, RunningAccuracy, RunningR2, running_window
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.evaluation import Evaluation, r_squared
from nnviz.training.prefetch import PrefetchedBatch
from nnviz.training.snapshot import SHOWN_SAMPLES, LastStep, Origin, Snapshot, frozen, frozen_all
from nnviz.training.surface import compute_surface, plane_extent

# Evaluating in chunks bounds the memory a 60,000-sample forward pass needs.
_EVAL_CHUNK = 8192


#: The tasks' names in messages (shared with nnviz.training.data_fit's).
_TASKS = {"classification": QT_TRANSLATE_NOOP("DataFit", "classification"),
          "regression": QT_TRANSLATE_NOOP("DataFit", "regression")}


class TrainingDiverged(ArithmeticError):
    """The loss became NaN or infinite; the message says at which step and what to do."""


@dataclass(frozen=True)
class StepEvent:
    """What one training step did. epoch counts completed epochs; epoch_finished is True for the
    step that completed one (its metrics are then in the history). running_accuracy is the share of
    the latest samples (see history.RunningAccuracy) classified right while they were trained on; for
    regression their R² (history.RunningR2)."""

    step: int
    epoch: int
    samples_seen: int
    batch_size: int
    loss: float
    epoch_finished: bool
    running_accuracy: float = float("nan")


def check_fits(network: Network, dataset: Dataset) -> None:
    """Raise ValueError unless `network` can train on `dataset`: as many inputs as it has features, one
    output per class (or one for two classes), one output for a regression target; at least one
    training sample."""
    n_out = network.sizes[-1]
    if network.sizes[0] != dataset.n_features:
        raise ValueError(QT_TRANSLATE_NOOP("Session", "the network takes {inputs} inputs but {data} has "
                                                      "{features} features").format(
            inputs=network.sizes[0], data=dataset.name, features=dataset.n_features))
    if dataset.is_regression:
        if n_out != 1:
            raise ValueError(QT_TRANSLATE_NOOP("Session", "the network has {outputs} outputs but {data} has one "
                                                          "target to predict ({target})").format(
                outputs=n_out, data=dataset.name, target=dataset.class_names[0]))
    elif n_out != dataset.n_classes and not (n_out == 1 and dataset.n_classes == 2):
        raise ValueError(QT_TRANSLATE_NOOP("Session", "the network has {outputs} outputs but {data} has {classes} "
                                                      "classes").format(
            outputs=n_out, data=dataset.name, classes=dataset.n_classes))
    if not len(dataset.x_train):
        raise ValueError(QT_TRANSLATE_NOOP("Session", "{data} has no training samples").format(data=dataset.name))


class TrainingSession:
    """Train `network` on `dataset` with `hyperparameters`.

    targets: (off, on) values that encode a class label as a target vector; with one output neuron the
    label itself (0 or 1) is mapped to off/on. A regression dataset's targets are its labels, as a
    column of shape (n, 1); `targets` does not apply to them.
    """

    def __init__(self, network: Network, dataset: Dataset, hyperparameters: Hyperparameters,
                 targets: tuple[float, float] = (0.0, 1.0)):
        check_fits(network, dataset)
        self.network = network
        self.hyperparameters = hyperparameters
        self.targets = targets
        self.optimizer = make_optimizer(hyperparameters.optimizer, hyperparameters.momentum)
        self.history = History()
        self.rng = np.random.default_rng(hyperparameters.seed)
        self.step_count = 0
        self.epoch = 0
        #: Seconds spent on end-of-epoch test evaluations, so callers can time training alone.
        self.eval_seconds = 0.0
        self.samples_seen = 0
        self.last_step: StepResult | None = None
        self.last_evaluation: Evaluation | None = None  # of the test split, after the last epoch
        #: Whether each step also computes dL/dx for the views (one more matrix product per step).
        self.track_input_gradient = False
        #: Whether an augmented step distorts the next batch's images on a worker thread meanwhile
        #: (prefetch.py). Worth it only where BLAS leaves a core idle, as in the window's trainer (one
        #: BLAS thread): where BLAS already has every core, the extra thread slows each step instead.
        self.distort_ahead = False
        self.last_batch: np.ndarray | None = None  # indices of the last batch into the training set
        #: The model file the network came from, if it was loaded rather than initialised here.
        self.origin: Origin | None = None
        #: The neuron (layer 1..L, index) whose worked example snapshots carry, and what its
        #: parameters were before the last step (a row and a column, never whole layers).
        self.inspected: tuple[int, int] | None = None
        self._captured: Captured | None = None
        self._prefetched = PrefetchedBatch()  # the next batch's distorted images, when augmenting
        self._use_data(dataset)

    def _use_data(self, dataset: Dataset) -> None:
        """Train on `dataset` from the next step on, starting a new epoch order."""
        self.dataset = dataset
        self._prefetched.drop(self.rng)
        self.x_train = dataset.x_train.astype(self.network.dtype, copy=False)
        self.y_train = self.encode(dataset.labels_train)
        self._epoch_loss_sum = 0.0
        self._epoch_correct = 0  # regression: the epoch's sum of squared residuals
        self._epoch_samples = 0
        #: Training accuracy (regression: R²) over the latest samples, from each step's own outputs
        #: (no extra pass).
        window = running_window(len(self.x_train))
        self.running_accuracy = RunningR2(window, self._target_variance) if self.is_regression else \
            RunningAccuracy(window)
        self._new_epoch_order()
        #: The input plane (2-D data) or line (1-D) that decision surfaces and fitted curves cover,
        #: queries included.
        self.plane_extent = None
        if dataset.n_features in (1, 2):
            points = np.concatenate([dataset.x_train, *[q.x[None, :] for q in dataset.queries]])
            self.plane_extent = plane_extent(points)

    def replace_dataset(self, dataset: Dataset) -> None:
        """Train on `dataset` from the next step on (new points, a regenerated set), keeping the
        network, the optimiser's state, the step and epoch counts and the history. The epoch under way
        starts again in a new order over the new samples; the last step's record (its batch indexed the
        old samples) is dropped and the new test split is evaluated at once. Raises ValueError for data
        with another number of features, another task, or classes the network's outputs cannot hold."""
        if dataset.n_features != self.dataset.n_features:
            raise ValueError(QT_TRANSLATE_NOOP("Session", "the network takes {inputs} inputs but {data} has {features} "
                                                        "features").format(
                inputs=self.dataset.n_features, data=dataset.name, features=dataset.n_features))
        if dataset.task != self.dataset.task:
            raise ValueError(QT_TRANSLATE_NOOP("Session", "the network was built for {task}; {data} is {other} "
                                                          "data: rebuild it").format(
                task=_TASKS.get(self.dataset.task, self.dataset.task), data=dataset.name,
                other=_TASKS.get(dataset.task, dataset.task)))
        check_fits(self.network, dataset)
        self._use_data(dataset)
        self.last_step = self.last_batch = None
        self._captured = None
        start = time.perf_counter()
        self.last_evaluation = self.evaluate_test()
        self.eval_seconds += time.perf_counter() - start

    # -- encoding and evaluation ----------------------------------------------------------------

    @property
    def is_regression(self) -> bool:
        return self.dataset.is_regression

    @property
    def _target_variance(self) -> float:
        """The variance of the training targets (regression), the denominator of the training R²."""
        return float(np.var(self.dataset.labels_train.astype(np.float64))) if len(self.dataset.labels_train) else 0.0

    def encode(self, labels: np.ndarray) -> np.ndarray:
        """Target rows for labels: for regression the targets as a column (n, 1); for class labels
        one-hot rows with off/on values, or a single column."""
        if self.is_regression:
            return np.asarray(labels, dtype=self.network.dtype).reshape(-1, 1).copy()
        off, on = self.targets
        if self.network.sizes[-1] == 1:
            return np.where(np.asarray(labels)[:, None] == 1, on, off).astype(self.network.dtype)
        return one_hot(labels, self.network.sizes[-1], off, on, self.network.dtype)

    def classify(self, outputs: np.ndarray) -> np.ndarray:
        """Predicted class per row of network outputs."""
        if outputs.shape[1] == 1:
            return (outputs[:, 0] > sum(self.targets) / 2).astype(np.int64)
        return outputs.argmax(axis=1)

    def evaluate(self, x: np.ndarray, labels: np.ndarray) -> Evaluation:
        """Data loss, accuracy (regression: R² and RMSE) and predictions of the current network on
        (x, labels)."""
        with np.errstate(all="ignore"):  # a network on its way to NaN still gets evaluated, quietly
            outputs = np.concatenate([self.network.predict(x[i:i + _EVAL_CHUNK]) for i in range(0, len(x), _EVAL_CHUNK)])
            loss = self.network.loss_value(outputs, self.encode(labels))
            if self.is_regression:
                return self._regression_evaluation(loss, outputs[:, 0], labels)
            predictions = self.classify(outputs)
            confidences = self.confidence(outputs)
        k = self.dataset.n_classes
        confusion = np.bincount(labels * k + predictions, minlength=k * k).reshape(k, k)
        for array in (predictions, confidences, confusion):
            array.setflags(write=False)
        return Evaluation(loss, float(np.mean(predictions == labels)), predictions, confidences, confusion, self.epoch)

    def _regression_evaluation(self, loss: float, outputs: np.ndarray, targets: np.ndarray) -> Evaluation:
        predictions = outputs.astype(np.float64)
        residuals = predictions - np.asarray(targets, dtype=np.float64)
        r2 = r_squared(predictions, targets)
        rmse = float(np.sqrt(np.mean(residuals ** 2))) * self.target_scale if len(residuals) else float("nan")
        confidences, confusion = np.abs(residuals), np.zeros((0, 0), dtype=np.int64)
        for array in (predictions, confidences, confusion):
            array.setflags(write=False)
        return Evaluation(loss, r2, predictions, confidences, confusion, self.epoch, r2=r2, rmse=rmse)

    @property
    def target_scale(self) -> float:
        """Raw target units per unit the network is trained on: the standard deviation the targets were
        divided by when standardised, else 1."""
        standardisation = self.dataset.standardisation
        if standardisation is None or standardisation.target_std is None:
            return 1.0
        return float(standardisation.target_std)

    def confidence(self, outputs: np.ndarray) -> np.ndarray:
        """How sure each prediction is, in [0, 1]: the winning output's share of all outputs (its
        probability for softmax), or for a single output how close it is to the predicted target."""
        if outputs.shape[1] == 1:
            off, on = self.targets
            p = np.clip((outputs[:, 0] - off) / (on - off), 0.0, 1.0)
            return np.maximum(p, 1.0 - p)
        clipped = np.clip(outputs, 0.0, None)
        return clipped.max(axis=1) / np.maximum(clipped.sum(axis=1), 1e-12)

    def evaluate_test(self) -> Evaluation:
        return self.evaluate(self.dataset.x_test.astype(self.network.dtype, copy=False), self.dataset.labels_test)

    # -- hyperparameters ------------------------------------------------------------------------

    def apply(self, **changes) -> Hyperparameters:
        """Change hyperparameters from the next step on; raises HyperparameterError for bad values."""
        new = self.hyperparameters.updated(**changes)
        if new.optimizer != self.hyperparameters.optimizer:
            self.optimizer = make_optimizer(new.optimizer, new.momentum)
        if hasattr(self.optimizer, "momentum"):
            self.optimizer.momentum = new.momentum
        self.hyperparameters = new
        return new

    @property
    def batch_size(self) -> int:
        h = self.hyperparameters
        return effective_batch_size(h.granularity, h.batch_size, len(self.x_train))

    @property
    def finished(self) -> bool:
        epochs = self.hyperparameters.epochs
        return epochs is not None and self.epoch >= epochs

    @property
    def epoch_progress(self) -> float:
        """Fraction of the current epoch done, in [0, 1)."""
        return self._epoch_samples / len(self.x_train)

    # -- inspection -----------------------------------------------------------------------------

    def inspect(self, neuron: tuple[int, int] | None) -> None:
        """Explain `neuron` ((layer 1..L, index), or None for none) in every snapshot from now on. For
        the step already taken, its parameters before that step are the current ones minus the
        change the optimiser made (its last update)."""
        self._captured = None
        if neuron is None:
            self.inspected = None
            return
        self.inspected = check_neuron(self.network.sizes, neuron)
        updates = self.optimizer.last_updates()
        if self.last_step is not None and updates:
            h = self.hyperparameters
            self._captured = Captured.before_step(self.network, self.inspected, h.optimizer, h.lr, h.l2,
                                                  updates[0::2], updates[1::2])

    def explain(self) -> NeuronExplanation | None:
        """The worked example of the inspected neuron in the last step (None: no neuron inspected, or
        no step taken since it was)."""
        captured, result = self._captured, self.last_step
        if self.inspected is None or captured is None or result is None:
            return None
        return explain_neuron(self.network, result.trace, captured, gradients=result.gradients,
                              targets=self.y_train[self.last_batch], optimizer=self.optimizer,
                              step=self.step_count, class_names=self.dataset.class_names)

    # -- training -------------------------------------------------------------------------------

    def _new_epoch_order(self) -> None:
        # Shuffle one permutation per epoch, then cut batches from it as they are needed, so a
        # batch-size change mid-epoch takes effect at the next step without losing samples.
        self._order = self.rng.permutation(len(self.x_train))

    def step(self, n_samples: int | None = None) -> StepEvent:
        """Train on the next batch of the epoch (the mode's batch size, or `n_samples`)."""
        n = self.batch_size if n_samples is None else max(1, int(n_samples))
        start = self._epoch_samples
        idx = self._order[start:start + n]
        # The batch after this one, to distort ahead while this one trains (none past the epoch's end:
        # the next epoch's order is not drawn yet; none for a single step of another size).
        ahead = self._order[start + n:start + 2 * n] if n_samples is None else None
        result = self._train_on(idx, ahead)
        self._epoch_samples += len(idx)
        self._epoch_loss_sum += result.loss * len(idx)
        if self.is_regression:  # "correct" is the batch's sum of squared residuals
            residuals = result.trace.output[:, 0] - self.y_train[idx, 0]
            correct = float(np.dot(residuals, residuals))
        else:
            correct = int(np.sum(self.classify(result.trace.output) == self.dataset.labels_train[idx]))
        self._epoch_correct += correct
        running = self.running_accuracy.add(correct, len(idx))
        self.history.record_step(result.loss, running)
        finished = self._epoch_samples >= len(self.x_train)
        if finished:
            self._finish_epoch()
        return StepEvent(self.step_count, self.epoch, self.samples_seen, len(idx), result.loss, finished, running)

    def next_batch(self) -> np.ndarray:
        """The training-set indices the next `step()` trains on (the mode's batch size)."""
        return self._order[self._epoch_samples:self._epoch_samples + self.batch_size].copy()

    def step_on(self, indices) -> StepResult:
        """Train one step on the given training samples (indices into the training set), outside the
        epoch's order: a worked example of one sample. Epoch counts and metrics stay as they were."""
        idx = np.asarray(indices, dtype=np.intp).reshape(-1)
        if not len(idx) or idx.min() < 0 or idx.max() >= len(self.x_train):
            raise ValueError(f"sample indices must lie in 0..{len(self.x_train) - 1}, got {idx.tolist()}")
        return self._train_on(idx)

    def _train_on(self, idx: np.ndarray, ahead: np.ndarray | None = None) -> StepResult:
        """One training step on samples idx (batch = len(idx)); counts the step and its samples. With
        augmentation on, the images of `ahead` (the next step's samples) are distorted meanwhile."""
        h = self.hyperparameters
        x, y = self._inputs(idx, ahead), self.y_train[idx]
        # The inspected neuron's row and bias before the update (the step overwrites them); kept only
        # once the step succeeded, so that a diverged step never pairs one step's trace with another's.
        captured = None if self.inspected is None else \
            Captured.before_step(self.network, self.inspected, h.optimizer, h.lr, h.l2)
        # A diverging run is reported by the exception below, not as a stream of overflow warnings.
        with np.errstate(all="ignore"):
            # dL/dx only for the samples a snapshot keeps: for a whole batch it costs ~15% of a step.
            input_grad = SHOWN_SAMPLES if self.track_input_gradient else False
            result = self.network.train_step(x, y, self.optimizer, h.lr, h.l2, input_grad)
        if not math.isfinite(result.loss):
            if math.isnan(result.loss):
                text = QT_TRANSLATE_NOOP("Session", "Diverged: loss became NaN at step {step}. Lower the learning "
                                                    "rate or Reset.")
            else:
                text = QT_TRANSLATE_NOOP("Session", "Diverged: loss became infinite at step {step}. Lower the "
                                                    "learning rate or Reset.")
            raise TrainingDiverged(text.format(step=self.step_count + 1))
        self.last_step, self.last_batch = result, idx
        if captured is not None:
            self._captured = captured
        self.step_count += 1
        self.samples_seen += len(idx)
        return result

    def _inputs(self, idx: np.ndarray, ahead: np.ndarray | None) -> np.ndarray:
        """The training images idx as the step sees them: distorted when augmenting (made ahead by the
        step before, when it made them for these samples)."""
        shape = self.dataset.image_shape
        if not (self.hyperparameters.augment and shape is not None):
            self._prefetched.drop(self.rng)
            return self.x_train[idx]
        x = self._prefetched.take(self.x_train, idx, self.rng)
        if x is None:
            x = distort(self.x_train[idx], shape, draw_distortions(len(idx), self.rng))
        if ahead is not None and self.distort_ahead:
            self._prefetched.make_ahead(self.x_train, ahead, shape, self.rng)
        return x

    def _finish_epoch(self) -> None:
        # Train metrics are the running ones over the epoch (what the network did while it learned);
        # test metrics are measured after the epoch on the whole test split.
        start = time.perf_counter()
        self.epoch += 1
        test = self.evaluate_test()
        self.last_evaluation = test
        self.eval_seconds += time.perf_counter() - start
        train_accuracy = self._epoch_correct / self._epoch_samples
        if self.is_regression:  # the R² of the epoch's outputs, as RunningR2 measures it
            variance = self._target_variance
            train_accuracy = 1.0 - train_accuracy / (variance if variance > 0 else 1.0)
        self.history.record_epoch(
            epoch_end_step=self.step_count,
            train_loss=self._epoch_loss_sum / self._epoch_samples,
            train_accuracy=train_accuracy,
            test_loss=test.loss,
            test_accuracy=test.accuracy,
        )
        self._epoch_loss_sum, self._epoch_correct, self._epoch_samples = 0.0, 0, 0
        self._new_epoch_order()

    def run_epoch(self) -> StepEvent:
        """Train to the end of the current epoch; returns the last step's event."""
        while True:
            event = self.step()
            if event.epoch_finished:
                return event

    def steps(self) -> Iterator[StepEvent]:
        """Step until the configured number of epochs is done (forever if epochs is None)."""
        while not self.finished:
            yield self.step()

    def snapshot(self, with_updates: bool = True, with_surface: bool = False, with_history: bool = True,
                 with_gradients: bool = True) -> Snapshot:
        """An immutable copy of the session's state for another thread to draw. with_surface adds
        every neuron's activation over the input plane (2-D datasets only); without with_history the
        snapshot's history is None (the trainer process sends the history as increments instead), and
        without with_gradients the last step's grad_W and grad_b are."""
        return make_snapshot(self, with_updates, with_surface, with_history, with_gradients)


def make_snapshot(session: TrainingSession, with_updates: bool = True, with_surface: bool = False,
                  with_history: bool = True, with_gradients: bool = True) -> Snapshot:
    net = session.network
    last = None
    if session.last_step is not None:
        result, idx = session.last_step, session.last_batch
        k = SHOWN_SAMPLES
        grad_input = result.gradients.grad_input
        last = LastStep(
            batch_indices=frozen(idx),
            targets=frozen(session.y_train[idx[:k]]),
            loss=result.loss,
            zs=frozen_all(z[:k] for z in result.trace.zs),
            activations=frozen_all(a[:k] for a in result.trace.activations),
            deltas=frozen_all(d[:k] for d in result.gradients.deltas),
            grad_W=frozen_all(result.gradients.grad_W) if with_gradients else None,
            grad_b=frozen_all(result.gradients.grad_b) if with_gradients else None,
            grad_input=None if grad_input is None else frozen(grad_input[:k]),
        )
    update_W = update_b = None
    updates = session.optimizer.last_updates() if with_updates else []
    for array in updates:  # new arrays already, nobody else holds them: freeze without copying
        array.setflags(write=False)
    if updates:
        update_W, update_b = tuple(updates[0::2]), tuple(updates[1::2])
    return Snapshot(
        step=session.step_count,
        epoch=session.epoch,
        samples_seen=session.samples_seen,
        epoch_progress=session.epoch_progress,
        finished=session.finished,
        hyperparameters=session.hyperparameters,
        weights=frozen_all(net.weights),
        biases=frozen_all(net.biases),
        update_W=update_W,
        update_b=update_b,
        last_step=last,
        history=session.history.view() if with_history else None,
        surface=compute_surface(net, session.plane_extent) if with_surface and session.plane_extent else None,
        evaluation=session.last_evaluation,
        origin=session.origin,
        inspection=session.explain(),
    )
