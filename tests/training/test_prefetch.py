"""Distorting the next augmented batch ahead, on a worker thread, changes nothing but the time a step
takes: the same run bit for bit, whatever happens between steps, and a batch made ahead is never used
for other samples or data."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from nnviz.data.augment import augment_images, distort, draw_distortions
from nnviz.data.dataset import Dataset
from nnviz.engine.network import Network
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.prefetch import MIN_AHEAD, PrefetchedBatch
from nnviz.training.session import TrainingSession

SHAPE = (6, 6)
BATCH = MIN_AHEAD  # big enough to be made ahead


def digits(n: int, seed: int) -> Dataset:
    """n random 6x6 "images" of 3 classes, ink on a zero background."""
    rng = np.random.default_rng(seed)
    x = (rng.random((n, 36)) * (rng.random((n, 36)) < 0.4)).astype(np.float32)
    labels = rng.integers(0, 3, n)
    return Dataset(f"digits {seed}", x, labels, x[:10], labels[:10], ("a", "b", "c"),
                   tuple(f"pixel {j}" for j in range(36)), image_shape=SHAPE)


def session(data: Dataset, ahead: bool) -> TrainingSession:
    net = Network((36, 12, 3), hidden="relu", output="softmax", loss="ce", init="he", seed=3)
    s = TrainingSession(net, data, Hyperparameters(granularity="minibatch", batch_size=BATCH, augment=True, seed=5))
    s.distort_ahead = ahead
    return s


def assert_same_run(a: TrainingSession, b: TrainingSession) -> None:
    """The same parameters and losses so far (the generators may differ by the draws of a batch made
    ahead and not yet used: the steps that follow use them)."""
    for Wa, Wb in zip(a.network.weights + a.network.biases, b.network.weights + b.network.biases):
        np.testing.assert_array_equal(Wa, Wb)
    assert a.history.view()["step_loss"].tolist() == b.history.view()["step_loss"].tolist()


def test_drawing_then_distorting_is_augment_images():
    x = digits(20, 0).x_train
    np.testing.assert_array_equal(distort(x, SHAPE, draw_distortions(len(x), np.random.default_rng(9))),
                                  augment_images(x, SHAPE, np.random.default_rng(9)))


def test_a_run_with_batches_made_ahead_is_the_same_run_bit_for_bit():
    data = digits(5 * BATCH + 20, 1)  # 6 batches an epoch, the last of 20: steps cross epoch ends
    ahead, plain = session(data, True), session(data, False)
    for _ in range(20):
        ahead.step()
        plain.step()
    assert ahead.epoch == plain.epoch == 3
    assert_same_run(ahead, plain)


@pytest.mark.parametrize("between", [
    lambda s: s.apply(batch_size=BATCH + 7),
    lambda s: s.step(n_samples=1),
    lambda s: s.step_on([0, 1, 2]),
    lambda s: s.replace_dataset(digits(4 * BATCH, 3)),
    lambda s: s.apply(augment=False),
], ids=["batch size", "one sample", "chosen samples", "new data", "augmentation off"])
def test_whatever_comes_between_two_steps_the_run_stays_the_same(between):
    """A change between steps leaves the batch made ahead unused: its draws are undone, so the run
    goes on exactly as the plain loop's."""
    data = digits(4 * BATCH, 2)
    ahead, plain = session(data, True), session(data, False)
    for s in (ahead, plain):
        s.step()
        between(s)
        for _ in range(5):  # across an epoch's end
            s.step()
    assert_same_run(ahead, plain)


def test_a_batch_made_for_other_samples_or_another_array_is_not_used_and_its_draws_are_undone():
    x = digits(3 * BATCH, 4).x_train
    rng = np.random.default_rng(0)
    before = rng.bit_generator.state
    made = PrefetchedBatch()
    made.make_ahead(x, np.arange(BATCH), SHAPE, rng)
    assert made.take(x, np.arange(1, BATCH + 1), rng) is None and rng.bit_generator.state == before
    made.make_ahead(x, np.arange(BATCH), SHAPE, rng)
    assert made.take(x.copy(), np.arange(BATCH), rng) is None and rng.bit_generator.state == before
    made.make_ahead(x, np.arange(BATCH), SHAPE, rng)
    expected = distort(x[:BATCH], SHAPE, draw_distortions(BATCH, np.random.default_rng(0)))
    np.testing.assert_array_equal(made.take(x, np.arange(BATCH), rng), expected)
    assert made.take(x, np.arange(BATCH), rng) is None  # taken once


def test_small_batches_are_left_to_the_step():
    x = digits(BATCH, 5).x_train
    rng = np.random.default_rng(0)
    made = PrefetchedBatch()
    made.make_ahead(x, np.arange(MIN_AHEAD - 1), SHAPE, rng)
    assert made.take(x, np.arange(MIN_AHEAD - 1), rng) is None
    assert rng.bit_generator.state == np.random.default_rng(0).bit_generator.state  # nothing drawn


def test_the_work_is_done_on_a_worker_thread_and_its_errors_reach_the_step():
    threads = []

    class Watched(np.ndarray):
        def __getitem__(self, key):
            threads.append(threading.current_thread())
            return np.asarray(self)[key]

    source = digits(2 * BATCH, 6).x_train.view(Watched)
    rng = np.random.default_rng(0)
    made = PrefetchedBatch()
    made.make_ahead(source, np.arange(BATCH), SHAPE, rng)
    assert made.take(source, np.arange(BATCH), rng).shape == (BATCH, 36)
    assert threads == [threads[0]] and threads[0] is not threading.current_thread()
    wrong_shape = np.zeros((BATCH, 5), np.float32)
    made.make_ahead(wrong_shape, np.arange(BATCH), SHAPE, rng)
    with pytest.raises(ValueError, match="expected images"):
        made.take(wrong_shape, np.arange(BATCH), rng)
