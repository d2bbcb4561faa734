"""Shared set-up for the network diagram tests: a diagram of a session's network, pixels as RGB, and
sessions on random data for shapes no preset has."""

import numpy as np
from PySide6.QtCore import QPointF

from nnviz.data.dataset import Dataset
from nnviz.engine.network import Network
from nnviz.gui.theme import precise
from nnviz.training import Hyperparameters, TrainingSession
from nnviz.training.architecture import Architecture


def diagram_of(qtbot, cls, session, size=(640, 400)):
    """A `cls` diagram (CircleDiagram or GridDiagram) set to the session's network, not yet shown."""
    view = cls()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_network(Architecture.of(session.network, session.dataset))
    return view


def rgb(image, point: QPointF) -> np.ndarray:
    c = image.pixelColor(point.toPoint())
    return np.array([c.red(), c.green(), c.blue()])


def as_rgb(color) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()])


def random_session(sizes, steps=2, image_shape=None, seed=0) -> TrainingSession:
    """A ReLU/softmax session on random data after `steps` steps of batch 8 (inputs an image of
    image_shape when given)."""
    rng = np.random.default_rng(seed)
    n_out = sizes[-1]
    x = rng.random((40, sizes[0])).astype(np.float32)
    labels = rng.integers(0, n_out, 40)
    data = Dataset("random", x, labels, x, labels, tuple(str(k) for k in range(n_out)),
                   tuple(f"pixel {j}" for j in range(sizes[0])), image_shape=image_shape)
    net = Network(sizes, hidden="relu", output="softmax", loss="ce", init="he", seed=seed)
    session = TrainingSession(net, data, Hyperparameters(granularity="minibatch", batch_size=8))
    for _ in range(steps):
        session.step()
    return session


def assert_tells_the_numbers(text: str, snap, layer: int, i: int) -> None:
    """A neuron's tooltip tells the shown sample's z, a and δ and the neuron's bias, as theme.precise
    writes them."""
    step = snap.last_step
    for name, value in (("z", step.zs[layer - 1][0][i]), ("a", step.activations[layer][0][i]),
                        ("δ", step.deltas[layer - 1][0][i]), ("bias b", snap.biases[layer - 1][i])):
        assert f"{name} = {precise(value)}" in text
