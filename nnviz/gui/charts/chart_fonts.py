"""The fonts the painted charts use: the widget's own font, never below 9 pt, sized relative to it."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


def chart_font(widget: QWidget, delta: float = 0.0, bold: bool = False) -> QFont:
    """widget's font at (at least 9 pt) + delta points."""
    font = QFont(widget.font())
    font.setPointSizeF(max(9.0, font.pointSizeF()) + delta)
    font.setBold(bold)
    return font
