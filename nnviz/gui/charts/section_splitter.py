"""A splitter between two panes whose handle can be seen, and that shares the room by default.

A bare QSplitter handle is a few invisible pixels: users never find it, and a pane left at its size
hint can be squeezed to nothing. Here the handle is a bar with a ridged grip that says it can be
dragged, and the panes share the room by a default proportion until the user drags the handle, after
which their choice is kept. The panes sit side by side when the splitter is wide, above each other
when it is tall (each pane gets the squarer room), decided anew as it is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSplitter, QSplitterHandle, QWidget

from nnviz.gui import theme
from nnviz.gui.i18n import Retranslated, translate

__all__ = ["SectionSplitter"]

GRIP_LENGTH = 28  # the ridges in the middle of the handle
HANDLE_WIDTH = 9
SIDE_BY_SIDE_ASPECT = 1.5  # wider than this × its height: panes side by side


class GripHandle(Retranslated, QSplitterHandle):
    """The bar between the panes: a thin line along it and three ridges across its middle."""

    def __init__(self, orientation: Qt.Orientation, splitter: QSplitter):
        super().__init__(orientation, splitter)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(translate("GripHandle", "Drag to share the room between the two parts"))

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), theme.WHITE)
            w, h = self.width(), self.height()
            horizontal = self.orientation() == Qt.Orientation.Horizontal  # panes side by side
            painter.setPen(QPen(theme.FRAME, 1.0))
            if horizontal:
                painter.drawLine(w // 2, 0, w // 2, h)
            else:
                painter.drawLine(0, h // 2, w, h // 2)
            painter.setPen(QPen(theme.FAINT, 1.0))
            painter.setBrush(theme.WHITE)
            for d in (-3, 0, 3):
                if horizontal:
                    painter.drawLine(w // 2 + d, (h - GRIP_LENGTH) // 2, w // 2 + d, (h + GRIP_LENGTH) // 2)
                else:
                    painter.drawLine((w - GRIP_LENGTH) // 2, h // 2 + d, (w + GRIP_LENGTH) // 2, h // 2 + d)
        finally:
            painter.end()


class SectionSplitter(QSplitter):
    """Two panes, side by side or above each other by the splitter's shape; the first gets
    `first_share` of the room until the user drags the handle."""

    def __init__(self, first: QWidget, second: QWidget, first_share: float = 0.5, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.first_share = first_share
        self._user_sized = False
        self.setChildrenCollapsible(False)
        self.setHandleWidth(HANDLE_WIDTH)
        self.addWidget(first)
        self.addWidget(second)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self.splitterMoved.connect(self._on_handle_moved)

    def createHandle(self) -> QSplitterHandle:  # noqa: N802
        return GripHandle(self.orientation(), self)

    @property
    def grip(self) -> QSplitterHandle:
        """The handle between the two panes."""
        return self.handle(1)

    @property
    def side_by_side(self) -> bool:
        return self.orientation() == Qt.Orientation.Horizontal

    def set_second_visible(self, visible: bool) -> None:
        """Show or hide the second pane (and the handle) now, sharing the room at once."""
        self.widget(1).setVisible(visible)
        if not self.isWindow():
            # Not before it is in a layout: QSplitter fixes a window's minimum size to its panes' as
            # they are now, and kept once it is a child, that stale minimum would stand in for theirs.
            self.refresh()
        self._apply_share()

    def restore_default_share(self) -> None:
        """Share the room by first_share again (as before any drag)."""
        self._user_sized = False
        self._apply_share()

    def _apply_share(self) -> None:
        if self._user_sized or self.widget(1).isHidden():
            return
        room = (self.width() if self.side_by_side else self.height()) - self.handleWidth()
        if room > 0:
            first = round(room * self.first_share)
            self.setSizes([first, room - first])

    def event(self, event) -> bool:
        # A pane shown or hidden makes QSplitter lay out again, by its own rules: share anew.
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._apply_share()
        return handled

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        wide = self.width() > SIDE_BY_SIDE_ASPECT * self.height()
        if wide != self.side_by_side:
            self.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
            self._user_sized = False  # a drag in the other direction says nothing about this one
        self._apply_share()

    def _on_handle_moved(self, _pos: int, _index: int) -> None:
        self._user_sized = True
