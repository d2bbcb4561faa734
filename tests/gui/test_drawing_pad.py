"""The drawing pad driven with real mouse strokes: digits drawn on the canvas are classified correctly,
the network's 28×28 input does not depend on where or how large the digit is drawn and is shown as the
network diagram shows its input (dark ink on white), Undo and Esc edit the drawing, a saved PNG gives
`nnviz predict` the pad's answer, and predictions are rate-limited."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (QAction, QImage, QInputDevice, QKeySequence, QMouseEvent, QPointingDevice,
                           QTabletEvent)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from nnviz.cli import main
from nnviz.engine.model_file import load_model
from nnviz.gui.pad.canvas import CANVAS_SIZE, DEFAULT_BRUSH_WIDTH, FRAME_MS, DrawingCanvas
from nnviz.gui.pad.drawing_pad import EMPTY_LABEL, NO_CLASSIFIER, DrawingPad
from nnviz.gui.theme import FRAME, INK, PIXELS
from nnviz.training.predictor import DigitClassifier, Prediction

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "models" / "mnist.npz"


# -- the classifier ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def digit_model_path() -> Path:
    """The bundled MNIST model: the one a learner classifies with on first launch."""
    assert BUNDLED.is_file(), f"the bundled model is missing: {BUNDLED}"
    return BUNDLED


@pytest.fixture(scope="session")
def digit_classifier(digit_model_path) -> DigitClassifier:
    return DigitClassifier.from_model(load_model(digit_model_path), digit_model_path)


@pytest.fixture
def pad(qtbot, digit_classifier):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.set_classifier_source("bundled", digit_classifier, note="test model")
    pad.show()
    qtbot.waitExposed(pad)
    return pad


# -- drawing with the mouse -------------------------------------------------------------------------

def _send_move(canvas, pos: QPointF) -> None:
    # QTest.mouseMove does not carry a held button; a drag is a move event with LeftButton in buttons().
    event = QMouseEvent(QEvent.Type.MouseMove, pos, canvas.mapToGlobal(pos), Qt.MouseButton.NoButton,
                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, event)


def draw_stroke(qtbot, canvas, points, step: float = 3.0, process: bool = True) -> int:
    """Press at the first point, drag through the others in steps of at most `step` px, release at the
    last. Returns the number of move events sent."""
    points = [QPointF(float(x), float(y)) for x, y in points]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=points[0].toPoint())
    moves = 0
    for a, b in zip(points, points[1:]):
        n = max(1, math.ceil(math.hypot(b.x() - a.x(), b.y() - a.y()) / step))
        for i in range(1, n + 1):
            _send_move(canvas, a + (b - a) * (i / n))
            moves += 1
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=points[-1].toPoint())
    if process:
        QApplication.processEvents()
    return moves


def arc(cx, cy, rx, ry, start_deg, end_deg, n=48):
    """Points along an elliptical arc; angles in degrees, 0 = right, 90 = down (screen coordinates)."""
    t = np.deg2rad(np.linspace(start_deg, end_deg, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def figure_eight(cx, cy, half_width, half_height, n=120):
    """One continuous stroke of two stacked loops, starting and ending at the top."""
    t = np.linspace(0, 2 * np.pi, n)
    return np.stack([cx + half_width * np.sin(2 * t), cy - half_height * np.cos(t)], axis=1)


# Digits as strokes in canvas pixels (280×280), drawn the way people draw them.
DIGITS = {
    0: [arc(140, 140, 62, 96, -90, 275)],
    1: [np.array([(118, 78), (148, 44), (146, 236)])],
    3: [np.concatenate([arc(136, 92, 52, 46, -155, 90), arc(136, 186, 60, 50, -90, 155)])],
    7: [np.array([(78, 58), (202, 58), (124, 236)])],
    8: [figure_eight(140, 140, 56, 98)],
}


def draw_digit(qtbot, canvas, strokes, shift=(0.0, 0.0), scale=1.0, center=(140.0, 140.0)):
    for stroke in strokes:
        p = (np.asarray(stroke, dtype=np.float64) - center) * scale + center + shift
        draw_stroke(qtbot, canvas, p)


# -- classification ---------------------------------------------------------------------------------

@pytest.mark.parametrize("digit", [0, 1, 7, 8])
def test_a_drawn_digit_is_classified_correctly(qtbot, pad, digit):
    with qtbot.waitSignal(pad.prediction_made, timeout=2000) as made:
        draw_digit(qtbot, pad.canvas, DIGITS[digit])
    prediction = pad.prediction
    assert isinstance(made.args[0], Prediction)
    assert prediction.label == digit, f"drew {digit}, got {prediction.label}: {prediction.probabilities.round(3)}"
    assert pad.label.text() == str(digit)
    assert pad.bars.winner == digit
    np.testing.assert_allclose(pad.bars.probabilities, prediction.probabilities)
    assert not pad.message_shown
    # The preview is the very input the network was given.
    np.testing.assert_array_equal(pad.preview.digit, prediction.digit)


def test_the_28x28_input_does_not_depend_on_position_or_size(qtbot, digit_classifier):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)

    def input_of(**how) -> np.ndarray:
        canvas.clear()
        draw_digit(qtbot, canvas, DIGITS[7], **how)
        return digit_classifier.classify(canvas.image()).digit

    original = input_of()
    shifted = input_of(shift=(-45.0, 30.0))
    assert np.abs(shifted - original).max() < 1e-6
    # Drawn at 60% of the size with a brush 60% as wide: the same picture, smaller.
    canvas.brush_width = DEFAULT_BRUSH_WIDTH * 0.6
    smaller = input_of(scale=0.6, shift=(20.0, -10.0))
    assert np.abs(smaller - original).max() < 0.2
    assert np.abs(smaller - original).mean() < 0.01
    assert original.sum() > 50  # a real digit, not two empty images


# -- editing ----------------------------------------------------------------------------------------

def test_undo_removes_the_last_stroke_exactly(qtbot, pad):
    draw_stroke(qtbot, pad.canvas, DIGITS[7][0])
    before = pad.canvas.image()
    label_before = pad.prediction.label
    draw_stroke(qtbot, pad.canvas, [(60, 150), (220, 150)])  # a crossbar
    assert not np.array_equal(pad.canvas.image(), before)
    qtbot.keyClick(pad.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    np.testing.assert_array_equal(pad.canvas.image(), before)
    assert len(pad.canvas.strokes()) == 1
    assert pad.prediction.label == label_before
    pad.undo_button.click()
    assert pad.canvas.is_empty and not pad.canvas.image().any()
    assert pad.label.text() == EMPTY_LABEL


def test_esc_clears_the_canvas_and_the_prediction(qtbot, pad):
    draw_digit(qtbot, pad.canvas, DIGITS[8])
    assert pad.prediction is not None and pad.canvas.hasFocus()
    with qtbot.waitSignal(pad.prediction_cleared, timeout=1000):
        qtbot.keyClick(pad.canvas, Qt.Key.Key_Escape)
    image = pad.canvas.image()
    assert image.shape == (CANVAS_SIZE, CANVAS_SIZE) and image.dtype == np.float32
    assert not image.any()
    assert pad.prediction is None
    assert pad.label.text() == EMPTY_LABEL
    assert pad.bars.probabilities is None
    assert pad.preview.digit is None
    assert not pad.clear_button.isEnabled() and not pad.undo_button.isEnabled()


def test_a_fresh_pad_shows_no_prediction_and_a_hint(qtbot, pad):
    assert pad.prediction is None and pad.label.text() == EMPTY_LABEL
    assert pad.confidence.text() == "what the network answers"  # the empty answer's caption
    assert pad.label.toolTip() == "The network's answer: the class whose output is highest"
    assert pad.bars.probabilities is None
    assert pad.canvas.placeholder_text == "Draw a digit (0–9) with the mouse"
    assert pad.canvas.image().shape == (280, 280) and not pad.canvas.image().any()


# -- the network's input, as the diagram shows it ---------------------------------------------------

def preview_pixels(preview) -> np.ndarray:
    """The preview as shown: (h, w, 3) uint8 RGB of the widget's own pixels."""
    image = preview.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8, count=h * stride).reshape(h, stride)
    return rows[:, :3 * w].reshape(h, w, 3).copy()


def input_pixel_centres(preview) -> tuple[np.ndarray, np.ndarray]:
    """Widget rows and columns of the centres of the preview's 28×28 input pixels."""
    rect, scale = preview.image_rect(), preview.scale
    centres = np.arange(28) * scale + scale // 2
    return rect.top() + centres, rect.left() + centres


def test_an_empty_input_is_a_white_square_in_a_thin_frame(qtbot, pad):
    assert pad.preview.digit is None
    shown = preview_pixels(pad.preview)
    rect = pad.preview.image_rect()
    inside = shown[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
    assert inside.shape[:2] == (28 * pad.preview.scale,) * 2
    assert (inside == 255).all()  # light ground, never the black square of MNIST's storage
    frame = (FRAME.red(), FRAME.green(), FRAME.blue())
    assert tuple(shown[rect.top() - 1, rect.center().x()]) == frame
    assert tuple(shown[rect.center().y(), rect.left() - 1]) == frame
    assert tuple(shown[rect.bottom() + 1, rect.center().x()]) == frame
    assert "dark = 1 (ink), white = 0" in pad.preview.toolTip()


def test_the_input_is_shown_dark_on_white_like_the_diagram_and_is_the_networks_input(qtbot, pad):
    draw_digit(qtbot, pad.canvas, DIGITS[7])
    digit = pad.preview.digit
    np.testing.assert_array_equal(digit, pad.prediction.digit)  # the values are the network's input
    rows, cols = input_pixel_centres(pad.preview)
    shown = preview_pixels(pad.preview)[np.ix_(rows, cols)]  # (28, 28, 3): one sample per input pixel
    np.testing.assert_array_equal(shown, PIXELS.rgb(digit))  # the diagram's colours, pixel for pixel
    ink = digit > 0.99
    assert ink.sum() > 10 and (digit == 0).sum() > 300
    assert shown[ink].max() <= INK[0] + 3  # dark ink (the diagram's) where the stroke went
    assert (shown[digit == 0] == 255).all()  # no ink is white


def test_a_click_draws_a_round_dot_of_the_brush_width(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 120))
    ink = canvas.image()
    area = float(ink.sum())
    assert area == pytest.approx(math.pi * (DEFAULT_BRUSH_WIDTH / 2) ** 2, rel=0.05)
    rows, cols = np.nonzero(ink > 0.5)
    assert rows.mean() == pytest.approx(120, abs=1) and cols.mean() == pytest.approx(100, abs=1)


def test_the_image_is_the_same_at_a_device_pixel_ratio_of_2(qtbot, monkeypatch):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    draw_digit(qtbot, canvas, DIGITS[3])
    at_1 = canvas.image()
    monkeypatch.setattr(canvas, "devicePixelRatioF", lambda: 2.0)
    at_2 = canvas.image()
    assert canvas.ink_side == 2 * CANVAS_SIZE  # drawn again from the strokes, in device pixels
    assert at_2.shape == (CANVAS_SIZE, CANVAS_SIZE)
    assert np.abs(at_2 - at_1).mean() < 0.005
    assert abs(at_2.sum() - at_1.sum()) < 0.01 * at_1.sum()


def test_esc_and_undo_reach_the_canvas_before_window_shortcuts(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    triggered = []
    for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Undo)):
        action = QAction(keys.toString(), window, shortcut=keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False, keys=keys: triggered.append(keys.toString()))
        window.addAction(action)
    canvas = DrawingCanvas(window)
    window.show()
    qtbot.waitExposed(window)
    draw_stroke(qtbot, canvas, [(100, 100), (180, 180)])
    draw_stroke(qtbot, canvas, [(180, 100), (100, 180)])
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(canvas.strokes()) == 1
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.is_empty and not triggered
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)  # nothing left to clear: the window's Esc works again
    assert triggered == ["Esc"]


def test_a_finger_draws_like_the_mouse(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    screen = QTest.createTouchDevice()
    changed = []
    canvas.image_changed.connect(lambda: changed.append(True))
    QTest.touchEvent(canvas, screen).press(0, QPoint(60, 140), canvas).commit()
    for x in range(64, 224, 4):
        QTest.touchEvent(canvas, screen).move(0, QPoint(x, 140), canvas).commit()
    QTest.touchEvent(canvas, screen).release(0, QPoint(220, 140), canvas).commit()
    qtbot.waitUntil(lambda: not canvas.is_drawing, timeout=1000)
    (stroke,) = canvas.strokes()
    assert stroke[0].tolist() == [60, 140] and stroke[-1].tolist() == [220, 140]
    ink = canvas.image()
    assert ink[140, 60:221].min() == 1.0 and ink[100].max() == 0.0
    assert changed


def test_a_pen_draws_like_the_mouse(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    pen = QPointingDevice("test pen", 1001, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2)

    def send(kind, x, y, buttons):
        pos = QPointF(x, y)
        button = Qt.MouseButton.LeftButton if kind != QEvent.Type.TabletMove else Qt.MouseButton.NoButton
        event = QTabletEvent(kind, pen, pos, canvas.mapToGlobal(pos), 0.8, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, button, buttons)
        QApplication.sendEvent(canvas, event)
        assert event.isAccepted()  # so Qt synthesises no mouse events from it

    send(QEvent.Type.TabletPress, 140, 50, Qt.MouseButton.LeftButton)
    for y in range(55, 235, 5):
        send(QEvent.Type.TabletMove, 140, y, Qt.MouseButton.LeftButton)
    send(QEvent.Type.TabletRelease, 140, 230, Qt.MouseButton.NoButton)
    assert not canvas.is_drawing and len(canvas.strokes()) == 1
    ink = canvas.image()
    assert ink[50:231, 140].min() == 1.0 and ink[:, 100].max() == 0.0


def test_brush_width_sets_the_line_thickness_and_redraws_every_stroke(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    draw_stroke(qtbot, canvas, [(40, 140), (240, 140)])
    assert canvas.brush_width == DEFAULT_BRUSH_WIDTH
    assert (canvas.image()[:, 140] > 0.5).sum() == pytest.approx(DEFAULT_BRUSH_WIDTH, abs=1)
    canvas.brush_width = 40
    assert (canvas.image()[:, 140] > 0.5).sum() == pytest.approx(40, abs=1)
    with pytest.raises(ValueError, match="brush width"):
        canvas.brush_width = 0


# -- saving and `nnviz predict` ---------------------------------------------------------------------

def test_nnviz_predict_on_a_saved_drawing_agrees_with_the_pad(qtbot, pad, tmp_path, digit_model_path, capsys):
    draw_digit(qtbot, pad.canvas, DIGITS[7])
    png = pad.canvas.save_png(tmp_path / "seven.png")
    capsys.readouterr()
    assert main(["predict", "--model", str(digit_model_path), str(png), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["predictions"][0]
    assert result["class"] == pad.prediction.label == 7
    np.testing.assert_allclose(result["probabilities"], pad.prediction.probabilities, atol=1e-5)


def test_save_drawing_writes_the_canvas_as_a_png(qtbot, pad, tmp_path, monkeypatch):
    from nnviz.cli.images import read_grayscale

    draw_digit(qtbot, pad.canvas, DIGITS[0])
    chosen = (str(tmp_path / "zero"), "PNG images (*.png)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: chosen)
    pad.save_button.click()
    pixels = read_grayscale(tmp_path / "zero.png")  # ".png" added to the name the dialog returned
    np.testing.assert_array_equal(pixels, pad.canvas.gray8())
    assert pixels[0, 0] == 255 and pixels.min() == 0  # dark ink on white paper


# -- rate limit -------------------------------------------------------------------------------------

def test_a_burst_of_moves_makes_a_few_predictions(qtbot, pad):
    made = []
    pad.prediction_made.connect(made.append)
    moves = draw_stroke(qtbot, pad.canvas, DIGITS[8][0], step=1.0, process=False)
    QApplication.processEvents()
    assert moves > 500
    assert 1 <= len(made) <= 3  # on the press, at most one frame's worth, and at the stroke's end
    assert made[-1].label == pad.prediction.label


def test_drawing_predicts_at_most_once_per_frame(qtbot, pad):
    made = []
    pad.prediction_made.connect(made.append)
    points = arc(140, 140, 60, 90, -90, 270, n=241)
    qtbot.mousePress(pad.canvas, Qt.MouseButton.LeftButton, pos=QPointF(*points[0]).toPoint())
    start = time.perf_counter()
    for x, y in points[1:]:
        _send_move(pad.canvas, QPointF(x, y))
        QApplication.processEvents()  # a live event loop: the coalescing timer fires as it comes due
    during = len(made)
    elapsed_ms = 1000 * (time.perf_counter() - start)
    qtbot.mouseRelease(pad.canvas, Qt.MouseButton.LeftButton, pos=QPointF(*points[-1]).toPoint())
    assert during <= elapsed_ms / FRAME_MS + 2, f"{during} predictions in {elapsed_ms:.0f} ms"
    qtbot.wait(2 * FRAME_MS)
    assert len(made) >= during + 1  # the stroke's end always gets its own prediction
    assert made[-1].label == 0


# -- classifier sources -----------------------------------------------------------------------------

def _choose(qtbot, pad, name: str) -> None:
    """Pick a source with the keyboard, as a learner can (arrow keys on the closed combo box)."""
    combo = pad.source_combo
    target = combo.findData(name)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def test_a_source_without_a_classifier_shows_a_message_instead_of_bars(qtbot, pad, digit_classifier):
    draw_digit(qtbot, pad.canvas, DIGITS[1])
    assert pad.prediction.label == 1
    pad.set_classifier_source("training", None)
    with qtbot.waitSignal(pad.source_changed, timeout=1000) as changed:
        _choose(qtbot, pad, "training")
    assert changed.args == ["training"]
    assert pad.current_source == "training"
    assert pad.message_shown and pad.message.text() == NO_CLASSIFIER["training"]
    assert pad.prediction is None and pad.label.text() == EMPTY_LABEL
    assert pad.preview.digit is not None and pad.preview.digit.sum() > 10  # what a network would see

    # The main window hands over the training network: the drawing is classified at once.
    with qtbot.waitSignal(pad.prediction_made, timeout=1000):
        pad.set_classifier_source("training", digit_classifier, note="step 938 · 97.9% on the test set")
    assert not pad.message_shown and pad.prediction.label == 1
    assert pad.source_note.text() == "step 938 · 97.9% on the test set"


def test_until_the_window_registers_the_bundled_model_the_pad_says_so(qtbot):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    assert pad.current_source == "bundled" and pad.classifier is None
    assert pad.message_shown and pad.message.text() == NO_CLASSIFIER["bundled"]
    pad.set_classifier_source("bundled", None, note="resources/models/mnist.npz is missing")
    assert pad.message.text() == "resources/models/mnist.npz is missing"


def test_model_file_asks_the_window_for_a_file(qtbot, pad, digit_classifier):
    draw_digit(qtbot, pad.canvas, DIGITS[7])
    with qtbot.waitSignals([pad.source_changed, pad.model_file_requested], timeout=1000):
        _choose(qtbot, pad, "file")
    assert pad.message_shown and pad.message.text() == NO_CLASSIFIER["file"]
    pad.set_classifier_source("file", digit_classifier, note="digits.npz")
    assert pad.prediction.label == 7 and pad.source_note.text() == "digits.npz"
    with pytest.raises(ValueError, match="unknown classifier source"):
        pad.set_classifier_source("elsewhere", digit_classifier)


def test_sigmoid_outputs_read_as_decimals_and_softmax_outputs_as_percentages(qtbot, pad):
    from nnviz.engine.network import Network

    draw_digit(qtbot, pad.canvas, DIGITS[1])
    assert pad.prediction.architecture.output_activation == "softmax"  # the bundled model
    assert pad.bars.percentages and pad.bars.value_text(0.5) == "50.0\u2009%"
    assert "confident" in pad.confidence.text()
    # mnist-book's kind of network: ten sigmoid outputs, each in [0, 1], not adding up to 1.
    book = DigitClassifier(Network((784, 30, 10), hidden="sigmoid", output="sigmoid", loss="mse", seed=1), "unit")
    pad.set_classifier_source("bundled", book)
    outputs = np.asarray(pad.prediction.trace.output[0], dtype=np.float64)
    assert not pad.bars.percentages
    np.testing.assert_allclose(pad.bars.probabilities, outputs)  # the outputs, not normalised
    assert pad.bars.value_text(0.8912) == "0.89"
    assert pad.confidence.text().startswith("output 0.") and "%" not in pad.confidence.text()
    assert "add up to 100%" not in pad.bars.toolTip()
