"""`nnviz presets`: the named presets as a table."""

from __future__ import annotations

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK
from nnviz.training.presets import PRESETS


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("presets", help="list the presets", description="List the presets `train --preset` accepts.")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    rows = [
        (
            p.name,
            p.dataset,
            output.architecture(p.sizes, p.hidden, p.output),
            p.loss,
            output.training(p.hyperparameters),
            "-" if p.hyperparameters.epochs is None else str(p.hyperparameters.epochs),
            p.summary,
        )
        for p in PRESETS.values()
    ]
    for line in output.table(("name", "dataset", "network", "loss", "training", "epochs", "summary"), rows):
        output.say(line)
    return EXIT_OK
