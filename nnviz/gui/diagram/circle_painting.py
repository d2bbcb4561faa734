"""Painting a circle diagram's scene: connections, neurons (circles or heatmap tiles), the texts beside
the input and output columns, and the captions under the columns. Only draws: everything it draws was
made by circle_scene.build_scene.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from nnviz.gui.diagram.base import LEFT, RIGHT
from nnviz.gui.diagram.circle_layout import CircleGeometry
from nnviz.gui.diagram.circle_scene import CircleScene, glow_pen, value_fill
from nnviz.training.phases import PhaseKind
from nnviz.gui.theme import DELTA_POSITIVE, DELTA_TEXT, FAINT, SELECTED, SUBTLE, TEXT, WHITE, toward_white

HALO_EDGE = QColor(200, 200, 200)
GAUGE_H = 14.0
# Pens every neuron uses, made once rather than per neuron and frame.
HALO_PEN = QPen(HALO_EDGE, 0.8)
FRAME_PEN, DIM_FRAME_PEN = QPen(FAINT, 1.0), QPen(HALO_EDGE, 1.0)
BIAS_PEN = QPen(QColor(120, 120, 120), 0.8)


def paint_links(painter: QPainter, view, geo: CircleGeometry, scene: CircleScene) -> None:
    flash = view._flash_level()
    for g in scene.groups:
        if g.glow:
            if flash <= 0:
                continue
            painter.setPen(glow_pen(g.pen, flash))
        elif g.flow:
            painter.setPen(g.base_pen)
            painter.drawLines(g.lines)
            g.dash_pen.setDashOffset(-g.flow * view._flow / g.dash_pen.widthF())
            painter.setPen(g.dash_pen)
        else:
            painter.setPen(g.pen)
        painter.drawLines(g.lines)
    if scene.arrows:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(scene.arrow_color)
        for poly in scene.arrows:
            painter.drawPolygon(poly)
    hover = view._hover
    if hover is not None and len(hover) == 3:
        layer, i, j = hover
        links = geo.links[layer - 1]
        k = int(np.flatnonzero((links.i_out == i) & (links.j_in == j))[0])
        pen = QPen(QColor(80, 80, 80), float(scene.widths[geo.link_offset[layer - 1] + k]) + 1.5)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(links.lines[k])


def _shape(painter: QPainter, rect: QRectF, square: bool, radius: float) -> None:
    if square:
        painter.drawRoundedRect(rect, radius, radius)
    else:
        painter.drawEllipse(rect)


def paint_nodes(painter: QPainter, view, geo: CircleGeometry, scene: CircleScene) -> None:
    half, radius = geo.half, geo.radius
    bias_size = min(10.0, max(5.0, geo.size * 0.28))
    fh = view._fm.height()
    for layer, column in enumerate(geo.columns):
        for k, look in enumerate(scene.looks[layer]):
            c = QPointF(column.x, float(column.ys[k]))
            rect = QRectF(c.x() - half, c.y() - half, geo.size, geo.size)
            square = look.tile is not None
            # Filled shapes, back to front: wide strokes of curves cost Qt far more than fills.
            if look.halo is not None:  # the δ ring: 7 px around the neuron
                painter.setBrush(look.halo)
                painter.setPen(HALO_PEN)
                _shape(painter, rect.adjusted(-7, -7, 7, 7), square, radius + 7)
            if square:
                # A frame 2.5 px wide in the activation's colour, then the heatmap inside it.
                painter.setBrush(look.edge if look.framed and look.halo is None else WHITE)
                painter.setPen(DIM_FRAME_PEN if look.dimmed else FRAME_PEN)
                _shape(painter, rect.adjusted(-2.5, -2.5, 2.5, 2.5), True, radius + 2.5)
                painter.setOpacity(look.body_opacity)
                painter.drawImage(rect.topLeft(), look.tile)
                painter.setOpacity(1.0)
            else:
                painter.setBrush(look.fill if look.dimmed else toward_white(look.fill, look.body_opacity))
                painter.setPen(QPen(look.edge, 1.0))
                painter.drawEllipse(rect)
            if look.marker and scene.marker_xy is not None and square and not look.dimmed:
                fx, fy = scene.marker_xy
                fy = fy if look.marker_y is None else look.marker_y
                m = QPointF(rect.left() + fx * rect.width(), rect.bottom() - fy * rect.height())
                if rect.contains(m):
                    painter.setPen(QPen(QColor(30, 30, 30), 1.0))
                    painter.setBrush(WHITE)
                    painter.drawEllipse(m, 2.4, 2.4)
            if look.bias is not None:
                # Beside a tile's bottom-left corner, not on it: a heatmap's corner or a rising curve's
                # start would be hidden under it.
                corner = rect.bottomLeft() + QPointF(-bias_size / 2 - 3.5, -bias_size / 2) if square \
                    else c + QPointF(-half * 0.71, half * 0.71)
                painter.setOpacity(0.5 if look.dimmed else 1.0)
                painter.setBrush(look.bias)
                painter.setPen(BIAS_PEN)
                painter.drawRect(QRectF(corner.x() - bias_size / 2, corner.y() - bias_size / 2, bias_size, bias_size))
                painter.setOpacity(1.0)
            if look.pill and column.step >= fh + 1:
                _pill(painter, view, QPointF(rect.right() + 6, c.y()), look.pill, look.pill_color)
            key = (layer, int(column.shown[k]))
            if key == view._selected or key == view._hover:
                selected = key == view._selected
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(SELECTED if selected else FAINT, 2.0 if selected else 1.2))
                grow = 10.0 if look.halo is not None else 5.0
                _shape(painter, rect.adjusted(-grow, -grow, grow, grow), square, radius + grow)
        if column.ellipsis_y is not None:
            _ellipsis(painter, view, QPointF(column.x, column.ellipsis_y), view._sizes[layer])


def _ellipsis(painter: QPainter, view, centre: QPointF, n: int) -> None:
    """"⋮ n" where the neurons left out of a big layer would be."""
    fm = QFontMetricsF(view._ellipsis_font)
    dot_w = fm.horizontalAdvance("⋮")
    painter.setPen(SUBTLE)
    painter.setFont(view._ellipsis_font)
    painter.drawText(QRectF(centre.x() - dot_w / 2 - 1, centre.y() - fm.height() / 2, dot_w + 2, fm.height()),
                     Qt.AlignmentFlag.AlignCenter, "⋮")
    painter.setFont(view._font)
    fh = view._fm.height()
    painter.drawText(QRectF(centre.x() + dot_w / 2 + 3, centre.y() - fh / 2, 80, fh), LEFT, f"{n:,}")


def _pill(painter: QPainter, view, left_mid: QPointF, text: str, color: QColor) -> None:
    fm = view._fm
    w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
    rect = QRectF(left_mid.x(), left_mid.y() - h / 2, w, h)
    painter.setPen(QPen(QColor(215, 215, 215), 0.8))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(rect, h / 2, h / 2)
    painter.setPen(color)
    painter.setFont(view._font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def output_rows_fit(view, geo: CircleGeometry, scene: CircleScene) -> bool:
    """Whether every output's rows fit between its neighbours (else each gets one compact line)."""
    fh, step = view._fm.height(), geo.columns[-1].step
    return all(sum(fh if r[0] == "text" else GAUGE_H for r in label.rows) <= step + 2 or len(label.rows) == 1
               for label in scene.right_rows)


def loss_below_outputs(view, geo: CircleGeometry, scene: CircleScene) -> QRectF | None:
    """Where the loss goes under the output labels, or None when it does not fit there (it then goes
    to the caption line's right end)."""
    if not scene.loss_text or not output_rows_fit(view, geo, scene):
        return None
    fh, out = view._fm.height(), geo.columns[-1]
    bottom = float(out.ys[-1]) + geo.half
    for k, label in enumerate(scene.right_rows):
        height = sum(fh if r[0] == "text" else GAUGE_H for r in label.rows)
        bottom = max(bottom, float(out.ys[k]) + height / 2)
    width = view._bold_fm.horizontalAdvance(scene.loss_text) + 4
    rect = QRectF(geo.right_x, bottom + 4, width, fh)
    fits = rect.right() <= view.width() - 4 and rect.bottom() <= geo.caption_y - 2
    return rect if fits else None


def paint_labels(painter: QPainter, view, geo: CircleGeometry, scene: CircleScene) -> None:
    fm, fh = view._fm, view._fm.height()
    painter.setFont(view._font)
    left = geo.columns[0]
    right_edge = left.x - geo.half - 8
    for k, rows in enumerate(scene.left_rows):
        if len(rows) > 1 and len(rows) * fh > left.step + 2:
            # Crowded: "name = value" on one line, the name shortened to fit.
            value = " " + rows[1][0]
            name = fm.elidedText(rows[0][0], Qt.TextElideMode.ElideRight, geo.left_w - 6 - fm.horizontalAdvance(value))
            rows = [(name + value, rows[1][1])]
        y = float(left.ys[k]) - len(rows) * fh / 2
        for text, color in rows:
            painter.setPen(color)
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, geo.left_w - 6)
            painter.drawText(QRectF(right_edge - geo.left_w, y, geo.left_w, fh), RIGHT, text)
            y += fh
    out, x = geo.columns[-1], geo.right_x
    width = max(20.0, view.width() - x - 6)
    fit = output_rows_fit(view, geo, scene)
    for k, label in enumerate(scene.right_rows):
        if not fit and len(label.rows) > 1:
            painter.setFont(view._bold if label.compact_bold else view._font)
            painter.setPen(label.compact_color)
            text = fm.elidedText(label.compact, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRectF(x, float(out.ys[k]) - fh / 2, width, fh), LEFT, text)
            painter.setFont(view._font)
            continue
        heights = [fh if r[0] == "text" else GAUGE_H for r in label.rows]
        y = float(out.ys[k]) - sum(heights) / 2
        for row, rh in zip(label.rows, heights):
            if row[0] == "text":
                painter.setPen(row[2])
                painter.drawText(QRectF(x, y, width, rh), LEFT, fm.elidedText(row[1], Qt.TextElideMode.ElideRight, width))
            else:
                _gauge(painter, QRectF(x, y, min(64.0, width), rh), *row[1:])
            y += rh
    rect = loss_below_outputs(view, geo, scene)
    if rect is not None:
        painter.setFont(view._bold)
        painter.setPen(TEXT)
        painter.drawText(rect, LEFT, scene.loss_text)
        painter.setFont(view._font)
    phase = view._phase
    backward = phase is not None and phase.kind is PhaseKind.BACKWARD and view._sample is not None
    captions = [[(line, None) for line in lines] for lines in geo.captions]
    view._paint_column_captions(painter, [c.x for c in geo.columns], captions, geo.caption_y, view._focus_layer(),
                                DELTA_TEXT if backward else TEXT)


def _gauge(painter: QPainter, rect: QRectF, lo: float, hi: float, out: float, target: float) -> None:
    """A track from lo to hi with the output (dot), the target (dark tick) and the error between."""
    span = (hi - lo) or 1.0

    def x_of(v: float) -> float:
        return rect.left() + 4 + (rect.width() - 8) * (v - lo) / span

    y = rect.center().y()
    painter.setPen(QPen(QColor(220, 220, 220), 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(x_of(lo), y), QPointF(x_of(hi), y))
    painter.setPen(QPen(QColor(*DELTA_POSITIVE), 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(x_of(out), y), QPointF(x_of(target), y))
    painter.setPen(QPen(TEXT, 2.0))
    painter.drawLine(QPointF(x_of(target), y - 5), QPointF(x_of(target), y + 5))
    painter.setPen(QPen(QColor(90, 90, 90), 1.0))
    painter.setBrush(value_fill(out))
    painter.drawEllipse(QPointF(x_of(out), y), 4.0, 4.0)
