"""Distorting the next augmented batch ahead, on a worker thread, changes nothing but the time a step
takes: the same run bit for bit, and a batch made ahead is never used for other samples or data."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from nnviz.data.augment import augment_images, distort, draw_distortions
from nnviz.data.dataset import Dataset
from nnviz.engine.network import Network
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.prefetch import PrefetchedBatch
from nnviz.training.session import TrainingSession

SHAPE = (6, 6)


def digits(n: int, seed: int) -> Dataset:
    """n random 6x6 "images" of 3 classes, ink on a zero background."""
    rng = np.random.default_rng(seed)
    x = (rng.random((n, 36)) * (rng.random((n, 36)) < 0.4)).astype(np.float32)
    labels = rng.integers(0, 3, n)
    return Dataset(f"digits {seed}", x, labels, x[:10], labels[:10], ("a", "b", "c"),
                   tuple(f"pixel {j}" for j in range(36)), image_shape=SHAPE)


def session(data: Dataset, batch_size: int = 8, ahead: bool = True) -> TrainingSession:
    net = Network((36, 12, 3), hidden="relu", output="softmax", loss="ce", init="he", seed=3)
    s = TrainingSession(net, data, Hyperparameters(granularity="minibatch", batch_size=batch_size, augment=True,
                                                   seed=5))
    s.distort_ahead = ahead
    return s


class PlainLoop(TrainingSession):
    """The session as it trained before batches were made ahead: every step distorts its own."""

    def _inputs(self, idx, ahead):
        return augment_images(self.x_train[idx], self.dataset.image_shape, self.rng)


def plain_session(data: Dataset, batch_size: int = 8) -> TrainingSession:
    net = Network((36, 12, 3), hidden="relu", output="softmax", loss="ce", init="he", seed=3)
    return PlainLoop(net, data, Hyperparameters(granularity="minibatch", batch_size=batch_size, augment=True, seed=5))


def assert_same_network(a: TrainingSession, b: TrainingSession) -> None:
    for Wa, Wb in zip(a.network.weights + a.network.biases, b.network.weights + b.network.biases):
        np.testing.assert_array_equal(Wa, Wb)


def test_drawing_then_distorting_is_augment_images():
    x = digits(20, 0).x_train
    np.testing.assert_array_equal(distort(x, SHAPE, draw_distortions(len(x), np.random.default_rng(9))),
                                  augment_images(x, SHAPE, np.random.default_rng(9)))


def test_a_run_with_batches_made_ahead_is_the_same_run_bit_for_bit():
    data = digits(50, 1)  # 7 batches an epoch, the last one of 2: steps cross epoch ends
    ahead, plain = session(data), plain_session(data)
    for _ in range(30):
        ahead.step()
        plain.step()
    assert ahead.epoch == plain.epoch == 4
    assert_same_network(ahead, plain)
    assert ahead.history.view()["step_loss"].tolist() == plain.history.view()["step_loss"].tolist()


def test_changes_between_steps_still_train_the_right_samples():
    """A batch-size change, a single sample, a step on chosen samples and new data each leave a batch
    made for other samples behind: it is dropped. Every step's inputs (as its trace has them) are its
    own samples of the data it trains on, each as it is or distorted, never another's."""
    s = session(digits(60, 2))
    seen = []

    def step(*args, **kwargs):
        (s.step_on if args else s.step)(*args, **kwargs)
        seen.append((s.x_train, s.last_batch.copy(), s.last_step.trace.activations[0]))

    step()
    s.apply(batch_size=5)
    step()
    step(n_samples=1)
    step([0, 1, 2])
    s.replace_dataset(digits(60, 3))
    step()
    s.apply(augment=False)
    step()
    assert [len(idx) for _, idx, _ in seen] == [8, 5, 1, 3, 5, 5]
    as_they_are = 0
    for source, idx, x in seen:
        for row, i in zip(x, idx):
            same = [j for j in range(len(source)) if np.array_equal(row, source[j])]
            assert same in ([], [i])  # its own sample, or a distortion that is nobody's
            as_they_are += same == [i]
    assert as_they_are >= 8
    np.testing.assert_array_equal(seen[-1][2], seen[-1][0][seen[-1][1]])  # augmentation off: as they are


def test_a_batch_made_for_other_samples_or_another_array_is_not_used():
    x = digits(30, 4).x_train
    other = x.copy()
    made = PrefetchedBatch()
    d = draw_distortions(4, np.random.default_rng(0))
    made.make_ahead(x, np.arange(4), SHAPE, d)
    assert made.take(x, np.arange(1, 5)) is None
    made.make_ahead(x, np.arange(4), SHAPE, d)
    assert made.take(other, np.arange(4)) is None
    made.make_ahead(x, np.arange(4), SHAPE, d)
    np.testing.assert_array_equal(made.take(x, np.arange(4)), distort(x[:4], SHAPE, d))
    assert made.take(x, np.arange(4)) is None  # taken once


def test_the_work_is_done_on_a_worker_thread_and_its_errors_reach_the_step():
    threads = []

    class Watched(np.ndarray):
        def __getitem__(self, key):
            threads.append(threading.current_thread())
            return np.asarray(self)[key]

    source = digits(30, 5).x_train.view(Watched)
    made = PrefetchedBatch()
    made.make_ahead(source, np.arange(4), SHAPE, draw_distortions(4, np.random.default_rng(0)))
    assert made.take(source, np.arange(4)).shape == (4, 36)
    assert threads == [threads[0]] and threads[0] is not threading.current_thread()
    wrong_shape = np.zeros((3, 5), np.float32)
    made.make_ahead(wrong_shape, np.arange(2), SHAPE, draw_distortions(2, np.random.default_rng(0)))
    with pytest.raises(ValueError, match="expected images"):
        made.take(wrong_shape, np.arange(2))
