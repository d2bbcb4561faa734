"""The legend row under a network diagram: items of text, colour bars and line samples, drawn once into
a pixmap and reused until the width or the wording changes.

An item is a list of parts, kept together (an item that does not fit the width is left out, and so are
the ones after it):
("text", str, QColor) · ("bar", Ramp): the ramp as a small gradient · ("lines", Ramp): three lines of
growing width in the ramp's colours, for "width ∝ |value|".
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen, QPixmap

from nnviz.gui.diagram.palette import color

BAR_W = 54.0
LINES_W = 24.0
PART_GAP = 4.0
ITEM_GAP = 14.0
MARGIN = 10.0
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _part_width(part, fm: QFontMetricsF) -> float:
    if part[0] == "text":
        return fm.horizontalAdvance(part[1])
    return BAR_W if part[0] == "bar" else LINES_W


def items_key(items) -> tuple:
    """What the pixmap depends on: the parts' words, colours and ramps."""
    return tuple(tuple((p[0], p[1], p[2].rgb()) if p[0] == "text" else (p[0], id(p[1])) for p in item)
                 for item in items)


def shown_items(items, font: QFont, width: float) -> list:
    """The items that fit in a row `width` wide, in order (the first that does not fit ends the row)."""
    fm = QFontMetricsF(font)
    x, shown = MARGIN, []
    for item in items:
        item_w = sum(_part_width(p, fm) + PART_GAP for p in item)
        if x + item_w > width - MARGIN:
            break
        shown.append(item)
        x += item_w + ITEM_GAP
    return shown


def legend_pixmap(items, font: QFont, width: int, dpr: float) -> QPixmap:
    """The row of items, width × one line of `font`, at device pixel ratio dpr."""
    fm = QFontMetricsF(font)
    fh = fm.height()
    pixmap = QPixmap(max(1, round(width * dpr)), max(1, round((fh + 2) * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    mid, x = fh / 2, MARGIN
    for item in shown_items(items, font, width):
        for part in item:
            w = _part_width(part, fm)
            if part[0] == "text":
                painter.setPen(part[2])
                painter.drawText(QRectF(x, 0, w + 2, fh), _LEFT, part[1])
            elif part[0] == "bar":
                rect = QRectF(x, mid - 5, BAR_W, 10)
                gradient = QLinearGradient(rect.topLeft(), rect.topRight())
                for pos in (0.0, 0.25, 0.5, 0.75, 1.0):
                    gradient.setColorAt(pos, QColor(*(int(c) for c in part[1].table[round(pos * 255)])))
                painter.setBrush(gradient)
                painter.setPen(QPen(QColor(190, 190, 190), 0.8))
                painter.drawRoundedRect(rect, 2, 2)
            else:
                ramp = part[1]
                for n, (lw, t) in enumerate(((1.0, -0.6), (2.5, 0.8), (4.0, 1.0))):
                    value = t if ramp.diverging else abs(t)
                    painter.setPen(QPen(color(ramp, value), lw, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                    cx = x + n * 8 + 2
                    painter.drawLine(QPointF(cx, mid + 6), QPointF(cx, mid - 6))
            x += w + PART_GAP
        x += ITEM_GAP
    painter.end()
    return pixmap
