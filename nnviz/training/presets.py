"""Named presets: the classic from-scratch examples, each a network, a dataset and hyperparameters."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.spec import DatasetSpec
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.hyperparameters import Hyperparameters

#: What the window builds and draws: at most this many hidden layers, of at most layer_limit() neurons
#: (the editor offers no more, and a loaded model may not bring more: each layer is a view of its own).
MAX_HIDDEN_LAYERS = 6


def layer_limit(dataset: str) -> int:
    """The most neurons in a hidden layer the window builds and draws for `dataset` (a dataset kind:
    MNIST's layers may be wide, every other set is small)."""
    return 1024 if dataset == "mnist" else 64


def check_drawable(sizes, dataset: str) -> None:
    """Raise ValueError for a network the window cannot build or draw on `dataset`."""
    hidden = [int(n) for n in sizes[1:-1]]
    layers = "-".join(str(int(n)) for n in sizes)
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError(QT_TRANSLATE_NOOP("Presets", "the {layers} network has {hidden} hidden layers; the window "
                                                      "shows at most {most}").format(
            layers=layers, hidden=len(hidden), most=MAX_HIDDEN_LAYERS))
    if hidden and max(hidden) > layer_limit(dataset):
        raise ValueError(QT_TRANSLATE_NOOP("Presets", "the {layers} network has a hidden layer of {neurons} neurons; "
                                                      "on {dataset} the window shows at most {most} per layer").format(
            layers=layers, neurons=f"{max(hidden):,}", dataset=dataset, most=f"{layer_limit(dataset):,}"))


@dataclass(frozen=True)
class Preset:
    name: str
    summary: str
    dataset: str  # the data's kind: "xor", "gender", "mnist", "generated", "csv" or "points"
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
    #: Training steps per second the window starts this preset at (None: as fast as it trains). The
    #: toy sets train in seconds at full speed; at their pace a learner watches the loss fall.
    pace: float | None = None
    #: The worked example's own training samples, ((x, label), ...), in place of the dataset's (whose
    #: names and queries stay): a curriculum example trains on exactly the sample it works through.
    samples: tuple | None = field(default=None, compare=False)
    #: The data in full (a generator with its noise, size and seed; a CSV file; drawn points), when
    #: the kind alone does not say it; see preset_spec.
    spec: DatasetSpec | None = None


def preset_spec(preset: Preset) -> DatasetSpec:
    """The data `preset` trains on: its spec, or for the named sets the spec of its kind."""
    return preset.spec if preset.spec is not None else DatasetSpec(kind=preset.dataset)


def data_name(preset: Preset) -> str:
    """A short name of the data `preset` trains on, for a table: "xor", "circle", "houses.csv"."""
    spec = preset_spec(preset)
    if spec.generator is not None:
        return spec.generator
    return Path(spec.path).name if spec.path else spec.kind


#: The curriculum's input: 137 lb and 69 in, as the gender example centres them (−135 lb, −66 in).
_CURRICULUM_X = (2.0, 3.0)
_MALE, _FEMALE = 0, 1
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "neuron",
            QT_TRANSLATE_NOOP("Presets", "a single sigmoid neuron, weights [0, 1] and bias 4; on input [2, 3] it "
                                         "outputs 0.999"),
            dataset="gender", sizes=(2, 1), hidden="sigmoid", output="sigmoid", loss="mse",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1000),
            initial_parameters=((((0.0, 1.0),), (4.0,)),),
            # Taught as male (a tall 137 lb): the neuron starts sure and wrong, saturated (σ′(7) ≈ 0.001),
            # so it learns slowly at first; a lesson about sigmoids in itself.
            samples=((_CURRICULUM_X, _MALE),),
            pace=10.0,  # saturated, its loss holds near 1 for ~350 steps before it falls: learning is slow
        ),
        Preset(
            "network",
            QT_TRANSLATE_NOOP("Presets", "2-2-1 sigmoid network, every neuron weights [0, 1] and bias 0; on input "
                                         "[2, 3] it outputs 0.7216"),
            dataset="gender", sizes=(2, 2, 1), hidden="sigmoid", output="sigmoid", loss="mse",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1000),
            initial_parameters=((((0.0, 1.0), (0.0, 1.0)), (0.0, 0.0)), (((0.0, 1.0),), (0.0,))),
            samples=((_CURRICULUM_X, _MALE),),
            pace=10.0,
        ),
        Preset(
            "alice",
            QT_TRANSLATE_NOOP("Presets", "2-2-1 sigmoid network, all weights 1 and biases 0, trained on Alice "
                                         "alone: backprop by hand (∂L/∂w₁ = 0.0214)"),
            dataset="gender", sizes=(2, 2, 1), hidden="sigmoid", output="sigmoid", loss="mse",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1000),
            initial_parameters=((((1.0, 1.0), (1.0, 1.0)), (0.0, 0.0)), (((1.0, 1.0),), (0.0,))),
            samples=(((-2.0, -1.0), _FEMALE),),
            pace=10.0,
        ),
        Preset(
            "gender",
            QT_TRANSLATE_NOOP("Presets", "2-2-1 sigmoid network, MSE, stochastic SGD: predict gender from weight and "
                                         "height"),
            dataset="gender", sizes=(2, 2, 1), hidden="sigmoid", output="sigmoid", loss="mse",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1000),
            pace=30.0,  # the loss falls over its first ~500 steps: about 15 s
        ),
        Preset(
            "xor",
            QT_TRANSLATE_NOOP("Presets", "2-10-1, tanh hidden, sigmoid output, binary cross-entropy, SGD (the Keras "
                                         "XOR example)"),
            dataset="xor", sizes=(2, 10, 1), hidden="tanh", output="sigmoid", loss="bce", init="xavier",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=500),
            pace=30.0,  # the loss falls from 0.78 to 0.07 over its first ~600 steps: about 20 s
        ),
        # TensorFlow Playground's 2-D sets (200 points, 70 % for training) with small tanh networks. Each
        # reaches >= 95 % test accuracy (regression: R² >= 0.95) within its epochs for data seeds 0-2
        # and weight seeds 0-2; the paces let a learner watch the surface form in 10-30 s.
        Preset(
            "circle",
            QT_TRANSLATE_NOOP("Presets", "an orange disc inside a blue ring: one hidden layer bends the boundary "
                                         "into a closed curve"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="circle"),
            sizes=(2, 8, 1), hidden="tanh", output="sigmoid", loss="bce", init="xavier",
            hyperparameters=Hyperparameters(lr=0.3, granularity="minibatch", batch_size=10, epochs=150),
            pace=30.0,  # 95 % after ~30 epochs of 14 steps: about 15 s
        ),
        Preset(
            "gaussians",
            QT_TRANSLATE_NOOP("Presets", "two round clouds of points: a straight line splits them, so it learns "
                                         "within a few epochs"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="gaussians"),
            sizes=(2, 4, 1), hidden="tanh", output="sigmoid", loss="bce", init="xavier",
            hyperparameters=Hyperparameters(lr=0.03, granularity="minibatch", batch_size=10, epochs=30),
            pace=10.0,  # 95 % after ~3 epochs: about 5 s, then the boundary settles between the clouds
        ),
        Preset(
            "xor-cloud",
            QT_TRANSLATE_NOOP("Presets", "XOR as clouds of points in four quadrants: needs a hidden layer, as XOR "
                                         "does"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="xor-cloud"),
            sizes=(2, 8, 1), hidden="tanh", output="sigmoid", loss="bce", init="xavier",
            hyperparameters=Hyperparameters(lr=0.3, granularity="minibatch", batch_size=10, epochs=100),
            pace=20.0,  # 95 % after ~15 epochs of 14 steps: about 10 s
        ),
        Preset(
            "spiral",
            QT_TRANSLATE_NOOP("Presets", "two interleaved spiral arms (400 points, no noise): two hidden layers and "
                                         "Adam, the hardest 2-D set"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="spiral", n_samples=400, noise=0.0),
            sizes=(2, 16, 16, 1), hidden="tanh", output="sigmoid", loss="bce", init="xavier",
            hyperparameters=Hyperparameters(lr=0.02, granularity="minibatch", batch_size=16, optimizer="adam",
                                            epochs=300),
            pace=100.0,  # 95 % after ~150 epochs of 18 steps: about 30 s
        ),
        Preset(
            "plane",
            QT_TRANSLATE_NOOP("Presets", "regression: y = (x1 + x2) / 2 with noise; a straight fit, learnt within a "
                                         "few epochs"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="plane"),
            sizes=(2, 4, 1), hidden="tanh", output="identity", loss="mse", init="xavier",
            hyperparameters=Hyperparameters(lr=0.03, granularity="minibatch", batch_size=10, epochs=30),
            pace=10.0,  # R² 0.95 after ~4 epochs: about 6 s
        ),
        Preset(
            "bump",
            QT_TRANSLATE_NOOP("Presets", "regression: a hill in the middle of the plane; two hidden layers shape it"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="bump"),
            sizes=(2, 8, 8, 1), hidden="tanh", output="identity", loss="mse", init="xavier",
            hyperparameters=Hyperparameters(lr=0.01, granularity="minibatch", batch_size=10, optimizer="adam",
                                            epochs=200),
            pace=30.0,  # R² 0.95 after ~50 epochs of 14 steps: about 25 s
        ),
        Preset(
            "sin",
            QT_TRANSLATE_NOOP("Presets", "regression: y = sin(x) over one period, one input; watch the fitted curve "
                                         "bend to the points"),
            dataset="generated", spec=DatasetSpec(kind="generated", generator="sin"),
            sizes=(1, 8, 1), hidden="tanh", output="identity", loss="mse", init="xavier",
            hyperparameters=Hyperparameters(lr=0.01, granularity="minibatch", batch_size=10, optimizer="adam",
                                            epochs=200),
            pace=30.0,  # R² 0.95 after ~45 epochs of 14 steps: about 20 s
        ),
        Preset(
            "mnist-book",
            QT_TRANSLATE_NOOP("Presets", "784-200-10 sigmoid, MSE on 0.01/0.99 targets, lr 0.1, one sample at a time "
                                         "(the textbook's)"),
            dataset="mnist", sizes=(784, 200, 10), hidden="sigmoid", output="sigmoid", loss="mse",
            targets=(0.01, 0.99), scaling="textbook",
            hyperparameters=Hyperparameters(lr=0.1, granularity="stochastic", epochs=1),
        ),
        Preset(
            "mnist-fast",
            QT_TRANSLATE_NOOP("Presets", "784-256-128-10 ReLU, softmax + cross-entropy with label smoothing, "
                                         "Adam, batches of 512, augmented: accuracy per second (about 98.8 % in "
                                         "10 epochs)"),
            dataset="mnist", sizes=(784, 256, 128, 10), hidden="relu", output="softmax", loss="ce", init="he",
            # Label smoothing 0.1 (0.01 for each wrong class, 0.91 for the right one; rows still sum to 1):
            # with a constant learning rate it lifted final test accuracy by ~0.3 % and steadied it from
            # epoch to epoch. Batches of 512 at lr 3e-3 train fastest per second on 2 cores
            # (tests/bench/mnist_fast.py: 98.7-98.9 % for seeds 0-6, ~8 s of training).
            targets=(0.01, 0.91),
            hyperparameters=Hyperparameters(
                lr=3e-3, granularity="minibatch", batch_size=512, optimizer="adam", epochs=10, augment=True,
            ),
        ),
    )
}


_LOSSES = {"mse": QT_TRANSLATE_NOOP("Presets", "mean squared error"),
           "bce": QT_TRANSLATE_NOOP("Presets", "binary cross-entropy"),
           "ce": QT_TRANSLATE_NOOP("Presets", "cross-entropy")}
_OPTIMIZERS = {"sgd": "SGD", "momentum": QT_TRANSLATE_NOOP("Presets", "SGD with momentum"), "adam": "Adam"}


def hidden_activations(preset: Preset) -> tuple[str, ...]:
    """The activation of each hidden layer (a preset may name one for all)."""
    n_hidden = len(preset.sizes) - 2
    return (preset.hidden,) * n_hidden if isinstance(preset.hidden, str) else tuple(preset.hidden)


def describe(preset: Preset) -> str:
    """What `preset` builds and how it trains, in one line: "2-10-10-1, tanh hidden, sigmoid output,
    binary cross-entropy; SGD at learning rate 0.1, one sample per step"."""
    h = preset.hyperparameters
    hidden = hidden_activations(preset)
    if h.granularity == "stochastic":
        per_step = QT_TRANSLATE_NOOP("Presets", "one sample per step")
    elif h.granularity == "batch":
        per_step = QT_TRANSLATE_NOOP("Presets", "the whole set per step")
    else:
        per_step = QT_TRANSLATE_NOOP("Presets", "batches of {n}").format(n=h.batch_size)
    fields = dict(sizes="-".join(str(n) for n in preset.sizes), output=preset.output,
                  loss=_LOSSES.get(preset.loss, preset.loss), optimizer=_OPTIMIZERS.get(h.optimizer, h.optimizer),
                  lr=f"{h.lr:g}", per_step=per_step)
    if hidden:
        return QT_TRANSLATE_NOOP("Presets", "{sizes}, {hidden} hidden, {output} output, {loss}; {optimizer} at "
                                            "learning rate {lr}, {per_step}").format(
            hidden="/".join(dict.fromkeys(hidden)), **fields)
    return QT_TRANSLATE_NOOP("Presets", "{sizes}, {output} output, {loss}; {optimizer} at learning rate {lr}, "
                                        "{per_step}").format(**fields)


def preset_dataset(preset: Preset, dataset: Dataset) -> Dataset:
    """`dataset` as `preset` trains on it: with the preset's own samples (as both splits) when it
    names some, else unchanged."""
    if preset.samples is None:
        return dataset
    dtype = dataset.x_train.dtype
    x = np.array([sample[0] for sample in preset.samples], dtype=dtype)
    labels = np.array([sample[1] for sample in preset.samples], dtype=np.int64)
    for array in (x, labels):
        array.setflags(write=False)
    return replace(dataset, x_train=x, labels_train=labels, x_test=x, labels_test=labels)


def preset_for_data(dataset: Dataset, spec: DatasetSpec, name: str = "custom") -> Preset:
    """A small network sized to `dataset`, loaded from `spec` (a CSV file, say), for when nobody gave
    one: its inputs, one tanh hidden layer of 16 and an output that fits the task (one sigmoid for two
    classes with binary cross-entropy, softmax with cross-entropy for more, identity with squared error
    for regression), trained by Adam in batches of 32 for about 20,000 samples (5 to 200 epochs)."""
    if dataset.is_regression:
        n_out, output, loss = 1, "identity", "mse"
        task = QT_TRANSLATE_NOOP("Presets", "predict {target}").format(target=dataset.class_names[0])
    elif dataset.n_classes == 2:
        n_out, output, loss, task = 1, "sigmoid", "bce", QT_TRANSLATE_NOOP("Presets", "tell 2 classes apart")
    else:
        n_out, output, loss = dataset.n_classes, "softmax", "ce"
        task = QT_TRANSLATE_NOOP("Presets", "tell {n} classes apart").format(n=dataset.n_classes)
    n_train = max(1, len(dataset.x_train))
    epochs = min(200, max(5, round(20_000 / n_train)))
    return Preset(
        name=name, summary=QT_TRANSLATE_NOOP("Presets", "a network sized to {data}: {inputs} inputs, {task}").format(
            data=dataset.name, inputs=dataset.n_features, task=task),
        dataset=spec.kind, spec=None if spec.kind in ("xor", "gender", "mnist") else spec,
        sizes=(dataset.n_features, 16, n_out), hidden="tanh", output=output, loss=loss, init="xavier",
        hyperparameters=Hyperparameters(lr=0.01, granularity="minibatch", batch_size=32, optimizer="adam",
                                        epochs=epochs),
        pace=30.0 if n_train <= 2000 else None,  # small sets are watched learning; big ones run at full speed
    )


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}") from None
