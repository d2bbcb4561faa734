"""What a network diagram shows at one moment: one sample's pass, and the parameters it came from.

A diagram draws the first sample of the last training step, or a digit drawn on the pad run through
some network (perhaps not the one in training). Every number it shows together must come from one
network, so the sample and its parameters travel as a pair built in one place.

Layers are numbered 0..L: a[0] is the input x; z[l], a[l] and delta[l] belong to layer l = 1..L
(z[0] and delta[0] are None); the weights into layer l are weights[l - 1], shape (n_l, n_{l-1}).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.network import Trace
from nnviz.training.snapshot import Snapshot


@dataclass(frozen=True)
class ShownSample:
    """One sample's pass. a[l] has shape (n_l,); z[l] and delta[l] (n_l,) or None where unknown (a
    drawn digit has no error terms); target (n_L,) or None; grad_input ∂L/∂x (n_0,) or None; loss is
    the batch's (None for a drawn digit); batch is how many samples the step had."""

    a: tuple[np.ndarray, ...]
    z: tuple[np.ndarray | None, ...]
    delta: tuple[np.ndarray | None, ...]
    target: np.ndarray | None
    grad_input: np.ndarray | None
    loss: float | None
    batch: int

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> ShownSample | None:
        """The first sample of the snapshot's last step, or None before the first step."""
        step = snapshot.last_step
        if step is None:
            return None
        return cls(
            a=tuple(np.asarray(a[0]) for a in step.activations),
            z=(None, *(np.asarray(z[0]) for z in step.zs)),
            delta=(None, *(np.asarray(d[0]) for d in step.deltas)),
            target=np.asarray(step.targets[0]),
            grad_input=None if step.grad_input is None else np.asarray(step.grad_input[0]),
            loss=float(step.loss),
            batch=len(step.batch_indices),
        )

    @classmethod
    def from_trace(cls, trace: Trace, target: np.ndarray | None = None) -> ShownSample:
        """The first sample of an engine Trace (a forward pass only: no error terms, no loss)."""
        a = tuple(np.atleast_2d(np.asarray(x, dtype=np.float64))[0] for x in trace.activations)
        z = (None, *(np.atleast_2d(np.asarray(x, dtype=np.float64))[0] for x in trace.zs))
        return cls(a, z, (None,) * len(a), None if target is None else np.asarray(target, dtype=np.float64),
                   None, None, 1)

    @property
    def has_errors(self) -> bool:
        """Whether the backward pass is known (error terms δ)."""
        return any(d is not None for d in self.delta)

    @property
    def label(self) -> int | None:
        """The true class: the largest target of several outputs; for one output, whether its target
        is the upper one (targets (0, 1) or (−1, 1))."""
        if self.target is None or not len(self.target):
            return None
        return int(np.argmax(self.target)) if len(self.target) > 1 else int(self.target[0] > 0.5)


@dataclass(frozen=True)
class ShownParameters:
    """The weights and biases the shown sample went through, and the last step's change to them
    (update_W/update_b, ΔW and Δb: None when unknown, as for a network that is not training)."""

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    update_W: tuple[np.ndarray, ...] | None = None
    update_b: tuple[np.ndarray, ...] | None = None

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> ShownParameters:
        return cls(snapshot.weights, snapshot.biases, snapshot.update_W, snapshot.update_b)

    @classmethod
    def of(cls, weights, biases, sizes: tuple[int, ...]) -> ShownParameters:
        """Parameters given as sequences of arrays, checked against the layer sizes (n_0, ..., n_L)."""
        weights = tuple(np.asarray(W) for W in weights)
        biases = tuple(np.asarray(b) for b in biases)
        expected = [((n, m), (n,)) for m, n in zip(sizes, sizes[1:])]
        if [(W.shape, b.shape) for W, b in zip(weights, biases)] != expected or len(weights) != len(expected):
            raise ValueError(f"weights and biases of a network of sizes {sizes} were expected")
        return cls(weights, biases)


def check_trace(trace: Trace, sizes: tuple[int, ...]) -> None:
    """Raise ValueError unless `trace` is a pass through a network of layer sizes `sizes`."""
    activations = trace.activations
    if len(activations) != len(sizes) or any(np.shape(a)[-1] != n for a, n in zip(activations, sizes)):
        raise ValueError(f"a trace of {len(sizes)} layers of sizes {sizes} was expected")
