"""The drawing pad's answer views: the 28×28 input the network is given, enlarged and coloured as the
network diagram colours its input (dark ink on white), and one bar per class with its probability (the
most likely class in orange); for outputs that are not softmax's, the output itself, as a decimal
(sigmoid outputs need not add up to 1, so percentages would mislead)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.data.digits import CANVAS
from nnviz.gui.i18n import Retranslated
from nnviz.gui.pad.canvas import CANVAS_SIZE
from nnviz.gui.theme import FRAME, PIXELS, POSITIVE, WHITE, percent
from nnviz.training.numbers import short

__all__ = ["ProbabilityBars", "DigitPreview", "share"]

PREVIEW_SCALES = (4, 5)  # screen pixels per input pixel in the "what the network sees" image

TEXT = QColor("#333333")
SUBTLE = QColor("#777777")
TRACK = QColor("#e2e2e2")
BAR = QColor("#b4b4b4")
WINNER = QColor(*POSITIVE)


def share(p: float) -> str:
    """theme.percent, except at the ends, where a rounded "0.0 %" or "100.0 %" would overstate."""
    if p <= 0:
        return percent(0.0, 0)
    if p < 0.001:
        return "<" + percent(0.001)
    if p > 0.999:
        return ">" + percent(0.999)
    return percent(p)


class ProbabilityBars(Retranslated, QWidget):
    """One horizontal bar per class with its name and percentage (or, for outputs that are not
    probabilities, its value); the most likely class in orange."""

    def __init__(self, names: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._names = list(names or [str(k) for k in range(10)])
        self._p: np.ndarray | None = None
        self.percentages = True  # False: the values are outputs in [0, 1] that need not add up to 1
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("The network's answer for each class, as probabilities that add up to 100%")
                        if self.percentages else
                        self.tr("The network's output for each class, between 0 and 1 (sigmoid outputs, one per "
                                "class: they need not add up to 1)"))

    def value_text(self, p: float) -> str:
        """How a bar's value reads: "87.3 %" for a probability, "0.89" for another output."""
        return share(p) if self.percentages else short(p, tiny=False)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, CANVAS_SIZE)

    @property
    def probabilities(self) -> np.ndarray | None:
        return self._p

    @property
    def winner(self) -> int | None:
        return None if self._p is None else int(np.argmax(self._p))

    def set_probabilities(self, probabilities: np.ndarray | None, names: list[str] | None = None,
                          percentages: bool = True) -> None:
        """probabilities: one per class, summing to 1 (percentages), or outputs in [0, 1] that need not
        (not percentages: shown as decimals); None empties every bar."""
        if percentages != self.percentages:
            self.percentages = percentages
            self.retranslate()
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
            percent_w = fm.horizontalAdvance(self.value_text(1.0)) + 8
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
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.value_text(p))
        finally:
            painter.end()


class DigitPreview(Retranslated, QWidget):
    """The 28×28 network input, enlarged by a whole number (4 or 5) of screen pixels per input pixel,
    drawn as the network diagram draws its input: ink 1 is dark (theme.INK), 0 white, in a thin frame.

    The values are the network's input unchanged; only their colours follow the diagram and the pad
    (dark ink on white) rather than MNIST's storage (white ink on black). With no input it is a white
    square in its frame. Its layout may shrink it to the smaller scale; `limit_scale` keeps it from
    taking more height than the scale it is drawn at."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._digit: np.ndarray | None = None
        self._image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr(
            "Your drawing as the network receives it, the way MNIST's digits were made: cropped to the ink,\n"
            "scaled so its longer side is 20 pixels, and centred by its centre of mass in 28×28 pixels.\n"
            "Each of the 784 pixels is one input neuron, shown as in the network diagram: dark = 1 (ink), "
            "white = 0."
        ))

    @staticmethod
    def _side(scale: int) -> int:
        return CANVAS * scale + 2  # the image and its 1-pixel frame

    def sizeHint(self) -> QSize:  # noqa: N802
        side = self._side(max(PREVIEW_SCALES))
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        side = self._side(min(PREVIEW_SCALES))
        return QSize(side, side)

    def limit_scale(self, scale: int) -> None:
        """Grow no larger than `scale` pixels per input pixel (one of PREVIEW_SCALES)."""
        side = self._side(scale)
        self.setMaximumSize(side, side)

    @property
    def scale(self) -> int:
        """Screen pixels per input pixel at the widget's current size."""
        fits = (min(self.width(), self.height()) - 2) // CANVAS
        return max(min(PREVIEW_SCALES), min(max(PREVIEW_SCALES), fits))

    def image_rect(self) -> QRect:
        """Where the 28×28 pixels are drawn, in widget coordinates (inside the frame)."""
        side = CANVAS * self.scale
        return QRect((self.width() - side) // 2, 1, side, side)

    @property
    def digit(self) -> np.ndarray | None:
        return self._digit

    def set_digit(self, digit: np.ndarray | None) -> None:
        """digit: (28, 28) in [0, 1] with ink = 1, or None for an empty input."""
        self._digit = None if digit is None else np.array(digit, dtype=np.float32)
        if self._digit is None:
            self._image = QImage()
        else:
            rgb = np.ascontiguousarray(PIXELS.rgb(self._digit))  # (28, 28, 3), as the diagram's input tile
            h, w = self._digit.shape
            self._image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            pixels = self.image_rect()
            painter.fillRect(pixels, WHITE)
            if not self._image.isNull():
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                painter.drawImage(QRectF(pixels), self._image)
            painter.setPen(QPen(FRAME, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(pixels).adjusted(-0.5, -0.5, 0.5, 0.5))
        finally:
            painter.end()
