"""The part of an exported script that reads a CSV file (see export_python.py) as
nnviz.data.csv_import read it: the same encoding, delimiter, decimal commas, label column, class names,
shuffled split and standardisation (the numbers nnviz fitted, written into the script)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from nnviz.data.dataset import Dataset
from nnviz.data.spec import DatasetSpec
from nnviz.training import export_code as code
from nnviz.training.export_numbers import wrapped


def csv_loading(spec: DatasetSpec, dataset: Dataset) -> str:
    """load_data() and the helpers it needs, for the CSV file `spec` names and nnviz read as `dataset`."""
    numeric = dataset.is_regression or all(_is_number(name) for name in dataset.class_names)
    comma = _csv_layout(spec, dataset)[1] != ","
    parts = [code.CSV_NUMBER_DECIMAL_COMMA if comma else code.CSV_NUMBER]
    if not dataset.is_regression:
        parts.append(code.CSV_CLASS_NUMBER if numeric else code.CSV_CLASS_TEXT)
    standardisation = dataset.standardisation
    steps = []
    if standardisation is not None:
        steps.append("    x = (x - np.array(FEATURE_MEAN)) / np.array(FEATURE_STD)  # each column: mean 0, std 1\n")
        if standardisation.has_target:
            steps.append("    labels = (labels - TARGET_MEAN) / TARGET_STD  # the target too\n")
    if dataset.is_regression:
        steps.append("    labels = labels.astype(np.float32)\n")
    parts.append(code.CSV_LOAD.format(
        what="target" if dataset.is_regression else "class label",
        standardised="\n    Every column is standardised with the means and standard deviations nnviz "
                     "fitted on the\n    training rows." if standardisation is not None else "",
        label="number(row[LABEL_COLUMN])" if dataset.is_regression else "class_of(row[LABEL_COLUMN])",
        steps="".join(steps),
    ))
    return "".join(parts)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_layout(spec: DatasetSpec, dataset: Dataset) -> tuple[str, str, tuple[str, ...]]:
    """(encoding, delimiter, header cells) of the preset's CSV file, as nnviz.data.csv_import read it:
    the delimiter is the one that splits the header into the data set's columns."""
    path = spec.path
    with open(path, "rb") as f:
        start = f.read(1 << 16)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        try:
            start.decode("utf-8-sig")
            encoding = "utf-8-sig"
        except UnicodeDecodeError as e:
            encoding = "utf-8-sig" if e.start > len(start) - 4 else "cp1252"  # a character cut at the end
    n_columns = len(dataset.feature_names) + 1
    text = start.decode(encoding, errors="replace")
    for delimiter in (",", ";", "\t"):
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells = [c.strip() for c in cells]
            if any(cells):
                while cells and not cells[-1]:
                    cells.pop()
                if len(cells) == n_columns and _label_index(tuple(cells), dataset.feature_names) is not None:
                    return encoding, delimiter, tuple(cells)
                break
    raise ValueError(f"{path}: its header no longer names the {n_columns} columns nnviz read; open it again")


def csv_settings(spec: DatasetSpec, dataset: Dataset) -> list[str]:
    """The constants load_data() reads: where the file is and how nnviz read it."""
    encoding, delimiter, header = _csv_layout(spec, dataset)
    label = _label_index(header, dataset.feature_names)
    out = ["", "# The data: where the CSV file is and how nnviz read it.",
           f"CSV_PATH = {str(Path(spec.path).resolve())!r}",
           f"ENCODING, DELIMITER = {encoding!r}, {delimiter!r}",
           f"N_COLUMNS = {len(header)}",
           "# The label's column, counting from 0; every other column is a feature.",
           f"LABEL_COLUMN = {label}  # {header[label]!r}"]
    if not dataset.is_regression:
        out.append(f"CLASS_NAMES = {list(dataset.class_names)!r}")
    out += [f"SPLIT_SEED = {spec.seed}  # shuffles the rows before they are split",
            f"TRAIN_SHARE = {spec.train_share!r}  # of the rows train; the rest test"]
    s = dataset.standardisation
    if s is not None:
        out += [f"FEATURE_MEAN = {wrapped([repr(v) for v in s.feature_mean], '')}",
                f"FEATURE_STD = {wrapped([repr(v) for v in s.feature_std], '')}"]
        if s.has_target:
            out.append(f"TARGET_MEAN, TARGET_STD = {s.target_mean!r}, {s.target_std!r}")
    return out


def _label_index(header: tuple[str, ...], features: tuple[str, ...]) -> int | None:
    """The label's column: the one the features (every other column, in order) leave out."""
    for j in range(len(header)):
        if tuple(c or f"column {k + 1}" for k, c in enumerate(header) if k != j) == tuple(features):
            return j
    return None
