"""The network diagram for MNIST-sized networks: the input as the digit itself, layers as grids of cells.

A 784-256-128-10 network has 784 inputs and over 200,000 connections, too many to draw one by one.
So the input is drawn as the 28×28 image it is, each hidden layer as a compact grid of neurons (256 as
16×16, 128 as 16×8, read row by row), and the output as ten labelled neurons with bars of their
probabilities. Only a few connections are drawn: the strongest weights into and out of the neuron under
the mouse (or the selected one, or in the forward phase the layer's most active neuron).

Colours follow colors.py. Activations that cannot be negative (ReLU, sigmoid) use a sequential white →
orange scale, tanh the diverging blue/orange one; error terms δ and the input gradient the green/magenta
pair; the update phase shows how far each neuron's incoming weights moved, |ΔW| per row, in purple.

The public API is CircleDiagram's, so the main window can swap the two, plus `show_trace` for a digit drawn
on the pad. Every grid is one QImage made from a NumPy index map (which pixel shows which neuron, built
on resize), so a frame costs a few array look-ups, not a QPainter call per neuron. Layers are numbered as
in phases.py: 0 is the input, 1..L the layers of neurons; W[l - 1] (n_l, n_{l-1}) feeds layer l.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QElapsedTimer, QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QLinearGradient, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nnviz.engine.activations import get_activation
from nnviz.gui.theme import DELTA_NEGATIVE, DELTA_POSITIVE, NEGATIVE, POSITIVE, ZERO, symmetric_level, value_color
from nnviz.training.phases import Phase
from nnviz.training.architecture import Architecture
from nnviz.training.snapshot import Snapshot

__all__ = ["GridDiagram"]

TOP_LINKS = 12  # connections drawn into (and out of) the focused neuron
GRID_ROWS = 16  # a hidden layer is at least this many cells tall (256 -> 16×16, 128 -> 16×8)
MAX_PITCH = 24.0  # largest cell pitch in logical pixels
MIN_GAP_PX = 28.0  # least room between two columns
INSET_SCALE = 3  # the receptive-field inset draws each of its 28×28 pixels this many pixels wide
_FLASH_MS = 600.0  # the update phase's flash fades over this long
_TICK_MS = 33

UPDATE = (106, 61, 154)  # purple: how far weights moved, |ΔW| (neither a value nor an error term)
GRID_GAP = (222, 222, 222)
GRID_PAD = (255, 255, 255)
DIM_CELL = (244, 244, 244)
DIM_GAP = (236, 236, 236)
INK = (20, 20, 20)

TEXT = QColor("#333333")
SUBTLE = QColor("#666666")
FAINT = QColor("#9a9a9a")
FRAME = QColor("#c4c4c4")
SELECTED = QColor("#222222")
DELTA_TEXT = QColor(150, 20, 95)
TARGET_CHIP = QColor("#333333")
BAR_TRACK = QColor("#eeeeee")
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


def _num(v: float) -> str:
    """A value in a tooltip: four significant digits."""
    return f"{float(v):.4g}"


def _short(v: float) -> str:
    """A value beside a neuron: two decimals, a short exponent when tiny (as error terms are); real minus."""
    v = float(v)
    text = f"{v:.2f}" if v == 0 or abs(v) >= 0.005 else f"{v:.1e}"
    return text.replace("-", "\u2212")


def _compact(v: float) -> str:
    """A value in a narrow column: "0.12", or "−3e−4" when tiny; a real minus sign."""
    v = float(v)
    if v == 0 or abs(v) >= 0.01 or not math.isfinite(v):
        text = f"{v:.2f}"
    else:
        mantissa, exponent = f"{v:.0e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "\u2212")


def _lut(*stops) -> np.ndarray:
    """A read-only (256, 3) uint8 colour table running through evenly spaced RGB stops."""
    stops = np.array(stops, dtype=np.float64)
    where = np.linspace(0.0, 1.0, len(stops))
    t = np.linspace(0.0, 1.0, 256)
    table = np.stack([np.rint(np.interp(t, where, stops[:, c])) for c in range(3)], axis=1).astype(np.uint8)
    table.setflags(write=False)
    return table


_SEQUENTIAL = _lut(ZERO, POSITIVE)
_DIVERGING = _lut(NEGATIVE, ZERO, POSITIVE)
_DELTA = _lut(DELTA_NEGATIVE, ZERO, DELTA_POSITIVE)
_UPDATE = _lut(ZERO, UPDATE)
_GREY = _lut((255, 255, 255), INK)


def _colours(values: np.ndarray, level: float, table: np.ndarray, diverging: bool) -> np.ndarray:
    """RGB rows (n, 3) for values on a scale [0, level] (sequential) or [-level, level] (diverging)."""
    t = np.nan_to_num(np.asarray(values, dtype=np.float64) / level, nan=0.0, posinf=1.0, neginf=-1.0)
    t = (np.clip(t, -1.0, 1.0) + 1.0) / 2.0 if diverging else np.clip(t, 0.0, 1.0)
    return table[np.rint(t * 255).astype(np.intp)]


def _rgb32(rgb: np.ndarray) -> np.ndarray:
    """RGB bytes (n, 3) as QImage.Format_RGB32 pixels (0xffRRGGBB)."""
    c = rgb.astype(np.uint32)
    return (0xFF000000 | (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2]).astype(np.uint32)


def _faded(rgb: np.ndarray, keep: float) -> np.ndarray:
    """rgb moved towards white, keeping `keep` of its colour."""
    return (255 - (255 - rgb.astype(np.float64)) * keep).astype(np.uint8)


def _grid_shape(n: int) -> tuple[int, int]:
    """(rows, cols) of a hidden layer's grid: GRID_ROWS tall (or square, for big layers), read row by row."""
    rows = min(n, max(math.ceil(math.sqrt(n)), GRID_ROWS))
    return rows, math.ceil(n / rows)


def _index_map(n: int, rows: int, cols: int, pitch_px: int, gap_px: int) -> np.ndarray:
    """Which neuron every device pixel of a grid shows: its index, n for an empty cell past the last
    neuron, n + 1 for the gap lines between cells. Shape (rows·pitch − gap, cols·pitch − gap)."""
    r, in_y = np.divmod(np.arange(rows * pitch_px - gap_px), pitch_px)
    c, in_x = np.divmod(np.arange(cols * pitch_px - gap_px), pitch_px)
    index = r[:, None] * cols + c[None, :]
    gap = (in_y[:, None] >= pitch_px - gap_px) | (in_x[None, :] >= pitch_px - gap_px)
    return np.where(index >= n, n, np.where(gap, n + 1, index)).astype(np.intp)


@dataclass(frozen=True)
class _Grid:
    """Where one layer's n neurons are: a rows × cols grid at (left, top), cells `pitch` apart (in
    logical pixels), the last `gap` of each pitch being the line between cells."""

    n: int
    rows: int
    cols: int
    left: float
    top: float
    pitch: float
    gap: float
    index_map: np.ndarray

    @property
    def rect(self) -> QRectF:
        return QRectF(self.left, self.top, self.cols * self.pitch - self.gap, self.rows * self.pitch - self.gap)

    def cell_rect(self, i: int) -> QRectF:
        r, c = divmod(int(i), self.cols)
        return QRectF(self.left + c * self.pitch, self.top + r * self.pitch, self.pitch - self.gap,
                      self.pitch - self.gap)

    def centre(self, i: int) -> QPointF:
        return self.cell_rect(i).center()

    def centres(self, indices: np.ndarray) -> np.ndarray:
        """(k, 2) centres of many cells."""
        r, c = np.divmod(np.asarray(indices), self.cols)
        half = (self.pitch - self.gap) / 2
        return np.column_stack([self.left + c * self.pitch + half, self.top + r * self.pitch + half])

    def index_at(self, p: QPointF) -> int | None:
        x, y = p.x() - self.left, p.y() - self.top
        if not (0 <= x < self.cols * self.pitch and 0 <= y < self.rows * self.pitch):
            return None
        i = int(y // self.pitch) * self.cols + int(x // self.pitch)
        return i if i < self.n else None


@dataclass(frozen=True)
class _Outputs:
    """The output column: one row per class, `row_h` tall from `top`; a row holds the class name
    (right-aligned up to dot_x − dot/2 − 5), the neuron's dot, a bar and its value."""

    n: int
    left: float
    top: float
    row_h: float
    label_w: float
    dot: float
    bar_x: float
    bar_w: float
    value_w: float

    @property
    def dot_x(self) -> float:
        return self.left + self.label_w + 6 + self.dot / 2

    @property
    def rect(self) -> QRectF:
        return QRectF(self.left, self.top, self.bar_x + self.bar_w + 6 + self.value_w - self.left,
                      self.n * self.row_h)

    def row_y(self, k: int) -> float:
        return self.top + (k + 0.5) * self.row_h

    def centres(self, indices: np.ndarray) -> np.ndarray:
        ks = np.asarray(indices)
        return np.column_stack([np.full(len(ks), self.dot_x), self.top + (ks + 0.5) * self.row_h])

    def index_at(self, p: QPointF) -> int | None:
        if not self.rect.contains(p):
            return None
        return min(int((p.y() - self.top) // self.row_h), self.n - 1)


@dataclass
class _Geometry:
    grids: list[_Grid]  # the input and every hidden layer
    outputs: _Outputs
    caption_rect: QRectF
    caption_y: float  # top of the captions under the columns
    legend_y: float
    column_x: list[float]  # centre of every column, output last
    arrows: list[tuple[float, float, float]]  # (x_from, x_to, y) of the chevron between two columns


@dataclass(frozen=True)
class _Sample:
    """One sample's pass: a[l] for l = 0..L (a[0] is x), z[l] and delta[l] for l = 1..L (None where
    unknown), the input gradient dL/dx, the true class and this sample's loss."""

    a: tuple[np.ndarray, ...]
    z: tuple[np.ndarray | None, ...]
    delta: tuple[np.ndarray | None, ...]
    grad_input: np.ndarray | None
    target: int | None
    batch_loss: float | None
    batch: int

    @classmethod
    def of_snapshot(cls, snapshot: Snapshot) -> _Sample | None:
        step = snapshot.last_step
        if step is None:
            return None
        target = step.targets[0]
        return cls(
            a=tuple(np.asarray(a[0]) for a in step.activations),
            z=(None,) + tuple(np.asarray(z[0]) for z in step.zs),
            delta=(None,) + tuple(np.asarray(d[0]) for d in step.deltas),
            grad_input=None if step.grad_input is None else np.asarray(step.grad_input[0]),
            target=int(np.argmax(target)) if len(target) > 1 else int(target[0] > 0.5),
            batch_loss=float(step.loss),
            batch=len(step.batch_indices),
        )


@dataclass
class _Link:
    """A drawn connection from p0 to p1 (left to right), in its weight's pen."""

    p0: QPointF
    p1: QPointF
    pen: QPen


@dataclass
class _Scene:
    images: list[tuple[QImage, np.ndarray]]  # per grid: the image and the array it points into
    modes: list[str]  # per column (input, hidden..., output)
    links: list[_Link]
    ends: list[QRectF]  # the cells the links start or end at, outlined
    link_kind: str  # "weights" (the mouse's neuron) or "inputs" (the forward phase's, by |w·a|)
    probabilities: np.ndarray | None
    out_fill: list[QColor]  # the output dots
    out_delta: np.ndarray | None
    update_norms: list[np.ndarray] | None  # |ΔW| per neuron of each layer, for tooltips


class GridDiagram(QWidget):
    """An image-input network as a digit, neuron grids and ten probability bars (see the module docstring)."""

    neuron_selected = Signal(int, int)  # (layer, index); layer 0 is the input (index = pixel)

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
        self._fm = QFontMetricsF(self._font)

        self._sizes: tuple[int, ...] = ()
        self._activation_names: list[str] = []
        self._feature_names: tuple[str, ...] = ()
        self._class_names: tuple[str, ...] = ()
        self._image_shape: tuple[int, int] | None = None
        self._snapshot: Snapshot | None = None
        self._sample: _Sample | None = None
        self._tracing = False  # showing a drawn digit (show_trace) rather than a training step
        self._phase: Phase | None = None
        #: The caption at the top: the phase's label in slow motion, "" at full speed.
        self.phase_text = ""
        self._selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self._hover_pos: QPointF | None = None
        self._geo: _Geometry | None = None
        self._scene: _Scene | None = None
        self._legend: QPixmap | None = None
        self._legend_key: tuple | None = None

        self._flash = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    # -- public API ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(640, 400)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 260)

    def set_network(self, architecture: Architecture) -> None:
        """Draw a freshly built network. Forgets the previous snapshot and selection."""
        sizes, activation_names = architecture.sizes, architecture.activation_names
        feature_names, class_names = architecture.feature_names, architecture.class_names
        self._sizes = tuple(int(n) for n in sizes)
        n_layers = len(self._sizes) - 1
        self._activation_names = list(activation_names)[-n_layers:] if n_layers > 0 else []
        self._feature_names = tuple(feature_names)
        self._class_names = tuple(class_names)
        self._image_shape = architecture.image_shape
        self._snapshot = self._sample = self._phase = None
        self._tracing = False
        self.phase_text = ""
        self._selected = self._hover = None
        self._rebuild()

    def show_snapshot(self, snapshot: Snapshot, phase: Phase | None = None) -> None:
        """Draw `snapshot`: its latest step (phase None), or one phase of that step (slow motion). A
        snapshot of a different network (one still in flight from before a rebuild) is ignored."""
        if snapshot.sizes != self._sizes:
            return
        entering_update = phase is not None and phase.kind == "update" and (
            self._phase != phase or snapshot is not self._snapshot)
        self._snapshot, self._phase, self._tracing = snapshot, phase, False
        self._sample = _Sample.of_snapshot(snapshot)
        self.phase_text = phase.label() if phase is not None else ""
        if entering_update:
            self._flash.start()
        self._refresh()

    def show_trace(self, trace, label: str | None = None) -> None:
        """Show the forward pass of one digit that is not a training sample (drawn on the pad):
        `trace` is its engine Trace (every layer's z and a, batch of one); `label` is its class name
        when known (then marked as the target), else None. There are no error terms."""
        activations = trace.activations
        if len(activations) != len(self._sizes) or any(
                np.asarray(a).shape[-1] != n for a, n in zip(activations, self._sizes)):
            raise ValueError(f"a trace of {len(self._sizes)} layers of sizes {self._sizes} was expected")
        a = tuple(np.asarray(x, dtype=np.float64).reshape(-1) for x in activations)
        z = (None, *(np.asarray(x, dtype=np.float64).reshape(-1) for x in trace.zs))
        target = self._class_names.index(label) if label is not None and label in self._class_names else None
        self._sample = _Sample(a, z, (None,) * len(a), None, target, None, 1)
        self._phase, self._tracing, self.phase_text = None, True, ""
        self._refresh()

    @property
    def selected_neuron(self) -> tuple[int, int] | None:
        """The (layer, index) last clicked, outlined and shown with its connections; None after a click
        on empty space."""
        return self._selected

    @property
    def is_animating(self) -> bool:
        """Whether the update phase's flash is fading."""
        return self._timer.isActive()

    def node_center(self, layer: int, index: int) -> QPointF | None:
        """Where neuron `index` of `layer` is drawn (for the input: pixel `index`), or None."""
        geo = self._geo
        if geo is None or not 0 <= layer < len(self._sizes) or not 0 <= index < self._sizes[layer]:
            return None
        if layer < len(geo.grids):
            return geo.grids[layer].centre(index)
        x, y = geo.outputs.centres([index])[0]
        return QPointF(float(x), float(y))

    def neuron_at(self, pos) -> tuple[int, int] | None:
        """The (layer, index) of the neuron under pos (widget coordinates), or None. Over the input
        image the index is the pixel's, row by row; an output's whole row (name, dot, bar) is its."""
        geo = self._geo
        if geo is None:
            return None
        p = QPointF(pos)
        for layer, grid in enumerate(geo.grids):
            i = grid.index_at(p)
            if i is not None:
                return layer, i
        k = geo.outputs.index_at(p)
        return None if k is None else (len(self._sizes) - 1, k)

    def tooltip_text_at(self, pos) -> str | None:
        """The tooltip for the neuron under pos, or None."""
        neuron = self.neuron_at(pos)
        return None if neuron is None else self._neuron_tooltip(*neuron)

    def receptive_field(self, layer: int, index: int) -> np.ndarray | None:
        """What neuron `index` of `layer` (≥ 1) looks at in the input image, as an image-shaped array:
        for the first hidden layer its incoming weights W[0][index]; deeper, ∂z/∂x for the sample shown
        (the weights through the neurons it switched on), or the product of the weights when there is
        no sample. None when the input is no square image or there is no snapshot."""
        snap = self._snapshot
        if snap is None or self._image_shape is None or not 1 <= layer < len(self._sizes):
            return None
        row = np.asarray(snap.weights[layer - 1][index], dtype=np.float64)
        s = self._sample
        for l in range(layer - 1, 0, -1):
            # Through layer l: dz/da_l = row, da_l/dz_l = f'(z_l) (ReLU: z > 0), dz_l/da_{l-1} = W[l-1].
            if s is not None and s.z[l] is not None:
                row = row * self._slope(l, s.z[l], s.a[l])
            row = row @ np.asarray(snap.weights[l - 1], dtype=np.float64)
        return row.reshape(self._image_shape)

    # -- Qt events -----------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rebuild()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self._timer.stop()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        neuron = self.neuron_at(pos)
        moved = neuron != self._hover
        self._hover, self._hover_pos = neuron, QPointF(pos)
        if moved:
            self._refresh_links()
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
            self._refresh_links()
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        neuron = self.neuron_at(event.position())
        self._selected = neuron  # a click on empty space clears the selection
        self._refresh_links()
        self.update()
        if neuron is not None:
            self.neuron_selected.emit(*neuron)

    def _on_tick(self) -> None:
        self.update()
        if self._flash_level() <= 0:
            self._timer.stop()

    # -- state ---------------------------------------------------------------------------------------

    def _n_layers(self) -> int:
        return len(self._sizes) - 1

    def _activation(self, layer: int) -> str:
        names = self._activation_names
        return names[layer - 1] if 0 < layer <= len(names) else ""

    def _slope(self, layer: int, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """f'(z) of a hidden layer, from the engine's own activation (its backward of a unit gradient)."""
        return get_activation(self._activation(layer)).backward(z, a, np.ones_like(a))

    def _class_name(self, k: int) -> str:
        return self._class_names[k] if k < len(self._class_names) else str(k)

    def _flash_level(self) -> float:
        if self._phase is None or self._phase.kind != "update" or not self._flash.isValid():
            return 0.0
        return max(0.0, 1.0 - self._flash.elapsed() / _FLASH_MS)

    def _refresh(self) -> None:
        # A diverged network's inf/NaN values still draw (clipped to the scale) without warnings.
        with np.errstate(all="ignore"):
            self._rebuild_scene()
        if self.isVisible() and self._flash_level() > 0 and not self._timer.isActive():
            self._timer.start()
        self.update()

    def _rebuild(self) -> None:
        self._rebuild_geometry()
        self._refresh()

    # -- geometry ------------------------------------------------------------------------------------

    def _rebuild_geometry(self) -> None:
        self._geo = None
        sizes = self._sizes
        if len(sizes) < 2:
            return
        fm, fh = self._fm, self._fm.height()
        dpr = self.devicePixelRatioF()
        w, h = float(self.width()), float(self.height())
        pad = 10.0
        caption_rect = QRectF(pad, pad - 2, w - 2 * pad, QFontMetricsF(self._caption_font).height() + 4)
        legend_y = h - pad - fh
        caption_y = legend_y - 8 - 2 * fh
        area_top = caption_rect.bottom() + 10
        area_h = max(caption_y - 10 - area_top, 40.0)
        n_out = sizes[-1]

        label_w = max(fm.horizontalAdvance(self._class_name(k)) for k in range(n_out)) + 14
        value_w = max(fm.horizontalAdvance("100%"), fm.horizontalAdvance("−8e−8")) + 2
        bar_w = min(max(56.0, 0.1 * w), 150.0)
        out_w = label_w + 6 + 12 + 6 + bar_w + 6 + value_w  # name, dot, bar, value
        hidden = [_grid_shape(n) for n in sizes[1:-1]]
        rows_max = max([r for r, _ in hidden], default=1)
        # Every column and the gaps beside it hold its widest caption, so captions never run into each other.
        needs = [self._caption_width(layer) - MIN_GAP_PX for layer in range(len(sizes))]
        out_w = max(out_w, needs[-1])
        avail_w = w - 2 * pad - out_w - (len(sizes) - 1) * MIN_GAP_PX
        if self._image_shape is not None:
            (in_rows, in_cols), in_gap_px = self._image_shape, 0
        else:
            (in_rows, in_cols), in_gap_px = _grid_shape(sizes[0]), 1

        def pitch_gap(pitch_px: int) -> int:
            return max(1, round(dpr * (2 if pitch_px / dpr >= 14 else 1)))

        def slots(zoom_px: int, pitch_px: int) -> tuple[list[float], list[float]]:
            """Each column's drawn width and its width with the caption's room."""
            drawn = [(in_cols * zoom_px - in_gap_px) / dpr]
            drawn += [(c * pitch_px - pitch_gap(pitch_px)) / dpr for _, c in hidden]
            return drawn, [max(d, need) for d, need in zip(drawn, needs)]

        # The input image: the largest whole-pixel zoom whose side is not much taller than the grids,
        # with the largest cells that fit beside it.
        top_pitch = max(3, int(min(area_h / rows_max, MAX_PITCH) * dpr))
        zoom_px = max(1, int(min(area_h, avail_w * 0.6) * dpr / max(in_rows, in_cols)))
        while True:
            pitch_px = top_pitch
            while pitch_px > 3 and sum(slots(zoom_px, pitch_px)[1]) > avail_w:
                pitch_px -= 1
            in_side = zoom_px * max(in_rows, in_cols) / dpr
            if zoom_px == 1 or not hidden or in_side <= 1.15 * rows_max * pitch_px / dpr:
                break
            zoom_px -= 1
        drawn, widths = slots(zoom_px, pitch_px)
        shapes = [(sizes[0], in_rows, in_cols, zoom_px, in_gap_px)]
        shapes += [(n, r, c, pitch_px, pitch_gap(pitch_px)) for n, (r, c) in zip(sizes[1:-1], hidden)]

        widths.append(out_w)
        spare = w - 2 * pad - sum(widths)
        extra = min(max(spare - (len(widths) - 1) * 70.0, 0.0), 120.0)  # longer bars when there is room
        widths[-1] += extra
        spare -= extra
        gap = min(max(spare / (len(widths) - 1), 8.0), 150.0)
        x = round((w - sum(widths) - gap * (len(widths) - 1)) / 2 * dpr) / dpr
        mid = area_top + area_h / 2
        grids, column_x = [], []
        for (n, rows, cols, p, g), d, width in zip(shapes, drawn, widths):
            height = (rows * p - g) / dpr
            top = round((mid - height / 2) * dpr) / dpr
            left = round((x + (width - d) / 2) * dpr) / dpr
            grids.append(_Grid(n, rows, cols, left, top, p / dpr, g / dpr, _index_map(n, rows, cols, p, g)))
            column_x.append(x + width / 2)
            x = round((x + width + gap) * dpr) / dpr
        row_h = min(max((area_h - fh - 6) / n_out, 6.0), 30.0)  # room for the verdict line below
        out_top = max(area_top, mid - (n_out * row_h + fh + 6) / 2)  # the block with its verdict, centred
        out_left = x + (widths[-1] - (out_w + extra)) / 2
        bar_x = out_left + label_w + 6 + 12 + 6
        outputs = _Outputs(n_out, out_left, out_top, row_h, label_w, 12.0, bar_x, bar_w + extra, value_w)
        column_x.append(x + widths[-1] / 2)
        edges = [(g.rect.right(), g.rect.left()) for g in grids] + [(0.0, out_left + label_w - 14)]
        arrows = [(edges[k][0], edges[k + 1][1], mid) for k in range(len(grids))]
        self._geo = _Geometry(grids, outputs, caption_rect, caption_y, legend_y, column_x, arrows)

    # -- scene ---------------------------------------------------------------------------------------

    def _column_mode(self, layer: int) -> str:
        """How column `layer` is drawn in the current phase: "act" (activations), "dim" (not reached
        yet), "faded" (passed by the backward pass), "delta", "grad" (the input's gradient), "update"."""
        phase, s = self._phase, self._sample
        if s is None:
            return "dim"
        kind = phase.kind if phase is not None else None
        if kind is None or kind == "loss":
            return "act"
        if kind == "input":
            return "act" if layer == 0 else "dim"
        if kind == "forward":
            return "act" if layer <= phase.layer else "dim"
        if kind == "backward":
            if layer >= max(phase.layer, 1):
                return "delta"
            if layer == 0 and phase.layer <= 1 and s.grad_input is not None:
                return "grad"
            return "faded"
        return "update" if self._snapshot.update_W is not None else "act"

    def _rebuild_scene(self) -> None:
        geo = self._geo
        if geo is None:
            self._scene = None
            return
        s, snap = self._sample, self._snapshot
        n_layers = self._n_layers()
        modes = [self._column_mode(layer) for layer in range(n_layers + 1)]
        update_norms = None
        if snap is not None and snap.update_W is not None and not self._tracing:
            update_norms = [np.sqrt(np.square(dW, dtype=np.float64).sum(axis=1)) for dW in snap.update_W]
        images = []
        dpr = self.devicePixelRatioF()
        for layer, grid in enumerate(geo.grids):
            rgb = self._grid_colours(layer, modes[layer], update_norms)
            filler = [DIM_CELL, DIM_GAP] if modes[layer] == "dim" else [GRID_PAD, GRID_GAP]
            palette = _rgb32(np.vstack([rgb, np.array(filler, dtype=np.uint8)]))
            pixels = np.take(palette, grid.index_map)  # one 32-bit look-up per device pixel
            hp, wp = grid.index_map.shape
            image = QImage(pixels.data, wp, hp, 4 * wp, QImage.Format.Format_RGB32)
            image.setDevicePixelRatio(dpr)
            images.append((image, pixels))

        probabilities = out_delta = None
        out_mode = modes[-1]
        fills = [QColor(*DIM_CELL)] * self._sizes[-1]
        if s is not None and out_mode != "dim":
            probabilities = np.asarray(s.a[n_layers], dtype=np.float64)
            if out_mode == "delta":
                out_delta = np.asarray(s.delta[n_layers], dtype=np.float64)
                rgb = _colours(out_delta, symmetric_level(out_delta), _DELTA, True)
            elif out_mode == "update" and update_norms is not None:
                norms = update_norms[-1]
                rgb = _colours(norms, symmetric_level(norms), _UPDATE, False)
            else:
                rgb = _colours(probabilities, 1.0, _SEQUENTIAL, False)
            fills = [QColor(*map(int, c)) for c in rgb]
        self._scene = _Scene(images, modes, [], [], "", probabilities, fills, out_delta, update_norms)
        self._refresh_links()

    def _act_scale(self, layer: int, a: np.ndarray) -> tuple[float, bool]:
        """(level, diverging) for a layer's activations: tanh on [−1, 1], sigmoid on [0, 1], ReLU and
        other non-negative activations on [0, the layer's largest]; anything else symmetric."""
        name = self._activation(layer)
        if name == "tanh":
            return 1.0, True
        if name in ("sigmoid", "softmax"):
            return 1.0, False
        finite = a[np.isfinite(a)]
        if finite.size and finite.min() < 0:
            return symmetric_level(a), True
        return max(float(finite.max()) if finite.size else 0.0, 1e-6), False

    def _grid_colours(self, layer: int, mode: str, update_norms) -> np.ndarray:
        """RGB (n, 3) of a grid's neurons (for the input: its pixels) in `mode`."""
        s, n = self._sample, self._sizes[layer]
        if mode == "dim" or s is None:
            return np.full((n, 3), DIM_CELL, dtype=np.uint8)
        if mode == "delta":
            d = s.delta[layer]
            return _colours(d, symmetric_level(d), _DELTA, True)
        if mode == "update" and update_norms is not None:
            if layer == 0:  # how far each pixel's outgoing weights moved: column norms of ΔW[0]
                norms = np.sqrt(np.square(self._snapshot.update_W[0], dtype=np.float64).sum(axis=0))
            else:
                norms = update_norms[layer - 1]
            return _colours(norms, symmetric_level(norms), _UPDATE, False)
        if layer == 0:
            x = np.nan_to_num(s.a[0])
            ink = np.clip(x / max(float(x.max()) if x.size else 1.0, 1.0), 0.0, 1.0)  # ink 1 is black
            if mode == "grad":
                g = s.grad_input
                rgb = _colours(g, symmetric_level(g), _DELTA, True).astype(np.float64)
                # The digit shows through the gradient as a darker shade, so you see where it is.
                return (rgb * (1 - 0.3 * ink[:, None])).astype(np.uint8)
            rgb = _colours(ink, 1.0, _GREY, False)
            return _faded(rgb, 0.45) if mode == "faded" else rgb
        a = s.a[layer]
        level, diverging = self._act_scale(layer, a)
        rgb = _colours(a, level, _DIVERGING if diverging else _SEQUENTIAL, diverging)
        return _faded(rgb, 0.45) if mode == "faded" else rgb

    def _focus(self) -> tuple[tuple[int, int], bool] | None:
        """The neuron whose connections are drawn and whether it was picked by the mouse: hovered, else
        selected, else (in a forward phase) the most active neuron of the layer just computed."""
        if self._hover is not None:
            return self._hover, True
        if self._selected is not None:
            return self._selected, True
        phase, s = self._phase, self._sample
        if phase is not None and phase.kind == "forward" and s is not None and phase.layer < len(s.a):
            return (phase.layer, int(np.argmax(s.a[phase.layer]))), False
        return None

    def _points(self, layer: int, indices: np.ndarray) -> np.ndarray:
        geo = self._geo
        return geo.grids[layer].centres(indices) if layer < len(geo.grids) else geo.outputs.centres(indices)

    def _cell(self, layer: int, i: int) -> QRectF:
        geo = self._geo
        if layer < len(geo.grids):
            r = geo.grids[layer].cell_rect(i)
            grow = 1.5 if geo.grids[layer].pitch >= 5 else 2.5
            return r.adjusted(-grow, -grow, grow, grow)
        c = geo.outputs.centres([i])[0]
        d = geo.outputs.dot / 2 + 2.5
        return QRectF(c[0] - d, c[1] - d, 2 * d, 2 * d)

    def _refresh_links(self) -> None:
        """The connections of the focused neuron. Picked by the mouse: its strongest TOP_LINKS incoming
        weights (a pixel: outgoing), and into the output layer all its outgoing ones. Picked by the
        forward phase: the TOP_LINKS inputs that fed it most on this sample, by |w·a|. Coloured by the
        sign of w, as wide as the value relative to the strongest drawn."""
        scene, snap, s = self._scene, self._snapshot, self._sample
        if scene is None:
            return
        scene.links, scene.ends, scene.link_kind = [], [], ""
        picked = self._focus() if snap is not None else None
        if picked is None:
            return
        (layer, i), by_mouse = picked
        n_layers = self._n_layers()
        here = QPointF(*self._points(layer, [i])[0])
        bundles = []  # (other layer, weights, strength, incoming)
        if layer >= 1:
            w = np.asarray(snap.weights[layer - 1][i], dtype=np.float64)
            strength = np.abs(w) if by_mouse or s is None else np.abs(w * s.a[layer - 1])
            bundles.append((layer - 1, w, strength, True))
        if layer < n_layers and (layer == 0 or layer == n_layers - 1) and by_mouse:
            w = np.asarray(snap.weights[layer][:, i], dtype=np.float64)
            bundles.append((layer + 1, w, np.abs(w), False))
        scene.link_kind = "weights" if by_mouse else "inputs"
        for other, w, strength, incoming in bundles:
            k = min(TOP_LINKS, len(w))
            top = np.argpartition(-strength, k - 1)[:k]
            top = top[strength[top] > 0]
            top = top[np.argsort(strength[top])]  # the strongest drawn last, on top
            if not len(top):
                continue
            strongest = float(strength[top].max())
            for j, (x, y) in zip(top, self._points(other, top)):
                t = float(strength[j]) / strongest
                pen = QPen(value_color(math.copysign(0.35 + 0.65 * t, w[j])), 0.8 + 2.7 * t)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                there = QPointF(float(x), float(y))
                p0, p1 = (there, here) if incoming else (here, there)
                scene.links.append(_Link(p0, p1, pen))
                scene.ends.append(self._cell(other, int(j)))

    # -- tooltips ------------------------------------------------------------------------------------

    def _neuron_tooltip(self, layer: int, i: int) -> str:
        s, snap = self._sample, self._snapshot
        n_layers = self._n_layers()
        if layer == 0:
            if self._image_shape is not None:
                r, c = divmod(i, self._image_shape[1])
                lines = [f"pixel (row {r}, column {c}) · input {i + 1} of {self._sizes[0]}"]
            else:
                name = self._feature_names[i] if i < len(self._feature_names) else f"x{i + 1}"
                lines = [f"input {i + 1} of {self._sizes[0]}: {name}"]
            if s is not None:
                lines.append(f"x = {_num(s.a[0][i])}")
                if s.grad_input is not None:
                    lines.append(f"∂L/∂x = {_num(s.grad_input[i])}")
            else:
                lines.append("x = —")
        else:
            act = self._activation(layer)
            act = f" · {act}" if act else ""
            n = self._sizes[layer]
            if layer < n_layers:
                lines = [f"hidden {layer} · neuron {i + 1} of {n}{act}"]
            else:
                lines = [f"output {i + 1} of {n} (class {self._class_name(i)}){act}"]
            if s is not None:
                z = s.z[layer]
                lines.append(f"z = {_num(z[i])}" if z is not None else "z = —")
                lines.append(f"a = {_num(s.a[layer][i])}")
                d = s.delta[layer]
                lines.append(f"δ = {_num(d[i])}" if d is not None else "δ: none (no training step)")
                if layer == n_layers and s.target is not None:
                    lines.append(f"target = {1 if i == s.target else 0}")
            else:
                lines.append("z, a, δ: no step yet")
            if snap is not None:
                bias = f"bias b = {_num(snap.biases[layer - 1][i])}"
                if snap.update_b is not None:
                    bias += f"   (last Δb = {_num(snap.update_b[layer - 1][i])})"
                lines.append(bias)
                W = snap.weights[layer - 1]
                lines.append(f"{W.shape[1]} incoming weights, |w| ≤ {_num(np.abs(W[i]).max())}")
                scene = self._scene
                if scene is not None and scene.update_norms is not None:
                    lines.append(f"last |ΔW| of its row = {_num(scene.update_norms[layer - 1][i])}")
        if s is not None and s.batch > 1:
            lines.append(f"(first sample of a batch of {s.batch})")
        return "\n".join(lines)

    # -- painting ------------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        geo, scene = self._geo, self._scene
        if geo is None or scene is None:
            painter.setPen(SUBTLE)
            painter.setFont(self._font)
            painter.drawText(self.rect(), _CENTER, "No network yet")
            painter.end()
            return
        try:
            self._paint_caption(painter, geo)
            self._paint_grids(painter, geo, scene)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_arrows(painter, geo)
            self._paint_links(painter, scene)
            self._paint_outputs(painter, geo, scene)
            self._paint_captions(painter, geo, scene)
            self._paint_legend(painter, geo, scene)
            self._paint_inset(painter, geo)
        finally:
            painter.end()  # an exception with an active painter would take the process down

    def _paint_caption(self, painter: QPainter, geo: _Geometry) -> None:
        rect = geo.caption_rect
        if self.phase_text:
            painter.setFont(self._caption_font)
            painter.setPen(TEXT)
            fm = QFontMetricsF(self._caption_font)
            text = fm.elidedText(self.phase_text, Qt.TextElideMode.ElideRight, rect.width())
        else:
            painter.setFont(self._font)
            painter.setPen(FAINT)
            if self._tracing:
                hint = "Your digit's forward pass · hover a neuron for its numbers and what it looks at"
            elif self._snapshot is not None:
                hint = "Latest step · first sample of the batch · hover a neuron for its numbers and weights"
            else:
                hint = "Waiting for the first training step"
            text = self._fm.elidedText(hint, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, _LEFT, text)

    def _paint_grids(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        flash = self._flash_level()
        for layer, (grid, (image, _)) in enumerate(zip(geo.grids, scene.images)):
            rect = grid.rect
            mode = scene.modes[layer]
            if mode == "update" and flash > 0:  # a purple glow that fades, once per update phase
                glow = QColor(*UPDATE)
                glow.setAlphaF(0.3 * flash)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(glow)
                grow = 2 + 4 * flash
                painter.drawRoundedRect(rect.adjusted(-grow, -grow, grow, grow), grow, grow)
            painter.drawImage(rect.topLeft(), image)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(FRAME if mode != "dim" else QColor(*DIM_GAP), 1.0))
            painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        for key, color, width in ((self._hover, SUBTLE, 1.5), (self._selected, SELECTED, 2.0)):
            if key is not None and key[0] < len(geo.grids):
                painter.setPen(QPen(color, width))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(self._cell(*key))

    def _paint_arrows(self, painter: QPainter, geo: _Geometry) -> None:
        """A chevron between every two columns: the direction the current phase flows, bold where it is."""
        phase = self._phase
        kind = phase.kind if phase is not None else None
        painter.setPen(Qt.PenStyle.NoPen)
        for k, (x0, x1, y) in enumerate(geo.arrows):
            if x1 - x0 < 14:
                continue
            into = k + 1  # the chevron feeds layer k + 1 (forward) or layer k (backward)
            backward = kind == "backward"
            active = (kind == "forward" and phase.layer == into) or (backward and phase.layer == into)
            color = DELTA_TEXT if backward else QColor(90, 90, 90)
            if not active:
                color = QColor(205, 205, 205) if kind is not None else QColor(175, 175, 175)
            size = 9.0 if active else 7.0
            cx = (x0 + x1) / 2
            d = -1 if backward else 1
            poly = QPolygonF([QPointF(cx + d * size * 0.6, y), QPointF(cx - d * size * 0.5, y - size * 0.7),
                              QPointF(cx - d * size * 0.2, y), QPointF(cx - d * size * 0.5, y + size * 0.7)])
            painter.setBrush(color)
            painter.drawPolygon(poly)

    def _paint_links(self, painter: QPainter, scene: _Scene) -> None:
        if not scene.links:
            return
        for link in scene.links:
            halo = QPen(QColor(255, 255, 255), link.pen.widthF() + 2.0)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawLine(QLineF(link.p0, link.p1))
            painter.setPen(link.pen)
            painter.drawLine(QLineF(link.p0, link.p1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(60, 60, 60), 1.0))
        for rect in scene.ends:
            painter.drawRect(rect)

    def _paint_outputs(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        out, s = geo.outputs, self._sample
        mode = scene.modes[-1]
        fm, fh = self._fm, self._fm.height()
        p = scene.probabilities
        predicted = int(np.nanargmax(p)) if p is not None and np.isfinite(p).any() else None
        target = s.target if s is not None and mode != "dim" else None
        kind = self._phase.kind if self._phase is not None else None
        show_delta = scene.out_delta is not None and self._phase.layer == self._n_layers()
        probability = self._activation(self._n_layers()) in ("softmax", "sigmoid")
        bar_h = max(4.0, min(out.row_h * 0.45, 11.0))
        for k in range(out.n):
            y = out.row_y(k)
            name = self._class_name(k)
            label_rect = QRectF(out.left, y - fh / 2, out.label_w, fh)
            if k == target:  # the true class: white on a dark chip
                chip_w = fm.horizontalAdvance(name) + 10
                chip = QRectF(out.left + out.label_w - chip_w, y - fh / 2, chip_w, fh)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(TARGET_CHIP)
                painter.drawRoundedRect(chip, 3, 3)
                painter.setPen(QColor("#ffffff"))
                painter.setFont(self._bold)
                painter.drawText(chip, _CENTER, name)
            else:
                painter.setFont(self._bold if k == predicted else self._font)
                painter.setPen(TEXT if mode != "dim" else FAINT)
                painter.drawText(label_rect.adjusted(0, 0, -5, 0), _RIGHT, name)
            painter.setPen(QPen(QColor(140, 140, 140) if mode != "dim" else QColor(*DIM_GAP), 1.0))
            painter.setBrush(scene.out_fill[k])
            r = out.dot / 2
            painter.drawEllipse(QPointF(out.dot_x, y), r, r)
            track = QRectF(out.bar_x, y - bar_h / 2, out.bar_w, bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BAR_TRACK)
            painter.drawRect(track)
            if p is None:
                continue
            value = float(np.clip(np.nan_to_num(p[k]), 0.0, 1.0))
            strong = k == predicted
            text_rect = QRectF(track.right() + 6, y - fh / 2, out.value_w + 40, fh)
            if show_delta:
                # δ = ∂L/∂z of each output, as a bar from the middle of the track, and its value.
                d = float(np.nan_to_num(scene.out_delta[k]))
                level = symmetric_level(scene.out_delta)
                half = track.width() / 2
                length = half * min(abs(d) / level, 1.0)
                painter.setBrush(QColor(*(DELTA_POSITIVE if d > 0 else DELTA_NEGATIVE)))
                painter.drawRect(QRectF(track.center().x() - (length if d < 0 else 0), track.top(), length, bar_h))
                painter.setBrush(FAINT)
                painter.drawRect(QRectF(track.center().x() - 0.5, track.top() - 2, 1.0, bar_h + 4))
                painter.setFont(self._font)
                painter.setPen(DELTA_TEXT)
                painter.drawText(text_rect, _LEFT, _compact(d))
                continue
            color = QColor(*POSITIVE) if strong else QColor(*(int(v) for v in _faded(np.array(POSITIVE), 0.45)))
            if mode in ("delta", "faded", "update"):
                color = QColor(*(int(v) for v in _faded(np.array([color.red(), color.green(), color.blue()]), 0.5)))
            painter.setBrush(color)
            painter.drawRect(QRectF(track.left(), track.top(), track.width() * value, bar_h))
            if kind == "loss" and target is not None:
                # The error the loss measures: from the output to its target (1 for the true class, else 0).
                goal = 1.0 if k == target else 0.0
                if abs(goal - value) > 0.005:
                    x0, x1 = sorted((track.left() + track.width() * value, track.left() + track.width() * goal))
                    painter.setBrush(QColor(*DELTA_POSITIVE))
                    painter.drawRect(QRectF(x0, y - 1.5, x1 - x0, 3.0))
                if k == target:
                    painter.setBrush(TEXT)
                    painter.drawRect(QRectF(track.right() - 1, track.top() - 3, 2, bar_h + 6))
            painter.setFont(self._bold if strong else self._font)
            painter.setPen(TEXT if strong else SUBTLE)
            painter.drawText(text_rect, _LEFT, f"{100 * value:.0f}%" if probability else _short(p[k]))
        self._paint_verdict(painter, out, predicted, target, kind)

    def _paint_verdict(self, painter: QPainter, out: _Outputs, predicted, target, kind) -> None:
        """One line under the outputs: the prediction against the label, or in the loss phase the loss."""
        s = self._sample
        if s is None or predicted is None or self._scene.modes[-1] == "dim":
            return
        p = self._scene.probabilities
        if kind == "loss" and target is not None:
            if self._activation(self._n_layers()) == "softmax":
                loss = -math.log(max(float(p[target]), 1e-12))
                text = f"loss −ln p({self._class_name(target)}) = {_short(loss)}"
            else:
                text = f"batch loss {_short(s.batch_loss)}" if s.batch_loss is not None else ""
            color = DELTA_TEXT
        elif target is None:
            text, color = f"predicted {self._class_name(predicted)}", TEXT
        elif predicted == target:
            text, color = f"predicted {self._class_name(predicted)} ✓", TEXT
        else:
            text, color = f"predicted {self._class_name(predicted)} ✗ (true {self._class_name(target)})", DELTA_TEXT
        fh = self._fm.height()
        rect = out.rect
        y = rect.bottom() + 6
        if y + fh > self._geo.caption_y - 2:  # no room below: above the outputs
            y = rect.top() - 6 - fh
        painter.setFont(self._bold)
        painter.setPen(color)
        painter.drawText(QRectF(rect.left(), y, self.width() - rect.left() - 4, fh), _LEFT, text)

    def _caption(self, layer: int, mode: str) -> tuple[str, str]:
        """The two lines under column `layer` drawn in `mode`: what it is, and what its colours are."""
        s = self._sample
        n_layers = self._n_layers()
        if layer == 0:
            shape = f"{self._image_shape[0]}×{self._image_shape[1]}" if self._image_shape else str(self._sizes[0])
            if mode == "grad":
                return "∂L/∂x: what would", "change this answer"
            if mode == "update":
                return f"input · {shape}", "|ΔW| per pixel"
            if s is not None and s.target is not None:
                second = f"label {self._class_name(s.target)}"
            else:
                second = "your drawing" if self._tracing else ""
            return f"input · {shape}", second
        act = self._activation(layer)
        if layer == n_layers:
            first = f"output · {act}" if act else "output"
        else:
            first = f"hidden {layer} · {self._sizes[layer]} {act}".rstrip()
        second = {
            "delta": "error terms δ",
            "update": "|ΔW| per neuron",
            "dim": "not computed yet",
        }.get(mode, "probabilities" if layer == n_layers and act == "softmax" else "activations a")
        return first, second

    def _caption_width(self, layer: int) -> float:
        """The room column `layer`'s captions need in any phase (in the bold of an active column)."""
        fm = QFontMetricsF(self._bold)
        modes = ("act", "dim", "delta", "update") + (("grad",) if layer == 0 else ())
        lines = [line for mode in modes for line in self._caption(layer, mode)]
        if layer == 0:
            lines += ["your drawing"] + [f"label {self._class_name(k)}" for k in range(self._sizes[-1])]
        return max(fm.horizontalAdvance(line) for line in lines) + 10

    def _paint_captions(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        phase = self._phase
        kind = phase.kind if phase is not None else None
        active = None
        if kind in ("forward", "backward"):
            active = phase.layer
        elif kind == "input":
            active = 0
        elif kind == "loss":
            active = self._n_layers()
        if kind == "backward" and scene.modes[0] == "grad":
            active = 0
        fh = self._fm.height()
        captions = [self._caption(layer, mode) for layer, mode in enumerate(scene.modes)]
        for layer, (lines, x) in enumerate(zip(captions, geo.column_x)):
            is_active = layer == active
            for n, line in enumerate(lines):
                if not line:
                    continue
                font = self._bold if is_active else self._font
                fm = QFontMetricsF(font)
                w = fm.horizontalAdvance(line) + 4
                x0 = min(max(x - w / 2, 4.0), self.width() - 4.0 - w)
                painter.setFont(font)
                delta_line = n == 1 and scene.modes[layer] in ("delta", "grad")
                painter.setPen(DELTA_TEXT if delta_line else (TEXT if is_active else SUBTLE))
                painter.drawText(QRectF(x0, geo.caption_y + n * fh, w, fh), _CENTER, line)
        painter.setFont(self._font)

    def _legend_items(self, scene: _Scene) -> list[list[tuple]]:
        modes = scene.modes
        items = []
        hidden_acts = {self._activation(l) for l in range(1, self._n_layers())}
        if any(m in ("act", "faded") for m in modes[1:]):
            if hidden_acts <= {"tanh"} and hidden_acts:
                items.append([("text", "a", SUBTLE), ("text", "−1", FAINT), ("bar", _DIVERGING), ("text", "+1", FAINT)])
            else:
                top = "1" if hidden_acts <= {"sigmoid"} and hidden_acts else "max"
                items.append([("text", "a", SUBTLE), ("text", "0", FAINT), ("bar", _SEQUENTIAL),
                              ("text", top, FAINT)])
        if any(m in ("delta", "grad") for m in modes):
            items.append([("text", "δ, ∂L/∂x", SUBTLE), ("text", "−", FAINT), ("bar", _DELTA), ("text", "+", FAINT)])
        if "update" in modes:
            items.append([("text", "|ΔW|", SUBTLE), ("text", "0", FAINT), ("bar", _UPDATE), ("text", "max", FAINT)])
        if scene.links and scene.link_kind == "inputs":
            items.append([("lines",), ("text", "what fed the most active neuron: largest |w·a|, by sign of w",
                                       SUBTLE)])
        elif scene.links:
            items.append([("lines",), ("text", "strongest weights, + orange − blue, width ∝ |w|", SUBTLE)])
        elif self._snapshot is not None:
            items.append([("text", "hover or click a neuron to see its strongest weights", FAINT)])
        return items

    def _paint_legend(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        """The legend row, drawn into a pixmap and reused until the width or its items change."""
        items = self._legend_items(scene)
        dpr = self.devicePixelRatioF()
        key = (self.width(), dpr, repr([[p[:2] if p[0] == "text" else p[0] for p in item] for item in items]))
        if self._legend_key != key:
            height = self._fm.height() + 2
            pixmap = QPixmap(max(1, round(self.width() * dpr)), max(1, round(height * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            legend = QPainter(pixmap)
            legend.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._draw_legend(legend, items)
            legend.end()
            self._legend, self._legend_key = pixmap, key
        painter.drawPixmap(QPointF(0, geo.legend_y), self._legend)

    def _draw_legend(self, painter: QPainter, items: list[list[tuple]]) -> None:
        fm, fh = self._fm, self._fm.height()
        mid, bar_w, gap = fh / 2, 54.0, 4.0
        painter.setFont(self._font)

        def width(part) -> float:
            if part[0] == "text":
                return fm.horizontalAdvance(part[1])
            return bar_w if part[0] == "bar" else 22.0

        x = 10.0
        for item in items:
            if x + sum(width(part) + gap for part in item) > self.width() - 10:
                break
            for part in item:
                if part[0] == "text":
                    painter.setPen(part[2])
                    painter.drawText(QRectF(x, 0, width(part) + 2, fh), _LEFT, part[1])
                elif part[0] == "bar":
                    rect = QRectF(x, mid - 5, bar_w, 10)
                    gradient = QLinearGradient(rect.topLeft(), rect.topRight())
                    table = part[1]
                    for pos in (0.0, 0.5, 1.0):
                        gradient.setColorAt(pos, QColor(*map(int, table[round(pos * 255)])))
                    painter.setBrush(gradient)
                    painter.setPen(QPen(QColor(190, 190, 190), 0.8))
                    painter.drawRoundedRect(rect, 2, 2)
                else:
                    for n, (w, t) in enumerate(((1.0, -0.5), (2.2, 0.8), (3.4, 1.0))):
                        painter.setPen(QPen(value_color(t), w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                        cx = x + n * 8 + 2
                        painter.drawLine(QPointF(cx, mid + 6), QPointF(cx, mid - 6))
                x += width(part) + gap
            x += 14

    def _paint_inset(self, painter: QPainter, geo: _Geometry) -> None:
        """The hovered neuron's receptive field, 28×28 at INSET_SCALE×, in a small panel by the mouse."""
        if self._hover is None or self._hover[0] == 0 or self._hover_pos is None:
            return
        field = self.receptive_field(*self._hover)
        if field is None:
            return
        h, w = field.shape
        level = symmetric_level(field)
        rgb = np.ascontiguousarray(_colours(field.ravel(), level, _DIVERGING, True).reshape(h, w, 3))
        image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
        side_w, side_h = w * INSET_SCALE, h * INSET_SCALE
        layer = self._hover[0]
        title = "weights from the pixels" if layer == 1 else "∂z/∂x for this digit"
        if layer > 1 and self._sample is None:
            title = "product of the weights"
        fh = self._fm.height()
        panel_w = max(side_w, self._fm.horizontalAdvance(title)) + 12
        panel_h = side_h + fh + 14
        x = self._hover_pos.x() - panel_w - 14
        if x < 4:
            x = self._hover_pos.x() + 18
        y = min(max(self._hover_pos.y() - panel_h - 10, 4.0), self.height() - panel_h - 4)
        panel = QRectF(x, y, panel_w, panel_h)
        painter.setPen(QPen(FRAME, 1.0))
        painter.setBrush(QColor(255, 255, 255, 245))
        painter.drawRoundedRect(panel, 4, 4)
        painter.setFont(self._font)
        painter.setPen(SUBTLE)
        painter.drawText(QRectF(x + 6, y + 4, panel_w - 12, fh), _CENTER, title)
        target = QRectF(x + (panel_w - side_w) / 2, y + fh + 8, side_w, side_h)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, image)
        painter.setPen(QPen(FRAME, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target)
