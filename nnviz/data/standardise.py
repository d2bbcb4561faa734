"""Standardisation: shift and scale each input column (and a regression target) to mean 0, std 1.

Columns measured in very different units (a price in thousands next to a share in 0..1) make gradient
descent crawl along the small one; standardising puts every column on the same footing. The means and
standard deviations are fitted on the training rows only (the test rows must not leak into training)
and travel with the model, so a prediction on a new raw row is standardised exactly the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Standardisation", "MAX_COLUMNS"]

#: The most columns a stored standardisation may describe (a CSV has at most 1,000; MNIST's 784 pixels
#: are never standardised). Bounds what an untrusted model or experiment file can make us allocate.
MAX_COLUMNS = 100_000


def _real(value, name: str) -> float:
    """`value` as a finite float, or ValueError. bool is refused: JSON's true is not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"standardisation: {name} must be a number, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"standardisation: {name} must be finite, got {value}")
    return value


def _reals(values, name: str) -> tuple[float, ...]:
    if not isinstance(values, (list, tuple)):
        raise ValueError(f"standardisation: {name} must be a list of numbers, got {type(values).__name__}")
    if not 1 <= len(values) <= MAX_COLUMNS:
        raise ValueError(f"standardisation: {name} must hold 1 to {MAX_COLUMNS:,} numbers, got {len(values):,}")
    return tuple(_real(v, f"{name}[{j}]") for j, v in enumerate(values))


@dataclass(frozen=True)
class Standardisation:
    """x = (x_raw − feature_mean) / feature_std per column; y = (y_raw − target_mean) / target_std.

    feature_mean and feature_std have one entry per input column; target_mean and target_std are None
    when the target is not standardised (classification, or a regression target left as it is).
    Every std is positive (a constant column gets std 1, so it becomes 0 rather than a division by 0).
    """

    feature_mean: tuple[float, ...]
    feature_std: tuple[float, ...]
    target_mean: float | None = None
    target_std: float | None = None

    def __post_init__(self) -> None:
        mean = _reals(self.feature_mean, "feature_mean")
        std = _reals(self.feature_std, "feature_std")
        if len(mean) != len(std):
            raise ValueError(
                f"standardisation: feature_mean has {len(mean)} entries but feature_std has {len(std)}"
            )
        if min(std) <= 0:
            raise ValueError("standardisation: every feature_std must be positive")
        object.__setattr__(self, "feature_mean", mean)
        object.__setattr__(self, "feature_std", std)
        if (self.target_mean is None) != (self.target_std is None):
            raise ValueError("standardisation: give both target_mean and target_std, or neither")
        if self.target_mean is not None:
            object.__setattr__(self, "target_mean", _real(self.target_mean, "target_mean"))
            target_std = _real(self.target_std, "target_std")
            if target_std <= 0:
                raise ValueError("standardisation: target_std must be positive")
            object.__setattr__(self, "target_std", target_std)

    @classmethod
    def fit(cls, x_raw, y_raw=None) -> Standardisation:
        """Fit on x_raw of shape (n, n_features) and, if given, a regression target y_raw of shape (n,).

        The population standard deviation (ddof 0) is used; a column with std 0 gets std 1.
        """
        x_raw = np.asarray(x_raw, dtype=np.float64)
        if x_raw.ndim != 2 or x_raw.shape[0] == 0:
            raise ValueError(f"standardisation: fit needs x of shape (n ≥ 1, n_features), got {x_raw.shape}")
        if not np.all(np.isfinite(x_raw)):
            raise ValueError("standardisation: cannot fit on values that are not finite")
        mean = x_raw.mean(axis=0)
        std = x_raw.std(axis=0)
        std[std == 0] = 1.0
        target_mean = target_std = None
        if y_raw is not None:
            y_raw = np.asarray(y_raw, dtype=np.float64)
            if y_raw.shape != (x_raw.shape[0],):
                raise ValueError(f"standardisation: fit needs y of shape ({x_raw.shape[0]},), got {y_raw.shape}")
            if not np.all(np.isfinite(y_raw)):
                raise ValueError("standardisation: cannot fit on targets that are not finite")
            target_mean = float(y_raw.mean())
            target_std = float(y_raw.std()) or 1.0
        return cls(tuple(mean.tolist()), tuple(std.tolist()), target_mean, target_std)

    @property
    def n_features(self) -> int:
        return len(self.feature_mean)

    @property
    def has_target(self) -> bool:
        """Whether a regression target is standardised too."""
        return self.target_mean is not None

    def _columns(self, x) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = np.asarray(x)
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        if x.shape[-1:] != (self.n_features,):
            raise ValueError(
                f"standardisation: expected rows of {self.n_features} features, got shape {x.shape}"
            )
        return x.astype(dtype, copy=False), np.asarray(self.feature_mean, dtype), np.asarray(self.feature_std, dtype)

    def apply(self, x_raw) -> np.ndarray:
        """Standardised inputs; x_raw has shape (n, n_features) or (n_features,). Floating inputs keep
        their dtype, others become float64. Returns a new array."""
        x, mean, std = self._columns(x_raw)
        return (x - mean) / std

    def invert(self, x) -> np.ndarray:
        """Raw inputs from standardised ones (the inverse of apply)."""
        x, mean, std = self._columns(x)
        return x * std + mean

    def target_to_raw(self, y):
        """A network's target-unit value(s) in the target's raw units (unchanged without a target)."""
        if not self.has_target:
            return y
        return np.asarray(y) * self.target_std + self.target_mean

    def target_from_raw(self, y_raw):
        """Raw target value(s) in the units the network is trained on (unchanged without a target)."""
        if not self.has_target:
            return y_raw
        return (np.asarray(y_raw) - self.target_mean) / self.target_std

    def as_dict(self) -> dict:
        """A JSON-able dict; from_dict(as_dict()) == self."""
        return {
            "feature_mean": list(self.feature_mean),
            "feature_std": list(self.feature_std),
            "target_mean": self.target_mean,
            "target_std": self.target_std,
        }

    @classmethod
    def from_dict(cls, d) -> Standardisation:
        """Read back as_dict()'s output. The dict comes from model and experiment files that may have been
        edited or forged: every field is type-checked, and a problem is a ValueError of one line."""
        if not isinstance(d, dict):
            raise ValueError(f"standardisation must be an object, got {type(d).__name__}")
        unknown = sorted(set(d) - {"feature_mean", "feature_std", "target_mean", "target_std"})
        if unknown:
            raise ValueError(f"standardisation: unknown field {unknown[0]!r}")
        for key in ("feature_mean", "feature_std"):
            if key not in d:
                raise ValueError(f"standardisation: {key} is missing")
        return cls(
            _reals(d["feature_mean"], "feature_mean"),
            _reals(d["feature_std"], "feature_std"),
            d.get("target_mean"),
            d.get("target_std"),
        )
