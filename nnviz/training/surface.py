"""What every neuron computes over the input plane, for 2-D datasets (XOR, gender).

The views draw these grids as heatmaps (the decision surface for the output neuron, a small map on
every hidden neuron); the training thread computes them, so the GUI thread never runs the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.network import Network


@dataclass(frozen=True)
class Surface:
    """extent = (x_min, x_max, y_min, y_max) of the plane. layers[l] has shape
    (n_neurons, resolution, resolution): row i is y = ys[i] (bottom to top), column j is x = xs[j]."""

    extent: tuple[float, float, float, float]
    xs: np.ndarray
    ys: np.ndarray
    layers: tuple[np.ndarray, ...]


def plane_extent(x: np.ndarray, margin: float = 0.25) -> tuple[float, float, float, float]:
    """A box around the 2-D points x (n, 2), padded by `margin` of its size on each side."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = (hi - lo) * margin + 1e-9
    return float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])


def compute_surface(network: Network, extent: tuple[float, float, float, float], resolution: int = 48) -> Surface:
    """Every layer's activations over a resolution x resolution grid spanning extent."""
    if network.sizes[0] != 2:
        raise ValueError("a surface needs a network with two inputs")
    xs = np.linspace(extent[0], extent[1], resolution)
    ys = np.linspace(extent[2], extent[3], resolution)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        trace = network.forward(np.column_stack([gx.ravel(), gy.ravel()]))
    layers = []
    for a in trace.activations[1:]:
        grid = np.ascontiguousarray(a.T.reshape(a.shape[1], resolution, resolution))
        grid.setflags(write=False)
        layers.append(grid)
    for arr in (xs, ys):
        arr.setflags(write=False)
    return Surface(extent, xs, ys, tuple(layers))
