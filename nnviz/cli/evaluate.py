"""`nnviz eval`: a saved model's accuracy and loss (regression: R², RMSE and loss) on a data set's test
split.

Inputs are scaled and labels encoded as they were in training (the model's saved preprocessing; data
standardised with the model's saved standardisation, not refitted to the data), and the numbers are
computed by the same TrainingSession code that reported them while training.
"""

from __future__ import annotations

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, CommandError, UsageError
from nnviz.cli.train_loop import r_squared_label, value_text
from nnviz.data.errors import MnistCorruptError, MnistMissingError
from nnviz.data.spec import DatasetSpec, spec_of
from nnviz.engine.model_file import load_model
from nnviz.training.build import DATASETS, check_memory, load_dataset
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.model_metadata import preprocessing_of, spec_of_model, task_of
from nnviz.training.predictor import standardised_like
from nnviz.training.session import TrainingSession


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="measure a saved model's test accuracy (or R²) and loss",
        description="Measure a saved model's accuracy and loss on the test split of a data set; for a "
                    "regression model, R², RMSE (in the target's units) and loss.",
    )
    p.add_argument("--model", required=True, metavar="PATH", help="a model saved by `nnviz train --save`")
    p.add_argument("--dataset", metavar="NAME",
                   help=f"the data set: {', '.join(DATASETS)}, a generated set or a .csv file (default: the "
                        "one the model was trained on)")
    p.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    p.add_argument("--json", action="store_true", help="print one line of JSON")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    model = load_model(args.model)
    preprocessing = preprocessing_of(model, args.model)
    task = task_of(model, args.model)
    spec = _spec(args, model)
    name = spec.label() if spec.kind in ("generated", "points") else None
    network = model.network
    try:
        dataset = load_dataset(spec, args.data_dir, preprocessing.scaling, dtype=network.dtype)
    except (MnistMissingError, MnistCorruptError):
        raise
    except OSError as e:
        raise CommandError(f"cannot read the {spec.label()} data: {e.strerror or e}") from None
    except ValueError as e:  # a bad CSV, or a scaling this version does not know
        raise CommandError(f"{args.model}: {e}") from None
    name = name or dataset.name
    if dataset.task != task:
        raise CommandError(f"{args.model} is a {task} model; {name} is {dataset.task} data")
    saved_classes = model.metadata.get("class_names")
    if task == "classification" and saved_classes is not None and list(dataset.class_names) != saved_classes:
        raise CommandError(f"{args.model} tells apart {', '.join(saved_classes)}; {name} has the classes "
                           f"{', '.join(dataset.class_names)}")
    dataset = standardised_like(dataset, preprocessing.standardisation)
    try:
        session = TrainingSession(network, dataset, Hyperparameters(), preprocessing.targets)
    except ValueError as e:
        raise CommandError(f"{args.model} does not fit {name}: {e}") from None
    try:  # the network is loaded; its evaluation, chunk by chunk, must fit too
        check_memory(network.sizes, network.dtype, optimizer=None, n_test=len(dataset.x_test))
    except ValueError as e:
        raise CommandError(f"{args.model}: {e}") from None
    result = session.evaluate_test()
    n = len(dataset.x_test)
    if args.json:
        regression = {"r2": result.r2, "rmse": result.rmse} if result.is_regression else {}
        output.say_json({"accuracy": result.accuracy, "loss": result.loss, **regression, "n": n, "dataset": name,
                         "task": task, "model": str(args.model)})
    elif result.is_regression:
        output.say(f"{args.model} on the {name} test set ({n:,} samples): {r_squared_label()} {result.r2:.4f}, "
                   f"RMSE {value_text(result.rmse)}, loss {result.loss:.4f}")
    else:
        output.say(f"{args.model} on the {name} test set ({n:,} samples): "
                   f"accuracy {output.percent(result.accuracy)}, loss {result.loss:.4f}")
    return EXIT_OK


def _spec(args, model) -> DatasetSpec:
    """--dataset's data, or else the data the model says it was trained on."""
    if args.dataset is not None:
        try:
            return spec_of(args.dataset)
        except ValueError as e:
            raise UsageError(str(e)) from None
    spec = spec_of_model(model, args.model)
    if spec is not None:
        return spec
    name = model.metadata.get("dataset")
    if name not in DATASETS:
        raise UsageError(f"{args.model} does not say which data set it was trained on; give --dataset")
    return DatasetSpec(kind=name)
