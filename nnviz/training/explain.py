"""The worked example of one neuron in one training step: forward, loss, backward and update.

`explain_neuron` turns one step's engine data (the trace, the deltas, the gradients, the optimiser's
own state, and the neuron's weights before and after the update) into a `NeuronExplanation`: plain
floats and tuples that the inspector panel and `nnviz explain` both render. Every number is taken from
the engine's arrays, never recomputed another way (the weighted sum is listed term by term, and its
total is the trace's z).

Layers are numbered as in phases.py: 0 is the input (nothing to explain), 1..L hold neurons. The
shown sample is the first of the batch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnviz.engine.activations import Activation, LeakyReLU
from nnviz.engine.network import Gradients, Network, Trace
from nnviz.engine.optimizers import Optimizer
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.numbers import significant

#: The most input (and outgoing) terms an explanation lists; the rest are summed in one line.
MAX_TERMS = 12


@dataclass(frozen=True)
class Term:
    """One input's contribution w·a to the neuron's weighted input z."""

    source: int
    a: float
    w: float
    product: float


@dataclass(frozen=True)
class ForwardPart:
    """z = Σⱼ wⱼ·aⱼ + b and a = f(z). terms: the largest |w·a| first, at most MAX_TERMS (all if
    fewer); rest_count/rest_sum: how many inputs are not listed and their Σ w·a."""

    terms: tuple[Term, ...]
    rest_count: int
    rest_sum: float
    weighted_sum: float
    b: float
    z: float
    activation: str
    formula: str
    a: float


@dataclass(frozen=True)
class OutputPart:
    """The loss at an output neuron: its target, its share of the loss, and ∂L/∂a (None when the
    engine uses the fused form named in `fused`, e.g. "softmax + cross-entropy: δ = a − y")."""

    target: float
    loss_name: str
    loss_formula: str
    loss_term: float
    dL_da: float | None
    fused: str | None


@dataclass(frozen=True)
class BackTerm:
    """One neuron k of the next layer passing its error back: w_kj · δ_k."""

    target: int
    w: float
    delta: float
    product: float


@dataclass(frozen=True)
class BackwardPart:
    """δ = ∂L/∂a · f′(z). incoming: ∂L/∂a, from the loss at the output, else Σₖ w_kj δ_k (terms: the
    largest |w·δ| first, at most MAX_TERMS); f_prime None when the engine's form is fused."""

    at_output: bool
    terms: tuple[BackTerm, ...]
    rest_count: int
    rest_sum: float
    incoming: float
    f_prime: float | None
    delta: float


@dataclass(frozen=True)
class WeightChange:
    """One parameter's update: source j (None for the bias), the input a it multiplies (1 for the
    bias), its gradient ∂L/∂w (batch-averaged δ·a as the engine computes it, plus the L2 term l2),
    its value before and after, and the optimiser's terms (e.g. (("v", …),) or (("m", …), ("v", …)))."""

    source: int | None
    a: float
    grad: float
    l2: float
    before: float
    after: float
    terms: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class UpdatePart:
    """The optimiser's step on this neuron's weights (at most MAX_TERMS listed) and bias."""

    optimizer: str
    lr: float
    batch_size: int
    rule: str
    weights: tuple[WeightChange, ...]
    rest_count: int
    bias: WeightChange


@dataclass(frozen=True)
class NeuronExplanation:
    """Neuron `index` of layer `layer` (1..L) in training step `step`. x: the shown sample's input
    when it has at most 16 features, else None. output: only at the output layer; backward and update:
    None when unknown (e.g. a forward pass only)."""

    layer: int
    index: int
    name: str
    step: int
    batch_size: int
    x: tuple[float, ...] | None
    forward: ForwardPart
    output: OutputPart | None
    backward: BackwardPart | None
    update: UpdatePart | None


# -- names and formulas, from the engine's own objects -----------------------------------------------

def activation_formula(activation: Activation) -> str:
    """f(z) in words a textbook uses, e.g. "σ(z) = 1 / (1 + e^−z)" (leaky ReLU with its slope)."""
    if isinstance(activation, LeakyReLU):
        return f"f(z) = z if z > 0, else {activation.slope:g}·z"
    return _FORMULAS.get(activation.name, (f"{activation.name}(z)", ""))[0]


def derivative_formula(activation: Activation) -> str:
    """f′(z) as the engine computes it, e.g. "σ′(z) = a·(1 − a)"; "" where there is none to write
    per neuron (softmax couples the layer, step has no gradient)."""
    if isinstance(activation, LeakyReLU):
        return f"f′(z) = 1 if z > 0, else {activation.slope:g}"
    return _FORMULAS.get(activation.name, ("", ""))[1]


_FORMULAS = {
    "sigmoid": ("σ(z) = 1 / (1 + e^−z)", "σ′(z) = a·(1 − a)"),
    "tanh": ("tanh(z) = (e^z − e^−z) / (e^z + e^−z)", "tanh′(z) = 1 − a²"),
    "relu": ("ReLU(z) = max(0, z)", "ReLU′(z) = 1 if z > 0, else 0"),
    "identity": ("f(z) = z", "f′(z) = 1"),
    "softmax": ("softmax(z)ᵢ = e^zᵢ / Σₖ e^zₖ", ""),
    "step": ("step(z) = 1 if z ≥ 0, else 0", ""),
}

#: Per sample, summed over the output neurons k; the engine's L is the mean over the batch.
LOSS_FORMULAS = {
    "mse": (QT_TRANSLATE_NOOP("Explain", "mean squared error"), "L = Σₖ (aₖ − yₖ)²", "∂L/∂a = 2·(a − y)"),
    "bce": (QT_TRANSLATE_NOOP("Explain", "binary cross-entropy"), "L = −Σₖ [yₖ·ln aₖ + (1 − yₖ)·ln(1 − aₖ)]",
            "∂L/∂a = (a − y) / (a·(1 − a))"),
    "ce": (QT_TRANSLATE_NOOP("Explain", "cross-entropy"), "L = −Σₖ yₖ·ln aₖ", "∂L/∂a = −y / a"),
}

UPDATE_RULES = {
    "sgd": "w ← w − η·∂L/∂w",
    "momentum": "v ← μ·v − η·∂L/∂w;  w ← w + v",
    "adam": "m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;  w ← w − η·m̂ / (√v̂ + ε)",
}


def neuron_name(layer: int, index: int, sizes: tuple[int, ...], class_names=()) -> str:
    """"hidden 1 · neuron 2", "output" (a single output) or "output 3 (class 2)", as the diagrams say."""
    if layer < len(sizes) - 1:
        return QT_TRANSLATE_NOOP("Explain", "hidden {layer} · neuron {number}").format(layer=layer, number=index + 1)
    if sizes[-1] == 1:
        return QT_TRANSLATE_NOOP("Explain", "output")
    if index < len(class_names):
        return QT_TRANSLATE_NOOP("Explain", "output {number} ({label})").format(number=index + 1,
                                                                              label=class_names[index])
    return QT_TRANSLATE_NOOP("Explain", "output {number}").format(number=index + 1)


# -- what the session captures around one step ---------------------------------------------------

@dataclass(frozen=True)
class Captured:
    """One neuron's parameters as they were when the step began, and the step's settings.

    w_before (n_{l-1},) and b_before: its incoming weights and bias; next_w_before (n_{l+1},): the
    weights W[l][:, index] from it into the next layer (None at the output), which back-propagation
    used. optimizer/lr/l2/momentum: what the step was taken with."""

    layer: int
    index: int
    w_before: np.ndarray
    b_before: float
    next_w_before: np.ndarray | None
    optimizer: str
    lr: float
    l2: float

    @classmethod
    def before_step(cls, network: Network, neuron: tuple[int, int], optimizer: str, lr: float,
                    l2: float, update_W=None, update_b=None) -> Captured:
        """Copy neuron (layer, index)'s row, bias and outgoing column (a few numbers, not the layers).
        With the last step's updates ΔW/Δb (the optimiser's own, see Optimizer.last_updates), what the
        parameters were before that step: the current value minus the change it made."""
        layer, index = neuron
        W, b = network.weights[layer - 1], network.biases[layer - 1]
        row, bias = W[index].astype(np.float64), float(b[index])
        nxt = network.weights[layer][:, index].astype(np.float64) if layer < network.n_layers else None
        if update_W is not None:
            row = row - update_W[layer - 1][index]
            bias -= float(update_b[layer - 1][index])
            if nxt is not None:
                nxt = nxt - update_W[layer][:, index]
        return cls(layer, index, row, bias, nxt, optimizer, float(lr), float(l2))


def check_neuron(sizes: tuple[int, ...], neuron: tuple[int, int]) -> tuple[int, int]:
    """(layer, index) as ints, or ValueError saying which layers and indices exist (layers 1..L)."""
    layer, index = (int(v) for v in neuron)
    n_layers = len(sizes) - 1
    if not 1 <= layer <= n_layers:
        raise ValueError(f"layer {layer} has no neurons to explain: the layers are 1 to {n_layers} "
                         f"(0 is the input)")
    if not 0 <= index < sizes[layer]:
        raise ValueError(f"layer {layer} has {sizes[layer]} neuron{'s' * (sizes[layer] != 1)}, "
                         f"so there is no neuron {index + 1}")
    return layer, index


# -- the explanation -------------------------------------------------------------------------------

def explain_neuron(network: Network, trace: Trace, captured: Captured, *, gradients: Gradients | None = None,
                   targets: np.ndarray | None = None, optimizer: Optimizer | None = None, step: int = 0,
                   class_names=()) -> NeuronExplanation:
    """The worked example of neuron (captured.layer, captured.index) in the step that made `trace`.

    network: after the step (its weights are the "after" values; its activations and loss name the
    formulas); trace: the step's forward pass (zs[l], activations[l] of shape (batch, n)); captured:
    the neuron's parameters before the step; gradients: the step's backward pass (None: forward only);
    targets (batch, n_out): the step's encoded targets; optimizer: the one that took the step (its
    state after it). The shown sample is row 0 of the batch.
    """
    layer, index = check_neuron(network.sizes, (captured.layer, captured.index))
    batch = len(trace.activations[0])
    x = trace.activations[0][0]
    forward = _forward(network, trace, captured)
    output = backward = update = None
    at_output = layer == network.n_layers
    if at_output and targets is not None:
        output = _output(network, trace, targets, index)
    if gradients is not None:
        backward = _backward(network, trace, gradients, captured, output)
        update = _update(network, trace, gradients, captured, optimizer, batch)
    return NeuronExplanation(
        layer=layer, index=index, name=neuron_name(layer, index, network.sizes, class_names),
        step=int(step), batch_size=batch,
        x=tuple(float(v) for v in x) if len(x) <= 16 else None,
        forward=forward, output=output, backward=backward, update=update,
    )


def _largest(products: np.ndarray) -> np.ndarray:
    """Which terms to list: all (in order) when they fit, else the MAX_TERMS largest |product|."""
    if len(products) <= MAX_TERMS:
        return np.arange(len(products))
    return np.argsort(-np.abs(products), kind="stable")[:MAX_TERMS]


def _rest(products: np.ndarray, shown: np.ndarray) -> tuple[int, float]:
    mask = np.ones(len(products), dtype=bool)
    mask[shown] = False
    return int(mask.sum()), math.fsum(products[mask])


def _forward(network: Network, trace: Trace, captured: Captured) -> ForwardPart:
    layer, index = captured.layer, captured.index
    a_in = trace.activations[layer - 1][0].astype(np.float64)
    w = np.asarray(captured.w_before, dtype=np.float64)
    products = w * a_in
    shown = _largest(products)
    rest_count, rest_sum = _rest(products, shown)
    f = network.activations[layer - 1]
    return ForwardPart(
        terms=tuple(Term(int(j), float(a_in[j]), float(w[j]), float(products[j])) for j in shown),
        rest_count=rest_count, rest_sum=rest_sum,
        weighted_sum=math.fsum(products), b=float(captured.b_before),
        z=float(trace.zs[layer - 1][0, index]),
        activation=f.name, formula=activation_formula(f),
        a=float(trace.activations[layer][0, index]),
    )


def _output(network: Network, trace: Trace, targets: np.ndarray, index: int) -> OutputPart:
    """The loss at output neuron `index`: the engine's own loss of that one number, and its ∂L/∂a
    (batch-averaged, as the engine's) unless the engine takes the fused form."""
    loss, f = network.loss, network.activations[-1]
    a, y = trace.output, np.asarray(targets, dtype=network.dtype).reshape(trace.output.shape)
    name, formula, _ = LOSS_FORMULAS.get(loss.name, (loss.name, "", ""))
    # One sample, one neuron: the engine's value of a 1 × 1 batch is that neuron's term of L.
    term = loss.value(a[:1, index:index + 1], y[:1, index:index + 1])
    fused = loss.fused_delta(f, a[:1], y[:1]) is not None
    fused_text = None
    if fused:
        fused_text = QT_TRANSLATE_NOOP("Explain", "{activation} + {loss}: f′(z) cancels against ∂L/∂a, so "
                                                  "δ = a − y").format(activation=f.name, loss=name)
    dL_da = None if fused else float(loss.grad_a(a, y)[0, index])
    return OutputPart(target=float(y[0, index]), loss_name=name, loss_formula=formula, loss_term=float(term),
                      dL_da=dL_da, fused=fused_text)


def _f_prime(f: Activation, z: np.ndarray, a: np.ndarray, index: int) -> float | None:
    """f′(z) of neuron `index` from the engine's own backward (dL/da = 1); None for softmax, whose
    derivative couples the layer's neurons, and for step, which has none."""
    if not f.hidden_ok or not f.differentiable:
        return None
    return float(f.backward(z[:1], a[:1], np.ones_like(a[:1]))[0, index])


def _backward(network: Network, trace: Trace, gradients: Gradients, captured: Captured,
              output: OutputPart | None) -> BackwardPart:
    layer, index = captured.layer, captured.index
    delta = float(gradients.deltas[layer - 1][0, index])
    f = network.activations[layer - 1]
    z, a = trace.zs[layer - 1], trace.activations[layer]
    if layer == network.n_layers:
        fused = output is not None and output.fused is not None
        incoming = delta if fused else output.dL_da if output is not None else math.nan
        return BackwardPart(at_output=True, terms=(), rest_count=0, rest_sum=0.0, incoming=float(incoming),
                            f_prime=None if fused else _f_prime(f, z, a, index), delta=delta)
    # Hidden: ∂L/∂a_j = Σ_k w_kj δ_k with the next layer's weights as back-propagation used them.
    w = np.asarray(captured.next_w_before, dtype=np.float64)
    deltas_next = gradients.deltas[layer][0].astype(np.float64)
    products = w * deltas_next
    shown = _largest(products)
    rest_count, rest_sum = _rest(products, shown)
    return BackwardPart(
        at_output=False,
        terms=tuple(BackTerm(int(k), float(w[k]), float(deltas_next[k]), float(products[k])) for k in shown),
        rest_count=rest_count, rest_sum=rest_sum, incoming=math.fsum(products),
        f_prime=_f_prime(f, z, a, index), delta=delta,
    )


def _update(network: Network, trace: Trace, gradients: Gradients, captured: Captured,
            optimizer: Optimizer | None, batch: int) -> UpdatePart:
    layer, index = captured.layer, captured.index
    a_in = trace.activations[layer - 1][0].astype(np.float64)
    w_before = np.asarray(captured.w_before, dtype=np.float64)
    shown = _largest(w_before * a_in)
    grad_row = gradients.grad_W[layer - 1][index]
    after_row = network.weights[layer - 1][index]
    same = optimizer is not None and optimizer.name == captured.optimizer

    def terms(position: int, at) -> tuple[tuple[str, float], ...]:
        return optimizer_terms(optimizer, position, at) if same else ()

    weights = tuple(
        WeightChange(source=int(j), a=float(a_in[j]), grad=float(grad_row[j]), l2=captured.l2 * float(w_before[j]),
                     before=float(w_before[j]), after=float(after_row[j]), terms=terms(2 * (layer - 1), (index, j)))
        for j in shown
    )
    bias = WeightChange(source=None, a=1.0, grad=float(gradients.grad_b[layer - 1][index]), l2=0.0,
                        before=float(captured.b_before), after=float(network.biases[layer - 1][index]),
                        terms=terms(2 * layer - 1, index))
    return UpdatePart(optimizer=captured.optimizer, lr=captured.lr, batch_size=batch,
                      rule=_rule(captured.optimizer, optimizer), weights=weights,
                      rest_count=len(w_before) - len(shown), bias=bias)


def _rule(name: str, optimizer: Optimizer | None) -> str:
    """The update rule with its constants: "v ← μ·v − η·∂L/∂w;  w ← w + v  (μ = 0.9)"."""
    rule = UPDATE_RULES.get(name, name)
    if optimizer is None or optimizer.name != name:
        return rule
    if name == "momentum":
        return f"{rule}  (μ = {optimizer.momentum:g})"
    if name == "adam":
        return QT_TRANSLATE_NOOP("Explain", "{rule}  (β₁ = {beta1}, β₂ = {beta2}, ε = {eps}, step t = {step})").format(
            rule=rule, beta1=f"{optimizer.beta1:g}", beta2=f"{optimizer.beta2:g}", eps=_plain(optimizer.eps),
            step=adam_step(optimizer))
    return rule


def _plain(v: float) -> str:
    """1e-08 as "1e−8" (six significant digits, as Python's g)."""
    return significant(v, 6)


def optimizer_terms(optimizer: Optimizer | None, position: int, at) -> tuple[tuple[str, float], ...]:
    """The optimiser's own state after its last step for element `at` of parameter `position` (in
    Network.parameters() order: W[0], b[0], W[1], ...): (("v", velocity),) for momentum; the moments
    and their bias-corrected values (("m", ..), ("v", ..), ("m̂", ..), ("v̂", ..)) for Adam; () for SGD
    or before any step."""
    if optimizer is None:
        return ()
    state = optimizer.state()
    if optimizer.name == "momentum":
        velocity = state["v"]
        return (("v", float(velocity[position][at])),) if position < len(velocity) else ()
    if optimizer.name == "adam":
        m, v, t = state["m"], state["v"], adam_step(optimizer)
        if position >= len(m) or t < 1:
            return ()
        m_at, v_at = float(m[position][at]), float(v[position][at])
        return (("m", m_at), ("v", v_at), ("m̂", m_at / (1.0 - optimizer.beta1 ** t)),
                ("v̂", v_at / (1.0 - optimizer.beta2 ** t)))
    return ()


def adam_step(optimizer: Optimizer) -> int:
    """How many steps an Adam optimiser has taken (t in its bias corrections)."""
    return int(getattr(optimizer, "steps", 0))
