"""The arithmetic behind the training curves, apart from any drawing: the smoothed loss and the range
an accuracy axis zooms to.

`ema` smooths a (bucketed) loss history the way TensorBoard's smoothing slider does; `zoomed_range`
picks the span of an axis that shows the values in view with a margin, so 97 % and 98 % are told
apart, without running past what the quantity can reach (a share never exceeds 100 %);
`snapped_range` is the span of an axis that follows a growing run in steps rather than every frame.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

# Smoothing runs over blocks of this many values: one small matrix product per block.
_EMA_BLOCK = 128


def ema(x: np.ndarray, smoothing: float, previous: float | None = None) -> np.ndarray:
    """Exponential moving average of x (shape (n,)), continuing from `previous`.

    s_t = smoothing * s_{t-1} + (1 - smoothing) * x_t, starting from s_{-1} = previous, or from
    s_0 = x_0 when there is no previous value.

    Vectorised over blocks of B values: the EMA of each block started from zero is one matrix
    product with T[k, j] = smoothing^(k - j) (j <= k); a short loop then carries each block's last
    value into the next, s = smoothing^(k+1) * carry + local. Only powers <= 1 appear, so nothing
    overflows the way a cumulative-sum formula would.
    """
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    if n == 0:
        return np.empty(0)
    s = float(smoothing)
    T, decay = _ema_kernel(s)
    n_blocks = -(-n // _EMA_BLOCK)
    padded = np.zeros(n_blocks * _EMA_BLOCK)
    padded[:n] = x
    local = (1.0 - s) * (padded.reshape(n_blocks, _EMA_BLOCK) @ T.T)  # each block from zero
    carries = np.empty(n_blocks)
    carry = float(x[0]) if previous is None else float(previous)
    last_decay = float(decay[-1])
    for b, end in enumerate(local[:, -1].tolist()):
        carries[b] = carry
        carry = last_decay * carry + end
    return (decay * carries[:, None] + local).ravel()[:n]


def ema_extended(x: np.ndarray, smoothing: float, old_x: np.ndarray, old_s: np.ndarray) -> np.ndarray:
    """ema(x, smoothing), reusing old_s = ema(old_x, smoothing) for the values x begins with as old_x
    did: a history that only grew (and whose last, partly filled bucket changed) is smoothed from
    where it changed, not from its start."""
    x = np.asarray(x, dtype=np.float64)
    n = min(len(x), len(old_x), len(old_s))
    differ = np.flatnonzero(x[:n] != np.asarray(old_x[:n], dtype=np.float64))
    k = int(differ[0]) if differ.size else n  # the values before k are the old ones
    if k == 0:
        return ema(x, smoothing)
    return np.concatenate([old_s[:k], ema(x[k:], smoothing, previous=float(old_s[k - 1]))])


@lru_cache(maxsize=8)
def _ema_kernel(s: float) -> tuple[np.ndarray, np.ndarray]:
    """T[k, j] = s^(k - j) for j <= k (else 0) and decay[k] = s^(k + 1), for one block."""
    k = np.arange(_EMA_BLOCK)
    lag = k[:, None] - k[None, :]
    T = np.where(lag >= 0, s ** np.maximum(lag, 0), 0.0)
    decay = s ** (k + 1.0)
    T.setflags(write=False)
    decay.setflags(write=False)
    return T, decay


def values_between(x: np.ndarray, y: np.ndarray, x0: float, x1: float) -> np.ndarray:
    """The finite y (shape (n,), x sorted ascending) whose x lies in [x0, x1], and the nearest point
    on either side, so a line entering the view from outside counts too."""
    i = max(int(np.searchsorted(x, x0, side="left")) - 1, 0)
    j = int(np.searchsorted(x, x1, side="right")) + 1
    part = np.asarray(y[i:j], dtype=np.float64)
    return part[np.isfinite(part)]


def zoomed_range(values, bounds: tuple[float, float], min_span: float, margin: float = 0.08,
                 pixels: float = 0.0, pad_pixels: float = 0.0) -> tuple[float, float]:
    """The (low, high) of an axis showing `values`: their span widened by `margin` of it on each side
    (at least `min_span` in all), kept within `bounds`, then widened by `pad_pixels` on each side of
    an axis `pixels` long, so markers drawn at the very bound are not cut in half. All of `bounds`
    when there are no finite values."""
    lo_bound, hi_bound = bounds
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        lo, hi = lo_bound, hi_bound
    else:
        lo, hi = float(v.min()), float(v.max())
        pad = max((hi - lo) * margin, (min_span - (hi - lo)) / 2, 0.0)
        lo, hi = lo - pad, hi + pad
        # Shifted back inside the bounds rather than cut, so the span stays at least min_span.
        if hi > hi_bound:
            lo, hi = lo - (hi - hi_bound), hi_bound
        if lo < lo_bound:
            lo, hi = lo_bound, min(hi + (lo_bound - lo), hi_bound)
    if pixels > 2 * pad_pixels > 0 and math.isfinite(pixels):
        extra = (hi - lo) * pad_pixels / (pixels - 2 * pad_pixels)
        lo, hi = lo - extra, hi + extra
    return lo, hi


def nice_step(span: float, at_most: int) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that divides `span` into at most `at_most` steps (at least
    one step): tick spacing for an axis with room for `at_most` labels. 100 is a multiple of each."""
    at_most = max(int(at_most), 1)
    if not (span > 0 and math.isfinite(span)):
        return 1.0
    raw = span / at_most
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10.0 * power


#: An axis that follows growing data moves in steps of 1/RANGE_RESOLUTION to 2/RANGE_RESOLUTION of its span.
RANGE_RESOLUTION = 50


def snapped_range(lo: float, hi: float, padding: float, resolution: int = RANGE_RESOLUTION) -> tuple[float, float]:
    """The (low, high) of an axis showing lo..hi with `padding` (a share of the span) beyond each end,
    as an auto-range does, but with both ends first moved outward to multiples of
    nice_step(span, resolution), 1/resolution to 2/resolution of the span. While a run grows its
    axes then stay put for several draws at a time, and their ticks, labels and grid, which are drawn
    again whenever a range moves, are drawn again only when it does. A flat line (lo == hi) gets a
    span as wide as its value (1 at 0)."""
    lo, hi = float(lo), float(hi)
    span = hi - lo
    if not span > 0:
        span = abs(hi) or 1.0
    quantum = nice_step(span, resolution)
    low = math.floor(lo / quantum + 1e-9) * quantum
    high = math.ceil(hi / quantum - 1e-9) * quantum
    if high <= low:
        high = low + quantum
    pad = max(float(padding), 0.0) * (high - low)
    return low - pad, high + pad


def finite_bounds(arrays, log: bool = False) -> tuple[float, float] | None:
    """(min, max) of the finite values in `arrays` (a sequence of 1-D arrays); with `log`, of the
    log10 of their positive values (a log axis leaves out zero and negative ones). None if none."""
    parts = [np.asarray(a, dtype=np.float64).ravel() for a in arrays]
    v = np.concatenate(parts) if parts else np.empty(0)
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.log10(v[v > 0])
    v = v[np.isfinite(v)]
    return (float(v.min()), float(v.max())) if v.size else None
