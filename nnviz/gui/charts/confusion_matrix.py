"""The confusion matrix of a classifier on the test split, painted as a k×k grid of counted cells.

A row per true class and a column per predicted class. Correct answers (the diagonal) are blue, shaded
by the class's recall; mistakes are orange on a logarithmic scale, so a single confusion is visible
next to a hundred (both are halves of theme.VALUES). Counts always fit their cells: in a smaller font,
abbreviated where the full count does not fit ("1.1k"), or not at all when the cell is too small for
any of them (the tooltip still gives every count).
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nnviz.gui import theme
from nnviz.gui.charts.chart_fonts import chart_font
from nnviz.gui.i18n import said, translate

__all__ = ["ConfusionMatrixWidget", "abbreviated_count"]

GRID = QColor("#dddddd")  # lines between cells, lighter than theme.FRAME so the colours dominate
HOVER = QColor("#888888")
COUNT_FONT_STEPS = (0.0, -1.0, -2.0)  # point-size changes tried for the counts, largest first (≥ 7 pt)
CELL_PADDING = 2.0  # logical pixels kept free on each side of a count
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def abbreviated_count(count: int, decimals: int = 1) -> str:
    """A count in at most four characters: "987", "1.1k", "12k", "1.2M" (with decimals=0: "1k")."""
    count = int(count)
    for limit, suffix in ((1_000_000, "M"), (1_000, "k")):
        if count >= limit:
            value = count / limit
            text = f"{value:.{decimals}f}" if value < 9.95 else f"{value:.0f}"
            return text.removesuffix(".0") + suffix
    return str(count)


def _correct_colour(t: float) -> QColor:
    """The diagonal's blue, t in [0, 1] from white."""
    return theme.VALUES.qcolor(-t)


def _mistake_colour(t: float) -> QColor:
    return theme.VALUES.qcolor(t)


class ConfusionMatrixWidget(QWidget):
    """A k×k confusion matrix with counts in the cells; emits cell_clicked(true, predicted)."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._font = chart_font(self)
        self.counts: np.ndarray | None = None
        self.class_names: tuple[str, ...] = ()
        self.selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 400)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 220)

    def set_classes(self, class_names) -> None:
        self.class_names = tuple(class_names)
        self.counts, self.selected = None, None
        self.update()

    def set_counts(self, counts: np.ndarray | None) -> None:
        """counts: (k, k) integers, [true, predicted]; None shows an empty grid."""
        self.counts = counts
        self.update()

    @property
    def k(self) -> int:
        return len(self.class_names)

    # -- geometry --------------------------------------------------------------------------------

    def _layout(self) -> tuple[float, float, float]:
        """(left, top, cell) of the matrix: headers above and left, a recall column to the right,
        the legend below. Cells shrink with the widget (the counts adapt, see count_labels)."""
        fm = QFontMetricsF(self._font)
        left, top = self._left(), 2 * fm.height() + 6
        right = max(fm.horizontalAdvance(theme.percent(1.0)), fm.horizontalAdvance(self._right_heading())) + 14
        k = max(self.k, 1)
        cell = max(4.0, min((self.width() - left - right - 4) / k, (self.height() - top - self._legend_height()) / k))
        return left, top, cell

    def _left(self) -> float:
        """Where the matrix starts: after the rotated "true label" and the row names."""
        fm = QFontMetricsF(self._font)
        return fm.height() + 6 + max([fm.horizontalAdvance(said(n)) for n in self.class_names] + [0]) + 8

    def _legend_height(self) -> float:
        fh = QFontMetricsF(self._font).height()
        return (2 if self._legend_wraps() else 1) * (fh + 2) + 12

    def _legend_entries(self) -> tuple[tuple[object, str], ...]:
        return ((_correct_colour, translate("ConfusionMatrixWidget", "right (darker: more of the class)")),
                (_mistake_colour, translate("ConfusionMatrixWidget", "mistakes (log scale)")))

    @staticmethod
    def _right_heading() -> str:
        return translate("ConfusionMatrixWidget", "% right")

    def _legend_entry_width(self, text: str) -> float:
        return 36 + QFontMetricsF(self._font).horizontalAdvance(text) + 4

    def _legend_wraps(self) -> bool:
        """Whether the two legend entries stack (the widget is too narrow for them side by side)."""
        widths = [self._legend_entry_width(text) for _, text in self._legend_entries()]
        return self._left() + sum(widths) + 16 + 4 > self.width()

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

    # -- contents --------------------------------------------------------------------------------

    def cell_colours(self) -> tuple[list[list[QColor]], list[list[bool]]]:
        """Each cell's fill and whether its text must be white; the scale is explained in the module."""
        k, counts = self.k, self.counts
        fills = [[theme.WHITE] * k for _ in range(k)]
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
                    fills[i][j], dark[i][j] = _correct_colour(t), t > 0.55
                elif c:
                    t = 0.12 + 0.88 * math.log1p(c) / top
                    fills[i][j], dark[i][j] = _mistake_colour(t), t > 0.7
        return fills, dark

    def count_labels(self) -> tuple[QFont, list[list[str]]]:
        """The font of the counts and each cell's text ("" for none): the full counts in the largest
        font they all fit in; else, in the smallest font, each cell's full count where it fits, else
        abbreviated ("1.1k", then "1k"), else nothing: a "1k" where 1,135 would fit tells less. The
        diagonal is drawn in bold, so bold is what must fit."""
        k = self.k
        if self.counts is None or not k:
            return QFont(self._font), []
        cell = self._layout()[2]
        room = cell - 2 * CELL_PADDING
        full = [[str(int(c)) if c else "" for c in row] for row in self.counts]
        widest = max((t for row in full for t in row), key=len, default="")
        for step in COUNT_FONT_STEPS:
            font = chart_font(self, step, bold=True)
            fm = QFontMetricsF(font)
            if fm.horizontalAdvance(widest) <= room and fm.height() <= cell - 2:
                font.setBold(False)
                return font, full
        font = chart_font(self, COUNT_FONT_STEPS[-1], bold=True)
        fm = QFontMetricsF(font)
        fits = fm.height() <= cell - 2

        def label(count) -> str:
            if not count or not fits:
                return ""
            for text in (str(int(count)), abbreviated_count(count), abbreviated_count(count, 0)):
                if fm.horizontalAdvance(text) <= room:
                    return text
            return ""

        font.setBold(False)
        return font, [[label(c) for c in row] for row in self.counts]

    def tooltip_text(self, cell: tuple[int, int]) -> str:
        i, j = cell
        if self.counts is None:
            return ""
        c = int(self.counts[i, j])
        row = int(self.counts[i].sum())
        true, predicted = said(self.class_names[i]), said(self.class_names[j])
        if i == j:
            what = translate("ConfusionMatrixWidget", "true {true}, predicted {predicted}: {count} answered right")
        else:
            what = translate("ConfusionMatrixWidget", "true {true}, predicted {predicted}: {count} taken for {predicted}")
        text = what.format(true=true, predicted=predicted, count=f"{c:,}")
        if row:
            text += translate("ConfusionMatrixWidget", " ({share} of the {total} {true}s)").format(
                share=theme.percent(c / row), total=f"{row:,}", true=true)
        return text + "\n" + translate("ConfusionMatrixWidget", "click to see them")

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), QColor(theme.BACKGROUND))
        k = self.k
        if not k:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, cell = self._layout()
        size = k * cell
        self._paint_headers(painter, left, top, cell)
        fills, dark = self.cell_colours()
        digits_font, texts = self.count_labels()
        bold_digits = QFont(digits_font)
        bold_digits.setBold(True)
        for i in range(k):
            for j in range(k):
                rect = QRectF(left + j * cell, top + i * cell, cell, cell)
                painter.setPen(QPen(GRID, 1.0))
                painter.setBrush(fills[i][j])
                painter.drawRect(rect)
                if texts and texts[i][j]:
                    painter.setFont(bold_digits if i == j else digits_font)
                    painter.setPen(theme.WHITE if dark[i][j] else theme.TEXT)
                    painter.drawText(rect, _CENTER, texts[i][j])
        if self.counts is not None:
            self._paint_recall(painter, left + size + 6, top, cell)
        self._paint_legend(painter, left, top + size + 8)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for key, pen in ((self._hover, QPen(HOVER, 1.5)), (self.selected, QPen(theme.SELECTED, 2.5))):
            if key is not None:
                painter.setPen(pen)
                painter.drawRect(self.cell_rect(*key).adjusted(1, 1, -1, -1))

    def _paint_headers(self, painter: QPainter, left: float, top: float, cell: float) -> None:
        """"predicted" above, "true label" up the left side, and the class names along both."""
        fh = QFontMetricsF(self._font).height()
        size = self.k * cell
        painter.setFont(self._font)
        painter.setPen(theme.SUBTLE)
        painter.drawText(QRectF(left, 0, size, fh), _CENTER, translate("ConfusionMatrixWidget", "predicted"))
        painter.save()
        painter.translate(fh / 2 + 1, top + size / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-size / 2, -fh / 2, size, fh), _CENTER, translate("ConfusionMatrixWidget", "true label"))
        painter.restore()
        painter.setPen(theme.TEXT)
        for n, name in enumerate(map(said, self.class_names)):
            painter.drawText(QRectF(left + n * cell, fh + 2, cell, fh), _CENTER, name)
            painter.drawText(QRectF(fh + 6, top + n * cell, left - fh - 12, cell),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)

    def _paint_recall(self, painter: QPainter, x: float, top: float, cell: float) -> None:
        """The share of each true class answered right, beside its row."""
        fh = QFontMetricsF(self._font).height()
        painter.setFont(self._font)
        painter.setPen(theme.SUBTLE)
        painter.drawText(QRectF(x, fh + 2, self.width() - x, fh), Qt.AlignmentFlag.AlignLeft, self._right_heading())
        rows = self.counts.sum(axis=1)
        for i in range(self.k):
            text = theme.percent(self.counts[i, i] / rows[i]) if rows[i] else "—"
            painter.drawText(QRectF(x, top + i * cell, self.width() - x, cell), _LEFT_MIDDLE, text)

    def _paint_legend(self, painter: QPainter, x: float, y: float) -> None:
        """What the two colours mean, under the matrix: side by side, or stacked when narrow."""
        fh = QFontMetricsF(self._font).height()
        painter.setFont(self._font)
        start, wraps = x, self._legend_wraps()
        for colour, text in self._legend_entries():
            for n, t in enumerate((0.3, 0.65, 1.0)):
                painter.setPen(QPen(GRID, 1.0))
                painter.setBrush(colour(t))
                painter.drawRect(QRectF(x + n * 11, y + fh / 2 - 5, 10, 10))
            painter.setPen(theme.SUBTLE)
            width = self._legend_entry_width(text)
            painter.drawText(QRectF(x + 36, y, width - 36, fh), _LEFT_MIDDLE, text)
            if wraps:
                x, y = start, y + fh + 2
            else:
                x += width + 16

    # -- mouse -----------------------------------------------------------------------------------

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
