"""`nnviz explain`: the worked example of one neuron in one training step, as a handout or as JSON.

It trains a preset (or a network given by the train options, or a saved model) for --steps steps, in
double precision, on sample --sample each time (or in the preset's own order), and prints the last
step of neuron --neuron: forward, loss, backward and update with the step's own numbers.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import numpy as np

from nnviz.cli import output
from nnviz.cli.argtypes import positive_int
from nnviz.cli.errors import EXIT_OK, CommandError, UsageError
from nnviz.cli.train import (
    add_network_options, add_training_options, configure, hyperparameters_from, load_preset_dataset, new_session,
)
from nnviz.engine.model_file import load_model
from nnviz.engine.network import Network
from nnviz.training.build import DATASETS, load_dataset
from nnviz.training.explain_text import explanation_json, explanation_text
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.model_metadata import preprocessing_of
from nnviz.training.session import TrainingSession

EXAMPLES = """\
examples:
  nnviz explain --preset neuron                 the single neuron: 0·2 + 1·3 + 4 = 7, σ(7) = 0.999
  nnviz explain --preset network --neuron 1:2   hidden neuron 2 of the 2-2-1 network
  nnviz explain --preset gender --sample 1 --steps 50 --neuron 1:1 --json
  nnviz explain --model digits.npz --dataset mnist --sample 0 --neuron 2:8
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "explain", help="show one neuron's arithmetic in a training step",
        description="Train for --steps steps (in double precision) and show the last step's arithmetic for\n"
                    "one neuron: each input's w·a, z and f(z) = a, the loss at an output, the error term δ,\n"
                    "the gradient and the update with the weights before and after.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_network_options(p)
    p.add_argument("--model", metavar="PATH", help="start from a model saved by `nnviz train --save` instead")
    add_training_options(p)
    shown = p.add_argument_group("what to explain")
    shown.add_argument("--sample", type=int, metavar="K",
                       help="train every step on training sample K (from 0; default: the preset's order)")
    shown.add_argument("--neuron", type=neuron_option, metavar="LAYER:N",
                       help="neuron N (from 1) of layer LAYER (1 = the first hidden layer, up to the output; "
                            "or 'output'); default: the output neuron of the sample's class")
    shown.add_argument("--steps", type=steps_option, default=1, metavar="N",
                       help=f"training steps to take; the last one is explained (default 1, at most {MAX_STEPS:,})")
    shown.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    shown.add_argument("--json", action="store_true", help="print the numbers as one line of JSON")
    p.set_defaults(_run=run, _parser=p, epochs=None, augment=False, save=None)


#: A worked example is about one step: enough to reach a trained network (minutes at most), never days.
MAX_STEPS = 1_000_000


def steps_option(text: str) -> int:
    """A whole number of steps, 1 to MAX_STEPS."""
    steps = positive_int(text)
    if steps > MAX_STEPS:
        raise argparse.ArgumentTypeError(f"at most {MAX_STEPS:,} steps (a worked example explains one step; "
                                         f"train longer with `nnviz train --save` and explain with --model), "
                                         f"got {text!r}")
    return steps


def neuron_option(text: str) -> tuple[str | int, int]:
    """"2:3" -> (2, 3); "output:1" -> ("output", 1): a layer and a neuron number from 1."""
    layer, sep, number = text.partition(":")
    try:
        parsed = (layer if layer == "output" else int(layer), int(number))
    except ValueError:
        parsed = None
    if not sep or parsed is None or parsed[1] < 1 or (parsed[0] != "output" and parsed[0] < 0):
        raise argparse.ArgumentTypeError(f"expected LAYER:N such as 1:2 or output:1, got {text!r}")
    return parsed


def run(args) -> int:
    session = _model_session(args) if args.model is not None else _preset_session(args)
    n_train = len(session.x_train)
    if args.sample is not None and not 0 <= args.sample < n_train:
        raise CommandError(f"--sample {args.sample}: the {session.dataset.name} training set has {n_train:,} "
                           f"sample{'s' * (n_train != 1)} (0 to {n_train - 1:,})")
    for _ in range(args.steps - 1):
        _step(session, args.sample)
    shown = args.sample if args.sample is not None else int(session.next_batch()[0])
    session.inspect(_neuron(args, session, shown))
    _step(session, args.sample)
    explanation = session.explain()
    if args.json:
        output.say_json({**explanation_json(explanation), "dataset": session.dataset.name,
                         "sample": args.sample, "steps": args.steps})
    else:
        output.say(explanation_text(explanation, session.dataset.feature_names, session.dataset.class_names))
    return EXIT_OK


def _step(session: TrainingSession, sample: int | None) -> None:
    if sample is None:
        session.step()
    else:
        session.step_on([sample])


def _preset_session(args) -> TrainingSession:
    preset = configure(args)
    dataset = load_preset_dataset(preset, args, np.float64)
    return new_session(preset, dataset, np.float64)


def _model_session(args) -> TrainingSession:
    given = [f"--{o}" for o in ("preset", "layers", "activation", "output", "loss", "init") if getattr(args, o) is not None]
    if given:
        raise UsageError(f"--model loads a network; {given[0]} describes a new one: give one or the other")
    model = load_model(args.model)
    name = args.dataset or model.metadata.get("dataset")
    if name not in DATASETS:
        raise UsageError(f"{args.model} does not say which data set it was trained on; give --dataset")
    preprocessing = preprocessing_of(model, args.model)
    loaded = model.network
    arch = loaded.architecture()
    network = Network.from_parameters([W.astype(np.float64) for W in loaded.weights],
                                      [b.astype(np.float64) for b in loaded.biases],
                                      arch["hidden"], arch["output"], arch["loss"])
    try:
        dataset = load_dataset(name, args.data_dir, preprocessing.scaling, args.limit_train, np.float64)
    except OSError as e:
        raise CommandError(f"cannot read the {name} data: {e}") from None
    saved = model.metadata.get("hyperparameters") or {}
    base = Hyperparameters(**{k: v for k, v in saved.items() if k in Hyperparameters.__dataclass_fields__})
    hyperparameters = hyperparameters_from(replace(base, augment=False), args)
    try:
        return TrainingSession(network, dataset, hyperparameters, preprocessing.targets)
    except ValueError as e:
        raise CommandError(f"{args.model} does not fit {name}: {e}") from None


def _neuron(args, session: TrainingSession, shown: int) -> tuple[int, int]:
    """(layer, index) of --neuron, checked; by default the output neuron of the class of the sample
    shown (training sample `shown`)."""
    sizes = session.network.sizes
    n_layers = len(sizes) - 1
    if args.neuron is None:
        return n_layers, 0 if sizes[-1] == 1 else int(session.dataset.labels_train[shown])
    layer, number = args.neuron
    layer = n_layers if layer == "output" else layer
    if not 1 <= layer <= n_layers:
        raise UsageError(f"--neuron {layer}:{number}: the {'-'.join(map(str, sizes))} network has layers 1 to "
                         f"{n_layers} (0 is the input, which has no neurons to explain)")
    if not 1 <= number <= sizes[layer]:
        raise UsageError(f"--neuron {layer}:{number}: layer {layer} has {sizes[layer]} "
                         f"neuron{'s' * (sizes[layer] != 1)} (1 to {sizes[layer]})")
    return layer, number - 1
