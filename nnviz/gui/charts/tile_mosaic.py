"""A mosaic of equal tiles — one per neuron, each the neuron's incoming weights on the input's image
grid — drawn as one screen-sized QImage.

mosaic_of lays the tiles out with one reshape and transpose (no loop over neurons); colour_codes turns
values into indices into TABLE (theme.VALUES' 256 colours, then the gap and the empty colour), and the
canvas maps every screen pixel to a mosaic pixel through an index map rebuilt only when its size or the
tile count changes, so a frame is one look-up per pixel. The canvas picks the number of columns that
makes the tiles largest in the size it is given, and asks for no more height than tiles of MIN_TILE_PX
need: the room left over goes to whatever lies beside it.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.gui import theme as colors
from nnviz.gui.i18n import translate

__all__ = ["MosaicCanvas", "TABLE", "GAP_CODE", "colour_codes", "mosaic_of"]

MAX_TILE_PX = 84  # tiles grow with the widget up to 3× their 28 pixels
MIN_TILE_PX = 14  # smaller, a 28×28 tile is a blur: the canvas asks for the height that keeps them this big
PREVIEW_SCALE = 5  # the hovered tile's enlarged copy, in screen pixels per weight
MIN_WIDTH, MIN_HEIGHT = 200, 80  # the canvas' least size (its height grows with the tiles: least_height)
GAP = (160, 160, 160)  # the lines between tiles
EMPTY = (255, 255, 255)  # cells past the last neuron


def _diverging_table() -> np.ndarray:
    """(258,) uint32 0xffRRGGBB pixels: theme.VALUES' 256 steps over [−1, 1], then the gap and the
    empty colour, so one look-up turns colour codes into screen pixels."""
    rgb = np.vstack([colors.VALUES.table, GAP, EMPTY]).astype(np.uint32)
    table = (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)
    table.setflags(write=False)
    return table


TABLE = _diverging_table()
GAP_CODE, EMPTY_CODE = 256, 257


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


class MosaicCanvas(QWidget):
    """Paints the tiles: the mosaic's pixels gathered into a screen-sized image through an index map
    that is rebuilt only when the size or the tile count changes."""

    hovered = Signal(object)  # (neuron, row, column) under the mouse, or None
    relaid = Signal()  # the tile layout changed with the size: the owner redraws

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
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

    def least_height(self, width: int) -> int:
        """The height (logical pixels) the tiles need at `width` to be MIN_TILE_PX wide each, in as
        many columns as fit: the canvas' minimum height, so that where even that is too much the
        tab around it scrolls rather than shrink the tiles to a blur."""
        if not self.n:
            return 0
        dpr = self.devicePixelRatioF()
        h, w = self.tile_shape
        side, gap = MIN_TILE_PX * dpr, max(1, round(dpr))
        cols = max(1, min(self.n, int((width * dpr - 4 + gap) // (side + gap))))
        rows = math.ceil(self.n / cols)
        th = max(2, round(side * h / w))
        return math.ceil((rows * (th + gap) - gap + 4) / dpr)

    def _layout(self) -> None:
        """The number of tile columns that makes the tiles largest in this size, and the index map."""
        self._index_map = None
        self.setMinimumHeight(max(MIN_HEIGHT, self.least_height(self.width())))
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
        """Draw a mosaic of colour-table indices (mosaic_of of colour_codes, GAP_CODE between tiles)."""
        if self._index_map is None or codes.shape != self._mosaic_shape:
            return
        flat = np.concatenate([codes.ravel(), np.array([GAP_CODE, EMPTY_CODE], dtype=codes.dtype)])
        self._codes = flat
        pixels = np.take(TABLE[flat], self._index_map)  # one 32-bit look-up per screen pixel
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
                painter.setPen(colors.SUBTLE)
                painter.setFont(self._font)
                text = (translate("MosaicCanvas", "Waiting for the first training step") if self.n
                        else translate("MosaicCanvas", "No network yet"))
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
        tile = np.ascontiguousarray(TABLE[self._codes[rows[:, None] * mosaic_w + cols[None, :]]])
        image = QImage(tile.data, w, h, 4 * w, QImage.Format.Format_RGB32)
        side_w, side_h = w * PREVIEW_SCALE, h * PREVIEW_SCALE
        fm = QFontMetricsF(self._font)
        title = translate("MosaicCanvas", "neuron {neuron}").format(neuron=i)
        panel = QRectF(0, 0, side_w + 12, side_h + fm.height() + 14)
        x = self._hover_pos.x() + 18
        if x + panel.width() > self.width() - 4:
            x = self._hover_pos.x() - 18 - panel.width()
        y = min(max(self._hover_pos.y() - panel.height() / 2, 4.0), self.height() - panel.height() - 4)
        panel.moveTo(x, y)
        painter.setPen(QPen(colors.FRAME, 1.0))
        painter.setBrush(QColor(255, 255, 255, 245))
        painter.drawRoundedRect(panel, 4, 4)
        painter.setFont(self._font)
        painter.setPen(colors.TEXT)
        painter.drawText(QRectF(x, y + 4, panel.width(), fm.height()), Qt.AlignmentFlag.AlignCenter, title)
        painter.drawImage(QRectF(x + 6, y + fm.height() + 8, side_w, side_h), image)
