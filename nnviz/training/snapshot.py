"""Immutable snapshots of a training session, safe to hand from the training thread to the GUI.

Every array in a snapshot is a copy marked read-only, except the history, which is a read-only view
of storage that is only appended to (see history.py) and so never changes either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.surface import Surface, compute_surface

if TYPE_CHECKING:
    from nnviz.training.session import Evaluation, TrainingSession


def frozen(array: np.ndarray) -> np.ndarray:
    """A read-only copy of `array`."""
    copy = np.array(array, copy=True)
    copy.setflags(write=False)
    return copy


def _frozen_all(arrays) -> tuple[np.ndarray, ...]:
    return tuple(frozen(a) for a in arrays)


#: How many samples of the last batch a snapshot keeps. Views draw the first; copying all 512 rows of
#: a big batch 60 times a second would cost the training thread more than the step itself.
SHOWN_SAMPLES = 1


@dataclass(frozen=True)
class LastStep:
    """The forward and backward pass of the most recent training step.

    zs/activations/deltas/targets/grad_input follow `Trace` and `Gradients`, for the first
    SHOWN_SAMPLES samples of the batch; batch_indices (the whole batch) point into the training set;
    loss and grad_W/grad_b are the batch's.
    """

    batch_indices: np.ndarray
    targets: np.ndarray
    loss: float
    zs: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]
    deltas: tuple[np.ndarray, ...]
    #: None in what the trainer process sends: no view draws them, and for MNIST they are a third of
    #: the snapshot's megabytes.
    grad_W: tuple[np.ndarray, ...] | None
    grad_b: tuple[np.ndarray, ...] | None
    #: dL/dx for the batch, when the session tracks it (MNIST's "what would change this answer").
    grad_input: np.ndarray | None = None


@dataclass(frozen=True)
class Snapshot:
    step: int
    epoch: int
    samples_seen: int
    epoch_progress: float
    finished: bool
    hyperparameters: Hyperparameters
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    #: The change the last step made to each W and b (None before the first step or when not asked for).
    delta_weights: tuple[np.ndarray, ...] | None
    delta_biases: tuple[np.ndarray, ...] | None
    last_step: LastStep | None
    #: History.view() of the run (None in what the trainer process sends: it sends increments).
    history: dict[str, np.ndarray] | None
    #: Every neuron's activation over the input plane, when asked for (2-D datasets).
    surface: Surface | None = None
    #: The test-split evaluation after the last completed epoch (shared, already read-only).
    evaluation: Evaluation | None = None

    @property
    def sizes(self) -> tuple[int, ...]:
        """(n_in, ..., n_out) of the network this is a snapshot of."""
        return (self.weights[0].shape[1], *(W.shape[0] for W in self.weights))


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
            zs=_frozen_all(z[:k] for z in result.trace.zs),
            activations=_frozen_all(a[:k] for a in result.trace.activations),
            deltas=_frozen_all(d[:k] for d in result.gradients.deltas),
            grad_W=_frozen_all(result.gradients.grad_W) if with_gradients else None,
            grad_b=_frozen_all(result.gradients.grad_b) if with_gradients else None,
            grad_input=None if grad_input is None else frozen(grad_input[:k]),
        )
    delta_W = delta_b = None
    updates = session.optimizer.last_updates() if with_updates else []
    for array in updates:  # new arrays already, nobody else holds them: freeze without copying
        array.setflags(write=False)
    if updates:
        delta_W, delta_b = tuple(updates[0::2]), tuple(updates[1::2])
    return Snapshot(
        step=session.step_count,
        epoch=session.epoch,
        samples_seen=session.samples_seen,
        epoch_progress=session.epoch_progress,
        finished=session.finished,
        hyperparameters=session.hyperparameters,
        weights=_frozen_all(net.weights),
        biases=_frozen_all(net.biases),
        delta_weights=delta_W,
        delta_biases=delta_b,
        last_step=last,
        history=session.history.view() if with_history else None,
        surface=compute_surface(net, session.plane_extent) if with_surface and session.plane_extent else None,
        evaluation=session.last_evaluation,
    )
