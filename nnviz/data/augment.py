"""Random small affine distortions of a batch of flattened images, for training-time augmentation.

A digit drawn by another hand is the same digit a little rotated, scaled, slanted or moved; showing the
network such variants each epoch makes it generalise better than seeing the same 60,000 images again.

Everything is vectorised across images: one (batch, 2, 3) array of affine maps, one matrix product
that gives the source coordinates of every output pixel of every image, and bilinear sampling by
gathering from the flattened images. There is no Python loop over images (only over chunks of 64, to
keep temporaries small), because this runs inside the training loop, where its time adds directly to
every step: about 7 us per distorted 28x28 image.

Coordinates: pixel (row r, col c) has its centre at (r, c); transforms act about the image centre
((H - 1) / 2, (W - 1) / 2). Pixels whose source falls outside the image read as background (0).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

__all__ = ["augment_images", "Distortions", "draw_distortions", "distort", "random_affines", "warp_affine",
           "MAX_SHIFT", "MAX_ROTATION_DEG", "SCALE_RANGE", "MAX_SHEAR", "FRACTION"]

# Default strength: what training calls augment_images with. Tuned on MNIST with the mnist-fast preset
# (tests/bench/mnist_fast.py): within its ~10 epochs these beat a stronger set (2 px, 12 degrees,
# 0.9-1.1, shear 0.2; about 0.1-0.2 % lower, it slows learning) and shifts alone (about 0.3 % lower).
MAX_SHIFT = 1.5  # pixels, along each axis
MAX_ROTATION_DEG = 10.0
SCALE_RANGE = (0.92, 1.08)
MAX_SHEAR = 0.15  # column offset per row from the centre; tan of the slant angle (0.15: ~8.5 degrees)
# Distorting half of each batch and showing the other half as it is learned as well as distorting all
# of it (a little better within 8-9 epochs), at half the cost.
FRACTION = 0.5


def random_affines(
    batch: int,
    rng: np.random.Generator,
    max_shift: float = MAX_SHIFT,
    max_rotation_deg: float = MAX_ROTATION_DEG,
    scale_range: tuple[float, float] = SCALE_RANGE,
    max_shear: float = MAX_SHEAR,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw `batch` random affine maps; returns (A, t) with A of shape (batch, 2, 2), t of shape (batch, 2).

    Each map is A = scale * R(angle) @ [[1, 0], [shear, 1]] in (row, col) coordinates: the shear moves
    columns in proportion to the row, which slants a digit like handwriting does. angle is uniform in
    +-max_rotation_deg, scale uniform in scale_range, shear uniform in +-max_shear and the shift t
    uniform in +-max_shift pixels along each axis (fractional shifts are fine: sampling is bilinear).
    """
    lo, hi = scale_range
    if not 0 < lo <= hi:
        raise ValueError(f"scale_range must be (low, high) with 0 < low <= high, got {scale_range}")
    angle = np.deg2rad(rng.uniform(-max_rotation_deg, max_rotation_deg, batch))
    scale = rng.uniform(lo, hi, batch)
    shear = rng.uniform(-max_shear, max_shear, batch)
    t = rng.uniform(-max_shift, max_shift, (batch, 2))
    cos, sin = np.cos(angle), np.sin(angle)
    # scale * [[cos, -sin], [sin, cos]] @ [[1, 0], [shear, 1]], written out per entry.
    A = np.empty((batch, 2, 2))
    A[:, 0, 0] = scale * (cos - sin * shear)
    A[:, 0, 1] = -scale * sin
    A[:, 1, 0] = scale * (sin + cos * shear)
    A[:, 1, 1] = scale * cos
    return A, t


def warp_affine(x: np.ndarray, image_shape: tuple[int, int], A: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Move every image by its own affine map: a pixel at p goes to A[i] @ (p - centre) + centre + t[i].

    x has shape (batch, H*W) (flattened images, row-major); A has shape (batch, 2, 2) and t shape
    (batch, 2), both in (row, col) order; every A[i] must be invertible. Returns a new array of x's
    shape and dtype. Output pixels are sampled bilinearly at their source position; sources outside the
    image read as 0.
    """
    x = np.asarray(x)
    H, W = (int(s) for s in image_shape)
    if x.ndim != 2 or x.shape[1] != H * W:
        raise ValueError(f"expected images of shape (batch, {H * W}) for image_shape {(H, W)}, got {x.shape}")
    if not np.issubdtype(x.dtype, np.floating):
        raise ValueError(f"expected floating-point images, got {x.dtype}")
    batch = len(x)
    A = np.asarray(A, dtype=np.float64).reshape(batch, 2, 2)
    t = np.asarray(t, dtype=np.float64).reshape(batch, 2)

    # Sampling needs the inverse map: source = A^-1 (p_out - centre - t) + centre. Every image will be
    # padded with a border of zeros (one row/column before it, two after), so source (r, c) is padded
    # pixel (r + 1, c + 1); that +1 joins the centre in the translation. One (2, 3) map per image,
    # coef[i] = [A^-1 | centre + 1 - A^-1 (centre + t)], acts on homogeneous pixel coordinates [r, c, 1].
    centre = np.array([(H - 1) / 2, (W - 1) / 2])
    inv = np.linalg.inv(A)
    coef = np.empty((batch, 2, 3), dtype=np.float32)
    coef[:, :, :2] = inv
    coef[:, :, 2] = centre + 1.0 - np.einsum("bij,bj->bi", inv, centre + t)

    out = np.empty_like(x)
    # Chunks of images, not one big batch: every temporary then stays small enough for the allocator
    # to reuse its memory from call to call. Between training steps a batch of 128 in one piece
    # page-faulted ~780 fresh pages per call, which tripled its time (2.7 ms instead of 0.9 ms);
    # chunks of 64 fault none, and beat chunks of 16 or 32 (less per-call overhead).
    for start in range(0, batch, _CHUNK):
        chunk = slice(start, start + _CHUNK)
        _sample_bilinear(x[chunk], coef[chunk], H, W, out[chunk])
    return out


#: Images warped per chunk; see warp_affine.
_CHUNK = 64


def _sample_bilinear(x: np.ndarray, coef: np.ndarray, H: int, W: int, out: np.ndarray) -> None:
    """Write into out (batch, H*W) the images x (batch, H*W) sampled bilinearly at the source positions
    coef[i] @ [r, c, 1] (coef of shape (batch, 2, 3), in padded coordinates) of every output pixel."""
    batch = len(x)
    Hp, Wp = H + 3, W + 3
    # One matrix product gives both source coordinates of every output pixel of every image, as two
    # contiguous planes src = (rows, cols) of shape (batch, H*W) each: the elementwise work below
    # runs about twice as fast on contiguous planes as on interleaved ones.
    # float32 is exact for integer coordinates and ample for sub-pixel positions in a small image.
    maps = coef.transpose(1, 0, 2).reshape(2 * batch, 3)
    src = np.matmul(maps, _grid(H, W)).reshape(2, batch, H * W)

    # Zero outside without masks: clip source positions into the padded frame [0, H + 1] x [0, W + 1].
    # A clipped position lands on the zero border with weight 1, and the neighbour one further on
    # (weight 0) still exists in the padding. (np.clip is several times faster than maximum/minimum.)
    np.clip(src[0], 0, H + 1, out=src[0])
    np.clip(src[1], 0, W + 1, out=src[1])
    whole = np.floor(src)
    frac = src
    frac -= whole
    if frac.dtype != x.dtype:
        frac = frac.astype(x.dtype)
    fr, fc = frac
    # Index of each top-left neighbour in the flattened padded chunk. float32 holds the in-image part
    # exactly (it is below Hp * Wp); the per-image offset is added in integers.
    in_image = whole[0]
    in_image *= Wp
    in_image += whole[1]
    top_left = in_image.astype(np.intp)
    top_left += np.arange(0, batch * Hp * Wp, Hp * Wp)[:, None]
    padded = np.zeros((batch, Hp, Wp), dtype=x.dtype)
    padded[:, 1:H + 1, 1:W + 1] = x.reshape(batch, H, W)
    flat = padded.ravel()
    # The other three neighbours are the same indices into views that start 1, Wp and Wp + 1 later.
    # Every index is in range by construction; mode="clip" only spares take() a buffered copy of out.
    v00 = flat.take(top_left, out=out, mode="clip")
    v01 = flat[1:].take(top_left)
    v10 = flat[Wp:].take(top_left)
    v11 = flat[Wp + 1:].take(top_left)
    # Interpolate as v00 + f * (v01 - v00), so a zero fraction returns the pixel exactly.
    v01 -= v00
    v01 *= fc
    v01 += v00  # the top pair, interpolated along the row
    v11 -= v10
    v11 *= fc
    v11 += v10  # the bottom pair
    v11 -= v01
    v11 *= fr
    np.add(v01, v11, out=out)


@functools.lru_cache(maxsize=4)
def _grid(H: int, W: int) -> np.ndarray:
    """The homogeneous coordinates [r, c, 1] of every pixel, shape (3, H*W), float32, read-only."""
    rows, cols = np.divmod(np.arange(H * W), W)
    grid = np.stack([rows, cols, np.ones(H * W)]).astype(np.float32)
    grid.setflags(write=False)
    return grid


def augment_images(
    x: np.ndarray,
    image_shape: tuple[int, int],
    rng: np.random.Generator,
    max_shift: float = MAX_SHIFT,
    max_rotation_deg: float = MAX_ROTATION_DEG,
    scale_range: tuple[float, float] = SCALE_RANGE,
    max_shear: float = MAX_SHEAR,
    fraction: float = FRACTION,
) -> np.ndarray:
    """A copy of x (shape (batch, H*W), ink bright on background 0) with some images randomly distorted.

    Each image is distorted with probability `fraction` (the rest are copied as they are), each with its
    own rotation, scale, shear and shift drawn from rng (see `random_affines`). The result has x's shape
    and dtype, and x is left unchanged. All ranges zero (scale_range (1, 1)) returns x exactly.
    """
    x = np.asarray(x)
    return distort(x, image_shape, draw_distortions(len(x), rng, max_shift, max_rotation_deg, scale_range,
                                                    max_shear, fraction))


@dataclass(frozen=True)
class Distortions:
    """How to distort a batch: the images chosen (indices into it) and their affine maps A (k, 2, 2),
    t (k, 2). Drawing them is cheap and uses the generator; applying them (`distort`) is the work, and
    needs no generator, so it can run ahead on another thread while the draws stay in order."""

    chosen: np.ndarray
    A: np.ndarray
    t: np.ndarray


def draw_distortions(
    batch: int,
    rng: np.random.Generator,
    max_shift: float = MAX_SHIFT,
    max_rotation_deg: float = MAX_ROTATION_DEG,
    scale_range: tuple[float, float] = SCALE_RANGE,
    max_shear: float = MAX_SHEAR,
    fraction: float = FRACTION,
) -> Distortions:
    """The distortions `augment_images` applies to a batch of `batch` images, drawn from rng in the same
    order (so drawing then `distort` gives exactly what augment_images gives)."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be in [0, 1], got {fraction}")
    chosen = np.flatnonzero(rng.random(batch) < fraction)
    A, t = random_affines(len(chosen), rng, max_shift, max_rotation_deg, scale_range, max_shear)
    return Distortions(chosen, A, t)


def distort(x: np.ndarray, image_shape: tuple[int, int], distortions: Distortions) -> np.ndarray:
    """A copy of x (batch, H*W) with the chosen images warped by their maps; x is left unchanged."""
    x = np.asarray(x)
    chosen, A, t = distortions.chosen, distortions.A, distortions.t
    if len(chosen) == len(x):
        return warp_affine(x, image_shape, A, t)
    out = x.copy()
    out[chosen] = warp_affine(x[chosen], image_shape, A, t)
    return out
