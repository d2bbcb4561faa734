"""The training history stays bounded however long the run, and keeps what the plots show."""

import numpy as np
import pytest

from nnviz.training.history import RUNNING_SAMPLES, EpochTable, History, RunningAccuracy, StepCurve, running_window


def test_every_step_is_kept_until_the_capacity():
    curve = StepCurve(capacity=8)
    curve.extend([5.0, 4.0, 3.0])
    curve.append(2.0)
    v = curve.view()
    np.testing.assert_array_equal(v["step"], [1, 2, 3, 4])
    np.testing.assert_array_equal(v["mean"], [5, 4, 3, 2])
    np.testing.assert_array_equal(v["min"], v["mean"])


@pytest.mark.parametrize("chunk", [0, 1, 7, 1000, 100_000])  # 0: append() one at a time
def test_buckets_keep_mean_min_and_max_however_the_steps_arrive(chunk):
    values = np.random.default_rng(0).random(100_000)
    curve = StepCurve(capacity=64)
    if chunk == 0:
        for value in values:
            curve.append(value)
    for i in range(0, len(values), chunk or len(values) + 1):
        curve.extend(values[i:i + chunk])
    v = curve.view()
    assert curve.n_steps == 100_000 and len(v["step"]) <= 65
    assert v["step"][-1] == 100_000
    # every step belongs to exactly one bucket: the bucket statistics match the raw values
    edges = np.concatenate([[0], v["step"].astype(int)])
    for k in range(len(edges) - 1):
        part = values[edges[k]:edges[k + 1]]
        assert v["mean"][k] == pytest.approx(part.mean())
        assert v["min"][k] == part.min() and v["max"][k] == part.max()


def test_memory_is_bounded_for_millions_of_steps():
    history = History()
    before = sum(a.nbytes for a in history.view().values())
    for _ in range(30):
        history.record_steps(np.ones(100_000))
        for _ in range(300):
            history.record_epoch(epoch_end_step=1, train_loss=1.0)
    assert history.nbytes < 1_500_000  # 3 M steps and 9,000 epochs in a megabyte and a half
    assert history.steps.n_steps == 3_000_000 and history.epochs.n_rows == 9000
    assert len(history.view()["step"]) <= 16385 and before == 0


def test_views_never_change_after_they_were_taken():
    curve = StepCurve(capacity=4)
    curve.extend([1.0, 2.0, 3.0, 4.0])
    old = curve.view()
    frozen = {k: v.copy() for k, v in old.items()}
    curve.extend([9.0, 9.0, 9.0])  # merges and a partial bucket
    for k in old:
        np.testing.assert_array_equal(old[k], frozen[k])
        assert not old[k].flags.writeable
    assert curve.stride == 2
    np.testing.assert_array_equal(curve.view()["step"], [2, 4, 6, 7])


def test_epoch_rows_thin_out_but_the_newest_is_always_there():
    table = EpochTable(("epoch", "acc"), capacity=4)
    for e in range(1, 12):
        table.append({"epoch": e, "acc": e / 10})
        assert table.last() == {"epoch": e, "acc": e / 10}
        assert table.view()["epoch"][-1] == e
    epochs = table.view()["epoch"]
    assert len(epochs) <= 5 and list(epochs[:-1]) == [4, 8]


def test_history_numbers_epochs_itself():
    history = History()
    history.record_epoch(epoch_end_step=4, test_accuracy=0.5)
    history.record_epoch(epoch_end_step=8, test_accuracy=0.75)
    view = history.view()
    np.testing.assert_array_equal(view["epoch"], [1, 2])
    assert history.last_epoch()["test_accuracy"] == 0.75


def test_running_accuracy_covers_the_latest_window_of_samples():
    running = RunningAccuracy(window=4)
    assert np.isnan(running.value)
    assert running.add(1, 1) == 1.0
    assert running.add(0, 1) == 0.5
    for _ in range(2):
        running.add(1, 1)
    assert running.value == 0.75  # 3 of the 4 samples so far
    running.add(1, 1)  # the first sample leaves the window: 1 0 1 1 1 -> 0 1 1 1
    assert running.value == 0.75
    running.add(1, 1)
    assert running.value == 1.0
    # A step bigger than the window: the window holds that step alone.
    assert running.add(3, 10) == 0.3


def test_running_window_is_the_training_set_when_that_is_smaller():
    assert running_window(4) == 4
    assert running_window(60_000) == RUNNING_SAMPLES


def test_history_keeps_the_running_accuracy_beside_the_loss_in_the_same_buckets():
    history = History(loss_capacity=8)
    n = 100
    history.record_steps(np.linspace(1, 0, n), np.linspace(0, 1, n))
    view = history.view()
    assert len(view["running_accuracy"]) == len(view["step"]) <= 9
    # Each bucket's mean of the running accuracy, as for the loss: 1 - loss here.
    np.testing.assert_allclose(view["running_accuracy"], 1 - view["step_loss"])
    unknown = History()
    unknown.record_step(0.5)  # no accuracy given: NaN, not a made-up number
    assert np.isnan(unknown.view()["running_accuracy"][0]) and unknown.view()["step_loss"][0] == 0.5
    with pytest.raises(ValueError):
        history.record_steps([1.0, 2.0], [0.5])
