"""History.view() as the window takes it with every snapshot: columns made when read, as they were
when the view was taken."""

import pickle

import numpy as np

from nnviz.training.history import History


def _grown(history: History, steps: int, first: int = 0) -> None:
    for k in range(first, first + steps):
        history.record_step(1.0 / (k + 1), k / (k + 1))
        if k % 3 == 2:
            history.record_epoch(train_loss=float(k), test_loss=float(k) / 2)


def test_a_view_read_later_shows_the_history_as_it_was_when_taken():
    history = History(loss_capacity=8, epoch_capacity=4)
    _grown(history, 13)  # buckets of 2 with one still filling, epochs thinned out
    taken = history.view()
    reference = History(loss_capacity=8, epoch_capacity=4)
    _grown(reference, 13)
    expected = {name: np.array(column) for name, column in reference.view().items()}
    _grown(history, 50, first=13)  # merges, new epochs and a new partial bucket after the view
    assert set(taken) == set(expected) and len(taken) == len(expected)
    for name in expected:
        np.testing.assert_array_equal(taken[name], expected[name])
        assert not taken[name].flags.writeable
    assert taken["step"][-1] == 13 and taken["epoch"][-1] == 4
    assert history.view()["step"][-1] == 63


def test_a_view_reads_like_a_dict_and_pickles_as_one():
    history = History()
    _grown(history, 7)
    view = history.view()
    assert "step_loss" in view and "nothing" not in view and view.get("nothing") is None
    assert view["step"] is view["step"]  # made once
    copy = pickle.loads(pickle.dumps(view))
    assert isinstance(copy, dict) and set(copy) == set(view)
    np.testing.assert_array_equal(copy["test_loss"], view["test_loss"])
    assert {**view}.keys() == copy.keys()
