"""`nnviz predict`: classify digit images (PNG, JPEG, ...) with a saved MNIST model.

Each image goes through the very path a digit drawn in the app takes (DigitClassifier): decode to
grayscale, preprocess_digit (crop, scale to 20 px, centre by mass in 28x28, ink = 1, either
polarity), the input scaling the model was trained with, one forward pass.
"""

from __future__ import annotations

import numpy as np

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, CommandError
from nnviz.data.digits import CANVAS
from nnviz.engine.model_file import load_model
from nnviz.training.model_metadata import preprocessing_of
from nnviz.training.predictor import DigitClassifier

_BARS = "▁▂▃▄▅▆▇█"
_ASCII_BARS = "_.:-=+*#"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "predict", help="classify digit images with a saved model",
        description="Classify images of handwritten digits (dark on light or light on dark, any size) "
                    "with a model trained on MNIST.",
    )
    p.add_argument("--model", required=True, metavar="PATH", help="a model saved by `nnviz train --save`")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG, BMP, GIF, ...)")
    p.add_argument("--json", action="store_true", help="print one line of JSON")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    model = load_model(args.model)
    preprocessing = preprocessing_of(model, args.model)
    if preprocessing.image_shape != (CANVAS, CANVAS) or model.network.sizes[0] != CANVAS * CANVAS:
        trained_on = model.metadata.get("dataset", "data that are not images")
        raise CommandError(
            f"{args.model} was trained on {trained_on}; predict needs a model of {CANVAS}x{CANVAS} digit "
            "images, such as one from `nnviz train --preset mnist-book --save PATH`"
        )
    classifier = DigitClassifier.from_model(model, args.model)
    results = [classifier.classify(image) for image in _read_all(args.images)]
    names = classifier.class_names
    predictions = [
        {
            "file": str(path),
            "class": r.label,
            "label": r.class_name,
            "confidence": r.confidence,
            "probabilities": [float(v) for v in r.probabilities],
        }
        for path, r in zip(args.images, results)
    ]
    if args.json:
        output.say_json({"model": str(args.model), "predictions": predictions})
    else:
        for prediction in predictions:
            output.say(f"{prediction['file']}: {prediction['label']} ({output.percent(prediction['confidence'])})")
            output.say("  " + _bars(names, prediction["probabilities"]))
    return EXIT_OK


def _read_all(paths: list[str]) -> list[np.ndarray]:
    """Decode every image before predicting any, so a bad file fails the command up front."""
    from nnviz.cli.images import ImageReadError, read_grayscale  # Qt is loaded only for predict

    try:
        return [read_grayscale(path) for path in paths]
    except ImageReadError as e:
        raise CommandError(str(e)) from None


def _bars(names: list[str], probabilities: list[float]) -> str:
    """"0▁ 1▁ 2▁ 3▁ 4▁ 5▁ 6▁ 7█ 8▂ 9▁": one bar per class, its height the probability."""
    bars = _BARS if output.unicode_ok() else _ASCII_BARS
    levels = len(bars)
    return " ".join(f"{name}{bars[min(levels - 1, int(p * levels))]}" for name, p in zip(names, probabilities))
