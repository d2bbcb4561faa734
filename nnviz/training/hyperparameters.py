"""Hyperparameters of a training session, validated with messages a learner can act on."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from nnviz.engine.batching import GRANULARITIES
from nnviz.engine.optimizers import OPTIMIZERS
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

#: The hyperparameters a running session picks up at its next step; the rest need a rebuild.
LIVE = frozenset({"lr", "granularity", "batch_size", "momentum", "l2", "augment", "epochs"})


class HyperparameterError(ValueError):
    """A hyperparameter value that cannot be used; the message (args[0], a Phrase the window can
    translate) names it and says what is allowed."""


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
                   QT_TRANSLATE_NOOP("Hyperparameters", "{name} must be a number, got {value}"),
                   name=_NAMES[name], value=repr(value))
        for name in ("granularity", "optimizer"):
            _check(isinstance(getattr(self, name), str),
                   QT_TRANSLATE_NOOP("Hyperparameters", "{name} must be a name, got {value}"), name=_NAMES[name], value=repr(getattr(self, name)))
        _check(isinstance(self.augment, bool),
               QT_TRANSLATE_NOOP("Hyperparameters", "augment must be true or false, got {value}"),
               value=repr(self.augment))
        _check(math.isfinite(self.lr) and 0 < self.lr <= 100,
               QT_TRANSLATE_NOOP("Hyperparameters", "learning rate must be a number in (0, 100], got {value}"),
               value=self.lr)
        _check(self.granularity in GRANULARITIES,
               QT_TRANSLATE_NOOP("Hyperparameters", "gradient descent mode must be one of {names}, got {value}"),
               names=", ".join(GRANULARITIES), value=repr(self.granularity))
        _check(isinstance(self.batch_size, int) and self.batch_size >= 1,
               QT_TRANSLATE_NOOP("Hyperparameters", "batch size must be a whole number >= 1, got {value}"),
               value=self.batch_size)
        _check(self.optimizer in OPTIMIZERS,
               QT_TRANSLATE_NOOP("Hyperparameters", "optimizer must be one of {names}, got {value}"),
               names=", ".join(OPTIMIZERS), value=repr(self.optimizer))
        _check(math.isfinite(self.momentum) and 0 <= self.momentum < 1,
               QT_TRANSLATE_NOOP("Hyperparameters", "momentum must be in [0, 1), got {value}"), value=self.momentum)
        _check(math.isfinite(self.l2) and self.l2 >= 0,
               QT_TRANSLATE_NOOP("Hyperparameters", "L2 strength must be >= 0, got {value}"), value=self.l2)
        _check(self.epochs is None or (isinstance(self.epochs, int) and self.epochs >= 1),
               QT_TRANSLATE_NOOP("Hyperparameters", "epochs must be a whole number >= 1, got {value}"), value=self.epochs)
        _check(self.seed is None or isinstance(self.seed, int),
               QT_TRANSLATE_NOOP("Hyperparameters", "seed must be a whole number, got {value}"), value=repr(self.seed))

    def updated(self, **changes) -> Hyperparameters:
        """A copy with `changes` applied (validated); unknown names raise HyperparameterError."""
        unknown = set(changes) - {f.name for f in fields(self)}
        _check(not unknown, QT_TRANSLATE_NOOP("Hyperparameters", "unknown hyperparameter(s): {names}"),
               names=", ".join(sorted(unknown)))
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return asdict(self)


_NAMES = {"lr": QT_TRANSLATE_NOOP("Hyperparameters", "learning rate"),
          "momentum": QT_TRANSLATE_NOOP("Hyperparameters", "momentum"),
          "l2": QT_TRANSLATE_NOOP("Hyperparameters", "L2 strength"),
          "granularity": QT_TRANSLATE_NOOP("Hyperparameters", "gradient descent mode"),
          "optimizer": QT_TRANSLATE_NOOP("Hyperparameters", "optimizer")}


def _check(condition: bool, template, **args) -> None:
    """Raise HyperparameterError with `template` filled in by `args` unless `condition` holds."""
    if not condition:
        raise HyperparameterError(template.format(**args))
