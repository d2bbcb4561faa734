"""The Evaluation tab of a regression: every test sample's prediction against its actual target, with
the line y = x where a perfect network would put them all, and the samples it is farthest off on, in a
table beside it.

Values are in the data's own units (a standardised target is turned back). Selecting a row of the
table rings its point in the plot, so the learner can see where the worst predictions lie.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QBoxLayout, QHeaderView, QLabel, QSizePolicy, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from nnviz.data.dataset import Dataset
from nnviz.gui import theme
from nnviz.gui.charts.axes import still_plot
from nnviz.gui.charts.chart_fonts import chart_font
from nnviz.gui.charts.curve_readout import TEST_COLOR
from nnviz.gui.charts.legends import FlowLegend
from nnviz.gui.i18n import Retranslated, said, translate
from nnviz.training.evaluation import Evaluation
from nnviz.training.numbers import column_decimals, fixed
from nnviz.training.regression_fit import Residuals, features_to_raw, largest_residuals, square_range

__all__ = ["ResidualsPanel", "RESIDUAL_ROWS"]

#: How many of the largest residuals the table lists.
RESIDUAL_ROWS = 25
#: At most this many input columns are listed beside each residual (a wide CSV would crowd them out).
FEATURE_COLUMNS = 3
#: Below this width the plot and the table stack instead of standing side by side.
SIDE_BY_SIDE_WIDTH = 640
POINT_SIZE = 7


class ResidualsPanel(Retranslated, QWidget):
    """Predicted against actual for the test split, and the largest residuals. `reset(dataset, target)`
    for new data; `show_evaluation(evaluation)` for each new epoch's evaluation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._dataset: Dataset | None = None
        self._target: str | None = None  # the target's name in the data (None: it names none)
        self._residuals: Residuals | None = None

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.graphics.setMinimumSize(240, 220)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self._build_plot()
        self.legend = FlowLegend(self.graphics.ci, row=1, col=0)
        self.identity_sample = pg.PlotDataItem(pen=self.identity.opts["pen"])  # the legend's
        self.legend.add(self.points, "")
        self.legend.add(self.identity_sample, "")

        self.table_title = QLabel()
        self.table_title.setFont(chart_font(self, bold=True))
        self.table_title.setWordWrap(True)
        self.table_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumWidth(200)
        # As wide as its columns: side by side, the plot takes the rest of the room.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.table_title)
        right.addWidget(self.table, 1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.graphics, 1)
        self.body.addLayout(right, 0)

        self.table.itemSelectionChanged.connect(self._on_row_selected)
        self.graphics.installEventFilter(self)  # the legend rewraps whenever the plot resizes
        self.retranslate()

    def _build_plot(self) -> None:
        p = self.plot
        still_plot(p)
        # Both axes get the same range (show_evaluation), so y = x runs corner to corner; not locked
        # to one scale, which left a wide, short plot (the tab stacked) with the points in a sliver.
        self.identity = pg.PlotCurveItem(pen=pg.mkPen(theme.SUBTLE, width=1.2, style=Qt.PenStyle.DashLine))
        self.points = pg.ScatterPlotItem(size=POINT_SIZE, brush=pg.mkBrush(*TEST_COLOR, 170),
                                         pen=pg.mkPen("w", width=0.6))
        self.marked = pg.ScatterPlotItem(size=POINT_SIZE + 9, brush=pg.mkBrush(0, 0, 0, 0),
                                         pen=pg.mkPen(theme.ACCENT, width=2))
        self.marked.setZValue(10)
        for item in (self.identity, self.points, self.marked):
            p.addItem(item)

    # -- public API -----------------------------------------------------------------------------

    def reset(self, dataset: Dataset, target: str) -> None:
        """New data: names on the axes and the table's columns, nothing plotted until an evaluation."""
        self._dataset, self._target = dataset, target
        self._residuals = None
        self.table.clear()
        self.table.setColumnCount(min(FEATURE_COLUMNS, len(dataset.feature_names)) + 4)
        self._name_parts()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.show_evaluation(None)

    def show_evaluation(self, evaluation: Evaluation | None) -> None:
        """Plot every test prediction and list the largest residuals (nothing for None)."""
        self.table.setRowCount(0)
        self.marked.clear()
        if evaluation is None or self._dataset is None:
            self._residuals = None
            self.points.clear()
            self.identity.setData([], [])
            self._title_table()
            return
        data = self._dataset
        standardisation = data.standardisation
        residuals = largest_residuals(evaluation.predictions, data.labels_test, standardisation)
        self._residuals = residuals
        self.points.setData(x=residuals.actual, y=residuals.predicted, data=residuals.indices)
        lo, hi = square_range(residuals.actual, residuals.predicted)
        self.identity.setData([lo, hi], [lo, hi])
        self.plot.setRange(xRange=(lo, hi), yRange=(lo, hi), padding=0)
        shown = min(RESIDUAL_ROWS, len(residuals))
        self._title_table()
        n_features = min(FEATURE_COLUMNS, data.n_features)
        rows = residuals.indices[:shown]
        x_raw = features_to_raw(data.x_test[rows], standardisation)[:, :n_features] if shown else np.empty((0, 0))
        self.table.setRowCount(shown)
        columns = [*x_raw.T, residuals.actual[:shown], residuals.predicted[:shown], residuals.residual[:shown]]
        # One number of decimals per column, so that the rows line up (−1.006 over 0.055, not 0.05465).
        decimals = [column_decimals(column) for column in columns]
        for r in range(shown):
            self._set_row(r, int(rows[r]), [fixed(column[r], d) for column, d in zip(columns, decimals)])

    def residual_rows(self) -> Residuals | None:
        """Every test sample's residual, the largest first, as last shown (None before an evaluation)."""
        return self._residuals

    def mark(self, row: int) -> None:
        """Ring the point of table row `row` in the plot (what selecting the row does)."""
        if self._residuals is None or not 0 <= row < min(RESIDUAL_ROWS, len(self._residuals)):
            self.marked.clear()
            return
        self.marked.setData(x=[self._residuals.actual[row]], y=[self._residuals.predicted[row]])

    # -- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language: legend, axes, title, the table's heads and rows."""
        self.legend.rename_all({self.points: translate("ResidualsPanel", "test sample"),
                                self.identity_sample: translate("ResidualsPanel", "predicted = actual")})
        self._name_parts()
        self._title_table()
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and self._residuals is not None:
                item.setToolTip(self._row_tip(int(self._residuals.indices[r])))

    @property
    def target_name(self) -> str:
        """What the network predicts, as the window says it."""
        return said(self._target) if self._target is not None else translate("ResidualsPanel", "target")

    def _name_parts(self) -> None:
        """The axes, the title and the table's column heads with their tooltips."""
        if self._dataset is None:
            return
        target = self.target_name
        self.plot.setLabel("bottom", translate("ResidualsPanel", "actual {target}").format(target=target))
        self.plot.setLabel("left", translate("ResidualsPanel", "predicted {target}").format(target=target))
        self.plot.setTitle(translate("ResidualsPanel", "Predicted against actual {target}").format(target=target),
                           size="10pt")
        features = [said(name) for name in self._dataset.feature_names[:FEATURE_COLUMNS]]
        self.table.setHorizontalHeaderLabels([
            translate("ResidualsPanel", "sample"), *features, translate("ResidualsPanel", "actual"),
            translate("ResidualsPanel", "predicted"), translate("ResidualsPanel", "residual")])
        tips = [translate("ResidualsPanel", "the sample's row in the test split"),
                *(translate("ResidualsPanel", "input {name}").format(name=name) for name in features),
                translate("ResidualsPanel", "the sample's {target}").format(target=target),
                translate("ResidualsPanel", "what the network predicts for {target}").format(target=target),
                translate("ResidualsPanel", "residual = predicted − actual: positive when the network says too much")]
        for c, tip in enumerate(tips):
            self.table.horizontalHeaderItem(c).setToolTip(tip)

    def _title_table(self) -> None:
        residuals = self._residuals
        if residuals is None:
            text = translate("ResidualsPanel", "Largest residuals (after the first epoch)")
        elif RESIDUAL_ROWS < len(residuals):
            text = translate("ResidualsPanel", "The {shown} largest residuals (of {total} test samples)").format(
                shown=f"{RESIDUAL_ROWS:,}", total=f"{len(residuals):,}")
        else:
            text = translate("ResidualsPanel", "Residuals, largest first")
        self.table_title.setText(text)

    @staticmethod
    def _row_tip(index: int) -> str:
        return translate("ResidualsPanel", "test sample #{index}").format(index=index)

    # -- contents -------------------------------------------------------------------------------

    def _set_row(self, r: int, index: int, texts: list[str]) -> None:
        first = QTableWidgetItem(f"#{index}")
        first.setToolTip(self._row_tip(index))
        self.table.setItem(r, 0, first)
        for c, text in enumerate(texts, start=1):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)

    # -- handlers -------------------------------------------------------------------------------

    def _on_row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.mark(rows[0].row() if rows else -1)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.graphics and event.type() == QEvent.Type.Resize:
            self.legend.fit(self.graphics.width() - 24)  # the layout's margins
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        direction = QBoxLayout.Direction.LeftToRight if self.width() >= SIDE_BY_SIDE_WIDTH else \
            QBoxLayout.Direction.TopToBottom
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            # Stacked, the table shares the height with the plot (which needs it more); beside it, the
            # table keeps its own width.
            stacked = direction == QBoxLayout.Direction.TopToBottom
            self.body.setStretch(0, 3 if stacked else 1)
            self.body.setStretch(1, 2 if stacked else 0)
            self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored if stacked
                                           else QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
