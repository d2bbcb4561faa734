"""The NumPy engine: networks, activations, losses, optimisers, initialisation, gradient checking and
model files. Pure NumPy and the standard library, usable from a notebook:

    >>> from nnviz.engine import Network, SGD
    >>> net = Network([2, 2, 1], hidden="sigmoid", output="sigmoid", loss="mse", seed=0)
    >>> trace = net.forward([[2.0, 3.0]])
"""

from nnviz.engine.activations import ACTIVATIONS, Activation, get_activation
from nnviz.engine.batching import GRANULARITIES, batch_indices, one_hot
from nnviz.engine.gradcheck import GradCheckResult, gradient_check, numerical_gradient
from nnviz.engine.init import INITS, init_weights
from nnviz.engine.losses import LOSSES, Loss, get_loss
from nnviz.engine.model_file import LoadedModel, ModelFileError, load_model, save_model
from nnviz.engine.network import Gradients, Network, StepResult, Trace
from nnviz.engine.optimizers import OPTIMIZERS, SGD, Adam, Momentum, Optimizer, make_optimizer

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation",
    "GRANULARITIES", "batch_indices", "one_hot",
    "GradCheckResult", "gradient_check", "numerical_gradient",
    "INITS", "init_weights",
    "LOSSES", "Loss", "get_loss",
    "LoadedModel", "ModelFileError", "load_model", "save_model",
    "Gradients", "Network", "StepResult", "Trace",
    "OPTIMIZERS", "SGD", "Adam", "Momentum", "Optimizer", "make_optimizer",
]
