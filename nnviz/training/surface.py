"""What every neuron computes over the input plane, for 2-D datasets (XOR, gender), or along the
input line, for 1-D ones (the "sin" regression).

The views draw these grids as heatmaps (the decision surface for the output neuron, a small map on
every hidden neuron) or, for one input, as curves over the data (the fitted curve); the training
thread computes them, so the GUI thread never runs the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.network import Network


#: Points along the input line of a 1-D network: a curve is cheap, and 48 points made sin(x) angular.
CURVE_RESOLUTION = 200


@dataclass(frozen=True)
class Surface:
    """extent = (x_min, x_max, y_min, y_max) of the plane. layers[l] has shape
    (n_neurons, resolution, resolution): row i is y = ys[i] (bottom to top), column j is x = xs[j].

    For a network with one input the plane is a line: extent is (x_min, x_max, 0, 0), ys is [0.0]
    and layers[l] has shape (n_neurons, 1, resolution) (`is_curve`)."""

    extent: tuple[float, float, float, float]
    xs: np.ndarray
    ys: np.ndarray
    layers: tuple[np.ndarray, ...]

    @property
    def is_curve(self) -> bool:
        """Whether this is a 1-D network's line rather than a plane."""
        return len(self.ys) == 1


def plane_extent(x: np.ndarray, margin: float = 0.25) -> tuple[float, float, float, float]:
    """A box around the 2-D points x (n, 2), padded by `margin` of its size on each side; for 1-D
    points x (n, 1) the padded interval (x_min, x_max) and (0, 0) for y."""
    x = np.asarray(x, dtype=np.float64)
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = (hi - lo) * margin + 1e-9
    if x.shape[1] == 1:
        return float(lo[0] - pad[0]), float(hi[0] + pad[0]), 0.0, 0.0
    return float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])


def compute_surface(network: Network, extent: tuple[float, float, float, float], resolution: int = 48) -> Surface:
    """Every layer's activations over a resolution x resolution grid spanning extent; for a network
    with one input, along the line (see compute_curve)."""
    if network.sizes[0] == 1:
        return compute_curve(network, extent)
    if network.sizes[0] != 2:
        raise ValueError("a surface needs a network with one or two inputs")
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


def compute_curve(network: Network, extent: tuple[float, float, float, float],
                  resolution: int = CURVE_RESOLUTION) -> Surface:
    """Every layer's activations at `resolution` points from extent[0] to extent[1], for a network
    with one input: a Surface whose layers have shape (n_neurons, 1, resolution)."""
    if network.sizes[0] != 1:
        raise ValueError("a curve needs a network with one input")
    xs = np.linspace(extent[0], extent[1], resolution)
    with np.errstate(all="ignore"):
        trace = network.forward(xs[:, None])
    layers = []
    for a in trace.activations[1:]:
        grid = np.ascontiguousarray(a.T.reshape(a.shape[1], 1, resolution))
        grid.setflags(write=False)
        layers.append(grid)
    ys = np.zeros(1)
    for arr in (xs, ys):
        arr.setflags(write=False)
    return Surface((float(extent[0]), float(extent[1]), 0.0, 0.0), xs, ys, tuple(layers))


def curve(surface: Surface, layer: int = -1, index: int = 0) -> np.ndarray:
    """Neuron `index` of surface.layers[layer] along a 1-D network's line, shape (resolution,),
    at the points surface.xs."""
    if not surface.is_curve:
        raise ValueError("a plane has no curve: its network has two inputs")
    return surface.layers[layer][index, 0]


def neuron_grid(surface: Surface, layer: int, index: int) -> np.ndarray:
    """What neuron `index` of `layer` computes over the plane, shape (resolution, resolution) as in
    Surface.layers. Layer 0 is the input: neuron 0 is x (the same in every row), neuron 1 is y."""
    if layer == 0:
        if index not in (0, 1):
            raise IndexError(f"the input layer has neurons 0 and 1, not {index}")
        xs, ys = surface.xs, surface.ys
        grid = np.broadcast_to(xs[None, :], (len(ys), len(xs))) if index == 0 else \
            np.broadcast_to(ys[:, None], (len(ys), len(xs)))
        return np.ascontiguousarray(grid)
    return surface.layers[layer - 1][index]


def bilinear(surface: Surface, layer: int, x: float, y: float) -> np.ndarray:
    """Every neuron of surface.layers[layer] at the point (x, y), interpolated between the four
    grid points around it (points outside the grid take the nearest edge). Shape (n_neurons,)."""
    grid = surface.layers[layer]
    fx = float(np.interp(x, surface.xs, np.arange(len(surface.xs))))  # fractional column
    fy = float(np.interp(y, surface.ys, np.arange(len(surface.ys))))  # fractional row
    j = min(int(fx), len(surface.xs) - 2)
    i = min(int(fy), len(surface.ys) - 2)
    tx, ty = fx - j, fy - i
    bottom = (1 - tx) * grid[:, i, j] + tx * grid[:, i, j + 1]
    top = (1 - tx) * grid[:, i + 1, j] + tx * grid[:, i + 1, j + 1]
    return (1 - ty) * bottom + ty * top


def neuron_at(surface: Surface, layer: int, index: int, x: float, y: float) -> float:
    """Neuron `index` of `layer` (0: the input, as in neuron_grid) at the point (x, y), interpolated."""
    if layer == 0:
        return float((x, y)[index])
    return float(bilinear(surface, layer - 1, x, y)[index])


# Marching squares: for each pattern of corners above the level (bit k: corner k), the cell edges the
# contour crosses, joined pairwise. Corners 0-3 go round the cell from (row i, column j): (i, j),
# (i, j+1), (i+1, j+1), (i+1, j); edge k joins corner k to corner k+1. The two saddles (5 and 10) are
# split the same way every time: a contour drawn many times a second must not flicker between two.
_SEGMENTS = {1: ((3, 0),), 2: ((0, 1),), 3: ((3, 1),), 4: ((1, 2),), 5: ((3, 0), (1, 2)), 6: ((0, 2),),
             7: ((3, 2),), 8: ((2, 3),), 9: ((0, 2),), 10: ((0, 1), (2, 3)), 11: ((1, 2),), 12: ((1, 3),),
             13: ((0, 1),), 14: ((3, 0),)}


def contour_segments(grid: np.ndarray, level: float) -> np.ndarray:
    """Where `grid` (rows, columns) crosses `level`, as line segments between linearly interpolated
    points: shape (2 * n_segments, 2), each pair of rows one segment, points as (x, y) = (column,
    row) + 0.5, so grid[i, j] sits at the centre of pixel (j, i) of an image of the grid.

    Vectorised (the decision boundary is redrawn with every frame; pyqtgraph's isocurve took 4 ms)."""
    g = np.asarray(grid, dtype=np.float64)
    v = (g[:-1, :-1], g[:-1, 1:], g[1:, 1:], g[1:, :-1])  # corner values of every cell
    above = [c > level for c in v]
    case = above[0] + 2 * above[1] + 4 * above[2] + 8 * above[3]
    i, j = np.mgrid[0:g.shape[0] - 1, 0:g.shape[1] - 1].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):  # edges the contour does not cross: unused
        t = [(level - v[k]) / (v[(k + 1) % 4] - v[k]) for k in range(4)]
    edges = (np.stack([j + t[0], i], -1), np.stack([j + 1, i + t[1]], -1),
             np.stack([j + 1 - t[2], i + 1], -1), np.stack([j, i + 1 - t[3]], -1))
    pairs = [np.stack([edges[a][case == k], edges[b][case == k]], 1)
             for k, segments in _SEGMENTS.items() for a, b in segments]
    return np.concatenate(pairs).reshape(-1, 2) + 0.5
