"""What the first layer looks for: each hidden neuron's 784 incoming weights as a 28×28 tile.

Row i of W[0] (shape (n_1, 784)) is what neuron i multiplies the image with, so drawn as an image it
shows the strokes that excite the neuron (orange, w > 0) and those that inhibit it (blue, w < 0). All
tiles form one mosaic, built each frame with one reshape and transpose of W[0] (no loop over neurons),
and drawn as one QImage with a 1-pixel gap between tiles. Each tile has its own symmetric scale
(±max |w| of that neuron), so a neuron's pattern is visible however small its weights; the checkbox puts
every tile on one scale instead, which shows which neurons have strong weights at all. Deeper layers
have no image to be drawn on, so they are shown as matrices below (WeightsView, numbered as in the
whole network).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from nnviz.gui import theme as colors
from nnviz.gui.charts.weight_matrices import WeightsView
from nnviz.training.snapshot import Snapshot
from nnviz.training.architecture import NewSession

__all__ = ["ReceptiveFieldsView"]

MAX_TILE_PX = 84  # tiles grow with the widget up to 3× their 28 pixels
PREVIEW_SCALE = 5  # the hovered tile's enlarged copy, in screen pixels per weight
GAP = (160, 160, 160)  # the lines between tiles
EMPTY = (255, 255, 255)  # cells past the last neuron


def _diverging_table() -> np.ndarray:
    """(258,) uint32 0xffRRGGBB pixels: 256 steps of the value map over [-1, 1], then the gap and the
    empty colour."""
    stops = np.array([colors.NEGATIVE, colors.ZERO, colors.POSITIVE], dtype=np.float64)
    t = np.linspace(0.0, 1.0, 256)
    rgb = np.stack([np.rint(np.interp(t, (0.0, 0.5, 1.0), stops[:, c])) for c in range(3)], axis=1)
    rgb = np.vstack([rgb, GAP, EMPTY]).astype(np.uint32)
    table = (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)
    table.setflags(write=False)
    return table


_TABLE = _diverging_table()
_GAP_CODE, _EMPTY_CODE = 256, 257


def mosaic_of(tiles: np.ndarray, cols: int, fill) -> np.ndarray:
    """Tiles (n, h, w) laid out as one (rows·(h+1) − 1, cols·(w+1) − 1) image: tile i at tile row
    i // cols, tile column i % cols, `fill` in the 1-pixel gaps and in the cells past the last tile."""
    n, h, w = tiles.shape
    rows = math.ceil(n / cols)
    cells = np.full((rows * cols, h + 1, w + 1), fill, dtype=tiles.dtype)
    cells[:n, :h, :w] = tiles
    return cells.reshape(rows, cols, h + 1, w + 1).transpose(0, 2, 1, 3).reshape(rows * (h + 1), cols * (w + 1))[
        :-1, :-1]


def colour_codes(values: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Rows of values (n, m) as indices into the colour table: row i on the scale ±levels[i]."""
    scale = (127.5 / levels).astype(np.float32)[:, None]
    t = np.nan_to_num(values.astype(np.float32, copy=False) * scale + np.float32(128.0), nan=128.0)
    return np.clip(t, 0.0, 255.0).astype(np.uint16)  # truncating t + 0.5 rounds (v / level + 1) · 127.5


class _DeeperWeightsView(WeightsView):
    """WeightsView of layers 2..L of a network, with the layers numbered as in the whole network."""

    def _title(self, l: int, shape: tuple[int, int]) -> str:
        return super()._title(l + 1, shape)

    def _build_layer(self, l: int, shape: tuple[int, int]):
        items = super()._build_layer(l, shape)
        items.w_plot.setLabel("left", f"neuron i of layer {l + 1}")
        items.w_plot.setLabel("bottom", f"neuron j of layer {l}")
        items.b_plot.getAxis("bottom").setTicks([[(0, f"b{l + 1}")]])
        return items

    def cell_text(self, layer: int, i: int, j: int | None = None) -> str:
        return super().cell_text(layer, i, j).replace(f"b{layer}[", f"b{layer + 1}[").replace(
            f"W{layer}[", f"W{layer + 1}[")


class _MosaicCanvas(QWidget):
    """Paints the tiles: the mosaic's pixels gathered into a screen-sized image through an index map
    that is rebuilt only when the size or the tile count changes."""

    hovered = Signal(object)  # (neuron, row, column) under the mouse, or None
    relaid = Signal()  # the tile layout changed with the size: the owner redraws

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 120)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(9.0, self._font.pointSizeF()))
        self.n = 0
        self.tile_shape = (28, 28)
        self.cols = 1
        self.tile_px = 1  # device pixels per tile side
        self.gap_px = 1
        self.origin = QPointF(0, 0)
        self._pitch = self._tile_size = (1.0, 1.0)  # logical pixels from tile to tile, and a tile's size
        self._index_map: np.ndarray | None = None
        self._mosaic_shape: tuple[int, int] = (0, 0)
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None  # the buffer the image points into
        self._codes: np.ndarray | None = None  # the mosaic as colour-table indices, flattened
        self.hover: tuple[int, int, int] | None = None
        self._hover_pos: QPointF | None = None

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 360)

    def set_tiles(self, n: int, tile_shape: tuple[int, int]) -> None:
        self.n, self.tile_shape = n, tile_shape
        self.hover = None
        self._layout()

    @property
    def rows(self) -> int:
        return math.ceil(self.n / self.cols) if self.n else 0

    def _layout(self) -> None:
        """The number of tile columns that makes the tiles largest in this size, and the index map."""
        self._index_map = None
        if not self.n:
            return
        dpr = self.devicePixelRatioF()
        w_px, h_px = self.width() * dpr - 4, self.height() * dpr - 4
        h, w = self.tile_shape
        thin = max(1, round(dpr))
        best = (0, 1, thin)
        for cols in range(1, self.n + 1):
            rows = math.ceil(self.n / cols)
            # Bigger tiles get wider gaps (3 pixels from 56 up, 2 from 20), which stay visible between them.
            for gap, least in ((3 * thin, 56), (2 * thin, 20), (thin, 0)):
                side = int(min((w_px + gap) / cols - gap, ((h_px + gap) / rows - gap) * w / h))
                if side >= least * dpr:
                    break
            if side > best[0]:
                best = (side, cols, gap)
        side, self.cols, gap = best
        self.tile_px, self.gap_px = max(2, min(side, MAX_TILE_PX)), gap
        th = max(2, round(self.tile_px * h / w))
        pitch_x, pitch_y = self.tile_px + gap, th + gap
        rows = self.rows
        total_w, total_h = self.cols * pitch_x - gap, rows * pitch_y - gap
        self.origin = QPointF(round((w_px + 4 - total_w) / 2) / dpr, round((h_px + 4 - total_h) / 2) / dpr)
        # For every screen pixel: the mosaic pixel it shows (nearest), or the gap / empty colour.
        mosaic_w = self.cols * (w + 1) - 1
        ty, ly = np.divmod(np.arange(total_h), pitch_y)
        tx, lx = np.divmod(np.arange(total_w), pitch_x)
        src_y = ty * (h + 1) + np.minimum(ly * h // th, h - 1)
        src_x = tx * (w + 1) + np.minimum(lx * w // self.tile_px, w - 1)
        index = src_y[:, None] * mosaic_w + src_x[None, :]
        mosaic_size = (rows * (h + 1) - 1) * mosaic_w
        gap_mask = (ly[:, None] >= th) | (lx[None, :] >= self.tile_px)
        empty = (ty[:, None] * self.cols + tx[None, :]) >= self.n
        index = np.where(gap_mask, mosaic_size, index)
        index = np.where(empty, mosaic_size + 1, index)
        self._index_map = index.astype(np.intp)
        self._mosaic_shape = (rows * (h + 1) - 1, mosaic_w)
        self._pitch = (pitch_x / dpr, pitch_y / dpr)
        self._tile_size = (self.tile_px / dpr, th / dpr)
        self.clear()

    def clear(self) -> None:
        """Forget the drawn mosaic (until the next show_codes)."""
        self._codes = self._image = self._pixels = None
        self.update()

    def show_codes(self, codes: np.ndarray) -> None:
        """Draw a mosaic of colour-table indices (mosaic_of of colour_codes, _GAP_CODE between tiles)."""
        if self._index_map is None or codes.shape != self._mosaic_shape:
            return
        flat = np.concatenate([codes.ravel(), np.array([_GAP_CODE, _EMPTY_CODE], dtype=codes.dtype)])
        self._codes = flat
        pixels = np.take(_TABLE[flat], self._index_map)  # one 32-bit look-up per screen pixel
        hp, wp = self._index_map.shape
        image = QImage(pixels.data, wp, hp, 4 * wp, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self._image, self._pixels = image, pixels
        self.update()

    def tile_rect(self, i: int) -> QRectF:
        """Where tile i is drawn, in widget coordinates."""
        r, c = divmod(int(i), self.cols)
        return QRectF(self.origin.x() + c * self._pitch[0], self.origin.y() + r * self._pitch[1], *self._tile_size)

    def weight_at(self, pos) -> tuple[int, int, int] | None:
        """(neuron, row, column) of the weight drawn at pos, or None over a gap or empty space."""
        if self._index_map is None:
            return None
        p = QPointF(pos)
        x, y = p.x() - self.origin.x(), p.y() - self.origin.y()
        if x < 0 or y < 0:
            return None
        c, lx = divmod(x, self._pitch[0])
        r, ly = divmod(y, self._pitch[1])
        i = int(r) * self.cols + int(c)
        if c >= self.cols or i >= self.n or lx >= self._tile_size[0] or ly >= self._tile_size[1]:
            return None
        h, w = self.tile_shape
        return i, min(int(ly / self._tile_size[1] * h), h - 1), min(int(lx / self._tile_size[0] * w), w - 1)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout()
        self.relaid.emit()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        hit = self.weight_at(event.position())
        self._hover_pos = event.position()
        if hit != self.hover:
            self.hover = hit
            self.hovered.emit(hit)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.hover = self._hover_pos = None
        self.hovered.emit(None)
        self.update()
        super().leaveEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(colors.BACKGROUND))
            if self._image is None:
                painter.setPen(QColor("#666666"))
                painter.setFont(self._font)
                text = "Waiting for the first training step" if self.n else "No network yet"
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
                return
            painter.drawImage(self.origin, self._image)
            if self.hover is not None:
                self._paint_preview(painter, self.hover[0])
        finally:
            painter.end()

    def _paint_preview(self, painter: QPainter, i: int) -> None:
        """An outline round the hovered tile and an enlarged copy of it beside the mouse."""
        rect = self.tile_rect(i)
        painter.setPen(QPen(colors.ACCENT, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        if self._codes is None or self._hover_pos is None:
            return
        h, w = self.tile_shape
        mosaic_w = self._mosaic_shape[1]
        r, c = divmod(i, self.cols)
        rows = r * (h + 1) + np.arange(h)
        cols = c * (w + 1) + np.arange(w)
        tile = np.ascontiguousarray(_TABLE[self._codes[rows[:, None] * mosaic_w + cols[None, :]]])
        image = QImage(tile.data, w, h, 4 * w, QImage.Format.Format_RGB32)
        side_w, side_h = w * PREVIEW_SCALE, h * PREVIEW_SCALE
        fm = QFontMetricsF(self._font)
        title = f"neuron {i}"
        panel = QRectF(0, 0, side_w + 12, side_h + fm.height() + 14)
        x = self._hover_pos.x() + 18
        if x + panel.width() > self.width() - 4:
            x = self._hover_pos.x() - 18 - panel.width()
        y = min(max(self._hover_pos.y() - panel.height() / 2, 4.0), self.height() - panel.height() - 4)
        panel.moveTo(x, y)
        painter.setPen(QPen(QColor("#c4c4c4"), 1.0))
        painter.setBrush(QColor(255, 255, 255, 245))
        painter.drawRoundedRect(panel, 4, 4)
        painter.setFont(self._font)
        painter.setPen(QColor("#333333"))
        painter.drawText(QRectF(x, y + 4, panel.width(), fm.height()), Qt.AlignmentFlag.AlignCenter, title)
        painter.drawImage(QRectF(x + 6, y + fm.height() + 8, side_w, side_h), image)


class ReceptiveFieldsView(QWidget):
    """The first layer's weights as one 28×28 tile per hidden neuron, and deeper layers as matrices
    (see the module docstring). `reset(sizes)` sets the network up, `show_snapshot` redraws."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sizes: tuple[int, ...] = ()
        self._snapshot: Snapshot | None = None
        self._levels: np.ndarray | None = None
        self._start: np.ndarray | None = None  # W[0] when first shown after reset: W₀

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.global_check = QCheckBox("one scale for all tiles")
        self.global_check.setToolTip("Colour every tile against the largest |w| of the whole layer instead of "
                                     "its own, to compare how strong the neurons' weights are")
        self.learned_check = QCheckBox("learned so far (W − W₀)")
        self.learned_check.setToolTip("Show how far each weight has moved from W₀, the first layer as it was "
                                      "when first shown after the network was built: what training has added "
                                      "to the random start")
        self.legend_label = QLabel()
        self.legend_label.setWordWrap(True)
        self.readout = QLabel(" ")
        self.readout.setMinimumWidth(280)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.canvas = _MosaicCanvas()
        self.deeper = _DeeperWeightsView()
        self.deeper_title = QLabel("<b>Deeper layers</b> — their inputs are neurons, not pixels, so their "
                                   "weights are shown as matrices: row i is neuron i, column j its input j")
        self.deeper_title.setWordWrap(True)
        self.deeper.hide()
        self.deeper_title.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.global_check)
        bar.addSpacing(12)
        bar.addWidget(self.learned_check)
        bar.addStretch(1)
        bar.addWidget(self.readout)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.canvas, 3)
        layout.addWidget(self.deeper_title)
        layout.addWidget(self.deeper, 2)

        self.global_check.toggled.connect(self._on_scale_changed)
        self.learned_check.toggled.connect(self._on_scale_changed)
        self.canvas.hovered.connect(self._on_hover_changed)
        self.canvas.relaid.connect(self._draw)
        self._update_texts()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(760, 640)

    # -- public API -----------------------------------------------------------------------------

    @property
    def tile_count(self) -> int:
        """How many tiles the mosaic has: the first layer's neurons."""
        return self.canvas.n

    @property
    def tile_shape(self) -> tuple[int, int]:
        return self.canvas.tile_shape

    @property
    def tile_columns(self) -> int:
        """How many tiles a row of the mosaic holds (chosen to make tiles largest in the current size)."""
        return self.canvas.cols

    @property
    def per_tile_scale(self) -> bool:
        return not self.global_check.isChecked()

    @property
    def shows_learned(self) -> bool:
        """True while the tiles show W − W₀ (the change since the start) instead of W."""
        return self.learned_check.isChecked()

    def tile_values(self) -> np.ndarray | None:
        """What the tiles show, (n_1, n_0): W[0], or W[0] − W₀ while shows_learned."""
        if self._snapshot is None:
            return None
        W = self._snapshot.weights[0]
        return W - self._start if self.shows_learned and self._start is not None else W

    def reset(self, session: NewSession) -> None:
        """Set up for a network of layer sizes (n_0, n_1, ..., n_L): n_1 tiles of the input's image
        shape (one row when the input is no image), and matrices for layers 2..L."""
        architecture = session.architecture
        self.sizes = architecture.sizes
        self._snapshot = self._levels = self._start = None
        shape = architecture.image_shape or (1, self.sizes[0])
        self.canvas.set_tiles(self.sizes[1] if len(self.sizes) > 1 else 0, shape)
        deeper = self.sizes[1:] if len(self.sizes) > 2 else ()
        if deeper:
            self.deeper.set_layers(deeper)
        self.deeper.setVisible(bool(deeper))
        self.deeper_title.setVisible(bool(deeper))
        self._update_texts()
        self.canvas.update()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Draw the snapshot's first-layer weights (and the deeper layers). The same snapshot twice is
        drawn once; a snapshot of another network (still in flight from before a rebuild) is ignored."""
        if snapshot is self._snapshot or len(self.sizes) < 2 or snapshot.sizes != self.sizes:
            return
        W = snapshot.weights[0]
        self._snapshot = snapshot
        if self._start is None:
            self._start = W
        self._draw()
        if len(snapshot.weights) > 1 and self.deeper.isVisible():
            self.deeper.show_snapshot(dataclasses.replace(
                snapshot, weights=snapshot.weights[1:], biases=snapshot.biases[1:],
                update_W=None if snapshot.update_W is None else snapshot.update_W[1:],
                update_b=None if snapshot.update_b is None else snapshot.update_b[1:]))

    def mosaic(self) -> np.ndarray | None:
        """What the tiles show as one image, laid out as drawn: tile i at tile_origin(i), each value
        divided by its tile's scale (so in [-1, 1]), NaN between tiles. None before the first snapshot."""
        values = self.tile_values()
        if values is None or self._levels is None:
            return None
        tiles = (values / self._levels[:, None]).reshape(len(values), *self.tile_shape)
        return mosaic_of(tiles, self.canvas.cols, np.nan)

    def tile_origin(self, i: int) -> tuple[int, int]:
        """(row, column) of tile i's top-left weight in mosaic()."""
        h, w = self.tile_shape
        r, c = divmod(int(i), self.canvas.cols)
        return r * (h + 1), c * (w + 1)

    def tile_scale(self, i: int) -> float:
        """The |w| that tile i's full colour stands for."""
        return float(self._levels[i]) if self._levels is not None else 1.0

    def weight_at(self, pos) -> tuple[int, int, int] | None:
        """(neuron, row, column) of the weight under pos in the canvas' coordinates, or None."""
        return self.canvas.weight_at(pos)

    def hover_text(self, hit: tuple[int, int, int] | None) -> str:
        """What the readout says for a (neuron, row, column) under the mouse."""
        if hit is None or self._snapshot is None:
            return " "
        i, r, c = hit
        h, w = self.tile_shape
        j = r * w + c
        weight = float(self._snapshot.weights[0][i, j])
        where = f"pixel ({r}, {c})" if h > 1 else f"input {c}"
        text = f"neuron {i} of {self.tile_count} · {where}: w = {weight:+.4g}"
        if self.shows_learned and self._start is not None:
            text += f" (moved {weight - float(self._start[i, j]):+.3g})"
        return text + f" · tile scale ±{self.tile_scale(i):.3g}"

    # -- drawing --------------------------------------------------------------------------------

    def _draw(self) -> None:
        W = self.tile_values()
        if W is None or not self.canvas.n:
            return
        with np.errstate(all="ignore"):
            magnitude = np.abs(W)
            if not np.isfinite(magnitude).all():  # a diverged network: scale by the finite weights
                magnitude = np.where(np.isfinite(magnitude), magnitude, 0.0)
            levels = magnitude.max(axis=1) if self.per_tile_scale else np.full(len(W), magnitude.max())
            self._levels = np.maximum(levels.astype(np.float64), 1e-12)
            codes = colour_codes(W, self._levels).reshape(len(W), *self.tile_shape)
        self.canvas.show_codes(mosaic_of(codes, self.canvas.cols, np.uint16(_GAP_CODE)))
        self._update_texts()

    def _update_texts(self) -> None:
        n = self.tile_count
        h, w = self.tile_shape
        if n:
            self.title.setText(f"<b>Layer 1 weights</b> — one {h}×{w} tile per hidden neuron ({n:,}): the "
                               f"pattern each neuron multiplies the image with")
        else:
            self.title.setText("<b>Layer 1 weights</b>")
        what = "W − W₀" if self.shows_learned else "w"
        span = "<span style='color:rgb(%d,%d,%d); font-weight:600'>%s</span>"
        neg = span % (*colors.NEGATIVE, f"{what} &lt; 0")
        pos = span % (*colors.POSITIVE, f"{what} &gt; 0")
        if self.shows_learned:
            meaning = f"{pos} grew · {neg} shrank since the start"
        else:
            meaning = f"{pos} excites · {neg} inhibits (early on mostly the random start: try “learned so far”)"
        if self.per_tile_scale:
            scale = "each tile on its own scale (± its largest value), so every pattern shows"
        elif self._levels is not None and len(self._levels):
            scale = f"one scale for all tiles (± {self._levels[0]:.3g}), so the strongest neurons stand out"
        else:
            scale = "one scale for all tiles"
        self.legend_label.setText(f"{meaning} · {scale}")

    def _on_scale_changed(self, _on: bool) -> None:
        self._draw()
        self._update_texts()

    def _on_hover_changed(self, hit) -> None:
        self.readout.setText(self.hover_text(hit))
