"""Immutable snapshots of a training session, safe to hand from the training thread to the GUI.

Every array in a snapshot is a copy marked read-only, except the history, which is a read-only view
of storage that is only appended to (see history.py) and so never changes either.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.training.evaluation import Evaluation
from nnviz.training.explain import NeuronExplanation
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.surface import Surface


def frozen(array: np.ndarray) -> np.ndarray:
    """A read-only copy of `array`."""
    copy = np.array(array, copy=True)
    copy.setflags(write=False)
    return copy


def frozen_all(arrays) -> tuple[np.ndarray, ...]:
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
class Origin:
    """Where a session's network came from when it was not initialised by the session: a model file
    (its name) and, when the file says so, the training step it was saved after."""

    model_name: str
    saved_step: int | None = None


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
    #: The change the last step made to each W and b, ΔW and Δb (None before the first step or when not
    #: asked for). Not "delta": δ means only ∂L/∂z (LastStep.deltas).
    update_W: tuple[np.ndarray, ...] | None
    update_b: tuple[np.ndarray, ...] | None
    last_step: LastStep | None
    #: History.view() of the run (None in what the trainer process sends: it sends increments).
    history: dict[str, np.ndarray] | None
    #: Every neuron's activation over the input plane, when asked for (2-D datasets).
    surface: Surface | None = None
    #: The test-split evaluation after the last completed epoch (shared, already read-only).
    evaluation: Evaluation | None = None
    #: The model file the network was loaded from (None: trained from its initialisation, here). `step`
    #: counts only the steps taken since.
    origin: Origin | None = None
    #: The worked example of the inspected neuron for this snapshot's step (None when no neuron is
    #: inspected, or before the first step); see explain.py.
    inspection: NeuronExplanation | None = None

    @property
    def sizes(self) -> tuple[int, ...]:
        """(n_in, ..., n_out) of the network this is a snapshot of."""
        return (self.weights[0].shape[1], *(W.shape[0] for W in self.weights))
