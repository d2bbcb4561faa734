"""A word-wrapped label that is always as tall as its text at the width it is given.

QLabel measures a wrapped text with its own font's line height, but Chinese glyphs come from a taller
fallback font, and QFormLayout inside a scrolling panel gives a label its minimum height rather than
its height for its width: on a 1280×800 screen the preset's description lost its last line and the
tops of its characters. This label measures its text as Qt lays it out (QTextDocument, fallback fonts
included) and keeps that height as its minimum, so the panel grows and its scroll area scrolls.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        margins = self.contentsMargins()
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        if self.textFormat() == self.textFormat().RichText or (
                self.textFormat() == self.textFormat().AutoText and "<" in self.text()):
            document.setHtml(self.text())
        else:
            document.setPlainText(self.text())
        document.setTextWidth(max(1, width - margins.left() - margins.right() - 2 * self.margin()))
        text_height = math.ceil(document.size().height())
        return max(text_height, super().heightForWidth(width) - margins.top() - margins.bottom()) + \
            margins.top() + margins.bottom() + 2 * self.margin()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        height = self.heightForWidth(self.width()) if self.text() else 0
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
