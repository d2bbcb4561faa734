"""Loss functions: the cost of outputs a against targets y, and the output layer's error term.

All losses average over the batch: a and y have shape (batch, n_out) and `value` is the mean of the
per-sample losses, so a learning rate means the same at batch size 1 and 128.

`output_delta` returns dL/dz of the output layer. For sigmoid + binary cross-entropy and
softmax + categorical cross-entropy the activation's derivative cancels against the loss's and the
delta is simply (a - y) / batch; those fused forms are used because they are exact and never divide by
a saturated a(1 - a).
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.activations import Activation


def _log_floor(dtype) -> float:
    # The smallest probability whose log we take: far below any real output, yet log() stays finite.
    return 1e-7 if np.dtype(dtype) == np.float32 else 1e-15


class Loss:
    name: str = ""
    #: Whether the loss takes logs of the outputs, so they must lie in (0, 1).
    needs_probabilities: bool = False

    def value(self, a: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    def grad_a(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """dL/da, shape (batch, n_out), already divided by the batch size."""
        raise NotImplementedError

    def fused_delta(self, activation: Activation, a: np.ndarray, y: np.ndarray) -> np.ndarray | None:
        """dL/dz in closed form when this loss cancels against `activation`, else None."""
        return None

    def output_delta(self, activation: Activation, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The output layer's error term delta = dL/dz, shape (batch, n_out)."""
        delta = self.fused_delta(activation, a, y)
        if delta is None:
            delta = activation.backward(z, a, self.grad_a(a, y))
        return delta

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MeanSquaredError(Loss):
    """Squared error, C = sum_k (a_k - y_k)^2 per sample, averaged over the batch.

    With one output this is exactly the gender example's `((y_true - y_pred) ** 2).mean()`, and the
    gradient 2 (a - y) is its `d_L_d_ypred = -2 * (y_true - y_pred)`. (Nielsen and "Make Your Own
    Neural Network" write the cost with a 1/2 in front, which halves the gradient: their learning rate
    0.2 is 0.1 here.)
    """

    name = "mse"

    def value(self, a, y):
        d = a - y
        return float(np.vdot(d, d) / len(a))

    def grad_a(self, a, y):
        return (a - y) * (2.0 / len(a))


class BinaryCrossEntropy(Loss):
    """C = -sum_k [y log a + (1 - y) log(1 - a)] per sample; needs outputs in (0, 1)."""

    name = "bce"
    needs_probabilities = True

    def value(self, a, y):
        eps = _log_floor(a.dtype)
        a = np.clip(a, eps, 1.0 - eps)
        return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)) / len(a))

    def grad_a(self, a, y):
        eps = _log_floor(a.dtype)
        a = np.clip(a, eps, 1.0 - eps)
        return (a - y) / (a * (1.0 - a)) / len(a)

    def fused_delta(self, activation, a, y):
        if activation.name == "sigmoid":
            return (a - y) / len(a)
        return None


class CategoricalCrossEntropy(Loss):
    """C = -sum_k y_k log a_k per sample; targets are one-hot (rows sum to 1)."""

    name = "ce"
    needs_probabilities = True

    def value(self, a, y):
        eps = _log_floor(a.dtype)
        return float(-np.sum(y * np.log(np.maximum(a, eps))) / len(a))

    def grad_a(self, a, y):
        eps = _log_floor(a.dtype)
        return -y / np.maximum(a, eps) / len(a)

    def fused_delta(self, activation, a, y):
        if activation.name == "softmax":
            return (a - y) / len(a)
        return None


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (MeanSquaredError, BinaryCrossEntropy, CategoricalCrossEntropy)
}


def get_loss(name: str | Loss) -> Loss:
    """The loss called `name` ("mse", "bce" or "ce"); a Loss instance is returned as is."""
    if isinstance(name, Loss):
        return name
    try:
        return LOSSES[name]()
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
