"""`nnviz train`: train a preset, an experiment file, or a network described by options, report as it
learns, save it.

The data are named by --dataset (xor, gender, mnist, a generated set, a .csv file) and shaped by the
data options; a regression set reports R² and RMSE where a classification set reports accuracy.

The loop itself, its timing and its progress lines are in nnviz.cli.train_loop.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from nnviz.cli import output
from nnviz.cli.argtypes import activation_names, layer_sizes, non_negative_int
from nnviz.cli.errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, CommandError, UsageError
from nnviz.cli.interrupt import stop_on_interrupt
from nnviz.training.model_metadata import session_metadata
from nnviz.cli.train_loop import Timing, r_squared_label, results, train, value_text
from nnviz.data.dataset import Dataset
from nnviz.data.generators import GENERATORS
from nnviz.cli.data_options import add_data_options, data_spec, kept_spec
from nnviz.data.spec import DatasetSpec
from nnviz.data.toy import PEOPLE
from nnviz.data.errors import MnistCorruptError, MnistMissingError
from nnviz.engine.activations import ACTIVATIONS
from nnviz.engine.batching import GRANULARITIES
from nnviz.engine.init import INITS
from nnviz.engine.losses import LOSSES
from nnviz.engine.model_file import check_can_save, save_model
from nnviz.engine.network import Network
from nnviz.engine.optimizers import OPTIMIZERS
from nnviz.training.build import DATASETS, build_network, load_dataset
from nnviz.training.experiment import load_experiment
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.presets import PRESETS, Preset, get_preset, preset_dataset, preset_for_data, preset_spec
from nnviz.training.session import TrainingSession

EXAMPLES = """\
examples:
  nnviz train --preset xor
  nnviz train --preset circle --noise 0.3 --data-seed 7
  nnviz train --dataset houses.csv --label-column price --save houses.npz
  nnviz train --experiment spiral.json
  nnviz train --preset mnist-book --epochs 1 --lr 0.05 --save digits.npz
  nnviz train --dataset mnist --layers 784,100,10 --activation relu --output softmax --loss ce \\
              --optimizer adam --lr 0.001 --batch-size 64 --epochs 3
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "train", help="train a network and print how it learns",
        description="Train a preset, an experiment file, or a network given by --dataset and --layers\n"
                    "(a CSV file needs no --layers: a small network is sized to it). Options given\n"
                    "together with --preset or --experiment override it. Ctrl+C stops after the\n"
                    "current step (and still saves with --save); a second Ctrl+C quits at once.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_network_options(p)
    how = add_training_options(p)
    how.add_argument("--epochs", type=epochs_count, metavar="N",
                     help="passes over the training set, or 'forever' (until stopped with Ctrl+C)")
    how.add_argument("--augment", action="store_true", default=None,
                     help="randomly shift, rotate and scale training images")
    how.add_argument("--no-augment", dest="augment", action="store_false", help="turn off a preset's augmentation")

    out = p.add_argument_group("data and output")
    out.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    out.add_argument("--save", metavar="PATH", help="save the trained model to PATH (.npz)")
    out.add_argument("--json", action="store_true", help="end with one line of JSON with the results")
    p.set_defaults(_run=run, _parser=p)


#: --epochs forever: train until stopped (Hyperparameters.epochs None).
FOREVER = "forever"


def epochs_count(text: str) -> int | str:
    """A whole number (checked by Hyperparameters) or "forever"."""
    if text.strip().lower() == FOREVER:
        return FOREVER
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of epochs or '{FOREVER}', got {text!r}") from None


def add_network_options(p) -> None:
    """--preset or --experiment, or --dataset and --layers with the activations, loss and
    initialisation; and the data options."""
    what = p.add_argument_group("what to train")
    what.add_argument("--preset", choices=list(PRESETS), help="start from a named preset (see `nnviz presets`)")
    what.add_argument("--experiment", metavar="FILE",
                      help="start from an experiment file (the app's File > Save experiment)")
    what.add_argument("--dataset", metavar="NAME",
                      help=f"the data set: {', '.join(DATASETS)}, a generated set ({', '.join(GENERATORS)}) or "
                           "the path of a .csv file (required without --preset or --experiment)")
    what.add_argument("--layers", type=layer_sizes, metavar="N,N,...",
                      help="layer sizes from input to output, e.g. 784,200,10 (required without --preset or "
                           "--experiment, but for a CSV file)")
    what.add_argument("--activation", type=activation_names, metavar="NAME[,NAME...]",
                      help="hidden-layer activation, one for all or one per hidden layer "
                           f"(default sigmoid; {', '.join(ACTIVATIONS)})")
    what.add_argument("--output", choices=list(ACTIVATIONS), help="output activation (default sigmoid)")
    what.add_argument("--loss", choices=list(LOSSES), help="loss function (default mse)")
    what.add_argument("--init", choices=list(INITS), help="weight initialisation (default textbook)")

    add_data_options(p)


def add_training_options(p):
    """The learning rate, batches, optimiser, L2, seed and training-set limit; returns the group."""
    how = p.add_argument_group("how to train")
    how.add_argument("--lr", type=float, help="learning rate")
    how.add_argument("--mode", choices=GRANULARITIES,
                     help="stochastic (one sample per step), minibatch or batch (the whole training set)")
    how.add_argument("--batch-size", type=int, metavar="N",
                     help="samples per step; implies --mode minibatch (stochastic for 1)")
    how.add_argument("--optimizer", choices=list(OPTIMIZERS))
    how.add_argument("--momentum", type=float, help="momentum of the momentum optimizer")
    how.add_argument("--l2", type=float, help="L2 weight decay strength")
    how.add_argument("--seed", type=non_negative_int, metavar="N",
                     help="seed for the initial weights and the shuffling")
    how.add_argument("--limit-train", type=int, metavar="N", help="train on the first N samples only")
    return how


def run(args) -> int:
    preset = configure(args)
    if args.save is not None and Path(args.save).is_dir():
        raise UsageError(f"--save {args.save} is a directory; give a file name such as model.npz")
    dataset = load_preset_dataset(preset, args)
    session = new_session(preset, dataset)
    if args.save is not None:
        _check_save_target(args.save, session.network)
    output.say(_header(preset, args, dataset, session))

    with stop_on_interrupt() as stop:
        timing = train(session, stop)
        result = results(session, timing)
        if timing.interrupted:
            output.say(f"interrupted in epoch {session.epoch + 1} after {session.step_count:,} steps; "
                       "the results below are for the partially trained network")
        output.say(_summary(timing, result))
        answers = query_answers(session)
        for line in _query_lines(answers):
            output.say(line)
        saved = None
        if args.save is not None:
            saved = _save(args, preset, session, result, timing)
            partially = "partially trained " if timing.interrupted else ""
            output.say(f"saved the {partially}model to {saved}")
    if args.json:
        output.say_json({
            **result,
            "preset": _preset_name(args, preset),
            "dataset": dataset.name,
            "task": dataset.task,
            "interrupted": timing.interrupted,
            "saved": None if saved is None else str(saved),
            "queries": answers,
        })
    return EXIT_INTERRUPTED if timing.interrupted else EXIT_OK


# -- configuration ---------------------------------------------------------------------------------

def configure(args) -> Preset:
    """The preset named by --preset or held in --experiment (or a custom one) with every option given
    on the command line."""
    if args.preset is not None and args.experiment is not None:
        raise UsageError("give --preset or --experiment, not both")
    if args.experiment is not None:
        try:
            preset = load_experiment(args.experiment)
        except ValueError as e:  # ExperimentError: one line naming the file
            raise CommandError(str(e)) from None
    elif args.preset is not None:
        preset = get_preset(args.preset)
    else:
        if args.dataset is None:
            raise UsageError("give --preset, --experiment, or --dataset and --layers to describe the network")
        spec = data_spec(None, args)
        if args.layers is None:
            if spec.kind != "csv":
                other = f" (or --preset {spec.generator or spec.kind})" if (spec.generator or spec.kind) in PRESETS else ""
                raise UsageError(f"give --layers to describe the network{other}")
            preset = preset_for_data(_load(spec, "unit", args), spec)  # a CSV: a network sized to its columns
        else:
            preset = Preset(
                name="custom", summary="", dataset=spec.kind, spec=kept_spec(spec), sizes=args.layers,
                hidden="sigmoid", output="sigmoid", loss="mse", hyperparameters=Hyperparameters(),
            )
    changes = {
        field: getattr(args, option)
        for field, option in (("sizes", "layers"), ("hidden", "activation"),
                              ("output", "output"), ("loss", "loss"), ("init", "init"))
        if getattr(args, option) is not None
    }
    spec = data_spec(preset, args)
    if spec != preset_spec(preset):
        changes.update(dataset=spec.kind, spec=kept_spec(spec), samples=None)  # the preset's own samples belong to its data
    if args.layers is not None or args.init is not None:
        changes["initial_parameters"] = None  # the preset's fixed weights no longer apply
    return replace(preset, hyperparameters=hyperparameters_from(preset.hyperparameters, args), **changes)


def hyperparameters_from(base: Hyperparameters, args) -> Hyperparameters:
    """`base` with the hyperparameters given on the command line."""
    changes = {
        name: getattr(args, name)
        for name in ("lr", "optimizer", "momentum", "l2", "epochs", "seed", "augment")
        if getattr(args, name) is not None
    }
    if changes.get("epochs") == FOREVER:
        changes["epochs"] = None  # until stopped
    if args.mode is not None:
        changes["granularity"] = args.mode
    if args.batch_size is not None:
        changes["batch_size"] = args.batch_size
        if args.mode is None:
            changes["granularity"] = "stochastic" if args.batch_size == 1 else "minibatch"
    return base.updated(**changes)


def load_preset_dataset(preset: Preset, args, dtype=np.float32) -> Dataset:
    """The data `preset` trains on (--data-dir, --limit-train), as a command-line error if unreadable
    (a bad CSV: one line naming its row and column)."""
    dataset = _load(preset_spec(preset), preset.scaling, args, dtype)
    if args.limit_train is not None:
        if args.limit_train < 1:
            raise CommandError(f"--limit-train must be at least 1, got {args.limit_train}")
        dataset = replace(dataset, x_train=dataset.x_train[:args.limit_train],
                          labels_train=dataset.labels_train[:args.limit_train])
    return preset_dataset(preset, dataset)


def _load(spec: DatasetSpec, scaling: str, args, dtype=np.float32) -> Dataset:
    """The dataset `spec` describes, loaded once per command (configure may have read it to size a
    network to it already)."""
    key = (spec, scaling, np.dtype(dtype).str)
    cached = getattr(args, "_loaded", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        dataset = load_dataset(spec, args.data_dir, scaling, dtype=dtype)
    except (MnistMissingError, MnistCorruptError):
        raise
    except OSError as e:
        raise CommandError(f"cannot read the {spec.label()} data: {e.strerror or e}") from None
    except ValueError as e:  # CsvError included
        raise CommandError(str(e)) from None
    args._loaded = (key, dataset)
    return dataset


def new_session(preset: Preset, dataset: Dataset, dtype=np.float32) -> TrainingSession:
    """A session that trains `preset`'s network on `dataset`, or a command-line error saying why not."""
    n_in, n_out = preset.sizes[0], preset.sizes[-1]
    if dataset.is_regression:
        outputs, what = [1], f"its target, {dataset.class_names[0]}"
    else:
        outputs, what = ([1] if dataset.n_classes == 2 else []) + [dataset.n_classes], "its classes"
    if n_in != dataset.n_features or n_out not in outputs:
        raise UsageError(
            f"layers {','.join(map(str, preset.sizes))} do not fit {dataset.name}: the first size must be "
            f"{dataset.n_features} (its inputs) and the last {' or '.join(map(str, outputs))} ({what}); "
            "set --layers"
        )
    if dataset.is_regression and preset.loss != "mse":
        raise UsageError(f"{dataset.name} is a regression set (a number to predict): use --loss mse; "
                         f"{preset.loss} expects targets that are probabilities")
    try:
        network = build_network(preset, dtype, dataset=dataset)
    except ValueError as e:  # including NetworkTooBig
        raise CommandError(str(e)) from None
    stuck = [f.name for f in network.activations if not f.differentiable]
    if stuck:
        raise UsageError(f"the {stuck[0]} activation has no gradient, so back-propagation cannot train it")
    return TrainingSession(network, dataset, preset.hyperparameters, preset.targets)


def _preset_name(args, preset: Preset) -> str | None:
    """The name of the preset or experiment trained (None for a network given by options)."""
    return preset.name if args.preset is not None or args.experiment is not None else None


def _header(preset: Preset, args, dataset: Dataset, session: TrainingSession) -> str:
    h = session.hyperparameters
    if args.experiment is not None:
        name = f"experiment {args.experiment}"
    elif args.preset is not None:
        name = f"preset {args.preset}"
    else:
        name = "custom network" if args.layers is not None else "a network sized to the data"
    spec = preset_spec(preset)
    data = spec.label() if spec.kind in ("generated", "points") else dataset.name
    task = f", predicting {dataset.class_names[0]}" if dataset.is_regression else ""
    epochs = "until stopped" if h.epochs is None else _plural(h.epochs, "epoch")
    return (
        f"training {name} on {data} ({len(dataset.x_train):,} train / {len(dataset.x_test):,} test samples{task}): "
        f"{output.architecture(preset.sizes, preset.hidden, preset.output)}, {preset.loss} loss, "
        f"{preset.init} init, {output.training(h)}, {epochs}"
    )


def _summary(timing: Timing, result: dict) -> str:
    speed = output.rate(result["samples_per_second"] or math.nan)
    if result.get("test_r2") is not None:
        score = f"test {r_squared_label()} {result['test_r2']:.4f}, RMSE {value_text(result['test_rmse'])}"
    else:
        score = f"test accuracy {output.percent(result['test_accuracy'])}"
    return (
        f"{_plural(result['epochs'], 'epoch')}, {result['steps']:,} steps, {result['samples']:,} samples in "
        f"{timing.train_seconds:.2f} s of training steps ({speed}; test evaluations took "
        f"{timing.eval_seconds:.2f} s more)\n"
        f"{score}, test loss {result['test_loss']:.4f}"
    )


def query_answers(session: TrainingSession) -> list[dict]:
    """The trained network's answer for each of the dataset's queries (the people it never saw):
    [{"name", "x", "class", "probability"}], probability being that of the predicted class, as the
    window's decision surface labels them."""
    queries = session.dataset.queries
    if not queries or session.is_regression:
        return []
    x = np.stack([q.x for q in queries]).astype(session.network.dtype)
    outputs = session.network.predict(x)
    classes, confidences = session.classify(outputs), session.confidence(outputs)
    names = session.dataset.class_names
    return [{"name": q.name, "x": [float(v) for v in q.x], "class": names[int(k)], "probability": float(p)}
            for q, k, p in zip(queries, classes, confidences)]


def _query_lines(answers: list[dict]) -> list[str]:
    """"Emily (128 lb, 63 in): female, probability 96.9%" for each answer, aligned."""
    if not answers:
        return []
    people = {p.name: p for p in PEOPLE}
    lines = ["predictions for samples it never saw:"]
    labels = []
    for answer in answers:
        person = people.get(answer["name"])
        where = (f"{person.weight_lb} lb, {person.height_in} in" if person is not None and len(answer["x"]) == 2
                 else ", ".join(f"{v:g}" for v in answer["x"]))
        labels.append(f"{answer['name']} ({where})")
    width = max(len(label) for label in labels)
    for label, answer in zip(labels, answers):
        lines.append(f"  {label.ljust(width)}  {answer['class']}, probability {output.percent(answer['probability'])}")
    return lines


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _check_save_target(save: str, network: Network) -> None:
    """Refuse a --save that cannot be written before training, not after it."""
    try:
        check_can_save(save, sum(p.nbytes for p in network.parameters()))  # before compression
    except OSError as e:
        raise CommandError(f"cannot save the model to {save}: {e.strerror or e}; nothing was trained") from None


def _save(args, preset: Preset, session: TrainingSession, result: dict, timing: Timing) -> Path:
    """Save to --save; if that fails after all (the disk filled up while training), keep the model in
    the temporary folder and say where."""
    metrics = ("test_accuracy", "test_loss", "train_loss", "train_accuracy", "test_r2", "test_rmse")
    metadata = dict(
        **session_metadata(session, _preset_name(args, preset), preset.scaling, spec=preset_spec(preset)),
        metrics=output.json_ready({k: result[k] for k in metrics if k in result}),
        training={
            "epochs": result["epochs"], "steps": result["steps"], "samples": result["samples"],
            "train_seconds": result["train_seconds"], "interrupted": timing.interrupted,
            "limit_train": args.limit_train,
        },
        command=args._command_line,
    )
    try:
        return save_model(args.save, session.network, **metadata)
    except OSError as e:
        reason = e.strerror or str(e)
    kept = _keep_in_temp_folder(Path(args.save), session, metadata)
    where = f"kept it in {kept}" if kept else "could not keep it in the temporary folder either"
    raise CommandError(f"cannot save the model to {args.save}: {reason}; {where}", EXIT_FAILED)


def _keep_in_temp_folder(save: Path, session: TrainingSession, metadata: dict) -> Path | None:
    try:
        fd, name = tempfile.mkstemp(prefix=f"{save.stem}-unsaved-", suffix=".npz")
        os.close(fd)
        return save_model(name, session.network, **metadata)
    except OSError:
        return None
