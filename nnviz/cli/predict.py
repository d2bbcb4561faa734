"""`nnviz predict`: classify digit images (PNG, JPEG, ...) with a saved MNIST model, or answer for
rows of numbers with a model of tabular data (generated sets, CSV files).

Each image goes through the very path a digit drawn in the app takes: decode to grayscale,
preprocess (crop, scale to 20 px, centre by mass in 28x28, ink = 1, either polarity), the input
scaling the model was trained with, one forward pass (DigitClassifier.classify_digit). An image with
no digit in it (blank, all one shade, too small) gets no answer.

A model of tabular data takes rows as the user has them, in the original units ("150,63", or a CSV
file with the model's input columns): the standardisation saved with the model is applied first, and a
regression model's answer is given in the target's own units again (TabularPredictor).

Every input is tried: the good ones' predictions are printed, each bad one (missing, unreadable, not an
image, no digit, not a row of numbers) is one line on stderr, and the exit code is 2 if any was bad.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, EXIT_USAGE, CommandError
from nnviz.data.digits import CANVAS, NoDigitError, find_digit
from nnviz.engine.model_file import load_model
from nnviz.cli.rows import RowsError, parse_row, read_rows
from nnviz.training.model_metadata import preprocessing_of
from nnviz.training.predictor import DigitClassifier, TabularPredictor

_BARS = "▁▂▃▄▅▆▇█"
_ASCII_BARS = "_.:-=+*#"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "predict", help="classify digit images, or predict from rows of numbers, with a saved model",
        description="Classify images of handwritten digits (dark on light or light on dark, any size) "
                    "with a model trained on MNIST; or, with a model of other data, predict the class or "
                    "value of rows of numbers in the data's own units (the model's saved standardisation "
                    "is applied). Inputs that cannot be read are reported on stderr, one line each, and "
                    "make the exit code 2; the others are still answered.",
        epilog="examples:\n  nnviz predict --model digits.npz seven.png\n"
               "  nnviz predict --model houses.npz new-houses.csv\n"
               "  nnviz predict --model circle.npz 0.1,0.2 -- -0.5,0.9   (rows starting with - go after --)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--model", required=True, metavar="PATH", help="a model saved by `nnviz train --save`")
    p.add_argument("inputs", nargs="+", metavar="IMAGE|ROW",
                   help="image files (PNG, JPEG, BMP, GIF, ...) for a digit model; for another model rows of "
                        "numbers separated by commas, or CSV files with a column for each of its inputs")
    p.add_argument("--json", action="store_true",
                   help="print one line of JSON: the predictions, and each file that failed with the reason")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    model = load_model(args.model)
    preprocessing = preprocessing_of(model, args.model)
    if preprocessing.image_shape is None:
        return _run_rows(args, model)
    if preprocessing.image_shape != (CANVAS, CANVAS) or model.network.sizes[0] != CANVAS * CANVAS:
        trained_on = model.metadata.get("dataset", "data that are not images")
        raise CommandError(
            f"{args.model} was trained on {trained_on}; predict needs a model of {CANVAS}x{CANVAS} digit "
            "images, such as one from `nnviz train --preset mnist-book --save PATH`"
        )
    classifier = DigitClassifier.from_model(model, args.model)
    names = classifier.class_names
    predictions, failures = [], []
    for path in args.inputs:
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


def _run_rows(args, model) -> int:
    """Predict for rows of numbers and CSV files with a model of tabular data."""
    predictor = TabularPredictor.from_model(model, args.model)
    features = predictor.feature_names
    trained_on = model.metadata.get("dataset", "data of rows of numbers")
    predictions, failures = [], []
    for text in args.inputs:
        try:
            if text.lower().endswith(".csv"):
                x, numbers = read_rows(text, features)
                sources = [f"{text} row {number}" for number in numbers]
            elif Path(text).suffix.lower() in _IMAGE_SUFFIXES:
                raise RowsError(f"{text} is an image, but {args.model} was trained on {trained_on}, not on digit "
                                f"images: give rows of {len(features)} numbers ({', '.join(features)}) or a "
                                ".csv file")
            else:
                x, sources = parse_row(text, len(features))[None, :], [text]
        except RowsError as e:
            message = str(e)
            failures.append({"input": text, "error": message})
            print(f"nnviz: error: {output.one_line(message)}", file=sys.stderr, flush=True)
            continue
        answers = predictor.predict(x)
        for i, source in enumerate(sources):
            predictions.append(_answer(predictor, source, x[i], answers, i))
    if args.json:
        output.say_json({"model": str(args.model), "task": predictor.task, "predictions": predictions,
                         "errors": failures})
    else:
        for p in predictions:
            if predictor.is_regression:
                output.say(f"{p['input']}: {p['target']} = {p['value']:.6g}")
            else:
                output.say(f"{p['input']}: {p['label']} ({output.percent(p['confidence'])})")
    return EXIT_USAGE if failures else EXIT_OK


_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".ppm", ".pgm")


def _answer(predictor: TabularPredictor, source: str, x: np.ndarray, answers, i: int) -> dict:
    answer = {"input": source, "x": [float(v) for v in x]}
    if predictor.is_regression:
        return {**answer, "target": predictor.class_names[0], "value": float(answers.values[i])}
    k = int(answers.classes[i])
    return {**answer, "class": k, "label": predictor.class_names[k],
            "confidence": float(answers.probabilities[i, k]),
            "probabilities": [float(v) for v in answers.probabilities[i]]}


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
