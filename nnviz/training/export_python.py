"""Export a preset as one standalone Python script that needs only NumPy: "take the code home".

`python_script(preset, weights, biases)` writes a script in the curriculum's style (a `Network` class
with `forward`, `backward` and `train`) that builds the network with the given weights (or the ones
nnviz would start the preset from), loads the same data and trains it exactly as
nnviz.training.session.TrainingSession does: `np.random.default_rng(seed).permutation` at the start of
every epoch, batches cut from it in order, the same loss, δ, L2 and optimiser maths, all in float32.
Its per-step losses are the app's (tests/training/test_export_python.py runs it and compares).

Only the code paths the preset uses are written out (a sigmoid/MSE/SGD network gets a short script).
Data: small sets (XOR, gender, generated and hand-placed points) are written into the script; a CSV
is read from its path and standardised with the numbers nnviz fitted; MNIST is read from its IDX
files in a folder given on the script's command line (default ./mnist).
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnviz import __version__
from nnviz.data.dataset import Dataset
from nnviz.data.spec import DatasetSpec
from nnviz.training import export_code as code
from nnviz.training.atomic_file import write_text_atomically
from nnviz.training.export_csv import csv_loading, csv_settings
from nnviz.training.export_numbers import WIDTH, array_code, float_text, int_list, rule
from nnviz.training.build import build_network, load_preset_data
from nnviz.training.presets import Preset, describe, hidden_activations, preset_spec

#: Arrays with at most this many numbers in all are written out as numbers; bigger ones as base64.
LITERAL_LIMIT = 10_000
_SCALING_WORDS = {
    "unit": ("scaled to 0..1 (x / 255)", " / 255"),
    "textbook": ('scaled to 0.01..1.0 (x / 255 * 0.99 + 0.01, as "Make Your Own Neural Network" does)',
                 " / 255 * 0.99 + 0.01"),
    "raw": ("as they are, 0..255", ""),
}


@dataclass(frozen=True)
class _Parts:
    """What the script is assembled from: the preset and what loading it told us."""

    preset: Preset
    spec: DatasetSpec
    dataset: Dataset | None  # None for MNIST, which the script reads from its files
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    n_classes: int
    regression: bool

    @property
    def activations(self) -> tuple[str, ...]:
        return (*hidden_activations(self.preset), self.preset.output)

    @property
    def single_output(self) -> bool:
        return self.preset.sizes[-1] == 1

    @property
    def augments(self) -> bool:
        # The session distorts only images (TrainingSession._train_on).
        return self.preset.hyperparameters.augment and self.spec.kind == "mnist"

    @property
    def fused(self) -> bool:
        """Whether the output activation's slope cancels against the loss (engine.losses)."""
        return (self.preset.output, self.preset.loss) in (("sigmoid", "bce"), ("softmax", "ce"))


def python_script(preset: Preset, weights: Sequence[np.ndarray] | None = None,
                  biases: Sequence[np.ndarray] | None = None, *, trained_steps: int | None = None,
                  file_name: str | None = None) -> str:
    """The source of a standalone NumPy script that trains `preset` as nnviz does.

    weights[l] has shape (sizes[l + 1], sizes[l]) and biases[l] shape (sizes[l + 1],); without them the
    script starts from the weights nnviz would build for the preset (its seed, or its prescribed
    weights). trained_steps (how long the given weights were trained) and file_name only go into the
    script's docstring. Raises ValueError for weights that do not fit the preset or are not finite, and
    whatever loading the preset's data raises (a CSV that cannot be read, say).
    """
    spec = preset_spec(preset)
    dataset = None if spec.kind == "mnist" else load_preset_data(preset)
    initial = build_network(preset, dataset=dataset)  # also refuses a network too big to train
    given = weights is not None and biases is not None
    if not given:
        weights, biases = initial.weights, initial.biases
    weights = _checked(weights, [W.shape for W in initial.weights], "weights")
    biases = _checked(biases, [b.shape for b in initial.biases], "biases")
    n_classes = 10 if dataset is None else dataset.n_classes
    regression = dataset is not None and dataset.is_regression
    parts = _Parts(preset, spec, dataset, weights, biases, n_classes, regression)
    name = file_name or f"{preset.name}.py"
    sections = [
        _docstring(parts, name, given, trained_steps),
        _imports(parts),
        _settings(parts),
        *_functions(parts),
        _network(parts),
        _data_loading(parts),
        _main(parts),
        _arrays(parts),
        '\n\nif __name__ == "__main__":\n    main()\n',
    ]
    return "".join(sections)


def write_script(path: str | os.PathLike, text: str) -> None:
    """Write a script to `path` atomically (an interrupted export never leaves half a script).
    Raises OSError."""
    write_text_atomically(path, text)


def _checked(arrays, shapes, what: str) -> tuple[np.ndarray, ...]:
    arrays = tuple(np.asarray(a, dtype=np.float32) for a in arrays)
    if [a.shape for a in arrays] != list(shapes):
        raise ValueError(f"the {what} have shapes {[a.shape for a in arrays]}, the network needs {list(shapes)}")
    if not all(np.all(np.isfinite(a)) for a in arrays):
        raise ValueError(f"the {what} are not all finite numbers (training diverged): export the initial weights")
    return arrays


# -- the script's sections ---------------------------------------------------------------------------

def _docstring(p: _Parts, name: str, given: bool, trained_steps: int | None) -> str:
    h = p.preset.hyperparameters
    if given:
        fresh = "its shuffle of the samples starts" if h.optimizer == "sgd" else "its optimiser and shuffle start"
        after = f" after {trained_steps:,} training step{'s' if trained_steps != 1 else ''}" if trained_steps else ""
        start = f"starts from the weights the network had in nnviz{after} ({fresh} afresh)"
    elif p.preset.initial_parameters is not None:
        start = "starts from the weights the example prescribes"
    else:
        start = f"starts from the weights nnviz starts this network from ({p.preset.init} initialisation"
        start += f", seed {h.seed})" if h.seed is not None else ")"
    data = {
        "mnist": "reads MNIST from its four IDX files (in ./mnist, or the folder given with --data)",
        "csv": f"reads {p.spec.path} (or the CSV file given with --data) and standardises it as nnviz did",
    }.get(p.spec.kind, "takes its samples from the end of this file")
    order = "a fresh random order every run (nnviz had no seed)" if h.seed is None else \
        f"the same order (NumPy's default_rng({h.seed}) shuffles them every epoch)"
    text = (f"Exported from nnviz {__version__}. It {start}, {data}, and trains exactly as nnviz does: the same samples in "
            f"{order} and the same maths in 32-bit floats, so the losses it prints are the ones nnviz shows.")
    if p.augments:
        text += (" Like nnviz, it distorts about half of the images in every batch a little (see augment), "
                 "drawing from the same random numbers.")
    title = f"{p.preset.name}: {p.preset.summary}" if p.preset.summary else p.preset.name
    return (
        f'"""{textwrap.fill(title, WIDTH - 4, subsequent_indent="")}\n\n'
        f"{textwrap.fill(describe(p.preset) + '.', WIDTH - 4)}\n\n"
        f"{textwrap.fill(text, WIDTH - 4)}\n\n"
        f"Only NumPy is needed:\n\n"
        f"{_usage(p, name)}"
        '"""\n'
    )


def _usage(p: _Parts, name: str) -> str:
    """The script's command lines, aligned."""
    lines = [("", "train, printing the loss as it goes"), (" --steps 10", "stop after 10 steps, printing the loss of each"),
             (" --epochs 3", "train for 3 epochs")]
    if p.spec.kind == "mnist":
        lines.append((" --data FOLDER", "read MNIST from FOLDER (default: ./mnist)"))
    elif p.spec.kind == "csv":
        lines.append((" --data FILE", "read the samples from another CSV file laid out the same way"))
    width = max(len(option) for option, _ in lines)
    return "".join(f"    python {name}{option.ljust(width)}   {what}\n" for option, what in lines)


def _imports(p: _Parts) -> str:
    modules = ["argparse", "math"]
    if p.spec.kind == "mnist":
        modules += ["gzip", "os", "struct"]
    if p.spec.kind == "csv":
        modules += ["csv"]
    if _packed(p):
        modules.append("base64")
    return "\n" + "".join(f"import {m}\n" for m in sorted(modules)) + "\nimport numpy as np\n"


def _settings(p: _Parts) -> str:
    h = p.preset.hyperparameters
    lines = ["", "", rule("How nnviz trains this network"),
             f"LEARNING_RATE = {h.lr!r}"]
    if h.granularity == "stochastic":
        lines.append("BATCH_SIZE = 1  # samples per step: one at a time (stochastic gradient descent)")
    elif h.granularity == "minibatch":
        lines.append(f"BATCH_SIZE = {h.batch_size}  # samples per step (mini-batch gradient descent)")
    if h.optimizer == "momentum":
        lines.append(f"MOMENTUM = {h.momentum!r}  # how much of each step carries over to the next")
    if h.optimizer == "adam":
        lines.append("BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8  # Adam's averaging rates; EPSILON avoids 0 / 0")
    if h.l2:
        lines.append(f"L2 = {h.l2!r}  # weight decay: every weight's gradient gets L2 * W added")
    epochs = "None  # train until you stop it (Ctrl+C)" if h.epochs is None else f"{h.epochs}  # passes over the training samples"
    lines.append(f"EPOCHS = {epochs}")
    lines.append(f"SEED = {h.seed!r}  # seeds the shuffle of the training samples at the start of every epoch")
    if not p.regression:
        off, on = p.preset.targets
        lines.append(f"OFF, ON = {off!r}, {on!r}  # the target output for \"not this class\" and \"this class\"")
        if not p.single_output:
            lines.append(f"N_CLASSES = {p.n_classes}")
    lines.append(f"PRINT_EVERY = {_print_every(h.epochs)}  # epochs between two lines of progress")
    return "\n".join(lines) + "\n"


def _print_every(epochs: int | None) -> int:
    """About 20 progress lines for a long run, at a round number of epochs."""
    if epochs is None or epochs <= 20:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if epochs / step <= 20:
            return step
    return 10 ** len(str(epochs // 20))


def _functions(p: _Parts) -> list[str]:
    """The activations, the loss, the target encoding, augmentation and base64 unpacking used."""
    parts = ["\n" + code.ACTIVATIONS[name] for name in dict.fromkeys(p.activations)]
    loss = code.LOSSES[p.preset.loss]
    if p.preset.loss != "mse" and not p.fused:
        loss += code.UNFUSED_GRADIENTS[p.preset.loss]
    parts.append("\n" + loss)
    if not p.regression:
        parts.append(code.ENCODE["single" if p.single_output else "multi"])
    if p.augments:
        parts.append(code.AUGMENT)
    if _packed(p):
        parts.append(code.BASE64)
    return parts


def _network(p: _Parts) -> str:
    h = p.preset.hyperparameters
    names = p.activations
    if p.fused:
        loss_name = {"bce": "binary cross-entropy", "ce": "cross-entropy"}[p.preset.loss]
        output_delta = code.FUSED_DELTA.format(output=p.preset.output, loss_name=loss_name)
    else:
        output_delta = code.CHAINED_DELTA.format(output=p.preset.output)
    if h.granularity == "batch":
        batch_size = "        batch_size = len(x)  # full-batch gradient descent: every sample in every step\n"
    else:
        batch_size = "        batch_size = min(BATCH_SIZE, len(x))\n"
    if p.augments:
        augment_batch = "                # Distorted copies of some images (see augment): the digit, not its pixels.\n"
        x_batch = "augment(x[batch], rng)"
    else:
        augment_batch, x_batch = "", "x[batch]"
    if p.regression:
        units = " in the target's raw units" if _target_standardised(p) else ""
        scale = " * TARGET_STD" if _target_standardised(p) else ""
        evaluate = code.CLASSIFY["regression"].format(rmse_units=units, rmse_scale=scale)
    else:
        evaluate = code.CLASSIFY["single" if p.single_output else "multi"]
    return code.NETWORK.format(
        forward=", ".join(names),
        backward=", ".join(f"{name}_backward" for name in names),
        optimizer_state=code.STATE[h.optimizer],
        output_delta=output_delta,
        l2="\n            grad_W[l] += L2 * self.W[l]  # weight decay" if h.l2 else "",
        update=code.UPDATES[h.optimizer],
        batch_size=batch_size,
        augment_batch=augment_batch,
        x_batch=x_batch,
        epoch_report=code.REGRESSION_REPORT if p.regression else code.CLASSIFICATION_REPORT,
    ) + evaluate


def _target_standardised(p: _Parts) -> bool:
    s = p.dataset.standardisation if p.dataset is not None else None
    return s is not None and s.has_target


def _data_loading(p: _Parts) -> str:
    if p.spec.kind == "mnist":
        words, scaling = _SCALING_WORDS[p.preset.scaling]
        return code.READ_IDX.format(scaling_words=words, scaling_code=scaling)
    if p.spec.kind == "csv":
        return csv_loading(p.spec, p.dataset)
    labels = "np.array(LABELS_TRAIN, dtype=np.float32)" if p.regression else "np.array(LABELS_TRAIN)"
    test_labels = labels.replace("TRAIN", "TEST")
    return (
        "\n\ndef load_data():\n"
        '    """The samples written out at the end of this file, one per row, with their '
        f'{"targets" if p.regression else "class labels"}."""\n'
        f"    return (np.array(X_TRAIN, dtype=np.float32), {labels},\n"
        f"            np.array(X_TEST, dtype=np.float32), {test_labels})\n"
    )


def _main(p: _Parts) -> str:
    kind = p.spec.kind
    lines = [
        "", "", "def main():",
        "    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])",
        '    parser.add_argument("--steps", type=int, metavar="N",',
        '                        help="stop after N steps, printing the loss of each")',
        '    parser.add_argument("--epochs", type=int, metavar="N", default=EPOCHS,',
        '                        help="passes over the training samples (default: %(default)s)")',
    ]
    if kind == "mnist":
        lines += ['    parser.add_argument("--data", metavar="FOLDER", default="mnist",',
                  '                        help="the folder with the MNIST files (default: ./mnist)")']
    elif kind == "csv":
        lines += ['    parser.add_argument("--data", metavar="FILE", default=CSV_PATH,',
                  '                        help="the CSV file (default: %(default)s)")']
    data_arg = "args.data" if kind in ("mnist", "csv") else ""
    targets = "labels_train[:, None]" if p.regression else "encode(labels_train)"
    lines += [
        "    args = parser.parse_args()",
        f"    x_train, labels_train, x_test, labels_test = load_data({data_arg})",
        "    network = Network(WEIGHTS, BIASES)",
        '    layers = "-".join(str(n) for n in SIZES)',
        '    print(f"Training the {layers} network on {len(x_train):,} samples "',
        '          f"(testing on {len(x_test):,})")',
        f"    network.train(x_train, {targets}, x_test, labels_test, args.epochs, args.steps)",
    ]
    if p.dataset is not None and p.dataset.queries and not p.regression:
        lines += _query_lines(p)
    return "\n".join(lines) + "\n"


def _query_lines(p: _Parts) -> list[str]:
    choice = "int(output[0] > (OFF + ON) / 2)" if p.single_output else "int(output.argmax())"
    return [
        "    if args.steps is None:",
        "        # Samples the network never trained on: what does it make of them?",
        "        for name, x in QUERIES:",
        "            output = network.predict(np.array([x], dtype=np.float32))[0]",
        f"            answer = CLASS_NAMES[{choice}]",
        '            print(f"{name} {x}: {answer} (output {np.round(output, 3)})")',
    ]


# -- the numbers -------------------------------------------------------------------------------------

def _packed(p: _Parts) -> bool:
    """Whether anything is written as base64 (too many numbers to write out)."""
    return _weights_packed(p) or _data_packed(p)


def _weights_packed(p: _Parts) -> bool:
    return sum(W.size + b.size for W, b in zip(p.weights, p.biases)) > LITERAL_LIMIT


def _data_packed(p: _Parts) -> bool:
    d = p.dataset
    if d is None or p.spec.kind == "csv":
        return False
    return d.x_train.size + d.x_test.size > LITERAL_LIMIT


def _arrays(p: _Parts) -> str:
    out = ["\n\n" + rule("The numbers nnviz wrote out"),
           f"SIZES = {list(p.preset.sizes)}  # neurons per layer, from the inputs to the outputs",
           "# The starting weights: WEIGHTS[l] has a row for each neuron of layer l + 1, holding its weights",
           "# from every neuron of layer l; BIASES[l] holds those neurons' biases."]
    packed = _weights_packed(p)
    out.append("WEIGHTS = [")
    for l, W in enumerate(p.weights):
        out.append(f"    # layer {l + 1}: {W.shape[0]} neuron{'s' if W.shape[0] != 1 else ''} × {W.shape[1]} input"
                   f"{'s' if W.shape[1] != 1 else ''}")
        out.append(array_code(W, 1, packed, rows=True) + ",")
    out += ["]", "BIASES = ["]
    out += [array_code(b, 1, packed) + "," for b in p.biases]
    out.append("]")
    if p.spec.kind == "csv":
        out += csv_settings(p.spec, p.dataset)
    elif p.dataset is not None:
        out += _data_arrays(p)
    return "\n".join(out) + "\n"


def _data_arrays(p: _Parts) -> list[str]:
    d = p.dataset
    packed = _data_packed(p)
    what = "targets" if p.regression else "class labels"
    out = ["", f"# The data: one sample per row of X ({', '.join(d.feature_names)}), and its {what}."]
    if p.regression:
        labels = lambda a: array_code(a.astype(np.float32), 0, packed)  # noqa: E731
    else:
        labels = lambda a: int_list(a, 0)  # noqa: E731
    out += [f"X_TRAIN = {array_code(d.x_train, 0, packed)}", f"LABELS_TRAIN = {labels(d.labels_train)}"]
    same = np.array_equal(d.x_train, d.x_test) and np.array_equal(d.labels_train, d.labels_test)
    if same:
        out.append("X_TEST, LABELS_TEST = X_TRAIN, LABELS_TRAIN  # it is tested on its training samples")
    else:
        out += [f"X_TEST = {array_code(d.x_test, 0, packed)}", f"LABELS_TEST = {labels(d.labels_test)}"]
    if d.queries and not p.regression:
        out.append(f"CLASS_NAMES = {list(d.class_names)!r}")
        queries = ", ".join(f"({q.name!r}, [{', '.join(float_text(v) for v in q.x.astype(np.float32))}])"
                            for q in d.queries)
        out.append(f"QUERIES = [{queries}]")
    return out
