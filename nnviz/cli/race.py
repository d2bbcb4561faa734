"""`nnviz race`: the curriculum's comparison from the terminal. Two to four runs of one network on one
dataset, from the same initial weights and sample order, differing in one thing; a table of loss and
accuracy per epoch and per run, then what each run cost (updates, samples, seconds).
"""

from __future__ import annotations

import argparse
import math

from nnviz.cli import output
from nnviz.cli.argtypes import positive_int
from nnviz.cli.errors import EXIT_INTERRUPTED, EXIT_OK, CommandError, UsageError
from nnviz.cli.interrupt import stop_on_interrupt
from nnviz.cli.train import add_network_options, add_training_options, configure
from nnviz.data.errors import MnistCorruptError, MnistMissingError
from nnviz.training.numbers import significant
from nnviz.training.race import VARIES, EpochRow, RaceResult, parse_vary, race_presets, run_race

EXAMPLES = """\
examples:
  nnviz race --preset xor --vary mode=stochastic,minibatch:2,batch
  nnviz race --preset gender --vary optimizer=sgd,momentum,adam --epochs 200
  nnviz race --preset mnist-fast --vary mode=minibatch:64,batch --epochs 3 --limit-train 5000 --json
"""
#: Width of a loss or an accuracy cell ("0.6931", "100.00%").
_CELL = 7


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "race", help="train 2-4 variants side by side and compare them",
        description="Train 2 to 4 runs of a preset (or of a network given by --dataset and --layers) from\n"
                    "the same initial weights and sample order, differing only in what --vary names:\n"
                    "  mode        stochastic, minibatch:N, batch\n"
                    "  optimizer   sgd, momentum, adam\n"
                    "  lr          learning rates, e.g. 0.01,0.1,1\n"
                    "  init        textbook, xavier, he (each run draws its own weights)\n"
                    "  activation  the hidden layers' activation, e.g. sigmoid,tanh,relu\n"
                    "Prints the test loss and accuracy after every epoch (or every tenth of the race),\n"
                    "then each run's updates, samples and seconds of training.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_network_options(p)
    how = add_training_options(p)
    how.add_argument("--epochs", type=positive_int, metavar="N", help="epochs each run trains (default: the preset's)")
    how.add_argument("--augment", action="store_true", default=None,
                     help="randomly shift, rotate and scale training images")
    how.add_argument("--no-augment", dest="augment", action="store_false", help="turn off a preset's augmentation")
    race = p.add_argument_group("the race")
    race.add_argument("--vary", required=True, metavar="WHAT=V1,V2[,...]",
                      help=f"what differs between the runs and its values ({', '.join(VARIES)}), "
                           "e.g. mode=stochastic,minibatch:32,batch")
    race.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    race.add_argument("--json", action="store_true", help="end with one line of JSON with every run's rows")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    base = configure(args)
    epochs = args.epochs or base.hyperparameters.epochs or 10
    try:
        vary, values = parse_vary(args.vary)
        runs = race_presets(base, vary, values)
    except ValueError as e:
        raise UsageError(str(e)) from None
    table = _Table([run.label for run in runs], epochs)
    with stop_on_interrupt() as stop:
        try:
            result = run_race(runs, epochs, args.data_dir, table.add, limit_train=args.limit_train,
                              should_stop=lambda: stop.requested, vary=vary,
                              on_start=lambda dataset, n_train: table.start(base, vary, runs, dataset, n_train))
        except (MnistMissingError, MnistCorruptError):
            raise
        except OSError as e:
            raise CommandError(f"cannot read the {base.dataset} data: {e}") from None
        except ValueError as e:  # a network that does not fit the data, or too big
            raise CommandError(str(e)) from None
    table.flush()
    if result.interrupted:
        output.say("interrupted: the rows above are the epochs every run finished")
    output.say()
    for line in _costs(result):
        output.say(line)
    if args.json:
        output.say_json({"epochs": epochs, **result.as_dict()})
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def _say_header(base, vary: str, runs, dataset, n_train: int, epochs: int) -> None:
    """What races, on what, and what the runs share."""
    h = base.hyperparameters
    output.say(f"racing {output.architecture(base.sizes, base.hidden, base.output)}, {base.loss} loss, "
               f"{base.init} init, {output.training(h)}")
    output.say(f"  on {dataset.name} ({n_train:,} train / {len(dataset.x_test):,} test samples), "
               f"{epochs:,} epoch{'' if epochs == 1 else 's'} each")
    shared = "the same initial weights" if vary != "init" else "weights drawn by its own scheme"
    output.say(f"varying the {VARIES[vary]}: {', '.join(run.label for run in runs)}")
    output.say(f"  every run starts from {shared} and sees the samples in the same order (seed {h.seed})")
    if vary == "mode":
        for run in runs:
            h = run.preset.hyperparameters
            if h.granularity == "minibatch" and h.batch_size >= n_train:
                output.say(f"note: {run.label} holds all {n_train:,} training samples: the same as full batch")
    output.say()


class _Table:
    """The per-epoch table, printed a row at a time as every run finishes that epoch: test loss and
    test accuracy per run. Long races print every tenth of the race (and the first and last epoch)."""

    def __init__(self, labels: list[str], epochs: int):
        self.labels = labels
        self.epochs = epochs
        self.every = 1 if epochs <= 20 else math.ceil(epochs / 10)
        self.pending: dict[int, dict[int, EpochRow]] = {}
        self.printed_header = False
        self.last_printed = -1
        self.widths = [max(2 * _CELL + 2, len(label)) for label in labels]
        self.regression = False

    def start(self, base, vary: str, runs, dataset, n_train: int) -> None:
        """The data are loaded: say what races, and learn whether the score is R² or an accuracy."""
        self.regression = dataset.is_regression
        _say_header(base, vary, runs, dataset, n_train, self.epochs)

    def add(self, run: int, row: EpochRow) -> None:
        cells = self.pending.setdefault(row.epoch, {})
        cells[run] = row
        if len(cells) == len(self.labels):
            self._print(row.epoch, self.pending.pop(row.epoch), final=row.epoch == self.epochs)

    def flush(self) -> None:
        """Print the newest epoch some runs reached (a race cut short, or runs that diverged)."""
        if self.pending:
            epoch = max(self.pending)
            self._print(epoch, self.pending.pop(epoch), final=True)
            self.pending.clear()

    def _print(self, epoch: int, cells: dict[int, EpochRow], final: bool) -> None:
        if not (final or epoch in (0, 1) or epoch % self.every == 0) or epoch == self.last_printed:
            return
        if not self.printed_header:
            self._print_header()
        line = [f"{epoch:>6,}"]
        for i, width in enumerate(self.widths):
            row = cells.get(i)
            score = None if row is None else _score(row.test_accuracy, self.regression)
            text = "-" if row is None else f"{row.test_loss:>{_CELL}.4f}  {score:>{_CELL}}"
            line.append(text.rjust(width))
        output.say("  ".join(line).rstrip())
        self.last_printed = epoch

    def _print_header(self) -> None:
        self.printed_header = True
        output.say("  ".join(["      "] + [label.rjust(w) for label, w in zip(self.labels, self.widths)]))
        sub = f"{'loss':>{_CELL}}  {'R²' if self.regression else 'acc':>{_CELL}}"
        output.say("  ".join(["epoch "] + [sub.rjust(w) for w in self.widths]))


def _score(value: float, regression: bool) -> str:
    """An accuracy as "97.50%", or R² as "0.9394"."""
    return f"{value:.4f}" if regression else output.percent(value)


def _costs(result: RaceResult) -> list[str]:
    """Per run: updates (in all and per epoch), samples seen, seconds of training, the final test
    accuracy (R²) and loss, and a divergence if there was one."""
    regression = result.task == "regression"
    rows = []
    for run in result.runs:
        last = run.last
        per_epoch = run.updates_per_epoch
        rows.append((run.label, f"{last.updates:,}", "-" if math.isnan(per_epoch) else f"{per_epoch:,.0f}",
                     f"{last.samples:,}", _seconds(last.seconds), _score(last.test_accuracy, regression),
                     f"{last.test_loss:.4f}", "diverged" if run.diverged else ""))
    score = "test R²" if regression else "test acc"
    lines = output.table(("run", "updates", "per epoch", "samples", "seconds", score, "test loss", ""), rows)
    lines.append(f"(test loss and {'R²' if regression else 'accuracy'} measured after each epoch on the test split; "
                 "seconds count training steps only)")
    for run in result.runs:
        if run.diverged:
            lines.append(f"{run.label}: {run.diverged}")
    return lines


def _seconds(seconds: float) -> str:
    """"12.31", "0.38", "0.0041": tiny races take milliseconds, which "0.00" would hide."""
    return f"{seconds:.2f}" if seconds >= 0.1 else significant(seconds, 2)
