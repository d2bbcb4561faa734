"""The phases of one training step, as slow motion plays them, and what each layer shows in each.

input -> forward through each layer -> loss at the output -> errors (deltas) back through each
layer -> the weight update. Layers are numbered 0..L: 0 is the input, 1..L the layers of neurons
(by the activations they produce), L the output.

`layer_state` is the one place that decides what a layer shows in a phase; both network diagrams
consult it, each drawing the states in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from nnviz.engine.phrases import QT_TRANSLATE_NOOP


class PhaseKind(StrEnum):
    """What a phase of a step does. A StrEnum, so Phase("forward", 1) == Phase(PhaseKind.FORWARD, 1)."""

    INPUT = "input"
    FORWARD = "forward"
    LOSS = "loss"
    BACKWARD = "backward"
    UPDATE = "update"


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    layer: int | None = None  # for FORWARD/BACKWARD: 1..L, the layer computed or reached

    def __post_init__(self):
        object.__setattr__(self, "kind", PhaseKind(self.kind))  # "forward" -> PhaseKind.FORWARD
        if self.kind in (PhaseKind.FORWARD, PhaseKind.BACKWARD) and not (self.layer or 0) >= 1:
            raise ValueError(f"a {self.kind} phase needs a layer 1..L, not {self.layer!r}")

    def label(self) -> str:
        """The phase's caption, marked for translation (the window shows it through i18n.said)."""
        if self.kind is PhaseKind.FORWARD:
            return QT_TRANSLATE_NOOP("Phases", "Forward: layer {layer} computes z = W·a + b and a = f(z)").format(
                layer=self.layer)
        if self.kind is PhaseKind.BACKWARD:
            return QT_TRANSLATE_NOOP("Phases", "Backward: error term δ arrives at layer {layer}").format(
                layer=self.layer)
        return {
            PhaseKind.INPUT: QT_TRANSLATE_NOOP("Phases", "Input: the sample enters the network"),
            PhaseKind.LOSS: QT_TRANSLATE_NOOP("Phases", "Loss: the output is compared with the target"),
            PhaseKind.UPDATE: QT_TRANSLATE_NOOP("Phases", "Update: every weight moves by −learning rate × gradient"),
        }[self.kind]

    def focus_layer(self, n_layers: int) -> int:
        """The layer this phase is about (its caption is highlighted): the input for INPUT, the layer
        computed or reached for FORWARD/BACKWARD, the output for LOSS and UPDATE."""
        if self.kind is PhaseKind.INPUT:
            return 0
        if self.kind in (PhaseKind.FORWARD, PhaseKind.BACKWARD):
            return int(self.layer)
        return n_layers


def step_phases(n_layers: int) -> list[Phase]:
    """The phases of one step through a network with n_layers weight layers, in order."""
    return (
        [Phase(PhaseKind.INPUT)]
        + [Phase(PhaseKind.FORWARD, l) for l in range(1, n_layers + 1)]
        + [Phase(PhaseKind.LOSS)]
        + [Phase(PhaseKind.BACKWARD, l) for l in range(n_layers, 0, -1)]
        + [Phase(PhaseKind.UPDATE)]
    )


class LayerState(Enum):
    """What a layer shows in a phase (for layers 1..L, also what the connections into it show)."""

    EMPTY = "empty"  # no sample yet (before the first step): neutral, weights only
    NOT_REACHED = "not reached"  # the forward pass has not computed it yet: dimmed
    ACTIVATIONS = "activations"  # its activations a (the input: x); connections: the weights w
    AWAITING_ERROR = "awaiting error"  # backward pass, δ not here yet: activations, faded
    ERROR_TERM = "error term"  # backward pass reached it: δ = ∂L/∂z; connections: ∂L/∂w = δ·a
    INPUT_GRADIENT = "input gradient"  # the input, once δ reached layer 1: ∂L/∂x
    UPDATE = "update"  # the update phase: how far its weights moved, ΔW


def layer_state(phase: Phase | None, layer: int, n_layers: int, *, has_sample: bool = True,
                has_input_gradient: bool = False, has_update: bool = True) -> LayerState:
    """What `layer` (0..n_layers) shows in `phase` (None: the latest step at full speed).

    has_sample: a step's forward and backward pass are known (False before the first step or for
    parameters without a pass); has_input_gradient: ∂L/∂x is known; has_update: the last ΔW is known.
    """
    if not 0 <= layer <= n_layers:
        raise ValueError(f"layer {layer} is not in 0..{n_layers}")
    if not has_sample:
        return LayerState.EMPTY
    kind = phase.kind if phase is not None else None
    if kind is PhaseKind.INPUT:
        return LayerState.ACTIVATIONS if layer == 0 else LayerState.NOT_REACHED
    if kind is PhaseKind.FORWARD:
        return LayerState.ACTIVATIONS if layer <= phase.layer else LayerState.NOT_REACHED
    if kind is PhaseKind.BACKWARD:
        if layer >= max(phase.layer, 1):
            return LayerState.ERROR_TERM
        if layer == 0 and phase.layer == 1 and has_input_gradient:
            return LayerState.INPUT_GRADIENT
        return LayerState.AWAITING_ERROR
    if kind is PhaseKind.UPDATE and has_update:
        return LayerState.UPDATE
    return LayerState.ACTIVATIONS
