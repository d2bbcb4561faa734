"""The drawing pad: draw a digit, see the 28×28 image the network is given and what it answers.

The pad classifies with whichever source the learner picks ("Bundled model", "Network in training",
"Model file…") but knows nothing about where they come from: the main window registers each source's
DigitClassifier with `set_classifier_source` and answers `source_changed` / `model_file_requested`.
Every prediction goes through DigitClassifier.classify, the path `nnviz predict` takes too, and is
announced with `prediction_made` so the network view can play the drawn digit's forward pass.

The canvas emits image_changed at most once per frame while drawing, and one classification (crop,
scale, centre, one forward pass of one sample) takes about a millisecond, so the bars follow the pen.
"""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSizePolicy,
    QStackedWidget, QVBoxLayout, QWidget,
)

from nnviz.data.digits import CANVAS, preprocess_digit
from nnviz.gui.theme import POSITIVE, percent
from nnviz.gui.pad.canvas import CANVAS_SIZE, DrawingCanvas
from nnviz.training.predictor import DigitClassifier, Prediction

__all__ = ["DrawingPad", "ProbabilityBars", "DigitPreview", "SOURCES", "NO_CLASSIFIER"]

#: The classifier sources in the order the combo box lists them: name -> what the learner reads.
SOURCES = {
    "bundled": "Bundled model",  # its test accuracy, from its metadata, is the note beside it
    "training": "Network in training",
    "file": "Model file…",
}
#: What the pad says in place of the bars when a source has no classifier and no note of its own.
NO_CLASSIFIER = {
    "bundled": "The bundled model is not available.",
    "training": "The network in training does not classify digits. Train an MNIST preset to classify "
                "your drawing with it.",
    "file": "No model file is loaded yet. Pick “Model file…” to choose one.",
}
EMPTY_LABEL = "—"
PREVIEW_SCALE = 5  # screen pixels per input pixel in the "what the network sees" image
MIDDLE_WIDTH = 210  # the column with the network's input and the answer
TIMING_WINDOW = 15  # the time shown is the median of this many recent updates
UNSURE = 0.6  # below this confidence the runner-up is named too

TEXT = QColor("#333333")
SUBTLE = QColor("#777777")
TRACK = QColor("#e2e2e2")
BAR = QColor("#b4b4b4")
WINNER = QColor(*POSITIVE)


def _percent(p: float) -> str:
    """theme.percent, except at the ends, where a rounded "0.0 %" or "100.0 %" would overstate."""
    if p <= 0:
        return percent(0.0, 0)
    if p < 0.001:
        return "<" + percent(0.001)
    if p > 0.999:
        return ">" + percent(0.999)
    return percent(p)


class ProbabilityBars(QWidget):
    """One horizontal bar per class with its name and percentage; the most likely class in orange."""

    def __init__(self, names: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._names = list(names or [str(k) for k in range(10)])
        self._p: np.ndarray | None = None
        self.setMinimumSize(200, 200)
        self.setToolTip("The network's answer for each class, as probabilities that add up to 100%")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, CANVAS_SIZE)

    @property
    def probabilities(self) -> np.ndarray | None:
        return self._p

    @property
    def winner(self) -> int | None:
        return None if self._p is None else int(np.argmax(self._p))

    def set_probabilities(self, probabilities: np.ndarray | None, names: list[str] | None = None) -> None:
        """probabilities: one per class, summing to 1; None empties every bar."""
        if names is not None:
            self._names = list(names)
        self._p = None if probabilities is None else np.asarray(probabilities, dtype=np.float64).copy()
        if self._p is not None and len(self._p) != len(self._names):
            self._names = [str(k) for k in range(len(self._p))]
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            font = QFont(self.font())
            font.setPixelSize(14)
            bold = QFont(font)
            bold.setBold(True)
            fm = QFontMetricsF(bold)
            label_w = max(fm.horizontalAdvance(name) for name in self._names) + 10
            percent_w = fm.horizontalAdvance(_percent(1.0)) + 8
            n = len(self._names)
            row_h = self.height() / n
            bar_h = min(16.0, row_h * 0.6)
            track_x = label_w
            track_w = max(10.0, self.width() - label_w - percent_w)
            winner = self.winner
            for k, name in enumerate(self._names):
                top = k * row_h
                is_winner = k == winner
                painter.setFont(bold if is_winner else font)
                painter.setPen(WINNER if is_winner else TEXT)
                painter.drawText(QRectF(0, top, label_w - 8, row_h),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
                bar = QRectF(track_x, top + (row_h - bar_h) / 2, track_w, bar_h)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(TRACK)
                painter.drawRoundedRect(bar, 3, 3)
                if self._p is None:
                    continue
                p = float(self._p[k])
                if p > 0:
                    painter.setBrush(WINNER if is_winner else BAR)
                    painter.drawRoundedRect(QRectF(bar.x(), bar.y(), max(2.0, p * track_w), bar_h), 3, 3)
                painter.setPen(WINNER if is_winner else SUBTLE)
                painter.drawText(QRectF(track_x + track_w, top, percent_w, row_h),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _percent(p))
        finally:
            painter.end()


class DigitPreview(QWidget):
    """The 28×28 network input, enlarged with nearest-neighbour scaling: ink = 1 is white, 0 black."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._digit: np.ndarray | None = None
        self._image = QImage()
        side = CANVAS * PREVIEW_SCALE
        self.setFixedSize(side, side)
        self.setToolTip(
            "Your drawing as the network receives it, the way MNIST's digits were made: cropped to the ink,\n"
            "scaled so its longer side is 20 pixels, and centred by its centre of mass in 28×28 pixels.\n"
            "Each of the 784 pixels is one input neuron: white = 1 (ink), black = 0."
        )

    @property
    def digit(self) -> np.ndarray | None:
        return self._digit

    def set_digit(self, digit: np.ndarray | None) -> None:
        """digit: (28, 28) in [0, 1] with ink = 1, or None for an empty input."""
        self._digit = None if digit is None else np.array(digit, dtype=np.float32)
        if self._digit is None:
            self._image = QImage()
        else:
            pixels = np.ascontiguousarray(np.round(np.clip(self._digit, 0, 1) * 255).astype(np.uint8))
            h, w = pixels.shape
            self._image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
            if not self._image.isNull():
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                painter.drawImage(QRectF(self.rect()), self._image)
        finally:
            painter.end()


class DrawingPad(QWidget):
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
            self.source_combo.addItem(text, name)
        self.source_combo.setToolTip("Which network classifies your drawing")
        self.source_note = QLabel()
        self.source_note.setStyleSheet("color: #777;")
        self.source_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.label = QLabel(EMPTY_LABEL)
        big = QFont(self.font())
        big.setPixelSize(64)
        big.setBold(True)
        self.label.setFont(big)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setToolTip("The class with the highest probability")
        self.confidence = QLabel()
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence.setWordWrap(True)
        self.timing = QLabel()
        self.timing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timing.setStyleSheet("color: #999; font-size: 11px;")
        self.timing.setToolTip("Time to read the canvas, crop, scale and centre it, and run one forward pass\n"
                               f"(the median of the last {TIMING_WINDOW} updates)")

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #555; background: #f6f6f6; border: 1px solid #e2e2e2; "
                                   "border-radius: 6px; padding: 14px;")
        self.answer = QStackedWidget()
        self.answer.addWidget(self.bars)
        self.answer.addWidget(self.message)

        undo_keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
        self.clear_button = QPushButton("Clear (Esc)")
        self.clear_button.setToolTip("Clear the canvas (Esc)")
        self.undo_button = QPushButton(f"Undo ({undo_keys})")
        self.undo_button.setToolTip(f"Remove the last stroke ({undo_keys})")
        self.save_button = QPushButton("Save drawing…")
        self.save_button.setToolTip("Save the drawing as a PNG image, e.g. for `nnviz predict`")
        for button in (self.clear_button, self.undo_button, self.save_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys with the canvas

        self._build_layout()
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.source_combo.activated.connect(self._on_source_activated)
        self.canvas.image_changed.connect(self._on_image_changed)
        self._show_source()
        self._on_image_changed()

    def _build_layout(self) -> None:
        source_row = QHBoxLayout()
        source_row.addWidget(QLabel("Classify with:"))
        source_row.addWidget(self.source_combo)
        source_row.addSpacing(6)
        source_row.addWidget(self.source_note, 1)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.clear_button, self.undo_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        caption = QLabel(f"what the network sees ({CANVAS}×{CANVAS})")
        caption.setStyleSheet("color: #555;")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = caption
        middle_column = QWidget()
        middle_column.setFixedWidth(MIDDLE_WIDTH)  # so changing numbers never shift the columns
        middle = QVBoxLayout(middle_column)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(4)
        middle.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        middle.addWidget(caption)
        middle.addSpacing(6)
        middle.addWidget(self.label)
        middle.addWidget(self.confidence)
        middle.addWidget(self.timing)
        middle.addStretch(1)

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        grid.addLayout(source_row, 0, 0, 1, 3)
        grid.addWidget(self.canvas, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(middle_column, 1, 1)
        grid.addWidget(self.answer, 1, 2)
        grid.addLayout(buttons, 2, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(3, 1)

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
        without a classifier it is the message shown in place of the bars (why there is none).
        """
        if name not in SOURCES:
            raise ValueError(f"unknown classifier source {name!r}; choose one of {', '.join(SOURCES)}")
        self._classifiers[name] = classifier
        self._notes[name] = note
        if name == self._source:
            self._show_source()
            self._update_prediction()

    def select_source(self, name: str) -> None:
        """Choose source `name` programmatically (emits nothing: the caller knows)."""
        if name not in SOURCES:
            raise ValueError(f"unknown classifier source {name!r}; choose one of {', '.join(SOURCES)}")
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
        note = self._notes[self._source]
        self.source_note.setText(note if classifier is not None else "")
        self.source_note.setToolTip(note)
        self.message.setText(note or NO_CLASSIFIER[self._source])
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
            self.confidence.setText("")
            self.timing.setText("")
            return
        start = time.perf_counter()
        image = self.canvas.image()
        if classifier is None:
            # No network to ask, but the learner still sees what one would be given.
            self.preview.set_digit(preprocess_digit(image))
            self._show_prediction(None)
            self.confidence.setText("")
            self.timing.setText("")
            return
        # One BLAS thread for these small products: split over two cores, each waits for the busier
        # one, and a drawing update that takes ~1 ms could take a frame or more.
        with threadpool_limits(limits=1, user_api="blas"):
            prediction = classifier.classify(image)
        self.last_update_seconds = time.perf_counter() - start
        self.preview.set_digit(prediction.digit)
        self._show_prediction(prediction)
        self._recent_seconds.append(self.last_update_seconds)
        typical = float(np.median(self._recent_seconds))
        self.timing.setText(f"read + preprocess + forward: {1000 * typical:.1f} ms")
        self.prediction_made.emit(prediction)

    def _show_prediction(self, prediction: Prediction | None) -> None:
        had_one = self.prediction is not None
        self.prediction = prediction
        if prediction is None:
            self.label.setText(EMPTY_LABEL)
            self.label.setStyleSheet(f"color: {SUBTLE.name()};")
            self.bars.set_probabilities(None)
            if had_one:
                self.prediction_cleared.emit()
            return
        names = self.classifier.class_names
        self.label.setText(prediction.class_name)
        self.label.setStyleSheet(f"color: {WINNER.name()};")
        self.bars.set_probabilities(prediction.probabilities, names)
        text = f"{_percent(prediction.confidence)} confident"
        if prediction.confidence < UNSURE and len(prediction.probabilities) > 1:
            runner_up = int(np.argsort(prediction.probabilities)[-2])
            text += f" — or {names[runner_up]} ({_percent(prediction.probabilities[runner_up])})?"
        self.confidence.setText(text)

    # -- saving -------------------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        name = f"digit-{self.prediction.class_name}.png" if self.prediction is not None else "digit.png"
        path, _ = QFileDialog.getSaveFileName(self, "Save drawing", str(self._save_dir / name),
                                              "PNG images (*.png)")
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            self.canvas.save_png(path)
        except OSError as e:
            QMessageBox.warning(self, "Save drawing", f"The drawing could not be saved:\n{e}")
            return
        self._save_dir = path.parent
