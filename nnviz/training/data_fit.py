"""Which network fits which data: the shape of a dataset (features, task, classes), whether a running
network can go on training on other data, and a preset's network fitted to data it was not made for.

The window uses this to decide what a change of data costs: data of the same shape is swapped in
while the network trains on (`TrainingSession.replace_dataset`); anything else needs a new network,
whose hidden layers and training settings are kept and whose input and output layers follow the data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from nnviz.data import GENERATORS, DatasetSpec
from nnviz.data.dataset import Dataset
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.presets import PRESETS, Preset, layer_limit, preset_spec

#: Kinds whose shape is known without loading them (a CSV file's is not).
_FIXED_SHAPES = {"xor": (2, "classification", 2), "gender": (2, "classification", 2),
                 "mnist": (784, "classification", 10)}
#: The presets that go with a kind of data (a generator's preset has the generator's name).
_KIND_PRESETS = {"xor": "xor", "gender": "gender", "mnist": "mnist-fast"}
#: The network data without a preset of its own (a CSV file) starts with, fitted to its features.
SMALL_PRESET = "circle"


@dataclass(frozen=True)
class DataShape:
    """What a network needs to know of data: its input features, its task ("classification" or
    "regression") and its number of classes (1 for regression: one target)."""

    n_features: int
    task: str
    n_classes: int

    @classmethod
    def of(cls, dataset: Dataset) -> DataShape:
        return cls(dataset.n_features, dataset.task, dataset.n_classes)

    @property
    def n_outputs(self) -> int:
        """Output neurons for this data: one for regression and for two classes, else one a class."""
        return 1 if self.task == "regression" or self.n_classes == 2 else self.n_classes


def shape_of_spec(spec: DatasetSpec) -> DataShape | None:
    """The shape of the data `spec` loads, where that is known without loading it (None for CSV)."""
    if spec.kind in _FIXED_SHAPES:
        return DataShape(*_FIXED_SHAPES[spec.kind])
    if spec.kind in ("generated", "points") and spec.generator in GENERATORS:
        generator = GENERATORS[spec.generator]
        return DataShape(generator.n_features, generator.task, 1 if generator.task == "regression" else 2)
    return None


def check_same_shape(old: Dataset, new: Dataset) -> None:
    """Raise ValueError, in words, unless a network trained on `old` can train on `new` unchanged."""
    before, after = DataShape.of(old), DataShape.of(new)
    if before == after:
        return
    if after.n_features != before.n_features:
        if after.n_features == 1:
            what = QT_TRANSLATE_NOOP("DataFit", "1 input feature, not {before}").format(before=before.n_features)
        else:
            what = QT_TRANSLATE_NOOP("DataFit", "{after} input features, not {before}").format(
                after=after.n_features, before=before.n_features)
    elif after.task != before.task:
        what = QT_TRANSLATE_NOOP("DataFit", "a {after} task, not {before}").format(
            after=_TASKS.get(after.task, after.task), before=_TASKS.get(before.task, before.task))
    else:
        what = QT_TRANSLATE_NOOP("DataFit", "{after} classes, not {before}").format(
            after=after.n_classes, before=before.n_classes)
    raise ValueError(QT_TRANSLATE_NOOP("DataFit", "{data} has {what}: the network cannot train on it without a "
                                                  "rebuild").format(data=new.name, what=what))


_TASKS = {"classification": QT_TRANSLATE_NOOP("DataFit", "classification"),
          "regression": QT_TRANSLATE_NOOP("DataFit", "regression")}


def kind_preset(spec: DatasetSpec) -> str | None:
    """The name of the preset made for `spec`'s kind of data (a generator's own), if there is one."""
    name = spec.generator if spec.kind in ("generated", "points") else _KIND_PRESETS.get(spec.kind)
    return name if name in PRESETS else None


def preset_for_data(base: Preset, spec: DatasetSpec, shape: DataShape) -> Preset:
    """`base`'s network and training settings fitted to `spec`'s data of `shape`: its hidden layers
    (each at most the data's layer_limit), one input per feature, and an output layer for the task.
    Its output activation and loss stay where they suit the task; otherwise regression gets an
    identity output with squared error, two classes one sigmoid neuron with binary cross-entropy,
    more classes softmax with cross-entropy."""
    limit = layer_limit(spec.kind)
    hidden_sizes = tuple(min(int(n), limit) for n in base.sizes[1:-1])
    sizes = (shape.n_features, *hidden_sizes, shape.n_outputs)
    old = shape_of_spec(preset_spec(base))
    old_task = old.task if old is not None else ("regression" if base.output == "identity" else "classification")
    same_ends = old_task == shape.task and (base.sizes[-1] == 1) == (shape.n_outputs == 1)
    if same_ends:
        output, loss, targets = base.output, base.loss, base.targets
    elif shape.task == "regression":
        output, loss, targets = "identity", "mse", (0.0, 1.0)
    elif shape.n_outputs == 1:
        output, loss, targets = "sigmoid", "bce", (0.0, 1.0)
    else:
        output, loss, targets = "softmax", "ce", (0.0, 1.0)
    return replace(base, dataset=spec.kind, spec=spec, sizes=sizes, output=output, loss=loss, targets=targets,
                   samples=None, initial_parameters=base.initial_parameters if sizes == base.sizes else None)


def starting_preset(spec: DatasetSpec, shape: DataShape, base: Preset | None = None) -> Preset:
    """The preset to start on data named on the command line (`spec`, of `shape`): `base` fitted to the
    data when given (unchanged if made for it), else the preset made for that kind of data as it is,
    else a small 2-D preset's network fitted to the data (a CSV file)."""
    if base is None:
        named = kind_preset(spec)
        if named is not None:
            return PRESETS[named]
        base = PRESETS.get(SMALL_PRESET, PRESETS["xor"])
    if preset_spec(base) == spec:
        return base
    return preset_for_data(base, spec, shape)
