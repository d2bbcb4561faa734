"""Where the network diagram lives: every neuron as a circle for small networks, neurons as grids for
image networks; it shows training snapshots, or a digit drawn on the pad with the network that
classified it.

The drawn digit's forward pass is shown with that network's own weights and biases (and, when it is
not the network in training, that network's architecture), so every number on screen together comes
from one network. Training snapshots keep arriving meanwhile; the newest is shown again when the
learner goes back to watching training.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from nnviz.gui.diagram.circles import CircleDiagram
from nnviz.gui.diagram.grids import GridDiagram
from nnviz.training.architecture import Architecture, NewSession


def _same_network_shape(a: Architecture | None, b: Architecture | None) -> bool:
    return a is not None and b is not None and (a.sizes, a.activation_names) == (b.sizes, b.activation_names)


class DiagramStage(QStackedWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.circles = CircleDiagram()
        self.grids = GridDiagram()
        self.addWidget(self.circles)
        self.addWidget(self.grids)
        self._session: NewSession | None = None
        self._drawn_architecture: Architecture | None = None  # what the diagram in use was set to
        self._latest = None  # the newest training snapshot handed in
        self._showing_drawing = False

    def minimumSizeHint(self):  # noqa: N802 (Qt's name)
        """The diagram in use's (a stack's own is its largest page's: the grids' even for a 2-D net)."""
        return self.currentWidget().minimumSizeHint()

    @property
    def current(self) -> CircleDiagram | GridDiagram:
        """The diagram in use for the current session."""
        return self.currentWidget()

    @property
    def showing_drawing(self) -> bool:
        """Whether the diagram shows a digit drawn on the pad rather than training."""
        return self._showing_drawing

    def reset(self, session: NewSession) -> None:
        """Draw a freshly built network: grids for image data, circles otherwise."""
        self._session = session
        self._latest = None
        self._showing_drawing = False
        self.setCurrentWidget(self.grids if session.dataset.image_shape is not None else self.circles)
        self.updateGeometry()  # its minimum size is the diagram's in use
        self._set_network(session.architecture)

    def show_snapshot(self, snapshot, phase=None) -> None:
        """Show a training step (or one phase of it); while a drawing is shown it is kept for later."""
        self._latest = snapshot
        if not self._showing_drawing:
            self.current.show_snapshot(snapshot, phase)

    def show_prediction(self, prediction) -> bool:
        """Play a drawn digit's forward pass with the network that classified it; False where the
        diagram in use cannot (a small network's circles have no image input)."""
        if self.current is not self.grids or self._session is None:
            return False
        if not _same_network_shape(prediction.architecture, self._drawn_architecture):
            self._set_network(prediction.architecture)
        self._showing_drawing = True
        self.grids.show_trace(prediction.trace, prediction.weights, prediction.biases, None)
        return True

    def follow_training(self) -> None:
        """Go back from a drawing to the network in training and its newest snapshot."""
        if not self._showing_drawing:
            return
        self._showing_drawing = False
        if self._session is not None and not _same_network_shape(self._session.architecture, self._drawn_architecture):
            self._set_network(self._session.architecture)
        if self._latest is not None:
            self.current.show_snapshot(self._latest)

    def _set_network(self, architecture: Architecture) -> None:
        self._drawn_architecture = architecture
        self.current.set_network(architecture)
