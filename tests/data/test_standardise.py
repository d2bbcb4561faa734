"""Standardisation: the maths, its inverse, constant columns, and reading it back from untrusted files."""

import json

import numpy as np
import pytest

from nnviz.data import Dataset, Standardisation


def test_fit_and_apply_give_mean_zero_std_one():
    rng = np.random.default_rng(0)
    x = rng.normal([100.0, -3.0, 0.01], [20.0, 0.5, 0.001], (500, 3))
    s = Standardisation.fit(x)
    z = s.apply(x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1, rtol=1e-12)
    np.testing.assert_allclose(s.invert(z), x)
    assert s.feature_mean == pytest.approx(tuple(x.mean(axis=0)))
    assert not s.has_target and s.target_to_raw(2.0) == 2.0


def test_a_constant_column_gets_std_one():
    s = Standardisation.fit(np.array([[1.0, 5.0], [3.0, 5.0]]))
    assert s.feature_std == (1.0, 1.0)
    np.testing.assert_array_equal(s.apply([[2.0, 5.0]]), [[0.0, 0.0]])


def test_target_round_trip():
    y = np.array([10.0, 20.0, 30.0])
    s = Standardisation.fit(np.zeros((3, 1)), y)
    assert (s.target_mean, s.target_std) == pytest.approx((20.0, np.std(y)))
    np.testing.assert_allclose(s.target_from_raw(y), [-1.224744871, 0, 1.224744871])
    np.testing.assert_allclose(s.target_to_raw(s.target_from_raw(y)), y)


def test_apply_keeps_float32_and_single_rows():
    s = Standardisation((1.0, 2.0), (2.0, 4.0))
    z = s.apply(np.array([3.0, 6.0], np.float32))
    assert z.dtype == np.float32 and z.tolist() == [1.0, 1.0]
    assert s.apply([3, 6]).dtype == np.float64
    with pytest.raises(ValueError, match="expected rows of 2 features"):
        s.apply(np.zeros((4, 3)))


def test_dict_round_trip_through_json():
    s = Standardisation((1.5, -2.0), (0.5, 3.0), 7.0, 2.0)
    assert Standardisation.from_dict(json.loads(json.dumps(s.as_dict()))) == s
    plain = Standardisation((0.0,), (1.0,))
    assert Standardisation.from_dict(plain.as_dict()) == plain


@pytest.mark.parametrize("d, message", [
    ("x", "must be an object"),
    ({"feature_std": [1.0]}, "feature_mean is missing"),
    ({"feature_mean": [0.0], "feature_std": [1.0], "code": "rm -rf"}, "unknown field 'code'"),
    ({"feature_mean": "0", "feature_std": [1.0]}, "feature_mean must be a list of numbers"),
    ({"feature_mean": [0.0, 1.0], "feature_std": [1.0]}, "feature_mean has 2 entries but feature_std has 1"),
    ({"feature_mean": [0.0], "feature_std": [0.0]}, "every feature_std must be positive"),
    ({"feature_mean": [float("nan")], "feature_std": [1.0]}, r"feature_mean\[0\] must be finite"),
    ({"feature_mean": [True], "feature_std": [1.0]}, r"feature_mean\[0\] must be a number, got bool"),
    ({"feature_mean": [], "feature_std": []}, "must hold 1 to 100,000 numbers"),
    ({"feature_mean": [0.0], "feature_std": [1.0], "target_mean": 1.0}, "give both target_mean and target_std"),
    ({"feature_mean": [0.0], "feature_std": [1.0], "target_mean": 1.0, "target_std": -2.0},
     "target_std must be positive"),
    ({"feature_mean": [0.0], "feature_std": [1.0], "target_mean": "1", "target_std": 1.0},
     "target_mean must be a number, got str"),
])
def test_forged_dicts_are_refused(d, message):
    with pytest.raises(ValueError, match=message):
        Standardisation.from_dict(d)


def test_regression_dataset_fields():
    s = Standardisation((0.0,), (1.0,), 5.0, 2.0)
    ds = Dataset(name="r", x_train=np.zeros((3, 1), np.float32), labels_train=np.array([0.5, -1.0, 2.0], np.float32),
                 x_test=np.zeros((1, 1), np.float32), labels_test=np.array([0.0], np.float32),
                 class_names=("price",), feature_names=("area",), task="regression", standardisation=s)
    assert ds.is_regression and ds.n_classes == 1 and ds.target_name == "price"
    assert ds.labels_train.dtype == np.float32 and not ds.labels_train.flags.writeable
    assert ds.standardisation.target_to_raw(ds.labels_train[0]) == pytest.approx(6.0)


@pytest.mark.parametrize("overrides, message", [
    (dict(task="clustering"), "task must be one of classification, regression"),
    (dict(class_names=("a", "b")), "a regression data set has one class name"),
    (dict(labels_train=np.array([0, 1, 2])), "regression labels_train must be floating point"),
    (dict(labels_test=np.array([np.nan], np.float32)), "regression labels_test must be finite"),
    (dict(standardisation=Standardisation((0.0, 0.0), (1.0, 1.0))), "standardisation describes 2 features"),
])
def test_inconsistent_regression_datasets_are_refused(overrides, message):
    kwargs = dict(name="r", x_train=np.zeros((3, 1), np.float32), labels_train=np.array([0.5, -1.0, 2.0]),
                  x_test=np.zeros((1, 1), np.float32), labels_test=np.array([0.0]),
                  class_names=("price",), feature_names=("area",), task="regression") | overrides
    with pytest.raises(ValueError, match=message):
        Dataset(**kwargs)
