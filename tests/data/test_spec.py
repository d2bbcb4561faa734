"""DatasetSpec: names on the command line, JSON round trips, forged dicts refused, loading each kind."""

import json
import math

import numpy as np
import pytest

import nnviz.data
from nnviz.data import DatasetSpec, load_spec, points_spec, spec_of
from nnviz.data.spec import MAX_POINTS

CIRCLE = DatasetSpec(kind="generated", generator="circle", n_samples=300, noise=0.25, train_share=0.6, seed=3)
POINTS = DatasetSpec(kind="points", generator="xor-cloud", points=((0.5, 0.5, 0), (-0.5, 0.5, 1), (0.2, -0.7, 1)))


def test_exports():
    for name in ["DatasetSpec", "load_spec", "spec_of", "GENERATORS", "CsvError", "Standardisation"]:
        assert name in nnviz.data.__all__ and hasattr(nnviz.data, name), name


@pytest.mark.parametrize("name, expected", [
    ("xor", DatasetSpec(kind="xor")),
    ("MNIST", DatasetSpec(kind="mnist")),
    ("gender", DatasetSpec(kind="gender")),
    ("spiral", DatasetSpec(kind="generated", generator="spiral")),
    ("xor-cloud", DatasetSpec(kind="generated", generator="xor-cloud")),
    ("data/My Prices.CSV", DatasetSpec(kind="csv", path="data/My Prices.CSV")),
])
def test_spec_of_names(name, expected):
    assert spec_of(name) == expected


def test_spec_of_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown dataset 'moons'; choose xor, gender, mnist, circle, .*sin, "
                                         r"or the path of a \.csv file"):
        spec_of("moons")


@pytest.mark.parametrize("spec", [
    DatasetSpec(kind="xor"),
    CIRCLE,
    POINTS,
    DatasetSpec(kind="csv", path="/tmp/a.csv", label_column="price", task="regression", standardise=False,
                train_share=0.8, seed=11),
])
def test_as_dict_round_trips_through_json(spec):
    d = json.loads(json.dumps(spec.as_dict()))
    assert DatasetSpec.from_dict(d) == spec
    assert hash(DatasetSpec.from_dict(d)) == hash(spec)


def test_from_dict_fills_defaults_and_accepts_whole_floats_for_labels():
    spec = DatasetSpec.from_dict({"kind": "generated", "generator": "bump"})
    assert (spec.n_samples, spec.noise, spec.train_share, spec.seed) == (200, 0.1, 0.7, 0)
    assert DatasetSpec.from_dict({"kind": "points", "generator": "circle", "points": [[0, 0, 1.0]]}).points \
        == ((0.0, 0.0, 1.0),)


@pytest.mark.parametrize("d, message", [
    ([], "a dataset must be an object, got list"),
    ({}, "kind is missing"),
    ({"kind": "pickle"}, "kind must be one of xor, gender, mnist, generated, csv, points"),
    ({"kind": "xor", "evil": 1}, "unknown field 'evil'"),
    ({"kind": "generated"}, "kind 'generated' needs a generator"),
    ({"kind": "generated", "generator": "moons"}, "needs a generator, one of circle"),
    ({"kind": "xor", "generator": "circle"}, "kind 'xor' has no generator"),
    ({"kind": "generated", "generator": "circle", "n_samples": "200"}, "n_samples must be a whole number, got str"),
    ({"kind": "generated", "generator": "circle", "n_samples": 200.0}, "n_samples must be a whole number"),
    ({"kind": "generated", "generator": "circle", "n_samples": True}, "n_samples must be a whole number"),
    ({"kind": "generated", "generator": "circle", "n_samples": 10 ** 9}, r"n_samples must lie in 10..5,000"),
    ({"kind": "generated", "generator": "circle", "noise": float("nan")}, "noise must be a finite number"),
    ({"kind": "generated", "generator": "circle", "noise": 0.9}, r"noise must lie in 0..0.5, got 0.9"),
    ({"kind": "generated", "generator": "circle", "train_share": 1.0}, r"train_share must lie in 0.1..0.9"),
    ({"kind": "generated", "generator": "circle", "seed": -1}, "seed must lie in 0"),
    ({"kind": "csv"}, "kind 'csv' needs the path of its file"),
    ({"kind": "csv", "path": 7}, "path must be text, got int"),
    ({"kind": "csv", "path": "a.csv", "label_column": ["x"]}, "label_column must be text"),
    ({"kind": "csv", "path": "a.csv", "task": "clustering"}, "task must be one of auto, classification, regression"),
    ({"kind": "csv", "path": "a.csv", "standardise": "yes"}, "standardise must be true or false"),
    ({"kind": "xor", "points": [[0, 0, 1]]}, "kind 'xor' has no points"),
    ({"kind": "points", "generator": "circle"}, "holds 1 to 10,000 points, got 0"),
    ({"kind": "points", "generator": "circle", "points": [[0, 0, 1]] * (MAX_POINTS + 1)},
     "holds 1 to 10,000 points, got 10,001"),
    ({"kind": "points", "generator": "circle", "points": "0,0,1"}, "points must be a list"),
    ({"kind": "points", "generator": "circle", "points": [[0, 0]]}, r"point 1 must be \[x1, x2, label\]"),
    ({"kind": "points", "generator": "circle", "points": [[0, 0, 1], [0, math.inf, 1]]},
     "point 2 must be a finite number"),
    ({"kind": "points", "generator": "circle", "points": [[0, "x", 1]]}, "point 1 must be a number, got str"),
    ({"kind": "points", "generator": "circle", "points": [[0, 0, 2]]}, "a circle point's label is 0 or 1, got 2"),
    ({"kind": "points", "generator": "sin", "points": [[0, 0, 0.5]]}, "points are 2-D, but the sin generator"),
])
def test_forged_dicts_are_refused_with_one_line(d, message):
    with pytest.raises(ValueError, match=message) as caught:
        DatasetSpec.from_dict(d)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_points_given_as_an_array_are_the_points_given_as_tuples():
    table = np.array([[0.5, -0.25, 1], [0.0, 2.0, 0], [-1e-3, 3.5, 1]])
    tuples = tuple(tuple(row) for row in table.tolist())
    spec = DatasetSpec(kind="points", generator="circle", points=table)
    assert spec == DatasetSpec(kind="points", generator="circle", points=tuples)
    assert all(type(v) is float for point in spec.points for v in point)
    assert DatasetSpec(kind="points", generator="bump", points=np.array([[0, 0, -0.75]])).points == ((0.0, 0.0, -0.75),)


@pytest.mark.parametrize("table, message", [
    (np.array([[0, 0, 1], [0, math.inf, 1]]), "point 2 must be a finite number"),
    (np.array([[0, 0, 2.0]]), "a circle point's label is 0 or 1, got 2"),
    (np.array([[0, 0]]), r"point 1 must be \[x1, x2, label\]"),
    (np.empty((0, 3)), "holds 1 to 10,000 points, got 0"),
])
def test_a_bad_array_of_points_is_refused_as_a_bad_list_is(table, message):
    with pytest.raises(ValueError, match=message):
        DatasetSpec(kind="points", generator="circle", points=table)


def test_a_huge_forged_value_is_not_echoed_whole():
    with pytest.raises(ValueError) as caught:
        DatasetSpec.from_dict({"kind": "csv", "path": "a.csv", "task": "x" * 100_000})
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("spec, text", [
    (DatasetSpec(kind="xor"), "XOR"),
    (DatasetSpec(kind="mnist"), "MNIST"),
    (CIRCLE, "circle, noise 0.25, 300 points, seed 3"),
    (POINTS, "xor-cloud, 3 points placed by hand"),
    (DatasetSpec(kind="csv", path="/home/me/prices.csv", label_column="price"), "prices.csv, label price"),
    (DatasetSpec(kind="csv", path="prices.csv", task="regression", standardise=False),
     "prices.csv, label: last column, regression, not standardised"),
])
def test_label_is_short_and_human(spec, text):
    assert spec.label() == text


def test_is_regression_where_the_spec_tells():
    assert DatasetSpec(kind="generated", generator="sin").is_regression is True
    assert CIRCLE.is_regression is False and DatasetSpec(kind="mnist").is_regression is False
    assert DatasetSpec(kind="csv", path="a.csv").is_regression is None
    assert DatasetSpec(kind="csv", path="a.csv", task="regression").is_regression is True


def test_load_spec_named_sets():
    assert load_spec(DatasetSpec(kind="xor")).name == "xor"
    gender = load_spec(DatasetSpec(kind="gender"), dtype=np.float64)
    assert gender.name == "gender" and gender.x_train.dtype == np.float64 and len(gender.queries) == 2


def test_load_spec_mnist_from_a_folder(fake_mnist):
    ds = load_spec(spec_of("mnist"), data_dir=fake_mnist, scaling="raw")
    assert ds.x_train.shape == (6, 784) and ds.x_train.max() > 1


def test_points_are_both_splits():
    ds = load_spec(POINTS)
    np.testing.assert_allclose(ds.x_train, [[0.5, 0.5], [-0.5, 0.5], [0.2, -0.7]], rtol=1e-6)
    np.testing.assert_array_equal(ds.labels_train, [0, 1, 1])
    np.testing.assert_array_equal(ds.x_test, ds.x_train)
    assert ds.class_names == ("blue", "orange") and ds.task == "classification"


def test_regression_points_keep_their_values():
    ds = load_spec(DatasetSpec(kind="points", generator="bump", points=((0, 0, 0.9), (1, 1, -0.25))))
    assert ds.is_regression and ds.class_names == ("y",)
    np.testing.assert_allclose(ds.labels_train, [0.9, -0.25])


def test_points_spec_holds_every_point_once():
    ds = load_spec(CIRCLE)
    spec = points_spec(ds, "circle")
    assert spec.kind == "points" and len(spec.points) == 300
    again = load_spec(spec)
    assert len(again.x_train) == 300
    np.testing.assert_allclose(np.sort(again.x_train, axis=0),
                               np.sort(np.concatenate([ds.x_train, ds.x_test]), axis=0))
    # A points set's test split is its training split: turning it into points again adds nothing.
    assert points_spec(again, "circle") == spec


def test_load_spec_wants_a_spec():
    with pytest.raises(TypeError, match="needs a DatasetSpec"):
        load_spec("xor")
