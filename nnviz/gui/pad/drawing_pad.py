"""The drawing pad: draw a digit, see the 28×28 image the network is given and what it answers.

The pad classifies with whichever source the learner picks ("Bundled model", "Network in training",
"Model file…") but knows nothing about where they come from: the main window registers each source's
DigitClassifier with `set_classifier_source` and answers `source_changed` / `model_file_requested`.
Every prediction goes through DigitClassifier.classify, the path `nnviz predict` takes too, and is
announced with `prediction_made` so the network view can play the drawn digit's forward pass.

The canvas emits image_changed at most once per frame while drawing, and one classification (crop,
scale, centre, one forward pass of one sample) takes about a millisecond, so the bars follow the pen.
The network's input and the bars are drawn by answer_views.py.
"""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSizePolicy,
    QStackedWidget, QVBoxLayout, QWidget,
)

from nnviz.data.digits import CANVAS, preprocess_digit
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.i18n import LANGUAGES, Retranslated, keep_height_across_languages, said
from nnviz.gui.pad.answer_views import PREVIEW_SCALES, WINNER, DigitPreview, ProbabilityBars, share
from nnviz.gui.pad.canvas import DrawingCanvas
from nnviz.training.numbers import short
from nnviz.training.predictor import DigitClassifier, Prediction

__all__ = ["DrawingPad", "ProbabilityBars", "DigitPreview", "SOURCES", "NO_CLASSIFIER"]

#: The classifier sources in the order the combo box lists them: name -> what the learner reads (a
#: marked template: `said()` gives it in the window's language).
SOURCES = {
    "bundled": QT_TRANSLATE_NOOP("DrawingPad", "Bundled model"),  # its test accuracy is the note beside it
    "training": QT_TRANSLATE_NOOP("DrawingPad", "Network in training"),
    "file": QT_TRANSLATE_NOOP("DrawingPad", "Model file…"),
}
#: What the pad says in place of the bars when a source has no classifier and no note of its own.
NO_CLASSIFIER = {
    "bundled": QT_TRANSLATE_NOOP("DrawingPad", "The bundled model is not available."),
    "training": QT_TRANSLATE_NOOP("DrawingPad", "The network in training does not classify digits. Train an MNIST "
                                                "preset to classify your drawing with it."),
    "file": QT_TRANSLATE_NOOP("DrawingPad", "No model file is loaded yet. Pick “Model file…” to choose one."),
}
EMPTY_LABEL = "?"  # in the answer's place while there is none (in EMPTY_COLOR)
EMPTY_COLOR = "#b8b8b8"
MIDDLE_WIDTH = 210  # the column with the network's input and the answer
ANSWER_PIXELS = 56  # the font size of the answer
TIMING_WINDOW = 15  # the time shown is the median of this many recent updates
UNSURE = 0.6  # below this confidence the runner-up is named too


def percentages(prediction: Prediction) -> bool:
    """Whether the pad shows `prediction` as percentages: only softmax outputs add up to 1. Sigmoid
    outputs (mnist-book) are independent; normalised, they would pass for probabilities they are not."""
    return prediction.architecture.outputs_share


def outputs(prediction: Prediction) -> np.ndarray:
    """The output layer's values for the drawing, one per class (clipped to the bars' [0, 1])."""
    return np.clip(np.asarray(prediction.trace.output[0], dtype=np.float64), 0.0, 1.0)


def _check_source(name: str) -> None:
    if name not in SOURCES:
        choices = ", ".join(SOURCES)
        raise ValueError(f"unknown classifier source {name!r}; choose one of {choices}")  # i18n: a bug, not shown


class _GridOfFixedHeight(QGridLayout):
    """A grid that does not say its height depends on its width. Its word-wrapped labels (the
    confidence, the message) would, and a scroll area then keeps the pad at its preferred height,
    scrolling, where it could shrink the canvas and fit; their heights are set so they need not."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return False


class DrawingPad(Retranslated, QWidget):
    """The canvas, the network's view of it, and the classifier's answer, updated as the learner draws."""

    #: The source the learner picked: "bundled", "training" or "file".
    source_changed = Signal(str)
    #: "Model file…" was picked: the window asks for a file, then calls set_classifier_source("file", ...).
    model_file_requested = Signal()
    #: A Prediction of the current drawing (after every change of the drawing or the classifier).
    prediction_made = Signal(object)
    #: The pad stopped showing a prediction (the canvas was cleared, or the source has no classifier).
    prediction_cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._classifiers: dict[str, DigitClassifier | None] = dict.fromkeys(SOURCES)
        self._notes: dict[str, str] = dict.fromkeys(SOURCES, "")
        self._source = "bundled"
        self.prediction: Prediction | None = None
        #: Seconds the last update spent reading the canvas, preprocessing and running the network.
        self.last_update_seconds: float | None = None
        self._recent_seconds: deque[float] = deque(maxlen=TIMING_WINDOW)
        self._save_dir = Path.home()

        self.canvas = DrawingCanvas()
        self.preview = DigitPreview()
        self.bars = ProbabilityBars()

        self.source_combo = QComboBox()
        for name, text in SOURCES.items():
            self.source_combo.addItem(said(text), name)
        self.source_label = QLabel()
        self.source_note = QLabel()
        self.source_note.setStyleSheet("color: #777;")
        self.source_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.label = QLabel(EMPTY_LABEL)
        big = QFont(self.font())
        big.setPixelSize(ANSWER_PIXELS)
        big.setBold(True)
        self.label.setFont(big)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence = QLabel()
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.confidence.setWordWrap(True)
        self.timing = QLabel()
        self.timing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timing.setStyleSheet("color: #999; font-size: 11px;")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #555; background: #f6f6f6; border: 1px solid #e2e2e2; "
                                   "border-radius: 6px; padding: 14px;")
        self.answer = QStackedWidget()
        self.answer.addWidget(self.bars)
        self.answer.addWidget(self.message)

        self.clear_button = QPushButton()
        self.undo_button = QPushButton()
        self.save_button = QPushButton()
        for button in (self.clear_button, self.undo_button, self.save_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys with the canvas

        self._build_layout()
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.source_combo.activated.connect(self._on_source_activated)
        self.canvas.image_changed.connect(self._on_image_changed)
        self.retranslate()
        for button in (self.clear_button, self.undo_button, self.save_button):
            keep_height_across_languages(button)  # (once it has its text) so a switch keeps the canvas's size
        self._on_image_changed()

    def retranslate(self) -> None:
        """Every text in the current language, the answer shown for the drawing too."""
        for i in range(self.source_combo.count()):
            self.source_combo.setItemText(i, said(SOURCES[self.source_combo.itemData(i)]))
        self.source_combo.setToolTip(self.tr("Which network classifies your drawing"))
        self.source_label.setText(self.tr("Classify with:"))
        self.caption.setText(self.tr("what the network sees ({width}×{height})").format(width=CANVAS, height=CANVAS))
        self.label.setToolTip(self.tr("The network's answer: the class whose output is highest"))
        self.timing.setToolTip(self.tr("Time to read the canvas, crop, scale and centre it, and run one forward "
                                       "pass\n(the median of the last {n} updates)").format(n=TIMING_WINDOW))
        undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self.clear_button.setToolTip(self.tr("Clear the canvas (Esc)"))
        self.undo_button.setText(self.tr("Undo ({keys})").format(keys=undo_keys))
        self.undo_button.setToolTip(self.tr("Remove the last stroke ({keys})").format(keys=undo_keys))
        self.save_button.setText(self.tr("Save drawing…"))
        self.save_button.setToolTip(self.tr("Save the drawing as a PNG image, e.g. for `nnviz predict`"))
        self._show_source()
        self._show_confidence()
        self._show_timing()

    def _build_layout(self) -> None:
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        source_row.addWidget(self.source_combo)
        source_row.addSpacing(6)
        source_row.addWidget(self.source_note, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.clear_button, self.undo_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        caption = QLabel()
        caption.setStyleSheet("color: #555;")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = caption
        # Two lines in every language, even while it says less: a runner-up that wraps must not move
        # what is below it (nor a switch to Chinese, whose lines are taller).
        fm = self.confidence.fontMetrics()
        self.confidence.setMinimumHeight(2 * max(fm.size(0, language.name).height() for language in LANGUAGES))
        middle_column = QWidget()
        middle_column.setFixedWidth(MIDDLE_WIDTH)  # so changing numbers never shift the columns
        middle = QVBoxLayout(middle_column)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(2)
        middle.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        middle.addWidget(caption)
        middle.addWidget(self.label)
        middle.addWidget(self.confidence)
        middle.addWidget(self.timing)
        middle.addStretch(1)
        self._middle_column = middle_column
        middle_column.installEventFilter(self)

        # The canvas and its buttons on the left; the network's input and answer beside them, as tall
        # as both. Short of height, the canvas and the input's preview shrink (to MIN_SIDE and 4 pixels
        # per input pixel) before the tab needs to scroll; the bars are as tall as the canvas.
        grid = _GridOfFixedHeight(self)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        grid.addLayout(source_row, 0, 0, 1, 3)
        grid.addWidget(self.canvas, 1, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(buttons, 2, 0)
        grid.addWidget(middle_column, 1, 1, 2, 1)
        grid.addWidget(self.answer, 1, 2)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(3, 1)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._middle_column and event.type() == QEvent.Type.Resize:
            self._on_middle_resized()
        return super().eventFilter(watched, event)

    def _on_middle_resized(self) -> None:
        """The preview at 5 pixels per input pixel if the column has room for it, else at 4: never
        between, where it would push the caption away from the image."""
        small, large = min(PREVIEW_SCALES), max(PREVIEW_SCALES)
        spare = self._middle_column.height() - self._middle_column.layout().minimumSize().height()
        self.preview.limit_scale(large if spare >= (large - small) * CANVAS else small)

    # -- sources ------------------------------------------------------------------------------------

    @property
    def current_source(self) -> str:
        return self._source

    @property
    def classifier(self) -> DigitClassifier | None:
        """The classifier of the current source (None if it has none)."""
        return self._classifiers[self._source]

    def set_classifier_source(self, name: str, classifier: DigitClassifier | None, note: str = "") -> None:
        """Register or update source `name` ("bundled", "training" or "file").

        note: a short line shown beside the source while it is chosen, e.g. "98.6% on the test set";
        without a classifier it is the message shown in place of the bars (why there is none). A Phrase
        or Template (nnviz.engine.phrases) is said in the window's language, again after a switch.
        """
        _check_source(name)
        self._classifiers[name] = classifier
        self._notes[name] = note
        if name == self._source:
            self._show_source()
            self._update_prediction()

    def select_source(self, name: str) -> None:
        """Choose source `name` programmatically (emits nothing: the caller knows)."""
        _check_source(name)
        self.source_combo.setCurrentIndex(self.source_combo.findData(name))
        if name != self._source:
            self._source = name
            self._show_source()
            self._update_prediction()

    def _on_source_activated(self, index: int) -> None:
        name = self.source_combo.itemData(index)
        changed = name != self._source
        self._source = name
        self._show_source()
        self._update_prediction()
        if changed:
            self.source_changed.emit(name)
        if name == "file":
            self.model_file_requested.emit()

    def _show_source(self) -> None:
        classifier = self.classifier
        note = said(self._notes[self._source])
        self.source_note.setText(note if classifier is not None else "")
        self.source_note.setToolTip(note)
        self.message.setText(note or said(NO_CLASSIFIER[self._source]))
        self.answer.setCurrentWidget(self.bars if classifier is not None else self.message)

    # -- predictions --------------------------------------------------------------------------------

    @property
    def message_shown(self) -> bool:
        """Whether the inline message stands in for the bars (the source has no classifier)."""
        return self.answer.currentWidget() is self.message

    def _on_image_changed(self) -> None:
        self._update_prediction()
        empty = self.canvas.is_empty
        self.clear_button.setEnabled(not empty)
        self.undo_button.setEnabled(not empty)
        self.save_button.setEnabled(not empty)

    def _update_prediction(self) -> None:
        classifier = self.classifier
        if self.canvas.is_empty:
            self._show_prediction(None)
            self.preview.set_digit(None)
            self._recent_seconds.clear()
            self._show_timing()
            return
        start = time.perf_counter()
        image = self.canvas.image()
        if classifier is None:
            # No network to ask, but the learner still sees what one would be given.
            self.preview.set_digit(preprocess_digit(image))
            self._show_prediction(None)
            self._recent_seconds.clear()
            self._show_timing()
            return
        # One BLAS thread for these small products: split over two cores, each waits for the busier
        # one, and a drawing update that takes ~1 ms could take a frame or more.
        with threadpool_limits(limits=1, user_api="blas"):
            prediction = classifier.classify(image)
        self.last_update_seconds = time.perf_counter() - start
        self.preview.set_digit(prediction.digit)
        self._show_prediction(prediction)
        self._recent_seconds.append(self.last_update_seconds)
        self._show_timing()
        self.prediction_made.emit(prediction)

    def _show_timing(self) -> None:
        """The median time of the recent updates ("" while there are none to time)."""
        if not self._recent_seconds:
            self.timing.setText("")
            return
        typical = float(np.median(self._recent_seconds))
        self.timing.setText(self.tr("read + preprocess + forward: {ms} ms").format(ms=f"{1000 * typical:.1f}"))

    def _show_prediction(self, prediction: Prediction | None) -> None:
        had_one = self.prediction is not None
        self.prediction = prediction
        if prediction is None:
            self.label.setText(EMPTY_LABEL)
            self.label.setStyleSheet(f"color: {EMPTY_COLOR};")
            self.bars.set_probabilities(None)
            self._show_confidence()
            if had_one:
                self.prediction_cleared.emit()
            return
        self.label.setText(prediction.class_name)
        self.label.setStyleSheet(f"color: {WINNER.name()};")
        if percentages(prediction):
            self.bars.set_probabilities(prediction.probabilities, self.classifier.class_names)
        else:
            self.bars.set_probabilities(outputs(prediction), self.classifier.class_names, percentages=False)
        self._show_confidence()

    def _show_confidence(self) -> None:
        """How sure the network is of the prediction shown, and its second guess when it is unsure;
        for outputs that are not softmax's, the outputs themselves (see `percentages`)."""
        prediction = self.prediction
        if prediction is None:
            # The empty answer's caption, like the input's above it.
            self.confidence.setText(self.tr("what the network answers"))
            self.confidence.setStyleSheet("color: #555;")
            return
        self.confidence.setStyleSheet("")
        unsure = prediction.confidence < UNSURE and len(prediction.probabilities) > 1
        runner_up = int(np.argsort(prediction.probabilities)[-2]) if unsure else None
        other = None if runner_up is None else prediction.architecture.class_names[runner_up]
        if not percentages(prediction):
            values = outputs(prediction)
            value = short(values[prediction.label], tiny=False)
            self.confidence.setText(self.tr("output {value}").format(value=value) if runner_up is None else
                                    self.tr("output {value} — or {other} ({other_value})?").format(
                                        value=value, other=other, other_value=short(values[runner_up], tiny=False)))
        elif runner_up is not None:
            self.confidence.setText(self.tr("{confidence} confident — or {other} ({probability})?").format(
                confidence=share(prediction.confidence), other=other,
                probability=share(prediction.probabilities[runner_up])))
        else:
            self.confidence.setText(self.tr("{confidence} confident").format(confidence=share(prediction.confidence)))

    # -- saving -------------------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        name = f"digit-{self.prediction.class_name}.png" if self.prediction is not None else "digit.png"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save drawing"), str(self._save_dir / name),
                                              self.tr("PNG images (*.png)"))
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            self.canvas.save_png(path)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Save drawing"),
                                self.tr("The drawing could not be saved:\n{error}").format(error=e))
            return
        self._save_dir = path.parent
