"""The data options shared by `nnviz train`, `race` and `explain`: which data (--dataset) and how
they are drawn or read (a generated set's size, noise and seed; a CSV file's label column, task and
standardisation; the train/test split)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from nnviz.cli.argtypes import non_negative_int
from nnviz.cli.errors import UsageError
from nnviz.data.spec import CSV_TASKS, DatasetSpec, spec_of
from nnviz.training.build import DATASETS
from nnviz.training.presets import Preset, preset_spec


def add_data_options(p) -> None:
    """The data options, as a group of their own in --help."""
    data = p.add_argument_group("data options")
    data.add_argument("--n-samples", type=int, metavar="N",
                      help="generated sets: points in all, training and test (10..5000; default 200)")
    data.add_argument("--noise", type=float, metavar="X",
                      help="generated sets: noise as a share of the data's spread (0..0.5; default 0.1)")
    data.add_argument("--data-seed", type=non_negative_int, metavar="N",
                      help="generated sets: the generator's seed; CSV: the shuffle before the split (default 0)")
    data.add_argument("--train-share", type=float, metavar="X",
                      help="generated sets and CSV: the share of rows to train on, the rest test (0.1..0.9; "
                           "default 0.7)")
    data.add_argument("--label-column", metavar="NAME", help="CSV: the column to predict (default: the last)")
    data.add_argument("--task", choices=CSV_TASKS,
                      help="CSV: classification, regression, or auto (default: a column of text or of at most "
                           "20 whole numbers holds classes, any other a number to predict)")
    data.add_argument("--standardise", action=argparse.BooleanOptionalAction, default=None,
                      help="CSV: shift and scale every column to mean 0 and standard deviation 1, fitted on "
                           "the training rows (default: on)")


#: The data options: (DatasetSpec field, option, args attribute, the kinds of data it applies to).
_DATA_OPTIONS = (
    ("n_samples", "--n-samples", "n_samples", ("generated",)),
    ("noise", "--noise", "noise", ("generated",)),
    ("seed", "--data-seed", "data_seed", ("generated", "csv")),
    ("train_share", "--train-share", "train_share", ("generated", "csv")),
    ("label_column", "--label-column", "label_column", ("csv",)),
    ("task", "--task", "task", ("csv",)),
    ("standardise", "--standardise", "standardise", ("csv",)),
)


def data_spec(preset: Preset | None, args) -> DatasetSpec:
    """The data to train on: `preset`'s, or --dataset's when it names other data, with the data
    options applied. A UsageError for an unknown name, an option that does not apply to the data, or
    a value out of range."""
    spec = preset_spec(preset) if preset is not None else None
    if args.dataset is not None:
        try:
            named = spec_of(args.dataset)
        except ValueError as e:
            raise UsageError(str(e)) from None
        if spec is None or (named.kind, named.generator, named.path) != (spec.kind, spec.generator, spec.path):
            spec = named  # other data; the same data keep the preset's size, noise and seed
    for field, option, attribute, kinds in _DATA_OPTIONS:
        value = getattr(args, attribute, None)
        if value is None:
            continue
        if spec.kind not in kinds:
            applies = " and ".join({"generated": "generated sets", "csv": "CSV files"}[k] for k in kinds)
            raise UsageError(f"{option.replace('--', '--no-') if value is False else option} applies to "
                             f"{applies}, not to {spec.label()}")
        try:
            spec = replace(spec, **{field: value})
        except ValueError as e:
            raise UsageError(f"{option}: {e}") from None
    return spec


def kept_spec(spec: DatasetSpec) -> DatasetSpec | None:
    """The spec a preset keeps: none for the named sets, whose kind says it all."""
    return None if spec.kind in DATASETS else spec
