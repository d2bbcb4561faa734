"""The race: runs that differ in one thing only, trained headless; the arithmetic of its curves."""

from __future__ import annotations

import csv
import math
from dataclasses import replace

import numpy as np
import pytest

from nnviz.training import build_network, get_preset
from nnviz.training.race import (
    default_pace, default_values, parse_vary, race_presets, run_race, steps_per_epoch, what_is_shared,
)
from nnviz.training.race_curves import (
    LossKind, Timeline, XAxis, cpu_share_text, history_curve, run_curve, samples_after, smoothed_per_epoch,
    write_curves_csv,
)


def initial_weights(run):
    network = build_network(run.preset)
    return [W.copy() for W in network.weights] + [b.copy() for b in network.biases]


@pytest.mark.parametrize("vary, values", [
    ("mode", ["stochastic", "minibatch:2", "batch"]),
    ("optimizer", ["sgd", "momentum", "adam"]),
    ("lr", ["0.01", "0.1", "1"]),
    ("activation", ["sigmoid", "tanh", "relu"]),
])
def test_runs_start_from_identical_weights_with_the_same_seed(vary, values):
    base = get_preset("xor")
    runs = race_presets(base, vary, values)
    assert len(runs) == 3
    first = initial_weights(runs[0])
    for run in runs[1:]:
        assert run.preset.hyperparameters.seed == base.hyperparameters.seed
        for a, b in zip(first, initial_weights(run)):
            np.testing.assert_array_equal(a, b)


def test_varying_the_initialisation_draws_each_runs_own_weights():
    runs = race_presets(get_preset("gender"), "init", ["textbook", "xavier", "he"])
    assert [run.preset.init for run in runs] == ["textbook", "xavier", "he"]
    weights = [initial_weights(run)[0] for run in runs]
    assert not np.array_equal(weights[0], weights[1]) and not np.array_equal(weights[1], weights[2])


def test_a_preset_with_fixed_weights_races_from_them():
    base = get_preset("network")  # every neuron weights [0, 1], bias 0
    runs = race_presets(base, "lr", ["0.1", "1"])
    for run in runs:
        np.testing.assert_array_equal(build_network(run.preset).weights[0], [[0.0, 1.0], [0.0, 1.0]])


def test_each_run_changes_only_what_varies():
    base = get_preset("xor")
    runs = race_presets(base, "mode", ["stochastic", "minibatch:3", "batch"])
    assert [run.label for run in runs] == ["stochastic", "mini-batch 3", "full batch"]
    assert [(r.preset.hyperparameters.granularity, r.preset.hyperparameters.batch_size) for r in runs] == \
        [("stochastic", 32), ("minibatch", 3), ("batch", 32)]
    for run in runs:
        assert (run.preset.sizes, run.preset.hidden, run.preset.loss, run.preset.init) == \
            (base.sizes, base.hidden, base.loss, base.init)
        assert run.preset.hyperparameters.lr == base.hyperparameters.lr
    lrs = race_presets(base, "lr", ["0.01", "1"])
    assert [r.label for r in lrs] == ["lr 0.01", "lr 1"]
    assert [r.preset.hyperparameters.lr for r in lrs] == [0.01, 1.0]
    acts = race_presets(get_preset("mnist-fast"), "activation", ["sigmoid", "relu"])
    assert [r.preset.hidden for r in acts] == ["sigmoid", "relu"] and acts[0].preset.output == "softmax"


@pytest.mark.parametrize("vary, values, message", [
    ("colour", ["red", "blue"], "cannot vary 'colour'"),
    ("mode", ["batch"], "2 to 4 runs; got 1"),
    ("mode", ["stochastic", "batch", "minibatch:2", "minibatch:3", "minibatch:4"], "got 5"),
    ("mode", ["batch", "full-batch"], "'batch' and 'full-batch' are the same gradient-descent mode"),
    ("mode", ["stochastic", "minibatch:x"], "must be a whole number"),
    ("mode", ["stochastic", "minibatch:0"], "at least one sample"),
    ("mode", ["stochastic", "sometimes"], "unknown gradient-descent mode 'sometimes'"),
    ("optimizer", ["sgd", "rmsprop"], "unknown optimiser 'rmsprop'"),
    ("lr", ["0.1", "fast"], "'fast' is not a number"),
    ("lr", ["0.1", "-1"], "must lie in (0, 100]"),
    ("lr", ["0.1", "0.10"], "the same learning rate"),
    ("init", ["he", "zeros"], "unknown initialisation 'zeros'"),
    ("activation", ["tanh", "softmax"], "softmax can only be an output activation"),
    ("activation", ["tanh", "step"], "has no gradient"),
    ("activation", ["tanh", "bogus"], "unknown activation 'bogus'"),
    ("lr", ["0.1", ""], "an empty value"),
])
def test_bad_race_specs_are_refused_in_one_clear_line(vary, values, message):
    with pytest.raises(ValueError) as caught:
        race_presets(get_preset("xor"), vary, values)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_network_without_hidden_layers_cannot_vary_its_activation():
    with pytest.raises(ValueError, match="no hidden layer"):
        race_presets(get_preset("neuron"), "activation", ["tanh", "relu"])


def test_vary_specs_parse_and_defaults_fit_the_data():
    assert parse_vary("mode=stochastic, minibatch:32,batch") == ("mode", ["stochastic", "minibatch:32", "batch"])
    assert parse_vary("LR=0.1,1") == ("lr", ["0.1", "1"])
    with pytest.raises(ValueError, match="WHAT=VALUE"):
        parse_vary("stochastic,batch")
    xor = get_preset("xor")
    assert default_values("mode", xor, 4) == ["stochastic", "minibatch:2", "batch"]
    assert default_values("mode", xor, 60000) == ["stochastic", "minibatch:32", "batch"]
    assert default_values("lr", xor, 4) == ["0.01", "0.1", "1"]
    for vary in ("mode", "optimizer", "lr", "init", "activation"):
        assert len(race_presets(xor, vary, default_values(vary, xor, 4))) == 3


def test_small_sets_race_at_a_pace_the_stochastic_run_keeps():
    assert default_pace(4) == 20.0  # xor: 80 one-sample steps a second
    assert default_pace(140) == 2.0  # a generated set: 280 steps a second
    assert default_pace(400) == 1.0
    assert default_pace(401) is None and default_pace(60000) is None  # full speed


def test_shared_line_says_what_the_runs_have_in_common():
    xor = get_preset("xor")
    assert what_is_shared(xor, "mode") == "same 2-10-1 network, initial weights and sample order (seed 0)"
    assert "each run draws its own initial weights" in what_is_shared(xor, "init")


def test_stochastic_makes_n_times_the_updates_of_full_batch_per_epoch():
    runs = race_presets(get_preset("gender"), "mode", ["stochastic", "minibatch:2", "batch"])
    result = run_race(runs, epochs=3)
    n = result.n_train
    assert n == 4
    stochastic, mini, batch = result.runs
    assert stochastic.updates_per_epoch == n * batch.updates_per_epoch == n
    assert mini.updates_per_epoch == 2
    for run in result.runs:  # every run sees every sample once an epoch
        assert [row.samples for row in run.rows] == [0, n, 2 * n, 3 * n]
    assert [row.updates for row in stochastic.rows] == [0, 4, 8, 12]
    assert [row.updates for row in batch.rows] == [0, 1, 2, 3]
    assert steps_per_epoch(stochastic.preset, n) == 4 and steps_per_epoch(batch.preset, n) == 1


def test_an_xor_race_starts_level_and_every_run_learns():
    runs = race_presets(get_preset("xor"), "mode", ["stochastic", "minibatch:2", "batch"])
    seen = []
    result = run_race(runs, epochs=300, on_epoch=lambda i, row: seen.append((i, row.epoch)))
    assert len(seen) == 3 * 301 and seen[:3] == [(0, 0), (1, 0), (2, 0)]
    before = {run.rows[0].test_loss for run in result.runs}
    assert len(before) == 1  # the same weights: the same loss before training
    for run in result.runs:
        assert run.last.epoch == 300 and run.diverged is None
        assert run.last.test_loss < run.rows[0].test_loss
        assert run.last.seconds > 0 and math.isnan(run.rows[0].train_loss)
    # The noisier, more frequent updates go further in as many epochs.
    assert result.runs[0].last.test_loss < result.runs[2].last.test_loss
    assert result.runs[0].last.test_accuracy == 1.0


def test_a_diverging_run_stops_and_the_others_finish():
    linear_output = replace(get_preset("xor"), output="identity", loss="mse")  # nothing saturates
    runs = race_presets(linear_output, "lr", ["0.1", "100"])
    result = run_race(runs, epochs=50)
    calm, wild = result.runs
    assert calm.diverged is None and calm.last.epoch == 50
    assert wild.diverged is not None and "Diverged" in wild.diverged and wild.last.epoch < 50


def test_a_race_can_be_stopped_between_steps():
    runs = race_presets(get_preset("xor"), "mode", ["stochastic", "batch"])
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 6

    result = run_race(runs, epochs=100, should_stop=stop)
    assert result.interrupted
    assert all(run.last.epoch < 100 for run in result.runs)


def test_mnist_minibatch_against_full_batch_on_a_few_samples(mnist_data_dir):
    runs = race_presets(get_preset("mnist-fast"), "mode", ["minibatch:50", "batch"])
    result = run_race(runs, epochs=2, data_dir=mnist_data_dir, limit_train=200)
    mini, batch = result.runs
    assert result.n_train == 200 and result.n_test == 10000
    assert mini.rows[0].test_loss == batch.rows[0].test_loss
    assert (mini.updates_per_epoch, batch.updates_per_epoch) == (4, 1)
    assert mini.last.test_accuracy > batch.last.test_accuracy


# -- the curves' arithmetic ---------------------------------------------------------------------------

def test_samples_after_counts_a_short_last_batch():
    # 10 samples in batches of 4: updates of 4, 4, 2 samples per epoch.
    assert samples_after([0, 1, 2, 3, 4, 6], 4, 10).tolist() == [0, 4, 8, 10, 14, 20]
    assert samples_after([5], 1, 4).tolist() == [5]
    assert samples_after([2], 60000, 60000).tolist() == [120000]


def test_timeline_interpolates_and_stays_bounded():
    line = Timeline(capacity=8)
    for step in range(1, 101):
        line.add(step * 10, step * 0.5)
    assert len(line) <= 9
    assert line.seconds_at([0, 1000]).tolist() == [0.0, 50.0]
    assert line.seconds_at([5000]).tolist() == [50.0]  # beyond the newest reading: its seconds
    short = Timeline()
    short.add(10, 1.0)
    short.add(20, 3.0)
    assert short.seconds_at([5, 15]).tolist() == [0.5, 2.0]
    short.add(15, 9.0)  # out of order: ignored
    assert short.seconds_at([20]).tolist() == [3.0]


def test_a_run_curve_has_every_x_axis_and_its_csv_the_right_columns(tmp_path):
    line = Timeline()
    line.add(3, 0.3)
    curve = run_curve("mini-batch 2", "minibatch:2", [1, 2, 3], [0.7, 0.6, 0.5], 2, 4, line)
    assert curve.x(XAxis.UPDATES).tolist() == [1, 2, 3]
    assert curve.x(XAxis.SAMPLES).tolist() == [2, 4, 6]
    assert curve.x(XAxis.EPOCHS).tolist() == [0.5, 1.0, 1.5]
    assert np.allclose(curve.x(XAxis.SECONDS), [0.1, 0.2, 0.3])
    path = write_curves_csv(tmp_path / "race.csv", [curve], "train_loss")
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["run", "value", "updates", "samples_seen", "epochs", "seconds", "train_loss"]
    assert rows[1] == ["mini-batch 2", "minibatch:2", "1", "2", "0.5", "0.1", "0.7"]
    assert len(rows) == 4 and not (tmp_path / "race.csv.part").exists()


def test_history_curves_place_each_loss_where_it_was_measured():
    from nnviz.training import build_session

    session = build_session(race_presets(get_preset("xor"), "mode", ["batch", "stochastic"])[0].preset)
    for _ in range(3):
        session.step()  # full batch: one update an epoch
    history = session.history.view()
    updates = history_curve("full batch", "batch", history, LossKind.UPDATE, 4, 4, Timeline())
    # Each update's loss was computed before it: the first at the start, the same for every run.
    assert updates.x(XAxis.UPDATES).tolist() == [0, 1, 2] and updates.x(XAxis.EPOCHS).tolist() == [0, 1, 2]
    assert updates.loss.tolist() == history["step_loss"].tolist()
    tests = history_curve("full batch", "batch", history, LossKind.EPOCH, 4, 4, Timeline())
    assert tests.x(XAxis.EPOCHS).tolist() == [1, 2, 3]  # measured after each epoch
    assert tests.loss.tolist() == history["test_loss"].tolist()
    assert (LossKind.UPDATE.csv_column, LossKind.EPOCH.csv_column) == ("train_loss", "test_loss")


def test_smoothing_spans_the_same_share_of_an_epoch_for_every_run():
    noisy = np.tile([0.0, 2.0], 5000)
    updates = np.arange(10000)
    # 1,000 one-sample updates an epoch: a tenth of an epoch averages 100 of them.
    stochastic = smoothed_per_epoch(updates, noisy, 1000)
    assert abs(stochastic[-1] - 1.0) < 0.05 and stochastic[-1000:].std() < 0.05
    full_batch = smoothed_per_epoch(updates, noisy, 1)  # one update an epoch: nothing to average
    assert full_batch[-200:].std() > 0.9
    # A fall shows within about a tenth of an epoch, not an epoch late.
    step = np.r_[np.full(1000, 2.0), np.full(9000, 0.5)]
    assert smoothed_per_epoch(updates, step, 1000)[1300] < 0.6
    # Buckets of 10 updates decay ten times as fast per point as single updates.
    bucketed = smoothed_per_epoch(np.arange(0, 1000, 10), np.ones(100), 100)
    assert np.allclose(bucketed, 1.0)
    assert smoothed_per_epoch(np.array([3]), np.array([0.5]), 4).tolist() == [0.5]


def test_cpu_share_says_how_runs_share_the_cores():
    assert cpu_share_text(3, 2) == "3 runs share 2 cores: ~67 % of a core each"
    assert cpu_share_text(2, 2) == "2 runs on 2 cores: one core each"
    assert cpu_share_text(4, 1) == "4 runs share 1 core: ~25 % of a core each"
