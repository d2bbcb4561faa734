"""The drawing pad's answer views: the 28×28 input the network is given, enlarged, and one bar per
class with its probability (the most likely class in orange); for outputs that are not softmax's, the
output itself, as a decimal (sigmoid outputs need not add up to 1, so percentages would mislead)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.data.digits import CANVAS
from nnviz.gui.i18n import Retranslated
from nnviz.gui.pad.canvas import CANVAS_SIZE
from nnviz.gui.theme import POSITIVE, percent
from nnviz.training.numbers import short

__all__ = ["ProbabilityBars", "DigitPreview", "share"]

PREVIEW_SCALE = 5  # screen pixels per input pixel in the "what the network sees" image

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
    """The 28×28 network input, enlarged with nearest-neighbour scaling: ink = 1 is white, 0 black."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._digit: np.ndarray | None = None
        self._image = QImage()
        side = CANVAS * PREVIEW_SCALE
        self.setFixedSize(side, side)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr(
            "Your drawing as the network receives it, the way MNIST's digits were made: cropped to the ink,\n"
            "scaled so its longer side is 20 pixels, and centred by its centre of mass in 28×28 pixels.\n"
            "Each of the 784 pixels is one input neuron: white = 1 (ink), black = 0."
        ))

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
