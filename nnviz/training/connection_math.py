"""The numbers of one connection of the shown step: its weight, the activation it carries, their
product (that input's share of the neuron's z) and its gradient ∂L/∂w. Plain arrays in, floats out
(no Qt); the diagrams' connection tooltips show these.

Layers are numbered 0..L as in phases.py; the connection (layer, i, j) is weight W[layer − 1][i, j],
from neuron j of layer − 1 to neuron i of layer. A snapshot's weights are those after its step's
update; the step's forward pass used the weights before it (w − Δw), so the product is taken with those.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.training.neuron_math import sample_weight_gradient
from nnviz.training.shown_step import ShownParameters, ShownSample
from nnviz.training.snapshot import Snapshot

#: Where a connection's ∂L/∂w came from.
BATCH, SAMPLE = "batch", "sample"


@dataclass(frozen=True)
class ConnectionNumbers:
    """w: the weight now; w_used: the weight the shown forward pass used (None when the step's
    update is unknown and w is that weight); a: the activation it carries on the shown sample (None
    without a sample); product: w_used·a (or w·a), that input's term of z; grad: ∂L/∂w, the engine's
    gradient of the step's batch (grad_kind BATCH) or, without it, this sample's δ·a (SAMPLE); None
    when the step has no backward pass; delta_w: the last step's change Δw (None when unknown);
    batch: how many samples the step had."""

    w: float
    w_used: float | None
    a: float | None
    product: float | None
    grad: float | None
    grad_kind: str | None
    delta_w: float | None
    batch: int


def batch_gradient(snapshot: Snapshot | None, layer: int, i: int, j: int) -> float | None:
    """The engine's ∂L/∂W[layer − 1][i, j] of the snapshot's step, when the snapshot has it: in its
    last step's gradients, or in the inspected neuron's explanation (when the connection leads into
    that neuron and is one of the weights it lists)."""
    if snapshot is None:
        return None
    step = snapshot.last_step
    if step is not None and step.grad_W is not None:
        return float(step.grad_W[layer - 1][i, j])
    inspection = snapshot.inspection
    if inspection is None or inspection.update is None or (inspection.layer, inspection.index) != (layer, i):
        return None
    return next((float(change.grad) for change in inspection.update.weights if change.source == j), None)


def connection_numbers(params: ShownParameters, sample: ShownSample | None, layer: int, i: int, j: int,
                       batch_grad: float | None = None) -> ConnectionNumbers:
    """The numbers of connection (layer, i, j) (see ConnectionNumbers); batch_grad: the step's
    engine gradient for it when known (see batch_gradient)."""
    w = float(params.weights[layer - 1][i, j])
    delta_w = None if params.update_W is None else float(params.update_W[layer - 1][i, j])
    w_used = None if delta_w is None or sample is None else w - delta_w
    a = product = grad = kind = None
    batch = 1
    if sample is not None:
        batch = sample.batch
        a = float(sample.a[layer - 1][j])
        product = (w if w_used is None else w_used) * a
        if batch_grad is not None:
            grad, kind = float(batch_grad), BATCH
        elif sample.delta[layer] is not None:
            grad = float(sample_weight_gradient(sample.delta[layer][i:i + 1], sample.a[layer - 1][j:j + 1])[0, 0])
            kind = SAMPLE
    return ConnectionNumbers(w, w_used, a, product, grad, kind, delta_w, batch)
