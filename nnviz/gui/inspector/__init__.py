"""The neuron inspector: one neuron's forward pass, error term and update with the step's numbers."""

from nnviz.gui.inspector.dock import InspectorDock

__all__ = ["InspectorDock"]
