"""Argument types shared by several commands; each raises ArgumentTypeError with a one-line message,
which argparse reports after the option's name: "argument --seed: expected a whole number >= 0, got '-5'"."""

from __future__ import annotations

import argparse

from nnviz.engine.activations import ACTIVATIONS


def layer_sizes(text: str) -> tuple[int, ...]:
    """"784,200,10" -> (784, 200, 10): at least two positive whole numbers."""
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        sizes = ()
    if len(sizes) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"expected two or more positive whole numbers separated by commas, like 784,200,10; got {text!r}"
        )
    return sizes


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def non_negative_int(text: str) -> int:
    """A whole number >= 0, such as a seed."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    return value


def activation_names(text: str) -> str | tuple[str, ...]:
    """"relu" -> "relu" (every hidden layer); "relu,tanh" -> ("relu", "tanh") (one per hidden layer)."""
    names = tuple(name.strip() for name in text.split(","))
    unknown = [name for name in names if name not in ACTIVATIONS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown activation {unknown[0]!r}; choose from {', '.join(ACTIVATIONS)}"
        )
    return names[0] if len(names) == 1 else names
