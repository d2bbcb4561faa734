"""What a grid diagram draws for one state and phase: every grid as one image (a palette of the
layer's colours looked up through the geometry's index map: one 32-bit look-up per device pixel, no
QPainter call per neuron), the output dots, and the few connections of the neuron in focus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPen

from nnviz.gui.diagram.grid_layout import DOT, GridGeometry
from nnviz.gui.diagram.palette import color, colors
from nnviz.gui.theme import ACTIVITY, ERRORS, MOVEMENT, PIXELS, VALUES, faded, symmetric_level
from nnviz.training.neuron_math import activation_scale, input_update_norms, strongest
from nnviz.training.phases import LayerState, PhaseKind

TOP_LINKS = 12  # connections drawn into (and out of) the focused neuron
GRID_GAP = (222, 222, 222)
GRID_PAD = (255, 255, 255)
DIM_CELL = (244, 244, 244)
DIM_GAP = (236, 236, 236)
DIMMED = (LayerState.EMPTY, LayerState.NOT_REACHED)


@dataclass
class Link:
    """A drawn connection from p0 to p1 (left to right), in its weight's pen."""

    p0: QPointF
    p1: QPointF
    pen: QPen


@dataclass
class GridScene:
    images: list[tuple[QImage, np.ndarray]]  # per grid: the image and the array it points into
    states: list[LayerState]  # per column (input, hidden..., output)
    links: list[Link]
    ends: list[QRectF]  # the cells the links start or end at, outlined
    by_mouse: bool  # the links are the mouse's neuron's strongest weights, not what fed the phase's
    outputs: np.ndarray | None  # the output activations, once computed
    out_fill: list[QColor]  # the output dots
    out_delta: np.ndarray | None  # δ of the outputs, in the backward phase at the outputs


def _rgb32(rgb: np.ndarray) -> np.ndarray:
    """RGB bytes (n, 3) as QImage.Format_RGB32 pixels (0xffRRGGBB)."""
    c = rgb.astype(np.uint32)
    return (0xFF000000 | (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2]).astype(np.uint32)


def grid_colours(view, layer: int, state: LayerState) -> np.ndarray:
    """RGB (n, 3) of a grid's neurons (for the input: its pixels) in `state`."""
    s, p, n = view._sample, view._params, view._sizes[layer]
    if state in DIMMED:
        return np.full((n, 3), DIM_CELL, dtype=np.uint8)
    if state is LayerState.ERROR_TERM:
        d = s.delta[layer]
        return ERRORS.rgb(d, symmetric_level(d))
    if state is LayerState.UPDATE:
        norms = input_update_norms(p.update_W[0]) if layer == 0 else view._update_norms[layer - 1]
        return MOVEMENT.rgb(norms, symmetric_level(norms))
    if layer == 0:
        x = np.nan_to_num(s.a[0])
        ink = np.clip(x / max(float(x.max()) if x.size else 1.0, 1.0), 0.0, 1.0)  # ink 1 is black
        if state is LayerState.INPUT_GRADIENT:
            g = s.grad_input
            rgb = ERRORS.rgb(g, symmetric_level(g)).astype(np.float64)
            # The digit shows through the gradient as a darker shade, so you see where it is.
            return (rgb * (1 - 0.3 * ink[:, None])).astype(np.uint8)
        rgb = PIXELS.rgb(ink)
    else:
        level, diverging = activation_scale(view._activation(layer), s.a[layer])
        rgb = (VALUES if diverging else ACTIVITY).rgb(s.a[layer], level)
    return faded(rgb, 0.45) if state is LayerState.AWAITING_ERROR else rgb


def build_scene(view, geo: GridGeometry) -> GridScene:
    """The scene of `view` (a GridDiagram) on `geo`."""
    n_layers = view._n_layers
    states = [view._state(layer) for layer in range(n_layers + 1)]
    dpr = view.devicePixelRatioF()
    images = []
    for layer, grid in enumerate(geo.grids):
        rgb = grid_colours(view, layer, states[layer])
        filler = [DIM_CELL, DIM_GAP] if states[layer] in DIMMED else [GRID_PAD, GRID_GAP]
        palette = _rgb32(np.vstack([rgb, np.array(filler, dtype=np.uint8)]))
        pixels = np.take(palette, grid.index_map)
        hp, wp = grid.index_map.shape
        image = QImage(pixels.data, wp, hp, 4 * wp, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(dpr)
        images.append((image, pixels))

    s, state = view._sample, states[-1]
    outputs = out_delta = None
    fills = [QColor(*DIM_CELL)] * view._sizes[-1]
    if state not in DIMMED:
        outputs = np.asarray(s.a[n_layers], dtype=np.float64)
        if state is LayerState.ERROR_TERM:
            out_delta = np.asarray(s.delta[n_layers], dtype=np.float64)
            fills = colors(ERRORS, out_delta, symmetric_level(out_delta))
        elif state is LayerState.UPDATE:
            norms = view._update_norms[-1]
            fills = colors(MOVEMENT, norms, symmetric_level(norms))
        else:
            level, diverging = activation_scale(view._activation(n_layers), outputs)
            fills = colors(VALUES if diverging else ACTIVITY, outputs, level)
    scene = GridScene(images, states, [], [], False, outputs, fills, out_delta)
    focus_links(view, geo, scene)
    return scene


def focus(view) -> tuple[tuple[int, int], bool] | None:
    """The neuron whose connections are drawn and whether the mouse picked it: hovered, else selected,
    else (in a forward phase) the most active neuron of the layer just computed."""
    if view._hover is not None:
        return view._hover, True
    if view._selected is not None:
        return view._selected, True
    phase, s = view._phase, view._sample
    if phase is not None and phase.kind is PhaseKind.FORWARD and s is not None:
        return (phase.layer, int(np.nanargmax(np.nan_to_num(s.a[phase.layer], nan=-np.inf)))), False
    return None


def points(geo: GridGeometry, layer: int, indices) -> np.ndarray:
    return geo.grids[layer].centres(indices) if layer < len(geo.grids) else geo.outputs.centres(indices)


def cell_outline(geo: GridGeometry, layer: int, i: int) -> QRectF:
    """The outline around neuron i of `layer` (a grid cell or an output's dot)."""
    if layer < len(geo.grids):
        grow = 1.5 if geo.grids[layer].pitch >= 5 else 2.5
        return geo.grids[layer].cell_rect(i).adjusted(-grow, -grow, grow, grow)
    c = geo.outputs.centres([i])[0]
    d = DOT / 2 + 2.5
    return QRectF(c[0] - d, c[1] - d, 2 * d, 2 * d)


def focus_links(view, geo: GridGeometry, scene: GridScene) -> None:
    """The connections of the focused neuron, from the parameters shown. Picked by the mouse: its
    strongest TOP_LINKS incoming weights (a pixel: outgoing), and into the output layer all its
    outgoing ones. Picked by the forward phase: the TOP_LINKS inputs that fed it most on this sample,
    by |w·a|. Coloured by the sign of w, as wide as the value relative to the strongest drawn."""
    p, s = view._params, view._sample
    scene.links, scene.ends = [], []
    picked = focus(view) if p is not None else None
    if picked is None:
        return
    (layer, i), scene.by_mouse = picked
    n_layers = view._n_layers
    here = QPointF(*points(geo, layer, [i])[0])
    bundles = []  # (other layer, weights, strength, incoming)
    if layer >= 1:
        w = np.asarray(p.weights[layer - 1][i], dtype=np.float64)
        strength = np.abs(w) if scene.by_mouse or s is None else np.abs(w * s.a[layer - 1])
        bundles.append((layer - 1, w, strength, True))
    if layer < n_layers and (layer == 0 or layer == n_layers - 1) and scene.by_mouse:
        w = np.asarray(p.weights[layer][:, i], dtype=np.float64)
        bundles.append((layer + 1, w, np.abs(w), False))
    for other, w, strength, incoming in bundles:
        top = strongest(strength, TOP_LINKS)
        if not len(top):
            continue
        most = float(strength[top].max())
        for j, (x, y) in zip(top.tolist(), points(geo, other, top)):
            t = float(strength[j]) / most
            pen = QPen(color(VALUES, math.copysign(0.35 + 0.65 * t, w[j])), 0.8 + 2.7 * t)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            there = QPointF(float(x), float(y))
            scene.links.append(Link(*((there, here) if incoming else (here, there)), pen))
            scene.ends.append(cell_outline(geo, other, j))
