"""What every network diagram shares: the state it shows, hover and selection, tooltips, the update's
flash, the caption line at the top, the legend row at the bottom and the "No network yet" placeholder.

A diagram shows one `ShownSample` (the first sample of the last training step, or a digit drawn on the
pad) with the `ShownParameters` it went through, in one phase of the step (phases.py). Subclasses
supply only their layout (`_rebuild_geometry`, on resize and set_network), their scene
(`_build_scene`, once per new state), their painting (`_paint_diagram`), their hit tests
(`node_center`, `neuron_at`) and their legend items; `_state(layer)` tells them what each layer shows.
Layers are numbered 0 (the input) to L (the output); the weights into layer l are weights[l - 1].
Words are translated (context "DiagramView", or the subclass's) when they are drawn; a change of
language lays the diagram out again (captions change width) and repaints it.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

import numpy as np

from nnviz.gui.diagram.legend import items_key, legend_pixmap
from nnviz.gui.diagram.names import neuron_name, pixel_name
from nnviz.gui.i18n import Retranslated, said, translate
from nnviz.gui.theme import BACKGROUND, FAINT, SUBTLE, TEXT, precise
from nnviz.training.architecture import Architecture
from nnviz.training.neuron_math import neuron_update_norms, strongest
from nnviz.training.phases import LayerState, Phase, PhaseKind, layer_state
from nnviz.training.shown_step import ShownParameters, ShownSample, check_trace
from nnviz.training.snapshot import Snapshot

PAD = 10.0  # margin around the diagram
FLASH_MS = 550.0  # the update phase's flash fades over this long
TICK_MS = 33  # animation frame interval
TOOLTIP_WEIGHTS = 10  # a neuron with at most this many inputs lists them all in its tooltip
TOOLTIP_STRONGEST = 5  # otherwise, its strongest this many
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


class DiagramView(Retranslated, QWidget):
    """A network diagram drawn from snapshots or a drawn digit's trace (see the module docstring)."""

    neuron_selected = Signal(int, int)  # (layer, index) of a clicked neuron; layer 0 is the input
    selection_changed = Signal(object)  # (layer, index) on a click on a neuron, None elsewhere

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(9.0, self._font.pointSizeF()))
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._caption_font = QFont(self._font)
        self._caption_font.setPointSizeF(self._font.pointSizeF() + 1)
        self._caption_font.setWeight(QFont.Weight.DemiBold)
        self._fm, self._bold_fm = QFontMetricsF(self._font), QFontMetricsF(self._bold)

        self._arch: Architecture | None = None
        self._sizes: tuple[int, ...] = ()
        self._snapshot: Snapshot | None = None
        self._sample: ShownSample | None = None
        self._params: ShownParameters | None = None
        self._update_W, self._norms = None, None  # the shown step's ΔW (a sequence of arrays); (ΔW, its norms)
        self._phase: Phase | None = None
        self._tracing = False  # showing a drawn digit (show_trace) rather than a training step
        #: The caption at the top: the phase's label in slow motion, "" otherwise.
        self.phase_text = ""
        self._selected: tuple[int, int] | None = None
        self._hover: tuple[int, ...] | None = None  # what `_item_at` found under the mouse
        self._hover_pos: QPointF | None = None
        self._legend, self._legend_key = None, None  # QPixmap of the legend row, and what it shows
        self._caption_text: tuple = (None, None)  # (what, QStaticText): the caption line laid out once

        self._flash, self._clock = QElapsedTimer(), QElapsedTimer()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    # -- public API ----------------------------------------------------------------------------------

    def set_network(self, architecture: Architecture) -> None:
        """Draw a freshly built network. Forgets the previous snapshot, trace and selection."""
        had_selection = self._selected is not None
        self._arch = architecture
        self._sizes = tuple(int(n) for n in architecture.sizes)
        self._snapshot = self._sample = self._params = self._update_W = self._phase = None
        self._tracing, self.phase_text = False, ""
        self._selected = self._hover = self._hover_pos = None
        self._network_changed()
        self._rebuild()
        if had_selection:
            self.selection_changed.emit(None)

    def show_snapshot(self, snapshot: Snapshot, phase: Phase | None = None) -> None:
        """Draw `snapshot`: its latest step (phase None), or one phase of that step (slow motion). A
        snapshot of a different network (one still in flight from before a rebuild) is ignored."""
        if snapshot.sizes != self._sizes:
            return
        if snapshot is self._snapshot and phase == self._phase and not self._tracing:
            return  # drawn already
        entering_update = phase is not None and phase.kind is PhaseKind.UPDATE and (
            self._phase != phase or snapshot is not self._snapshot)
        self._snapshot, self._phase, self._tracing = snapshot, phase, False
        self._sample = ShownSample.from_snapshot(snapshot)
        self._params = ShownParameters.from_snapshot(snapshot)
        self._update_W = snapshot.update_W
        self.phase_text = said(phase.label()) if phase is not None else ""
        if entering_update:
            self._flash.start()
        self._snapshot_changed(snapshot)
        self._refresh()

    def show_trace(self, trace, weights, biases, label: str | None = None) -> None:
        """Show the forward pass of one input that is not a training sample (a digit drawn on the pad):
        `trace` is its engine Trace (every layer's z and a, batch of one) and weights/biases (sequences
        of arrays) the network that computed it, which need not be the one in training: every number
        shown comes from them. `label` is the true class's name when known (marked as the target)."""
        check_trace(trace, self._sizes)
        params = ShownParameters.of(weights, biases, self._sizes)
        target = None
        if self._arch is not None and label is not None and label in self._arch.class_names:
            target = np.zeros(self._sizes[-1])
            target[self._arch.class_names.index(label) if self._sizes[-1] > 1 else 0] = 1.0
        self._sample, self._params, self._update_W = ShownSample.from_trace(trace, target), params, None
        self._phase, self._tracing, self.phase_text = None, True, ""
        self._refresh()

    @property
    def _update_norms(self) -> list[np.ndarray] | None:
        """‖ΔW‖ of every neuron's incoming weights in the step shown (None without one), computed when
        first asked for: only tooltips and the update phase show them, and for MNIST's weights they
        took a frame half a millisecond."""
        if self._update_W is None:
            return None
        if self._norms is None or self._norms[0] is not self._update_W:
            self._norms = (self._update_W, neuron_update_norms(self._update_W))
        return self._norms[1]

    @property
    def selected_neuron(self) -> tuple[int, int] | None:
        """The (layer, index) last clicked, outlined in the diagram; None after a click elsewhere."""
        return self._selected

    def select_neuron(self, neuron: tuple[int, int] | None) -> None:
        """Outline `neuron` (layer, index) as if it had been clicked, without emitting anything (None:
        no outline); a neuron this network does not have is not outlined."""
        if neuron is not None and not (0 <= neuron[0] < len(self._sizes) and 0 <= neuron[1] < self._sizes[neuron[0]]):
            neuron = None
        if neuron != self._selected:
            self._selected = None if neuron is None else (int(neuron[0]), int(neuron[1]))
            self._hover_changed()
            self.update()

    @property
    def is_animating(self) -> bool:
        """Whether something moves on its own: the update's flash, or a subclass's flow."""
        return self._timer.isActive()

    def node_center(self, layer: int, index: int) -> QPointF | None:
        """Where neuron `index` of `layer` is drawn, or None when it is not drawn."""
        raise NotImplementedError

    def neuron_at(self, pos) -> tuple[int, int] | None:
        """The (layer, index) of the neuron under pos (widget coordinates), or None."""
        raise NotImplementedError

    def tooltip_text_at(self, pos) -> str | None:
        """The tooltip for what is under pos, or None."""
        item = self._item_at(QPointF(pos))
        if item is None:
            return None
        return self._neuron_tooltip(*item) if len(item) == 2 else self._connection_tooltip(*item)

    # -- what subclasses supply ----------------------------------------------------------------------

    def _network_changed(self) -> None:
        """A new network: forget caches made for the old one."""

    def _snapshot_changed(self, snapshot: Snapshot) -> None:
        """A new snapshot is about to be drawn (before `_build_scene`)."""

    def _rebuild_geometry(self) -> None:
        raise NotImplementedError

    def _has_geometry(self) -> bool:
        raise NotImplementedError

    def _build_scene(self) -> None:
        raise NotImplementedError

    def _paint_diagram(self, painter: QPainter) -> None:
        raise NotImplementedError

    def _legend_items(self) -> list[list[tuple]]:
        return []

    def _idle_hint(self) -> str:
        """The caption line's text at full speed."""
        if self._tracing:
            return translate("DiagramView", "Your drawing's forward pass · hover a neuron for its numbers")
        if self._snapshot is None:
            return translate("DiagramView", "Waiting for the first training step")
        return translate("DiagramView", "Latest step · first sample of the batch · hover a neuron for its numbers")

    def _corner_text(self) -> str | None:
        """A bold text at the right end of the caption line (e.g. the loss, when nowhere else fits)."""
        return None

    def _item_at(self, pos: QPointF) -> tuple[int, ...] | None:
        """What the mouse is over: a neuron (layer, index), or (layer, i, j) for a connection."""
        return self.neuron_at(pos)

    def _hover_changed(self) -> None:
        """The hovered item changed (before the repaint)."""

    def _wants_animation(self) -> bool:
        """Whether the subclass animates something besides the update's flash."""
        return False

    def _advance(self, elapsed_ms: float) -> None:
        """Move the subclass's animation on by elapsed_ms."""

    def _connection_tooltip(self, layer: int, i: int, j: int) -> str:
        raise NotImplementedError

    # -- helpers for subclasses ----------------------------------------------------------------------

    @property
    def _n_layers(self) -> int:
        return len(self._sizes) - 1

    def _state(self, layer: int) -> LayerState:
        """What `layer` shows in the current phase."""
        s = self._sample
        return layer_state(self._phase, layer, self._n_layers, has_sample=s is not None,
                           has_input_gradient=s is not None and s.grad_input is not None,
                           has_update=self._params is not None and self._params.update_W is not None)

    def _focus_layer(self) -> int | None:
        """The layer the phase is about (its caption highlighted), or None at full speed."""
        return None if self._phase is None else self._phase.focus_layer(self._n_layers)

    def _activation(self, layer: int) -> str:
        return self._arch.activation(layer) if self._arch is not None else ""

    def _neuron_name(self, layer: int, index: int) -> str:
        """How a tooltip calls a neuron: "x1", "pixel (row 5, column 9)", "hidden 1 · neuron 4", "output"."""
        arch = self._arch
        if layer == 0:
            if arch.image_shape is not None:
                return pixel_name(*divmod(index, arch.image_shape[1]))
            return said(arch.feature_name(index))
        return neuron_name(layer, index, self._sizes)

    def _output_name(self, k: int) -> str:
        """What output k means: its class, or for a single output, "P(yes)" (or "→ yes")."""
        names = self._arch.class_names
        if self._sizes[-1] == 1 and len(names) == 2:
            if not self._arch.outputs_probabilities:
                return f"→ {said(names[1])}"
            name = said(names[1])
            return f"P(y = {name})" if name.isdigit() else f"P({name})"
        return said(names[k]) if k < len(names) else translate("NeuronNames", "output {number}").format(number=k + 1)

    def _flash_level(self) -> float:
        """1 when the update phase begins, fading to 0 over FLASH_MS."""
        if self._phase is None or self._phase.kind is not PhaseKind.UPDATE or not self._flash.isValid():
            return 0.0
        return max(0.0, 1.0 - self._flash.elapsed() / FLASH_MS)

    def _caption_rect(self) -> QRectF:
        return QRectF(PAD, PAD - 2, self.width() - 2 * PAD, QFontMetricsF(self._caption_font).height() + 4)

    def _legend_y(self) -> float:
        return self.height() - PAD - self._fm.height()

    def _paint_column_captions(self, painter: QPainter, column_x, captions, y: float, active: int | None,
                               active_color=TEXT) -> None:
        """Lines under every column, centred on it but kept inside the widget. captions[layer] is a
        list of (text, QColor or None); the active column's lines are bold (and in active_color
        where they have no colour of their own)."""
        fh = self._fm.height()
        for layer, (x, lines) in enumerate(zip(column_x, captions)):
            is_active = layer == active
            painter.setFont(self._bold if is_active else self._font)
            fm = self._bold_fm if is_active else self._fm
            for n, (text, color) in enumerate(lines):
                if not text:
                    continue
                w = fm.horizontalAdvance(text) + 4
                x0 = min(max(x - w / 2, 4.0), self.width() - 4.0 - w)
                painter.setPen(color or (active_color if is_active else SUBTLE))
                painter.drawText(QRectF(x0, y + n * fh, w, fh), CENTER, text)
        painter.setFont(self._font)

    # -- state changes -------------------------------------------------------------------------------

    def _refresh(self) -> None:
        # A diverged network's inf/NaN values still draw (clipped to their scales) without warnings.
        with np.errstate(all="ignore"):
            self._build_scene()
        self._sync_timer()
        self.update()

    def _rebuild(self) -> None:
        self._rebuild_geometry()
        self._refresh()

    def _sync_timer(self) -> None:
        wanted = self.isVisible() and (self._wants_animation() or self._flash_level() > 0)
        if wanted and not self._timer.isActive():
            self._clock.start()
            self._timer.start()
        elif not wanted and self._timer.isActive():
            self._timer.stop()

    def _on_tick(self) -> None:
        elapsed = self._clock.restart() if self._clock.isValid() else TICK_MS
        self._advance(min(float(elapsed), 200.0))
        self.update()
        self._sync_timer()

    # -- Qt events -----------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._rebuild()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._sync_timer()

    def retranslate(self) -> None:
        """The words in the current language: the phase's caption again, and the layout (whose column
        captions and labels change width) and scene remade; tooltips are made when shown."""
        self._caption_text = (None, None)
        self.phase_text = said(self._phase.label()) if self._phase is not None else ""
        self._rebuild()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self._timer.stop()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        item = self._item_at(pos)
        self._hover_pos = QPointF(pos)
        if item != self._hover:
            self._hover = item
            self._hover_changed()
            self.update()
        text = self.tooltip_text_at(pos)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        if self._hover is not None:
            self._hover = self._hover_pos = None
            self._hover_changed()
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        neuron = self.neuron_at(event.position())
        self._selected = neuron  # a click elsewhere clears the selection
        self._hover_changed()
        self.update()
        if neuron is not None:
            self.neuron_selected.emit(*neuron)
        self.selection_changed.emit(neuron)

    # -- tooltips ------------------------------------------------------------------------------------

    def _neuron_tooltip(self, layer: int, i: int) -> str:
        s = self._sample
        n = self._sizes[layer]
        if layer == 0:
            if self._arch.image_shape is not None:
                lines = [translate("DiagramView", "{name} · input {input} of {inputs}").format(
                    name=self._neuron_name(0, i), input=i + 1, inputs=n)]
            else:
                lines = [translate("DiagramView", "input {input} of {inputs}: {name}").format(
                    name=self._neuron_name(0, i), input=i + 1, inputs=n)]
            lines.append(f"x = {precise(s.a[0][i])}" if s is not None else "x = —")
            if s is not None and s.grad_input is not None:
                lines.append(f"∂L/∂x = {precise(s.grad_input[i])}")
        else:
            act = f" · {self._activation(layer)}" if self._activation(layer) else ""
            if layer < self._n_layers:
                line = translate("DiagramView", "hidden {layer} · neuron {number} of {size}{activation}")
            elif n == 1:
                line = translate("DiagramView", "output{activation} · {meaning}")
            else:
                line = translate("DiagramView", "output {number} of {size} (class {meaning}){activation}")
            lines = [line.format(layer=layer, number=i + 1, size=n, meaning=self._output_name(i), activation=act)]
            lines += self._pass_lines(layer, i) + self._weight_lines(layer, i)
        if s is not None and s.batch > 1:
            lines.append(translate("DiagramView", "(first sample of a batch of {batch})").format(batch=s.batch))
        return "\n".join(lines)

    def _pass_lines(self, layer: int, i: int) -> list[str]:
        s = self._sample
        if s is None:
            return [translate("DiagramView", "z, a, δ: no step yet")]
        z, d = s.z[layer], s.delta[layer]
        lines = [f"z = {precise(z[i])}" if z is not None else "z = —", f"a = {precise(s.a[layer][i])}",
                 f"δ = {precise(d[i])}" if d is not None else translate("DiagramView", "δ: none (no training step)")]
        if layer == self._n_layers and s.target is not None:
            lines.append(translate("DiagramView", "target = {value}").format(value=precise(s.target[i])))
        return lines

    def _weight_lines(self, layer: int, i: int) -> list[str]:
        """The neuron's bias and incoming weights (all of a few, else the range and the strongest),
        and how far they moved in the last step; all from the parameters shown."""
        p = self._params
        if p is None:
            return []
        b = precise(p.biases[layer - 1][i])
        if p.update_b is not None:  # z above was made with the values before this step's update
            bias = translate("DiagramView", "bias b = {bias}   (after this step; Δb = {change})").format(
                bias=b, change=precise(p.update_b[layer - 1][i]))
        else:
            bias = translate("DiagramView", "bias b = {bias}").format(bias=b)
        w = p.weights[layer - 1][i]
        if len(w) <= TOOLTIP_WEIGHTS:
            lines = [bias, translate("DiagramView", "incoming weights ({count}):").format(count=len(w))]
            shown = range(len(w))
        else:
            magnitude = np.abs(np.nan_to_num(np.asarray(w, dtype=np.float64)))
            lines = [bias, translate("DiagramView", "incoming weights ({count}), |w| ≤ {largest}; strongest:").format(
                count=len(w), largest=precise(magnitude.max()))]
            shown = strongest(magnitude, TOOLTIP_STRONGEST)[::-1]
        source = translate("DiagramView", "  from {source}: {value}")
        lines += [source.format(source=self._neuron_name(layer - 1, int(j)), value=precise(w[j])) for j in shown]
        if self._update_norms is not None:
            lines.append(translate("DiagramView", "last step moved them by ‖Δw‖ = {norm}").format(
                norm=precise(self._update_norms[layer - 1][i])))
        return lines

    # -- painting ------------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if not self._has_geometry():
            painter.setPen(SUBTLE)
            painter.setFont(self._font)
            painter.drawText(self.rect(), CENTER, translate("DiagramView", "No network yet"))
            painter.end()
            return
        try:
            self._paint_caption(painter)
            self._paint_diagram(painter)
            self._paint_legend(painter)
        finally:
            painter.end()  # an exception with an active painter would take the process down

    def _paint_caption(self, painter: QPainter) -> None:
        rect = self._caption_rect()
        corner = self._corner_text()
        if corner:
            corner_w = self._bold_fm.horizontalAdvance(corner) + 4
            painter.setFont(self._bold)
            painter.setPen(TEXT)
            painter.drawText(QRectF(rect.right() - corner_w, rect.top(), corner_w, rect.height()), RIGHT, corner)
            rect.setRight(rect.right() - corner_w - 16)
        font, color, text = (self._caption_font, TEXT, self.phase_text) if self.phase_text else \
            (self._font, FAINT, self._idle_hint())
        painter.setFont(font)
        painter.setPen(color)
        fm = QFontMetricsF(font)
        what = (text, font is self._font, rect.width())  # eliding and laying it out took 0.2 ms a frame
        if self._caption_text[0] != what:
            line = QStaticText(fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
            line.setTextFormat(Qt.TextFormat.PlainText)
            self._caption_text = (what, line)
        painter.drawStaticText(QPointF(rect.left(), rect.center().y() - fm.height() / 2), self._caption_text[1])
        painter.setFont(self._font)

    def _paint_legend(self, painter: QPainter) -> None:
        """The legend row, from a pixmap remade only when the width or the items change."""
        items = self._legend_items()
        dpr = self.devicePixelRatioF()
        key = (self.width(), dpr, items_key(items))
        if self._legend_key != key:
            self._legend, self._legend_key = legend_pixmap(items, self._font, self.width(), dpr), key
        painter.drawPixmap(QPointF(0, self._legend_y()), self._legend)
