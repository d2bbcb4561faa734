"""Turn a drawn or photographed digit into a 28×28 MNIST-style image, and draw digits for tests.

preprocess_digit follows MNIST's own recipe: crop to the ink, scale the longer side to 20 px with area
averaging (keeping the aspect ratio), then place the result in a 28×28 field so that its centre of mass
sits at the centre. Coordinates: pixel (row r, col c) has its centre at (r, c); MNIST's digits have
their centre of mass within half a pixel of (14, 14) (the mean over the training set is 14.0, 14.0),
and so do ours.

An image with no digit in it (too small, all one shade, or nothing that stands out from the paper)
has no answer: find_digit raises NoDigitError saying which, and preprocess_digit gives all zeros.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "preprocess_digit",
    "find_digit",
    "NoDigitError",
    "ink_bounding_box",
    "center_of_mass",
    "box_resample",
    "to_grayscale",
    "render_strokes",
    "CANVAS",
    "BOX",
    "CENTER",
    "INK_THRESHOLD",
    "MIN_SIDE",
    "MIN_CONTRAST",
]

CANVAS = 28  # output side, px
BOX = 20  # the digit's longer side is scaled to this, px
CENTER = 14.0  # where the centre of mass goes, in pixel-index coordinates (row and column)
INK_THRESHOLD = 0.1  # after normalising to 0..1, brighter than this counts as ink for cropping
MIN_SIDE = 5  # px; a narrower or shorter image holds no legible digit (5x7 dot-matrix digits are about the smallest)
MIN_CONTRAST = 0.1  # the strongest ink must differ from the paper by this much of black-to-white

_LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R BT.601, as most image libraries use for "L"


def to_grayscale(image: np.ndarray) -> np.ndarray:
    """(H, W), (H, W, 3) or (H, W, 4) image -> (H, W) float64 luminance, 0..1 for integer input.

    Integers are divided by their dtype's maximum (255 for uint8); floats are kept as they are.
    RGBA is composited over white, so transparent pixels read as background paper.
    """
    a = np.asarray(image)
    if a.dtype == bool:
        a = a.astype(np.float64)
    elif np.issubdtype(a.dtype, np.integer):
        a = a / np.iinfo(a.dtype).max
    else:
        a = a.astype(np.float64)
    if a.ndim == 2:
        return a
    if a.ndim == 3 and a.shape[2] in (3, 4):
        gray = a[..., :3] @ _LUMA
        if a.shape[2] == 4:
            alpha = a[..., 3]
            gray = gray * alpha + (1.0 - alpha)
        return gray
    raise ValueError(f"expected an (H, W), (H, W, 3) or (H, W, 4) image, got shape {a.shape}")


def ink_bounding_box(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the True pixels of a (H, W) mask; bottom and right are exclusive.

    None if the mask is all False.
    """
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(ink.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """Intensity-weighted mean (row, col) of a (H, W) image, pixel centres at integer indices.

    An image with no mass gives its geometric centre.
    """
    h, w = image.shape
    mass = float(image.sum())
    if mass <= 0:
        return (h - 1) / 2, (w - 1) / 2
    return (
        float(image.sum(axis=1) @ np.arange(h)) / mass,
        float(image.sum(axis=0) @ np.arange(w)) / mass,
    )


def _box_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) matrix: row i averages the input cells that output cell i covers, by overlap."""
    step = n_in / n_out
    lo = (np.arange(n_out) * step)[:, None]
    hi = lo + step
    j = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / step


def box_resample(image: np.ndarray, new_h: int, new_w: int) -> np.ndarray:
    """Resize a (H, W) image to (new_h, new_w) by exact area averaging (box filter).

    Computes R @ image @ C with R of shape (new_h, H) and C of shape (W, new_w) holding overlap
    weights; each output pixel is the mean of the input area it covers, up- or downscaling alike.
    """
    h, w = image.shape
    return _box_weights(h, new_h) @ image @ _box_weights(w, new_w).T


class NoDigitError(ValueError):
    """An image with no digit in it; the message says why, e.g. "the image is blank (all one shade)"."""


def preprocess_digit(image: np.ndarray) -> np.ndarray:
    """Any-size digit image -> (28, 28) float32 in [0, 1] with ink = 1, like an MNIST digit.

    image: (H, W) grayscale, or (H, W, 3|4) RGB(A); uint8 0..255 or float 0..1; dark ink on light
    paper or light ink on dark, detected from the border. An image with no digit (see find_digit)
    gives all zeros, as an empty drawing shows.
    """
    try:
        return find_digit(image)
    except NoDigitError:
        return np.zeros((CANVAS, CANVAS), dtype=np.float32)


def find_digit(image: np.ndarray) -> np.ndarray:
    """preprocess_digit for an image that should hold a digit: raises NoDigitError where
    preprocess_digit gives zeros. ValueError for an array that is not an image.

    No digit: an image under MIN_SIDE px on a side, one all one shade, or one whose strongest ink
    differs from the paper (the border's median) by less than MIN_CONTRAST, such as a photo of a
    blank sheet with a little noise.
    """
    g = to_grayscale(image)
    h, w = g.shape
    if min(h, w) < MIN_SIDE:
        raise NoDigitError(f"the image is {w}x{h} pixels, too small to hold a digit")
    lo, hi = float(g.min()), float(g.max())
    if not hi - lo > 1e-6:
        raise NoDigitError("the image is blank (all one shade)")

    # Polarity: the border is mostly paper. If it is the bright side, flip so ink is bright.
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    if np.median(border) > (lo + hi) / 2:
        g = (lo + hi) - g
        border = (lo + hi) - border
    paper = float(np.median(border))
    if hi - paper < MIN_CONTRAST:
        raise NoDigitError("the image is blank (nothing stands out from the background)")
    # Paper -> 0, the strongest ink -> 1.
    g = np.clip((g - paper) / (hi - paper), 0.0, 1.0)

    top, bottom, left, right = ink_bounding_box(g > INK_THRESHOLD)  # the strongest ink is 1: never None
    crop = g[top:bottom, left:right]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_h = max(1, min(BOX, int(np.floor(h * scale + 0.5))))
    new_w = max(1, min(BOX, int(np.floor(w * scale + 0.5))))
    digit = box_resample(crop, new_h, new_w)

    # Shift by whole pixels, as MNIST did, so the centre of mass lands nearest CENTER. A symmetric
    # digit's offset is exactly a half pixel; snapping it to 1e-5 px (above float32 noise) first
    # makes such ties always round up instead of going whichever way the noise says.
    cy, cx = center_of_mass(digit)
    y0 = int(np.clip(np.floor(round(CENTER - cy, 5) + 0.5), 0, CANVAS - new_h))
    x0 = int(np.clip(np.floor(round(CENTER - cx, 5) + 0.5), 0, CANVAS - new_w))
    out = np.zeros((CANVAS, CANVAS), dtype=np.float32)
    out[y0:y0 + new_h, x0:x0 + new_w] = np.clip(digit, 0.0, 1.0)
    return out


def render_strokes(strokes, size: int = 280, width: float = 20.0) -> np.ndarray:
    """Rasterise polylines with a round, antialiased brush -> (size, size) float32, ink = 1 on 0.

    strokes: a list of (k, 2) arrays of (x, y) points, x = column and y = row (pixel centres at
    integer coordinates); a single point draws a dot. Each pixel's ink is its distance to the nearest
    segment, mapped through a one-pixel-wide antialiased edge at radius width / 2.
    """
    segments = []
    for stroke in strokes:
        p = np.asarray(stroke, dtype=np.float64).reshape(-1, 2)
        if len(p) == 0:
            continue
        if len(p) == 1:
            p = np.vstack([p, p])
        segments.append(np.stack([p[:-1], p[1:]], axis=1))
    canvas = np.zeros((size, size), dtype=np.float32)
    if not segments:
        return canvas
    seg = np.concatenate(segments)  # (S, 2 ends, 2 coords)
    radius = width / 2

    # Only pixels within reach of the brush can get ink.
    reach = radius + 1
    x_lo, y_lo = np.floor(seg.reshape(-1, 2).min(axis=0) - reach).astype(int)
    x_hi, y_hi = np.ceil(seg.reshape(-1, 2).max(axis=0) + reach).astype(int)
    x_lo, y_lo = max(x_lo, 0), max(y_lo, 0)
    x_hi, y_hi = min(x_hi, size - 1), min(y_hi, size - 1)
    if x_lo > x_hi or y_lo > y_hi:
        return canvas
    ys, xs = np.mgrid[y_lo:y_hi + 1, x_lo:x_hi + 1]
    pixels = np.stack([xs.ravel(), ys.ravel()], axis=1).astype(np.float64)  # (P, 2)

    d2 = np.full(len(pixels), np.inf)
    for i in range(0, len(seg), 16):  # batches of segments bound the (P, B) temporaries
        a = seg[i:i + 16, 0]  # (B, 2)
        ab = seg[i:i + 16, 1] - a
        ab2 = np.einsum("bk,bk->b", ab, ab)
        ap = pixels[:, None, :] - a[None, :, :]  # (P, B, 2)
        t = np.einsum("pbk,bk->pb", ap, ab) / np.where(ab2 > 0, ab2, 1.0)
        t = np.clip(t, 0.0, 1.0)
        diff = ap - t[..., None] * ab[None, :, :]
        d2 = np.minimum(d2, np.einsum("pbk,pbk->pb", diff, diff).min(axis=1))
    ink = np.clip(radius + 0.5 - np.sqrt(d2), 0.0, 1.0)
    canvas[y_lo:y_hi + 1, x_lo:x_hi + 1] = ink.reshape(ys.shape)
    return canvas
