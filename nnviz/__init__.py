"""nnviz: watch a NumPy neural network learn."""

__version__ = "0.1.0"
