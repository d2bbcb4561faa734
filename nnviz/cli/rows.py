"""Rows of raw numbers for `nnviz predict` on a model of tabular data: typed on the command line
("1.5,-2") or read from the feature columns of a CSV file (comma, semicolon or tab separated, as the
CSV import reads them; with a semicolon or a tab, decimal commas such as 1,5 too).

Every problem is a `RowsError` of one line that names the input, and for a file the row (1-based, as a
spreadsheet numbers it: the header is row 1) and the column.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import numpy as np

#: The same caps as the CSV import (nnviz.data.csv_import): a file this big is not a few rows to predict.
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 1_000_000


class RowsError(ValueError):
    """An input nnviz predict cannot read as rows; one line naming it."""


def parse_row(text: str, n_features: int) -> np.ndarray:
    """"1.5,-2" -> array([1.5, -2.0]) of shape (n_features,); RowsError unless it holds exactly
    n_features finite numbers."""
    parts = [part.strip() for part in text.split(",")]
    try:
        values = [float(part) for part in parts]
    except ValueError:
        bad = next(part for part in parts if not _is_number(part))
        raise RowsError(f"{text!r:.60}: {bad!r:.30} is not a number") from None
    if len(values) != n_features:
        raise RowsError(f"{text!r:.60}: the model takes {n_features} number{'s' * (n_features != 1)} per row, "
                        f"separated by commas; got {len(values)}")
    if not all(math.isfinite(v) for v in values):
        raise RowsError(f"{text!r:.60}: every number must be finite")
    return np.array(values)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_rows(path: str | os.PathLike, feature_names: tuple[str, ...]) -> tuple[np.ndarray, list[int]]:
    """The columns named `feature_names` of every row of the CSV file at `path` (its first row is the
    header; other columns, such as the label, are ignored; blank lines are skipped): shape
    (n_rows, len(feature_names)), and each row's number in the file (the header is row 1)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RowsError(f"{path}: {size / 2**20:.0f} MB is more than the {MAX_BYTES // 2**20} MB nnviz reads")
        with open(path, newline="", encoding="utf-8-sig") as f:
            delimiter = _delimiter(f.read(64 * 1024))
            f.seek(0)
            reader = csv.reader(f, delimiter=delimiter)
            header = next(reader, None)
            if header is None:
                raise RowsError(f"{path}: the file is empty")
            header = [name.strip() for name in header]
            missing = [name for name in feature_names if name not in header]
            if missing:
                raise RowsError(f"{path}: no column named {missing[0]!r}; the model's inputs are "
                                f"{', '.join(feature_names)}")
            columns = [header.index(name) for name in feature_names]
            rows, numbers = [], []
            for row in reader:
                number = reader.line_num  # of the row's last line: a quoted cell may span lines
                if not any(cell.strip() for cell in row):
                    continue  # a blank line, as spreadsheets leave at the end
                if len(rows) == MAX_ROWS:
                    raise RowsError(f"{path}: more than {MAX_ROWS:,} rows")
                rows.append([_cell(path, number, row, j, header[j], delimiter != ",") for j in columns])
                numbers.append(number)
    except OSError as e:
        raise RowsError(f"cannot read {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise RowsError(f"{path}: not a text file (it is not UTF-8)") from None
    except csv.Error as e:
        raise RowsError(f"{path}: not a CSV file ({e})") from None
    if not rows:
        raise RowsError(f"{path}: no rows below the header")
    return np.array(rows, dtype=np.float64), numbers


def _delimiter(sample: str) -> str:
    """The delimiter of the first lines: the one of comma, semicolon and tab that splits the header."""
    header = sample.splitlines()[0] if sample else ""
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _cell(path: Path, number: int, row: list[str], j: int, name: str, decimal_comma: bool) -> float:
    text = row[j].strip() if j < len(row) else ""
    if decimal_comma:
        text = text.replace(",", ".")
    if not text:
        raise RowsError(f"{path}: row {number}, column {name!r}: the value is missing")
    try:
        value = float(text)
    except ValueError:
        raise RowsError(f"{path}: row {number}, column {name!r}: {text!r:.30} is not a number") from None
    if not math.isfinite(value):
        raise RowsError(f"{path}: row {number}, column {name!r}: {text!r:.30} is not a finite number")
    return value
