"""What a saved model records beside its parameters, shared by `nnviz train` and the app's Save.

Schema (JSON, next to what save_model adds itself):
    preset          name or null
    dataset         the data set's name ("xor", "gender", "mnist", "circle", a CSV file's name, ...)
    data            DatasetSpec.as_dict(): how to load the data again      (optional)
    task            "classification" or "regression"                       (absent: classification)
    preprocessing   {"scaling": "unit"|"textbook", "targets": [off, on], "image_shape": [28, 28] or null,
                     "standardisation": Standardisation.as_dict() or null}
    hyperparameters Hyperparameters.as_dict()
    class_names     ["0", ..., "9"]; for regression [target name]
    feature_names   the inputs' names
    metrics         {"test_accuracy", "test_loss", ...}; for regression also test_r2, test_rmse
    training        {"epochs", "steps", "samples", ...}   (optional)
    command         the command line that trained it      (optional)

Everything read back is checked (a model file may be edited or forged): a malformed field is a
ModelFileError naming the file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from nnviz.data.dataset import TASKS
from nnviz.data.mnist import SCALINGS
from nnviz.data.spec import DatasetSpec
from nnviz.data.standardise import Standardisation
from nnviz.engine.model_file import LoadedModel, ModelFileError
from nnviz.training.session import TrainingSession

#: A hand-drawn data set's spec is kept in the metadata up to this size (model files allow 1 MiB of
#: metadata); a larger one is left out, and `nnviz eval` then asks for --dataset.
_MAX_SPEC_JSON = 600_000


@dataclass(frozen=True)
class Preprocessing:
    """How inputs were scaled (and standardised) and labels encoded when the model was trained."""

    scaling: str = "unit"
    targets: tuple[float, float] = (0.0, 1.0)
    image_shape: tuple[int, int] | None = None
    standardisation: Standardisation | None = None

    def as_dict(self) -> dict:
        return {
            "scaling": self.scaling,
            "targets": list(self.targets),
            "image_shape": list(self.image_shape) if self.image_shape else None,
            "standardisation": self.standardisation.as_dict() if self.standardisation else None,
        }


def session_metadata(session: TrainingSession, preset_name: str | None, scaling: str,
                     spec: DatasetSpec | None = None, **extra) -> dict:
    """The metadata of a model trained by `session`, for save_model(path, network, **metadata); `spec`
    (the data's, if known) lets `nnviz eval` load the same data again."""
    dataset = session.dataset
    metadata = {
        "preset": preset_name,
        "dataset": dataset.name,
        "task": dataset.task,
        "preprocessing": Preprocessing(scaling, tuple(session.targets), dataset.image_shape,
                                       dataset.standardisation).as_dict(),
        "hyperparameters": session.hyperparameters.as_dict(),
        "class_names": list(dataset.class_names),
        "feature_names": list(dataset.feature_names),
    }
    if spec is not None:
        data = spec.as_dict()
        if len(json.dumps(data)) <= _MAX_SPEC_JSON:
            metadata["data"] = data
    return {**metadata, **extra}


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
    standardisation = None
    if saved.get("standardisation") is not None:
        try:
            standardisation = Standardisation.from_dict(saved["standardisation"])
        except ValueError as e:
            raise ModelFileError(f"{path}: the model's saved {e}") from None
        if standardisation.n_features != model.network.sizes[0]:
            raise ModelFileError(f"{path}: the model's saved standardisation describes {standardisation.n_features} "
                                 f"inputs, but its network takes {model.network.sizes[0]}")
    return Preprocessing(scaling, (off, on), None if image_shape is None else tuple(int(s) for s in image_shape),
                         standardisation)


def task_of(model: LoadedModel, path="model") -> str:
    """"classification" or "regression" (a model saved before regression existed: classification)."""
    task = model.metadata.get("task", "classification")
    if task not in TASKS:
        raise ModelFileError(f"{path}: the model's task must be one of {', '.join(TASKS)}, got {task!r:.60}")
    if task == "regression" and model.network.sizes[-1] != 1:
        raise ModelFileError(f"{path}: a regression model has one output, this one has {model.network.sizes[-1]}")
    return task


def spec_of_model(model: LoadedModel, path="model") -> DatasetSpec | None:
    """The spec of the data the model was trained on, if it saved one."""
    data = model.metadata.get("data")
    if data is None:
        return None
    try:
        return DatasetSpec.from_dict(data)
    except ValueError as e:
        raise ModelFileError(f"{path}: the model's saved {e}") from None


def feature_names_of(model: LoadedModel) -> list[str]:
    """The saved input names, or x1, x2, ... (one per input)."""
    n_in = model.network.sizes[0]
    names = model.metadata.get("feature_names")
    if isinstance(names, list) and len(names) == n_in and all(isinstance(n, str) for n in names):
        return names
    return [f"x{j + 1}" for j in range(n_in)]


def _number(value) -> float:
    """A finite JSON number (not a string, not true/false); ValueError or TypeError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(value)
    return float(value)


def class_names_of(model: LoadedModel) -> list[str]:
    """The saved class names, or "0", "1", ... (one per output; two for a single output neuron). For a
    regression model, the target's name (or "y")."""
    n_out = model.network.sizes[-1]
    regression = model.metadata.get("task") == "regression"
    n_classes = 1 if regression else 2 if n_out == 1 else n_out
    names = model.metadata.get("class_names")
    if isinstance(names, list) and len(names) == n_classes:
        return [str(name) for name in names]
    return ["y"] if regression else [str(k) for k in range(n_classes)]
