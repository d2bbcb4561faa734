"""The race: 2–4 runs of one network on one dataset, alike in everything but the one thing a learner
varies (gradient-descent mode and batch size, optimiser, learning rate, initialisation, activation).

A fair race starts every run from the same place: `race_presets` gives every run the base preset's
seed (so every epoch visits the samples in the same order) and, unless the initialisation itself is
what varies, the very same initial weights (the base network is built once and its W and b become
every run's `initial_parameters`). `run_race` trains the runs headless, epoch by epoch in turn, and
records per run and epoch the loss and accuracy (train and test), the updates made, the samples seen
and the seconds spent training; `nnviz race` prints that, the window's Race tab draws it live.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.engine.activations import get_activation
from nnviz.engine.batching import effective_batch_size
from nnviz.engine.init import INITS
from nnviz.engine.optimizers import OPTIMIZERS
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.build import build_network, build_session
from nnviz.training.presets import Preset, hidden_activations
from nnviz.training.session import TrainingDiverged, TrainingSession

#: What a race may vary, and how a learner reads its name.
VARIES = {
    "mode": QT_TRANSLATE_NOOP("Race", "gradient-descent mode"),
    "optimizer": QT_TRANSLATE_NOOP("Race", "optimiser"),
    "lr": QT_TRANSLATE_NOOP("Race", "learning rate"),
    "init": QT_TRANSLATE_NOOP("Race", "initialisation"),
    "activation": QT_TRANSLATE_NOOP("Race", "hidden activation"),
}
MIN_RUNS, MAX_RUNS = 2, 4
_OPTIMIZER_LABELS = {"sgd": "SGD", "adam": "Adam"}


@dataclass(frozen=True)
class RaceRun:
    """One run of a race: its legend label ("mini-batch 32"), the preset it trains, and the value of
    what varies as it was given ("minibatch:32")."""

    label: str
    preset: Preset
    value: str = ""


def parse_vary(spec: str) -> tuple[str, list[str]]:
    """"mode=stochastic,minibatch:32,batch" -> ("mode", ["stochastic", "minibatch:32", "batch"])."""
    name, sep, rest = str(spec).partition("=")
    name = name.strip().lower()
    if not sep or not name:
        raise ValueError(f"--vary takes WHAT=VALUE,VALUE,... such as mode=stochastic,minibatch:32,batch; "
                         f"got {spec!r}")
    return name, [v.strip() for v in rest.split(",")]


def _cannot_vary(vary: str) -> ValueError:
    return ValueError(QT_TRANSLATE_NOOP("Race", "cannot vary {vary}: choose one of {choices}").format(
        vary=repr(vary), choices=", ".join(VARIES)))


def race_presets(preset: Preset, vary: str, values) -> list[RaceRun]:
    """One RaceRun per value of `vary` ("mode", "optimizer", "lr", "init" or "activation"), all with
    `preset`'s seed and (unless `vary` is "init") the same initial weights. Raises ValueError with one
    clear line for an unknown `vary`, a bad value, a repeated value, or fewer than 2 or more than 4."""
    vary = str(vary).strip().lower()
    if vary not in VARIES:
        raise _cannot_vary(vary)
    values = [str(v).strip() for v in values]
    if any(not v for v in values):
        raise ValueError(_EMPTY_VALUE[vary].format(values=", ".join(values)))
    if not MIN_RUNS <= len(values) <= MAX_RUNS:
        counted = _ONE_VALUE[vary] if len(values) == 1 else _VALUES[vary].format(n=len(values))
        raise ValueError(QT_TRANSLATE_NOOP("Race", "a race has {least} to {most} runs; got {counted}").format(
            least=MIN_RUNS, most=MAX_RUNS, counted=counted))
    changes = [_CHANGES[vary](preset, value) for value in values]
    seen: dict[tuple, str] = {}
    for value, (label, _, key) in zip(values, changes):
        if key in seen:
            raise ValueError(QT_TRANSLATE_NOOP("Race", "{first} and {second} are the same {what}: each run must "
                                                       "differ").format(first=repr(seen[key]), second=repr(value),
                                                                        what=VARIES[vary]))
        seen[key] = value
    shared = None if vary == "init" else _parameters_of(build_network(preset))
    runs = []
    for value, (label, fields, _) in zip(values, changes):
        runs.append(RaceRun(label, replace(preset, **fields, initial_parameters=shared), value))
    return runs


# Whole phrases per kind of value (a word order and no plural "s" to glue on in other languages).
_EMPTY_VALUE = {
    "mode": QT_TRANSLATE_NOOP("Race", "an empty value in the gradient-descent modes to race: {values}"),
    "optimizer": QT_TRANSLATE_NOOP("Race", "an empty value in the optimisers to race: {values}"),
    "lr": QT_TRANSLATE_NOOP("Race", "an empty value in the learning rates to race: {values}"),
    "init": QT_TRANSLATE_NOOP("Race", "an empty value in the initialisations to race: {values}"),
    "activation": QT_TRANSLATE_NOOP("Race", "an empty value in the hidden activations to race: {values}"),
}
_ONE_VALUE = {
    "mode": QT_TRANSLATE_NOOP("Race", "1 gradient-descent mode"),
    "optimizer": QT_TRANSLATE_NOOP("Race", "1 optimiser"),
    "lr": QT_TRANSLATE_NOOP("Race", "1 learning rate"),
    "init": QT_TRANSLATE_NOOP("Race", "1 initialisation"),
    "activation": QT_TRANSLATE_NOOP("Race", "1 hidden activation"),
}
_VALUES = {
    "mode": QT_TRANSLATE_NOOP("Race", "{n} gradient-descent modes"),
    "optimizer": QT_TRANSLATE_NOOP("Race", "{n} optimisers"),
    "lr": QT_TRANSLATE_NOOP("Race", "{n} learning rates"),
    "init": QT_TRANSLATE_NOOP("Race", "{n} initialisations"),
    "activation": QT_TRANSLATE_NOOP("Race", "{n} hidden activations"),
}


def _parameters_of(network) -> tuple:
    """((W, b), ...) read-only copies, as Preset.initial_parameters holds them."""
    pairs = []
    for W, b in zip(network.weights, network.biases):
        W, b = W.copy(), b.copy()
        W.setflags(write=False)
        b.setflags(write=False)
        pairs.append((W, b))
    return tuple(pairs)


# Each turns (base preset, value) into (label, preset fields to replace, a key that says which runs are
# the same) or raises ValueError.

def _mode(preset: Preset, value: str):
    h = preset.hyperparameters
    text = value.lower().replace("-", "")
    if text == "stochastic":
        return (QT_TRANSLATE_NOOP("Race", "stochastic"), {"hyperparameters": h.updated(granularity="stochastic")},
                ("stochastic",))
    if text in ("batch", "fullbatch", "full"):
        return QT_TRANSLATE_NOOP("Race", "full batch"), {"hyperparameters": h.updated(granularity="batch")}, ("batch",)
    name, sep, size = text.partition(":")
    if name == "minibatch":
        n = h.batch_size if not sep else _whole(size, value)
        if n < 1:
            raise ValueError(QT_TRANSLATE_NOOP("Race", "a mini-batch holds at least one sample, got {value}").format(
                value=repr(value)))
        return (QT_TRANSLATE_NOOP("Race", "mini-batch {n}").format(n=f"{n:,}"),
                {"hyperparameters": h.updated(granularity="minibatch", batch_size=n)}, ("minibatch", n))
    raise ValueError(QT_TRANSLATE_NOOP("Race", "unknown gradient-descent mode {value}: use stochastic, minibatch:N "
                                               "or batch").format(value=repr(value)))


def _whole(text: str, value: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(QT_TRANSLATE_NOOP("Race", "the mini-batch size in {value} must be a whole number, like "
                                                   "minibatch:32").format(value=repr(value))) from None


def _optimizer(preset: Preset, value: str):
    name = value.lower()
    if name not in OPTIMIZERS:
        raise ValueError(QT_TRANSLATE_NOOP("Race", "unknown optimiser {value}: use {names}").format(
            value=repr(value), names=", ".join(OPTIMIZERS)))
    h = preset.hyperparameters
    label = _OPTIMIZER_LABELS.get(name, name)
    if name == "momentum":
        label = QT_TRANSLATE_NOOP("Race", "momentum {momentum}").format(momentum=f"{h.momentum:g}")
    return label, {"hyperparameters": h.updated(optimizer=name)}, (name,)


def _lr(preset: Preset, value: str):
    try:
        lr = float(value)
    except ValueError:
        raise ValueError(QT_TRANSLATE_NOOP("Race", "the learning rate {value} is not a number").format(
            value=repr(value))) from None
    if not (math.isfinite(lr) and 0 < lr <= 100):
        raise ValueError(QT_TRANSLATE_NOOP("Race", "a learning rate must lie in (0, 100], got {value}").format(
            value=repr(value)))
    label = QT_TRANSLATE_NOOP("Race", "lr {lr}").format(lr=f"{lr:g}")
    return label, {"hyperparameters": preset.hyperparameters.updated(lr=lr)}, (lr,)


def _init(preset: Preset, value: str):
    name = value.lower()
    if name not in INITS:
        raise ValueError(QT_TRANSLATE_NOOP("Race", "unknown initialisation {value}: use {names}").format(
            value=repr(value), names=", ".join(INITS)))
    return QT_TRANSLATE_NOOP("Race", "{name} init").format(name=name), {"init": name}, (name,)


def _activation(preset: Preset, value: str):
    name = value.lower()
    if not hidden_activations(preset):
        raise ValueError(QT_TRANSLATE_NOOP("Race", "the {layers} network has no hidden layer whose activation could "
                                                   "vary").format(layers="-".join(map(str, preset.sizes))))
    f = get_activation(name)  # ValueError for an unknown name
    if not f.hidden_ok:
        raise ValueError(QT_TRANSLATE_NOOP("Race", "{name} can only be an output activation, not a hidden one").format(
            name=name))
    if not f.differentiable:
        raise ValueError(QT_TRANSLATE_NOOP("Race", "the {name} activation has no gradient, so back-propagation cannot "
                                                   "train it").format(name=name))
    return QT_TRANSLATE_NOOP("Race", "{name} hidden").format(name=name), {"hidden": name}, (name,)


_CHANGES = {"mode": _mode, "optimizer": _optimizer, "lr": _lr, "init": _init, "activation": _activation}


def default_values(vary: str, preset: Preset, n_train: int) -> list[str]:
    """What a race of `vary` starts with in the window: stochastic / a mini-batch a quarter of a tiny
    set's size (else 32) / full batch; SGD, momentum, Adam; the preset's learning rate /10, ×1, ×10;
    the three initialisations; sigmoid, tanh, ReLU."""
    if vary == "mode":
        size = 32 if n_train >= 128 else max(2, n_train // 2)
        return ["stochastic", f"minibatch:{size}", "batch"]
    if vary == "optimizer":
        return list(OPTIMIZERS)
    if vary == "lr":
        lr = preset.hyperparameters.lr
        return [f"{lr / 10:g}", f"{lr:g}", f"{min(lr * 10, 100):g}"]
    if vary == "init":
        return list(INITS)
    if vary == "activation":
        return ["sigmoid", "tanh", "relu"]
    raise _cannot_vary(vary)


#: Paces the window offers (epochs a second for every run; None: each as fast as it can).
PACES = (None, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)
#: A paced run takes one step, then answers the window: beyond a few hundred steps a second it falls
#: behind its pace, and one-sample steps are the most a race makes per epoch.
PACED_STEPS = 400


def default_pace(n_train: int) -> float | None:
    """The pace a race starts at: the fastest whose one-sample-per-step run makes at most PACED_STEPS
    steps a second, so the runs keep level and a learner can watch them (20 epochs a second at most);
    full speed for sets too big to watch epoch by epoch."""
    fitting = [pace for pace in PACES if pace is not None and pace <= 20 and pace * n_train <= PACED_STEPS]
    return max(fitting) if fitting else None


def steps_per_epoch(preset: Preset, n_train: int) -> int:
    """Updates `preset` makes in one epoch of n_train samples."""
    h = preset.hyperparameters
    return -(-int(n_train) // effective_batch_size(h.granularity, h.batch_size, int(n_train)))


def what_is_shared(preset: Preset, vary: str) -> str:
    """The legend's line on what the runs have in common: "same 2-10-1 network, initial weights and
    sample order (seed 0)"."""
    layers = "-".join(map(str, preset.sizes))
    seed = preset.hyperparameters.seed
    if seed is None:
        order = QT_TRANSLATE_NOOP("Race", "sample order")
    else:
        order = QT_TRANSLATE_NOOP("Race", "sample order (seed {seed})").format(seed=seed)
    if vary == "init":
        return QT_TRANSLATE_NOOP("Race", "same {layers} network and {order}; each run draws its own initial "
                                         "weights").format(layers=layers, order=order)
    return QT_TRANSLATE_NOOP("Race", "same {layers} network, initial weights and {order}").format(
        layers=layers, order=order)


# -- racing headless ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class EpochRow:
    """A run after `epoch` epochs (0: before training). updates, samples and seconds count from the
    start; seconds are spent in training steps only (test evaluations left out). Train loss and accuracy
    are the running ones over the epoch (NaN for epoch 0); test ones are measured after it. For
    regression the accuracies hold R²."""

    epoch: int
    train_loss: float
    train_accuracy: float
    test_loss: float
    test_accuracy: float
    updates: int
    samples: int
    seconds: float

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class RunResult:
    label: str
    value: str
    preset: Preset
    rows: list[EpochRow] = field(default_factory=list)
    #: Why the run stopped early (its loss became NaN or infinite), else None.
    diverged: str | None = None

    @property
    def last(self) -> EpochRow:
        return self.rows[-1]

    @property
    def updates_per_epoch(self) -> float:
        """Updates of a whole epoch (the first one's: every epoch makes as many)."""
        done = [row for row in self.rows if row.epoch >= 1]
        return float(done[0].updates) if done else math.nan

    def as_dict(self) -> dict:
        h = self.preset.hyperparameters
        last = self.last
        return {
            "label": self.label, "value": self.value, "hyperparameters": h.as_dict(), "init": self.preset.init,
            "hidden": list(hidden_activations(self.preset)), "diverged": self.diverged,
            "epochs": last.epoch, "updates": last.updates, "samples": last.samples,
            "seconds": round(last.seconds, 4), "updates_per_epoch": self.updates_per_epoch,
            "test_loss": last.test_loss, "test_accuracy": last.test_accuracy,
            "rows": [row.as_dict() for row in self.rows],
        }


@dataclass
class RaceResult:
    vary: str
    runs: list[RunResult]
    dataset: str
    n_train: int
    n_test: int
    interrupted: bool = False
    #: "classification", or "regression" (then every accuracy is R²).
    task: str = "classification"

    def as_dict(self) -> dict:
        return {"vary": self.vary, "dataset": self.dataset, "task": self.task, "n_train": self.n_train,
                "n_test": self.n_test, "interrupted": self.interrupted, "runs": [run.as_dict() for run in self.runs]}


def run_race(runs: list[RaceRun], epochs: int, data_dir: str | Path | None = None,
             on_epoch: Callable[[int, EpochRow], None] | None = None, *, dataset: Dataset | None = None,
             limit_train: int | None = None, should_stop: Callable[[], bool] = lambda: False,
             vary: str = "", on_start: Callable[[Dataset, int], None] | None = None,
             dtype=np.float32) -> RaceResult:
    """Train every run for `epochs` epochs, in turn one epoch each, on one copy of the data (loaded from
    data_dir, the first limit_train training samples, unless `dataset` is given). on_epoch(run index,
    row) hears of every row as it is made, epoch 0 (before training) included. A run whose loss
    diverges stops there (its `diverged` says so) and the others go on; should_stop() is asked between
    steps and ends the race early (`interrupted`); on_start(dataset, n_train) hears once the data are
    loaded and every network is built."""
    if epochs < 1:
        raise ValueError(f"a race needs at least one epoch, got {epochs}")
    sessions: list[TrainingSession] = []
    for run in runs:
        preset = replace(run.preset, hyperparameters=run.preset.hyperparameters.updated(epochs=epochs))
        session = build_session(preset, dataset=dataset, data_dir=data_dir, limit_train=limit_train, dtype=dtype)
        dataset = session.dataset  # the first run's data, shared by the others
        sessions.append(session)
    results = [RunResult(run.label, run.value, run.preset) for run in runs]
    if on_start is not None:
        on_start(dataset, len(sessions[0].x_train))
    seconds = [0.0] * len(runs)

    def record(i: int, row: EpochRow) -> None:
        results[i].rows.append(row)
        if on_epoch is not None:
            on_epoch(i, row)

    for i, session in enumerate(sessions):
        test = session.evaluate_test()
        record(i, EpochRow(0, math.nan, math.nan, test.loss, test.accuracy, 0, 0, 0.0))
    interrupted = False
    for _ in range(epochs):
        for i, session in enumerate(sessions):
            if results[i].diverged is not None:
                continue
            try:
                seconds[i] += _train_epoch(session, should_stop)
            except TrainingDiverged as exc:
                results[i].diverged = str(exc)
                continue
            if session.epoch != results[i].last.epoch + 1:  # stopped within the epoch
                interrupted = True
                break
            h = session.history.last_epoch()
            record(i, EpochRow(session.epoch, h["train_loss"], h["train_accuracy"], h["test_loss"],
                               h["test_accuracy"], session.step_count, session.samples_seen, seconds[i]))
        if interrupted:
            break
    return RaceResult(vary, results, dataset.name, len(sessions[0].x_train), len(dataset.x_test), interrupted,
                      dataset.task)


def _train_epoch(session: TrainingSession, should_stop: Callable[[], bool]) -> float:
    """Train to the end of the epoch (or a stop); the seconds spent in steps, evaluations left out."""
    spent = 0.0
    while not should_stop():
        evaluated = session.eval_seconds
        start = time.perf_counter()
        event = session.step()
        spent += time.perf_counter() - start - (session.eval_seconds - evaluated)
        if event.epoch_finished:
            break
    return spent
