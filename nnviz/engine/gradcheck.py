"""Numerical gradient checking: compare back-propagation with central differences.

The comparison is the one taught with regularised cost (Ng's course): for the whole parameter vector,
relative error = ||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||), here per weight
matrix and per bias vector so that a bug in a small bias gradient is not hidden. In float64 with
eps = 1e-6 a correct backward pass gives about 1e-10; anything above 1e-7 means a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.network import Network


@dataclass(frozen=True)
class GradCheckResult:
    """per_parameter holds the relative error of each W[l] and b[l]; max_relative_error the worst."""

    max_relative_error: float
    per_parameter: dict[str, float]
    n_checked: int

    @property
    def ok(self) -> bool:
        return self.max_relative_error < 1e-7


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖), 0 when both are zero (Ng's course)."""
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)


def numerical_gradient(network: Network, x, y, l2: float = 0.0, eps: float = 1e-6,
                       indices: list[np.ndarray] | None = None) -> list[np.ndarray]:
    """Central-difference estimate of dCost/dp for every parameter p (or only at `indices[i]`,
    flat positions into parameter i). Parameters are perturbed in place and restored."""
    grads = []
    for i, p in enumerate(network.parameters()):
        flat = p.reshape(-1)  # a view: writing to it perturbs the network
        g = np.zeros_like(flat)
        positions = range(flat.size) if indices is None else indices[i]
        for k in positions:
            saved = flat[k]
            flat[k] = saved + eps
            up = network.cost(x, y, l2)
            flat[k] = saved - eps
            down = network.cost(x, y, l2)
            flat[k] = saved
            g[k] = (up - down) / (2 * eps)
        grads.append(g.reshape(p.shape))
    return grads


def gradient_check(network: Network, x, y, l2: float = 0.0, eps: float = 1e-6,
                   max_per_parameter: int | None = None, seed: int = 0) -> GradCheckResult:
    """Check `network.backward` on the batch (x, y) against central differences.

    Use a float64 network: float32's rounding swamps the finite differences. For a large network,
    `max_per_parameter` checks that many randomly chosen entries of each W and b.
    """
    if network.dtype != np.float64:
        raise ValueError("gradient checking needs a float64 network; build it with dtype=np.float64")
    params = network.parameters()
    indices = None
    if max_per_parameter is not None:
        rng = np.random.default_rng(seed)
        indices = [rng.choice(p.size, size=min(p.size, max_per_parameter), replace=False) for p in params]
    trace = network.forward(x)
    analytic = network.backward(trace, y, l2).as_list()
    numeric = numerical_gradient(network, x, y, l2, eps, indices)
    if indices is not None:
        analytic = [g.reshape(-1)[i] for g, i in zip(analytic, indices)]
        numeric = [g.reshape(-1)[i] for g, i in zip(numeric, indices)]
    names = [f"{kind}{l}" for l in range(network.n_layers) for kind in ("W", "b")]
    per_parameter = {name: relative_error(a, n) for name, a, n in zip(names, analytic, numeric)}
    return GradCheckResult(max(per_parameter.values()), per_parameter, sum(a.size for a in analytic))
