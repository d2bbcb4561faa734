"""Test digits as thumbnails with a caption each, wrapped to the width of the scroll area they live in
(the Evaluation tab's mistakes, or the digits of one confusion-matrix cell)."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from nnviz.gui import theme
from nnviz.gui.charts.chart_fonts import chart_font

__all__ = ["DigitGallery", "THUMB_ZOOM"]

THUMB_ZOOM = 2  # a 28×28 digit is drawn 56×56
FRAME = QColor("#dddddd")  # round each thumbnail: lighter than theme.FRAME, the digits dominate


class DigitGallery(QWidget):
    """Digits as thumbnails with a caption each, as many to a row as the width holds."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self._font = chart_font(self)
        self._fm = QFontMetricsF(self._font)
        self.indices = np.zeros(0, dtype=np.int64)
        self.captions: list[str] = []
        self.tooltips: list[str] = []
        self.placeholder = ""
        self._images: list[QImage] = []
        self._pixels: np.ndarray | None = None  # the buffer the images point into
        self._thumb = 28 * THUMB_ZOOM

    def set_items(self, indices: np.ndarray, images: np.ndarray, captions: list[str], tooltips: list[str]) -> None:
        """indices into the test split, images (n, h, w) in [0, 1] (ink = 1), one caption and tooltip each."""
        self.indices = np.asarray(indices)
        self.captions, self.tooltips = captions, tooltips
        n = len(self.indices)
        if n:
            grey = theme.PIXELS.rgb(images)[..., 0]  # white paper, dark ink: one channel is the grey
            big = np.ascontiguousarray(grey.repeat(THUMB_ZOOM, axis=1).repeat(THUMB_ZOOM, axis=2))
            _, h, w = big.shape
            self._thumb = max(h, w)
            self._pixels = big
            self._images = [QImage(big[k].data, w, h, w, QImage.Format.Format_Grayscale8) for k in range(n)]
        else:
            self._pixels, self._images = None, []
        self._relayout()
        self.update()

    def _cell_size(self) -> tuple[float, float]:
        widest = max([self._fm.horizontalAdvance(c) for c in self.captions] + [self._thumb])
        return widest + 12, self._thumb + self._fm.height() + 14

    def _columns(self) -> int:
        return max(1, int(self.width() // self._cell_size()[0]))

    def _relayout(self) -> None:
        _, ch = self._cell_size()
        rows = math.ceil(len(self.indices) / self._columns()) if len(self.indices) else 1
        self.setMinimumHeight(int(rows * ch + 8))

    def item_rect(self, k: int) -> QRectF:
        """Where thumbnail k and its caption are drawn."""
        cw, ch = self._cell_size()
        r, c = divmod(k, self._columns())
        return QRectF(4 + c * cw, 4 + r * ch, cw, ch)

    def item_at(self, pos) -> int | None:
        """The position in the gallery of the thumbnail at pos, or None."""
        p = QPointF(pos)
        cw, ch = self._cell_size()
        c, r = int((p.x() - 4) // cw), int((p.y() - 4) // ch)
        k = r * self._columns() + c
        return k if 0 <= c < self._columns() and r >= 0 and k < len(self.indices) else None

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        k = self.item_at(event.position())
        if k is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltips[k], self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(theme.BACKGROUND))
            painter.setFont(self._font)
            if not self._images:
                painter.setPen(theme.SUBTLE)
                painter.drawText(self.rect().adjusted(8, 8, -8, -8),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                                 self.placeholder)
                return
            fh = self._fm.height()
            visible = QRectF(event.rect())
            for k, (image, caption) in enumerate(zip(self._images, self.captions)):
                cell = self.item_rect(k)
                if not cell.intersects(visible):
                    continue
                x = cell.center().x() - image.width() / 2
                target = QRectF(x, cell.top() + 4, image.width(), image.height())
                painter.drawImage(target.topLeft(), image)
                painter.setPen(QPen(FRAME, 1.0))
                painter.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5))
                painter.setPen(theme.TEXT)
                painter.drawText(QRectF(cell.left(), target.bottom() + 3, cell.width(), fh),
                                 Qt.AlignmentFlag.AlignCenter, caption)
        finally:
            painter.end()
