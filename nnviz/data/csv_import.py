"""Read a CSV file of numbers (and a label column) into a `Dataset`, or say exactly what is wrong with it.

The file has a header row naming its columns; one column is the label (a class, as text or a number) or
the regression target, every other column is a numeric feature. Delimiter: comma, semicolon or tab,
found from the first rows (with a semicolon or a tab, decimal commas such as 1,5 are read too). A UTF-8
byte-order mark, quoted fields and Windows line ends are handled; files that are not UTF-8 are read as
Windows-1252, which is what spreadsheet programs write.

A bad file raises CsvError, one line naming the file, the row as a spreadsheet numbers it (the header is
row 1) and the column: "prices.csv, row 7, column 'area': missing value". Limits keep a stray file from
eating the machine: at most MAX_BYTES bytes (checked before anything is read), MAX_ROWS rows,
MAX_COLUMNS columns and MAX_CLASSES classes.

The rows are shuffled by `seed` and split by `train_share`; the standardisation is fitted on the training
rows only, so nothing about the test rows leaks into training.
"""

from __future__ import annotations

import csv
import io
import math
import os
from array import array
from pathlib import Path

import numpy as np

from nnviz.data.dataset import Dataset, split_rows
from nnviz.data.standardise import Standardisation
from nnviz.engine.os_errors import os_reason
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

__all__ = [
    "CsvError",
    "read_csv_dataset",
    "csv_columns",
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CLASSES",
    "AUTO_MAX_CLASSES",
]

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_COLUMNS = 1_000
MAX_CLASSES = 100
#: task "auto": a label column of whole numbers with at most this many distinct values holds classes;
#: any other numeric column is a regression target.
AUTO_MAX_CLASSES = 20
#: Cells that mean "no value here", compared lower-case.
MISSING = frozenset({"", "na", "n/a", "nan", "null", "?", "#n/a"})
_DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 6


class CsvError(ValueError):
    """A CSV file nnviz cannot use; the message is one line naming the file, the row and the column."""


def _where(name: str, row: int | None = None, column: str | None = None) -> str:
    """Where in a CSV file: "data.csv, row 3, column 'x'" (a Phrase when it names a row or column)."""
    if row is not None and column is not None:
        return QT_TRANSLATE_NOOP("CsvImport", "{file}, row {row}, column {column}").format(
            file=name, row=f"{row:,}", column=repr(column))
    if row is not None:
        return QT_TRANSLATE_NOOP("CsvImport", "{file}, row {row}").format(file=name, row=f"{row:,}")
    if column is not None:
        return QT_TRANSLATE_NOOP("CsvImport", "{file}, column {column}").format(file=name, column=repr(column))
    return name


def _missing(where, cell: str):
    """The message for a missing value at `where`, written as `cell` ("NA", or "" for nothing)."""
    if cell:
        return QT_TRANSLATE_NOOP("CsvImport", "{where}: missing value ({cell})").format(
            where=where, cell=repr(cell))
    return QT_TRANSLATE_NOOP("CsvImport", "{where}: missing value").format(where=where)


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _read_text(path: Path) -> str:
    """The file's text; CsvError if it is missing, unreadable, too big, empty or not text."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{path}: is a folder, not a CSV file").format(path=path))
        if size > MAX_BYTES:
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: the file is {size} MB; nnviz reads CSV files "
                                                          "of at most {most} MB").format(
                name=path.name, size=f"{size / 1024 ** 2:,.1f}", most=MAX_BYTES // 1024 ** 2))
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{path}: no such file").format(path=path)) from None
    except PermissionError:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{path}: cannot be read (permission denied)").format(
            path=path)) from None
    except OSError as e:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{path}: cannot be read ({reason})").format(
            path=path, reason=os_reason(e))) from None
    if len(data) > MAX_BYTES:  # it grew after stat()
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: the file is over {most} MB; nnviz reads CSV files "
                                                      "of at most {most} MB").format(
            name=path.name, most=MAX_BYTES // 1024 ** 2))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\0" in text:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: is not a text file (it holds NUL bytes); save it "
                                                      "as CSV").format(name=path.name))
    if not text.strip():
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: the file is empty").format(name=path.name))
    return text


def _records(text: str, delimiter: str):
    """(spreadsheet row number, stripped cells) for every record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row, cells in enumerate(reader, start=1):
        cells = [c.strip() for c in cells]
        if any(cells):
            yield row, cells


def _sniff(text: str, name: str) -> str:
    """The delimiter that splits the first rows into the most columns, consistently."""
    sample = text[:_SNIFF_CHARS]
    best, best_score = ",", (False, 1)
    for delimiter in _DELIMITERS:
        records = []
        try:
            for _, cells in _records(sample, delimiter):
                records.append(_trimmed(cells))
                if len(records) == _SNIFF_RECORDS:
                    break
        except csv.Error:
            pass  # judged on the rows before; the reader will name the row that cannot be read
        if not records:
            continue
        widths = {len(cells) for cells in (records[:-1] if len(records) > 2 else records)}
        score = (len(widths) == 1, len(records[0]))
        if score > best_score:
            best, best_score = delimiter, score
    if best_score[1] < 2:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: row 1 holds a single column; nnviz needs feature "
                                                      "columns and a label column, separated by commas, "
                                                      "semicolons or tabs").format(name=name))
    return best


def _trimmed(cells: list[str]) -> list[str]:
    """cells without trailing empty ones (spreadsheets write "1,2,3," for a row with a stray empty cell)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _number(cell: str, decimal_comma: bool) -> float | None:
    """cell as a float, or None if it is not a number."""
    try:
        return float(cell)
    except ValueError:
        pass
    if decimal_comma and cell.count(",") == 1 and "." not in cell:
        try:
            return float(cell.replace(",", "."))
        except ValueError:
            pass
    return None


def _header(name: str, row: int, cells: list[str]) -> tuple[str, ...]:
    cells = _trimmed(cells)
    if len(cells) > MAX_COLUMNS:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: {n_cells} columns; nnviz reads at most "
                                                      "{max_columns}").format(
            where=_where(name, row), n_cells=f"{len(cells):,}", max_columns=f"{MAX_COLUMNS:,}"))
    if all(_number(c, True) is not None for c in cells if c):
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: holds numbers, not column names; add a header row "
                                                      "that names the columns").format(where=_where(name, row)))
    columns = [c or f"column {j + 1}" for j, c in enumerate(cells)]
    seen: dict[str, int] = {}
    for j, c in enumerate(columns):
        if c in seen:
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: columns {first} and {second} are both called "
                                                          "{column}; give each column its own name").format(
                where=_where(name, row), first=seen[c] + 1, second=j + 1, column=repr(c)))
        seen[c] = j
    return tuple(columns)


def _label_index(name: str, columns: tuple[str, ...], label_column: str | None) -> int:
    if label_column is None:
        return len(columns) - 1
    if label_column in columns:
        return columns.index(label_column)
    folded = [j for j, c in enumerate(columns) if c.casefold() == label_column.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    shown = ", ".join(columns[:20]) + (f", … ({len(columns):,} columns)" if len(columns) > 20 else "")
    raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: no column called {label_column}; the columns are "
                                                  "{shown}").format(
        name=name, label_column=repr(label_column), shown=shown))


def csv_columns(path: str | os.PathLike) -> tuple[str, ...]:
    """The column names in the header of the CSV file at `path` (for choosing the label column).
    Raises CsvError as read_csv_dataset does for an unreadable file or header."""
    path = Path(path).expanduser()
    text = _read_text(path)
    delimiter = _sniff(text, path.name)
    for row, cells in _records(text, delimiter):
        return _header(path.name, row, cells)
    raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: the file is empty").format(
        name=path.name))  # pragma: no cover (_read_text refuses blank files)


class _Table:
    """The rows of a CSV read into numbers: features (n, d) float64, labels as text, row numbers."""

    def __init__(self, name: str, text: str, label_column: str | None):
        self.name = name
        delimiter = _sniff(text, name)
        decimal_comma = delimiter != ","
        records = _records(text, delimiter)
        row = 0  # the last row read, for a message about the next one
        try:
            first = next(records, None)
            if first is None:
                raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: the file is empty").format(name=name))
            row, header = first
            self.header_row = row
            self.columns = _header(name, self.header_row, header)
            self.label = _label_index(name, self.columns, label_column)
            if len(self.columns) < 2:
                raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: has only the column {column}; nnviz needs "
                                                              "at least one feature column besides the label").format(
                    name=name, column=repr(self.columns[0])))
            self.feature_columns = tuple(c for j, c in enumerate(self.columns) if j != self.label)
            values, labels, rows = array("d"), [], array("q")
            width = len(self.columns)
            features = [j for j in range(width) if j != self.label]
            for row, cells in records:
                if len(rows) == MAX_ROWS:
                    raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: more than {max_rows} data rows; nnviz "
                                                                  "reads at most {max_rows}").format(
                        where=_where(name, row), max_rows=f"{MAX_ROWS:,}"))
                if len(cells) != width:
                    cells = self._fitted(row, cells, width)
                labels.append(cells[self.label])
                try:
                    values.extend([float(cells[j]) for j in features])
                except ValueError:
                    values.extend([self._feature(row, self.columns[j], cells[j], decimal_comma)
                                   for j in features])
                rows.append(row)
        except csv.Error as e:
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: not readable as CSV ({e}; is a quote left "
                                                          "open?)").format(
                where=_where(name, row + 1), e=str(e))) from None
        self.x = np.frombuffer(values, dtype=np.float64).reshape(len(rows), len(features))
        self.labels = labels
        self.rows = np.frombuffer(rows, dtype=np.int64)
        self.decimal_comma = decimal_comma
        self._check_finite()

    def _fitted(self, row: int, cells: list[str], width: int) -> list[str]:
        trimmed = _trimmed(cells)
        if len(trimmed) <= width and len(cells) >= width:
            return cells[:width]  # only empty cells past the header's last column
        if len(trimmed) > width:
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: {n_trimmed} values, but the header (row "
                                                          "{header_row}) names {width} columns").format(
                where=_where(self.name, row), n_trimmed=f"{len(trimmed):,}", header_row=self.header_row,
                width=f"{width:,}"))
        missing = self.columns[len(cells)]
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: missing value (the row has {n_cells} values, the "
                                                      "header names {width} columns)").format(
            where=_where(self.name, row, missing), n_cells=f"{len(cells):,}", width=f"{width:,}"))

    def _feature(self, row: int, column: str, cell: str, decimal_comma: bool) -> float:
        if cell.lower() in MISSING:
            raise CsvError(_missing(_where(self.name, row, column), cell))
        value = _number(cell, decimal_comma)
        if value is None:
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: {cell} is not a number; every column but the "
                                                          "label must hold numbers").format(
                where=_where(self.name, row, column), cell=repr(_shorten(cell))))
        return value

    def _check_finite(self) -> None:
        bad = np.argwhere(~np.isfinite(self.x))
        if len(bad):
            i, j = bad[0]
            row, column = int(self.rows[i]), self.feature_columns[j]
            if np.isnan(self.x[i, j]):
                raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: missing value (NaN)").format(
                    where=_where(self.name, row, column)))
            raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: the number is not finite (infinite or too "
                                                          "large)").format(where=_where(self.name, row, column)))


def _label_values(table: _Table) -> list[float] | None:
    """Every label as a float, or None if some label is text; CsvError for a missing label."""
    column = table.columns[table.label]
    numbers, numeric = [], True
    for row, cell in zip(table.rows.tolist(), table.labels):
        if cell.lower() in MISSING:
            raise CsvError(_missing(_where(table.name, row, column), cell))
        if numeric:
            value = _number(cell, table.decimal_comma)
            if value is None:
                numeric = False
            elif not math.isfinite(value):
                raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: the number is not finite (infinite or too "
                                                              "large)").format(
                    where=_where(table.name, row, column)))
            else:
                numbers.append(value)
    return numbers if numeric else None


def _task(task: str, values: list[float] | None) -> str:
    if task != "auto":
        return task
    if values is None:
        return "classification"
    whole = all(v.is_integer() for v in values)
    return "classification" if whole and len(set(values)) <= AUTO_MAX_CLASSES else "regression"


def _classes(table: _Table, values: list[float] | None) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class indices (n,) int64 and the sorted class names: numbers in numeric order, else text."""
    column = table.columns[table.label]
    if values is not None:
        distinct, labels = np.unique(np.asarray(values), return_inverse=True)
        names = tuple(str(int(v)) if v.is_integer() else f"{v:g}" for v in distinct.tolist())
    else:
        distinct_text, labels = np.unique(np.asarray(table.labels, dtype=object).astype(str), return_inverse=True)
        names = tuple(distinct_text.tolist())
    if len(names) < 2:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: every row has the label {label}; classification "
                                                      "needs at least two classes").format(
            where=_where(table.name, column=column), label=repr(_shorten(names[0]))))
    if len(names) > MAX_CLASSES:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: {n_names} different labels; nnviz classifies at "
                                                      "most {max_classes} classes (for a numeric target, choose "
                                                      "regression)").format(
            where=_where(table.name, column=column), n_names=f"{len(names):,}", max_classes=MAX_CLASSES))
    return labels.astype(np.int64).reshape(-1), names


def _targets(table: _Table, values: list[float] | None) -> np.ndarray:
    column = table.columns[table.label]
    if values is None:
        for row, cell in zip(table.rows.tolist(), table.labels):
            if _number(cell, table.decimal_comma) is None:
                raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: {cell} is not a number; a regression "
                                                              "target must be numeric").format(
                    where=_where(table.name, row, column), cell=repr(_shorten(cell))))
    y = np.asarray(values, dtype=np.float64)
    if np.all(y == y[0]):
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{where}: every row has the target {target}; there is "
                                                      "nothing to predict").format(
            where=_where(table.name, column=column), target=f"{y[0]:g}"))
    return y


def read_csv_dataset(path: str | os.PathLike, label_column: str | None = None, task: str = "auto",
                     standardise: bool = True, train_share: float = 0.7, seed: int = 0,
                     dtype=np.float32) -> Dataset:
    """The data set in the CSV file at `path`.

    label_column names the label (classification) or target (regression) column; None takes the last.
    task: "classification", "regression" or "auto" (a column of whole numbers with at most
    AUTO_MAX_CLASSES distinct values, or of text, holds classes; other numbers are a regression target).
    The rows are shuffled with `seed`; round(n × train_share) of them train, the rest (at least one) test.
    standardise: fit a Standardisation on the training rows (features, and a regression target) and apply
    it to both splits; it is kept on the Dataset for predictions on new raw rows.
    x arrays and regression targets get `dtype`. Raises CsvError (a ValueError) for a file it cannot use.
    """
    if task not in ("auto", "classification", "regression"):
        raise ValueError(f"task must be auto, classification or regression, got {task!r}")
    if not 0 < train_share < 1:
        raise ValueError(f"train_share must lie between 0 and 1, got {train_share}")
    path = Path(path).expanduser()
    table = _Table(path.name, _read_text(path), label_column)
    n = len(table.rows)
    if n == 0:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: the header (row {header_row}) has no data rows "
                                                      "under it").format(
            name=path.name, header_row=table.header_row))
    if n < 2:
        raise CsvError(QT_TRANSLATE_NOOP("CsvImport", "{name}: only one data row (row {row}); nnviz needs at "
                                                      "least 2 rows, one to train on and one to test").format(
            name=path.name, row=int(table.rows[0])))
    values = _label_values(table)
    task = _task(task, values)
    if task == "classification":
        y, class_names = _classes(table, values)
    else:
        y, class_names = _targets(table, values), (table.columns[table.label],)

    order = np.random.default_rng(seed).permutation(n)
    n_train = split_rows(n, train_share)
    train, test = order[:n_train], order[n_train:]
    x_train, x_test, y_train, y_test = table.x[train], table.x[test], y[train], y[test]
    standardisation = None
    if standardise:
        standardisation = Standardisation.fit(x_train, y_train if task == "regression" else None)
        x_train, x_test = standardisation.apply(x_train), standardisation.apply(x_test)
        y_train, y_test = standardisation.target_from_raw(y_train), standardisation.target_from_raw(y_test)
    if task == "regression":
        y_train, y_test = y_train.astype(dtype), y_test.astype(dtype)
    return Dataset(
        name=path.stem,
        x_train=x_train.astype(dtype), labels_train=y_train,
        x_test=x_test.astype(dtype), labels_test=y_test,
        class_names=class_names, feature_names=table.feature_columns,
        task=task, standardisation=standardisation,
    )
