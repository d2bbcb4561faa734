"""Named presets: the classic from-scratch examples, each a network, a dataset and hyperparameters."""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.training.hyperparameters import Hyperparameters


@dataclass(frozen=True)
class Preset:
    name: str
    summary: str
    dataset: str  # "xor", "gender" or "mnist"
    sizes: tuple[int, ...]
    hidden: str
    output: str
    loss: str
    hyperparameters: Hyperparameters
    init: str = "textbook"
    #: Target values for "not this class" and "this class"; the textbook's 0.01/0.99 keep sigmoid
    #: outputs away from saturation, where MSE's gradient vanishes.
    targets: tuple[float, float] = (0.0, 1.0)
    #: MNIST input scaling: "unit" (x/255) or "textbook" (x/255 * 0.99 + 0.01).
    scaling: str = "unit"
    #: Fixed starting parameters as ((W, b), ...) nested lists, for examples that prescribe them.
    initial_parameters: tuple | None = field(default=None, compare=False)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "neuron",
            "a single sigmoid neuron, weights [0, 1] and bias 4; on input [2, 3] it outputs 0.999",
            dataset="gender", sizes=(2, 1), hidden="sigmoid", output="sigmoid", loss="mse",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1000),
            initial_parameters=((((0.0, 1.0),), (4.0,)),),
        ),
        Preset(
            "gender",
            "2-2-1 sigmoid network, MSE, stochastic SGD: predict gender from weight and height",
            dataset="gender", sizes=(2, 2, 1), hidden="sigmoid", output="sigmoid", loss="mse",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1000),
        ),
        Preset(
            "xor",
            "2-10-1, tanh hidden, sigmoid output, binary cross-entropy, SGD (the Keras XOR example)",
            dataset="xor", sizes=(2, 10, 1), hidden="tanh", output="sigmoid", loss="bce", init="xavier",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=500),
        ),
        Preset(
            "mnist-book",
            "784-200-10 sigmoid, MSE on 0.01/0.99 targets, lr 0.1, one sample at a time (the textbook's)",
            dataset="mnist", sizes=(784, 200, 10), hidden="sigmoid", output="sigmoid", loss="mse",
            targets=(0.01, 0.99), scaling="textbook",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1),
        ),
        Preset(
            "mnist-fast",
            "784-256-128-10 ReLU, softmax + cross-entropy, Adam, mini-batches, augmented: accuracy per second",
            dataset="mnist", sizes=(784, 256, 128, 10), hidden="relu", output="softmax", loss="ce", init="he",
            hyperparameters=Hyperparameters(
                lr=1e-3, granularity="minibatch", batch_size=128, optimizer="adam", epochs=8, augment=True,
            ),
        ),
    )
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None
