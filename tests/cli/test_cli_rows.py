"""Reading rows for `nnviz predict`: typed rows and CSV files, with one-line errors naming row and column."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.cli.rows import RowsError, parse_row, read_rows


def test_a_typed_row_holds_exactly_the_models_inputs():
    np.testing.assert_array_equal(parse_row(" 1.5, -2 ", 2), [1.5, -2.0])
    with pytest.raises(RowsError, match="takes 2 numbers per row"):
        parse_row("1,2,3", 2)
    with pytest.raises(RowsError, match="'abc' is not a number"):
        parse_row("1,abc", 2)
    with pytest.raises(RowsError, match="finite"):
        parse_row("1,nan", 2)


def test_csv_columns_are_found_by_name_whatever_the_order_and_delimiter(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("label;b;a\nx;1,5;2\n\ny;3;4,25\n")  # semicolons, decimal commas, a blank line
    x, numbers = read_rows(path, ("a", "b"))
    np.testing.assert_array_equal(x, [[2.0, 1.5], [4.25, 3.0]])
    assert numbers == [2, 4]


@pytest.mark.parametrize("content, words", [
    ("a,b\n1,\n", ["row 2", "'b'", "missing"]),
    ("a,b\n1,2\n3,x\n", ["row 3", "'b'", "'x' is not a number"]),
    ("a,c\n1,2\n", ["no column named 'b'", "inputs are a, b"]),
    ("", ["empty"]),
    ("a,b\n", ["no rows"]),
])
def test_bad_files_name_the_row_and_column(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(RowsError) as caught:
        read_rows(path, ("a", "b"))
    assert all(word in str(caught.value) for word in words) and str(path) in str(caught.value)
