"""The networks the drawing pad can classify with: the bundled model, the network in training (from
the newest snapshot) and a model file the learner picks; and the pad's wiring to the diagram, which
plays a drawn digit's forward pass with the network that classified it.

The notes handed to the pad are Phrases (the English text that remembers its template), so the pad
says them again in another language after a switch."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject

from nnviz.data.bundled import bundled_model_path
from nnviz.engine.model_file import ModelFileError, load_model
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.pad.drawing_pad import DrawingPad
from nnviz.gui.theme import percent
from nnviz.training.architecture import NewSession
from nnviz.training.messages import message_of
from nnviz.training.predictor import DigitClassifier
from nnviz.training.presets import check_drawable

# The network in training is handed to the pad at most this often (each hand-over re-classifies
# the drawing: about a millisecond).
TRAINING_REFRESH_SECONDS = 0.2


def accuracy_note(model) -> str:
    """"784-256-128-10 relu · 98.95 % on MNIST's test set" from a model file: which network classifies
    the drawing (the diagram then shows it, not the one in training) and, from its metadata, how well."""
    network = model.network
    hidden = sorted({f.name for f in network.activations[:-1]})
    shape = "-".join(str(n) for n in network.sizes) + (f" {'/'.join(hidden)}" if hidden else "")
    accuracy = model.metadata.get("metrics", {}).get("test_accuracy")
    if not isinstance(accuracy, float):
        return shape
    return QT_TRANSLATE_NOOP("PadSources", "{network} · {accuracy} on MNIST's test set").format(
        network=shape, accuracy=percent(accuracy, 2))


def digit_classifier_from_file(path: str | Path) -> DigitClassifier:
    """A digit classifier from a model file; ModelFileError or ValueError saying why it cannot be one."""
    model = load_model(path)
    sizes = model.network.sizes
    check_drawable(sizes, "mnist")  # the pad draws every output and classifies on each stroke
    if sizes[-1] != 10:
        raise ValueError(QT_TRANSLATE_NOOP("PadSources", "{file} has {outputs} outputs; a digit classifier has 10")
                         .format(file=Path(path).name, outputs=sizes[-1]))
    return DigitClassifier.from_model(model, path)


class PadSources(QObject):
    def __init__(self, pad: DrawingPad, stage, controller, memory, parent=None):
        super().__init__(parent)
        self.pad = pad
        self.stage = stage  # the DiagramStage
        self.controller = controller  # the TrainingController: session and newest snapshot
        self.memory = memory  # the WindowMemory: where model files were last opened
        self._refreshed = 0.0
        self._register_bundled_model()
        pad.source_changed.connect(self._on_source_changed)
        pad.model_file_requested.connect(self._on_model_file_requested)
        pad.prediction_made.connect(self._on_prediction_made)
        pad.prediction_cleared.connect(stage.follow_training)

    def _on_source_changed(self, name: str) -> None:
        if name == "training":
            self.follow_training(self.controller.session, self.controller.latest, force=True)

    def _on_model_file_requested(self) -> None:
        path = self.memory.open_model(self.pad.window(), self.tr("Classify with a model file"))
        if path is not None and (error := self.use_file(path)) is not None:
            self.controller.say(error, 10000)

    def _on_prediction_made(self, prediction) -> None:
        if self.pad.isVisible():  # the diagram shows the drawing only while the learner draws
            self.stage.show_prediction(prediction)

    def _register_bundled_model(self) -> None:
        path = bundled_model_path()
        try:
            model = load_model(path)
            classifier = DigitClassifier.from_model(model, path)
        except (ModelFileError, ValueError) as exc:
            self.pad.set_classifier_source("bundled", None, QT_TRANSLATE_NOOP(
                "PadSources", "The bundled model could not be loaded: {error}").format(error=message_of(exc)))
            return
        self.pad.set_classifier_source("bundled", classifier, accuracy_note(model))

    def follow_training(self, session: NewSession | None, snapshot, force: bool = False) -> None:
        """Point "Network in training" at `snapshot`, a few times a second at most (or now, if `force`)."""
        if session is None or (self.pad.current_source != "training" and not force):
            return
        architecture = session.architecture
        if session.dataset.image_shape is None:
            self.pad.set_classifier_source("training", None, QT_TRANSLATE_NOOP(
                "PadSources", "The network in training learns {data}, not digits: choose an MNIST preset to draw "
                              "for it.").format(data=session.dataset.name))
            return
        now = time.perf_counter()
        if snapshot is None or (not force and now - self._refreshed < TRAINING_REFRESH_SECONDS):
            return
        self._refreshed = now
        classifier = DigitClassifier.from_snapshot(
            snapshot, architecture.activation_names[:-1], architecture.output_activation,
            architecture.input_scaling, list(architecture.class_names))
        accuracy = snapshot.history["test_accuracy"]
        if len(accuracy):
            note = QT_TRANSLATE_NOOP("PadSources", "step {step}, {accuracy} on the test set").format(
                step=f"{snapshot.step:,}", accuracy=percent(accuracy[-1]))
        else:
            note = QT_TRANSLATE_NOOP("PadSources", "step {step}, not trained yet").format(step=f"{snapshot.step:,}")
        self.pad.set_classifier_source("training", classifier, note)

    def use_file(self, path: str | Path) -> str | None:
        """Classify with the model in `path`; the error line if it cannot be used (None if it can): a
        Phrase where the error has one, to be said in the window's language."""
        try:
            classifier = digit_classifier_from_file(path)
        except (ModelFileError, ValueError) as exc:
            note = QT_TRANSLATE_NOOP("PadSources", "Could not use {file}: {error}").format(
                file=Path(path).name, error=message_of(exc))
            self.pad.set_classifier_source("file", None, note)
            return message_of(exc)
        self.pad.set_classifier_source("file", classifier, Path(path).name)
        return None
