"""Where everything of a grid diagram is, for one widget size and network: the input image and every
hidden layer as a grid of cells (with a NumPy index map saying which device pixel shows which neuron),
the output rows, the chevrons between columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF

GRID_ROWS = 16  # a hidden layer is at least this many cells tall (256 -> 16×16, 128 -> 16×8)
MAX_PITCH = 24.0  # largest cell pitch in logical pixels
MIN_GAP_PX = 28.0  # least room between two columns
DOT = 12.0  # an output neuron's dot


def grid_shape(n: int) -> tuple[int, int]:
    """(rows, cols) of a hidden layer's grid: GRID_ROWS tall (or square, for big layers), read row by row."""
    rows = min(n, max(math.ceil(math.sqrt(n)), GRID_ROWS))
    return rows, math.ceil(n / rows)


def index_map(n: int, rows: int, cols: int, pitch_px: int, gap_px: int) -> np.ndarray:
    """Which neuron every device pixel of a grid shows: its index, n for an empty cell past the last
    neuron, n + 1 for the gap lines between cells. Shape (rows·pitch − gap, cols·pitch − gap)."""
    r, in_y = np.divmod(np.arange(rows * pitch_px - gap_px), pitch_px)
    c, in_x = np.divmod(np.arange(cols * pitch_px - gap_px), pitch_px)
    index = r[:, None] * cols + c[None, :]
    gap = (in_y[:, None] >= pitch_px - gap_px) | (in_x[None, :] >= pitch_px - gap_px)
    return np.where(index >= n, n, np.where(gap, n + 1, index)).astype(np.intp)


@dataclass(frozen=True)
class Grid:
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
        side = self.pitch - self.gap
        return QRectF(self.left + c * self.pitch, self.top + r * self.pitch, side, side)

    def centres(self, indices) -> np.ndarray:
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
class Outputs:
    """The output column: one row per class, `row_h` tall from `top`; a row holds the class name
    (right-aligned up to dot_x − DOT/2 − 5), the neuron's dot, a bar and its value."""

    n: int
    left: float
    top: float
    row_h: float
    label_w: float
    bar_x: float
    bar_w: float
    value_w: float

    @property
    def dot_x(self) -> float:
        return self.left + self.label_w + 6 + DOT / 2

    @property
    def rect(self) -> QRectF:
        return QRectF(self.left, self.top, self.bar_x + self.bar_w + 6 + self.value_w - self.left, self.n * self.row_h)

    def row_y(self, k: int) -> float:
        return self.top + (k + 0.5) * self.row_h

    def centres(self, indices) -> np.ndarray:
        ks = np.asarray(indices)
        return np.column_stack([np.full(len(ks), self.dot_x), self.top + (ks + 0.5) * self.row_h])

    def index_at(self, p: QPointF) -> int | None:
        if not self.rect.contains(p):
            return None
        return min(int((p.y() - self.top) // self.row_h), self.n - 1)


@dataclass
class GridGeometry:
    grids: list[Grid]  # the input and every hidden layer
    outputs: Outputs
    caption_y: float  # top of the captions under the columns
    column_x: list[float]  # centre of every column, output last
    arrows: list[tuple[float, float, float]]  # (x_from, x_to, y) of the chevron between two columns


def grid_layout(sizes, image_shape, width: float, area_top: float, caption_y: float, dpr: float,
                label_w: float, value_w: float, needs: list[float]) -> GridGeometry:
    """The geometry for layer sizes `sizes` (the input an image of image_shape, or None) in a widget
    `width` wide, between area_top and the column captions at caption_y. label_w and value_w are the
    output rows' room for names and values; needs[layer] the width a column's captions need."""
    pad = 10.0
    area_h = max(caption_y - 10 - area_top, 40.0)
    n_out = sizes[-1]
    bar_w = min(max(56.0, 0.1 * width), 150.0)
    out_w = max(label_w + 6 + DOT + 6 + bar_w + 6 + value_w, needs[-1])  # name, dot, bar, value
    hidden = [grid_shape(n) for n in sizes[1:-1]]
    rows_max = max([r for r, _ in hidden], default=1)
    needs = [need - MIN_GAP_PX for need in needs[:-1]]  # the gaps beside a column hold some of its captions
    avail_w = width - 2 * pad - out_w - (len(sizes) - 1) * MIN_GAP_PX
    if image_shape is not None:
        (in_rows, in_cols), in_gap_px = image_shape, 0
    else:
        (in_rows, in_cols), in_gap_px = grid_shape(sizes[0]), 1

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
    spare = width - 2 * pad - sum(widths)
    extra = min(max(spare - (len(widths) - 1) * 70.0, 0.0), 120.0)  # longer bars when there is room
    widths[-1] += extra
    spare -= extra
    gap = min(max(spare / (len(widths) - 1), 8.0), 150.0)
    x = round((width - sum(widths) - gap * (len(widths) - 1)) / 2 * dpr) / dpr
    mid = area_top + area_h / 2
    grids, column_x = [], []
    for (n, rows, cols, p, g), d, w in zip(shapes, drawn, widths):
        height = (rows * p - g) / dpr
        top = round((mid - height / 2) * dpr) / dpr
        left = round((x + (w - d) / 2) * dpr) / dpr
        grids.append(Grid(n, rows, cols, left, top, p / dpr, g / dpr, index_map(n, rows, cols, p, g)))
        column_x.append(x + w / 2)
        x = round((x + w + gap) * dpr) / dpr
    fh_room = 24.0  # the verdict line under the outputs
    row_h = min(max((area_h - fh_room) / n_out, 6.0), 30.0)
    out_top = max(area_top, mid - (n_out * row_h + fh_room) / 2)  # the block with its verdict, centred
    out_left = x + (widths[-1] - (out_w + extra)) / 2
    bar_x = out_left + label_w + 6 + DOT + 6
    outputs = Outputs(n_out, out_left, out_top, row_h, label_w, bar_x, bar_w + extra, value_w)
    column_x.append(x + widths[-1] / 2)
    edges = [(g.rect.right(), g.rect.left()) for g in grids] + [(0.0, out_left + label_w - 14)]
    arrows = [(edges[k][0], edges[k + 1][1], mid) for k in range(len(grids))]
    return GridGeometry(grids, outputs, caption_y, column_x, arrows)
