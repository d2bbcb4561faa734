"""Gradient checking for one network and one sample, layer by layer, as the window's panel shows it.

Back-propagation (the engine's own `Network.backward`) is compared with central differences (the
engine's own `numerical_gradient`) on float64 copies of the parameters. For each layer l = 1..L the
result holds the relative error of W_l and of b_l, each as the engine defines it (Ng's course):

    relative error = ‖g_bp − g_num‖ / (‖g_bp‖ + ‖g_num‖)      over the checked entries,

and, for the heatmap, each checked weight's part of it, |g_bp − g_num| / (‖g_bp‖ + ‖g_num‖) (their
squares add up to the square of the layer's error; a weight's own |g_bp − g_num| / (|g_bp| + |g_num|)
would call every weight whose gradient is near zero wrong, because rounding in the loss is all that
central differences see there). A layer passes below TOLERANCE = 1e-7.

Big layers are checked on a block: a random choice of rows (neurons) times a random choice of
columns (inputs, those this sample makes non-zero first), at most MAX_WEIGHTS weights, plus every
bias. A 784-256-128-10 network takes about 0.2 s.

Central differences cannot resolve a gradient that is about as small as the rounding error of the
loss divided by the step (a saturated sigmoid's weights on a sample the network already gets right):
such a layer is "too small to check", neither passed nor failed, and says so.

"Break backprop" makes the check fail on purpose, to show what it catches: a copy of the network
whose backward pass drops f′(z) in one layer, or gets the sign of δ at the output wrong. Only the
check's own copy is broken (its activation or loss object is wrapped); the engine's classes and the
network in training are never touched.
"""

from __future__ import annotations

import enum
import math
import time
from dataclasses import dataclass, replace

import numpy as np

from nnviz.engine.activations import Activation, get_activation
from nnviz.engine.gradcheck import numerical_gradient, relative_error
from nnviz.engine.losses import Loss, get_loss
from nnviz.engine.network import Network
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.numbers import significant
from nnviz.training.regression_fit import target_to_raw

#: A correct backward pass in float64 agrees with central differences to about 1e-9 or better.
TOLERANCE = 1e-7
#: The step in z that each perturbation makes: W_l's step is EPS / max(1, max |a_{l−1}|), so that a
#: large input (the gender data's −15…25) does not make the truncation error of the difference grow.
#: Measured on every preset, untrained and trained: 1e-4 keeps both truncation and rounding near 1e-9
#: (the engine's 1e-6 lets rounding reach 1e-7 on a saturated output)...
EPS = 1e-4
#: ...but a ReLU network's loss has kinks, and a step across one is no derivative: there the smaller
#: step (a trained MNIST network has |z| < 3e-4 somewhere), whose piecewise-linear layers truncate nothing.
KINKED_EPS = 1e-5
KINKED = ("relu", "leaky_relu")
#: The most weights of one matrix that are checked (each costs two forward passes).
MAX_WEIGHTS = 400
#: Rounding error of the loss, in units of the loss times machine epsilon, that central differences
#: are taken to suffer (measured: a few; this leaves a wide margin before calling a layer unresolved).
NOISE_ULPS = 50.0


class BreakKind(enum.Enum):
    NONE = "none"
    DROP_F_PRIME = "drop f′"  # δ_l = ∂L/∂a_l, without the factor f′(z_l)
    WRONG_SIGN = "wrong sign"  # δ_L with the opposite sign


@dataclass(frozen=True)
class Break:
    """How the check's copy of backprop is broken: not at all, by dropping f′(z) in layer `layer`
    (1..L, numbered as in phases.py), or by the wrong sign of δ at the output."""

    kind: BreakKind = BreakKind.NONE
    layer: int | None = None

    def label(self, layer_names: tuple[str, ...]) -> str:
        """What the learner picks, e.g. "drop f′(z) in hidden 1"; layer_names as Architecture's."""
        if self.kind is BreakKind.DROP_F_PRIME:
            if self.layer == len(layer_names) - 1:
                return QT_TRANSLATE_NOOP("GradientCheck", "drop f′(z) at the output")
            return QT_TRANSLATE_NOOP("GradientCheck", "drop f′(z) in {layer}").format(layer=layer_names[self.layer])
        if self.kind is BreakKind.WRONG_SIGN:
            return QT_TRANSLATE_NOOP("GradientCheck", "wrong sign of δ at the output")
        return QT_TRANSLATE_NOOP("GradientCheck", "none (the engine's backprop)")


NOT_BROKEN = Break()


def break_choices(n_layers: int) -> tuple[Break, ...]:
    """Every way to break a network of n_layers layers of neurons: none, drop f′ in each layer, the
    wrong sign at the output."""
    return (NOT_BROKEN, *(Break(BreakKind.DROP_F_PRIME, l) for l in range(1, n_layers + 1)),
            Break(BreakKind.WRONG_SIGN))


class Verdict(enum.Enum):
    PASSED = "pass"
    FAILED = "fail"
    TOO_SMALL = "too small to check"


#: Worst first: a layer's verdict is the worst of its W's and b's, the check's the worst of its layers'.
_SEVERITY = {Verdict.FAILED: 2, Verdict.TOO_SMALL: 1, Verdict.PASSED: 0}


def worst(verdicts) -> Verdict:
    return max(verdicts, key=_SEVERITY.__getitem__, default=Verdict.PASSED)


@dataclass(frozen=True)
class ParameterCheck:
    """One W_l or b_l: its relative error over the checked entries, the size of the gradient there,
    and the finite differences' resolution (the rounding error of ‖g_num‖ they may show)."""

    relative_error: float
    gradient_norm: float
    resolution: float
    verdict: Verdict


@dataclass(frozen=True, eq=False)
class LayerCheck:
    """Layer l (1..L): W_l of shape (n_out, n_in) checked on rows × cols (sorted indices), b_l on
    every entry. backprop/numerical/weight_errors have shape (len(rows), len(cols)); bias_errors
    (n_out,). Errors are each entry's |g_bp − g_num| / (‖g_bp‖ + ‖g_num‖) of its matrix."""

    layer: int
    shape: tuple[int, int]
    rows: np.ndarray
    cols: np.ndarray
    backprop: np.ndarray
    numerical: np.ndarray
    weight_errors: np.ndarray
    bias_errors: np.ndarray
    weights: ParameterCheck
    biases: ParameterCheck

    @property
    def n_weights_checked(self) -> int:
        return len(self.rows) * len(self.cols)

    @property
    def n_weights(self) -> int:
        return self.shape[0] * self.shape[1]

    @property
    def n_biases(self) -> int:
        return self.shape[0]

    @property
    def largest_error(self) -> float:
        """The larger of W_l's and b_l's relative error."""
        return max(self.weights.relative_error, self.biases.relative_error)

    @property
    def verdict(self) -> Verdict:
        return worst((self.weights.verdict, self.biases.verdict))

    @property
    def errors(self) -> np.ndarray:
        """Every weight's error as a matrix of W_l's shape, NaN where it was not checked."""
        full = np.full(self.shape, np.nan)
        full[np.ix_(self.rows, self.cols)] = self.weight_errors
        return full


@dataclass(frozen=True)
class CheckRequest:
    """Everything a check needs, picklable (it travels to the check's own process). Arrays are
    (n_l, n_{l−1}) weights and (n_l,) biases; x (n_0,), target (n_L,); label describes the sample
    (a Phrase: "training sample 12, first of step 40's batch, class 7")."""

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    activation_names: tuple[str, ...]
    loss_name: str
    x: np.ndarray
    target: np.ndarray
    l2: float = 0.0
    broken: Break = NOT_BROKEN
    label: str = ""
    step: int | None = None

    @property
    def n_checked(self) -> int:
        """How many weights and biases the check will compare."""
        return sum(_block_size(W.shape, MAX_WEIGHTS) + W.shape[0] for W in self.weights)


@dataclass(frozen=True)
class GradientCheck:
    """The whole check: one LayerCheck per layer (1..L), the loss (with the L2 term) at the sample,
    the step of the central differences (in z), and how long it took. break_changed says whether the broken backprop's gradients differ from the
    engine's at all on this sample (dropping f′(z) changes nothing where f′(z) = 1, as tanh's at
    z = 0); None when nothing was broken."""

    layers: tuple[LayerCheck, ...]
    broken: Break
    break_changed: bool | None
    eps: float
    cost: float
    l2: float
    label: str
    step: int | None
    seconds: float

    @property
    def verdict(self) -> Verdict:
        return worst(layer.verdict for layer in self.layers)

    @property
    def passed(self) -> bool:
        """True when no layer failed and at least one could be checked."""
        return self.verdict is not Verdict.FAILED and any(l.verdict is Verdict.PASSED for l in self.layers)

    @property
    def largest_error(self) -> float:
        return max(layer.largest_error for layer in self.layers)

    @property
    def n_checked(self) -> int:
        return sum(layer.n_weights_checked + layer.n_biases for layer in self.layers)


# -- breaking a copy of backprop -------------------------------------------------------------------


class _WithoutDerivative(Activation):
    """`inner` in the forward pass; in the backward pass δ = ∂L/∂a, f′(z) forgotten."""

    def __init__(self, inner: Activation):
        self.inner = inner
        self.name = inner.name
        self.hidden_ok, self.differentiable, self.output_range = inner.hidden_ok, inner.differentiable, inner.output_range

    def forward(self, z):
        return self.inner.forward(z)

    def backward(self, z, a, grad_a):
        return grad_a


class _BrokenOutput(Loss):
    """`inner`'s loss, with the output layer's δ broken: without f′(z) (δ = ∂L/∂a, also where the
    engine uses a fused form) or with the wrong sign."""

    def __init__(self, inner: Loss, kind: BreakKind):
        self.inner, self.kind = inner, kind
        self.name, self.needs_probabilities = inner.name, inner.needs_probabilities

    def value(self, a, y):
        return self.inner.value(a, y)

    def grad_a(self, a, y):
        return self.inner.grad_a(a, y)

    def output_delta(self, activation, z, a, y):
        if self.kind is BreakKind.DROP_F_PRIME:
            return self.inner.grad_a(a, y)
        return -self.inner.output_delta(activation, z, a, y)


def checked_network(request: CheckRequest) -> Network:
    """A float64 copy of the request's network, its backward pass broken as the request says."""
    weights = [np.array(W, dtype=np.float64) for W in request.weights]
    biases = [np.array(b, dtype=np.float64) for b in request.biases]
    names = request.activation_names
    network = Network.from_parameters(weights, biases, names[:-1], names[-1], request.loss_name)
    stuck = [f.name for f in network.activations if not f.differentiable]
    if stuck:
        raise ValueError(QT_TRANSLATE_NOOP("GradientCheck", "the {activation} activation has no gradient to "
                                                            "check").format(activation=stuck[0]))
    broken, n_layers = request.broken, network.n_layers
    if broken.kind is BreakKind.WRONG_SIGN or (broken.kind is BreakKind.DROP_F_PRIME and broken.layer == n_layers):
        network.loss = _BrokenOutput(get_loss(request.loss_name), broken.kind)
    elif broken.kind is BreakKind.DROP_F_PRIME:
        if not 1 <= (broken.layer or 0) < n_layers:
            raise ValueError(QT_TRANSLATE_NOOP("GradientCheck", "no layer {layer} to break in a network of {layers} "
                                                                "layers").format(layer=broken.layer, layers=n_layers))
        l = broken.layer - 1
        network.activations[l] = _WithoutDerivative(get_activation(names[l]))
    return network


# -- the check -----------------------------------------------------------------------------------


def _block_size(shape: tuple[int, int], max_weights: int) -> int:
    rows, cols = _block_shape(shape, max_weights)
    return rows * cols


def _block_shape(shape: tuple[int, int], max_weights: int) -> tuple[int, int]:
    """(rows, cols) of the checked block of a (n_out, n_in) matrix: all of it when small enough,
    else about √max_weights each way (all rows of a short matrix, all columns of a narrow one)."""
    n_out, n_in = shape
    if n_out * n_in <= max_weights:
        return n_out, n_in
    rows = min(n_out, max(1, math.isqrt(max_weights)))
    cols = min(n_in, max_weights // rows)
    rows = min(n_out, max_weights // cols)
    return rows, cols


def _choose_block(shape, a_in: np.ndarray, max_weights: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """Sorted rows and columns to check. Columns whose input is non-zero come first: a weight on an
    input of 0 (MNIST's background, an inactive ReLU) has a gradient of exactly 0, so proves little."""
    n_rows, n_cols = _block_shape(shape, max_weights)
    rows = np.sort(rng.choice(shape[0], size=n_rows, replace=False))
    active = np.flatnonzero(a_in)
    idle = np.flatnonzero(a_in == 0)
    order = np.concatenate([rng.permutation(active), rng.permutation(idle)])
    cols = np.sort(order[:n_cols])
    return rows.astype(np.intp), cols.astype(np.intp)


def _verdict(error: float, difference: float, resolution: float) -> Verdict:
    if error < TOLERANCE:
        return Verdict.PASSED
    if difference <= resolution:
        return Verdict.TOO_SMALL
    return Verdict.FAILED


def _compare(backprop: np.ndarray, numerical: np.ndarray, noise: float) -> tuple[ParameterCheck, np.ndarray]:
    """The engine's relative error of two gradients and each entry's part of it."""
    scale = float(np.linalg.norm(backprop) + np.linalg.norm(numerical))
    difference = np.abs(backprop - numerical)
    error = relative_error(backprop, numerical)
    parts = difference / scale if scale > 0 else np.zeros_like(difference)
    resolution = noise * math.sqrt(difference.size)
    check = ParameterCheck(error, float(np.linalg.norm(backprop)), resolution,
                           _verdict(error, float(np.linalg.norm(difference)), resolution))
    return check, parts


def check_gradients(request: CheckRequest, max_weights: int = MAX_WEIGHTS, seed: int = 0) -> GradientCheck:
    """Compare the (perhaps broken) backprop of the request's network with central differences on
    its sample. Raises ValueError for a network without a gradient (a step activation)."""
    started = time.perf_counter()
    network = checked_network(request)
    x = np.asarray(request.x, dtype=np.float64).reshape(1, -1)
    y = np.asarray(request.target, dtype=np.float64).reshape(1, -1)
    trace = network.forward(x)
    gradients = network.backward(trace, y, request.l2)
    cost = network.cost(x, y, request.l2)
    break_changed = None
    if request.broken != NOT_BROKEN:
        engine = checked_network(replace(request, broken=NOT_BROKEN)).backward(trace, y, request.l2)
        break_changed = any(not np.array_equal(g, e) for g, e in zip(gradients.as_list(), engine.as_list()))
    # Rounding the loss by δC moves (C(w + eps) − C(w − eps)) / 2eps by up to δC / eps.
    rounding = NOISE_ULPS * np.finfo(np.float64).eps * max(abs(cost), np.finfo(np.float64).tiny)
    parameters = network.parameters()
    eps = KINKED_EPS if any(name in KINKED for name in request.activation_names) else EPS
    layers = []
    rng = np.random.default_rng(seed)
    for l in range(network.n_layers):
        W = network.weights[l]
        a_in = trace.activations[l][0]
        rows, cols = _choose_block(W.shape, a_in, max_weights, rng)
        flat = (rows[:, None] * W.shape[1] + cols[None, :]).reshape(-1)
        eps_W = eps / max(1.0, float(np.max(np.abs(a_in))))
        numerical_W = _numerical(network, x, y, request.l2, parameters, 2 * l, flat, eps_W)
        numerical_b = _numerical(network, x, y, request.l2, parameters, 2 * l + 1,
                                 np.arange(W.shape[0]), eps)
        backprop_W = gradients.grad_W[l][np.ix_(rows, cols)]
        numerical_W = numerical_W.reshape(-1)[flat].reshape(backprop_W.shape)
        weight_check, weight_errors = _compare(backprop_W, numerical_W, rounding / eps_W)
        bias_check, bias_errors = _compare(gradients.grad_b[l], numerical_b, rounding / eps)
        layers.append(LayerCheck(l + 1, W.shape, rows, cols, backprop_W, numerical_W, weight_errors,
                                 bias_errors, weight_check, bias_check))
    return GradientCheck(tuple(layers), request.broken, break_changed, eps, float(cost), float(request.l2), request.label,
                         request.step, time.perf_counter() - started)


def _numerical(network, x, y, l2, parameters, index, positions, eps) -> np.ndarray:
    """The engine's central differences for parameter `index` at flat `positions` only."""
    indices = [positions if i == index else np.empty(0, dtype=np.intp) for i in range(len(parameters))]
    return numerical_gradient(network, x, y, l2, eps, indices)[index]


# -- from what the window has --------------------------------------------------------------------


def encode_target(label: int, n_out: int, targets: tuple[float, float]) -> np.ndarray:
    """The float64 target row of class `label`, as the session encodes it (off/on values; a single
    output is `on` for class 1). Re-encoded rather than taken from a float32 snapshot: 0.91 and
    9 × 0.01 in float32 sum to 1 + 3e-8, which softmax + cross-entropy's fused δ = a − y ignores."""
    off, on = (float(t) for t in targets)
    if n_out == 1:
        return np.array([on if label == 1 else off])
    row = np.full(n_out, off)
    row[label] = on
    return row


def request_for(snapshot, session, broken: Break = NOT_BROKEN) -> CheckRequest:
    """A check of `snapshot`'s network on the sample it shows (the first of its last step's batch);
    before the first step, on the first sample of `session`'s data. session is a NewSession."""
    architecture = session.architecture
    n_out = architecture.sizes[-1]
    step = snapshot.last_step
    if step is not None:
        x = np.asarray(step.activations[0][0], dtype=np.float64)
        target = np.asarray(step.targets[0], dtype=np.float64)
        label_index = int(np.argmax(target)) if n_out > 1 else int(target[0] > sum(architecture.targets) / 2)
        where = (SAMPLE_WORDS["augmented"] if snapshot.hyperparameters.augment else SAMPLE_WORDS["step"]).format(
            number=f"{int(step.batch_indices[0]) + 1:,}", step=f"{snapshot.step:,}")
    else:
        data = session.dataset
        first = "training" if len(data.x_train) else "test"
        xs, labels = (data.x_train, data.labels_train) if len(data.x_train) else (data.x_test, data.labels_test)
        x, target = np.asarray(xs[0], dtype=np.float64), np.asarray(labels[:1], dtype=np.float64)
        label_index = int(labels[0])
        where = SAMPLE_WORDS[first]
    if architecture.is_regression:  # the target as trained on: a value, not a class to encode
        raw = float(target_to_raw(target[:1], architecture.standardisation)[0])
        label = SAMPLE_WORDS["value"].format(where=where, name=architecture.class_name(0), value=significant(raw))
    else:
        target = encode_target(label_index, n_out, architecture.targets)
        label = SAMPLE_WORDS["class"].format(where=where, name=architecture.class_name(label_index))
    return CheckRequest(
        weights=tuple(snapshot.weights), biases=tuple(snapshot.biases),
        activation_names=tuple(architecture.activation_names), loss_name=architecture.loss_name,
        x=x, target=target, l2=float(snapshot.hyperparameters.l2), broken=broken, label=label, step=snapshot.step,
    )


#: How the sample line names the sample checked (the window translates these Phrases).
SAMPLE_WORDS = {
    "step": QT_TRANSLATE_NOOP("GradientCheck", "training sample {number}, first of step {step}'s batch"),
    "augmented": QT_TRANSLATE_NOOP("GradientCheck", "training sample {number} (augmented), first of step {step}'s "
                                                    "batch"),
    "training": QT_TRANSLATE_NOOP("GradientCheck", "training sample 1 (no training step yet)"),
    "test": QT_TRANSLATE_NOOP("GradientCheck", "test sample 1 (no training step yet)"),
    "class": QT_TRANSLATE_NOOP("GradientCheck", "{where}, class {name}"),
    "value": QT_TRANSLATE_NOOP("GradientCheck", "{where}, target {name} = {value}"),
}
