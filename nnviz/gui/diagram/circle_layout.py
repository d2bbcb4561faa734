"""Where everything of a circle diagram is, for one widget size and network: columns of neurons,
connection segments (as QLineF lists made once, and as arrays for hit tests), the captions' room.

A layer with more than MAX_SHOWN neurons is drawn as its first and last few and a "⋮ n" marker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF
from PySide6.QtGui import QFontMetricsF

MAX_SHOWN = 32  # a layer with more neurons is drawn as its first and last few and a "⋮ n" marker
EDGE_SHOWN = 4  # how many of those first and last neurons


def edge_indices(n: int) -> list[int]:
    """The neurons of a layer of n that are drawn at most: all, or the first and last EDGE_SHOWN."""
    if n <= MAX_SHOWN:
        return list(range(n))
    return list(range(EDGE_SHOWN)) + list(range(n - EDGE_SHOWN, n))


@dataclass
class Column:
    """One layer's drawn neurons: indices `shown` (ascending) at heights `ys`, all at x."""

    x: float
    shown: np.ndarray
    ys: np.ndarray
    ellipsis_y: float | None  # where "⋮ n" goes when some neurons are left out
    slot: dict[int, int]  # neuron index -> position in shown
    step: float  # distance between neighbouring neurons


@dataclass
class Links:
    """The drawn connections into one layer: link k joins neuron j_in[k] of the layer before to i_out[k]."""

    i_out: np.ndarray
    j_in: np.ndarray
    p0: np.ndarray  # (k, 2) start points (left column)
    p1: np.ndarray  # (k, 2) end points (right column)
    lines: list[QLineF]


@dataclass
class CircleGeometry:
    size: float  # node diameter / square side
    columns: list[Column]
    links: list[Links]  # links[l - 1]: into layer l
    link_offset: list[int]  # start of each layer's links in the flat arrays below
    seg_p0: np.ndarray  # (K, 2) every drawn connection, for hit tests
    seg_d: np.ndarray  # (K, 2) p1 - p0
    seg_len2: np.ndarray  # (K,)
    seg_key: np.ndarray  # (K, 3) (layer, i_out, j_in)
    left_w: float  # room for feature names left of the input column
    right_x: float  # where the output labels start
    captions: list[list[str]]  # each column's caption, one or two lines
    caption_y: float

    @property
    def half(self) -> float:
        return self.size / 2

    @property
    def radius(self) -> float:
        return max(2.0, self.size * 0.14)

    @property
    def max_line_width(self) -> float:
        return min(5.0, max(1.6, self.size * 0.2))


def circle_layout(sizes, width: float, area_top: float, legend_y: float, fm: QFontMetricsF, bold_fm: QFontMetricsF,
                  left_texts: list[str], right_texts: list[str], layer_captions: list[str]) -> CircleGeometry:
    """The geometry for layer sizes `sizes` in a widget `width` wide, between area_top and the legend
    row at legend_y. left_texts/right_texts are the widest texts beside the input and output columns;
    a layer's caption is split at " · " when (in bold, as the active column's) it would not fit."""
    fh = fm.height()
    n_layers = len(sizes) - 1
    pad = 10.0
    left_w = min(max(fm.horizontalAdvance(s) for s in left_texts), width * 0.22) + 12
    right_w = min(max(fm.horizontalAdvance(s) for s in right_texts), width * 0.3) + 12
    x_left, x_right = pad + left_w, width - pad - right_w
    spacing = (x_right - x_left) / n_layers

    captions = [text.split(" · ") if bold_fm.horizontalAdvance(text) > spacing - 16 else [text]
                for text in layer_captions]
    caption_y = legend_y - 10 - max(len(c) for c in captions) * fh
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
    pitch = area_h / max(slots for _, slots, _ in plans)
    size = max(6.0, min(pitch * 0.76, 46.0, spacing * 0.34))
    cy = (area_top + area_bottom) / 2

    columns = []
    for layer, (shown, slots, gap) in enumerate(plans):
        x = x_left + size / 2 + layer * (x_right - x_left - size) / n_layers
        # Few neurons spread out more than many, but not so far that the column falls apart. (A
        # single neuron has the column's height to itself: `step` is also the room for its labels.)
        step = min(area_h / slots, size * 2.6) if slots > 1 else area_h
        positions = np.arange(slots, dtype=np.float64)
        if gap is not None:
            positions = np.r_[positions[:gap], positions[gap + 1:]]
        ys = cy + (positions - (slots - 1) / 2) * step
        ell = None if gap is None else cy + (gap - (slots - 1) / 2) * step
        columns.append(Column(x, shown, ys, ell, {int(i): k for k, i in enumerate(shown)}, step))

    links, offsets, keys, total = [], [], [], 0
    for layer in range(1, n_layers + 1):
        prev, cur = columns[layer - 1], columns[layer]
        n_prev = len(prev.shown)
        rows = np.repeat(np.arange(len(cur.shown)), n_prev)
        cols = np.tile(np.arange(n_prev), len(cur.shown))
        p0 = np.column_stack([np.full(len(cols), prev.x), prev.ys[cols]])
        p1 = np.column_stack([np.full(len(rows), cur.x), cur.ys[rows]])
        lines = [QLineF(a[0], a[1], b[0], b[1]) for a, b in zip(p0.tolist(), p1.tolist())]
        link = Links(cur.shown[rows], prev.shown[cols], p0, p1, lines)
        links.append(link)
        offsets.append(total)
        total += len(lines)
        keys.append(np.column_stack([np.full(len(rows), layer), link.i_out, link.j_in]))
    seg_p0 = np.concatenate([lk.p0 for lk in links])
    seg_d = np.concatenate([lk.p1 - lk.p0 for lk in links])
    out = columns[-1]
    return CircleGeometry(
        size=size, columns=columns, links=links, link_offset=offsets, seg_p0=seg_p0, seg_d=seg_d,
        seg_len2=np.maximum((seg_d ** 2).sum(axis=1), 1e-9), seg_key=np.concatenate(keys).astype(np.int64),
        left_w=left_w, right_x=out.x + size / 2 + 10, captions=captions, caption_y=caption_y,
    )

