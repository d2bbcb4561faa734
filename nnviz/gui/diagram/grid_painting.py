"""Painting a grid diagram's scene: the grid images, the chevrons between columns, the focused neuron's
connections, the output rows with their bars, the verdict line and the receptive-field inset.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from nnviz.gui.diagram.base import CENTER, LEFT, RIGHT
from nnviz.gui.diagram.grid_layout import DOT, GridGeometry, Outputs
from nnviz.gui.diagram.grid_scene import DIM_GAP, DIMMED, GridScene, cell_outline
from nnviz.gui.i18n import translate
from nnviz.gui.theme import (
    DELTA_NEGATIVE, DELTA_POSITIVE, DELTA_TEXT, FAINT, FRAME, POSITIVE, SELECTED, SUBTLE, TEXT, UPDATE, VALUES,
    WHITE, compact, faded, percent, short, symmetric_level,
)
from nnviz.training.phases import LayerState, PhaseKind

INSET_SCALE = 3  # the receptive-field inset draws each input pixel this many pixels wide
BAR_TRACK = QColor("#eeeeee")
BAR_STRONG = QColor(*POSITIVE)
BAR_WEAK = QColor(*faded(np.array(POSITIVE), 0.45))
BAR_PASSED = QColor(*faded(np.array(POSITIVE), 0.5))
BAR_PASSED_WEAK = QColor(*faded(faded(np.array(POSITIVE), 0.45), 0.5))


def paint_grids(painter: QPainter, view, geo: GridGeometry, scene: GridScene) -> None:
    flash = view._flash_level()
    for layer, (grid, (image, _)) in enumerate(zip(geo.grids, scene.images)):
        rect = grid.rect
        state = scene.states[layer]
        if state is LayerState.UPDATE and flash > 0:  # a purple glow that fades, once per update phase
            glow = QColor(*UPDATE)
            glow.setAlphaF(0.3 * flash)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(glow)
            grow = 2 + 4 * flash
            painter.drawRoundedRect(rect.adjusted(-grow, -grow, grow, grow), grow, grow)
        painter.drawImage(rect.topLeft(), image)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(FRAME if state not in DIMMED else QColor(*DIM_GAP), 1.0))
        painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
    for key, color, width in ((view._hover, SUBTLE, 1.5), (view._selected, SELECTED, 2.0)):
        if key is not None and key[0] < len(geo.grids):
            painter.setPen(QPen(color, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell_outline(geo, *key))


def paint_arrows(painter: QPainter, view, geo: GridGeometry) -> None:
    """A chevron between every two columns: the direction the current phase flows, bold where it is."""
    phase = view._phase
    kind = phase.kind if phase is not None else None
    backward = kind is PhaseKind.BACKWARD
    painter.setPen(Qt.PenStyle.NoPen)
    for k, (x0, x1, y) in enumerate(geo.arrows):
        if x1 - x0 < 14:
            continue
        active = kind in (PhaseKind.FORWARD, PhaseKind.BACKWARD) and phase.layer == k + 1
        color = DELTA_TEXT if backward else QColor(90, 90, 90)
        if not active:
            color = QColor(205, 205, 205) if kind is not None else QColor(175, 175, 175)
        size = 9.0 if active else 7.0
        cx, d = (x0 + x1) / 2, (-1 if backward else 1)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([
            QPointF(cx + d * size * 0.6, y), QPointF(cx - d * size * 0.5, y - size * 0.7),
            QPointF(cx - d * size * 0.2, y), QPointF(cx - d * size * 0.5, y + size * 0.7)]))


def paint_links(painter: QPainter, scene: GridScene) -> None:
    for link in scene.links:
        halo = QPen(WHITE, link.pen.widthF() + 2.0)
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        line = QLineF(link.p0, link.p1)
        painter.setPen(halo)
        painter.drawLine(line)
        painter.setPen(link.pen)
        painter.drawLine(line)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(60, 60, 60), 1.0))
    for rect in scene.ends:
        painter.drawRect(rect)


def paint_outputs(painter: QPainter, view, geo: GridGeometry, scene: GridScene) -> None:
    out, s = geo.outputs, view._sample
    state = scene.states[-1]
    fh = view._fm.height()
    p = scene.outputs
    predicted = int(np.nanargmax(p)) if p is not None and np.isfinite(p).any() else None
    target = s.label if s is not None and state not in DIMMED else None
    kind = view._phase.kind if view._phase is not None else None
    percentages = view._arch.outputs_share  # sigmoid outputs as % would add up to more than 100 %
    passed = state in (LayerState.ERROR_TERM, LayerState.AWAITING_ERROR, LayerState.UPDATE)
    bar_h = max(4.0, min(out.row_h * 0.45, 11.0))
    # δ of the outputs is written beside them when the backward pass starts there.
    show_delta = scene.out_delta is not None and view._phase.layer == view._n_layers
    if p is not None:  # once for all rows: NumPy calls per row cost more than the drawing
        values = np.clip(np.nan_to_num(p), 0.0, 1.0).tolist()
        if show_delta:
            deltas = np.nan_to_num(scene.out_delta).tolist()
            delta_level = symmetric_level(scene.out_delta)
    for k in range(out.n):
        y = out.row_y(k)
        name = view._arch.class_name(k)
        if k == target:  # the true class: white on a dark chip
            chip_w = view._bold_fm.horizontalAdvance(name) + 10
            chip = QRectF(out.left + out.label_w - chip_w, y - fh / 2, chip_w, fh)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TEXT)
            painter.drawRoundedRect(chip, 3, 3)
            painter.setPen(WHITE)
            painter.setFont(view._bold)
            painter.drawText(chip, CENTER, name)
        else:
            painter.setFont(view._bold if k == predicted else view._font)
            painter.setPen(TEXT if state not in DIMMED else FAINT)
            painter.drawText(QRectF(out.left, y - fh / 2, out.label_w - 5, fh), RIGHT, name)
        painter.setPen(QPen(QColor(140, 140, 140) if state not in DIMMED else QColor(*DIM_GAP), 1.0))
        painter.setBrush(scene.out_fill[k])
        painter.drawEllipse(QPointF(out.dot_x, y), DOT / 2, DOT / 2)
        track = QRectF(out.bar_x, y - bar_h / 2, out.bar_w, bar_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAR_TRACK)
        painter.drawRect(track)
        if p is None:
            continue
        strong = k == predicted
        text_rect = QRectF(track.right() + 6, y - fh / 2, out.value_w, fh)
        if show_delta:
            # δ = ∂L/∂z of each output, as a bar from the middle of the track, and its value.
            d = deltas[k]
            length = track.width() / 2 * min(abs(d) / delta_level, 1.0)
            painter.setBrush(QColor(*(DELTA_POSITIVE if d > 0 else DELTA_NEGATIVE)))
            painter.drawRect(QRectF(track.center().x() - (length if d < 0 else 0), track.top(), length, bar_h))
            painter.setBrush(FAINT)
            painter.drawRect(QRectF(track.center().x() - 0.5, track.top() - 2, 1.0, bar_h + 4))
            painter.setFont(view._font)
            painter.setPen(DELTA_TEXT)
            painter.drawText(text_rect, LEFT, compact(d))
            continue
        value = values[k]
        painter.setBrush((BAR_PASSED if strong else BAR_PASSED_WEAK) if passed else (BAR_STRONG if strong else BAR_WEAK))
        painter.drawRect(QRectF(track.left(), track.top(), track.width() * value, bar_h))
        if kind is PhaseKind.LOSS and target is not None:
            # The error the loss measures: from the output to its target (1 for the true class, else 0).
            goal = 1.0 if k == target else 0.0
            if abs(goal - value) > 0.005:
                x0, x1 = sorted((track.left() + track.width() * value, track.left() + track.width() * goal))
                painter.setBrush(QColor(*DELTA_POSITIVE))
                painter.drawRect(QRectF(x0, y - 1.5, x1 - x0, 3.0))
            if k == target:
                painter.setBrush(TEXT)
                painter.drawRect(QRectF(track.right() - 1, track.top() - 3, 2, bar_h + 6))
        painter.setFont(view._bold if strong else view._font)
        painter.setPen(TEXT if strong else SUBTLE)
        painter.drawText(text_rect, LEFT, percent(value, 0) if percentages else short(p[k]))
    paint_verdict(painter, view, out, scene, predicted, target)


def verdict(view, scene: GridScene, predicted: int | None, target: int | None) -> tuple[str, QColor] | None:
    """The line under the outputs: the prediction against the label, or in the loss phase the loss."""
    s, kind = view._sample, (view._phase.kind if view._phase is not None else None)
    if s is None or predicted is None or scene.states[-1] in DIMMED:
        return None
    name = view._arch.class_name
    if kind is PhaseKind.LOSS and target is not None:
        if view._activation(view._n_layers) == "softmax":
            loss = -np.log(max(float(scene.outputs[target]), 1e-12))
            return verdict_text("softmax_loss", name(target), short(loss)), DELTA_TEXT
        return (verdict_text("batch_loss", "", short(s.loss)), DELTA_TEXT) if s.loss is not None else None
    if target is None:
        return verdict_text("predicted", name(predicted)), TEXT
    if predicted == target:
        return verdict_text("right", name(predicted)), TEXT
    return verdict_text("wrong", name(predicted), name(target)), DELTA_TEXT


def verdict_text(kind: str, name: str, value: str = "") -> str:
    """The verdict line's words: kind "predicted", "right", "wrong" (value: the true class's name),
    "softmax_loss" (name: the target's, value: the loss) or "batch_loss" (value: the loss)."""
    if kind == "softmax_loss":
        return translate("GridDiagram", "loss −ln p({name}) = {loss}").format(name=name, loss=value)
    if kind == "batch_loss":
        return translate("GridDiagram", "batch loss {loss}").format(loss=value)
    if kind == "right":
        return translate("GridDiagram", "predicted {name} ✓").format(name=name)
    if kind == "wrong":
        return translate("GridDiagram", "predicted {name} ✗ (true {target})").format(name=name, target=value)
    return translate("GridDiagram", "predicted {name}").format(name=name)


def paint_verdict(painter: QPainter, view, out: Outputs, scene: GridScene, predicted, target) -> None:
    line = verdict(view, scene, predicted, target)
    if line is None:
        return
    text, color = line
    fh = view._fm.height()
    rect = out.rect
    y = rect.bottom() + 6
    if y + fh > view._geo.caption_y - 2:  # no room below: above the outputs
        y = rect.top() - 6 - fh
    painter.setFont(view._bold)
    painter.setPen(color)
    width = view.width() - rect.left() - 4
    painter.drawText(QRectF(rect.left(), y, width, fh), LEFT,
                     view._bold_fm.elidedText(text, Qt.TextElideMode.ElideRight, width))


def paint_inset(painter: QPainter, view) -> None:
    """The hovered neuron's receptive field at INSET_SCALE×, in a small panel by the mouse."""
    hover, pos = view._hover, view._hover_pos
    if hover is None or hover[0] == 0 or pos is None:
        return
    field = view.receptive_field(*hover)
    if field is None:
        return
    h, w = field.shape
    rgb = np.ascontiguousarray(VALUES.rgb(field, symmetric_level(field)))
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    side_w, side_h = w * INSET_SCALE, h * INSET_SCALE
    if hover[0] == 1:
        title = translate("GridDiagram", "weights from the pixels")
    elif view._sample is None:
        title = translate("GridDiagram", "product of the weights")
    else:
        title = translate("GridDiagram", "∂z/∂x for this input")
    fh = view._fm.height()
    panel_w = max(side_w, view._fm.horizontalAdvance(title)) + 12
    panel_h = side_h + fh + 14
    x = pos.x() - panel_w - 14
    if x < 4:
        x = pos.x() + 18
    y = min(max(pos.y() - panel_h - 10, 4.0), view.height() - panel_h - 4)
    panel = QRectF(x, y, panel_w, panel_h)
    painter.setPen(QPen(FRAME, 1.0))
    painter.setBrush(QColor(255, 255, 255, 245))
    painter.drawRoundedRect(panel, 4, 4)
    painter.setFont(view._font)
    painter.setPen(SUBTLE)
    painter.drawText(QRectF(x + 6, y + 4, panel_w - 12, fh), CENTER, title)
    target = QRectF(x + (panel_w - side_w) / 2, y + fh + 8, side_w, side_h)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(target, image)
    painter.setPen(QPen(FRAME, 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)
