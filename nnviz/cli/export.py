"""`nnviz export --format python`: a standalone NumPy script that trains a preset, an experiment or a
saved model exactly as nnviz does (see nnviz.training.export_python).

Without -o the script goes to stdout; with -o it is written to a temporary file beside the target and
renamed into place, so an interrupted export never leaves half a script.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, CommandError, UsageError
from nnviz.data.spec import DatasetSpec, spec_of
from nnviz.engine.model_file import LoadedModel, load_model
from nnviz.engine.phrases import Phrase
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.export_python import python_script, write_script
from nnviz.training.experiment import load_experiment
from nnviz.training.model_metadata import preprocessing_of, spec_of_model
from nnviz.training.presets import PRESETS, Preset, get_preset

FORMATS = ("python",)
EXAMPLES = """\
examples:
  nnviz export --preset xor -o xor.py && python xor.py
  nnviz export --experiment spiral.json -o spiral.py
  nnviz export --model digits.npz -o digits.py          (its trained weights)
  nnviz export --model digits.npz --initial -o digits.py (the weights it started from)
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write a standalone NumPy script that trains the network as nnviz does",
        description="Write one Python script, needing only NumPy, that builds the network (a class with\n"
                    "forward, backward and train), loads the same data and trains it exactly as nnviz does:\n"
                    "its losses are nnviz's. Run it with --steps N to see the first N losses.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", choices=FORMATS, default="python", help="what to export (default: python)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--preset", choices=list(PRESETS), metavar="NAME",
                        help="a named preset (see `nnviz presets`), from its initial weights")
    source.add_argument("--experiment", metavar="FILE", help="an experiment file saved by the app (.json)")
    source.add_argument("--model", metavar="FILE", help="a model saved by `nnviz train --save` or the app (.npz)")
    p.add_argument("--initial", action="store_true",
                   help="with --model: start from the weights the model's preset starts from, not its trained ones")
    p.add_argument("-o", "--output", metavar="FILE", help="write the script to FILE (default: stdout)")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    if args.initial and args.model is None:
        raise UsageError("--initial goes with --model (presets and experiments start from their initial weights)")
    if args.output is not None and Path(args.output).is_dir():
        raise UsageError(f"-o {args.output} is a folder; give a file name such as script.py")
    weights = biases = None
    trained_steps = None
    if args.preset is not None:
        preset = get_preset(args.preset)
    elif args.experiment is not None:
        try:
            preset = load_experiment(args.experiment)
        except (OSError, ValueError) as e:  # ExperimentError is a ValueError
            raise CommandError(output.one_line(str(e))) from None
    else:
        model = load_model(args.model)
        preset = model_preset(model, args.model)
        if not args.initial:
            weights, biases = model.network.weights, model.network.biases
            trained_steps = _steps(model)
    name = Path(args.output).name if args.output else None
    try:
        script = python_script(preset, weights, biases, trained_steps=trained_steps, file_name=name)
    except (OSError, ValueError) as e:  # data that cannot be read, weights that do not fit, too big
        raise CommandError(f"cannot export {preset.name}: {output.one_line(str(e))}") from None
    if args.output is None:
        print(script, end="", flush=True)
        return EXIT_OK
    try:
        write_script(args.output, script)
    except OSError as e:
        if isinstance(e.strerror, Phrase):  # it names the folder that cannot be written, and why
            raise CommandError(str(e.strerror)) from None
        raise CommandError(f"cannot write {args.output}: {e.strerror or e}") from None
    output.say(f"wrote {args.output}: run it with `python {args.output}` (only NumPy needed)")
    return EXIT_OK


def model_preset(model: LoadedModel, path) -> Preset:
    """The preset a saved model was trained with: its layers from the file, its preset (if named), data,
    input scaling, targets and hyperparameters from the metadata. CommandError when the metadata do not
    say which data it trained on (a generated or CSV set needs its full spec) or are malformed."""
    meta = model.metadata
    arch = model.network.architecture()
    spec = _model_spec(model, path)
    preprocessing = preprocessing_of(model, path)
    try:
        hyperparameters = Hyperparameters(**meta.get("hyperparameters", {}))
    except (TypeError, ValueError) as e:  # unknown fields, forged values
        raise CommandError(f"{path}: the model's saved hyperparameters are malformed: {output.one_line(str(e))}") from None
    base = PRESETS.get(meta.get("preset"))
    if base is not None and base.dataset != spec.kind:
        base = None
    name = base.name if base is not None else Path(path).stem
    return Preset(
        name=name, summary=base.summary if base is not None else f"a model saved in {Path(path).name}",
        dataset=spec.kind, sizes=tuple(arch["sizes"]), hidden=tuple(arch["hidden"]), output=arch["output"],
        loss=arch["loss"], hyperparameters=hyperparameters, init=arch["init"],
        targets=preprocessing.targets, scaling=preprocessing.scaling,
        samples=base.samples if base is not None else None,
        spec=spec if spec.kind not in ("xor", "gender", "mnist") else None,
    )


def _model_spec(model: LoadedModel, path) -> DatasetSpec:
    spec = spec_of_model(model, path)
    if spec is not None:
        return spec
    dataset = model.metadata.get("dataset")
    if dataset in ("xor", "gender", "mnist"):
        return spec_of(dataset)
    raise CommandError(f"{path} does not say how to load the data it was trained on"
                       + (f" ({dataset})" if isinstance(dataset, str) else "")
                       + "; export the experiment it came from with --experiment instead")


def _steps(model: LoadedModel) -> int | None:
    training = model.metadata.get("training")
    steps = training.get("steps") if isinstance(training, dict) else None
    return steps if isinstance(steps, int) and not isinstance(steps, bool) and steps >= 0 else None
