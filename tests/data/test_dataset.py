"""Dataset and Query: validation, derived sizes, read-only arrays."""

import numpy as np
import pytest

from nnviz.data import Dataset, Query


def _tiny(**overrides):
    kwargs = dict(
        name="tiny",
        x_train=np.zeros((3, 2), np.float32),
        labels_train=np.array([0, 1, 2]),
        x_test=np.ones((2, 2), np.float32),
        labels_test=np.array([2, 0]),
        class_names=("a", "b", "c"),
        feature_names=("f0", "f1"),
    )
    kwargs.update(overrides)
    return Dataset(**kwargs)


def test_sizes_and_label_dtype():
    ds = _tiny()
    assert ds.n_features == 2
    assert ds.n_classes == 3
    assert ds.labels_train.dtype == np.int64
    assert ds.image_shape is None and ds.queries == ()


def test_arrays_are_read_only_but_callers_arrays_are_not_touched():
    x = np.zeros((3, 2), np.float32)
    ds = _tiny(x_train=x)
    with pytest.raises(ValueError, match="read-only"):
        ds.x_train[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        ds.labels_test[0] = 1
    assert x.flags.writeable
    x[0, 0] = 5.0  # the dataset is a view of the caller's array, not a copy
    assert ds.x_train[0, 0] == 5.0


def test_frozen():
    ds = _tiny()
    with pytest.raises(AttributeError):
        ds.name = "other"


@pytest.mark.parametrize(
    "overrides, message",
    [
        (dict(x_train=np.zeros((3, 3), np.float32)), r"x_train must have shape \(n, 2\)"),
        (dict(labels_train=np.array([0, 1])), r"labels_train must have shape \(3,\)"),
        (dict(labels_test=np.array([0, 3])), r"labels_test must lie in 0..2"),
        (dict(x_test=np.zeros((2, 2), np.int32)), "floating point"),
        (dict(image_shape=(3, 3)), "does not hold 2 features"),
        (dict(queries=(Query("q", np.zeros(3)),)), r"query 'q' has shape \(3,\)"),
    ],
)
def test_rejects_inconsistent_fields(overrides, message):
    with pytest.raises(ValueError, match=message):
        _tiny(**overrides)


def test_query_is_read_only_float():
    q = Query("q", np.array([1, 2]))
    assert q.x.dtype == np.float64
    with pytest.raises(ValueError):
        q.x[0] = 3
    with pytest.raises(ValueError, match=r"shape \(n_features,\)"):
        Query("bad", np.zeros((2, 2)))


def test_bundled_subset_loads_like_mnist():
    from nnviz.data import load_mnist
    from nnviz.data.bundled import SUBSET_TEST, SUBSET_TRAIN, bundled_mnist_dir

    subset = load_mnist(bundled_mnist_dir())
    assert subset.x_train.shape == (SUBSET_TRAIN, 784) and subset.x_test.shape == (SUBSET_TEST, 784)
    assert np.bincount(subset.labels_train).tolist() == [SUBSET_TRAIN // 10] * 10
    assert np.bincount(subset.labels_test).tolist() == [SUBSET_TEST // 10] * 10
