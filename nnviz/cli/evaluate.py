"""`nnviz eval`: a saved model's accuracy and loss on a data set's test split.

Inputs are scaled and labels encoded as they were in training (the model's saved preprocessing), and
accuracy and loss are computed by the same TrainingSession code that reported them while training.
"""

from __future__ import annotations

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, CommandError, UsageError
from nnviz.training.model_metadata import preprocessing_of
from nnviz.data.errors import MnistCorruptError, MnistMissingError
from nnviz.engine.model_file import load_model
from nnviz.training.build import DATASETS, check_memory, load_dataset
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.session import TrainingSession


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="measure a saved model's test accuracy and loss",
        description="Measure a saved model's accuracy and loss on the test split of a data set.",
    )
    p.add_argument("--model", required=True, metavar="PATH", help="a model saved by `nnviz train --save`")
    p.add_argument("--dataset", choices=DATASETS, help="the data set (default: the one the model was trained on)")
    p.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    p.add_argument("--json", action="store_true", help="print one line of JSON")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    model = load_model(args.model)
    name = args.dataset or model.metadata.get("dataset")
    if name not in DATASETS:
        raise UsageError(f"{args.model} does not say which data set it was trained on; give --dataset")
    preprocessing = preprocessing_of(model, args.model)
    network = model.network
    try:
        dataset = load_dataset(name, args.data_dir, preprocessing.scaling, dtype=network.dtype)
    except (MnistMissingError, MnistCorruptError):
        raise
    except OSError as e:
        raise CommandError(f"cannot read the {name} data: {e}") from None
    except ValueError as e:  # e.g. a scaling this version does not know
        raise CommandError(f"{args.model}: {e}") from None
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
        output.say_json({"accuracy": result.accuracy, "loss": result.loss, "n": n, "dataset": name, "model": str(args.model)})
    else:
        output.say(f"{args.model} on the {name} test set ({n:,} samples): "
                   f"accuracy {output.percent(result.accuracy)}, loss {result.loss:.4f}")
    return EXIT_OK
