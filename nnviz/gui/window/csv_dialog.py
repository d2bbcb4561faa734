"""The "Import CSV" dialog: choose a file, see its first rows, pick the label column by name, the task
and whether to standardise; OK reads and checks the whole file.

Nothing changes until OK, and OK only closes the dialog when the file imports: a bad file's one-line
message (nnviz.data.CsvError: the file, the row as a spreadsheet numbers it, the column) is shown in the
dialog, which stays open for another choice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from nnviz.data import DatasetSpec, load_spec
from nnviz.data.csv_import import csv_columns
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.i18n import Retranslated, said, said_error
from nnviz.training.csv_preview import csv_preview

PREVIEW_ROWS = 6
MIN_WIDTH = 600
ERROR_COLOUR = "#b00020"
TASKS = {"auto": QT_TRANSLATE_NOOP("CsvDialog", "decide from the label column"),
         "classification": QT_TRANSLATE_NOOP("CsvDialog", "classification (classes)"),
         "regression": QT_TRANSLATE_NOOP("CsvDialog", "regression (a number to predict)")}


class CsvDialog(Retranslated, QDialog):
    """After OK (`accepted`): `spec` is the DatasetSpec of the import and `dataset` the data it loads."""

    def __init__(self, parent=None, path: str = "", train_share: float = 0.7, seed: int = 0):
        super().__init__(parent)
        self.setMinimumWidth(MIN_WIDTH)
        self.spec: DatasetSpec | None = None
        self.dataset = None
        self._train_share, self._seed = train_share, seed
        self._problem: BaseException | None = None  # why the file cannot be imported, as last found
        self._preview_rows: int | None = None  # rows in the preview, once a file shows

        self.path_edit = QLineEdit(path)
        self.path_edit.editingFinished.connect(lambda: self.set_path(self.path_edit.text()))
        self.choose = QPushButton()
        self.choose.clicked.connect(self._on_choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose)

        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview_note = QLabel()
        self.preview_note.setStyleSheet("color: #666;")

        self.label_column = QComboBox()
        self.label_column.currentIndexChanged.connect(self._mark_label_column)
        self.task = QComboBox()
        for name in TASKS:
            self.task.addItem(said(TASKS[name]), name)
        self.standardise = QCheckBox()
        self.standardise.setChecked(True)
        self.label_column_label, self.task_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.label_column_label, self.label_column)
        form.addRow(self.task_label, self.task)
        form.addRow(self.standardise)

        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        # Import is a button of our own: a box's standard OK would take Qt's "OK" back on a change of
        # language. Cancel is Qt's, in Qt's words.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.preview)
        layout.addWidget(self.preview_note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._fit_preview_height()
        self.retranslate()
        self.set_path(path)

    def retranslate(self) -> None:
        """Every text in the current language, the preview's note and the error shown too."""
        self.setWindowTitle(self.tr("Import CSV"))
        self.path_edit.setPlaceholderText(self.tr("the CSV file to train on"))
        self.path_edit.setToolTip(self.tr("A CSV file with a header row: numeric feature columns and one label "
                                          "column"))
        self.choose.setText(self.tr("Choose…"))
        self.choose.setToolTip(self.tr("Choose a CSV file"))
        self.preview.setToolTip(self.tr("The file's first {n} rows; the label column is highlighted").format(
            n=PREVIEW_ROWS))
        self.label_column_label.setText(self.tr("Label column"))
        self.label_column.setToolTip(self.tr("The column the network learns to predict; every other column is an "
                                             "input"))
        self.task_label.setText(self.tr("Task"))
        for i in range(self.task.count()):
            self.task.setItemText(i, said(TASKS[self.task.itemData(i)]))
        self.task.setToolTip(self.tr("Decide from the label column: whole numbers with at most 20 values or text "
                                     "are classes, other numbers a regression target"))
        self.standardise.setText(self.tr("Standardise the columns (mean 0, standard deviation 1)"))
        self.standardise.setToolTip(self.tr("Scale every feature (and a regression target) by the training rows' "
                                            "mean and standard deviation; the model file keeps them for "
                                            "predictions"))
        self.ok_button.setText(self.tr("Import"))
        self._show_preview_note()
        self._show_problem()

    def set_path(self, path: str) -> None:
        """Show the file at `path`: its first rows and its columns to choose the label from."""
        path = path.strip()
        if path != self.path_edit.text():
            self.path_edit.setText(path)
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.label_column.clear()
        self._preview_rows = None
        self._show_preview_note()
        self.ok_button.setEnabled(False)
        self._say(None)
        if not path:
            return
        try:
            preview = csv_preview(path, PREVIEW_ROWS)
            columns = csv_columns(path)
        except ValueError as exc:  # CsvError too
            self._say(exc)
            return
        self._fill_preview(columns, preview.rows)
        self.label_column.addItems(list(columns))
        self.label_column.setCurrentIndex(len(columns) - 1)  # the import's default: the last column
        self.ok_button.setEnabled(len(columns) >= 2)
        if len(columns) < 2:
            self._say(ValueError(QT_TRANSLATE_NOOP(
                "CsvDialog", "{file} has only one column; it needs features and a label").format(file=Path(path).name)))

    def _fill_preview(self, columns, rows) -> None:
        self.preview.setColumnCount(len(columns))
        self.preview.setHorizontalHeaderLabels(list(columns))
        self.preview.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row[:len(columns)]):
                item = QTableWidgetItem(cell)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(i, j, item)
        self._preview_rows = len(rows)
        self._show_preview_note()

    def _show_preview_note(self) -> None:
        rows = self._preview_rows
        if rows is None:
            self.preview_note.setText("")
        elif rows == 1:
            self.preview_note.setText(self.tr("The first row; Import reads and checks the whole file."))
        else:
            self.preview_note.setText(self.tr("The first {n} rows; Import reads and checks the whole file.").format(
                n=rows))

    def _fit_preview_height(self) -> None:
        """Room for PREVIEW_ROWS rows and a scroll bar, whatever the file: the dialog keeps its size."""
        rows = PREVIEW_ROWS * self.preview.verticalHeader().defaultSectionSize()
        header = self.preview.horizontalHeader().sizeHint().height()
        scrollbar = self.preview.horizontalScrollBar().sizeHint().height()
        self.preview.setFixedHeight(rows + header + scrollbar + 2 * self.preview.frameWidth())

    def _mark_label_column(self, index: int) -> None:
        """The label column's header in bold: what will be predicted."""
        for j in range(self.preview.columnCount()):
            item = self.preview.horizontalHeaderItem(j)
            if item is not None:
                font = item.font()
                font.setBold(j == index)
                item.setFont(font)

    def _on_choose(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CSV"), start,
                                              self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.set_path(path)

    def _on_ok(self) -> None:
        """Read the whole file; close only if it imports, else say why and stay."""
        try:
            spec = DatasetSpec(kind="csv", path=str(Path(self.path_edit.text().strip()).resolve()),
                               label_column=self.label_column.currentText() or None,
                               task=self.task.currentData(), standardise=self.standardise.isChecked(),
                               train_share=self._train_share, seed=self._seed)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                dataset = load_spec(spec)
            finally:
                QGuiApplication.restoreOverrideCursor()
        except (ValueError, OSError) as exc:  # CsvError is a ValueError
            self._say(exc)
            return
        self.spec, self.dataset = spec, dataset
        self.accept()

    def _say(self, problem: BaseException | None) -> None:
        """Show why the file cannot be imported (None: nothing is wrong)."""
        self._problem = problem
        self._show_problem()

    def _show_problem(self) -> None:
        self.error.setText("" if self._problem is None else said_error(self._problem))
        self.error.setVisible(self._problem is not None)

    @property
    def message(self) -> str:
        """The error shown ("" when none is)."""
        return self.error.text()
