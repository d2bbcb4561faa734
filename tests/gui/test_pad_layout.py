"""The drawing pad fits the height it is given: in a tab that scrolls, the canvas (down to MIN_SIDE) and
the input's preview (down to 4 pixels per input pixel) shrink before a scroll bar appears, and grow back
when there is room; the 1280×800 window shows the whole tab. A canvas shown smaller draws the same
image: pointer positions are scaled back to its 280×280 pixels."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea

from nnviz.engine.model_file import load_model
from nnviz.gui.pad.answer_views import PREVIEW_SCALES
from nnviz.gui.pad.canvas import CANVAS_SIZE, MIN_SIDE, DrawingCanvas
from nnviz.gui.pad.drawing_pad import DrawingPad
from nnviz.training.predictor import DigitClassifier

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "models" / "mnist.npz"


def drag(qtbot, canvas, points, step: float = 3.0) -> None:
    """Press at the first point (widget coordinates), drag through the rest with the button held in steps
    of at most `step` pixels, release at the last."""
    points = [QPointF(float(x), float(y)) for x, y in points]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=points[0].toPoint())
    for a, b in zip(points, points[1:]):
        n = max(1, math.ceil(math.hypot(b.x() - a.x(), b.y() - a.y()) / step))
        for i in range(1, n + 1):
            pos = a + (b - a) * (i / n)
            QApplication.sendEvent(canvas, QMouseEvent(QEvent.Type.MouseMove, pos, canvas.mapToGlobal(pos),
                                                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                       Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=points[-1].toPoint())


@pytest.fixture
def scrolled_pad(qtbot):
    """A pad in a scroll area as the window's tab holds it (tabs.py, scrolls=True)."""
    pad = DrawingPad()
    pad.set_classifier_source("bundled", DigitClassifier.from_model(load_model(BUNDLED), BUNDLED), note="test")
    area = QScrollArea()
    area.setWidget(pad)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    qtbot.addWidget(area)
    area.resize(940, 500)
    area.show()
    qtbot.waitExposed(area)
    return area, pad


def settle() -> None:
    for _ in range(3):  # a resize, the layout it asks for, the scroll bar the scroll area then shows or hides
        QApplication.processEvents()


def test_a_short_tab_shrinks_the_canvas_and_preview_instead_of_scrolling(qtbot, scrolled_pad):
    area, pad = scrolled_pad
    settle()
    assert pad.canvas.width() == pad.canvas.height() == CANVAS_SIZE  # room: full size
    assert pad.preview.scale == max(PREVIEW_SCALES)
    assert not area.verticalScrollBar().isVisible()

    fits = pad.minimumSizeHint().height()
    area.resize(940, fits + 15)
    settle()
    assert not area.verticalScrollBar().isVisible()
    assert pad.height() == area.viewport().height()
    side = pad.canvas.height()
    assert MIN_SIDE <= side < CANVAS_SIZE and pad.canvas.width() == side  # still a square
    assert pad.canvas.paper_rect().width() == side
    assert pad.preview.scale == min(PREVIEW_SCALES)
    assert pad.preview.height() == 28 * min(PREVIEW_SCALES) + 2  # no gap between the image and its caption
    assert pad.bars.height() == side  # the ten rows beside the canvas, as tall as it
    buttons_bottom = pad.clear_button.geometry().bottom()
    assert buttons_bottom < pad.height() and pad.timing.geometry().bottom() < pad.height()

    area.resize(940, fits - 20)  # shorter than the pad can be: the tab scrolls
    settle()
    assert area.verticalScrollBar().isVisible()

    area.resize(940, 500)  # and grows back
    settle()
    assert pad.canvas.width() == pad.canvas.height() == CANVAS_SIZE
    assert pad.preview.scale == max(PREVIEW_SCALES)
    assert not area.verticalScrollBar().isVisible()


def test_a_canvas_shown_smaller_draws_the_same_image(qtbot):
    full = DrawingCanvas()
    small = DrawingCanvas()
    for canvas in (full, small):
        qtbot.addWidget(canvas)
        canvas.show()
        qtbot.waitExposed(canvas)
    small.resize(210, 210)
    settle()
    assert small.paper_rect().width() == 210 and small.shown_scale == pytest.approx(0.75)
    stroke = np.array([(60, 60), (220, 70), (120, 230)], dtype=np.float64)  # in canvas pixels
    drag(qtbot, full, stroke)
    drag(qtbot, small, stroke * 0.75)  # the same stroke where it is shown on the smaller square
    np.testing.assert_allclose(small.strokes()[0][[0, -1]], stroke[[0, -1]])
    assert np.abs(small.image() - full.image()).mean() < 0.002
    assert small.image().shape == (CANVAS_SIZE, CANVAS_SIZE)


def test_a_canvas_keeps_square_and_a_press_off_it_draws_nothing(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    canvas.resize(280, 220)  # a layout gave it less height than width
    settle()
    assert canvas.width() == canvas.height() == 220
    assert canvas.paper_rect().width() == 220
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(235, 100))  # beside the square
    assert canvas.is_empty
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPointF(110, 110).toPoint())
    assert len(canvas.strokes()) == 1 and canvas.strokes()[0][0] == pytest.approx([140, 140], abs=1)


def test_the_whole_pad_shows_without_scrolling_in_a_1280x800_window(qtbot):
    from nnviz.data.bundled import bundled_mnist_dir
    from nnviz.gui.window.main_window import MainWindow

    window = MainWindow("mnist-fast", data_dir=bundled_mnist_dir(), settings=None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.tabs.show_tab("pad")
    page = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: page.viewport().height() > 0 and window.pad.height() == page.viewport().height(),
                    timeout=5000)
    settle()
    assert not page.verticalScrollBar().isVisible()
    assert window.pad.canvas.height() >= MIN_SIDE
