"""Activation functions and their derivatives.

Every activation maps the weighted input z of a layer (shape (batch, n)) to its output a (same shape),
and back-propagates: given dL/da it returns dL/dz. The derivative is written in terms of a where the
math allows (sigmoid, tanh), because the forward pass already computed it.
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.phrases import QT_TRANSLATE_NOOP


class Activation:
    """One activation function. Subclasses set `name` and implement `forward` and `backward`."""

    name: str = ""
    #: Whether the function is defined for hidden layers (softmax couples a layer's neurons, so it is
    #: an output-only choice here) and whether it has a usable gradient (step has none).
    hidden_ok: bool = True
    differentiable: bool = True
    #: The range of a, as (low, high); losses that take logs need (0, 1).
    output_range: tuple[float, float] = (-np.inf, np.inf)

    def forward(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """dL/dz from dL/da; z, a and grad_a have shape (batch, n)."""
        raise NotImplementedError

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return self.forward(z)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Step(Activation):
    """Heaviside step: 1 where z >= 0, else 0. The perceptron's activation; it has no gradient."""

    name = "step"
    differentiable = False
    output_range = (0.0, 1.0)

    def forward(self, z):
        return (z >= 0).astype(z.dtype)

    def backward(self, z, a, grad_a):
        raise ValueError(QT_TRANSLATE_NOOP("Network", "the step activation has no gradient; use it only for a "
                                                      "perceptron's forward pass"))


class Sigmoid(Activation):
    name = "sigmoid"
    output_range = (0.0, 1.0)

    def forward(self, z):
        # In place on one new array: this runs on every layer of every step. exp(88) is near float32's
        # maximum; capping -z there avoids overflow and changes no result by more than 1e-38.
        a = np.negative(z)
        np.minimum(a, 88.0, out=a)
        np.exp(a, out=a)
        a += 1.0
        return np.reciprocal(a, out=a)

    def backward(self, z, a, grad_a):
        return grad_a * a * (1.0 - a)


class Tanh(Activation):
    name = "tanh"
    output_range = (-1.0, 1.0)

    def forward(self, z):
        return np.tanh(z)

    def backward(self, z, a, grad_a):
        return grad_a * (1.0 - a * a)


class ReLU(Activation):
    name = "relu"
    output_range = (0.0, np.inf)

    def forward(self, z):
        # np.clip with an infinite upper bound runs about twice as fast as np.maximum(z, 0) here.
        return np.clip(z, 0.0, np.inf)

    def backward(self, z, a, grad_a):
        return grad_a * (z > 0)


class LeakyReLU(Activation):
    name = "leaky_relu"

    def __init__(self, slope: float = 0.01):
        self.slope = float(slope)

    def forward(self, z):
        return np.where(z > 0, z, z * self.slope)

    def backward(self, z, a, grad_a):
        return np.where(z > 0, grad_a, grad_a * self.slope)

    def __repr__(self):
        return f"LeakyReLU(slope={self.slope})"


class Identity(Activation):
    name = "identity"

    def forward(self, z):
        return z

    def backward(self, z, a, grad_a):
        return grad_a


class Softmax(Activation):
    """Softmax over each row. Output layer only: it couples the layer's neurons."""

    name = "softmax"
    hidden_ok = False
    output_range = (0.0, 1.0)

    def forward(self, z):
        # Shifting by the row maximum leaves the result unchanged and keeps exp() from overflowing.
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def backward(self, z, a, grad_a):
        # Jacobian-vector product of softmax: a * (g - <g, a>), row by row.
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Step, Sigmoid, Tanh, ReLU, LeakyReLU, Identity, Softmax)
}


def get_activation(name: str | Activation) -> Activation:
    """The activation called `name` (e.g. "sigmoid"); an Activation instance is returned as is."""
    if isinstance(name, Activation):
        return name
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
