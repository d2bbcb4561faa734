"""XOR and the gender example hold exactly the textbook numbers."""

import numpy as np
import pytest

from nnviz.data import HEIGHT_OFFSET_IN, PEOPLE, WEIGHT_OFFSET_LB, gender, xor


def test_xor_points_and_labels():
    ds = xor()
    np.testing.assert_array_equal(ds.x_train, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(ds.labels_train, [0, 1, 1, 0])
    assert ds.x_train.dtype == np.float32
    assert ds.class_names == ("0", "1")
    np.testing.assert_array_equal(ds.x_test, ds.x_train)
    np.testing.assert_array_equal(ds.labels_test, ds.labels_train)


@pytest.mark.parametrize("make", [xor, gender])
def test_dtype_is_honoured(make):
    ds = make(dtype=np.float64)
    assert ds.x_train.dtype == np.float64
    assert all(q.x.dtype == np.float64 for q in ds.queries)


def test_gender_inputs_are_offset_weight_and_height():
    ds = gender()
    np.testing.assert_array_equal(ds.x_train, [[-2, -1], [25, 6], [17, 4], [-15, -6]])
    np.testing.assert_array_equal(ds.labels_train, [1, 0, 0, 1])
    assert ds.class_names == ("male", "female")
    assert [ds.class_names[k] for k in ds.labels_train] == ["female", "male", "male", "female"]
    assert ds.feature_names == ("weight − 135 lb", "height − 66 in")
    np.testing.assert_array_equal(ds.x_test, ds.x_train)


def test_gender_queries_are_emily_and_frank():
    ds = gender()
    assert [q.name for q in ds.queries] == ["Emily", "Frank"]
    np.testing.assert_array_equal(ds.queries[0].x, [-7, -3])
    np.testing.assert_array_equal(ds.queries[1].x, [20, 2])


def test_people_table_matches_the_dataset():
    assert (WEIGHT_OFFSET_LB, HEIGHT_OFFSET_IN) == (135, 66)
    assert [(p.name, p.weight_lb, p.height_in, p.label) for p in PEOPLE] == [
        ("Alice", 133, 65, 1),
        ("Bob", 160, 72, 0),
        ("Charlie", 152, 70, 0),
        ("Diana", 120, 60, 1),
        ("Emily", 128, 63, None),
        ("Frank", 155, 68, None),
    ]
    ds = gender()
    labelled = [p for p in PEOPLE if p.label is not None]
    np.testing.assert_array_equal(
        ds.x_train, [[p.weight_lb - WEIGHT_OFFSET_LB, p.height_in - HEIGHT_OFFSET_IN] for p in labelled]
    )
