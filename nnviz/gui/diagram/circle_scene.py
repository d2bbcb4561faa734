"""What a circle diagram draws for one state and phase, on one geometry: connections grouped by pen,
every neuron's look, the texts beside the input and output columns.

Made once per new snapshot or phase (not per paint), from cached colours and pens: a frame must cost
a few NumPy operations, not a QColor per neuron and a QPen per connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPen, QPolygonF

from nnviz.gui.diagram.circle_layout import CircleGeometry, Links
from nnviz.gui.diagram.curve_tiles import height_fraction
from nnviz.gui.diagram.palette import color, colors, line_pen
from nnviz.gui.i18n import said, translate
from nnviz.gui.theme import DELTA_TEXT, ERRORS, SUBTLE, TEXT, VALUES, ZERO, short, symmetric_level, toward_white
from nnviz.training.neuron_math import sample_weight_gradient
from nnviz.training.phases import LayerState, PhaseKind

BINS = 8  # connection strengths are drawn with this many pens per sign
DASH, GAP = 7.0, 5.0  # the flowing dashes' pattern, in pixels
NODE_EDGE = QColor("#8c8c8c")
DIM_LINE = (230, 230, 230)
EMPTY_LINE = (207, 207, 207)
NEUTRAL_LINE = (200, 200, 200)
DIM_FILL = QColor("#f5f5f5")
DIM_EDGE = QColor("#d4d4d4")
FLOW_ARROW = QColor(70, 70, 70)
ZERO_FILL = QColor(*ZERO)


@dataclass
class LineGroup:
    order: tuple  # groups are painted in this order (faint first, strongest and active last)
    pen: QPen
    lines: list
    flow: int = 0  # +1: dashes flow rightwards (forward), −1: leftwards (backward)
    glow: bool = False  # the update phase's fading halo
    base_pen: QPen | None = None  # flowing lines: a faded solid line under moving dashes
    dash_pen: QPen | None = None


@dataclass
class Look:
    """How one neuron is drawn."""

    fill: QColor = field(default_factory=lambda: ZERO_FILL)  # circle mode
    tile: QImage | None = None  # heatmap mode
    body_opacity: float = 1.0
    edge: QColor = field(default_factory=lambda: NODE_EDGE)  # circle outline, or heatmap frame
    framed: bool = False  # heatmap mode: a frame in the activation's colour
    halo: QColor | None = None  # the δ ring
    bias: QColor | None = None
    pill: str | None = None  # a value written beside the neuron
    pill_color: QColor = field(default_factory=lambda: TEXT)
    marker: bool = False  # the current sample's position on the heatmap
    marker_y: float | None = None  # curve tiles: the height of the sample's activation (scene: its x)
    dimmed: bool = False


@dataclass
class OutputLabel:
    """The text beside an output neuron: rows of ("text", str, QColor) or ("gauge", lo, hi, out, target),
    and the one line drawn instead when the outputs are too close together for the rows."""

    rows: list[tuple]
    compact: str
    compact_color: QColor
    compact_bold: bool = False


@dataclass
class CircleScene:
    groups: list[LineGroup]
    widths: np.ndarray  # (K,) drawn width of every connection, for hit tests and hover
    arrows: list[QPolygonF]
    arrow_color: QColor
    looks: list[list[Look]]  # per column, per shown neuron
    left_rows: list[list[tuple[str, QColor]]]  # per shown input: text rows
    right_rows: list[OutputLabel]  # per shown output
    loss_text: str | None
    marker_xy: tuple[float, float] | None  # sample position as fractions of the plane (x right, y up)
    line_legend: str
    line_ramp: object  # the Ramp the connections are coloured with


def bucket(values: np.ndarray, level: float, lines: list, ramp, max_width: float, tier: int,
           fade: float = 1.0) -> tuple[list[LineGroup], np.ndarray]:
    """Group lines into a few cached pens by sign and by |value| / level, faded towards white by
    `fade`; also return each line's drawn width. Values that are practically zero share a neutral pen."""
    values = np.asarray(values)
    t = np.abs(values) / level
    t[np.isnan(t)] = 0.0  # NaN as zero, +inf clipped to the top (cheaper than np.nan_to_num)
    t = np.clip(t, 0.0, 1.0)
    bins = np.minimum((t * BINS).astype(np.int64), BINS - 1)
    widths = 0.6 + (max_width - 0.6) * (bins + 0.5) / BINS
    key = np.where(t < 0.02, -1, bins * 2 + (values < 0))
    widths[key < 0] = 0.8
    order = np.argsort(key, kind="stable")
    keys, starts = np.unique(key[order], return_index=True)
    order, bounds = order.tolist(), starts.tolist()[1:] + [len(order)]
    groups = []
    for k, start, end in zip(keys.tolist(), starts.tolist(), bounds):
        if k < 0:
            pen, b = line_pen(NEUTRAL_LINE, 0.8, fade), -1
        else:
            b, negative = divmod(k, 2)
            pen = line_pen(_bin_rgb(ramp, b, negative), round(float(widths[order[start]]), 3), fade)
        groups.append(LineGroup((tier, b), pen, [lines[m] for m in order[start:end]]))
    return groups, widths


@lru_cache(maxsize=64)
def _bin_rgb(ramp, b: int, negative: int) -> tuple[int, int, int]:
    """The colour of strength bin b (of BINS) for negative or positive values."""
    shade = 0.3 + 0.7 * (b + 0.5) / BINS
    return tuple(int(c) for c in ramp.table[round((1 - shade if negative else 1 + shade) * 127.5)])


def chevron(p0: np.ndarray, p1: np.ndarray, size: float, at: float = 0.55) -> QPolygonF:
    """A small filled arrowhead on the segment p0 -> p1, pointing towards p1."""
    d = p1 - p0
    u = d / (float(np.hypot(*d)) or 1.0)
    v = np.array([-u[1], u[0]])
    tip = p0 + d * at + u * size * 0.5
    back = tip - u * size
    a, b = back + v * size * 0.55, back - v * size * 0.55
    return QPolygonF([QPointF(*tip), QPointF(*a), QPointF(*(back + u * size * 0.25)), QPointF(*b)])


def _flowing(groups: list[LineGroup], direction: int) -> None:
    for g in groups:
        width = max(1.6, g.pen.widthF())
        rgb = g.pen.color().getRgb()[:3]
        g.order, g.flow = (3, g.order[1]), direction
        g.base_pen = line_pen(rgb, width, 0.35)
        g.dash_pen = QPen(line_pen(rgb, width))
        g.dash_pen.setDashPattern([DASH / width, GAP / width])  # in pen widths


def build_scene(view, geo: CircleGeometry, tiles) -> CircleScene:
    """The scene of `view` (a CircleDiagram) on `geo`; tiles[layer][k] are the heatmap images of the
    shown neurons, or None."""
    phase, s, p = view._phase, view._sample, view._params
    kind = phase.kind if phase is not None else None
    n_layers = view._n_layers
    groups: list[LineGroup] = []
    widths = np.ones(len(geo.seg_key))
    arrows: list[QPolygonF] = []
    for layer in range(1, n_layers + 1):
        links: Links = geo.links[layer - 1]
        state = view._state(layer)
        start = geo.link_offset[layer - 1]
        if state is LayerState.NOT_REACHED or p is None:
            groups.append(LineGroup((0, 0), line_pen(DIM_LINE if p is not None else EMPTY_LINE, 1.0), links.lines))
            continue
        ramp, tier, fade = VALUES, 2, 1.0
        if state is LayerState.ERROR_TERM:
            grad = sample_weight_gradient(s.delta[layer], s.a[layer - 1])  # this sample's ∂L/∂w = δ·a
            values, level, ramp = grad[links.i_out, links.j_in], symmetric_level(grad), ERRORS
        elif state is LayerState.UPDATE:
            dW, db = p.update_W[layer - 1], p.update_b[layer - 1]
            values, level = dW[links.i_out, links.j_in], symmetric_level(np.concatenate([dW.ravel(), db]))
        else:
            W, b = p.weights[layer - 1], p.biases[layer - 1]
            values, level = W[links.i_out, links.j_in], symmetric_level(np.concatenate([W.ravel(), b]))
            if state is LayerState.AWAITING_ERROR:
                tier, fade = 1, 0.3
        made, w = bucket(values, level, links.lines, ramp, geo.max_line_width, tier, fade)
        if kind in (PhaseKind.FORWARD, PhaseKind.BACKWARD) and phase.layer == layer:
            direction = 1 if kind is PhaseKind.FORWARD else -1
            _flowing(made, direction)
            if len(links.lines) <= 160:
                size = min(8.0, max(5.0, geo.size * 0.3))
                for p0, p1 in zip(links.p0, links.p1):
                    arrows.append(chevron(p0, p1, size) if direction > 0 else chevron(p1, p0, size, 0.45))
        if state is LayerState.UPDATE:
            # The weights that moved most glow; those that hardly moved do not.
            groups += [LineGroup((1, g.order[1]), g.pen, g.lines, glow=True) for g in made if g.order[1] >= 1]
        groups.extend(made)
        widths[start:start + len(links.lines)] = w
    groups.sort(key=lambda g: g.order)

    marker = None
    surface = view._surface
    if kind is not None and s is not None and surface is not None and len(s.a[0]) in (1, 2):
        x0, x1, y0, y1 = surface.extent
        fx = (float(s.a[0][0]) - x0) / (x1 - x0)
        # One input: the height is each neuron's own (Look.marker_y), on its curve.
        marker = (fx, (float(s.a[0][1]) - y0) / (y1 - y0) if len(s.a[0]) == 2 else 0.5)
    backward = kind is PhaseKind.BACKWARD and s is not None
    return CircleScene(
        groups=groups, widths=widths, arrows=arrows, arrow_color=DELTA_TEXT if backward else FLOW_ARROW,
        looks=[column_looks(view, geo, layer, tiles[layer] if tiles else None) for layer in range(n_layers + 1)],
        left_rows=left_rows(view, geo), right_rows=right_rows(view, geo),
        loss_text=translate("CircleDiagram", "loss {loss}").format(loss=short(s.loss))
        if kind is PhaseKind.LOSS and s is not None and s.loss is not None else None,
        marker_xy=marker,
        line_legend=translate("CircleDiagram", "width ∝ {value}").format(
            value={PhaseKind.BACKWARD: "|∂L/∂w|", PhaseKind.UPDATE: "|Δw|"}.get(kind, "|w|")),
        line_ramp=ERRORS if backward else VALUES,
    )


def column_looks(view, geo: CircleGeometry, layer: int, tiles) -> list[Look]:
    """How every drawn neuron of `layer` looks in the current state."""
    column, s, p, phase = geo.columns[layer], view._sample, view._params, view._phase
    state = view._state(layer)
    shown = column.shown
    bias_fill = None
    if p is not None and layer > 0:
        W, b = p.weights[layer - 1], p.biases[layer - 1]
        if state is LayerState.UPDATE:
            W, b = p.update_W[layer - 1], p.update_b[layer - 1]
        bias_fill = colors(VALUES, b[shown], symmetric_level(np.concatenate([W.ravel(), b])))
    looks = [Look(tile=tiles[k][0] if tiles else None) for k in range(len(shown))]
    if state in (LayerState.EMPTY, LayerState.NOT_REACHED):
        dim = state is LayerState.NOT_REACHED
        for k, look in enumerate(looks):
            look.dimmed, look.edge = dim, DIM_EDGE
            look.fill, look.body_opacity = (DIM_FILL, 0.2) if dim else (look.fill, 1.0)
            if bias_fill is not None:
                look.bias = DIM_EDGE if dim else bias_fill[k]
        return looks
    a = s.a[0][shown] / view._input_level[shown] if layer == 0 else s.a[layer][shown]
    fills = colors(VALUES, a)
    halos = None
    if state is LayerState.ERROR_TERM and layer > 0:
        d = s.delta[layer]
        halos = colors(ERRORS, d[shown], symmetric_level(d))
    pill_layer = phase.layer if phase is not None and phase.kind in (PhaseKind.FORWARD, PhaseKind.BACKWARD) else None
    pill_layer = pill_layer if pill_layer != view._n_layers else None  # the outputs have their labels
    spans = view._curve_spans if tiles else None
    heights = height_fraction(a, spans[layer]) if spans is not None else None
    for k, look in enumerate(looks):
        look.fill = fills[k]
        look.edge, look.framed = (fills[k], True) if tiles else (NODE_EDGE, False)
        look.marker = phase is not None
        if heights is not None:
            look.marker_y = float(heights[k])
        if bias_fill is not None:
            look.bias = bias_fill[k]
        if halos is not None:
            look.halo, look.body_opacity = halos[k], 0.4
            if layer == pill_layer:
                look.pill, look.pill_color = f"δ = {short(s.delta[layer][shown[k]])}", DELTA_TEXT
        elif layer == pill_layer and phase.kind is PhaseKind.FORWARD:
            look.pill = f"a = {short(s.a[layer][shown[k]])}"
    return looks


def left_rows(view, geo: CircleGeometry) -> list[list[tuple[str, QColor]]]:
    """The input names, and in slow motion the sample's values."""
    s = view._sample if view._phase is not None else None
    rows = []
    for j in geo.columns[0].shown.tolist():
        row = [(said(view._arch.feature_name(j)), SUBTLE if s is not None else TEXT)]
        if s is not None:
            row.append((f"= {short(s.a[0][j], tiny=False)}", TEXT))
        rows.append(row)
    return rows


def right_rows(view, geo: CircleGeometry) -> list[OutputLabel]:
    """Beside every output: its name, and once the pass reached it its value; in the loss phase its
    target (with a gauge of the error); in the backward phase at the outputs, δ."""
    n_layers = view._n_layers
    phase, s = view._phase, view._sample
    kind = phase.kind if phase is not None else None
    reached = s is not None and kind is not None and kind is not PhaseKind.INPUT and \
        view._state(n_layers) is not LayerState.NOT_REACHED
    delta_here = reached and kind is PhaseKind.BACKWARD and phase.layer == n_layers and s.delta[n_layers] is not None
    lo, hi = (-1.0, 1.0) if view._activation(n_layers) == "tanh" else (0.0, 1.0)
    labels = []
    for i in geo.columns[n_layers].shown.tolist():
        name = view._output_name(i)
        label = OutputLabel([("text", name, TEXT if reached or kind is None else SUBTLE)], name, SUBTLE)
        if reached:
            out = float(s.a[n_layers][i])
            label.rows.append(("text", f"= {short(out, tiny=False)}", TEXT))
            label.compact, label.compact_color = f"{name} = {short(out, tiny=False)}", TEXT
            if kind is PhaseKind.LOSS and s.target is not None:
                target = float(s.target[i])
                label.rows.append(("gauge", min(lo, out, target), max(hi, out, target), out, target))
                label.rows.append(("text", translate("CircleDiagram", "target {value}").format(
                    value=short(target, tiny=False)), SUBTLE))
                # Crowded (one-hot) outputs: the target class is the bold one.
                label.compact_bold = len(s.target) > 1 and target == float(np.max(s.target))
            if delta_here:
                delta = short(s.delta[n_layers][i])
                label.rows.append(("text", f"δ = {delta}", DELTA_TEXT))
                label.compact, label.compact_color = f"{name}  δ = {delta}", DELTA_TEXT
        labels.append(label)
    return labels


def glow_pen(pen: QPen, flash: float) -> QPen:
    """The update's halo around a line of `pen`, at flash level 1 (bright, wide) to 0."""
    glow = QPen(pen)
    glow.setColor(toward_white(pen.color(), 0.4 * flash))
    glow.setWidthF(pen.widthF() + 7 * flash)
    return glow


def value_fill(value: float) -> QColor:
    """The fill of a neuron of activation `value` (in [−1, 1])."""
    return color(VALUES, value)
