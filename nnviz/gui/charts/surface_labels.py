"""What the decision-surface panel says: its titles (which neuron, since when, what its colours mean)
and the colour scale a neuron's activation is drawn on.

Neurons are named as the diagram's tooltips name them ("hidden 1 · neuron 4", counted from 1), so
what the learner clicked is what the panel's title says.
"""

from __future__ import annotations

import numpy as np

from nnviz.gui import theme
from nnviz.gui.i18n import said, translate
from nnviz.training.architecture import Architecture
from nnviz.training.snapshot import Snapshot

#: Activations whose values lie in [0, 1]: drawn on the output's scale, white at 0.5.
UNIT_RANGE = ("sigmoid", "softmax")
#: Activations whose values lie in [−1, 1].
SYMMETRIC_RANGE = ("tanh",)
#: A model file's name is cut to this many characters in a title.
NAME_LENGTH = 28


def class_label(name: str) -> str:
    """How a class is called: "class 0" for a bare number, else its name ("female")."""
    return translate("SurfaceLabels", "class {name}").format(name=name) if name.isdigit() else said(name)


def activation_levels(activation: str, grid: np.ndarray) -> tuple[float, float]:
    """The colour scale for a neuron with `activation` showing `grid`: its activation's whole range
    when bounded (sigmoid 0 to 1, tanh −1 to 1), else symmetric about 0 up to the largest |value|,
    so white always means the middle of what the neuron can say, and 0 for unbounded ones."""
    if activation in UNIT_RANGE:
        return 0.0, 1.0
    if activation in SYMMETRIC_RANGE:
        return -1.0, 1.0
    level = theme.symmetric_level(grid)
    return -level, level


def _short_name(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[:NAME_LENGTH - 1] + "…"




def since(snapshot: Snapshot | None) -> str:
    """How far the network shown has trained: "before training", "after step 1,200"; for a loaded
    model its file and, when the file said so, the step it was saved after."""
    if snapshot is None:
        return ""
    step, origin = snapshot.step, snapshot.origin
    if origin is None:
        if step == 0:
            return translate("SurfaceLabels", "before training")
        return translate("SurfaceLabels", "after step {step}").format(step=f"{step:,}")
    name = _short_name(origin.model_name)
    if origin.saved_step is None:
        if step == 0:
            return translate("SurfaceLabels", "loaded model {name}").format(name=name)
        if step == 1:
            return translate("SurfaceLabels", "loaded model {name} + 1 step").format(name=name)
        return translate("SurfaceLabels", "loaded model {name} + {steps} steps").format(name=name, steps=f"{step:,}")
    if step == 0:
        return translate("SurfaceLabels", "loaded model {name}, saved after step {step}").format(
            name=name, step=f"{origin.saved_step:,}")
    if step == 1:
        return translate("SurfaceLabels", "after step {step} ({name} + 1 step)").format(
            step=f"{origin.saved_step + step:,}", name=name)
    return translate("SurfaceLabels", "after step {step} ({name} + {steps} steps)").format(
        step=f"{origin.saved_step + step:,}", name=name, steps=f"{step:,}")


def output_title(what: str, snapshot: Snapshot | None) -> tuple[str, str, str]:
    """(title, its second line, colour-bar label) while the plane shows the output `what`
    ("P(female)")."""
    return translate("SurfaceLabels", "Network output {what}").format(what=what), since(snapshot), what


def neuron_title(architecture: Architecture, neuron: tuple[int, int],
                 levels: tuple[float, float]) -> tuple[str, str, str]:
    """(title, its second line, colour-bar label) while the plane shows `neuron` (layer, index) on
    the colour scale `levels`: which neuron, and what blue, white and orange stand for."""
    layer, index = neuron
    lo, hi = levels
    scale = translate("SurfaceLabels", "blue {low} · white {middle} · orange {high}").format(
        low=theme.short(lo, tiny=False), middle=theme.short((lo + hi) / 2, tiny=False), high=theme.short(hi, tiny=False))
    if layer == 0:
        feature = said(architecture.feature_name(index))
        return (translate("SurfaceLabels", "Input {feature}").format(feature=feature),
                translate("SurfaceLabels", "its value at each point: {scale}").format(scale=scale), feature)
    activation = architecture.activation(layer)
    head = translate("SurfaceLabels", "Hidden {layer} · neuron {neuron} ({activation})").format(
        layer=layer, neuron=index + 1, activation=said(activation))
    return (head, translate("SurfaceLabels", "activation a: {scale}").format(scale=scale),
            translate("SurfaceLabels", "activation a"))
