"""Regression through TrainingSession: R² as the score, RMSE in raw units, swapping the data mid-run."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from nnviz.data.dataset import Dataset
from nnviz.data.spec import DatasetSpec, load_spec
from nnviz.data.standardise import Standardisation
from nnviz.engine.network import Network
from nnviz.training.architecture import Architecture, NewSession
from nnviz.training.build import build_session, load_dataset
from nnviz.training.evaluation import r_squared
from nnviz.training.history import RunningR2
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.presets import get_preset
from nnviz.training.session import TrainingSession


def line_data(n=40, standardisation=None) -> Dataset:
    """y = 2x - 1 on x in [-1, 1] (exactly learnable by a 1-1 identity network)."""
    x = np.linspace(-1, 1, n, dtype=np.float32)[:, None]
    y = (2 * x[:, 0] - 1).astype(np.float32)
    return Dataset("line", x, y, x, y, ("y",), ("x",), task="regression", standardisation=standardisation)


def linear_network(w: float, b: float) -> Network:
    network = Network((1, 1), hidden="tanh", output="identity", loss="mse", seed=0)
    network.weights[0][...] = w
    network.biases[0][...] = b
    return network


def test_r_squared_matches_its_definition_and_handles_constant_targets():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    p = np.array([1.1, 1.9, 3.2, 3.8])
    assert r_squared(p, y) == pytest.approx(1 - 0.10 / 5.0)
    assert r_squared(y, y) == 1.0
    assert r_squared(np.full(4, y.mean()), y) == pytest.approx(0.0)
    assert r_squared(np.ones(3), np.ones(3)) == 1.0 and r_squared(np.zeros(3), np.ones(3)) == 0.0


def test_regression_evaluation_reports_r2_rmse_residuals_and_no_confusion():
    dataset = line_data()
    session = TrainingSession(linear_network(2.0, -0.5), dataset, Hyperparameters())  # off by +0.5 everywhere
    ev = session.evaluate_test()
    assert ev.is_regression and ev.rmse == pytest.approx(0.5, rel=1e-6)
    assert ev.loss == pytest.approx(0.25, rel=1e-6)  # MSE of the one output
    variance = float(np.var(dataset.labels_test.astype(np.float64)))
    assert ev.r2 == ev.accuracy == pytest.approx(1 - 0.25 / variance, rel=1e-6)
    np.testing.assert_allclose(ev.predictions, 2 * dataset.x_test[:, 0] - 0.5, rtol=1e-6)
    np.testing.assert_allclose(ev.confidences, 0.5, rtol=1e-5)
    assert ev.confusion.shape == (0, 0)
    assert not ev.predictions.flags.writeable


def test_rmse_is_in_the_targets_raw_units_when_they_were_standardised():
    # Targets divided by 10 for training: an error of 0.5 trained units is 5 raw units.
    standardisation = Standardisation((0.0,), (1.0,), target_mean=0.0, target_std=10.0)
    session = TrainingSession(linear_network(2.0, -0.5), line_data(standardisation=standardisation), Hyperparameters())
    assert session.evaluate_test().rmse == pytest.approx(5.0, rel=1e-6)


def test_misclassified_lists_the_largest_residuals_first():
    dataset = line_data(5)
    network = Network((1, 1), hidden="tanh", output="identity", loss="mse", seed=0)
    network.weights[0][...] = 0.0
    network.biases[0][...] = -1.0  # predicts -1: residuals |2x| = 2, 1, 0, 1, 2
    ev = TrainingSession(network, dataset, Hyperparameters()).evaluate_test()
    order = ev.misclassified(dataset.labels_test)
    assert sorted(order[:2].tolist()) == [0, 4] and order[-1] == 2
    assert len(order) == 5


def test_training_a_line_reaches_r2_near_one_and_the_history_holds_r2():
    session = TrainingSession(Network((1, 1), output="identity", loss="mse", seed=0), line_data(),
                              Hyperparameters(lr=0.1, granularity="minibatch", batch_size=8, epochs=60))
    events = list(session.steps())
    last = session.history.last_epoch()
    assert last["test_accuracy"] > 0.999 and last["train_accuracy"] > 0.99
    assert events[-1].running_accuracy > 0.99
    first = session.history.view()["train_accuracy"][0]
    assert first < last["train_accuracy"]  # it learned: R² rose over the epochs


def test_the_epochs_train_r2_is_one_minus_mse_over_the_target_variance():
    dataset = line_data()
    session = TrainingSession(linear_network(2.0, -0.5), dataset,
                              Hyperparameters(lr=1e-9, granularity="batch", epochs=1))
    session.run_epoch()
    variance = float(np.var(dataset.labels_train.astype(np.float64)))
    assert session.history.last_epoch()["train_accuracy"] == pytest.approx(1 - 0.25 / variance, rel=1e-5)


def test_running_r2_covers_its_window_and_stays_exact_over_long_runs():
    running = RunningR2(window=4, target_variance=2.0)
    assert np.isnan(running.value)
    assert running.add(2.0, 2) == pytest.approx(1 - (2.0 / 2) / 2.0)
    assert running.add(0.0, 2) == pytest.approx(1 - (2.0 / 4) / 2.0)
    assert running.add(0.0, 2) == pytest.approx(1.0)  # the first step left the window
    for _ in range(100_000):
        running.add(0.1, 1)
    assert running.value == pytest.approx(1 - 0.1 / 2.0, rel=1e-12)


def test_a_regression_network_needs_exactly_one_output():
    with pytest.raises(ValueError, match="one target"):
        TrainingSession(Network((1, 2), output="identity", seed=0), line_data(), Hyperparameters())


def test_regression_presets_announce_their_task_and_standardisation():
    session = build_session(get_preset("sin"))
    announced = NewSession.of(session, get_preset("sin"))
    assert announced.architecture.task == "regression" and announced.architecture.is_regression
    assert announced.architecture.class_names == ("y",)
    assert not announced.architecture.outputs_probabilities
    assert announced.architecture.standardisation is None  # generated targets are left as they are
    standardisation = Standardisation((0.5,), (2.0,), 1.0, 3.0)
    dataset = line_data(standardisation=standardisation)
    architecture = Architecture.of(Network((1, 1), output="identity", seed=0), dataset)
    assert architecture.standardisation == standardisation and architecture.task == "regression"
    assert Architecture.of(build_session(get_preset("xor")).network, load_dataset("xor")).task == "classification"


# -- replace_dataset -------------------------------------------------------------------------------

def test_replace_dataset_keeps_the_network_and_counts_and_trains_on_the_new_points():
    preset = get_preset("circle")
    session = build_session(preset)
    for _ in range(30):
        session.step()
    weights = [W.copy() for W in session.network.weights]
    step, epoch, seen = session.step_count, session.epoch, session.samples_seen
    points = DatasetSpec(kind="points", generator="circle", points=((0.0, 0.0, 1.0), (0.9, 0.0, 0.0), (0.0, -0.9, 0.0)))
    session.replace_dataset(load_spec(points))
    assert (session.step_count, session.epoch, session.samples_seen) == (step, epoch, seen)
    assert all(np.array_equal(a, b) for a, b in zip(weights, session.network.weights))
    assert len(session.x_train) == 3 and session.epoch_progress == 0.0
    assert session.snapshot().last_step is None  # its batch indexed the old samples
    assert session.last_evaluation is not None and len(session.last_evaluation.predictions) == 3
    event = session.run_epoch()  # a whole epoch is now the three points
    assert event.epoch == epoch + 1 and session.step_count == step + 1  # batches of 10 hold all three
    assert set(session.last_batch.tolist()) == {0, 1, 2}


def test_replace_dataset_refuses_other_features_or_another_task():
    session = build_session(get_preset("circle"))
    with pytest.raises(ValueError, match="features"):
        session.replace_dataset(load_dataset("sin"))
    with pytest.raises(ValueError, match="regression"):
        session.replace_dataset(load_dataset("plane"))
    session.replace_dataset(load_dataset("gaussians"))  # same shape, same task: fine
    assert session.dataset.name == "gaussians"


def test_replace_dataset_on_a_regression_session_measures_r2_on_the_new_targets():
    session = build_session(get_preset("plane"))
    list(session.steps())
    assert session.last_evaluation.r2 > 0.95
    moved = load_dataset(DatasetSpec(kind="generated", generator="plane", seed=5))
    shifted = replace(moved, labels_train=moved.labels_train + 3, labels_test=moved.labels_test + 3)
    session.replace_dataset(shifted)
    assert session.last_evaluation.r2 < 0  # the targets moved by 3: the old fit explains nothing
