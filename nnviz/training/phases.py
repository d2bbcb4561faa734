"""The phases of one training step, as slow motion plays them.

input -> forward through each layer -> loss at the output -> errors (deltas) back through each
layer -> the weight update. Layers are numbered 1..L by the activations they produce.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    kind: str  # "input", "forward", "loss", "backward" or "update"
    layer: int | None = None  # for "forward"/"backward": 1..L

    def label(self) -> str:
        if self.kind == "forward":
            return f"Forward: layer {self.layer} computes z = W·a + b and a = f(z)"
        if self.kind == "backward":
            return f"Backward: error term δ arrives at layer {self.layer}"
        return {
            "input": "Input: the sample enters the network",
            "loss": "Loss: the output is compared with the target",
            "update": "Update: every weight moves by −learning rate × gradient",
        }[self.kind]


def step_phases(n_layers: int) -> list[Phase]:
    """The phases of one step through a network with n_layers weight layers, in order."""
    return (
        [Phase("input")]
        + [Phase("forward", l) for l in range(1, n_layers + 1)]
        + [Phase("loss")]
        + [Phase("backward", l) for l in range(n_layers, 0, -1)]
        + [Phase("update")]
    )
