"""How the network does on the test split: accuracy, the confusion matrix, and the digits it gets wrong.

The evaluation is computed by the training worker at the end of every epoch (Snapshot.evaluation); this
view only redraws when a new one arrives. The confusion matrix has a row per true class and a column per
predicted class. Correct answers (the diagonal) are blue, shaded by the class's recall; mistakes are
orange on a logarithmic scale, so a single confusion is visible next to a hundred. Clicking a cell shows
its digits in the gallery; without a selection the gallery shows the mistakes the network was most sure
of, which are the most instructive (often badly written digits, sometimes wrong labels).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget,
)

from nnviz.data.dataset import Dataset
from nnviz.gui import theme as colors
from nnviz.training.snapshot import Snapshot
from nnviz.training.architecture import NewSession

__all__ = ["EvaluationView"]

GALLERY_PAGE = 60  # thumbnails shown at first, and added by "show more"
THUMB_ZOOM = 2  # a 28×28 digit is drawn 56×56
CORRECT = colors.NEGATIVE  # the diagonal: blue (this view has no signed values to confuse it with)
MISTAKE = colors.POSITIVE
TEXT = QColor(colors.FOREGROUND)
SUBTLE = QColor("#666666")
GRID = QColor("#dddddd")
SELECTED = QColor("#222222")
_CENTER = Qt.AlignmentFlag.AlignCenter


def _blend(rgb, t: float) -> QColor:
    """colors.ZERO moved towards rgb by t in [0, 1]."""
    return QColor(*(round(z + (c - z) * t) for z, c in zip(colors.ZERO, rgb)))


def _font(widget: QWidget, delta: float = 0.0, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(9.0, font.pointSizeF()) + delta)
    font.setBold(bold)
    return font


class ConfusionMatrixWidget(QWidget):
    """A k×k confusion matrix with counts in the cells; emits cell_clicked(true, predicted)."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._font = _font(self)
        self._bold = _font(self, bold=True)
        self.counts: np.ndarray | None = None
        self.class_names: tuple[str, ...] = ()
        self.selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 400)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 300)

    def set_classes(self, class_names) -> None:
        self.class_names = tuple(class_names)
        self.counts, self.selected = None, None
        self.update()

    def set_counts(self, counts: np.ndarray | None) -> None:
        self.counts = counts
        self.update()

    @property
    def k(self) -> int:
        return len(self.class_names)

    def _layout(self) -> tuple[float, float, float]:
        """(left, top, cell) of the matrix: headers above and left, a recall column to the right."""
        fm = QFontMetricsF(self._font)
        fh = fm.height()
        left = fh + 6 + max([fm.horizontalAdvance(n) for n in self.class_names] + [0]) + 8
        top = 2 * fh + 6
        right = max(fm.horizontalAdvance("100.0%"), fm.horizontalAdvance("% right")) + 14
        k = max(self.k, 1)
        cell = max(16.0, min((self.width() - left - right - 4) / k, (self.height() - top - 2 * fh - 14) / k))
        return left, top, cell

    def cell_rect(self, true: int, predicted: int) -> QRectF:
        """Where cell (true, predicted) is drawn."""
        left, top, cell = self._layout()
        return QRectF(left + predicted * cell, top + true * cell, cell, cell)

    def cell_at(self, pos) -> tuple[int, int] | None:
        if not self.k:
            return None
        left, top, cell = self._layout()
        p = QPointF(pos)
        c, r = math.floor((p.x() - left) / cell), math.floor((p.y() - top) / cell)
        return (r, c) if 0 <= r < self.k and 0 <= c < self.k else None

    def cell_colours(self) -> tuple[list[list[QColor]], list[list[bool]]]:
        """Each cell's fill and whether its text must be white; the scale is explained in the module."""
        k, counts = self.k, self.counts
        fills = [[QColor("#ffffff")] * k for _ in range(k)]
        dark = [[False] * k for _ in range(k)]
        if counts is None:
            return fills, dark
        off = counts.astype(np.float64).copy()
        np.fill_diagonal(off, 0)
        top = math.log1p(off.max()) or 1.0
        rows = np.maximum(counts.sum(axis=1), 1)
        for i in range(k):
            for j in range(k):
                c = int(counts[i, j])
                if i == j:
                    t = 0.25 + 0.75 * c / rows[i]
                    fills[i][j], dark[i][j] = _blend(CORRECT, t), t > 0.55
                elif c:
                    t = 0.12 + 0.88 * math.log1p(c) / top
                    fills[i][j], dark[i][j] = _blend(MISTAKE, t), t > 0.7
        return fills, dark

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), QColor(colors.BACKGROUND))
        k = self.k
        if not k:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, cell = self._layout()
        fm = QFontMetricsF(self._font)
        fh = fm.height()
        counts = self.counts
        fills, dark = self.cell_colours()
        size = k * cell
        painter.setFont(self._font)
        painter.setPen(SUBTLE)
        painter.drawText(QRectF(left, 0, size, fh), _CENTER, "predicted")
        painter.save()
        painter.translate(fh / 2 + 1, top + size / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-size / 2, -fh / 2, size, fh), _CENTER, "true label")
        painter.restore()
        for n, name in enumerate(self.class_names):
            painter.setPen(TEXT)
            painter.drawText(QRectF(left + n * cell, fh + 2, cell, fh), _CENTER, name)
            painter.drawText(QRectF(fh + 6, top + n * cell, left - fh - 12, cell),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
        # Counts in the font that fits the widest of them (1,000 and more drop the separator).
        texts = [[f"{int(c)}" if c else "" for c in row] for row in counts] if counts is not None else []
        widest = max([len(t) for row in texts for t in row] + [1])
        digits_font = self._font
        if QFontMetricsF(self._bold).horizontalAdvance("0" * widest) + 4 > cell:
            digits_font = _font(self, -1.5)
        bold_digits = QFont(digits_font)
        bold_digits.setBold(True)
        for i in range(k):
            for j in range(k):
                rect = QRectF(left + j * cell, top + i * cell, cell, cell)
                painter.setPen(QPen(GRID, 1.0))
                painter.setBrush(fills[i][j])
                painter.drawRect(rect)
                if counts is not None and counts[i, j]:
                    painter.setFont(bold_digits if i == j else digits_font)
                    painter.setPen(QColor("#ffffff") if dark[i][j] else TEXT)
                    painter.drawText(rect, _CENTER, texts[i][j])
        if counts is not None:  # recall: the share of each true class answered right
            painter.setFont(self._font)
            painter.setPen(SUBTLE)
            x = left + size + 6
            painter.drawText(QRectF(x, fh + 2, self.width() - x, fh), Qt.AlignmentFlag.AlignLeft, "% right")
            rows = counts.sum(axis=1)
            for i in range(k):
                text = f"{100 * counts[i, i] / rows[i]:.1f}%" if rows[i] else "—"
                painter.drawText(QRectF(x, top + i * cell, self.width() - x, cell),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        self._paint_legend(painter, left, top + size + 8)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for key, pen in ((self._hover, QPen(QColor("#888888"), 1.5)), (self.selected, QPen(SELECTED, 2.5))):
            if key is not None:
                painter.setPen(pen)
                painter.drawRect(self.cell_rect(*key).adjusted(1, 1, -1, -1))

    def _paint_legend(self, painter: QPainter, x: float, y: float) -> None:
        """What the two colours mean, under the matrix."""
        fm = QFontMetricsF(self._font)
        fh = fm.height()
        painter.setFont(self._font)
        for ramp, text in ((CORRECT, "right (darker: more of the class)"), (MISTAKE, "mistakes (log scale)")):
            for n, t in enumerate((0.3, 0.65, 1.0)):
                painter.setPen(QPen(GRID, 1.0))
                painter.setBrush(_blend(ramp, t))
                painter.drawRect(QRectF(x + n * 11, y + fh / 2 - 5, 10, 10))
            x += 36
            painter.setPen(SUBTLE)
            width = fm.horizontalAdvance(text) + 4
            painter.drawText(QRectF(x, y, width, fh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width + 16

    def tooltip_text(self, cell: tuple[int, int]) -> str:
        i, j = cell
        if self.counts is None:
            return ""
        c = int(self.counts[i, j])
        row = int(self.counts[i].sum())
        share = f" ({100 * c / row:.1f}% of the {row:,} {self.class_names[i]}s)" if row else ""
        verb = "answered right" if i == j else f"taken for {self.class_names[j]}"
        return f"true {self.class_names[i]}, predicted {self.class_names[j]}: {c:,} {verb}{share}\nclick to see them"

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self._hover = cell
            self.update()
        if cell is not None and self.counts is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_text(cell), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None and self.counts is not None:
            self.cell_clicked.emit(*cell)
        else:
            super().mousePressEvent(event)


class GalleryWidget(QWidget):
    """Digits as thumbnails with a caption each, wrapped to the width (it lives in a scroll area)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self._font = _font(self)
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
            grey = np.rint(255 * (1 - np.clip(np.nan_to_num(images), 0.0, 1.0))).astype(np.uint8)
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
        cw, ch = self._cell_size()
        rows = math.ceil(len(self.indices) / self._columns()) if len(self.indices) else 1
        self.setMinimumHeight(int(rows * ch + 8))

    def item_rect(self, k: int) -> QRectF:
        cw, ch = self._cell_size()
        r, c = divmod(k, self._columns())
        return QRectF(4 + c * cw, 4 + r * ch, cw, ch)

    def item_at(self, pos) -> int | None:
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
            painter.fillRect(self.rect(), QColor(colors.BACKGROUND))
            painter.setFont(self._font)
            if not self._images:
                painter.setPen(SUBTLE)
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
                painter.setPen(QPen(GRID, 1.0))
                painter.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5))
                painter.setPen(TEXT)
                painter.drawText(QRectF(cell.left(), target.bottom() + 3, cell.width(), fh), _CENTER, caption)
        finally:
            painter.end()


class EvaluationView(QWidget):
    """The test-split evaluation of the latest epoch (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._dataset: Dataset | None = None
        self._evaluation = None
        self._previous_accuracy: float | None = None
        self._selected: tuple[int, int] | None = None
        self._limit = GALLERY_PAGE
        self._shown = np.zeros(0, dtype=np.int64)

        self.headline = QLabel()
        self.headline.setFont(_font(self, 4, bold=True))
        self.subline = QLabel()
        self.subline.setStyleSheet("color: #666666;")
        self.matrix = ConfusionMatrixWidget()
        self.gallery = GalleryWidget()
        self.gallery_title = QLabel()
        self.gallery_title.setFont(_font(self, bold=True))
        self.gallery_title.setWordWrap(True)
        self.gallery_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.all_button = QPushButton("Show all mistakes")
        self.more_button = QPushButton(f"Show {GALLERY_PAGE} more")
        scroll = QScrollArea()
        scroll.setWidget(self.gallery)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea { border: 1px solid #dddddd; background: white; }")
        self.scroll = scroll

        title_row = QHBoxLayout()
        title_row.addWidget(self.gallery_title, 1)
        title_row.addWidget(self.more_button)
        title_row.addWidget(self.all_button)
        right = QVBoxLayout()
        right.addLayout(title_row)
        right.addWidget(scroll, 1)
        body = QHBoxLayout()
        body.addWidget(self.matrix, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.headline)
        layout.addWidget(self.subline)
        layout.addLayout(body, 1)

        self.matrix.cell_clicked.connect(self.select_cell)
        self.all_button.clicked.connect(self._on_show_all_clicked)
        self.more_button.clicked.connect(self._on_show_more_clicked)
        self._show_empty()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, 520)

    # -- public API -----------------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """Evaluate nothing yet: a new dataset (or a new network on it) waits for its first epoch."""
        dataset = session.dataset
        self._dataset = dataset
        self._evaluation = self._previous_accuracy = None
        self._selected = None
        self.matrix.set_classes(dataset.class_names)
        self._show_empty()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Show the snapshot's evaluation; does nothing unless it is a new one (once per epoch)."""
        evaluation = snapshot.evaluation
        if evaluation is self._evaluation or self._dataset is None:
            return
        if evaluation is None:
            self._evaluation = None
            self._show_empty()
            return
        if self._evaluation is not None:
            self._previous_accuracy = self._evaluation.accuracy
        self._evaluation = evaluation
        self.matrix.set_counts(evaluation.confusion)
        self._update_headline()
        self._update_gallery()

    def cell_counts(self) -> np.ndarray | None:
        """The confusion matrix shown: [true, predicted] counts; None before the first evaluation."""
        return self.matrix.counts

    def gallery_indices(self) -> np.ndarray:
        """The test-split indices of the digits in the gallery, in the order shown."""
        return self._shown

    @property
    def selected_cell(self) -> tuple[int, int] | None:
        """The (true, predicted) cell whose digits the gallery shows; None: the mistakes."""
        return self._selected

    def select_cell(self, true: int, predicted: int) -> None:
        """Show the test digits of class `true` that were predicted as `predicted`."""
        if self._dataset is None or not (0 <= true < self.matrix.k and 0 <= predicted < self.matrix.k):
            return
        self._selected = (int(true), int(predicted))
        self.matrix.selected = self._selected
        self._limit = GALLERY_PAGE
        self.matrix.update()
        self._update_gallery()

    def show_all_mistakes(self) -> None:
        """Back from a cell to every mistake, the most confident first."""
        self._selected = None
        self.matrix.selected = None
        self._limit = GALLERY_PAGE
        self.matrix.update()
        self._update_gallery()

    # -- contents -------------------------------------------------------------------------------

    def _noun(self) -> str:
        return "digits" if self._dataset is not None and self._dataset.image_shape is not None else "samples"

    def _show_empty(self) -> None:
        self.headline.setText("Evaluation appears after the first epoch")
        n = len(self._dataset.labels_test) if self._dataset is not None else 0
        self.subline.setText(f"At the end of every epoch the network is tested on the {n:,} test {self._noun()} "
                             "it never trains on." if n else " ")
        self.matrix.set_counts(None)
        self.matrix.selected = self._selected = None
        self._shown = np.zeros(0, dtype=np.int64)
        self.gallery_title.setText("Mistakes")
        self.gallery.placeholder = "The digits the network gets wrong will appear here."
        self.gallery.set_items(self._shown, np.zeros((0, 28, 28)), [], [])
        self.all_button.setEnabled(False)
        self.more_button.setVisible(False)

    def _update_headline(self) -> None:
        ev, n = self._evaluation, len(self._dataset.labels_test)
        self.headline.setText(f"Test accuracy {100 * ev.accuracy:.1f} % after epoch {ev.epoch} "
                              f"({n:,} {self._noun()})")
        mistakes = int(n - np.trace(ev.confusion))
        parts = [f"{mistakes:,} mistakes", f"test loss {ev.loss:.4g}"]
        if self._previous_accuracy is not None:
            change = 100 * (ev.accuracy - self._previous_accuracy)
            parts.append(f"{change:+.1f} points since the epoch before".replace("-", "−"))
        parts.append("rows: true label · columns: prediction · click a cell to see its digits")
        self.subline.setText("  ·  ".join(parts))

    def _cell_indices(self) -> tuple[np.ndarray, str]:
        """The indices the selection stands for, in gallery order, and the gallery's title."""
        ev, labels = self._evaluation, self._dataset.labels_test
        names = self._dataset.class_names
        if self._selected is None:
            return ev.misclassified(labels), "Most confident mistakes"
        true, predicted = self._selected
        if true != predicted:
            mistakes = ev.misclassified(labels)
            keep = (labels[mistakes] == true) & (ev.predictions[mistakes] == predicted)
            return mistakes[keep], f"True {names[true]} taken for {names[predicted]}, most confident first"
        right = np.flatnonzero((labels == true) & (ev.predictions == true))
        right = right[np.argsort(ev.confidences[right], kind="stable")]
        return right, f"{names[true]} answered right, least confident first"

    def _update_gallery(self, to_top: bool = True) -> None:
        if self._evaluation is None:
            return
        ev, data = self._evaluation, self._dataset
        indices, title = self._cell_indices()
        self._shown = indices[:self._limit]
        total = len(indices)
        count = f"{len(self._shown):,} of {total:,}" if total > len(self._shown) else f"{total:,}"
        self.gallery_title.setText(f"{title} ({count})")
        self.all_button.setEnabled(self._selected is not None)
        self.more_button.setVisible(total > len(self._shown))
        names = data.class_names
        captions, tooltips = [], []
        for i in self._shown.tolist():
            t, p, c = int(data.labels_test[i]), int(ev.predictions[i]), float(ev.confidences[i])
            if t == p:
                captions.append(f"{names[t]} ✓ ({100 * c:.0f}%)")
            else:
                captions.append(f"true {names[t]} → {names[p]} ({100 * c:.0f}%)")
            tooltips.append(f"test {self._noun()[:-1]} #{i}: true {names[t]}, predicted {names[p]} "
                            f"with confidence {100 * c:.1f}%")
        shape = data.image_shape
        if shape is None:
            self.gallery.placeholder = f"These {self._noun()} are not images; the confusion matrix tells their story."
            self.gallery.set_items(np.zeros(0, dtype=np.int64), np.zeros((0, 1, 1)), [], [])
            return
        images = np.asarray(data.x_test[self._shown], dtype=np.float64).reshape(-1, *shape)
        self.gallery.placeholder = "No digits in this cell." if self._selected else "No mistakes: every test digit is right."
        self.gallery.set_items(self._shown, images, captions, tooltips)
        if to_top:
            self.scroll.verticalScrollBar().setValue(0)

    # -- handlers -------------------------------------------------------------------------------

    def _on_show_all_clicked(self) -> None:
        self.show_all_mistakes()

    def _on_show_more_clicked(self) -> None:
        self._limit += GALLERY_PAGE
        self._update_gallery(to_top=False)
