"""Experiment files: a whole setup (data, network, training settings, seed) as one JSON file.

An experiment is a `Preset`: the data it trains on (its `DatasetSpec`: a generator with its seed, a
CSV file's path, the points a learner placed), the network (sizes, activations, loss, initialisation,
fixed starting weights if any) and the hyperparameters, seed included. `nnviz train --experiment FILE`
trains it headless; the app opens and saves it; `command_line` says it as an `nnviz train` command.

Layout (JSON):
    format, version     "nnviz-experiment", 1
    name, summary       the preset's name and one line about it
    data                DatasetSpec.as_dict()
    network             {"sizes", "hidden", "output", "loss", "init", "targets", "scaling",
                         "initial_parameters": [[W, b], ...] or null}   (W[l] has shape (n_out, n_in))
    hyperparameters     Hyperparameters.as_dict()
    pace                steps per second the window starts at, or null
    samples             [[x, label], ...] or null (a worked example's own samples)

Files are read as untrusted: at most MAX_BYTES, every field's type and range checked before anything
is built; a problem is one `ExperimentError` line naming the file and the field.
"""

from __future__ import annotations

import json
import math
import os
import shlex
from dataclasses import fields, replace
from pathlib import Path

from nnviz.data.generators import GENERATORS
from nnviz.data.mnist import SCALINGS
from nnviz.data.spec import DatasetSpec, MAX_POINTS
from nnviz.engine.activations import ACTIVATIONS
from nnviz.engine.init import INITS
from nnviz.engine.losses import LOSSES
from nnviz.engine.memory import MAX_PARAMETERS, parameter_count
from nnviz.engine.os_errors import os_reason
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.atomic_file import write_text_atomically
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.messages import message_of
from nnviz.training.presets import PRESETS, Preset, preset_spec

FORMAT = "nnviz-experiment"
VERSION = 1
#: The largest experiment file read (a hand-drawn set of MAX_POINTS points takes well under 1 MB).
MAX_BYTES = 10 * 1024 * 1024
#: Fixed starting parameters an experiment may carry (the window draws networks far smaller).
MAX_INITIAL_PARAMETERS = 1_000_000
_MAX_LAYERS = 64
_MAX_TEXT = 2000
#: Data kinds that the spec's kind alone describes: a preset keeps no spec for them.
_NAMED_KINDS = ("xor", "gender", "mnist")


#: An experiment is a preset: its data, network and hyperparameters (seed included).
Experiment = Preset


class ExperimentError(ValueError):
    """An experiment file nnviz cannot use; the message is one line naming the file and the problem."""


# -- to and from a dict ----------------------------------------------------------------------------

def experiment_dict(preset: Preset) -> dict:
    """`preset` as a JSON-able dict (the file's content); preset_from_dict(experiment_dict(p)) == p."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": preset.name,
        "summary": preset.summary,
        "data": preset_spec(preset).as_dict(),
        "network": {
            "sizes": list(preset.sizes),
            "hidden": preset.hidden if isinstance(preset.hidden, str) else list(preset.hidden),
            "output": preset.output,
            "loss": preset.loss,
            "init": preset.init,
            "targets": list(preset.targets),
            "scaling": preset.scaling,
            "initial_parameters": None if preset.initial_parameters is None else [
                [_nested_list(W), _nested_list(b)] for W, b in preset.initial_parameters],
        },
        "hyperparameters": preset.hyperparameters.as_dict(),
        "pace": preset.pace,
        "samples": None if preset.samples is None else [[list(x), label] for x, label in preset.samples],
    }


def _nested_list(values) -> list:
    """A (nested) sequence or array as nested lists of floats."""
    if hasattr(values, "tolist"):
        values = values.tolist()
    if isinstance(values, (list, tuple)):
        return [_nested_list(v) for v in values]
    return float(values)


def preset_from_dict(d) -> Preset:
    """The preset an experiment dict describes. The dict may come from a forged file: every field is
    checked, and a problem raises ValueError with one line naming the field."""
    _expect(isinstance(d, dict), QT_TRANSLATE_NOOP("Experiment", "the file must hold a JSON object"))
    _expect(d.get("format") == FORMAT, QT_TRANSLATE_NOOP("Experiment", "not an nnviz experiment (format is "
                                                                       "{format})").format(
        format=_short(d.get('format'))))
    version = d.get("version")
    _expect(isinstance(version, int) and not isinstance(version, bool) and version >= 1,
            QT_TRANSLATE_NOOP("Experiment", "version must be a whole number >= 1, got {version}").format(
                version=_short(version)))
    _expect(version <= VERSION, QT_TRANSLATE_NOOP("Experiment", "experiment version {version} is newer than this "
                                                                "nnviz understands ({known}); update nnviz").format(
        version=version, known=VERSION))
    _known(d, {"format", "version", "name", "summary", "data", "network", "hyperparameters", "pace", "samples"}, "")
    name = _text(d.get("name", "experiment"), "name")
    summary = _text(d.get("summary", ""), "summary", allow_empty=True)
    try:
        spec = DatasetSpec.from_dict(d.get("data"))
    except ValueError as e:
        raise ValueError(message_of(e)) from None
    network = d.get("network")
    _expect(isinstance(network, dict), QT_TRANSLATE_NOOP("Experiment", "network must be an object, got {network}").format(
        network=_short(network)))
    _known(network, {"sizes", "hidden", "output", "loss", "init", "targets", "scaling", "initial_parameters"},
           "network.")
    sizes = _sizes(network.get("sizes"))
    hidden = _hidden(network.get("hidden", "sigmoid"), len(sizes) - 2)
    output = _choice(network.get("output", "sigmoid"), ACTIVATIONS, "network.output")
    loss = _choice(network.get("loss", "mse"), LOSSES, "network.loss")
    init = _choice(network.get("init", "textbook"), INITS, "network.init")
    scaling = _choice(network.get("scaling", "unit"), SCALINGS, "network.scaling")
    targets = network.get("targets", [0.0, 1.0])
    _expect(isinstance(targets, list) and len(targets) == 2, QT_TRANSLATE_NOOP("Experiment", "network.targets "
                                                                                             "must be [off, on], "
                                                                                             "got {targets}").format(
        targets=_short(targets)))
    targets = tuple(_number(t, "network.targets") for t in targets)
    _expect(targets[0] != targets[1], QT_TRANSLATE_NOOP("Experiment", "network.targets must be two different "
                                                                      "numbers"))
    initial = _initial_parameters(network.get("initial_parameters"), sizes)
    hyperparameters = _hyperparameters(d.get("hyperparameters"))
    pace = d.get("pace")
    if pace is not None:
        pace = _number(pace, "pace")
        _expect(0 < pace <= 1e6, QT_TRANSLATE_NOOP("Experiment", "pace must be a number of steps per second in "
                                                                 "(0, 1000000], got {pace}").format(
            pace=f"{pace:g}"))
    samples = _samples(d.get("samples"), sizes[0])
    _check_fits_data(spec, sizes)
    return Preset(
        name=name, summary=summary, dataset=spec.kind, sizes=sizes, hidden=hidden, output=output, loss=loss,
        hyperparameters=hyperparameters, init=init, targets=targets, scaling=scaling,
        initial_parameters=initial, pace=pace, samples=samples,
        spec=None if spec.kind in _NAMED_KINDS else spec,
    )


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _known(d: dict, names: set, prefix: str) -> None:
    unknown = sorted(str(k) for k in d if k not in names)
    _expect(not unknown, f"unknown field {prefix}{unknown[0]!r}" if unknown else "")


def _text(value, name: str, allow_empty: bool = False) -> str:
    _expect(isinstance(value, str) and (allow_empty or value) and len(value) <= _MAX_TEXT,
            (QT_TRANSLATE_NOOP("Experiment", "{name} must be {most} characters of text at most, got {value}")
             if allow_empty else
             QT_TRANSLATE_NOOP("Experiment", "{name} must be 1 to {most} characters of text, got {value}")).format(
                name=name, most=f"{_MAX_TEXT:,}", value=_short(value)))
    return value


def _number(value, name: str) -> float:
    _expect(isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value),
            QT_TRANSLATE_NOOP("Experiment", "{name} must hold finite numbers, got {value}").format(
                name=name, value=_short(value)))
    return float(value)


def _choice(value, choices, name: str) -> str:
    _expect(isinstance(value, str) and value in choices, QT_TRANSLATE_NOOP("Experiment", "{name} must be one of "
                                                                                         "{choices}, got {value}").format(
        name=name, choices=', '.join(choices), value=_short(value)))
    return value


def _sizes(value) -> tuple[int, ...]:
    _expect(isinstance(value, list) and 2 <= len(value) <= _MAX_LAYERS
            and all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_PARAMETERS for n in value),
            QT_TRANSLATE_NOOP("Experiment", "network.sizes must be 2 to {max_layers} whole numbers >= 1, got "
                                            "{value}").format(max_layers=_MAX_LAYERS, value=_short(value)))
    _expect(parameter_count(value) <= MAX_PARAMETERS,
            QT_TRANSLATE_NOOP("Experiment", "network.sizes {layers} has more than {max_parameters} parameters").format(
                layers='-'.join(map(str, value)), max_parameters=f"{MAX_PARAMETERS:,}"))
    return tuple(value)


def _hidden(value, n_hidden: int) -> str | tuple[str, ...]:
    if isinstance(value, list):
        _expect(len(value) == n_hidden, QT_TRANSLATE_NOOP("Experiment", "network.hidden names {n_value} "
                                                                        "activations for {n_hidden} hidden layers").format(
            n_value=len(value), n_hidden=n_hidden))
        return tuple(_choice(v, ACTIVATIONS, "network.hidden") for v in value)
    return _choice(value, ACTIVATIONS, "network.hidden")


def _initial_parameters(value, sizes: tuple[int, ...]) -> tuple | None:
    """((W, b), ...) as nested tuples of floats, shapes checked against sizes, or None."""
    if value is None:
        return None
    _expect(parameter_count(sizes) <= MAX_INITIAL_PARAMETERS,
            QT_TRANSLATE_NOOP("Experiment", "network.initial_parameters: at most {max_initial_parameters} fixed "
                                            "parameters are read").format(
                max_initial_parameters=f"{MAX_INITIAL_PARAMETERS:,}"))
    _expect(isinstance(value, list) and len(value) == len(sizes) - 1,
            QT_TRANSLATE_NOOP("Experiment", "network.initial_parameters must hold [W, b] for each of the {layers} "
                                            "layers").format(layers=len(sizes) - 1))
    layers = []
    for l, layer in enumerate(value):
        n_in, n_out = sizes[l], sizes[l + 1]
        where = f"network.initial_parameters[{l}]"
        _expect(isinstance(layer, list) and len(layer) == 2, QT_TRANSLATE_NOOP("Experiment", "{where} must be [W, "
                                                                                             "b]").format(
            where=where))
        W, b = layer
        _expect(isinstance(W, list) and len(W) == n_out and all(isinstance(row, list) and len(row) == n_in for row in W),
                QT_TRANSLATE_NOOP("Experiment", "{where}: W must have shape ({n_out}, {n_in})").format(
                    where=where, n_out=n_out, n_in=n_in))
        _expect(isinstance(b, list) and len(b) == n_out, QT_TRANSLATE_NOOP("Experiment", "{where}: b must have "
                                                                                         "{n_out} entries").format(
            where=where, n_out=n_out))
        layers.append((tuple(tuple(_number(v, where) for v in row) for row in W), tuple(_number(v, where) for v in b)))
    return tuple(layers)


def _hyperparameters(value) -> Hyperparameters:
    _expect(isinstance(value, dict), QT_TRANSLATE_NOOP("Experiment", "hyperparameters must be an object, got "
                                                                     "{value}").format(value=_short(value)))
    _known(value, {f.name for f in fields(Hyperparameters)}, "hyperparameters.")
    try:
        return Hyperparameters(**value)
    except ValueError as e:  # HyperparameterError: names the value and what is allowed
        raise ValueError(QT_TRANSLATE_NOOP("Experiment", "hyperparameters: {problem}").format(
            problem=message_of(e))) from None


def _samples(value, n_in: int) -> tuple | None:
    if value is None:
        return None
    _expect(isinstance(value, list) and 1 <= len(value) <= MAX_POINTS,
            QT_TRANSLATE_NOOP("Experiment", "samples must be a list of 1 to {max_points} [x, label] pairs").format(
                max_points=f"{MAX_POINTS:,}"))
    samples = []
    for i, sample in enumerate(value):
        _expect(isinstance(sample, list) and len(sample) == 2 and isinstance(sample[0], list) and len(sample[0]) == n_in,
                QT_TRANSLATE_NOOP("Experiment", "samples[{i}] must be [x, label] with {n_in} inputs in x").format(
                    i=i, n_in=n_in))
        label = sample[1]
        _expect(isinstance(label, int) and not isinstance(label, bool) and label >= 0,
                QT_TRANSLATE_NOOP("Experiment", "samples[{i}]: the label must be a class index, got {label}").format(
                    i=i, label=_short(label)))
        samples.append((tuple(_number(v, f"samples[{i}]") for v in sample[0]), label))
    return tuple(samples)


def _check_fits_data(spec: DatasetSpec, sizes: tuple[int, ...]) -> None:
    """Refuse a network whose inputs or outputs cannot fit data whose shape the spec alone tells."""
    if spec.kind in ("generated", "points"):
        g = GENERATORS[spec.generator]
        _expect(sizes[0] == g.n_features,
                (QT_TRANSLATE_NOOP("Experiment", "network.sizes: the {name} data have 1 input, the network takes "
                                                 "{inputs}")
                 if g.n_features == 1 else
                 QT_TRANSLATE_NOOP("Experiment", "network.sizes: the {name} data have {features} inputs, the network "
                                                 "takes {inputs}")).format(name=g.name, features=g.n_features,
                                                                           inputs=sizes[0]))
        outputs = (1,) if g.is_regression else (1, len(g.class_names))
        _expect(sizes[-1] in outputs, QT_TRANSLATE_NOOP("Experiment", "network.sizes: the {name} data need "
                                                                      "{outputs} output(s), the network has {has}").format(
            name=g.name, outputs=' or '.join(map(str, sorted(set(outputs)))), has=sizes[-1]))


# -- files ----------------------------------------------------------------------------------------

def save_experiment(path: str | os.PathLike, preset: Preset) -> Path:
    """Write `preset` to `path` as an experiment file, atomically: a temporary file beside it, renamed
    over it, so a crash never leaves half a file. Returns the path; raises OSError if it cannot."""
    return write_text_atomically(path, _pretty(experiment_dict(preset)) + "\n")


def load_experiment(path: str | os.PathLike) -> Preset:
    """The preset in the experiment file at `path`; ExperimentError (one line) if it cannot be used."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ExperimentError(QT_TRANSLATE_NOOP("Experiment", "cannot read the experiment {path}: {reason}").format(
            path=path, reason=os_reason(e))) from None
    if len(raw) > MAX_BYTES:
        raise ExperimentError(QT_TRANSLATE_NOOP("Experiment", "{path}: larger than {most} MB; not an experiment "
                                                              "nnviz wrote").format(
            path=path, most=MAX_BYTES // (1024 * 1024)))
    try:
        d = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ExperimentError(QT_TRANSLATE_NOOP("Experiment", "{path}: not valid JSON ({reason})").format(
            path=path, reason=str(e).splitlines()[0][:120])) from None
    try:
        preset = preset_from_dict(d)
    except ValueError as e:
        raise ExperimentError(QT_TRANSLATE_NOOP("Experiment", "{path}: {problem}").format(
            path=path, problem=message_of(e))) from None
    return _csv_beside(preset, path)


def _csv_beside(preset: Preset, path: Path) -> Preset:
    """A CSV named by a relative path is looked for where the command runs; when it is not there but
    beside the experiment file (the two were shared together), that one is used."""
    spec = preset.spec
    if spec is None or spec.kind != "csv" or Path(spec.path).is_absolute() or Path(spec.path).exists():
        return preset
    beside = path.parent / spec.path
    if not beside.exists():
        return preset
    return replace(preset, spec=replace(spec, path=str(beside)))


def _pretty(value, indent: str = "") -> str:
    """JSON laid out for reading: objects one key a line; lists of numbers on one line; lists of lists
    one inner list a line (a weight matrix row by row, points one a line)."""
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {_pretty(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value):
        return "[\n" + ",\n".join(inner + _pretty(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# -- the equivalent command line -------------------------------------------------------------------

def command_line(preset: Preset, experiment_path: str | os.PathLike | None = None) -> str:
    """The `nnviz train ...` command (shell-quoted) that trains `preset` as it is: from the named preset
    it started as, with an option for each thing that differs, or from options alone. What options
    cannot say (points placed by hand, fixed starting weights or targets that no named preset has) is
    said by the experiment file instead: `nnviz train --experiment PATH` (default experiment.json)."""
    base = PRESETS.get(preset.name)
    if base is not None and not _options_reach(base, preset):
        base = None
    spec = preset_spec(preset)
    if (spec.kind == "points" or (spec.kind == "csv" and not spec.path.lower().endswith(".csv"))
            or (base is None and not _options_reach(_CUSTOM, preset))):
        return shlex.join(["nnviz", "train", "--experiment", str(experiment_path or "experiment.json")])
    argv = ["nnviz", "train"]
    if base is not None:
        argv += ["--preset", base.name]
    argv += _data_options(preset_spec(base) if base else None, preset_spec(preset))
    argv += _network_options(base, preset)
    argv += _training_options(base.hyperparameters if base else Hyperparameters(), preset.hyperparameters)
    return shlex.join(argv)


#: What `nnviz train --dataset D --layers L` starts from before its options (see cli.train.configure).
_CUSTOM = Preset(name="custom", summary="", dataset="xor", sizes=(2, 1), hidden="sigmoid", output="sigmoid",
                 loss="mse", hyperparameters=Hyperparameters())


def _options_reach(base: Preset, preset: Preset) -> bool:
    """Whether train's options can turn `base` into `preset`: what has no option must be equal, and
    the preset's own samples and weights survive only where train keeps them (same data, same layers
    and initialisation)."""
    if (preset.targets, preset.scaling) != (base.targets, base.scaling):
        return False
    same_data = preset_spec(preset) == preset_spec(base)
    if preset.samples != (base.samples if same_data else None):
        return False
    same_network = preset.sizes == base.sizes and preset.init == base.init
    return preset.initial_parameters == (base.initial_parameters if same_network else None)


def _data_options(base: DatasetSpec | None, spec: DatasetSpec) -> list[str]:
    """--dataset and the data options that take `base` (None: nothing) to `spec`."""
    if spec.kind == "generated":
        name, default = spec.generator, DatasetSpec(kind="generated", generator=spec.generator)
    elif spec.kind == "csv":
        name, default = spec.path, DatasetSpec(kind="csv", path=spec.path)
    else:
        name, default = spec.kind, DatasetSpec(kind=spec.kind)
    same_data = base is not None and (base.kind, base.generator, base.path) == (spec.kind, spec.generator, spec.path)
    start = base if same_data else default
    argv = [] if same_data else ["--dataset", name]
    for field, option in (("n_samples", "--n-samples"), ("noise", "--noise"), ("seed", "--data-seed"),
                          ("train_share", "--train-share"), ("label_column", "--label-column"), ("task", "--task")):
        value = getattr(spec, field)
        if value != getattr(start, field):
            argv += [option, f"{value:g}" if isinstance(value, float) else str(value)]
    if spec.standardise != start.standardise:
        argv.append("--no-standardise" if not spec.standardise else "--standardise")
    return argv


def _network_options(base: Preset | None, preset: Preset) -> list[str]:
    """The network's options: those that differ from `base`; without one, all of them (the hidden
    activation where there are hidden layers or it is not the default)."""
    argv = []
    if base is None or preset.sizes != base.sizes:
        argv += ["--layers", ",".join(map(str, preset.sizes))]
    if preset.hidden != (base or _CUSTOM).hidden or (base is None and len(preset.sizes) > 2):
        argv += ["--activation", preset.hidden if isinstance(preset.hidden, str) else ",".join(preset.hidden)]
    for field in ("output", "loss", "init"):
        if base is None or getattr(preset, field) != getattr(base, field):
            argv += [f"--{field}", getattr(preset, field)]
    return argv


def _training_options(base: Hyperparameters, h: Hyperparameters) -> list[str]:
    argv = []
    if h.lr != base.lr:
        argv += ["--lr", repr(h.lr)]
    if (h.granularity, h.batch_size) != (base.granularity, base.batch_size):
        argv += ["--mode", h.granularity]
        if h.batch_size != base.batch_size:
            argv += ["--batch-size", str(h.batch_size)]
    for field in ("optimizer", "momentum", "l2"):
        if getattr(h, field) != getattr(base, field):
            value = getattr(h, field)
            argv += [f"--{field}", value if isinstance(value, str) else repr(value)]
    if h.epochs != base.epochs:
        argv += ["--epochs", "forever" if h.epochs is None else str(h.epochs)]
    if h.seed != base.seed and h.seed is not None:
        argv += ["--seed", str(h.seed)]
    if h.augment != base.augment:
        argv.append("--augment" if h.augment else "--no-augment")
    return argv
