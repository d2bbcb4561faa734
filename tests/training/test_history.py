"""The training history stays bounded however long the run, and keeps what the plots show."""

import numpy as np
import pytest

from nnviz.training.history import EpochTable, History, LossCurve


def test_every_step_is_kept_until_the_capacity():
    curve = LossCurve(capacity=8)
    curve.extend([5.0, 4.0, 3.0])
    curve.append(2.0)
    v = curve.view()
    np.testing.assert_array_equal(v["step"], [1, 2, 3, 4])
    np.testing.assert_array_equal(v["loss"], [5, 4, 3, 2])
    np.testing.assert_array_equal(v["loss_min"], v["loss"])


@pytest.mark.parametrize("chunk", [0, 1, 7, 1000, 100_000])  # 0: append() one at a time
def test_buckets_keep_mean_min_and_max_however_the_steps_arrive(chunk):
    values = np.random.default_rng(0).random(100_000)
    curve = LossCurve(capacity=64)
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
        assert v["loss"][k] == pytest.approx(part.mean())
        assert v["loss_min"][k] == part.min() and v["loss_max"][k] == part.max()


def test_memory_is_bounded_for_millions_of_steps():
    history = History()
    before = sum(a.nbytes for a in history.view().values())
    for _ in range(30):
        history.record_steps(np.ones(100_000))
        for _ in range(300):
            history.record_epoch(epoch_end_step=1, train_loss=1.0)
    stored = (history.steps._end.nbytes * 4 + history.epochs._data.nbytes)
    assert stored < 1_000_000  # 3 M steps and 9,000 epochs in under a megabyte
    assert history.steps.n_steps == 3_000_000 and history.epochs.n_rows == 9000
    assert len(history.view()["step"]) <= 16385 and before == 0


def test_views_never_change_after_they_were_taken():
    curve = LossCurve(capacity=4)
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
