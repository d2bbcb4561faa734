"""The training session: convergence of the classic examples, stepping, live changes, snapshots."""

from dataclasses import replace

import numpy as np
import pytest

from nnviz.data.dataset import Dataset
from nnviz.training import (
    HyperparameterError, Hyperparameters, TrainingDiverged, build_session, get_preset, PRESETS,
)


def trained(preset_name, **hyper):
    preset = get_preset(preset_name)
    if hyper:
        preset = replace(preset, hyperparameters=preset.hyperparameters.updated(**hyper))
    session = build_session(preset)
    for _ in session.steps():
        pass
    return session


@pytest.mark.parametrize("seed", range(10))
def test_xor_preset_reaches_100_percent(seed):
    session = trained("xor", seed=seed)
    assert session.evaluate_test().accuracy == 1.0
    assert session.history.view()["train_loss"][-1] < 0.05


def test_gender_preset_predicts_emily_female_and_frank_male():
    session = trained("gender")
    queries = {q.name: q.x for q in session.dataset.queries}
    out = session.network.predict(np.stack([queries["Emily"], queries["Frank"]]))[:, 0]
    assert out[0] > 0.8, "Emily should be female (1)"
    assert out[1] < 0.2, "Frank should be male (0)"
    assert session.evaluate_test().accuracy == 1.0
    loss = session.history.view()["train_loss"]
    assert len(loss) == 1000 and loss[-1] < 0.1 * loss[0]


def test_neuron_preset_starts_from_the_textbook_neuron():
    session = build_session(get_preset("neuron"))
    assert session.network.predict([[2.0, 3.0]])[0, 0] == pytest.approx(0.9990889, abs=1e-6)
    for _ in session.steps():
        pass
    assert session.evaluate_test().accuracy == 1.0


def test_counters_advance_exactly_for_sample_batch_and_epoch_steps():
    preset = get_preset("xor")
    session = build_session(replace(preset, hyperparameters=preset.hyperparameters.updated(
        granularity="minibatch", batch_size=3)))
    e = session.step(n_samples=1)
    assert (e.step, e.samples_seen, e.epoch, e.epoch_finished) == (1, 1, 0, False)
    e = session.step()  # a batch of 3 completes the 4-sample epoch
    assert (e.step, e.samples_seen, e.epoch, e.epoch_finished, e.batch_size) == (2, 4, 1, True, 3)
    e = session.run_epoch()  # 3 + 1
    assert (e.step, e.samples_seen, e.epoch) == (4, 8, 2)
    assert len(session.history.view()["step_loss"]) == 4
    np.testing.assert_array_equal(session.history.view()["epoch_end_step"], [2, 4])


def test_every_sample_is_seen_once_per_epoch():
    session = build_session(get_preset("gender"))
    seen = []
    for _ in range(4):
        session.step()
        seen.extend(session.last_batch.tolist())
    assert sorted(seen) == [0, 1, 2, 3]


def test_full_batch_mode_uses_the_whole_set():
    session = build_session(get_preset("xor"))
    session.apply(granularity="batch")
    assert session.step().batch_size == 4


def test_live_learning_rate_change_applies_at_next_step():
    session = build_session(get_preset("xor"))
    session.step()
    session.apply(lr=0.5, l2=0.001)
    before = [W.copy() for W in session.network.weights]
    session.step()
    grads = session.last_step.gradients
    # SGD: W_new = W_old - lr * grad (grad includes the L2 term).
    np.testing.assert_allclose(session.network.weights[1], before[1] - 0.5 * grads.grad_W[1], rtol=1e-5)
    assert session.hyperparameters.lr == 0.5


def test_switching_optimizer_live():
    session = build_session(get_preset("xor"))
    session.apply(optimizer="momentum", momentum=0.5)
    session.step()
    assert session.optimizer.name == "momentum" and session.optimizer.momentum == 0.5
    session.apply(momentum=0.8)
    assert session.optimizer.momentum == 0.8


@pytest.mark.parametrize("change,message", [
    (dict(lr=-1.0), "learning rate"), (dict(lr=float("nan")), "learning rate"),
    (dict(batch_size=0), "batch size"), (dict(momentum=1.5), "momentum"),
    (dict(l2=-0.1), "L2"), (dict(granularity="sometimes"), "gradient descent mode"),
    (dict(optimizer="rmsprop"), "optimizer"), (dict(learning_rate=0.1), "unknown hyperparameter"),
])
def test_bad_hyperparameters_are_rejected_and_nothing_changes(change, message):
    session = build_session(get_preset("xor"))
    with pytest.raises(HyperparameterError, match=message):
        session.apply(**change)
    assert session.hyperparameters == get_preset("xor").hyperparameters


def test_divergence_raises_with_the_step_number():
    preset = get_preset("gender")
    preset = replace(preset, hidden="identity", output="identity",
                     hyperparameters=Hyperparameters(lr=50.0, granularity="batch", epochs=None))
    session = build_session(preset)
    with pytest.raises(TrainingDiverged, match=r"Diverged: loss became (NaN|infinite) at step \d+"):
        for _ in range(10_000):
            session.step()


def test_snapshot_is_an_immutable_copy():
    session = build_session(get_preset("xor"))
    for _ in range(5):
        session.step()
    snap = session.snapshot()
    assert snap.step == 5 and snap.samples_seen == 5 and snap.epoch == 1
    assert snap.sizes == (2, 10, 1)
    W_then = snap.weights[0].copy()
    with pytest.raises(ValueError):
        snap.weights[0][0, 0] = 1.0
    for _ in range(20):
        session.step()
    assert np.array_equal(snap.weights[0], W_then)
    assert len(snap.history["step_loss"]) == 5 and len(session.history.view()["step_loss"]) == 25
    assert not snap.history["step_loss"].flags.writeable


def test_snapshot_last_step_and_update():
    session = build_session(get_preset("xor"))
    before = [W.copy() for W in session.network.weights]
    session.step()
    snap = session.snapshot()
    np.testing.assert_allclose(snap.update_W[0], session.network.weights[0] - before[0], atol=1e-7)
    last = snap.last_step
    assert [a.shape for a in last.activations] == [(1, 2), (1, 10), (1, 1)]
    assert [d.shape for d in last.deltas] == [(1, 10), (1, 1)]
    assert last.targets.shape == (1, 1)


def test_session_rejects_a_network_that_does_not_fit_the_data():
    with pytest.raises(ValueError, match="takes 3 inputs"):
        build_session(replace(get_preset("xor"), sizes=(3, 4, 1)))


def test_every_preset_has_a_summary_and_valid_hyperparameters():
    assert set(PRESETS) == {"neuron", "network", "alice", "gender", "xor", "circle", "gaussians", "xor-cloud", "spiral",
                            "plane", "bump", "sin", "mnist-book", "mnist-fast"}
    for preset in PRESETS.values():
        assert preset.summary and isinstance(preset.hyperparameters, Hyperparameters)


def test_surface_covers_the_points_and_matches_the_network():
    session = build_session(get_preset("gender"))
    snap = session.snapshot(with_surface=True)
    surface = snap.surface
    x0, x1, y0, y1 = surface.extent
    people = np.concatenate([session.dataset.x_train, [q.x for q in session.dataset.queries]])
    assert x0 < people[:, 0].min() and people[:, 0].max() < x1
    assert y0 < people[:, 1].min() and people[:, 1].max() < y1
    assert [g.shape for g in surface.layers] == [(2, 48, 48), (1, 48, 48)]
    # Row i, column j is the point (xs[j], ys[i]).
    expected = session.network.predict([[surface.xs[5], surface.ys[40]]])[0, 0]
    assert surface.layers[-1][0, 40, 5] == pytest.approx(expected, rel=1e-5)
    assert build_session(get_preset("xor")).snapshot().surface is None


def test_epoch_evaluation_has_a_confusion_matrix_that_adds_up():
    session = build_session(get_preset("xor"))
    session.run_epoch()
    evaluation = session.snapshot().evaluation
    assert evaluation.epoch == 1
    assert evaluation.confusion.sum() == len(session.dataset.labels_test)
    assert np.trace(evaluation.confusion) == round(evaluation.accuracy * 4)
    wrong = evaluation.misclassified(session.dataset.labels_test)
    assert all(evaluation.predictions[i] != session.dataset.labels_test[i] for i in wrong)
    assert np.all(np.diff(evaluation.confidences[wrong]) <= 0)
    assert np.all((0.5 <= evaluation.confidences) & (evaluation.confidences <= 1))


def test_input_gradient_is_tracked_on_request():
    session = build_session(get_preset("gender"))
    session.step()
    assert session.snapshot().last_step.grad_input is None
    session.track_input_gradient = True
    session.step()
    last = session.snapshot().last_step
    assert last.grad_input.shape == (1, 2)


def test_running_accuracy_is_the_share_of_the_latest_samples_classified_right():
    """XOR at one sample a step: the window is the whole 4-sample training set, so at the end of each
    epoch the running accuracy is exactly that epoch's train accuracy, and it moves with every step."""
    session = build_session(get_preset("xor"))
    events = [session.step() for _ in range(40)]
    assert all(e.batch_size == 1 for e in events)
    h = session.history.view()
    np.testing.assert_array_equal(h["running_accuracy"], [e.running_accuracy for e in events])
    assert set(h["running_accuracy"][3:]) <= {0.0, 0.25, 0.5, 0.75, 1.0}
    ends = h["epoch_end_step"].astype(int)
    np.testing.assert_allclose(h["running_accuracy"][ends - 1], h["train_accuracy"])


def test_running_accuracy_is_known_long_before_the_first_epoch_ends():
    """300 samples, batches of 10: after three steps the running accuracy is the share of those 30
    samples that the network, as it was before each step, classified right."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 2)).astype(np.float32)
    labels = (x[:, 0] > 0).astype(np.int64)
    data = Dataset("halves", x, labels, x, labels, ("left", "right"), ("x1", "x2"))
    preset = get_preset("gender")
    session = build_session(replace(preset, hyperparameters=preset.hyperparameters.updated(
        granularity="minibatch", batch_size=10)), dataset=data)
    correct = 0
    for _ in range(3):
        before = session.classify(session.network.predict(x))
        event = session.step()
        correct += int(np.sum(before[session.last_batch] == labels[session.last_batch]))
    assert event.epoch == 0 and len(session.history.view()["train_accuracy"]) == 0
    assert event.running_accuracy == correct / 30
    assert session.history.view()["running_accuracy"][-1] == correct / 30
