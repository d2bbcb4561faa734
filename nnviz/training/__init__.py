"""Training as plain Python: sessions that step a network through its data, hyperparameters that can
change between steps, immutable snapshots for views, and the named presets. No Qt here."""

from nnviz.training.build import DATASETS, build_network, build_session, load_dataset
from nnviz.training.history import History
from nnviz.training.hyperparameters import LIVE, HyperparameterError, Hyperparameters
from nnviz.training.presets import PRESETS, Preset, get_preset
from nnviz.training.architecture import Architecture, NewSession
from nnviz.training.evaluation import Evaluation
from nnviz.training.session import StepEvent, TrainingDiverged, TrainingSession
from nnviz.training.snapshot import LastStep, Snapshot

__all__ = [
    "Architecture", "NewSession",
    "DATASETS", "build_network", "build_session", "load_dataset",
    "History", "LIVE", "HyperparameterError", "Hyperparameters",
    "PRESETS", "Preset", "get_preset",
    "Evaluation", "StepEvent", "TrainingDiverged", "TrainingSession",
    "LastStep", "Snapshot",
]
