"""The network diagram for small networks: every neuron a circle, every connection a line.

At full speed it shows the latest step: a neuron's colour is its activation on the first sample of the
batch, a connection is orange for w > 0 and blue for w < 0 and as thick as |w| (relative to its layer),
and the small square at a neuron's corner is its bias. In slow motion it plays one step phase by phase
(see phases.py): the sample enters, the forward pass lights one layer after the other, the output meets
its target, the error terms δ flow back (in their own green/magenta palette), and the weights move.
On 2-D datasets every neuron is a small heatmap of what it computes over the input plane, as in
TensorFlow Playground, and its frame is its activation on the current sample; on 1-D ones it is the
curve of its activation along the input line (curve_tiles.py).

Work is done as rarely as it can be: geometry (columns, connection lines) on resize and set_network
(circle_layout.py); heatmap tiles once per surface; the scene (pens, grouped lines, looks) once per
snapshot or phase (circle_scene.py); painting only draws (circle_painting.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QFont, QPainter

from nnviz.gui.diagram.base import DiagramView
from nnviz.gui.diagram.circle_layout import CircleGeometry, circle_layout, edge_indices
from nnviz.gui.diagram.circle_painting import loss_below_outputs, paint_labels, paint_links, paint_nodes
from nnviz.gui.diagram.circle_scene import DASH, GAP, CircleScene, build_scene
from nnviz.gui.diagram.curve_tiles import curve_images, neuron_curves
from nnviz.gui.diagram.heatmap_tiles import tile_images
from nnviz.gui.diagram.names import layer_name
from nnviz.gui.i18n import said, translate
from nnviz.gui.theme import ERRORS, FAINT, SUBTLE, VALUES, precise
from nnviz.training.connection_math import BATCH, SAMPLE, batch_gradient, connection_numbers
from nnviz.training.phases import PhaseKind
from nnviz.training.snapshot import Snapshot

__all__ = ["CircleDiagram"]

FLOW_PX_PER_S = 45.0  # speed of the dashes flowing along the active layer's connections
MIN_TILE = 16.0  # neurons smaller than this are circles even when there is a surface


class CircleDiagram(DiagramView):
    """The network as neurons and connections, drawn from snapshots (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ellipsis_font = QFont(self._font)
        self._ellipsis_font.setPointSizeF(self._font.pointSizeF() + 4)
        self._input_level = np.ones(0)
        self._geo: CircleGeometry | None = None
        self._scene: CircleScene | None = None
        self._tiles: list[list] | None = None  # per layer, per shown neuron: (QImage, its pixels)
        self._tiles_key: tuple | None = None
        # One-input networks: each layer's vertical range of its curve tiles (see curve_tiles.py).
        self._curve_spans: list[tuple[float, float]] | None = None
        self._flow = 0.0

    # -- public API ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(560, 380)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 220)

    @property
    def node_size(self) -> float:
        """A neuron's diameter (or square side) in pixels at the current size; 0 before set_network."""
        return self._geo.size if self._geo is not None else 0.0

    @property
    def shows_heatmaps(self) -> bool:
        """Whether neurons are drawn as tiles: heatmaps of the input plane (2-D data) or curves along the
        input line (1-D), with a surface and room enough."""
        return self._tiles is not None

    def node_center(self, layer: int, index: int) -> QPointF | None:
        """Where neuron `index` of `layer` is drawn, or None when it is not drawn (left out of a big layer)."""
        geo = self._geo
        if geo is None or not 0 <= layer < len(geo.columns):
            return None
        column = geo.columns[layer]
        k = column.slot.get(int(index))
        return None if k is None else QPointF(column.x, float(column.ys[k]))

    def neuron_at(self, pos) -> tuple[int, int] | None:
        geo = self._geo
        if geo is None:
            return None
        p = QPointF(pos)
        reach = geo.half + 3.0
        for layer, column in enumerate(geo.columns):
            dx = p.x() - column.x
            if abs(dx) > reach or not len(column.ys):
                continue
            k = int(np.argmin(np.abs(column.ys - p.y())))
            dy = p.y() - column.ys[k]
            inside = max(abs(dx), abs(dy)) <= reach if self._tiles is not None else np.hypot(dx, dy) <= reach
            if inside:
                return layer, int(column.shown[k])
        return None

    def connection_at(self, pos) -> tuple[int, int, int] | None:
        """The (layer, i_out, j_in) of the connection under pos: weight W[layer - 1][i_out, j_in]; None
        over a neuron or empty space."""
        geo = self._geo
        if geo is None or not len(geo.seg_key) or self.neuron_at(pos) is not None:
            return None
        p = QPointF(pos)
        q = np.array([p.x(), p.y()])
        t = np.clip(((q - geo.seg_p0) * geo.seg_d).sum(axis=1) / geo.seg_len2, 0.0, 1.0)
        dist = np.hypot(*(geo.seg_p0 + t[:, None] * geo.seg_d - q).T)
        widths = self._scene.widths if self._scene is not None else np.ones(len(dist))
        reach = np.maximum(4.0, widths / 2 + 2.0)
        k = int(np.argmin(np.where(dist <= reach, dist, np.inf)))
        if dist[k] > reach[k]:
            return None
        return tuple(int(v) for v in geo.seg_key[k])

    # -- DiagramView ---------------------------------------------------------------------------------

    @property
    def _surface(self):
        """The snapshot's map of every neuron over the input plane, unless a drawn input is shown."""
        return self._snapshot.surface if self._snapshot is not None and not self._tracing else None

    def _network_changed(self) -> None:
        self._input_level = np.ones(self._sizes[0] if self._sizes else 0)
        self._tiles = self._tiles_key = self._curve_spans = None

    def _snapshot_changed(self, snapshot: Snapshot) -> None:
        # Inputs have no fixed range (the gender data are in pounds and inches): colour each feature
        # against the largest |value| seen since the network was built, and the plane's extent.
        seen = [self._input_level]
        if snapshot.last_step is not None:
            seen.append(np.abs(np.nan_to_num(snapshot.last_step.activations[0])).max(axis=0))
        if snapshot.surface is not None and len(self._input_level) in (1, 2):
            x0, x1, y0, y1 = snapshot.surface.extent
            seen.append(np.array([max(abs(x0), abs(x1)), max(abs(y0), abs(y1))])[:len(self._input_level)])
        self._input_level = np.maximum.reduce(seen)

    def _has_geometry(self) -> bool:
        return self._geo is not None and self._scene is not None

    def _rebuild_geometry(self) -> None:
        self._geo = None
        arch = self._arch
        if arch is None or len(self._sizes) < 2:
            return
        n = self._n_layers
        left = [said(arch.feature_name(j)) for j in edge_indices(self._sizes[0])] + ["= −888.00"]
        names = [self._output_name(k) for k in edge_indices(self._sizes[-1])]
        right = names + [translate("CircleDiagram", "target {value}").format(value="0.00"), "δ = −8.8e−88"]
        if len(names) > 1:  # crowded outputs get one line each (a single one has the column's height)
            right += [f"{name}  δ = −8.8e−88" for name in names]
        captions = [layer_name(0, n)] + [f"{layer_name(l, n)} · {arch.activation(l)}" for l in range(1, n + 1)]
        self._geo = circle_layout(self._sizes, float(self.width()), self._caption_rect().bottom() + 12,
                                  self._legend_y(), self._fm, self._bold_fm, left, right, captions)

    def _build_scene(self) -> None:
        if self._geo is None:
            self._scene = None
            return
        self._update_tiles()
        self._scene = build_scene(self, self._geo, self._tiles)

    def _update_tiles(self) -> None:
        """The heatmap (or curve) tiles of the shown neurons, remade only for a new surface, size or
        input scale."""
        geo, surface = self._geo, self._surface
        if surface is None or self._sizes[0] not in (1, 2) or geo.size < MIN_TILE:
            self._tiles = self._tiles_key = self._curve_spans = None
            return
        dpr = self.devicePixelRatioF()
        key = (surface, geo.size, dpr, tuple(self._input_level[:2]))
        if self._tiles_key is not None and key[0] is self._tiles_key[0] and key[1:] == self._tiles_key[1:]:
            return
        if self._sizes[0] == 1:
            self._update_curve_tiles(surface, max(1, round(geo.size * dpr)), dpr)
            self._tiles_key = key
            return
        res = len(surface.xs)
        lx, ly = self._input_level[:2]
        # Feature maps: x varies along columns, y along rows; rows are flipped so y grows upwards.
        fx = np.broadcast_to(np.asarray(surface.xs) / lx, (len(surface.ys), res))
        fy = np.broadcast_to((np.asarray(surface.ys) / ly)[:, None], (len(surface.ys), res))
        maps = [np.stack([fx, fy])] + [np.asarray(g) for g in surface.layers]
        shown = np.concatenate([m[column.shown, ::-1, :] for m, column in zip(maps, self._geo.columns)])
        tiles = tile_images(shown, VALUES, max(1, round(geo.size * dpr)), geo.radius * dpr, dpr)
        ends = np.cumsum([len(column.shown) for column in geo.columns]).tolist()
        self._tiles = [tiles[start:end] for start, end in zip([0] + ends, ends)]
        self._tiles_key = key

    def _update_curve_tiles(self, surface, side: int, dpr: float) -> None:
        columns = self._geo.columns
        names = ["identity"] + [self._activation(layer) for layer in range(1, len(columns))]
        curves, spans = neuron_curves(surface, names, float(self._input_level[0]), [c.shown for c in columns])
        self._tiles = [[(image, None) for image in curve_images(c, [span] * len(c), VALUES, side,
                                                                  self._geo.radius * dpr, dpr)]
                       for c, span in zip(curves, spans)]
        self._curve_spans = spans

    def _paint_diagram(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_links(painter, self, self._geo, self._scene)
        paint_nodes(painter, self, self._geo, self._scene)
        paint_labels(painter, self, self._geo, self._scene)

    def _legend_items(self) -> list[list[tuple]]:
        scene = self._scene
        return [
            [("text", translate("CircleDiagram", "activation"), SUBTLE), ("text", "−1", FAINT), ("bar", VALUES),
             ("text", "+1", FAINT)],
            [("text", "δ", SUBTLE), ("text", "−", FAINT), ("bar", ERRORS), ("text", "+", FAINT)],
            [("lines", scene.line_ramp), ("text", scene.line_legend, SUBTLE)],
        ]

    def _idle_hint(self) -> str:
        if self._tracing or self._snapshot is None:
            return super()._idle_hint()
        return translate("CircleDiagram", "Latest step · colours: first sample of the batch · hover for numbers")

    def _corner_text(self) -> str | None:
        scene = self._scene
        if scene is None or not scene.loss_text or loss_below_outputs(self, self._geo, scene) is not None:
            return None
        return scene.loss_text

    def _item_at(self, pos: QPointF) -> tuple[int, ...] | None:
        return self.neuron_at(pos) or self.connection_at(pos)

    def _wants_animation(self) -> bool:
        return self._phase is not None and self._phase.kind in (PhaseKind.FORWARD, PhaseKind.BACKWARD)

    def _advance(self, elapsed_ms: float) -> None:
        self._flow = (self._flow + FLOW_PX_PER_S * elapsed_ms / 1000.0) % (DASH + GAP)

    def _connection_tooltip(self, layer: int, i: int, j: int) -> str:
        """w, the activation a it carries, w·a (its term of z) and ∂L/∂w, from connection_math."""
        p, s = self._params, self._sample
        lines = [f"{self._neuron_name(layer - 1, j)} → {self._neuron_name(layer, i)}"]
        if p is None:
            return lines[0]
        batch_grad = None if self._tracing else batch_gradient(self._snapshot, layer, i, j)
        c = connection_numbers(p, s, layer, i, j, batch_grad)
        lines.append(f"w = {precise(c.w)}")
        if c.a is not None:
            a_name = "x" if layer == 1 else "a"
            lines.append(translate("CircleDiagram", "{a} = {value}   (the input it carries on the shown sample)")
                         .format(a=a_name, value=precise(c.a)))
            if c.w_used is not None:
                lines.append(translate("CircleDiagram", "w·{a} = {w} × {value} = {product}"
                                                        "   (its term of z; w before this step's update)")
                             .format(a=a_name, w=precise(c.w_used), value=precise(c.a), product=precise(c.product)))
            else:
                lines.append(translate("CircleDiagram", "w·{a} = {product}   (its term of z)")
                             .format(a=a_name, product=precise(c.product)))
        if c.grad_kind == BATCH:
            if c.batch > 1:
                line = translate("CircleDiagram", "∂L/∂w = {gradient}   (the engine's gradient of this step, "
                                                  "averaged over the batch of {batch})")
            else:
                line = translate("CircleDiagram", "∂L/∂w = {gradient}   (the engine's gradient of this step)")
            lines.append(line.format(gradient=precise(c.grad), batch=c.batch))
        elif c.grad_kind == SAMPLE:
            if c.batch > 1:
                lines.append(translate("CircleDiagram", "δ·a = {gradient}   (this sample's share of ∂L/∂w: the batch's "
                                                        "gradient is the sum over its {batch} samples, each δ already "
                                                        "÷ {batch})").format(gradient=precise(c.grad), batch=c.batch))
            else:
                lines.append(translate("CircleDiagram", "∂L/∂w = δ·a = {gradient}   (this step's gradient, one sample)")
                             .format(gradient=precise(c.grad)))
        if c.delta_w is not None:
            lines.append(translate("CircleDiagram", "last Δw = {change}").format(change=precise(c.delta_w)))
        return "\n".join(lines)
