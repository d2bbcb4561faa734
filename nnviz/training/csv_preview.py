"""The first rows of a CSV file as text, for the import dialog's preview.

Only a few lines are read, however big the file: the import itself (nnviz.data.csv_import) reads and
checks the whole file when the learner confirms.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path

from nnviz.engine.os_errors import os_reason
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

#: Characters of one line the preview reads at most: a longer one is not a table a learner can pick
#: a column in (and a binary file has no line ends).
MAX_LINE = 100_000


@dataclass(frozen=True)
class CsvPreview:
    """header: the column names (the first row); rows: up to n of the following rows, as text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def csv_preview(path: str | Path, n_rows: int = 6) -> CsvPreview:
    """The header and first `n_rows` rows of the CSV file at `path`; ValueError with one line that
    names the file when it cannot be read as text or has no header."""
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            lines = []
            for line in itertools.islice(f, n_rows + 1):
                if len(line) > MAX_LINE:
                    raise ValueError(QT_TRANSLATE_NOOP("CsvImport", "{file}: row {row} is longer than {most} "
                                                                    "characters; is it a CSV file?").format(
                        file=path.name, row=len(lines) + 1, most=f"{MAX_LINE:,}"))
                lines.append(line)
    except UnicodeDecodeError:
        raise ValueError(QT_TRANSLATE_NOOP("CsvImport", "{file} is not a text (UTF-8) file; choose a CSV file").format(
            file=path.name)) from None
    except IsADirectoryError:
        raise ValueError(QT_TRANSLATE_NOOP("CsvImport", "{file} is a folder; choose a CSV file").format(
            file=path.name)) from None
    except OSError as exc:
        raise ValueError(QT_TRANSLATE_NOOP("CsvImport", "{file} cannot be read: {reason}").format(
            file=path.name, reason=os_reason(exc))) from None
    # The delimiter that splits the header into the most columns (the import itself accepts these three).
    delimiter = max((",", ";", "\t"), key=lambda d: len(next(csv.reader(lines[:1], delimiter=d), [])))
    table = [tuple(cell.strip() for cell in row) for row in csv.reader(lines, delimiter=delimiter)]
    table = [row for row in table if any(row)]
    if not table:
        raise ValueError(QT_TRANSLATE_NOOP("CsvImport", "{file} is empty: it needs a header row with the column "
                                                        "names").format(file=path.name))
    return CsvPreview(table[0], tuple(table[1:n_rows + 1]))
