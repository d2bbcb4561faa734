"""Legends that sit beside a plot rather than on it, and wrap to the width they are given.

pyqtgraph's LegendItem lays its entries out in a fixed number of columns; in a narrow panel a
one-row legend grew wider than the panel and its last entry was cut off (the decision surface at
1280×800). `FlowLegend` keeps the entries and rebuilds the legend with as many columns as fit
whenever the width changes (`fit(width)`), so every entry is always whole.

A change of language clears and fills a legend again with the same kinds of entry: `clear()` and
`add()` only note the entries, and the legend is brought up to date once (at `fit()`, when read, or
back in the event loop), relabelling its rows in place when the grid stays the same. Rebuilding it
on every `add()` made a switch of language lay out and repaint the decision surface several times.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSizePolicy

#: The sample (line or marker) pyqtgraph draws before each label, and the gap after it, in pixels.
SAMPLE_WIDTH = 20
SAMPLE_GAP = 4
#: The room a label's text item keeps around its text (Qt's default of 4 made each row 8 px taller).
LABEL_MARGIN = 1
GAP = SAMPLE_GAP + 2 * LABEL_MARGIN + 2  # all of an entry's width but its text's (2 px to spare)


class FlowLegend:
    """A legend in cell (row, col) of `layout` (a pg.GraphicsLayout) whose entries wrap onto rows."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, label_size: str = "9pt",
                 spacing: int = 10):
        self._layout = layout
        self._cell = (row, col)
        self._label_size = label_size
        self._spacing = spacing
        self._entries: list[tuple[object, str]] = []
        self._widths: list[float] = []  # each entry's width: sample, gap and label text
        self._ruler = pg.LabelItem("", size=label_size)  # measures labels as the legend draws them
        self._ruler.item.document().setDocumentMargin(LABEL_MARGIN)
        self._measured: dict[str, float] = {}  # widths by name: switching back measures nothing again
        self._width = 0.0
        self._columns = 0
        self._pending = False  # entries changed since the legend was last brought up to date
        self._legend = self._new_legend(1)

    @property
    def legend(self) -> pg.LegendItem:
        """The pyqtgraph legend, showing the entries as they are now."""
        self._sync()
        return self._legend

    # -- entries ----------------------------------------------------------------------------------

    def clear(self) -> None:
        self._entries, self._widths = [], []
        self._changed()

    def add(self, item, name: str) -> None:
        """An entry: `item` is a PlotDataItem or ScatterPlotItem (drawn as its sample) and its name."""
        self._entries.append((item, name))
        self._widths.append(self._measure(name))
        self._changed()

    def rename(self, item, name: str) -> None:
        self.rename_all({item: name})

    def rename_all(self, names: dict) -> None:
        """New names for several entries at once ({item: name}; others keep theirs), laid out once:
        what a change of language does. The entries stay the same, so none is added twice."""
        self._entries = [(i, names.get(i, n)) for i, n in self._entries]
        self._widths = [self._measure(n) for _, n in self._entries]
        self._sync()

    @property
    def names(self) -> list[str]:
        return [name for _, name in self._entries]

    @property
    def columns(self) -> int:
        """Entries per row, as laid out now."""
        self._sync()
        return self._columns

    # -- layout -----------------------------------------------------------------------------------

    def fit(self, width: float) -> None:
        """Lay the entries out in as many columns as fit in `width` pixels (at least one)."""
        self._width = float(width)
        self._sync()

    def needed_width(self) -> float:
        """The width the entries take as laid out now."""
        columns = max(self._columns, 1)
        if not self._widths:
            return 0.0
        column_widths = [max(self._widths[k::columns]) for k in range(min(columns, len(self._widths)))]
        return sum(column_widths) + self._spacing * (len(column_widths) - 1)

    def _best_columns(self) -> int:
        n = len(self._entries)
        if n <= 1 or self._width <= 0:
            return max(n, 1)
        widths = self._widths
        for columns in range(n, 0, -1):
            column_widths = [max(widths[k::columns]) for k in range(columns)]
            if sum(column_widths) + self._spacing * (columns - 1) <= self._width:
                return columns
        return 1

    def _measure(self, name: str) -> float:
        if name not in self._measured:
            if len(self._measured) > 256:  # names with numbers in them (contour values) keep coming
                self._measured.clear()
            self._ruler.setText(name, size=self._label_size)
            self._measured[name] = SAMPLE_WIDTH + GAP + self._ruler.item.boundingRect().width()
        return self._measured[name]

    def _changed(self) -> None:
        """Bring the legend up to date once control is back in the event loop, unless it is read or
        fitted before (the layout as context: a legend closed meanwhile is left alone)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._layout, self._sync)

    def _sync(self) -> None:
        self._pending = False
        columns = self._best_columns()
        rows = self._legend.items
        if columns == self._columns and len(rows) == len(self._entries) and all(
                not isinstance(item, pg.ItemSample) or sample is item
                for (sample, _), (item, _) in zip(rows, self._entries)):
            # The same grid: swap the samples and relabel in place (a new legend costs a relayout).
            for (sample, label), (item, name) in zip(rows, self._entries):
                if sample is not item and sample.item is not item:
                    sample.item = item
                    sample.update()
                if label.text != name:
                    label.setText(name)
            return
        self._rebuild(columns)
        self._compact()

    def _new_legend(self, columns: int) -> pg.LegendItem:
        legend = pg.LegendItem(colCount=columns, labelTextSize=self._label_size, horSpacing=SAMPLE_GAP,
                               frame=False)
        legend.layout.setContentsMargins(0, 0, 0, 0)
        # As wide as its entries and centred over the plot: stretched, its columns drifted apart.
        legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._layout.addItem(legend, *self._cell)
        self._layout.layout.setAlignment(legend, Qt.AlignmentFlag.AlignHCenter)
        return legend

    def _compact(self) -> None:
        """Thin label margins, and the spacing between entries only (a sample keeps to its label)."""
        legend = self._legend
        for _, label in legend.items:
            label.item.document().setDocumentMargin(LABEL_MARGIN)
            label.updateMin()
        for column in range(1, 2 * self._columns - 1, 2):
            legend.layout.setColumnSpacing(column, self._spacing)
        legend.updateSize()

    def _rebuild(self, columns: int) -> None:
        # A fresh legend: pyqtgraph's setColumnCount leaves empty cells behind in the grid layout.
        old = self._legend
        self._layout.removeItem(old)
        if old.scene() is not None:
            old.scene().removeItem(old)
        self._legend = self._new_legend(columns)
        self._columns = columns
        for item, name in self._entries:
            self._legend.addItem(item, name)
