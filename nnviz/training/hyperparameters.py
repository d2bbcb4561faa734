"""Hyperparameters of a training session, validated with messages a learner can act on."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from nnviz.engine.batching import GRANULARITIES
from nnviz.engine.optimizers import OPTIMIZERS

#: The hyperparameters a running session picks up at its next step; the rest need a rebuild.
LIVE = frozenset({"lr", "granularity", "batch_size", "momentum", "l2", "augment", "epochs"})


class HyperparameterError(ValueError):
    """A hyperparameter value that cannot be used; the message names it and says what is allowed."""


@dataclass(frozen=True)
class Hyperparameters:
    lr: float = 0.1
    granularity: str = "stochastic"  # "stochastic", "minibatch" or "batch"
    batch_size: int = 32  # used in "minibatch" mode
    optimizer: str = "sgd"
    momentum: float = 0.9  # used by the "momentum" optimizer
    l2: float = 0.0
    epochs: int | None = 10  # None trains until stopped
    seed: int | None = 0
    augment: bool = False  # random shifts, rotations and scaling of image inputs

    def __post_init__(self):
        # Types first: these also come from model files' metadata, which may be forged.
        for name in ("lr", "momentum", "l2"):
            value = getattr(self, name)
            _check(isinstance(value, (int, float)) and not isinstance(value, bool),
                   f"{_NAMES[name]} must be a number, got {value!r}")
        for name in ("granularity", "optimizer"):
            _check(isinstance(getattr(self, name), str), f"{_NAMES[name]} must be a name, got {getattr(self, name)!r}")
        _check(isinstance(self.augment, bool), f"augment must be true or false, got {self.augment!r}")
        _check(math.isfinite(self.lr) and 0 < self.lr <= 100, f"learning rate must be a number in (0, 100], got {self.lr}")
        _check(self.granularity in GRANULARITIES, f"gradient descent mode must be one of {', '.join(GRANULARITIES)}, got {self.granularity!r}")
        _check(isinstance(self.batch_size, int) and self.batch_size >= 1, f"batch size must be a whole number >= 1, got {self.batch_size}")
        _check(self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {self.optimizer!r}")
        _check(math.isfinite(self.momentum) and 0 <= self.momentum < 1, f"momentum must be in [0, 1), got {self.momentum}")
        _check(math.isfinite(self.l2) and self.l2 >= 0, f"L2 strength must be >= 0, got {self.l2}")
        _check(self.epochs is None or (isinstance(self.epochs, int) and self.epochs >= 1), f"epochs must be a whole number >= 1, got {self.epochs}")
        _check(self.seed is None or isinstance(self.seed, int), f"seed must be a whole number, got {self.seed!r}")

    def updated(self, **changes) -> Hyperparameters:
        """A copy with `changes` applied (validated); unknown names raise HyperparameterError."""
        unknown = set(changes) - {f.name for f in fields(self)}
        _check(not unknown, f"unknown hyperparameter(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return asdict(self)


_NAMES = {"lr": "learning rate", "momentum": "momentum", "l2": "L2 strength",
          "granularity": "gradient descent mode", "optimizer": "optimizer"}


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise HyperparameterError(message)
