"""The generated data sets: shapes, balance, determinism per seed, noise, ranges, and their splits."""

import numpy as np
import pytest

from nnviz.data import GENERATORS, DatasetSpec, generate, load_spec

CLASSIFIERS = [name for name, g in GENERATORS.items() if g.task == "classification"]
REGRESSIONS = [name for name, g in GENERATORS.items() if g.task == "regression"]


def test_the_catalogue():
    assert CLASSIFIERS == ["circle", "gaussians", "spiral", "xor-cloud"]
    assert REGRESSIONS == ["plane", "bump", "sin"]
    assert {name: g.n_features for name, g in GENERATORS.items()} == {
        "circle": 2, "gaussians": 2, "spiral": 2, "xor-cloud": 2, "plane": 2, "bump": 2, "sin": 1}
    assert all(g.summary and g.name == name for name, g in GENERATORS.items())
    assert GENERATORS["circle"].class_names == ("blue", "orange")
    assert GENERATORS["sin"].class_names == ("y",) and GENERATORS["sin"].feature_names == ("x",)


@pytest.mark.parametrize("name", list(GENERATORS))
def test_shapes_and_types(name):
    g = GENERATORS[name]
    x, y = generate(name, 101, 0.1, seed=4)
    assert x.shape == (101, g.n_features) and x.dtype == np.float64
    assert y.shape == (101,)
    assert y.dtype == (np.float64 if g.task == "regression" else np.int64)
    assert np.all(np.isfinite(x)) and np.all(np.isfinite(y))


@pytest.mark.parametrize("name", list(GENERATORS))
def test_same_seed_same_points_other_seed_other_points(name):
    x1, y1 = generate(name, 50, 0.2, seed=7)
    x2, y2 = generate(name, 50, 0.2, seed=7)
    x3, _ = generate(name, 50, 0.2, seed=8)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(x1, x3)


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_classes_are_balanced(name):
    _, y = generate(name, 201, 0.1, seed=0)
    assert sorted(np.bincount(y).tolist()) == [100, 101]


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_more_noise_spreads_the_points(name):
    clean, labels = generate(name, 400, 0.0, seed=1)
    noisy, same_labels = generate(name, 400, 0.5, seed=1)
    np.testing.assert_array_equal(labels, same_labels)  # noise moves the same points
    moved = np.linalg.norm(noisy - clean, axis=1)
    assert 0.2 < moved.mean() < 0.4  # noise 0.5 × CLASS_SPREAD 0.5: σ = 0.25 per coordinate


@pytest.mark.parametrize("name", REGRESSIONS)
def test_regression_noise_is_a_share_of_the_targets_spread(name):
    x, clean = generate(name, 2000, 0.0, seed=2)
    x_noisy, noisy = generate(name, 2000, 0.3, seed=2)
    np.testing.assert_array_equal(x, x_noisy)
    residual = noisy - clean
    assert residual.std() == pytest.approx(0.3 * clean.std(), rel=0.1)


@pytest.mark.parametrize("name", list(GENERATORS))
def test_features_and_targets_are_of_order_one(name):
    x, y = generate(name, 1000, 0.0, seed=3)
    limit = np.pi if name == "sin" else 1.0
    # Gaussian clouds have tails; all but a few of their points lie within the range too.
    extent = np.quantile(np.abs(x), 0.99) if name == "gaussians" else np.abs(x).max()
    assert extent <= limit + 1e-9
    assert np.abs(x).max() > 0.8 * limit  # they use the range, too
    if GENERATORS[name].task == "regression":
        assert 0.1 < y.std() < 1.0 and np.abs(y).max() <= 1.0 + 1e-9


def test_the_shapes_are_what_their_names_say():
    x, y = generate("circle", 400, 0.0, seed=0)
    r = np.linalg.norm(x, axis=1)
    assert r[y == 1].max() <= 0.5 < 0.7 <= r[y == 0].min()  # an orange disc inside a blue ring
    x, y = generate("xor-cloud", 400, 0.0, seed=0)
    np.testing.assert_array_equal(y, (np.sign(x[:, 0]) != np.sign(x[:, 1])).astype(int))
    x, y = generate("gaussians", 400, 0.0, seed=0)
    assert x[y == 1].mean(axis=0) == pytest.approx([0.5, 0.5], abs=0.05)
    assert x[y == 0].mean(axis=0) == pytest.approx([-0.5, -0.5], abs=0.05)
    x, y = generate("plane", 50, 0.0, seed=0)
    np.testing.assert_allclose(y, (x[:, 0] + x[:, 1]) / 2)
    x, y = generate("sin", 50, 0.0, seed=0)
    np.testing.assert_allclose(y, np.sin(x[:, 0]))
    x, y = generate("bump", 50, 0.0, seed=0)
    assert y[np.argmin(np.linalg.norm(x, axis=1))] == y.max()


def test_spiral_arms_are_half_a_turn_apart():
    x, y = generate("spiral", 400, 0.0, seed=0)
    r = np.linalg.norm(x, axis=1)
    angle = np.arctan2(x[:, 0], x[:, 1])  # the arms are drawn as (r sin θ, r cos θ)
    expected = 1.75 * 2 * np.pi * r + np.pi * y
    np.testing.assert_allclose(np.cos(angle - expected), 1.0, atol=1e-9)


@pytest.mark.parametrize("bad, message", [
    (dict(name="moons"), "unknown generator 'moons'; choose one of circle"),
    (dict(n_samples=0), "at least 1 point"),
    (dict(noise=-0.1), "noise must be a finite number"),
    (dict(noise=float("nan")), "noise must be a finite number"),
])
def test_bad_arguments_are_refused(bad, message):
    kwargs = dict(name="circle", n_samples=10, noise=0.1, seed=0) | bad
    with pytest.raises(ValueError, match=message):
        generate(**kwargs)


@pytest.mark.parametrize("name", list(GENERATORS))
def test_loaded_split_follows_train_share(name):
    ds = load_spec(DatasetSpec(kind="generated", generator=name, n_samples=200, train_share=0.75, seed=5))
    g = GENERATORS[name]
    assert (len(ds.x_train), len(ds.x_test)) == (150, 50)
    assert ds.task == g.task and ds.class_names == g.class_names and ds.feature_names == g.feature_names
    assert ds.x_train.dtype == np.float32 and ds.standardisation is None
    if g.task == "regression":
        assert ds.is_regression and ds.n_classes == 1 and ds.labels_train.dtype == np.float32
    else:
        assert not ds.is_regression and ds.labels_train.dtype == np.int64
    # The split is a partition of the generator's points.
    x, _ = generate(name, 200, 0.1, seed=5)
    np.testing.assert_allclose(np.concatenate([ds.x_train, ds.x_test]), x.astype(np.float32))


def test_generated_dataset_is_reproducible_and_dtype_honoured():
    spec = DatasetSpec(kind="generated", generator="spiral", n_samples=60, seed=9)
    a, b = load_spec(spec, dtype=np.float64), load_spec(spec, dtype=np.float64)
    assert a.x_train.dtype == np.float64
    np.testing.assert_array_equal(a.x_train, b.x_train)
    np.testing.assert_array_equal(a.labels_test, b.labels_test)
