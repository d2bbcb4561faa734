"""Small rounded heatmap tiles (a neuron's map of the input plane), made with NumPy in one pass for
all neurons: the values resampled bilinearly to the tile's pixel size, coloured by one table look-up,
the corners rounded by an anti-aliased alpha mask, as premultiplied ARGB images. (Scaling and
clipping each tile with a QPainter cost a millisecond a frame on XOR, where a new surface arrives
with nearly every frame.)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtGui import QImage

from nnviz.gui.theme import Ramp


def _sample_points(n_src: int, n_dst: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bilinear sampling of n_src pixels at the centres of n_dst: (i0, i1, weight of i1)."""
    u = np.clip((np.arange(n_dst) + 0.5) * n_src / n_dst - 0.5, 0.0, n_src - 1)
    i0 = np.floor(u).astype(np.intp)
    return i0, np.minimum(i0 + 1, n_src - 1), (u - i0).astype(np.float32)


@lru_cache(maxsize=16)
def rounded_mask(side: int, radius: float) -> np.ndarray:
    """Coverage (side, side) in [0, 1] of a square with rounded corners of `radius` pixels."""
    c = np.arange(side) + 0.5
    dx = np.maximum(np.abs(c - side / 2) - (side / 2 - radius), 0.0)
    mask = np.clip(0.5 - (np.hypot(dx[:, None], dx[None, :]) - radius), 0.0, 1.0)
    mask.setflags(write=False)
    return mask


@lru_cache(maxsize=8)
def _argb_table(ramp: Ramp) -> np.ndarray:
    c = ramp.table.astype(np.uint32)
    return 0xFF000000 | (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2]


def tile_images(values: np.ndarray, ramp: Ramp, side: int, radius: float, dpr: float) -> list[tuple[QImage, np.ndarray]]:
    """Tiles of side × side device pixels for maps values (n, h, w) on the ramp's scale at level 1,
    row 0 on top, as (QImage, the array it points into) pairs: keep the array alive with the image."""
    n, h, w = values.shape
    r0, r1, fr = _sample_points(h, side)
    c0, c1, fc = _sample_points(w, side)
    v = np.nan_to_num(values.astype(np.float32), nan=0.0, posinf=1.0, neginf=-1.0)
    rows = v[:, r0] * (1 - fr)[None, :, None] + v[:, r1] * fr[None, :, None]
    v = rows[:, :, c0] * (1 - fc) + rows[:, :, c1] * fc
    t = (np.clip(v, -1.0, 1.0) + 1.0) * 0.5 if ramp.diverging else np.clip(v, 0.0, 1.0)
    pixels = np.ascontiguousarray(_argb_table(ramp)[np.rint(t * 255).astype(np.intp)])
    mask = rounded_mask(side, radius)
    edge = mask < 1  # the corners: premultiplied by their coverage
    alpha = mask[edge]
    corner = pixels[:, edge]
    rgb = np.stack([(corner >> s) & 0xFF for s in (16, 8, 0)], -1) * alpha[None, :, None]
    corner = np.rint(rgb).astype(np.uint32)
    pixels[:, edge] = (np.rint(alpha * 255).astype(np.uint32) << 24) | (corner[..., 0] << 16) | \
        (corner[..., 1] << 8) | corner[..., 2]
    tiles = []
    for k in range(n):
        data = pixels[k]  # contiguous: a slice of the first axis
        image = QImage(data.data, side, side, 4 * side, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        tiles.append((image, data))
    return tiles
