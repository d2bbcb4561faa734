"""The MNIST presets on the real data (skipped when MNIST is not on this machine)."""

import numpy as np
import pytest

from nnviz.training import build_session, get_preset


@pytest.mark.slow
def test_mnist_book_reaches_95_percent_in_one_epoch(mnist_data_dir):
    # The textbook's 784-200-10 sigmoid net, one sample at a time, one pass over all 60,000 digits.
    session = build_session(get_preset("mnist-book"), data_dir=mnist_data_dir)
    for _ in session.steps():
        pass
    assert session.step_count == 60_000 and session.epoch == 1
    accuracy = session.history.view()["test_accuracy"][-1]
    assert accuracy >= 0.95, f"test accuracy {accuracy:.4f}"


def test_mnist_book_uses_the_textbook_scaling_and_targets(mnist_data_dir):
    session = build_session(get_preset("mnist-book"), data_dir=mnist_data_dir, limit_train=100)
    x = session.x_train
    assert x.min() == pytest.approx(0.01) and x.max() == pytest.approx(1.0)
    np.testing.assert_allclose(np.unique(session.y_train), [0.01, 0.99])
    assert session.batch_size == 1
