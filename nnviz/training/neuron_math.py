"""The sums a network diagram shows about single neurons, computed from plain arrays (no Qt).

Layers are numbered 0..L as in phases.py; weights[l - 1] (n_l, n_{l-1}) feeds layer l. A sample is a
`ShownSample` (a[l], z[l] of one sample, shape (n_l,)).
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.activations import get_activation
from nnviz.training.shown_step import ShownSample


def receptive_field(weights, activation_names, layer: int, index: int,
                    sample: ShownSample | None = None) -> np.ndarray:
    """What neuron `index` of `layer` (≥ 1) looks at in the input, shape (n_0,): ∂z/∂x.

    For layer 1 that is its incoming weights W[0][index], whatever the sample. Deeper it depends on
    the sample: back from z through every hidden layer l below it, dz/da_l = row, then the engine's
    own activation backward gives dz/dz_l, and dz/da_{l-1} = row @ W[l-1]. Without a sample (or its
    z), the activations' slopes are left out: the product of the weights.
    """
    if not 1 <= layer <= len(weights):
        raise ValueError(f"layer {layer} has no incoming weights (layers 1..{len(weights)} do)")
    row = np.asarray(weights[layer - 1][index], dtype=np.float64)
    for l in range(layer - 1, 0, -1):
        if sample is not None and sample.z[l] is not None:
            f = get_activation(activation_names[l - 1])
            z, a = np.asarray(sample.z[l], dtype=np.float64), np.asarray(sample.a[l], dtype=np.float64)
            row = f.backward(z[None], a[None], row[None])[0]
        row = row @ np.asarray(weights[l - 1], dtype=np.float64)
    return row


def neuron_update_norms(update_W) -> list[np.ndarray]:
    """How far each neuron's incoming weights moved in the last step: ‖ΔW[l - 1][i, :]‖ for every
    layer l = 1..L, a list of (n_l,) arrays."""
    return [np.sqrt(np.square(dW, dtype=np.float64).sum(axis=1)) for dW in update_W]


def input_update_norms(update_W0: np.ndarray) -> np.ndarray:
    """How far each input's outgoing weights moved: ‖ΔW[0][:, j]‖, shape (n_0,)."""
    return np.sqrt(np.square(update_W0, dtype=np.float64).sum(axis=0))


def sample_weight_gradient(delta: np.ndarray, a_prev: np.ndarray) -> np.ndarray:
    """This sample's ∂L/∂W of one layer, δ_i · a_j, shape (n_l, n_{l-1}) (a batch's gradient is the
    sum of these over its samples)."""
    return np.outer(np.asarray(delta, dtype=np.float64), np.asarray(a_prev, dtype=np.float64))


def activation_scale(name: str, a: np.ndarray) -> tuple[float, bool]:
    """(level, diverging): the colour scale for a layer of activations `a` of function `name`. tanh
    spans [−1, 1], sigmoid and softmax [0, 1], ReLU and other non-negative ones [0, the layer's
    largest]; anything that has negative values is symmetric around 0."""
    if name == "tanh":
        return 1.0, True
    if name in ("sigmoid", "softmax", "step"):
        return 1.0, False
    a = np.asarray(a, dtype=np.float64)
    finite = a[np.isfinite(a)]
    if finite.size and finite.min() < 0:
        return max(float(np.abs(finite).max()), 1e-6), True
    return max(float(finite.max()) if finite.size else 0.0, 1e-6), False


def strongest(strength: np.ndarray, k: int) -> np.ndarray:
    """Indices of the (at most) k largest entries of `strength` (≥ 0) that are not zero, weakest first
    (so that drawn in order, the strongest end on top)."""
    strength = np.nan_to_num(np.asarray(strength, dtype=np.float64))
    k = min(k, len(strength))
    if k <= 0:
        return np.empty(0, dtype=np.intp)
    top = np.argpartition(-strength, k - 1)[:k]
    top = top[strength[top] > 0]
    return top[np.argsort(strength[top], kind="stable")]
