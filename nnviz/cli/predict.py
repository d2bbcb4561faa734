"""`nnviz predict`: classify digit images (PNG, JPEG, ...) with a saved MNIST model.

Each image goes through the same steps as a digit drawn in the app: decode to grayscale,
preprocess_digit (crop, scale to 20 px, centre by mass in 28x28, ink = 1, either polarity), then the
input scaling the model was trained with.
"""

from __future__ import annotations

import numpy as np

from nnviz.cli import output
from nnviz.cli.errors import EXIT_OK, CommandError
from nnviz.training.model_metadata import class_names_of, preprocessing_of
from nnviz.data.digits import CANVAS, preprocess_digit
from nnviz.data.mnist import scale_pixels
from nnviz.engine.model_file import load_model
from nnviz.engine.network import Network

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
    network = model.network
    if preprocessing.image_shape != (CANVAS, CANVAS) or network.sizes[0] != CANVAS * CANVAS:
        trained_on = model.metadata.get("dataset", "data that are not images")
        raise CommandError(
            f"{args.model} was trained on {trained_on}; predict needs a model of {CANVAS}x{CANVAS} digit "
            "images, such as one from `nnviz train --preset mnist-book --save PATH`"
        )
    images = _read_all(args.images)
    x = np.stack([
        scale_pixels(preprocess_digit(image), preprocessing.scaling, network.dtype).reshape(-1)
        for image in images
    ])
    probabilities = _probabilities(network, network.predict(x))
    names = class_names_of(model)
    predictions = [
        {
            "file": str(path),
            "class": int(p.argmax()),
            "label": names[int(p.argmax())],
            "confidence": float(p.max()),
            "probabilities": [float(v) for v in p],
        }
        for path, p in zip(args.images, probabilities)
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


def _probabilities(network: Network, outputs: np.ndarray) -> np.ndarray:
    """Network outputs (batch, n_classes) as rows that sum to 1."""
    if network.activations[-1].name == "softmax":
        return outputs
    # Sigmoid outputs score each class on its own and need not sum to 1; normalising them turns the
    # scores into shares of confidence (the argmax is unchanged). Negative scores count as zero.
    scores = np.clip(outputs.astype(np.float64), 0.0, None)
    total = scores.sum(axis=1, keepdims=True)
    uniform = np.full_like(scores, 1.0 / scores.shape[1])
    return np.divide(scores, total, out=uniform, where=total > 0)


def _bars(names: list[str], probabilities: list[float]) -> str:
    """"0▁ 1▁ 2▁ 3▁ 4▁ 5▁ 6▁ 7█ 8▂ 9▁": one bar per class, its height the probability."""
    bars = _BARS if output.unicode_ok() else _ASCII_BARS
    levels = len(bars)
    return " ".join(f"{name}{bars[min(levels - 1, int(p * levels))]}" for name, p in zip(names, probabilities))
