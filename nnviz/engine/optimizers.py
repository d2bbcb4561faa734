"""Optimisers: turn gradients into in-place parameter updates.

`step(params, grads, lr)` takes the learning rate at every call, and `momentum`/betas are plain
attributes, so a trainer can change them between two steps while training runs. State (velocities,
moment estimates) is kept per parameter position and created on the first step. Each optimiser
keeps a scratch buffer per parameter so an update allocates nothing: at batch size 1 the updates
dominate the step time.
"""

from __future__ import annotations

import math

import numpy as np


class Optimizer:
    name: str = ""

    def __init__(self):
        self._scratch: list[np.ndarray] = []

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], lr: float) -> None:
        """Update every array in `params` in place from the matching array in `grads`."""
        raise NotImplementedError

    def reset(self) -> None:
        """Forget accumulated state (velocities, moments), e.g. after the network was rebuilt."""
        self._scratch = []

    def _buffers(self, params: list[np.ndarray]) -> list[np.ndarray]:
        if len(self._scratch) != len(params) or any(b.shape != p.shape for b, p in zip(self._scratch, params)):
            self._scratch = [np.empty_like(p) for p in params]
        return self._scratch

    def last_updates(self) -> list[np.ndarray]:
        """The change the last step made to each parameter (new arrays; empty before the first step)."""
        return [-b for b in self._scratch]

    def state(self) -> dict[str, list[np.ndarray]]:
        """What the optimiser carries from step to step, per parameter (in Network.parameters() order),
        as read-only views: {} for SGD, {"v": velocities} for momentum, {"m": ..., "v": ...} for Adam;
        empty lists before the first step."""
        return {}

    @staticmethod
    def _read_only(arrays: list[np.ndarray]) -> list[np.ndarray]:
        views = [a.view() for a in arrays]
        for v in views:
            v.setflags(write=False)
        return views



class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr * g."""

    name = "sgd"

    def step(self, params, grads, lr):
        for p, g, buf in zip(params, grads, self._buffers(params)):
            np.multiply(g, lr, out=buf)
            p -= buf


class Momentum(Optimizer):
    """Classical momentum: v <- mu * v - lr * g; p <- p + v."""

    name = "momentum"

    def __init__(self, momentum: float = 0.9):
        super().__init__()
        self.momentum = float(momentum)
        self._velocity: list[np.ndarray] = []

    def reset(self):
        super().reset()
        self._velocity = []

    def step(self, params, grads, lr):
        if len(self._velocity) != len(params):
            self._velocity = [np.zeros_like(p) for p in params]
        for p, g, v, buf in zip(params, grads, self._velocity, self._buffers(params)):
            v *= self.momentum
            np.multiply(g, lr, out=buf)
            v -= buf
            p += v

    def last_updates(self):
        return [v.copy() for v in self._velocity]

    def state(self):
        return {"v": self._read_only(self._velocity)}



class Adam(Optimizer):
    """Kingma & Ba (2015), with bias-corrected first and second moment estimates."""

    name = "adam"

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        super().__init__()
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self._m: list[np.ndarray] = []
        self._v: list[np.ndarray] = []
        self._t = 0

    def reset(self):
        super().reset()
        self._m, self._v, self._t = [], [], 0

    @property
    def steps(self) -> int:
        """How many steps it has taken: t in its bias corrections."""
        return self._t

    def state(self):
        return {"m": self._read_only(self._m), "v": self._read_only(self._v)}

    def step(self, params, grads, lr):
        if len(self._m) != len(params):
            self._m = [np.zeros_like(p) for p in params]
            self._v = [np.zeros_like(p) for p in params]
            self._t = 0
        self._t += 1
        b1, b2 = self.beta1, self.beta2
        # The bias corrections become scalars: p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps). Python
        # floats, not NumPy float64 scalars, which would turn every in-place float32 product float64.
        step_size = lr / (1.0 - b1**self._t)
        v_scale = 1.0 / math.sqrt(1.0 - b2**self._t)
        for p, g, m, v, buf in zip(params, grads, self._m, self._v, self._buffers(params)):
            m *= b1
            np.multiply(g, 1.0 - b1, out=buf)
            m += buf
            v *= b2
            np.multiply(g, g, out=buf)
            buf *= 1.0 - b2
            v += buf
            np.sqrt(v, out=buf)
            buf *= v_scale
            buf += self.eps
            np.divide(m, buf, out=buf)
            buf *= step_size
            p -= buf



OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name: str, momentum: float = 0.9) -> Optimizer:
    """A fresh optimiser called `name` ("sgd", "momentum" or "adam")."""
    if name == "momentum":
        return Momentum(momentum)
    try:
        return OPTIMIZERS[name]()
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}") from None
