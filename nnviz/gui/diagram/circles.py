"""The network diagram: every neuron and connection of a small MLP, painted from a snapshot.

At full speed it shows the latest step: a neuron's colour is its activation on the first sample of the
batch, a connection is orange for w > 0 and blue for w < 0 and as thick as |w| (relative to its layer),
and the small square at a neuron's corner is its bias. In slow motion it plays one step phase by phase
(see phases.py): the sample enters, the forward pass lights one layer after the other, the output meets
its target, the error terms δ flow back (in their own green/magenta palette), and the weights move.
On 2-D datasets every neuron is a small heatmap of what it computes over the input plane, as in
TensorFlow Playground, and its border is its activation on the current sample.

Work is done as rarely as it can be: geometry (node centres, connection segments) on resize and
`set_network`; pens, grouped lines and heatmap tiles in `show_snapshot`; `paintEvent` only draws.
Layers are numbered as in phases.py: 0 is the input, 1..L the layers of neurons; the connections
"into layer l" are the weights W[l-1] of shape (sizes[l], sizes[l-1]).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QElapsedTimer, QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QImage, QLinearGradient, QPainter, QPen, QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nnviz.gui.theme import (
    DELTA_NEGATIVE, DELTA_POSITIVE, NEGATIVE, POSITIVE, ZERO, delta_color, symmetric_level, value_color,
)
from nnviz.training.phases import Phase
from nnviz.training.architecture import Architecture
from nnviz.training.snapshot import Snapshot

__all__ = ["CircleDiagram"]

MAX_SHOWN = 32  # a layer with more neurons is drawn as its first and last few and a "⋮ n" marker
EDGE_SHOWN = 4  # how many of those first and last neurons
TOOLTIP_WEIGHTS = 10  # incoming weights listed in a neuron's tooltip
_BINS = 8  # connection strengths are drawn with this many pens per sign
_FLOW_PX_PER_S = 45.0  # speed of the dashes flowing along the active layer's connections
_DASH, _GAP = 7.0, 5.0  # their pattern, in pixels
_FLASH_MS = 500.0  # the update phase's glow fades over this long
_TICK_MS = 33

TEXT = QColor("#333333")
SUBTLE = QColor("#666666")
FAINT = QColor("#9a9a9a")
NODE_EDGE = QColor("#8c8c8c")
DIM_LINE = QColor("#e6e6e6")
DIM_FILL = QColor("#f5f5f5")
DIM_EDGE = QColor("#d4d4d4")
SELECTED = QColor("#222222")
FLOW_ARROW = QColor(70, 70, 70)
DELTA_TEXT = QColor(150, 20, 95)
HALO_EDGE = QColor(200, 200, 200)
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WHITE = QColor(255, 255, 255)  # a dark magenta for δ text and arrows on white


def _num(v: float) -> str:
    """A value in a tooltip: four significant digits."""
    return f"{float(v):.4g}"


def _short(v: float, tiny: bool = True) -> str:
    """A value beside a neuron: two decimals, or (if tiny) a short exponent for tiny values, as error
    terms often are; a real minus sign."""
    v = float(v)
    text = f"{v:.2f}" if v == 0 or abs(v) >= 0.005 or not tiny else f"{v:.1e}"
    return text.replace("-", "\u2212")


def _toward_white(color: QColor, keep: float) -> QColor:
    """color faded towards the white background, opaque. (Translucent wide pens make Qt's raster engine
    stroke every line as a path, several times slower than an opaque pen of the same look.)"""
    return QColor(*(round(255 + (c - 255) * keep) for c in (color.red(), color.green(), color.blue())))


def _diverging_rgb(t: np.ndarray, neg, zero, pos) -> np.ndarray:
    """RGB bytes (..., 3) for values already scaled to [-1, 1]: the map of value_color, vectorised."""
    t = np.clip(np.nan_to_num(t, nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
    stops = np.array([neg, zero, pos], dtype=np.float64)
    rgb = np.empty(t.shape + (3,), dtype=np.uint8)
    for c in range(3):
        rgb[..., c] = np.rint(np.interp(t, (-1.0, 0.0, 1.0), stops[:, c]))
    return rgb


def _tile(rgb: np.ndarray, size: float, radius: float, dpr: float) -> QPixmap:
    """A rounded-square pixmap of size x size (logical pixels) showing the image rgb (h, w, 3), row 0 on top."""
    h, w, _ = rgb.shape
    data = np.ascontiguousarray(rgb)
    image = QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    px = max(1, round(size * dpr))
    scaled = image.scaled(px, px, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(scaled))
    painter.drawRoundedRect(QRectF(0, 0, px, px), radius * dpr, radius * dpr)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def _edge_indices(n: int) -> list[int]:
    """The neurons of a layer of n that are drawn at most: all, or the first and last EDGE_SHOWN."""
    if n <= MAX_SHOWN:
        return list(range(n))
    return list(range(EDGE_SHOWN)) + list(range(n - EDGE_SHOWN, n))


# -- geometry: where everything is, for one widget size and network ----------------------------------


@dataclass
class _Column:
    """One layer's drawn neurons: indices `shown` (ascending) at heights `ys`, all at x."""

    x: float
    shown: np.ndarray
    ys: np.ndarray
    ellipsis_y: float | None  # where "⋮ n" goes when some neurons are left out
    slot: dict[int, int]  # neuron index -> position in shown
    step: float  # distance between neighbouring neurons


@dataclass
class _Links:
    """The drawn connections into one layer: link k joins neuron j_in[k] of the layer before to i_out[k]."""

    i_out: np.ndarray
    j_in: np.ndarray
    p0: np.ndarray  # (k, 2) start points (left column)
    p1: np.ndarray  # (k, 2) end points (right column)
    lines: list[QLineF]


@dataclass
class _Geometry:
    size: float  # node diameter / square side
    columns: list[_Column]
    links: list[_Links]  # links[l - 1]: into layer l
    link_offset: list[int]  # start of each layer's links in the flat arrays below
    seg_p0: np.ndarray  # (K, 2) every drawn connection, for hit tests
    seg_d: np.ndarray  # (K, 2) p1 - p0
    seg_len2: np.ndarray  # (K,)
    seg_key: np.ndarray  # (K, 3) (layer, i_out, j_in)
    caption_rect: QRectF  # the phase caption at the top
    left_w: float  # room for feature names left of the input column
    captions: list[list[str]]  # each column's caption, one or two lines
    caption_y: float
    legend_y: float

    @property
    def half(self) -> float:
        return self.size / 2

    @property
    def radius(self) -> float:
        return max(2.0, self.size * 0.14)

    @property
    def max_line_width(self) -> float:
        return min(5.0, max(1.6, self.size * 0.2))


# -- scene: what a snapshot and phase look like, for one geometry ------------------------------------


@dataclass
class _LineGroup:
    order: tuple  # groups are painted in this order (faint first, strongest and active last)
    pen: QPen
    lines: list[QLineF]
    flow: int = 0  # +1: dashes flow rightwards (forward), -1: leftwards (backward)
    glow: bool = False  # the update phase's fading halo
    dash_width: float = 1.0
    base_pen: QPen | None = None  # flowing lines: a faded solid line under moving dashes
    dash_pen: QPen | None = None


@dataclass
class _Look:
    """How one neuron is drawn."""

    fill: QColor | None = None  # circle mode
    tile: QPixmap | None = None  # heatmap mode
    body_opacity: float = 1.0
    edge: QColor = field(default_factory=lambda: QColor(NODE_EDGE))  # circle outline, or heatmap frame
    framed: bool = False  # heatmap mode: a frame in the activation's colour
    halo: QColor | None = None  # the δ ring
    bias: QColor | None = None
    pill: str | None = None  # a value written beside the neuron
    pill_color: QColor = field(default_factory=lambda: QColor(TEXT))
    marker: bool = False  # the current sample's position on the heatmap
    dimmed: bool = False


@dataclass
class _OutputLabel:
    """The text beside an output neuron: rows of ("text", str, QColor) or ("gauge", lo, hi, out, target),
    and the one line drawn instead when the outputs are too close together for the rows."""

    rows: list[tuple]
    compact: str
    compact_color: QColor
    compact_bold: bool = False


@dataclass
class _Scene:
    groups: list[_LineGroup]
    widths: np.ndarray  # (K,) drawn width of every connection, for hit tests and hover
    arrows: list[QPolygonF]
    arrow_color: QColor
    looks: list[list[_Look]]  # per column, per shown neuron
    left_rows: list[list[tuple[str, QColor]]]  # per shown input: text rows
    right_rows: list[_OutputLabel]  # per shown output
    loss_text: str | None
    marker_xy: tuple[float, float] | None  # sample position as fractions of the plane (x right, y up)
    active_column: int | None
    active_color: QColor
    line_legend: str
    line_legend_delta: bool


@dataclass(frozen=True)
class _Sample:
    """The first sample of the last step's batch: a[l] for l = 0..L, z[l] and delta[l] for l = 1..L."""

    a: tuple[np.ndarray, ...]
    z: tuple[np.ndarray | None, ...]
    delta: tuple[np.ndarray | None, ...]
    target: np.ndarray
    loss: float
    batch: int

    @classmethod
    def of(cls, snapshot: Snapshot | None) -> _Sample | None:
        step = snapshot.last_step if snapshot is not None else None
        if step is None:
            return None
        return cls(
            a=tuple(a[0] for a in step.activations),
            z=(None,) + tuple(z[0] for z in step.zs),
            delta=(None,) + tuple(d[0] for d in step.deltas),
            target=step.targets[0],
            loss=float(step.loss),
            batch=len(step.batch_indices),
        )


def _bucket(values: np.ndarray, level: float, lines: list[QLineF], palette, max_width: float,
            tier: int, fade: float = 1.0) -> tuple[list[_LineGroup], np.ndarray]:
    """Group lines into a few pens by sign and by |value| / level, faded towards white by `fade`;
    also return each line's drawn width. Values that are practically zero get one neutral pen."""
    t = np.clip(np.abs(np.nan_to_num(values)) / level, 0.0, 1.0)
    bins = np.minimum((t * _BINS).astype(np.int64), _BINS - 1)
    widths = 0.6 + (max_width - 0.6) * (bins + 0.5) / _BINS
    key = np.where(t < 0.02, -1, bins * 2 + (values < 0))
    widths[key < 0] = 0.8
    groups = []
    for k in np.unique(key):
        members = np.flatnonzero(key == k)
        if k < 0:
            pen, b = QPen(_toward_white(QColor("#c8c8c8"), fade), 0.8), -1
        else:
            b, negative = divmod(int(k), 2)
            shade = 0.3 + 0.7 * (b + 0.5) / _BINS
            pen = QPen(_toward_white(palette(-shade if negative else shade), fade), float(widths[members[0]]))
        # Flat caps: the ends are hidden under the neurons, and round caps make Qt's raster engine
        # stroke every wide line as a path (over 20x slower).
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        groups.append(_LineGroup((tier, b), pen, [lines[m] for m in members]))
    return groups, widths


def _chevron(p0: np.ndarray, p1: np.ndarray, size: float, at: float = 0.55) -> QPolygonF:
    """A small filled arrowhead on the segment p0 -> p1, pointing towards p1."""
    d = p1 - p0
    n = float(np.hypot(*d)) or 1.0
    u = d / n
    v = np.array([-u[1], u[0]])
    tip = p0 + d * at + u * size * 0.5
    back = tip - u * size
    a, b = back + v * size * 0.55, back - v * size * 0.55
    return QPolygonF([QPointF(*tip), QPointF(*a), QPointF(*(back + u * size * 0.25)), QPointF(*b)])


class CircleDiagram(QWidget):
    """The network as neurons and connections, drawn from snapshots (see the module docstring)."""

    neuron_selected = Signal(int, int)  # (layer, index); layer 0 is the input

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(9.0, self._font.pointSizeF()))
        self._small_bold = QFont(self._font)
        self._small_bold.setBold(True)
        self._caption_font = QFont(self._font)
        self._caption_font.setPointSizeF(self._font.pointSizeF() + 1)
        self._caption_font.setWeight(QFont.Weight.DemiBold)
        self._ellipsis_font = QFont(self._font)
        self._ellipsis_font.setPointSizeF(self._font.pointSizeF() + 4)
        self._fm = QFontMetricsF(self._font)

        self._sizes: tuple[int, ...] = ()
        self._activation_names: list[str] = []
        self._feature_names: tuple[str, ...] = ()
        self._class_names: tuple[str, ...] = ()
        self._snapshot: Snapshot | None = None
        self._sample: _Sample | None = None
        self._phase: Phase | None = None
        #: The caption at the top: the phase's label in slow motion, "" at full speed.
        self.phase_text = ""
        self._selected: tuple[int, int] | None = None
        self._hover: tuple | None = None
        self._input_level = np.ones(0)
        self._geo: _Geometry | None = None
        self._scene: _Scene | None = None
        self._heatmaps: list[np.ndarray] | None = None  # per layer (n, h, w, 3) RGB of the surface
        self._heatmap_source = None  # the Surface they were made from
        self._tiles: list[list[QPixmap]] | None = None
        self._tiles_key: tuple | None = None
        self._legend: QPixmap | None = None
        self._legend_key: tuple | None = None

        self._flow = 0.0
        self._flash = QElapsedTimer()
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    # -- public API ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(560, 380)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 220)

    def set_network(self, architecture: Architecture) -> None:
        """Draw a freshly built network. Forgets the previous snapshot and selection."""
        sizes, activation_names = architecture.sizes, architecture.activation_names
        feature_names, class_names = architecture.feature_names, architecture.class_names
        self._sizes = tuple(int(n) for n in sizes)
        self._activation_names = list(activation_names)[-(len(self._sizes) - 1):] if len(self._sizes) > 1 else []
        self._feature_names = tuple(feature_names)
        self._class_names = tuple(class_names)
        self._snapshot = self._sample = self._phase = None
        self.phase_text = ""
        self._selected = self._hover = None
        self._input_level = np.ones(self._sizes[0] if self._sizes else 0)
        self._heatmaps = self._heatmap_source = self._tiles = self._tiles_key = None
        self._rebuild()

    def show_snapshot(self, snapshot: Snapshot, phase: Phase | None = None) -> None:
        """Draw `snapshot`: its latest state (phase None), or one phase of its last step (slow motion).
        A snapshot of a different network (one still in flight from before a rebuild) is ignored."""
        if snapshot.sizes != self._sizes:
            return
        entering_update = phase is not None and phase.kind == "update" and (
            self._phase != phase or snapshot is not self._snapshot)
        self._snapshot, self._phase = snapshot, phase
        self._sample = _Sample.of(snapshot)
        self.phase_text = phase.label() if phase is not None else ""
        self._track_input_level(snapshot)
        if entering_update:
            self._flash.start()
        # A diverged network's inf/NaN values still draw (clipped to the scale) without warnings.
        with np.errstate(all="ignore"):
            self._update_heatmaps()
            self._rebuild_scene()
        self._sync_timer()
        self.update()

    @property
    def selected_neuron(self) -> tuple[int, int] | None:
        """The (layer, index) last clicked, outlined in the diagram; None after a click on empty space."""
        return self._selected

    @property
    def node_size(self) -> float:
        """A neuron's diameter (or square side) in pixels at the current size; 0 before set_network."""
        return self._geo.size if self._geo is not None else 0.0

    @property
    def shows_heatmaps(self) -> bool:
        """Whether neurons are drawn as heatmaps of the input plane (2-D data with a surface, room enough)."""
        return self._tiles is not None

    @property
    def is_animating(self) -> bool:
        """Whether the flowing dashes (forward/backward phases) or the update's flash are running."""
        return self._timer.isActive()

    def node_center(self, layer: int, index: int) -> QPointF | None:
        """Where neuron `index` of `layer` is drawn, or None when it is not drawn (left out of a big layer)."""
        geo = self._geo
        if geo is None or not 0 <= layer < len(geo.columns):
            return None
        column = geo.columns[layer]
        k = column.slot.get(int(index))
        return None if k is None else QPointF(column.x, float(column.ys[k]))

    def neuron_at(self, pos) -> tuple[int, int] | None:
        """The (layer, index) of the neuron under pos (widget coordinates), or None."""
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

    def tooltip_text_at(self, pos) -> str | None:
        """The tooltip for the neuron or connection under pos, or None."""
        neuron = self.neuron_at(pos)
        if neuron is not None:
            return self._neuron_tooltip(*neuron)
        link = self.connection_at(pos)
        if link is not None:
            return self._connection_tooltip(*link)
        return None

    # -- Qt events -----------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rebuild()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self._timer.stop()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        neuron = self.neuron_at(pos)
        link = None if neuron is not None else self.connection_at(pos)
        hover = ("n", *neuron) if neuron else ("c", *link) if link else None
        if hover != self._hover:
            self._hover = hover
            self.update()
        text = self.tooltip_text_at(pos)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        neuron = self.neuron_at(event.position())
        self._selected = neuron  # a click on empty space clears the outline
        self.update()
        if neuron is not None:
            self.neuron_selected.emit(*neuron)

    def _on_tick(self) -> None:
        elapsed = self._clock.restart() if self._clock.isValid() else _TICK_MS
        self._flow = (self._flow + _FLOW_PX_PER_S * min(elapsed, 200) / 1000.0) % (_DASH + _GAP)
        self.update()
        self._sync_timer()

    # -- state -------------------------------------------------------------------------------------

    def _track_input_level(self, snapshot: Snapshot) -> None:
        # Inputs have no fixed range (the gender data are in pounds and inches): colour each feature
        # against the largest |value| seen since the network was built, and the plane's extent.
        seen = [self._input_level]
        if snapshot.last_step is not None:
            seen.append(np.abs(np.nan_to_num(snapshot.last_step.activations[0])).max(axis=0))
        if snapshot.surface is not None and len(self._input_level) == 2:
            x0, x1, y0, y1 = snapshot.surface.extent
            seen.append(np.array([max(abs(x0), abs(x1)), max(abs(y0), abs(y1))]))
        self._input_level = np.maximum.reduce(seen)

    def _flash_level(self) -> float:
        if self._phase is None or self._phase.kind != "update" or not self._flash.isValid():
            return 0.0
        return max(0.0, 1.0 - self._flash.elapsed() / _FLASH_MS)

    def _sync_timer(self) -> None:
        kind = self._phase.kind if self._phase is not None else None
        wanted = self.isVisible() and (kind in ("forward", "backward") or self._flash_level() > 0)
        if wanted and not self._timer.isActive():
            self._clock.start()
            self._timer.start()
        elif not wanted and self._timer.isActive():
            self._timer.stop()

    def _heatmap_mode(self) -> bool:
        return (self._heatmaps is not None and self._geo is not None and self._geo.size >= 16
                and self._snapshot is not None and self._snapshot.surface is not None)

    def _update_heatmaps(self) -> None:
        """RGB images of the snapshot's surface, once per surface (not per paint)."""
        surface = self._snapshot.surface if self._snapshot is not None else None
        if surface is None or self._sizes[0] != 2:
            self._heatmaps = self._heatmap_source = None
            return
        if surface is self._heatmap_source:
            return
        res = len(surface.xs)
        lx, ly = self._input_level[:2]
        # Feature maps: x varies along columns, y along rows; rows are flipped so y grows upwards.
        fx = np.broadcast_to(np.asarray(surface.xs) / lx, (len(surface.ys), res))
        fy = np.broadcast_to((np.asarray(surface.ys) / ly)[:, None], (len(surface.ys), res))
        maps = [np.stack([fx, fy])] + [np.asarray(g) for g in surface.layers]
        self._heatmaps = [_diverging_rgb(m[:, ::-1, :], NEGATIVE, ZERO, POSITIVE) for m in maps]
        self._heatmap_source = surface
        self._tiles_key = None

    def _update_tiles(self) -> None:
        if not self._heatmap_mode():
            self._tiles = None
            return
        geo = self._geo
        key = (geo.size, self.devicePixelRatioF())  # a new surface resets the key
        if key == self._tiles_key:
            return
        dpr = self.devicePixelRatioF()
        self._tiles = [
            [_tile(rgb[int(i)], geo.size, geo.radius, dpr) for i in column.shown]
            for rgb, column in zip(self._heatmaps, geo.columns)
        ]
        self._tiles_key = key

    def _rebuild(self) -> None:
        self._rebuild_geometry()
        self._rebuild_scene()
        self.update()

    # -- names -------------------------------------------------------------------------------------

    def _n_layers(self) -> int:
        return len(self._sizes) - 1

    def _activation(self, layer: int) -> str:
        names = self._activation_names
        return names[layer - 1] if 0 < layer <= len(names) else ""

    def _feature_name(self, j: int) -> str:
        return self._feature_names[j] if j < len(self._feature_names) else f"x{j + 1}"

    def _output_name(self, k: int) -> str:
        n_out = self._sizes[-1]
        names = self._class_names
        probability = self._activation(self._n_layers()) in ("sigmoid", "softmax")
        if n_out == 1 and len(names) == 2:
            name = names[1]
            if not probability:
                return f"→ {name}"
            return f"P(y = {name})" if name.isdigit() else f"P({name})"
        return names[k] if k < len(names) else f"output {k + 1}"

    def _layer_caption(self, layer: int) -> str:
        if layer == 0:
            return "input"
        act = self._activation(layer)
        name = "output" if layer == self._n_layers() else f"hidden {layer}"
        return f"{name} · {act}" if act else name

    def _neuron_name(self, layer: int, index: int) -> str:
        if layer == 0:
            return self._feature_name(index)
        if layer == self._n_layers():
            return f"output {index + 1}" if self._sizes[-1] > 1 else "output"
        return f"hidden {layer} · neuron {index + 1}"

    # -- geometry ----------------------------------------------------------------------------------

    def _rebuild_geometry(self) -> None:
        self._geo = None
        sizes = self._sizes
        if len(sizes) < 2:
            return
        fm = self._fm
        fh = fm.height()
        w, h = float(self.width()), float(self.height())
        n_layers = len(sizes) - 1
        pad = 10.0
        caption_h = QFontMetricsF(self._caption_font).height()
        caption_rect = QRectF(pad, pad - 2, w - 2 * pad, caption_h + 4)
        legend_y = h - pad - fh

        # Room for the labels beside the first and last columns (of the neurons that may be drawn).
        names = [self._feature_name(j) for j in _edge_indices(sizes[0])]
        left_text = max([fm.horizontalAdvance(s) for s in names] + [fm.horizontalAdvance("= −0.00")])
        left_w = min(left_text, w * 0.22) + 12
        outs = [self._output_name(k) for k in _edge_indices(sizes[-1])]
        right_text = max([fm.horizontalAdvance(s) for s in outs] + [fm.horizontalAdvance("target 0.00"), 64.0])
        right_w = min(right_text, w * 0.24) + 12
        x_left, x_right = pad + left_w, w - pad - right_w
        spacing = (x_right - x_left) / n_layers

        captions = []
        for layer in range(n_layers + 1):
            text = self._layer_caption(layer)
            captions.append(text.split(" · ") if fm.horizontalAdvance(text) > spacing - 10 else [text])
        caption_y = legend_y - 10 - max(len(c) for c in captions) * fh
        area_top = caption_rect.bottom() + 12
        area_bottom = caption_y - 6
        area_h = max(area_bottom - area_top, 20.0)

        max_full = max(5, min(MAX_SHOWN, int(area_h / 9)))
        plans = []
        for n in sizes:
            if n <= max_full:
                plans.append((np.arange(n), n, None))
            else:
                k = min(EDGE_SHOWN, (max_full - 1) // 2)
                plans.append((np.r_[np.arange(k), np.arange(n - k, n)], 2 * k + 1, k))
        max_slots = max(slots for _, slots, _ in plans)
        pitch = area_h / max_slots
        size = max(6.0, min(pitch * 0.8, 46.0, spacing * 0.34))
        cy = (area_top + area_bottom) / 2

        columns = []
        for layer, (shown, slots, gap) in enumerate(plans):
            x = x_left + size / 2 + layer * (x_right - x_left - size) / n_layers
            # Few neurons spread out more than many, but not so far that the column falls apart.
            step = min(area_h / slots, size * 2.6)
            positions = np.arange(slots, dtype=np.float64)
            if gap is not None:
                positions = np.r_[positions[:gap], positions[gap + 1:]]
            ys = cy + (positions - (slots - 1) / 2) * step
            ell = None if gap is None else cy + (gap - (slots - 1) / 2) * step
            columns.append(_Column(x, shown, ys, ell, {int(i): k for k, i in enumerate(shown)}, step))

        links, offsets, keys = [], [], []
        total = 0
        for layer in range(1, n_layers + 1):
            prev, cur = columns[layer - 1], columns[layer]
            n_prev = len(prev.shown)
            rows = np.repeat(np.arange(len(cur.shown)), n_prev)
            cols = np.tile(np.arange(n_prev), len(cur.shown))
            p0 = np.column_stack([np.full(len(cols), prev.x), prev.ys[cols]])
            p1 = np.column_stack([np.full(len(rows), cur.x), cur.ys[rows]])
            lines = [QLineF(a[0], a[1], b[0], b[1]) for a, b in zip(p0.tolist(), p1.tolist())]
            link = _Links(cur.shown[rows], prev.shown[cols], p0, p1, lines)
            links.append(link)
            offsets.append(total)
            total += len(lines)
            keys.append(np.column_stack([np.full(len(rows), layer), link.i_out, link.j_in]))
        seg_p0 = np.concatenate([lk.p0 for lk in links])
        seg_d = np.concatenate([lk.p1 - lk.p0 for lk in links])
        self._geo = _Geometry(
            size=size, columns=columns, links=links, link_offset=offsets,
            seg_p0=seg_p0, seg_d=seg_d, seg_len2=np.maximum((seg_d ** 2).sum(axis=1), 1e-9),
            seg_key=np.concatenate(keys).astype(np.int64), caption_rect=caption_rect, left_w=left_w,
            captions=captions, caption_y=caption_y, legend_y=legend_y,
        )

    # -- scene ---------------------------------------------------------------------------------------

    def _link_mode(self, layer: int) -> str:
        """How the connections into `layer` are drawn in the current phase."""
        phase = self._phase
        if phase is None or phase.kind == "loss":
            return "weights"
        if phase.kind == "input":
            return "dim"
        if phase.kind == "forward":
            return "weights" if layer <= phase.layer else "dim"
        if phase.kind == "backward":
            if self._sample is None:
                return "weights"
            return "grad" if layer >= phase.layer else "faded"
        return "update" if self._snapshot.update_W is not None else "weights"

    def _node_mode(self, layer: int) -> str:
        """"lit" (activation), "dim" (not reached yet) or "delta" (error term shown) for the phase."""
        phase = self._phase
        if phase is None or phase.kind in ("loss", "update"):
            return "lit"
        if phase.kind == "input":
            return "lit" if layer == 0 else "dim"
        if phase.kind == "forward":
            return "lit" if layer <= phase.layer else "dim"
        return "delta" if layer >= phase.layer and layer > 0 and self._sample is not None else "lit"

    def _rebuild_scene(self) -> None:
        geo = self._geo
        if geo is None:
            self._scene = None
            return
        self._update_tiles()
        phase, snap, s = self._phase, self._snapshot, self._sample
        kind = phase.kind if phase is not None else None
        n_layers = self._n_layers()
        groups: list[_LineGroup] = []
        widths = np.ones(len(geo.seg_key))
        arrows: list[QPolygonF] = []
        for layer in range(1, n_layers + 1):
            links = geo.links[layer - 1]
            mode = "empty" if snap is None else self._link_mode(layer)
            start = geo.link_offset[layer - 1]
            if mode in ("dim", "empty"):
                pen = QPen(DIM_LINE if mode == "dim" else QColor("#cfcfcf"), 1.0)
                groups.append(_LineGroup((0, 0), pen, links.lines))
                continue
            W, b = snap.weights[layer - 1], snap.biases[layer - 1]
            palette, tier, fade = value_color, 2, 1.0
            if mode == "grad":
                # The per-sample gradient dL/dW = δ_i · a_j of the sample shown.
                delta, a_prev = s.delta[layer], s.a[layer - 1]
                values = delta[links.i_out] * a_prev[links.j_in]
                level = symmetric_level(np.outer(delta, a_prev))
                palette = delta_color
            elif mode == "update":
                dW, db = snap.update_W[layer - 1], snap.update_b[layer - 1]
                values = dW[links.i_out, links.j_in]
                level = symmetric_level(np.concatenate([dW.ravel(), db]))
            else:
                values = W[links.i_out, links.j_in]
                level = symmetric_level(np.concatenate([W.ravel(), b]))
                if mode == "faded":
                    tier, fade = 1, 0.3
            active = phase is not None and phase.layer == layer and kind in ("forward", "backward")
            made, w = _bucket(values, level, links.lines, palette, geo.max_line_width, 3 if active else tier, fade)
            if active:
                direction = 1 if kind == "forward" else -1
                for g in made:
                    g.flow, g.dash_width = direction, max(1.6, g.pen.widthF())
                    g.base_pen = QPen(_toward_white(g.pen.color(), 0.35), g.dash_width)
                    g.base_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                    g.dash_pen = QPen(g.pen.color(), g.dash_width)
                    g.dash_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                    g.dash_pen.setDashPattern([_DASH / g.dash_width, _GAP / g.dash_width])  # in pen widths
                if len(links.lines) <= 160:
                    size = min(8.0, max(5.0, geo.size * 0.3))
                    for p0, p1 in zip(links.p0, links.p1):
                        arrows.append(_chevron(p0, p1, size) if direction > 0 else _chevron(p1, p0, size, 0.45))
            if mode == "update":
                for g in made:
                    if g.order[1] < 1:
                        continue  # the weights that hardly moved do not glow
                    glow = QPen(g.pen)
                    groups.append(_LineGroup((1, g.order[1]), glow, g.lines, glow=True))
            groups.extend(made)
            widths[start:start + len(links.lines)] = w
        groups.sort(key=lambda g: g.order)

        looks = [self._column_looks(layer) for layer in range(n_layers + 1)]
        active_column = None
        active_color = TEXT
        if kind in ("forward", "backward"):
            active_column = phase.layer
            active_color = DELTA_TEXT if kind == "backward" else TEXT
        elif kind == "input":
            active_column = 0
        elif kind == "loss":
            active_column = n_layers
        marker = None
        if kind is not None and s is not None and snap.surface is not None and len(s.a[0]) == 2:
            x0, x1, y0, y1 = snap.surface.extent
            marker = ((float(s.a[0][0]) - x0) / (x1 - x0), (float(s.a[0][1]) - y0) / (y1 - y0))
        line_legend = {"backward": "width ∝ |∂L/∂w|", "update": "width ∝ |Δw|"}.get(kind, "width ∝ |w|")
        self._scene = _Scene(
            groups=groups, widths=widths, arrows=arrows,
            arrow_color=DELTA_TEXT if kind == "backward" else FLOW_ARROW,
            looks=looks, left_rows=self._left_rows(), right_rows=self._right_rows(),
            loss_text=f"loss {_short(s.loss)}" if kind == "loss" and s is not None else None,
            marker_xy=marker, active_column=active_column, active_color=active_color,
            line_legend=line_legend, line_legend_delta=kind == "backward" and s is not None,
        )

    def _column_looks(self, layer: int) -> list[_Look]:
        geo, snap, s, phase = self._geo, self._snapshot, self._sample, self._phase
        column = geo.columns[layer]
        mode = self._node_mode(layer) if snap is not None else "empty"
        tiles = self._tiles[layer] if self._tiles is not None else None
        n_layers = self._n_layers()
        values = None
        if s is not None:
            values = s.a[0] / self._input_level if layer == 0 else s.a[layer]
        bias_values, bias_level = None, 1.0
        if snap is not None and layer > 0:
            bias_values = snap.biases[layer - 1]
            bias_level = symmetric_level(np.concatenate([snap.weights[layer - 1].ravel(), bias_values]))
            if phase is not None and phase.kind == "update" and snap.update_b is not None:
                dW, bias_values = snap.update_W[layer - 1], snap.update_b[layer - 1]
                bias_level = symmetric_level(np.concatenate([dW.ravel(), bias_values]))
        delta_level = 1.0
        if mode == "delta":
            delta_level = symmetric_level(s.delta[layer])
        pill_layer = phase.layer if phase is not None and phase.kind in ("forward", "backward") else None
        looks = []
        for k, i in enumerate(column.shown):
            look = _Look()
            if tiles is not None:
                look.tile = tiles[k]
            if mode in ("empty", "dim"):
                look.dimmed = mode == "dim"
                look.fill = QColor(DIM_FILL) if mode == "dim" else QColor(*ZERO)
                look.edge = QColor(DIM_EDGE)
                look.body_opacity = 0.2 if mode == "dim" else 1.0
                if bias_values is not None:
                    look.bias = QColor(DIM_EDGE) if mode == "dim" else value_color(bias_values[i] / bias_level)
                looks.append(look)
                continue
            a = float(values[i]) if values is not None else 0.0
            look.fill = value_color(a)
            if tiles is not None and values is not None:
                look.edge, look.framed = value_color(a), True
            look.marker = phase is not None
            if bias_values is not None:
                look.bias = value_color(bias_values[i] / bias_level)
            if mode == "delta":
                d = float(s.delta[layer][i])
                look.halo = delta_color(d / delta_level)
                look.body_opacity = 0.4
                if layer == pill_layer and layer < n_layers:
                    look.pill, look.pill_color = f"δ = {_short(d)}", DELTA_TEXT
            elif layer == pill_layer and phase.kind == "forward" and layer < n_layers and s is not None:
                look.pill = f"a = {_short(s.a[layer][i])}"
            looks.append(look)
        return looks

    def _left_rows(self) -> list[list[tuple[str, QColor]]]:
        column = self._geo.columns[0]
        s = self._sample if self._phase is not None else None
        rows = []
        for j in column.shown:
            row = [(self._feature_name(int(j)), SUBTLE if s is not None else TEXT)]
            if s is not None:
                row.append((f"= {_short(s.a[0][j], tiny=False)}", TEXT))
            rows.append(row)
        return rows

    def _right_rows(self) -> list[_OutputLabel]:
        n_layers = self._n_layers()
        column = self._geo.columns[n_layers]
        phase, s = self._phase, self._sample
        kind = phase.kind if phase is not None else None
        # Whether the pass has produced the output yet.
        reached = s is not None and (
            kind in ("loss", "backward", "update") or (kind == "forward" and phase.layer == n_layers))
        delta_here = reached and kind == "backward" and phase.layer == n_layers
        lo, hi = (-1.0, 1.0) if self._activation(n_layers) == "tanh" else (0.0, 1.0)
        labels = []
        for i in column.shown:
            name = self._output_name(int(i))
            label = _OutputLabel([("text", name, TEXT if reached or kind is None else SUBTLE)], name, SUBTLE)
            if reached:
                out = float(s.a[n_layers][i])
                label.rows.append(("text", f"= {_short(out, tiny=False)}", TEXT))
                label.compact, label.compact_color = f"{name} = {_short(out, tiny=False)}", TEXT
                if kind == "loss":
                    target = float(s.target[i])
                    label.rows.append(("gauge", min(lo, out, target), max(hi, out, target), out, target))
                    label.rows.append(("text", f"target {_short(target, tiny=False)}", SUBTLE))
                    # Crowded (one-hot) outputs: the target class is the bold one.
                    label.compact_bold = len(s.target) > 1 and target == float(np.max(s.target))
                if delta_here:
                    delta = _short(s.delta[n_layers][i])
                    label.rows.append(("text", f"δ = {delta}", DELTA_TEXT))
                    label.compact, label.compact_color = f"{name}  δ = {delta}", DELTA_TEXT
            labels.append(label)
        return labels

    # -- tooltips ------------------------------------------------------------------------------------

    def _neuron_tooltip(self, layer: int, i: int) -> str:
        s, snap = self._sample, self._snapshot
        n = self._sizes[layer]
        if layer == 0:
            lines = [f"input {i + 1} of {n}: {self._feature_name(i)}"]
            lines.append(f"x = {_num(s.a[0][i])}" if s is not None else "x = —")
            if s is not None and s.batch > 1:
                lines.append(f"(first sample of a batch of {s.batch})")
            return "\n".join(lines)
        act = f" · {self._activation(layer)}" if self._activation(layer) else ""
        if layer < self._n_layers():
            header = f"{self._neuron_name(layer, i)} of {n}{act}"
        elif n == 1:
            header = f"output{act} · {self._output_name(i)}"
        else:
            header = f"output {i + 1} of {n} ({self._output_name(i)}){act}"
        lines = [header]
        if s is not None:
            lines += [f"z = {_num(s.z[layer][i])}", f"a = {_num(s.a[layer][i])}",
                      f"δ = {_num(s.delta[layer][i])}"]
            if layer == self._n_layers():
                lines.append(f"target = {_num(s.target[i])}")
            if s.batch > 1:
                lines.append(f"(first sample of a batch of {s.batch})")
        else:
            lines.append("z, a, δ: no step yet")
        if snap is not None:
            bias = f"bias b = {_num(snap.biases[layer - 1][i])}"
            if snap.update_b is not None:
                bias += f"   (last Δb = {_num(snap.update_b[layer - 1][i])})"
            lines.append(bias)
            W = snap.weights[layer - 1]
            lines.append(f"incoming weights ({W.shape[1]}):")
            for j in range(min(W.shape[1], TOOLTIP_WEIGHTS)):
                lines.append(f"  from {self._neuron_name(layer - 1, j)}: {_num(W[i, j])}")
            if W.shape[1] > TOOLTIP_WEIGHTS:
                lines.append(f"  … and {W.shape[1] - TOOLTIP_WEIGHTS} more")
        return "\n".join(lines)

    def _connection_tooltip(self, layer: int, i: int, j: int) -> str:
        snap, s = self._snapshot, self._sample
        lines = [f"{self._neuron_name(layer - 1, j)} → {self._neuron_name(layer, i)}"]
        if snap is None:
            return lines[0]
        lines.append(f"w = {_num(snap.weights[layer - 1][i, j])}")
        if snap.update_W is not None:
            lines.append(f"last Δw = {_num(snap.update_W[layer - 1][i, j])}")
        if s is not None:
            grad = s.delta[layer][i] * s.a[layer - 1][j]
            lines.append(f"∂L/∂w = δ·a = {_num(grad)} (this sample)")
        return "\n".join(lines)

    # -- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        geo, scene = self._geo, self._scene
        if geo is None or scene is None:
            painter.setPen(SUBTLE)
            painter.setFont(self._font)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No network yet")
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            self._paint_caption(painter, geo, scene)
            self._paint_links(painter, geo, scene)
            self._paint_nodes(painter, geo, scene)
            self._paint_labels(painter, geo, scene)
            self._paint_legend(painter, geo, scene)
        finally:
            painter.end()  # an exception with an active painter would take the process down

    def _paint_caption(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        rect = QRectF(geo.caption_rect)
        if scene.loss_text:
            rect.setRight(rect.right() - 170)  # room for the loss when the outputs are crowded
        if self.phase_text:
            painter.setFont(self._caption_font)
            painter.setPen(TEXT)
            fm = QFontMetricsF(self._caption_font)
            text = fm.elidedText(self.phase_text, Qt.TextElideMode.ElideRight, rect.width())
        else:
            painter.setFont(self._font)
            painter.setPen(FAINT)
            hint = ("Latest step · colours: first sample of the batch · hover for numbers"
                    if self._snapshot is not None else "Waiting for the first training step")
            text = self._fm.elidedText(hint, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, _LEFT, text)

    def _paint_links(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        flash = self._flash_level()
        for g in scene.groups:
            if g.glow:
                if flash <= 0:
                    continue
                pen = QPen(g.pen)
                pen.setColor(_toward_white(pen.color(), 0.4 * flash))
                pen.setWidthF(pen.widthF() + 7 * flash)
                painter.setPen(pen)
            elif g.flow:
                painter.setPen(g.base_pen)
                painter.drawLines(g.lines)
                g.dash_pen.setDashOffset(-g.flow * self._flow / g.dash_width)
                painter.setPen(g.dash_pen)
            else:
                painter.setPen(g.pen)
            painter.drawLines(g.lines)
        if scene.arrows:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(scene.arrow_color)
            for poly in scene.arrows:
                painter.drawPolygon(poly)
        if self._hover is not None and self._hover[0] == "c":
            _, layer, i, j = self._hover
            links = geo.links[layer - 1]
            k = int(np.flatnonzero((links.i_out == i) & (links.j_in == j))[0])
            width = float(scene.widths[geo.link_offset[layer - 1] + k])
            pen = QPen(QColor(80, 80, 80), width + 1.5)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(links.lines[k])

    def _paint_nodes(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        half = geo.half
        square = self._tiles is not None
        radius = geo.radius
        bias_size = min(10.0, max(5.0, geo.size * 0.28))
        for layer, column in enumerate(geo.columns):
            for k, look in enumerate(scene.looks[layer]):
                c = QPointF(column.x, float(column.ys[k]))
                rect = QRectF(c.x() - half, c.y() - half, geo.size, geo.size)
                # Filled shapes, back to front: wide strokes of curves cost Qt far more than fills.
                if look.halo is not None:  # the δ ring: 7 px around the neuron
                    painter.setBrush(look.halo)
                    painter.setPen(QPen(HALO_EDGE, 0.8))
                    self._draw_shape(painter, rect.adjusted(-7, -7, 7, 7), square, radius + 7)
                if square:
                    # A frame 2.5 px wide in the activation's colour, then the heatmap inside it.
                    painter.setBrush(look.edge if look.framed and look.halo is None else WHITE)
                    painter.setPen(QPen(DIM_EDGE if look.dimmed else FAINT, 1.0))
                    self._draw_shape(painter, rect.adjusted(-2.5, -2.5, 2.5, 2.5), True, radius + 2.5)
                    painter.setOpacity(look.body_opacity)
                    painter.drawPixmap(rect.topLeft(), look.tile)
                    painter.setOpacity(1.0)
                else:
                    fill = look.fill if look.dimmed else _toward_white(look.fill, look.body_opacity)
                    painter.setBrush(fill)
                    painter.setPen(QPen(look.edge, 1.0))
                    painter.drawEllipse(rect)
                if look.marker and scene.marker_xy is not None and square and not look.dimmed:
                    fx, fy = scene.marker_xy
                    m = QPointF(rect.left() + fx * rect.width(), rect.bottom() - fy * rect.height())
                    if rect.contains(m):
                        painter.setPen(QPen(QColor(30, 30, 30), 1.0))
                        painter.setBrush(QColor("#ffffff"))
                        painter.drawEllipse(m, 2.4, 2.4)
                if look.bias is not None:
                    corner = rect.bottomLeft() if square else c + QPointF(-half * 0.71, half * 0.71)
                    br = QRectF(corner.x() - bias_size / 2, corner.y() - bias_size / 2, bias_size, bias_size)
                    painter.setOpacity(0.5 if look.dimmed else 1.0)
                    painter.setBrush(look.bias)
                    painter.setPen(QPen(QColor(120, 120, 120), 0.8))
                    painter.drawRect(br)
                    painter.setOpacity(1.0)
                if look.pill and column.step >= self._fm.height() + 1:
                    self._draw_pill(painter, QPointF(rect.right() + 6, c.y()), look.pill, look.pill_color)
                key = (layer, int(column.shown[k]))
                if key == self._selected or self._hover == ("n", *key):
                    selected = key == self._selected
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(SELECTED if selected else FAINT, 2.0 if selected else 1.2))
                    grow = 10.0 if look.halo is not None else 5.0
                    self._draw_shape(painter, rect.adjusted(-grow, -grow, grow, grow), square, radius + grow)
            if column.ellipsis_y is not None:
                self._draw_ellipsis(painter, QPointF(column.x, column.ellipsis_y), self._sizes[layer])

    def _draw_ellipsis(self, painter: QPainter, centre: QPointF, n: int) -> None:
        """"⋮ n" where the neurons left out of a big layer would be."""
        fm = QFontMetricsF(self._ellipsis_font)
        dot_w = fm.horizontalAdvance("⋮")
        painter.setPen(SUBTLE)
        painter.setFont(self._ellipsis_font)
        painter.drawText(QRectF(centre.x() - dot_w / 2 - 1, centre.y() - fm.height() / 2, dot_w + 2, fm.height()),
                         Qt.AlignmentFlag.AlignCenter, "⋮")
        painter.setFont(self._font)
        fh = self._fm.height()
        painter.drawText(QRectF(centre.x() + dot_w / 2 + 3, centre.y() - fh / 2, 80, fh), _LEFT, f"{n:,}")

    @staticmethod
    def _draw_shape(painter: QPainter, rect: QRectF, square: bool, radius: float) -> None:
        if square:
            painter.drawRoundedRect(rect, radius, radius)
        else:
            painter.drawEllipse(rect)

    def _draw_pill(self, painter: QPainter, left_mid: QPointF, text: str, color: QColor) -> None:
        fm = self._fm
        w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
        rect = QRectF(left_mid.x(), left_mid.y() - h / 2, w, h)
        painter.setPen(QPen(QColor(215, 215, 215), 0.8))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(rect, h / 2, h / 2)
        painter.setPen(color)
        painter.setFont(self._font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_labels(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        fm, fh = self._fm, self._fm.height()
        painter.setFont(self._font)
        left = geo.columns[0]
        right_edge = left.x - geo.half - 8
        for k, rows in enumerate(scene.left_rows):
            if len(rows) > 1 and len(rows) * fh > left.step + 2:
                # Crowded: "name = value" on one line, the name shortened to fit.
                value = " " + rows[1][0]
                room = geo.left_w - 6 - fm.horizontalAdvance(value)
                name = fm.elidedText(rows[0][0], Qt.TextElideMode.ElideRight, room)
                rows = [(name + value, rows[1][1])]
            y = float(left.ys[k]) - len(rows) * fh / 2
            for text, color in rows:
                painter.setPen(color)
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, geo.left_w - 6)
                painter.drawText(QRectF(right_edge - geo.left_w, y, geo.left_w, fh),
                                 _RIGHT, text)
                y += fh
        out = geo.columns[-1]
        x = out.x + geo.half + 10
        width = max(20.0, self.width() - x - 6)
        block_bottom = float(out.ys[-1]) + geo.half
        crowded = False
        for k, label in enumerate(scene.right_rows):
            heights = [fh if r[0] == "text" else 14.0 for r in label.rows]
            if sum(heights) > out.step + 2 and len(label.rows) > 1:
                crowded = True
                painter.setFont(self._small_bold if label.compact_bold else self._font)
                painter.setPen(label.compact_color)
                text = fm.elidedText(label.compact, Qt.TextElideMode.ElideRight, width)
                painter.drawText(QRectF(x, float(out.ys[k]) - fh / 2, width, fh),
                                 _LEFT, text)
                painter.setFont(self._font)
                continue
            y = float(out.ys[k]) - sum(heights) / 2
            for row, rh in zip(label.rows, heights):
                if row[0] == "text":
                    painter.setPen(row[2])
                    text = fm.elidedText(row[1], Qt.TextElideMode.ElideRight, width)
                    painter.drawText(QRectF(x, y, width, rh), _LEFT, text)
                else:
                    self._draw_gauge(painter, QRectF(x, y, min(64.0, width), rh), *row[1:])
                y += rh
            block_bottom = max(block_bottom, y)
        if scene.loss_text:
            painter.setFont(self._small_bold)
            painter.setPen(TEXT)
            if crowded:  # no room below the outputs: at the top, above the output column
                rect = QRectF(geo.caption_rect)
                rect.setLeft(rect.right() - 160)
                painter.drawText(rect, _RIGHT, scene.loss_text)
            else:
                painter.drawText(QRectF(x, block_bottom + 4, width, fh),
                                 _LEFT, scene.loss_text)
            painter.setFont(self._font)
        for layer, (column, lines) in enumerate(zip(geo.columns, geo.captions)):
            active = layer == scene.active_column
            painter.setFont(self._small_bold if active else self._font)
            painter.setPen(scene.active_color if active else SUBTLE)
            fmc = QFontMetricsF(self._small_bold if active else self._font)
            for n, line in enumerate(lines):
                w = fmc.horizontalAdvance(line) + 4
                x0 = min(max(column.x - w / 2, 4.0), self.width() - 4.0 - w)
                painter.drawText(QRectF(x0, geo.caption_y + n * fh, w, fh), Qt.AlignmentFlag.AlignCenter, line)
        painter.setFont(self._font)

    def _draw_gauge(self, painter: QPainter, rect: QRectF, lo: float, hi: float, out: float,
                    target: float) -> None:
        """A track from lo to hi with the output (dot), the target (dark tick) and the error between."""
        span = (hi - lo) or 1.0
        x_of = lambda v: rect.left() + 4 + (rect.width() - 8) * (v - lo) / span  # noqa: E731
        y = rect.center().y()
        painter.setPen(QPen(QColor(220, 220, 220), 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x_of(lo), y), QPointF(x_of(hi), y))
        painter.setPen(QPen(QColor(*DELTA_POSITIVE), 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x_of(out), y), QPointF(x_of(target), y))
        painter.setPen(QPen(TEXT, 2.0))
        painter.drawLine(QPointF(x_of(target), y - 5), QPointF(x_of(target), y + 5))
        painter.setPen(QPen(QColor(90, 90, 90), 1.0))
        painter.setBrush(value_color(out))
        painter.drawEllipse(QPointF(x_of(out), y), 4.0, 4.0)

    def _paint_legend(self, painter: QPainter, geo: _Geometry, scene: _Scene) -> None:
        """The legend row, drawn once into a pixmap and reused until the width or its wording changes."""
        dpr = self.devicePixelRatioF()
        key = (self.width(), dpr, scene.line_legend, scene.line_legend_delta)
        if self._legend_key != key:
            height = self._fm.height() + 2
            pixmap = QPixmap(max(1, round(self.width() * dpr)), max(1, round(height * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            legend = QPainter(pixmap)
            legend.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._draw_legend(legend, scene.line_legend, scene.line_legend_delta)
            legend.end()
            self._legend, self._legend_key = pixmap, key
        painter.drawPixmap(QPointF(0, geo.legend_y), self._legend)

    def _draw_legend(self, painter: QPainter, line_legend: str, delta_lines: bool) -> None:
        """One row: the activation and δ colour bars and what a line's width means. Items that do not
        fit the width are left out, last first."""
        fm, fh = self._fm, self._fm.height()
        y, mid = 0.0, fh / 2
        bar_w, gap = 54.0, 4.0
        painter.setFont(self._font)
        line_color = delta_color(0.9) if delta_lines else value_color(0.9)
        items = [
            [("text", "activation", SUBTLE), ("text", "−1", FAINT), ("bar", (NEGATIVE, ZERO, POSITIVE)),
             ("text", "+1", FAINT)],
            [("text", "δ", SUBTLE), ("text", "−", FAINT), ("bar", (DELTA_NEGATIVE, ZERO, DELTA_POSITIVE)),
             ("text", "+", FAINT)],
            [("lines", line_color), ("text", line_legend, SUBTLE)],
        ]

        def width(part) -> float:
            if part[0] == "text":
                return fm.horizontalAdvance(part[1])
            return bar_w if part[0] == "bar" else 24.0

        x = 10.0
        for item in items:
            item_w = sum(width(part) + gap for part in item)
            if x + item_w > self.width() - 10:
                break
            for part in item:
                if part[0] == "text":
                    painter.setPen(part[2])
                    painter.drawText(QRectF(x, y, width(part) + 2, fh),
                                     _LEFT, part[1])
                elif part[0] == "bar":
                    rect = QRectF(x, mid - 5, bar_w, 10)
                    gradient = QLinearGradient(rect.topLeft(), rect.topRight())
                    for pos, rgb in zip((0.0, 0.5, 1.0), part[1]):
                        gradient.setColorAt(pos, QColor(*rgb))
                    painter.setBrush(gradient)
                    painter.setPen(QPen(QColor(190, 190, 190), 0.8))
                    painter.drawRoundedRect(rect, 2, 2)
                else:
                    for n, w in enumerate((1.0, 2.5, 4.5)):
                        painter.setPen(QPen(part[1], w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                        cx = x + n * 8 + 2
                        painter.drawLine(QPointF(cx, mid + 6), QPointF(cx, mid - 6))
                x += width(part) + gap
            x += 14
