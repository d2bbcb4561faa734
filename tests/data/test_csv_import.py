"""CSV import: good files of every dialect, the task rule, the split and standardisation, and one clear
line naming file, row and column for every kind of bad file."""

import numpy as np
import pytest

from nnviz.data import CsvError, DatasetSpec, load_spec, read_csv_dataset
from nnviz.data import csv_import
from nnviz.data.csv_import import csv_columns

FRUIT = """weight,diameter,fruit
150,7.5,apple
170,8.0,apple
130,7.0,apple
120,7.2,orange
140,7.8,orange
160,8.4,orange
90,5.5,lemon
100,6.0,lemon
80,5.2,lemon
110,6.1,lemon
"""


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def error(tmp_path, text, **kwargs) -> str:
    with pytest.raises(CsvError) as caught:
        read_csv_dataset(write(tmp_path, text), **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("data.csv")
    return message


def test_text_labels_become_sorted_classes(tmp_path):
    ds = read_csv_dataset(write(tmp_path, FRUIT, "fruit.csv"))
    assert ds.name == "fruit" and ds.task == "classification"
    assert ds.class_names == ("apple", "lemon", "orange")
    assert ds.feature_names == ("weight", "diameter")
    assert (len(ds.x_train), len(ds.x_test)) == (7, 3)
    assert ds.x_train.dtype == np.float32 and ds.labels_train.dtype == np.int64
    assert sorted(np.bincount(np.concatenate([ds.labels_train, ds.labels_test])).tolist()) == [3, 3, 4]


def test_standardisation_is_fitted_on_the_training_rows_only(tmp_path):
    ds = read_csv_dataset(write(tmp_path, FRUIT), dtype=np.float64)
    np.testing.assert_allclose(ds.x_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(ds.x_train.std(axis=0), 1, rtol=1e-12)
    assert not np.allclose(ds.x_test.mean(axis=0), 0, atol=1e-3)  # the test rows did not take part
    raw = ds.standardisation.invert(np.concatenate([ds.x_train, ds.x_test]))
    table = np.loadtxt(FRUIT.splitlines()[1:], delimiter=",", usecols=(0, 1))
    np.testing.assert_allclose(np.sort(raw, axis=0), np.sort(table, axis=0))


def test_without_standardisation_the_numbers_are_as_written(tmp_path):
    ds = read_csv_dataset(write(tmp_path, FRUIT), standardise=False)
    assert ds.standardisation is None
    assert set(np.concatenate([ds.x_train, ds.x_test])[:, 0].tolist()) == {
        150, 170, 130, 120, 140, 160, 90, 100, 80, 110}


def test_the_split_follows_seed_and_share(tmp_path):
    path = write(tmp_path, FRUIT)
    a = read_csv_dataset(path, seed=1, standardise=False)
    b = read_csv_dataset(path, seed=1, standardise=False)
    c = read_csv_dataset(path, seed=2, standardise=False)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.array_equal(a.x_train, c.x_train)
    assert len(read_csv_dataset(path, train_share=0.5).x_train) == 5
    assert len(read_csv_dataset(path, train_share=0.99).x_test) == 1  # always one row to test on


def test_two_rows_are_enough(tmp_path):
    ds = read_csv_dataset(write(tmp_path, "a,label\n1,x\n2,y\n"))
    assert (len(ds.x_train), len(ds.x_test)) == (1, 1)


def test_whole_number_labels_are_classes_in_numeric_order(tmp_path):
    rows = "".join(f"{i},{label}\n" for i, label in enumerate([2, 10, 1, 2, 10, 1]))
    ds = read_csv_dataset(write(tmp_path, "x,grade\n" + rows))
    assert ds.task == "classification" and ds.class_names == ("1", "2", "10")


def test_fractional_target_is_regression_and_standardised(tmp_path):
    rows = "".join(f"{i},{i * 2.5 + 100}\n" for i in range(20))
    ds = read_csv_dataset(write(tmp_path, "area,price\n" + rows))
    assert ds.task == "regression" and ds.is_regression
    assert ds.class_names == ("price",) and ds.n_classes == 1
    assert ds.labels_train.dtype == np.float32 and ds.labels_train.shape == (14,)
    assert ds.labels_train.mean() == pytest.approx(0, abs=1e-6)
    assert ds.standardisation.has_target
    raw = ds.standardisation.target_to_raw(ds.labels_train.astype(np.float64))
    area = ds.standardisation.invert(ds.x_train.astype(np.float64))[:, 0]
    np.testing.assert_allclose(raw, area * 2.5 + 100, rtol=1e-5)


def test_many_whole_numbers_are_a_regression_target(tmp_path):
    rows = "".join(f"{i},{i * 3}\n" for i in range(21))
    assert read_csv_dataset(write(tmp_path, "x,y\n" + rows)).task == "regression"
    rows = "".join(f"{i},{i % 20}\n" for i in range(40))
    assert read_csv_dataset(write(tmp_path, "x,y\n" + rows)).task == "classification"


def test_the_task_can_be_forced(tmp_path):
    rows = "".join(f"{i},{i % 3}\n" for i in range(12))
    path = write(tmp_path, "x,level\n" + rows)
    assert read_csv_dataset(path, task="regression").class_names == ("level",)
    rows = "".join(f"{i},{(i % 2) / 2}\n" for i in range(12))
    ds = read_csv_dataset(write(tmp_path, "x,y\n" + rows), task="classification")
    assert ds.class_names == ("0", "0.5")


def test_label_column_by_name_anywhere(tmp_path):
    ds = read_csv_dataset(write(tmp_path, FRUIT), label_column="Fruit ")
    assert ds.feature_names == ("weight", "diameter")
    # With weight as the label, the fruit names would be a feature column, and that is said.
    assert "column 'fruit': 'apple' is not a number" in error(tmp_path, FRUIT, label_column="weight")


def test_label_column_in_the_middle(tmp_path):
    ds = read_csv_dataset(write(tmp_path, "a,kind,b\n1,x,2\n3,y,4\n5,x,6\n"), label_column="kind",
                          standardise=False, train_share=0.5)
    assert ds.feature_names == ("a", "b") and ds.class_names == ("x", "y")
    rows = {tuple(r) for r in np.concatenate([ds.x_train, ds.x_test]).tolist()}
    assert rows == {(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)}


def test_semicolons_decimal_commas_bom_quotes_and_crlf(tmp_path):
    text = '\ufeff"Gewicht; kg";"Höhe";"Art"\r\n"1,5";2;"a"\r\n2,5;3;b\r\n3,5;4;"a"\r\n'
    ds = read_csv_dataset(write(tmp_path, text), standardise=False, train_share=0.5)
    assert ds.feature_names == ("Gewicht; kg", "Höhe") and ds.class_names == ("a", "b")
    assert sorted(np.concatenate([ds.x_train, ds.x_test])[:, 0].tolist()) == [1.5, 2.5, 3.5]


def test_tabs_and_windows_1252(tmp_path):
    text = "x\ty\tkind\n1\t2\tcafé\n3\t4\tthé\n"
    ds = read_csv_dataset(write(tmp_path, text, encoding="cp1252"))
    assert ds.class_names == ("café", "thé")


def test_quoted_commas_and_newlines_in_labels(tmp_path):
    text = 'x,label\n1,"red, dark"\n2,"two\nlines"\n3,"red, dark"\n'
    ds = read_csv_dataset(write(tmp_path, text))
    assert ds.class_names == ("red, dark", "two\nlines")


def test_blank_lines_and_trailing_empty_cells_are_ignored(tmp_path):
    ds = read_csv_dataset(write(tmp_path, "a,b,label,\n1,2,x,\n\n3,4,y,,\n,,,\n5,6,x\n\n"))
    assert len(ds.x_train) + len(ds.x_test) == 3 and ds.feature_names == ("a", "b")


def test_csv_columns_reads_the_header(tmp_path):
    assert csv_columns(write(tmp_path, FRUIT)) == ("weight", "diameter", "fruit")


def test_load_spec_reads_a_csv(tmp_path):
    path = write(tmp_path, FRUIT)
    spec = DatasetSpec(kind="csv", path=str(path), label_column="fruit", train_share=0.6, seed=4)
    ds = load_spec(spec, dtype=np.float64)
    assert ds.x_train.dtype == np.float64 and len(ds.x_train) == 6
    np.testing.assert_array_equal(ds.x_test, read_csv_dataset(path, seed=4, train_share=0.6, dtype=np.float64).x_test)


# Bad files: each message names the file, the row as a spreadsheet numbers it, and the column.

@pytest.mark.parametrize("text, message", [
    ("a,b,label\n1,2,x\n3,,y\n", "data.csv, row 3, column 'b': missing value"),
    ("a,b,label\n1,2,x\n3,NA,y\n", "data.csv, row 3, column 'b': missing value ('NA')"),
    ("a,b,label\n1,nan,x\n3,4,y\n", "data.csv, row 2, column 'b': missing value"),
    ("a,b,label\n1,2,x\n3,4,\n", "data.csv, row 3, column 'label': missing value"),
    ("a,b,label\n1,2,x\n3,4\n", "data.csv, row 3, column 'label': missing value (the row has 2 values, "
                                "the header names 3 columns)"),
    ("a,b,label\n1,2,x\n3,4,y,5\n", "data.csv, row 3: 4 values, but the header (row 1) names 3 columns"),
    ("a,b,label\n1,2,x\n3,four,y\n", "data.csv, row 3, column 'b': 'four' is not a number; every column but "
                                     "the label must hold numbers"),
    ("a,b,label\n1,inf,x\n3,4,y\n", "data.csv, row 2, column 'b': the number is not finite"),
    ("a,b,label\n1,1e999,x\n3,4,y\n", "data.csv, row 2, column 'b': the number is not finite"),
    ("a,b,y\n1,2,3\n3,4,inf\n", "data.csv, row 3, column 'y': the number is not finite"),
    ("a,b,label\n1,2,x\n3,4,x\n", "data.csv, column 'label': every row has the label 'x'; classification "
                                  "needs at least two classes"),
    ("a,y\n1,2.5\n2,2.5\n", "data.csv, column 'y': every row has the target 2.5; there is nothing to predict"),
    ("a,b,label\n", "data.csv: the header (row 1) has no data rows under it"),
    ("a,b,label\n1,2,x\n", "data.csv: only one data row (row 2); nnviz needs at least 2 rows"),
    ("\n\n  \n", "data.csv: the file is empty"),
    ("", "data.csv: the file is empty"),
    ("1,2,3\n4,5,6\n", "data.csv, row 1: holds numbers, not column names; add a header row"),
    ("a,b,a\n1,2,3\n", "data.csv, row 1: columns 1 and 3 are both called 'a'"),
    ("label\nx\ny\n", "data.csv: row 1 holds a single column; nnviz needs feature columns and a label column"),
    (b"a,b\x00\x01,c\n", "data.csv: is not a text file"),
])
def test_bad_files(tmp_path, text, message):
    assert error(tmp_path, text).startswith(message)


def test_rows_are_counted_as_a_spreadsheet_shows_them(tmp_path):
    # Row 2 spans two lines of text inside its quotes (one spreadsheet row); row 3 is blank.
    text = 'a,label\n1,"two\nlines"\n\n2,x\nbad,y\n'
    assert error(tmp_path, text).startswith("data.csv, row 5, column 'a': 'bad' is not a number")


def test_unknown_label_column_lists_the_columns(tmp_path):
    message = error(tmp_path, FRUIT, label_column="colour")
    assert message == "data.csv: no column called 'colour'; the columns are weight, diameter, fruit"


def test_text_target_for_regression(tmp_path):
    message = error(tmp_path, FRUIT, task="regression")
    assert message.startswith("data.csv, row 2, column 'fruit': 'apple' is not a number; a regression target "
                              "must be numeric")


def test_too_many_classes(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_CLASSES", 3)
    rows = "".join(f"{i},{'abcd'[i % 4]}\n" for i in range(8))
    assert error(tmp_path, "x,label\n" + rows) == (
        "data.csv, column 'label': 4 different labels; nnviz classifies at most 3 classes "
        "(for a numeric target, choose regression)")


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_ROWS", 3)
    assert error(tmp_path, "x,label\n1,a\n2,b\n3,a\n4,b\n") == (
        "data.csv, row 5: more than 3 data rows; nnviz reads at most 3")


def test_too_many_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_COLUMNS", 2)
    assert error(tmp_path, "a,b,label\n1,2,x\n") == "data.csv, row 1: 3 columns; nnviz reads at most 2"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "data.csv"
    with open(path, "wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: costs no disk, would cost 60 MB to read
    with pytest.raises(CsvError, match=r"^data.csv: the file is 60.0 MB; nnviz reads CSV files of at most 50 MB$"):
        read_csv_dataset(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CsvError, match="nope.csv: no such file"):
        read_csv_dataset(tmp_path / "nope.csv")
    with pytest.raises(CsvError, match="is a folder, not a CSV file"):
        read_csv_dataset(tmp_path)


def test_an_unclosed_quote_names_its_row(tmp_path):
    import csv
    # The open quote swallows the rest of the file into one field, past the csv module's field limit.
    old_limit = csv.field_size_limit(20)
    try:
        message = error(tmp_path, 'a,label\n1,x\n2,"y\n' + "3,z\n" * 10)
    finally:
        csv.field_size_limit(old_limit)
    assert message.startswith("data.csv, row 3: not readable as CSV")
