"""The network diagram for image networks: the input as the image itself, layers as grids of cells.

A 784-256-128-10 network has 784 inputs and over 200,000 connections, too many to draw one by one.
So the input is drawn as the image it is (its shape from the Architecture), each hidden layer as a
compact grid of neurons (256 as 16×16, 128 as 16×8, read row by row), and the output as one labelled
row per class with a bar of its value. Only a few connections are drawn: the strongest weights into and
out of the neuron under the mouse (or the selected one, or in the forward phase the layer's most active
neuron), and the hovered neuron's receptive field in an inset.

Activations that cannot be negative (ReLU, sigmoid) use a sequential white → orange scale, tanh the
diverging blue/orange one; error terms δ and the input gradient the green/magenta pair; the update phase
shows how far each neuron's incoming weights moved, ‖ΔW‖ per row, in purple.

Geometry (grid_layout.py) is made on resize; the scene (grid_scene.py: one image per grid from a NumPy
index map) once per state; painting (grid_painting.py) only draws.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter

from nnviz.gui.diagram.base import DiagramView
from nnviz.gui.diagram.grid_layout import GridGeometry, grid_layout
from nnviz.gui.diagram.grid_painting import paint_arrows, paint_grids, paint_inset, paint_links, paint_outputs, \
    verdict_text
from nnviz.gui.diagram.grid_scene import GridScene, build_scene, focus_links
from nnviz.gui.i18n import translate
from nnviz.gui.theme import ACTIVITY, DELTA_TEXT, ERRORS, FAINT, MOVEMENT, SUBTLE, VALUES
from nnviz.training.neuron_math import receptive_field
from nnviz.training.phases import LayerState, PhaseKind

__all__ = ["GridDiagram"]

CAPTION_STATES = (LayerState.ACTIVATIONS, LayerState.NOT_REACHED, LayerState.ERROR_TERM, LayerState.UPDATE)


class GridDiagram(DiagramView):
    """An image-input network as the image, neuron grids and one bar per class (see the module docstring)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._geo: GridGeometry | None = None
        self._scene: GridScene | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(640, 400)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 260)

    # -- public API ----------------------------------------------------------------------------------

    def node_center(self, layer: int, index: int) -> QPointF | None:
        """Where neuron `index` of `layer` is drawn (for the input: pixel `index`), or None."""
        geo = self._geo
        if geo is None or not 0 <= layer < len(self._sizes) or not 0 <= index < self._sizes[layer]:
            return None
        x, y = (geo.grids[layer].centres([index]) if layer < len(geo.grids) else geo.outputs.centres([index]))[0]
        return QPointF(float(x), float(y))

    def neuron_at(self, pos) -> tuple[int, int] | None:
        """The (layer, index) of the neuron under pos, or None. Over the input image the index is the
        pixel's, row by row; an output's whole row (name, dot, bar) is its."""
        geo = self._geo
        if geo is None:
            return None
        p = QPointF(pos)
        for layer, grid in enumerate(geo.grids):
            i = grid.index_at(p)
            if i is not None:
                return layer, i
        k = geo.outputs.index_at(p)
        return None if k is None else (self._n_layers, k)

    def receptive_field(self, layer: int, index: int) -> np.ndarray | None:
        """What neuron `index` of `layer` (≥ 1) looks at in the input image, image-shaped: ∂z/∂x for the
        sample shown, from the parameters shown (see neuron_math.receptive_field). None when the input
        is no image or nothing is shown."""
        p = self._params
        if p is None or self._arch.image_shape is None or not 1 <= layer <= self._n_layers:
            return None
        field = receptive_field(p.weights, self._arch.activation_names, layer, index, self._sample)
        return field.reshape(self._arch.image_shape)

    # -- DiagramView ---------------------------------------------------------------------------------

    def _has_geometry(self) -> bool:
        return self._geo is not None and self._scene is not None

    def _caption(self, layer: int, state: LayerState) -> list[tuple[str, object]]:
        """The two lines under column `layer` in `state`: what it is, and what its colours are."""
        arch, s = self._arch, self._sample
        second_color = DELTA_TEXT if state in (LayerState.ERROR_TERM, LayerState.INPUT_GRADIENT) else None
        if layer == 0:
            shape = "×".join(map(str, arch.image_shape)) if arch.image_shape else str(self._sizes[0])
            if state is LayerState.INPUT_GRADIENT:
                return [(translate("GridDiagram", "∂L/∂x: what would"), None),
                        (translate("GridDiagram", "change this answer"), second_color)]
            if state is LayerState.UPDATE:
                second = translate("GridDiagram", "‖ΔW‖ per pixel")
            elif s is not None and s.label is not None and state is not LayerState.EMPTY:
                second = self._label_caption(s.label)
            else:
                second = translate("GridDiagram", "your drawing") if self._tracing else ""
            return [(translate("GridDiagram", "input · {shape}").format(shape=shape), None), (second, second_color)]
        act = arch.activation(layer)
        if layer == self._n_layers:
            first = (translate("GridDiagram", "output · {activation}").format(activation=act) if act
                     else translate("GridDiagram", "output"))
        else:
            first = translate("GridDiagram", "hidden {layer} · {size} {activation}").format(
                layer=layer, size=self._sizes[layer], activation=act).rstrip()
        if state in (LayerState.NOT_REACHED, LayerState.EMPTY):
            second = translate("GridDiagram", "not computed yet")
        elif state is LayerState.ERROR_TERM:
            second = translate("GridDiagram", "error terms δ")
        elif state is LayerState.UPDATE:
            second = translate("GridDiagram", "‖ΔW‖ per neuron")
        elif layer == self._n_layers and act == "softmax":
            second = translate("GridDiagram", "probabilities")
        else:
            second = translate("GridDiagram", "activations a")
        return [(first, None), (second, second_color)]

    def _label_caption(self, k: int) -> str:
        return translate("GridDiagram", "label {name}").format(name=self._arch.class_name(k))

    def _caption_width(self, layer: int) -> float:
        """The room column `layer`'s captions need in any phase (in the bold of an active column)."""
        states = CAPTION_STATES + ((LayerState.INPUT_GRADIENT,) if layer == 0 else ())
        lines = [text for state in states for text, _ in self._caption(layer, state)]
        if layer == 0:
            lines += [translate("GridDiagram", "your drawing")] + [self._label_caption(k) for k in range(self._sizes[-1])]
        return max(self._bold_fm.horizontalAdvance(line) for line in lines) + 10

    def _verdict_width(self) -> float:
        """The room the line under the outputs needs at most (it starts at the class names' left)."""
        names = [self._arch.class_name(k) for k in range(self._sizes[-1])]
        longest = max(names, key=self._bold_fm.horizontalAdvance)
        texts = [verdict_text("wrong", longest, longest), verdict_text("softmax_loss", longest, "8.8e−88"),
                 verdict_text("batch_loss", "", "8.8e−88")]
        return max(self._bold_fm.horizontalAdvance(t) for t in texts) + 8

    def _rebuild_geometry(self) -> None:
        self._geo = None
        if self._arch is None or len(self._sizes) < 2:
            return
        fm = self._fm
        label_w = max(self._bold_fm.horizontalAdvance(self._arch.class_name(k)) for k in range(self._sizes[-1])) + 14
        value_w = max(fm.horizontalAdvance("100\u2009%"), fm.horizontalAdvance("−8e−8"), fm.horizontalAdvance("−0.00")) + 4
        needs = [self._caption_width(layer) for layer in range(len(self._sizes))]
        needs[-1] = max(needs[-1], self._verdict_width())
        caption_y = self._legend_y() - 8 - 2 * fm.height()
        self._geo = grid_layout(self._sizes, self._arch.image_shape, float(self.width()),
                                self._caption_rect().bottom() + 10, caption_y, self.devicePixelRatioF(),
                                label_w, value_w, needs)

    def _build_scene(self) -> None:
        self._scene = build_scene(self, self._geo) if self._geo is not None else None

    def _hover_changed(self) -> None:
        if self._scene is not None:
            focus_links(self, self._geo, self._scene)

    def _paint_diagram(self, painter: QPainter) -> None:
        geo, scene = self._geo, self._scene
        paint_grids(painter, self, geo, scene)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_arrows(painter, self, geo)
        paint_links(painter, scene)
        paint_outputs(painter, self, geo, scene)
        phase = self._phase
        active = self._focus_layer()
        if phase is not None and phase.kind is PhaseKind.BACKWARD and scene.states[0] is LayerState.INPUT_GRADIENT:
            active = 0
        captions = [self._caption(layer, state) for layer, state in enumerate(scene.states)]
        self._paint_column_captions(painter, geo.column_x, captions, geo.caption_y, active)
        paint_inset(painter, self)

    def _idle_hint(self) -> str:
        if self._tracing:
            return translate("GridDiagram", "Your drawing's forward pass · hover a neuron for its numbers and what "
                                            "it looks at")
        if self._snapshot is not None:
            return translate("GridDiagram", "Latest step · first sample of the batch · hover a neuron for its numbers "
                                            "and weights")
        return super()._idle_hint()

    def _legend_items(self) -> list[list[tuple]]:
        states = self._scene.states if self._scene is not None else []
        items = []
        hidden = {self._activation(l) for l in range(1, self._n_layers)}
        if any(s in (LayerState.ACTIVATIONS, LayerState.AWAITING_ERROR) for s in states[1:]):
            if hidden and hidden <= {"tanh"}:
                items.append([("text", "a", SUBTLE), ("text", "−1", FAINT), ("bar", VALUES), ("text", "+1", FAINT)])
            else:
                top = "1" if hidden and hidden <= {"sigmoid"} else "max"
                items.append([("text", "a", SUBTLE), ("text", "0", FAINT), ("bar", ACTIVITY), ("text", top, FAINT)])
        if any(s in (LayerState.ERROR_TERM, LayerState.INPUT_GRADIENT) for s in states):
            items.append([("text", "δ, ∂L/∂x", SUBTLE), ("text", "−", FAINT), ("bar", ERRORS), ("text", "+", FAINT)])
        if LayerState.UPDATE in states:
            items.append([("text", "‖ΔW‖", SUBTLE), ("text", "0", FAINT), ("bar", MOVEMENT), ("text", "max", FAINT)])
        scene = self._scene
        if scene is not None and scene.links and not scene.by_mouse:
            items.append([("lines", VALUES),
                          ("text", translate("GridDiagram", "what fed the most active neuron: largest |w·a|"), SUBTLE)])
        elif scene is not None and scene.links:
            items.append([("lines", VALUES),
                          ("text", translate("GridDiagram", "strongest weights, + orange − blue, width ∝ |w|"), SUBTLE)])
        elif self._params is not None:
            items.append([("text", translate("GridDiagram", "hover or click a neuron to see its strongest weights"),
                           FAINT)])
        return items
