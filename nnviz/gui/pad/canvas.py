"""The square a learner draws a digit on: strokes of a round brush in, a 280×280 ink image out.

Strokes are kept as lists of points in canvas coordinates (0..280 on both axes), so a drawing can be
undone stroke by stroke and rendered again at any device pixel ratio. The ink lives in a QImage at
device resolution (280·dpr pixels square, black on white). `image()` averages it down to the 280×280
canvas pixels and rounds them to 8 bits, and `save_png` writes those very bytes: a saved drawing gives
`nnviz predict` exactly the input the pad classified.

On screen the canvas is a square of 280 logical pixels, or smaller (down to MIN_SIDE) where its layout
is short of height: the ink is painted scaled to the square and pointer positions are scaled back to
canvas coordinates, so the image, the brush width and the strokes do not depend on the size shown.

Rendering: finished strokes sit in one image; the stroke being drawn is stroked as a single polyline on
a copy of it whenever the ink is next needed (a paint or `image()`), never per mouse event, and never
segment by segment (overlapping antialiased segments would darken every joint). `image_changed` is
throttled to one emission per frame while drawing, plus one as each stroke ends.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QEventPoint, QImage, QKeySequence, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from nnviz.gui.i18n import translate

__all__ = ["DrawingCanvas", "CANVAS_SIZE", "MIN_SIDE", "DEFAULT_BRUSH_WIDTH", "FRAME_MS"]

CANVAS_SIZE = 280  # canvas pixels per side (logical pixels on screen at full size)
MIN_SIDE = 200  # the smallest square the canvas is shown as, in logical pixels
DEFAULT_BRUSH_WIDTH = 22.0  # canvas pixels; after MNIST's scaling to a 20 px box, about 2 px
FRAME_MS = 16  # image_changed fires at most this often while drawing
MIN_STEP = 1.0  # a pointer move shorter than this (logical px) adds no point to the stroke


def default_placeholder() -> str:
    """The hint on an empty canvas, in the window's language."""
    return translate("DrawingCanvas", "Draw a digit (0–9) with the mouse")


PAPER = QColor(255, 255, 255)
INK = QColor(0, 0, 0)
BORDER = QColor("#c8c8c8")
BORDER_FOCUSED = QColor("#7a7a7a")
HINT = QColor("#a0a0a0")
RING = QColor(0, 0, 0, 90)


class DrawingCanvas(QWidget):
    """A 280×280 canvas drawn on with the mouse, a pen or a finger; Ctrl+Z undoes a stroke, Esc clears.

    image() is (280, 280) float32 in [0, 1] with ink = 1; strokes() are (k, 2) arrays of (x, y) points,
    in canvas pixels whatever the size shown. The canvas is the square `paper_rect()` in the widget's
    top-left corner (the widget may be wider or taller than the square its layout lets it show).
    """

    image_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self.setMaximumSize(CANVAS_SIZE, CANVAS_SIZE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # for the brush outline under a hovering pointer
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setCursor(Qt.CursorShape.CrossCursor)  # no tooltip: it would pop up over the drawing

        self._brush_width = DEFAULT_BRUSH_WIDTH
        self._strokes: list[list[QPointF]] = []  # finished strokes, then the one being drawn
        self._drawing = False  # the last stroke is still being drawn
        self._touch_id: int | None = None
        self._hover: QPointF | None = None
        self._placeholder: str | None = None  # None: the default hint, in the language of the moment

        self._dpr = 0.0  # of the buffers below; 0 until they exist
        self._finished = QImage()  # every finished stroke
        self._ink = QImage()  # _finished plus the stroke being drawn
        self._ink_stale = True

        self._since_emit = QElapsedTimer()
        self._emit_timer = QTimer(self, singleShot=True)
        self._emit_timer.timeout.connect(self._emit_now)

    # -- public API ---------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(CANVAS_SIZE, CANVAS_SIZE)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(MIN_SIDE, MIN_SIDE)

    def paper_rect(self) -> QRectF:
        """The square the canvas is shown as, in widget coordinates: 280 logical pixels a side, or less
        when the widget is smaller."""
        side = max(1, min(self.width(), self.height(), CANVAS_SIZE))
        return QRectF(0, 0, side, side)

    @property
    def shown_scale(self) -> float:
        """Logical screen pixels per canvas pixel (1 at full size)."""
        return self.paper_rect().width() / CANVAS_SIZE

    @property
    def brush_width(self) -> float:
        """Diameter of the round brush in canvas pixels (280 a side); changing it redraws every stroke."""
        return self._brush_width

    @brush_width.setter
    def brush_width(self, width: float) -> None:
        width = float(width)
        if not (np.isfinite(width) and 1.0 <= width <= CANVAS_SIZE / 2):
            most = CANVAS_SIZE // 2
            raise ValueError(f"brush width must be between 1 and {most} pixels, got {width}")  # i18n: API misuse
        if width != self._brush_width:
            self._brush_width = width
            self._rerender()
            self._emit_now()

    @property
    def placeholder_text(self) -> str:
        """The hint painted on an empty canvas (never part of the image); set None for the default."""
        return default_placeholder() if self._placeholder is None else self._placeholder

    @placeholder_text.setter
    def placeholder_text(self, text: str | None) -> None:
        self._placeholder = text
        self.update()

    @property
    def is_empty(self) -> bool:
        return not self._strokes

    @property
    def is_drawing(self) -> bool:
        return self._drawing

    def strokes(self) -> list[np.ndarray]:
        """Every stroke as a (k, 2) float array of (x, y) points in canvas pixels (280 a side), oldest first."""
        return [np.array([(p.x(), p.y()) for p in stroke], dtype=np.float64).reshape(-1, 2)
                for stroke in self._strokes]

    @Slot()
    def clear(self) -> None:
        """Remove every stroke (Esc)."""
        if not self._strokes:
            return
        self._strokes.clear()
        self._end_input()
        self._rerender()
        self._emit_now()

    @Slot()
    def undo(self) -> None:
        """Remove the last stroke, or the one being drawn (Ctrl+Z)."""
        if not self._strokes:
            return
        self._strokes.pop()
        self._end_input()
        self._rerender()
        self._emit_now()

    @property
    def ink_side(self) -> int:
        """Device pixels per side of the ink as last rendered (280 × the device pixel ratio then)."""
        return self._finished.width()

    def image(self) -> np.ndarray:
        """The drawing as (280, 280) float32 in [0, 1], ink = 1 and paper = 0, at logical resolution."""
        return 1.0 - self.gray8().astype(np.float32) / np.float32(255.0)

    def gray8(self) -> np.ndarray:
        """The drawing as it looks: (280, 280) uint8, 0 = black ink, 255 = white paper.

        At a device pixel ratio above 1 each logical pixel is the area average of its device pixels.
        """
        ink = self._current_ink()
        if ink.width() != CANVAS_SIZE:
            # Qt's smooth downscaling averages over each target pixel's area (a box filter).
            ink = ink.scaled(CANVAS_SIZE, CANVAS_SIZE, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        return _gray_pixels(ink)

    def save_png(self, path: str | os.PathLike) -> Path:
        """Write the drawing, dark ink on white, as a 280×280 grayscale PNG; raises OSError on failure."""
        path = Path(path)
        pixels = np.ascontiguousarray(self.gray8())
        image = QImage(pixels.data, CANVAS_SIZE, CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        if not image.save(str(path), "PNG"):
            raise OSError(translate("DrawingCanvas", "cannot write {path}").format(path=path))
        return path

    # -- pointer input ------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if (event.button() == Qt.MouseButton.LeftButton and self._touch_id is None
                and self._on_paper(event.position())):
            if self._drawing:  # the last stroke's release never arrived (e.g. the window lost focus)
                self._finish_stroke()
            self._begin_stroke(self._to_canvas(event.position()))
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._drawing and self._touch_id is None:
            if event.buttons() & Qt.MouseButton.LeftButton:
                self._extend_stroke(self._to_canvas(event.position()))
            else:  # released where we could not see it
                self._finish_stroke()
        else:
            self._move_hover(event.position())
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._drawing and self._touch_id is None:
            self._extend_stroke(self._to_canvas(event.position()))
            self._finish_stroke()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event) -> None:  # noqa: N802
        # Accepting a tablet event stops Qt from synthesising the matching mouse event.
        kind = event.type()
        if kind == QEvent.Type.TabletPress and self._touch_id is None and self._on_paper(event.position()):
            if self._drawing:
                self._finish_stroke()
            self._begin_stroke(self._to_canvas(event.position()))
        elif kind == QEvent.Type.TabletMove:
            if self._drawing:
                self._extend_stroke(self._to_canvas(event.position()))
            else:  # the pen hovering over the canvas
                self._move_hover(event.position())
        elif kind == QEvent.Type.TabletRelease and self._drawing:
            self._extend_stroke(self._to_canvas(event.position()))
            self._finish_stroke()
        event.accept()

    def event(self, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and not self._strokes:
            self.update()  # the hint, in the new language
        if kind == QEvent.Type.ShortcutOverride and self._strokes and _is_canvas_key(event):
            # While there is ink, take Esc and Ctrl+Z as keys even if a window shortcut uses them too.
            event.accept()
            return True
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            self._on_touch(event)
            return True
        return super().event(event)

    def _on_touch(self, event) -> None:
        """One finger draws; a second finger on the canvas is ignored until the first lifts."""
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            if self._touch_id is not None and self._drawing:
                self._strokes.pop()  # the system took the gesture over: the stroke never happened
                self._end_input()
                self._rerender()
                self._emit_now()
            self._touch_id = None
            event.accept()
            return
        points = event.points()
        if (self._touch_id is None and kind == QEvent.Type.TouchBegin and points and not self._drawing
                and self._on_paper(points[0].position())):
            self._touch_id = points[0].id()
            self._begin_stroke(self._to_canvas(points[0].position()))
        elif self._touch_id is not None:
            for point in points:
                if point.id() != self._touch_id:
                    continue
                self._extend_stroke(self._to_canvas(point.position()))
                if kind == QEvent.Type.TouchEnd or point.state() == QEventPoint.State.Released:
                    self._finish_stroke()
                    self._touch_id = None
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.clear()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._move_hover(None)
        super().leaveEvent(event)

    def _on_paper(self, pos: QPointF) -> bool:
        """Whether pos (widget coordinates) is on the square shown, where a stroke may begin."""
        return self.paper_rect().contains(pos)

    def _to_canvas(self, pos: QPointF) -> QPointF:
        """pos in widget coordinates as canvas pixels (0..280 across the square shown)."""
        return QPointF(pos) / self.shown_scale

    # -- strokes ------------------------------------------------------------------------------------

    def _begin_stroke(self, pos: QPointF) -> None:
        self._drawing = True
        self._strokes.append([QPointF(pos)])
        self._hover = None
        self._ink_changed()

    def _extend_stroke(self, pos: QPointF) -> None:
        stroke = self._strokes[-1]
        last = stroke[-1]
        if math.hypot(pos.x() - last.x(), pos.y() - last.y()) < MIN_STEP:
            return
        stroke.append(QPointF(pos))
        self._ink_changed()

    def _finish_stroke(self) -> None:
        self._drawing = False
        self._commit_last_stroke()
        self._emit_now()

    def _end_input(self) -> None:
        """Forget a stroke in progress (after the strokes were edited under it)."""
        self._drawing = False
        self._touch_id = None

    def _ink_changed(self) -> None:
        self._ink_stale = True
        self.update()
        self._emit_soon()

    # -- rendering ----------------------------------------------------------------------------------

    def _pen(self) -> QPen:
        pen = QPen(INK, self._brush_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _blank(self) -> QImage:
        side = max(1, round(CANVAS_SIZE * self._dpr))
        image = QImage(side, side, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(side / CANVAS_SIZE)  # so painters use logical coordinates
        image.fill(PAPER)
        return image

    def _stroke_onto(self, image: QImage, strokes: list[list[QPointF]]) -> None:
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(self._pen())
            for stroke in strokes:
                if len(stroke) == 1:
                    painter.drawPoint(stroke[0])  # a round dot as wide as the brush
                else:
                    painter.drawPolyline(QPolygonF(stroke))
        finally:
            painter.end()

    def _rerender(self) -> None:
        """Draw every finished stroke again from its points (after undo, clear or a new brush or dpr)."""
        self._dpr = self.devicePixelRatioF()
        self._finished = self._blank()
        self._stroke_onto(self._finished, self._strokes[:-1] if self._drawing else self._strokes)
        self._ink_stale = True
        self.update()

    def _commit_last_stroke(self) -> None:
        if self._dpr != self.devicePixelRatioF():
            self._rerender()
        else:
            self._stroke_onto(self._finished, self._strokes[-1:])
            self._ink_stale = True
        self.update()

    def _current_ink(self) -> QImage:
        if self._dpr != self.devicePixelRatioF() or self._finished.isNull():
            self._rerender()
        if self._ink_stale:
            if self._drawing:
                self._ink = self._finished.copy()
                self._stroke_onto(self._ink, self._strokes[-1:])
            else:
                self._ink = self._finished
            self._ink_stale = False
        return self._ink

    def paintEvent(self, event) -> None:  # noqa: N802
        ink = self._current_ink()
        paper = self.paper_rect()
        scale = self.shown_scale
        painter = QPainter(self)
        try:
            # Shown smaller than 280 logical pixels, the ink is scaled down: smoothly, so thin strokes
            # do not break up. (The image the network gets is the ink itself, never this.)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, scale != 1.0)
            painter.drawImage(paper, ink)
            hint = self.placeholder_text
            if not self._strokes and hint:
                painter.setPen(HINT)
                painter.drawText(paper.adjusted(16, 16, -16, -16),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, hint)
            if self._hover is not None and not self._drawing:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setPen(QPen(RING, 1.0))
                r = self._brush_width / 2 * scale
                painter.drawEllipse(self._hover, r, r)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(BORDER_FOCUSED if self.hasFocus() else BORDER, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(paper.adjusted(0.5, 0.5, -0.5, -0.5))
        finally:
            painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802
        # A layout sets the height (its row's); the width follows it, so the widget is the square shown.
        self.setMaximumWidth(max(MIN_SIDE, min(CANVAS_SIZE, self.height())))
        super().resizeEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def _move_hover(self, pos: QPointF | None) -> None:
        """Show the brush outline at pos (widget coordinates; None, or off the square shown, hides it);
        repaint only around the old and new rings."""
        if pos is not None and not self._on_paper(pos):
            pos = None
        for old_or_new in (self._hover, pos):
            if old_or_new is not None:
                self.update(self._ring_rect(old_or_new))
        self._hover = None if pos is None else QPointF(pos)

    def _ring_rect(self, center: QPointF) -> QRect:
        r = self._brush_width / 2 * self.shown_scale + 2
        return QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r).toAlignedRect()

    # -- image_changed, at most once per frame ------------------------------------------------------

    def _emit_soon(self) -> None:
        """Emit now if a frame has passed since the last emission, else once when it has."""
        if self._emit_timer.isActive():
            return
        if not self._since_emit.isValid() or self._since_emit.elapsed() >= FRAME_MS:
            self._emit_now()
        else:
            self._emit_timer.start(FRAME_MS - self._since_emit.elapsed())

    def _emit_now(self) -> None:
        self._emit_timer.stop()
        self._since_emit.start()
        self.image_changed.emit()


def _is_canvas_key(event) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or (
        event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier)


def _gray_pixels(image: QImage) -> np.ndarray:
    """A QImage's luminance as a (height, width) uint8 array, copied out of Qt's buffer."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w, stride = gray.height(), gray.width(), gray.bytesPerLine()
    rows = np.frombuffer(gray.constBits(), dtype=np.uint8, count=h * stride).reshape(h, stride)
    return rows[:, :w].copy()
