"""How the diagrams and the inspector name layers and neurons, in the window's language.

The Qt-free layers name them in English for the command line (Architecture.layer_names, explain's
neuron_name); the window says the same names through Qt's translation, made here at the time of use
(a language switched at run time takes effect at the next call). Layers and neurons have contexts of
their own: "output" names the layer in one and the single output neuron in the other.
"""

from __future__ import annotations

from nnviz.gui.i18n import said, translate


def layer_name(layer: int, n_layers: int) -> str:
    """"input", "hidden 2", "output" for layer 0, 1 … n_layers − 1, n_layers."""
    if layer == 0:
        return translate("LayerNames", "input")
    if layer == n_layers:
        return translate("LayerNames", "output")
    return translate("LayerNames", "hidden {layer}").format(layer=layer)


def neuron_name(layer: int, index: int, sizes, class_names=()) -> str:
    """A neuron of layer ≥ 1 as the inspector's title and the tooltips call it: "hidden 1 · neuron 2",
    "output" (a single output) or "output 3 (class name)"."""
    n_layers = len(sizes) - 1
    if layer < n_layers:
        return translate("NeuronNames", "hidden {layer} · neuron {number}").format(layer=layer, number=index + 1)
    if sizes[-1] == 1:
        return translate("NeuronNames", "output")
    if index < len(class_names):
        return translate("NeuronNames", "output {number} ({name})").format(number=index + 1,
                                                                            name=said(class_names[index]))
    return translate("NeuronNames", "output {number}").format(number=index + 1)


def pixel_name(row: int, column: int) -> str:
    return translate("NeuronNames", "pixel (row {row}, column {column})").format(row=row, column=column)
