"""Axis tick labels in the app's number style: a real minus sign (−), and never "−0".

pyqtgraph writes ticks with Python's hyphen-minus ("-0.4"); every other number in the app uses the
minus sign of nnviz.gui.theme. `use_theme_numbers(axis)` makes an axis (a plot's, or a colour bar's)
write its ticks that way, keeping pyqtgraph's choice of ticks and decimals.
"""

from __future__ import annotations

import html
import math
import re

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

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


#: A title's text item keeps this much room beside its text (QTextDocument's margin, both sides).
TITLE_PADDING = 10


#: What a plot alone in its GraphicsLayoutWidget keeps beside its title: the layouts' margins.
TITLE_SIDES = 24


def span_title(plot: pg.PlotItem) -> None:
    """Let `plot`'s title span its axes and colour bar too, not only its view box: a narrow plot
    (the inspector dock open on a laptop) then has room for more of its title."""
    layout = plot.layout
    layout.removeItem(plot.titleLabel)
    layout.addItem(plot.titleLabel, 0, 0, 1, layout.columnCount())


def fitted_title(font: QFont, head: str, detail: str, width: float, points: float, detail_lines: int = 2) -> str:
    """A plot title as HTML no wider than `width` pixels: "head · detail" on one line where it fits,
    else the detail on lines of its own, smaller and grey, broken at its " · " (at most
    `detail_lines`); a line still too wide is cut with "…". pyqtgraph makes a title as wide as its
    text at least, so a longer one pushed the plot past its panel."""
    big, small = QFont(font), QFont(font)
    big.setPointSizeF(points)
    small.setPointSizeF(points - 1)
    room = max(width - TITLE_PADDING, 20.0)
    one_line = f"{head} · {detail}" if detail else head
    if QFontMetricsF(big).horizontalAdvance(one_line) <= room:
        return html.escape(one_line, quote=False)
    first = QFontMetricsF(big).elidedText(head, Qt.TextElideMode.ElideRight, room)
    if not detail:
        return html.escape(first, quote=False)
    fits = QFontMetricsF(small).horizontalAdvance
    lines: list[str] = []
    for part in detail.split(" · "):
        if lines and len(lines) < detail_lines and fits(f"{lines[-1]} · {part}") > room:
            lines.append(part)
        elif lines:
            lines[-1] += f" · {part}"
        else:
            lines.append(part)
    cut = [QFontMetricsF(small).elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines]
    return html.escape(first, quote=False) + "".join(
        f"<br><span style='font-size:{points - 1:g}pt; color:#666'>{html.escape(line, quote=False)}</span>"
        for line in cut)


def fit_axis_label(axis: pg.AxisItem, room: float, *labels: tuple[str, str | None]) -> None:
    """Label the vertical `axis` with the first of `labels` ((text, units), longest first) that fits
    along `room` pixels (the plot's height), else the last cut with "…"; the first is then the axis's
    tooltip. Longer, a rotated label ran past its plot into the legend above. Before the plot is laid
    out (`room` 0) the first is taken."""
    def said(text, units):
        return f"{text} ({units})" if units else text

    metrics = QFontMetricsF(axis.label.font())
    text, units = labels[0]
    if room > 0:
        fitting = [label for label in labels if metrics.horizontalAdvance(said(*label)) <= room - TITLE_PADDING]
        if fitting:
            text, units = fitting[0]
        else:
            text, units = metrics.elidedText(said(*labels[-1]), Qt.TextElideMode.ElideRight, room - TITLE_PADDING), None
    if (axis.labelText, axis.labelUnits or None) != (text, units):
        axis.setLabel(text, units=units)
    full = said(*labels[0])
    axis.setToolTip(full if said(text, units) != full else "")


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
