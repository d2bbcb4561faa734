"""Legends that sit beside a plot rather than on it, and wrap to the width they are given.

pyqtgraph's LegendItem lays its entries out in a fixed number of columns; in a narrow panel a
one-row legend grew wider than the panel and its last entry was cut off (the decision surface at
1280×800). `FlowLegend` keeps the entries and rebuilds the legend with as many columns as fit
whenever the width changes (`fit(width)`), so every entry is always whole.
"""

from __future__ import annotations

import pyqtgraph as pg

#: The sample (line or marker) pyqtgraph draws before each label, and the gaps around it, in pixels.
SAMPLE_WIDTH = 20
GAP = 24  # the label's own margins and the layout's spacing, measured


class FlowLegend:
    """A legend in cell (row, col) of `layout` (a pg.GraphicsLayout) whose entries wrap onto rows."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int, label_size: str = "9pt",
                 spacing: int = 14):
        self._layout = layout
        self._cell = (row, col)
        self._label_size = label_size
        self._spacing = spacing
        self._entries: list[tuple[object, str]] = []
        self._widths: list[float] = []  # each entry's width: sample, gap and label text
        self._ruler = pg.LabelItem("", size=label_size)  # measures labels as the legend draws them
        self._width = 0.0
        self._columns = 0
        self.legend = self._new_legend(1)

    # -- entries ----------------------------------------------------------------------------------

    def clear(self) -> None:
        self._entries, self._widths = [], []
        self._rebuild(1)

    def add(self, item, name: str) -> None:
        """An entry: `item` is a PlotDataItem or ScatterPlotItem (drawn as its sample) and its name."""
        self._entries.append((item, name))
        self._widths.append(self._measure(name))
        self._rebuild(self._best_columns())

    def rename(self, item, name: str) -> None:
        self._entries = [(i, name if i is item else n) for i, n in self._entries]
        self._widths = [self._measure(n) for _, n in self._entries]
        self._rebuild(self._best_columns())

    def rename_all(self, names: dict) -> None:
        """New names for several entries at once ({item: name}; others keep theirs), laid out once:
        what a change of language does. The entries stay the same, so none is added twice."""
        self._entries = [(i, names.get(i, n)) for i, n in self._entries]
        self._widths = [self._measure(n) for _, n in self._entries]
        columns = self._best_columns()
        if columns == self._columns and len(self.legend.items) == len(self._entries):
            # The same grid: relabel in place (rebuilding every legend was a third of a switch's time).
            for (_, label), (_, name) in zip(self.legend.items, self._entries):
                label.setText(name)
            return
        self._rebuild(columns)

    @property
    def names(self) -> list[str]:
        return [name for _, name in self._entries]

    @property
    def columns(self) -> int:
        """Entries per row, as laid out now."""
        return self._columns

    # -- layout -----------------------------------------------------------------------------------

    def fit(self, width: float) -> None:
        """Lay the entries out in as many columns as fit in `width` pixels (at least one)."""
        self._width = float(width)
        columns = self._best_columns()
        if columns != self._columns:
            self._rebuild(columns)

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
        self._ruler.setText(name, size=self._label_size)
        return SAMPLE_WIDTH + GAP + self._ruler.item.boundingRect().width()

    def _new_legend(self, columns: int) -> pg.LegendItem:
        legend = pg.LegendItem(colCount=columns, labelTextSize=self._label_size, horSpacing=self._spacing,
                               frame=False)
        self._layout.addItem(legend, *self._cell)
        return legend

    def _rebuild(self, columns: int) -> None:
        # A fresh legend: pyqtgraph's setColumnCount leaves empty cells behind in the grid layout.
        old = self.legend
        self._layout.removeItem(old)
        if old.scene() is not None:
            old.scene().removeItem(old)
        self.legend = self._new_legend(columns)
        self._columns = columns
        for item, name in self._entries:
            self.legend.addItem(item, name)
