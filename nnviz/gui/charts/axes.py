"""Axis tick labels in the app's number style: a real minus sign (−), and never "−0".

pyqtgraph writes ticks with Python's hyphen-minus ("-0.4"); every other number in the app uses the
minus sign of nnviz.gui.theme. `use_theme_numbers(axis)` makes an axis (a plot's, or a colour bar's)
write its ticks that way, keeping pyqtgraph's choice of ticks and decimals.
"""

from __future__ import annotations

import math
import re

import pyqtgraph as pg

from nnviz.gui import theme


_EXPONENT = re.compile(r"e([+-]?)0*(\d)")


def themed_tick(text: str) -> str:
    """One tick label with a real minus sign and a short exponent: "-0.4" → "−0.4", "1e-05" → "1e−5";
    "-0", "-0.0"... become "0", "0.0"."""
    if text.startswith("-") and not text.strip("-0.") and text.strip("-"):
        text = text[1:]
    text = _EXPONENT.sub(lambda m: "e" + ("-" if m.group(1) == "-" else "") + m.group(2), text)
    return text.replace("-", theme.MINUS)


def use_theme_numbers(axis: pg.AxisItem) -> pg.AxisItem:
    """Make `axis` write its tick labels with themed_tick; returns the axis."""
    original = axis.tickStrings

    def tick_strings(values, scale, spacing):
        return [themed_tick(text) for text in original(values, scale, spacing)]

    axis.tickStrings = tick_strings
    return axis


class StepAxis(pg.AxisItem):
    """The training-step axis: whole steps with thousands separators ("15,000", not "15000")."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        return [f"{v * scale:,.0f}" if spacing * scale >= 1 else f"{v * scale:,g}" for v in values]


def set_title(plot: pg.PlotItem, html: str, **style) -> None:
    """plot.setTitle, as tall as the title's text: pyqtgraph gives a title 30 px, which two lines of
    Chinese (taller glyphs than Latin) overflow."""
    plot.setTitle(html, **style)
    height = max(30, math.ceil(plot.titleLabel.item.boundingRect().height()))
    plot.titleLabel.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(0, height)


def still_plot(plot: pg.PlotItem) -> pg.PlotItem:
    """`plot` as nnviz's small charts show it: no buttons, menu or mouse panning, a faint grid, and
    plain theme-formatted numbers on its left and bottom axes (no SI prefixes)."""
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.showGrid(x=True, y=True, alpha=0.15)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.enableAutoSIPrefix(False)
        use_theme_numbers(axis)
    return plot


def show_elided(label, text: str) -> None:
    """Show `text` in the QLabel `label`, shortened in the middle to fit its width; the whole text is
    then its tooltip."""
    shown = label.fontMetrics().elidedText(text, pg.QtCore.Qt.TextElideMode.ElideMiddle, max(label.width(), 40))
    label.setText(shown or " ")
    label.setToolTip(text if shown != text else "")
