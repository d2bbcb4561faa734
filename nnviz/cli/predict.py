"""`nnviz predict`: classify digit images (PNG, JPEG, ...) with a saved MNIST model.

Each image goes through the very path a digit drawn in the app takes: decode to grayscale,
preprocess (crop, scale to 20 px, centre by mass in 28x28, ink = 1, either polarity), the input
scaling the model was trained with, one forward pass (DigitClassifier.classify_digit). An image with
no digit in it (blank, all one shade, too small) gets no answer.

Every file is tried: the good ones' predictions are printed, each bad one (missing, unreadable, not an
image, no digit) is one line on stderr, and the exit code is 2 if any was bad.
"""

from __future__ import annotations

import sys

import numpy as np

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, EXIT_USAGE, CommandError
from nnviz.data.digits import CANVAS, NoDigitError, find_digit
from nnviz.engine.model_file import load_model
from nnviz.training.model_metadata import preprocessing_of
from nnviz.training.predictor import DigitClassifier

_BARS = "▁▂▃▄▅▆▇█"
_ASCII_BARS = "_.:-=+*#"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "predict", help="classify digit images with a saved model",
        description="Classify images of handwritten digits (dark on light or light on dark, any size) "
                    "with a model trained on MNIST. Files that cannot be read or hold no digit are "
                    "reported on stderr, one line each, and make the exit code 2; the others are "
                    "still classified.",
    )
    p.add_argument("--model", required=True, metavar="PATH", help="a model saved by `nnviz train --save`")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG, BMP, GIF, ...)")
    p.add_argument("--json", action="store_true",
                   help="print one line of JSON: the predictions, and each file that failed with the reason")
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
    names = classifier.class_names
    predictions, failures = [], []
    for path in args.images:
        try:
            r = classifier.classify_digit(_digit_in(path))
        except CommandError as e:
            failures.append({"file": str(path), "error": str(e)})
            print(f"nnviz: error: {output.one_line(str(e))}", file=sys.stderr, flush=True)
            continue
        prediction = {
            "file": str(path),
            "class": r.label,
            "label": r.class_name,
            "confidence": r.confidence,
            "probabilities": [float(v) for v in r.probabilities],
        }
        predictions.append(prediction)
        if not args.json:
            output.say(f"{prediction['file']}: {prediction['label']} ({output.percent(prediction['confidence'])})")
            output.say("  " + _bars(names, prediction["probabilities"]))
    if args.json:
        output.say_json({"model": str(args.model), "predictions": predictions, "errors": failures})
    return EXIT_USAGE if failures else EXIT_OK


def _digit_in(path: str) -> np.ndarray:
    """The 28x28 preprocessed digit in the image file at path; CommandError naming the file if the file
    cannot be read or holds no digit."""
    from nnviz.cli.images import ImageReadError, read_grayscale  # Qt is loaded only for predict

    try:
        return find_digit(read_grayscale(path))
    except ImageReadError as e:
        raise CommandError(str(e)) from None
    except NoDigitError as e:
        raise CommandError(f"no digit found in {path}: {e}") from None


def _bars(names: list[str], probabilities: list[float]) -> str:
    """"0▁ 1▁ 2▁ 3▁ 4▁ 5▁ 6▁ 7█ 8▂ 9▁": one bar per class, its height the probability."""
    bars = _BARS if output.unicode_ok() else _ASCII_BARS
    levels = len(bars)
    return " ".join(f"{name}{bars[min(levels - 1, int(p * levels))]}" for name, p in zip(names, probabilities))
