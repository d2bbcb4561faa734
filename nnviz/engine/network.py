"""A fully-connected feed-forward network: forward pass, back-propagation, one training step.

Notation (Nielsen's): layer l has weights W[l] of shape (n_out, n_in) and biases b[l] of shape (n_out,).
Inputs are rows: a[0] = x has shape (batch, n_in), and for every layer

    z[l+1] = a[l] @ W[l].T + b[l]        a[l+1] = f_l(z[l+1])

`forward` returns every z and a as a `Trace`; `backward` returns every layer's error term
delta[l] = dL/dz[l+1] and the gradients as `Gradients`. The visualiser animates exactly these.
A network with no hidden layer is a single layer of neurons (one neuron for sizes (2, 1)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnviz.engine.activations import Activation, get_activation
from nnviz.engine.init import init_weights
from nnviz.engine.losses import Loss, get_loss
from nnviz.engine.optimizers import Optimizer
from nnviz.engine.phrases import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Trace:
    """Everything the forward pass computed.

    zs[l] has shape (batch, sizes[l+1]); activations[0] is the input x and activations[l+1] = f(zs[l]).
    """

    zs: tuple[np.ndarray, ...]
    activations: tuple[np.ndarray, ...]

    @property
    def input(self) -> np.ndarray:
        return self.activations[0]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]


@dataclass(frozen=True)
class Gradients:
    """Everything the backward pass computed.

    deltas[l] = dL/dz of layer l, shape (batch, sizes[l+1]); grad_W[l] has W[l]'s shape and includes
    the L2 term; grad_input = dL/dx (batch, n_in) when it was asked for, else None.
    """

    deltas: tuple[np.ndarray, ...]
    grad_W: tuple[np.ndarray, ...]
    grad_b: tuple[np.ndarray, ...]
    grad_input: np.ndarray | None = None

    def as_list(self) -> list[np.ndarray]:
        """[grad_W[0], grad_b[0], grad_W[1], ...], in the order of `Network.parameters()`."""
        return [g for pair in zip(self.grad_W, self.grad_b) for g in pair]


@dataclass(frozen=True)
class StepResult:
    """One training step: the loss before the update, and the trace and gradients it came from."""

    loss: float
    trace: Trace
    gradients: Gradients


class Network:
    """A multilayer perceptron of any depth.

    sizes: (n_in, hidden..., n_out). hidden: one activation name for every hidden layer, or one per
    hidden layer. output: the output layer's activation. loss: "mse", "bce" or "ce".
    init: "textbook", "xavier" or "he"; seed makes the weights reproducible.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        hidden: str | Sequence[str] = "sigmoid",
        output: str = "sigmoid",
        loss: str = "mse",
        init: str = "textbook",
        seed: int | None = None,
        dtype=np.float32,
    ):
        sizes = tuple(int(n) for n in sizes)
        if len(sizes) < 2 or any(n < 1 for n in sizes):
            raise ValueError(f"layer sizes must be at least two positive integers, got {list(sizes)}")
        n_hidden = len(sizes) - 2
        names = [hidden] * n_hidden if isinstance(hidden, str) else list(hidden)
        if len(names) != n_hidden:
            raise ValueError(f"{n_hidden} hidden layer(s) but {len(names)} hidden activation(s)")
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {self.dtype}")
        self.sizes = sizes
        self.activations: list[Activation] = [get_activation(n) for n in names] + [get_activation(output)]
        self.loss: Loss = get_loss(loss)
        self.init = init
        self.seed = seed
        for f in self.activations[:-1]:
            if not f.hidden_ok:
                raise ValueError(QT_TRANSLATE_NOOP("Network", "{activation} couples a layer's neurons and can only be the "
                                                              "output activation").format(activation=f.name))
        out = self.activations[-1]
        if out.name == "softmax" and sizes[-1] < 2:
            # softmax of one number is always 1: nothing to learn.
            raise ValueError(QT_TRANSLATE_NOOP("Network", "softmax needs at least 2 output neurons; use sigmoid for a "
                                                          "single output"))
        if isinstance(seed, int) and seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, got {seed}")
        if self.loss.needs_probabilities and not (out.output_range[0] >= 0 and out.output_range[1] <= 1):
            raise ValueError(QT_TRANSLATE_NOOP("Network", "the {loss} loss takes logs of the outputs, which need to "
                                                          "lie in (0, 1); use a sigmoid or softmax output, not "
                                                          "{output}").format(loss=self.loss.name, output=out.name))
        rng = np.random.default_rng(seed)
        self.weights = [init_weights(init, rng, n_in, n_out, self.dtype) for n_in, n_out in zip(sizes, sizes[1:])]
        self.biases = [np.zeros(n_out, dtype=self.dtype) for n_out in sizes[1:]]

    @classmethod
    def from_parameters(cls, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray],
                        hidden: Sequence[str], output: str, loss: str = "mse") -> Network:
        """A network that uses the given W and b arrays as they are (no copy, no random draw),
        e.g. to run a snapshot's read-only parameters forward."""
        net = cls.__new__(cls)
        sizes = (weights[0].shape[1], *[W.shape[0] for W in weights])
        for l, (W, b) in enumerate(zip(weights, biases)):
            if W.shape != (sizes[l + 1], sizes[l]) or b.shape != (sizes[l + 1],):
                raise ValueError(f"layer {l}: W {W.shape} and b {b.shape} do not chain to sizes {sizes}")
        net.sizes, net.dtype = sizes, np.dtype(weights[0].dtype)
        net.activations = [get_activation(n) for n in hidden] + [get_activation(output)]
        net.loss, net.init, net.seed = get_loss(loss), "textbook", None
        net.weights, net.biases = list(weights), list(biases)
        return net

    # -- structure ------------------------------------------------------------------------------

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + 1)."""
        return len(self.weights)

    def parameters(self) -> list[np.ndarray]:
        """[W[0], b[0], W[1], b[1], ...]: the arrays an optimiser updates in place."""
        return [p for pair in zip(self.weights, self.biases) for p in pair]

    def architecture(self) -> dict:
        """A JSON-ready description that, with the parameters, rebuilds this network."""
        return {
            "sizes": list(self.sizes),
            "hidden": [f.name for f in self.activations[:-1]],
            "output": self.activations[-1].name,
            "loss": self.loss.name,
            "init": self.init,
            "seed": self.seed,
            "dtype": self.dtype.name,
        }

    def __repr__(self) -> str:
        layers = "-".join(map(str, self.sizes))
        acts = ",".join(f.name for f in self.activations)
        return f"Network({layers}, activations={acts}, loss={self.loss.name}, dtype={self.dtype.name})"

    # -- the math -------------------------------------------------------------------------------

    def _as_batch(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != self.sizes[0]:
            raise ValueError(f"expected inputs of shape (batch, {self.sizes[0]}), got {x.shape}")
        return x

    def forward(self, x) -> Trace:
        """Run x (shape (batch, n_in), or (n_in,) for one sample) through every layer."""
        a = self._as_batch(x)
        zs, activations = [], [a]
        for W, b, f in zip(self.weights, self.biases, self.activations):
            # np.dot, not @: for batch 1 this is a matrix-vector product that np.dot sends to BLAS.
            z = np.dot(a, W.T)
            z += b
            a = f.forward(z)
            zs.append(z)
            activations.append(a)
        return Trace(tuple(zs), tuple(activations))

    def predict(self, x) -> np.ndarray:
        """The output activations for x, shape (batch, n_out)."""
        a = self._as_batch(x)
        for W, b, f in zip(self.weights, self.biases, self.activations):
            a = f.forward(np.dot(a, W.T) + b)
        return a

    def backward(self, trace: Trace, y, l2: float = 0.0, input_grad: bool | int = False) -> Gradients:
        """Back-propagate the loss of `trace.output` against targets y (batch, n_out).

        l2 adds the gradient of (l2 / 2) * sum(W ** 2) to every grad_W (never to biases).
        input_grad: also return dL/dx, for every sample (True) or for the first n samples (an int n:
        a view that shows one sample need not pay a full matrix product for the batch).
        """
        y = self._targets(y, len(trace.output))
        n = self.n_layers
        deltas: list[np.ndarray] = [None] * n  # type: ignore[list-item]
        grad_W: list[np.ndarray] = [None] * n  # type: ignore[list-item]
        grad_b: list[np.ndarray] = [None] * n  # type: ignore[list-item]
        out = self.activations[-1]
        delta = self.loss.output_delta(out, trace.zs[-1], trace.output, y)
        grad_input = None
        for l in range(n - 1, -1, -1):
            deltas[l] = delta
            a_prev = trace.activations[l]
            # np.dot(delta.T, a) is several times faster than `@` for the batch-1 outer product.
            gW = np.dot(delta.T, a_prev)
            if l2:
                gW += l2 * self.weights[l]
            grad_W[l] = gW
            grad_b[l] = delta.sum(axis=0)
            if l > 0:
                grad_a = np.dot(delta, self.weights[l])
                f = self.activations[l - 1]
                delta = f.backward(trace.zs[l - 1], trace.activations[l], grad_a)
            elif input_grad is not False:
                rows = delta if input_grad is True else delta[:input_grad]
                grad_input = np.dot(rows, self.weights[0])
        return Gradients(tuple(deltas), tuple(grad_W), tuple(grad_b), grad_input)

    def _targets(self, y, batch: int) -> np.ndarray:
        y = np.asarray(y, dtype=self.dtype)
        if y.ndim == 1 and self.sizes[-1] == 1 and len(y) == batch:
            y = y[:, None]
        elif y.ndim == 1:
            y = y[None, :]
        if y.shape != (batch, self.sizes[-1]):
            raise ValueError(f"expected targets of shape ({batch}, {self.sizes[-1]}), got {y.shape}")
        return y

    def loss_value(self, output: np.ndarray, y) -> float:
        """The data loss (mean over the batch) of outputs against targets."""
        return self.loss.value(output, self._targets(y, len(output)))

    def l2_penalty(self, l2: float) -> float:
        """(l2 / 2) * sum of every squared weight; biases are not regularised."""
        if not l2:
            return 0.0
        return 0.5 * l2 * float(sum(np.sum(W * W) for W in self.weights))

    def cost(self, x, y, l2: float = 0.0) -> float:
        """The regularised cost: data loss on (x, y) plus the L2 penalty."""
        return self.loss_value(self.predict(x), y) + self.l2_penalty(l2)

    def train_step(self, x, y, optimizer: Optimizer, lr: float, l2: float = 0.0,
                   input_grad: bool | int = False) -> StepResult:
        """Forward, backward and one optimiser update on the batch (x, y). input_grad also returns
        dL/dx ("what would change this answer"), as in `backward`."""
        trace = self.forward(x)
        y = self._targets(y, len(trace.output))
        loss = self.loss.value(trace.output, y)
        grads = self.backward(trace, y, l2, input_grad)
        optimizer.step(self.parameters(), grads.as_list(), lr)
        return StepResult(loss, trace, grads)
