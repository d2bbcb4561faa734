"""What a saved model records beside its parameters, shared by `nnviz train` and the app's Save.

Schema (JSON, next to what save_model adds itself):
    preset          name or null
    dataset         "xor", "gender" or "mnist"
    preprocessing   {"scaling": "unit"|"textbook", "targets": [off, on], "image_shape": [28, 28] or null}
    hyperparameters Hyperparameters.as_dict()
    class_names     ["0", ..., "9"]
    metrics         {"test_accuracy", "test_loss", ...}
    training        {"epochs", "steps", "samples", ...}   (optional)
    command         the command line that trained it      (optional)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nnviz.data.mnist import SCALINGS
from nnviz.engine.model_file import LoadedModel, ModelFileError
from nnviz.training.session import TrainingSession


@dataclass(frozen=True)
class Preprocessing:
    """How inputs were scaled and labels encoded when the model was trained."""

    scaling: str = "unit"
    targets: tuple[float, float] = (0.0, 1.0)
    image_shape: tuple[int, int] | None = None

    def as_dict(self) -> dict:
        return {
            "scaling": self.scaling,
            "targets": list(self.targets),
            "image_shape": list(self.image_shape) if self.image_shape else None,
        }


def session_metadata(session: TrainingSession, preset_name: str | None, scaling: str, **extra) -> dict:
    """The metadata of a model trained by `session`, for save_model(path, network, **metadata)."""
    dataset = session.dataset
    return {
        "preset": preset_name,
        "dataset": dataset.name,
        "preprocessing": Preprocessing(scaling, tuple(session.targets), dataset.image_shape).as_dict(),
        "hyperparameters": session.hyperparameters.as_dict(),
        "class_names": list(dataset.class_names),
        **extra,
    }


def preprocessing_of(model: LoadedModel, path) -> Preprocessing:
    """The model's saved preprocessing; defaults for what is absent, an error for what is malformed."""
    saved = model.metadata.get("preprocessing") or {}
    default = Preprocessing()
    try:
        scaling = saved.get("scaling", default.scaling)
        off, on = (_number(t) for t in saved.get("targets", default.targets))
        shape = saved.get("image_shape")
        image_shape = None if shape is None else tuple(_number(s) for s in shape)
        if scaling not in SCALINGS or off == on:
            raise ValueError
        if image_shape is not None and (len(image_shape) != 2 or not all(s >= 1 and s == int(s) for s in image_shape)):
            raise ValueError
    except (AttributeError, TypeError, ValueError):
        raise ModelFileError(f"{path}: the model's saved preprocessing is malformed: {saved!r:.200}") from None
    return Preprocessing(scaling, (off, on), None if image_shape is None else tuple(int(s) for s in image_shape))


def _number(value) -> float:
    """A finite JSON number (not a string, not true/false); ValueError or TypeError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(value)
    return float(value)


def class_names_of(model: LoadedModel) -> list[str]:
    """The saved class names, or "0", "1", ... (one per output; two for a single output neuron)."""
    n_out = model.network.sizes[-1]
    n_classes = 2 if n_out == 1 else n_out
    names = model.metadata.get("class_names")
    if isinstance(names, list) and len(names) == n_classes:
        return [str(name) for name in names]
    return [str(k) for k in range(n_classes)]
