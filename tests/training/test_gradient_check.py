"""The gradient check behind the window's panel: it passes on every preset's network, fails when
backprop is broken on purpose, and never touches the network in training or the engine."""

import numpy as np
import pytest

from nnviz.engine.gradcheck import gradient_check
from nnviz.engine.network import Network
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.gradient_check import (
    MAX_WEIGHTS, NOT_BROKEN, TOLERANCE, Break, BreakKind, CheckRequest, Verdict, break_choices, check_gradients,
    encode_target, request_for,
)

PRESETS = ("xor", "gender", "neuron", "mnist-book", "mnist-fast")


def _session(name, mnist_dir=None, steps=3):
    preset = get_preset(name)
    session = build_session(preset, data_dir=mnist_dir, limit_train=600 if preset.dataset == "mnist" else None)
    for _ in range(steps):
        session.step()
    return session, NewSession.of(session, preset)


@pytest.fixture
def preset_session(request):
    name = request.param
    mnist_dir = request.getfixturevalue("mnist_data_dir") if name.startswith("mnist") else None
    return _session(name, mnist_dir)


@pytest.mark.parametrize("preset_session", PRESETS, indirect=True)
def test_backprop_passes_on_every_preset(preset_session):
    session, announced = preset_session
    result = check_gradients(request_for(session.snapshot(), announced))
    assert result.verdict is Verdict.PASSED
    assert result.passed
    assert result.largest_error < TOLERANCE
    assert len(result.layers) == len(session.network.sizes) - 1


@pytest.mark.parametrize("preset_session", PRESETS, indirect=True)
def test_every_break_fails_visibly_on_every_preset(preset_session):
    session, announced = preset_session
    n_layers = announced.architecture.n_layers
    for broken in break_choices(n_layers)[1:]:
        result = check_gradients(request_for(session.snapshot(), announced, broken))
        assert result.break_changed
        assert result.verdict is Verdict.FAILED, broken
        assert not result.passed
        if broken.kind is BreakKind.DROP_F_PRIME:
            # δ goes wrong in the broken layer and in every layer before it; the layers after it pass.
            assert result.layers[broken.layer - 1].verdict is Verdict.FAILED
            assert all(l.verdict is Verdict.PASSED for l in result.layers[broken.layer:])
        else:
            assert all(l.verdict is Verdict.FAILED for l in result.layers)


def test_a_big_layer_is_checked_on_a_block_and_every_bias(mnist_data_dir):
    session, announced = _session("mnist-fast", mnist_data_dir)
    result = check_gradients(request_for(session.snapshot(), announced))
    first = result.layers[0]
    assert first.shape == (256, 784)
    assert first.n_weights_checked == MAX_WEIGHTS == int(np.isfinite(first.errors).sum())
    assert first.errors.shape == (256, 784)
    assert len(first.bias_errors) == 256
    # The block's columns are inputs this sample lights up: their gradients are not trivially 0.
    x = session.snapshot().last_step.activations[0][0]
    assert np.all(x[first.cols] != 0)
    assert result.n_checked == sum(l.n_weights_checked + l.n_biases for l in result.layers)
    assert result.n_checked == request_for(session.snapshot(), announced).n_checked


def test_a_small_network_is_checked_whole_and_agrees_with_the_engines_check():
    session, announced = _session("xor", steps=10)
    request = request_for(session.snapshot(), announced)
    result = check_gradients(request)
    network = Network.from_parameters([W.astype(np.float64) for W in request.weights],
                                      [b.astype(np.float64) for b in request.biases], ["tanh"], "sigmoid", "bce")
    engine = gradient_check(network, request.x[None, :], request.target[None, :], eps=1e-4)
    for layer in result.layers:
        assert layer.n_weights_checked == layer.n_weights
        assert not np.isnan(layer.errors).any()
        assert layer.weights.relative_error == pytest.approx(engine.per_parameter[f"W{layer.layer - 1}"], abs=1e-15)
        assert layer.biases.relative_error == pytest.approx(engine.per_parameter[f"b{layer.layer - 1}"], abs=1e-15)
        # Each weight's part: its squares add up to the square of the matrix's relative error.
        assert np.sqrt(np.sum(layer.weight_errors ** 2)) == pytest.approx(layer.weights.relative_error)


def test_a_broken_check_leaves_the_network_in_training_and_the_engine_untouched():
    trained, announced = _session("gender", steps=5)
    twin, _ = _session("gender", steps=5)
    engine_backward, engine_classes = Network.backward, [type(f) for f in trained.network.activations]
    before = [p.copy() for p in trained.network.parameters()]
    for broken in break_choices(announced.architecture.n_layers)[1:]:
        assert check_gradients(request_for(trained.snapshot(), announced, broken)).verdict is Verdict.FAILED
    assert all(np.array_equal(a, b) for a, b in zip(before, trained.network.parameters()))
    assert Network.backward is engine_backward
    assert [type(f) for f in trained.network.activations] == engine_classes
    assert type(trained.network.loss).__name__ == "MeanSquaredError"
    # Training goes on exactly as in a twin session that was never checked.
    for _ in range(20):
        trained.step()
        twin.step()
    assert all(np.array_equal(a, b) for a, b in zip(trained.network.parameters(), twin.network.parameters()))
    # And the engine's own check of the trained network still passes.
    net64 = Network.from_parameters([W.astype(np.float64) for W in trained.network.weights],
                                    [b.astype(np.float64) for b in trained.network.biases], ["sigmoid"], "sigmoid")
    assert gradient_check(net64, trained.x_train[:1].astype(np.float64), trained.y_train[:1].astype(np.float64)).ok


def _request(weights, biases, hidden, output, loss, x, target, broken=NOT_BROKEN):
    return CheckRequest(tuple(np.asarray(W, float) for W in weights), tuple(np.asarray(b, float) for b in biases),
                        (*hidden, output), loss, np.asarray(x, float), np.asarray(target, float), broken=broken)


def test_a_break_that_changes_nothing_on_the_sample_passes_and_says_so():
    # tanh at z = 0 has f′ = 1: dropping it changes no gradient for this sample.
    request = _request([[[0.5, -0.3], [0.2, 0.1]], [[0.7, -0.4]]], [[0.0, 0.0], [0.1]], ["tanh"], "sigmoid", "bce",
                       [0.0, 0.0], [1.0], Break(BreakKind.DROP_F_PRIME, 1))
    result = check_gradients(request)
    assert result.break_changed is False
    assert result.verdict is Verdict.PASSED


def test_a_gradient_below_what_central_differences_resolve_is_too_small_not_failed():
    # Hidden sigmoids at z ≈ ±30: their f′ ≈ 1e-13, so ∂L/∂W1 is far below the loss's rounding.
    weights, biases = [[[10.0, 5.0], [-8.0, -6.0]], [[1.5, -2.0]]], [[0.0, 0.0], [0.2]]
    result = check_gradients(_request(weights, biases, ["sigmoid"], "sigmoid", "mse", [2.0, 2.0], [1.0]))
    assert result.layers[0].verdict is Verdict.TOO_SMALL
    assert result.layers[1].verdict is Verdict.PASSED
    assert result.passed  # nothing failed, and the output layer was checked
    broken = check_gradients(_request(weights, biases, ["sigmoid"], "sigmoid", "mse", [2.0, 2.0], [1.0],
                                      Break(BreakKind.DROP_F_PRIME, 1)))
    assert broken.layers[0].verdict is Verdict.FAILED  # the broken gradient is large: caught all the same


def test_a_step_activation_has_nothing_to_check():
    with pytest.raises(ValueError, match="step activation has no gradient"):
        check_gradients(_request([[[1.0, 1.0]]], [[0.0]], [], "step", "mse", [1.0, 0.0], [1.0]))


def test_targets_are_encoded_in_float64_so_label_smoothing_rows_sum_to_one():
    row = encode_target(4, 10, (0.01, 0.91))
    assert row.dtype == np.float64 and row[4] == 0.91 and row.sum() == pytest.approx(1.0, abs=1e-15)
    assert list(encode_target(1, 1, (0.01, 0.99))) == [0.99]
    assert list(encode_target(0, 1, (0.0, 1.0))) == [0.0]


def test_the_request_names_its_sample_and_uses_the_first_sample_before_any_step():
    session, announced = _session("gender", steps=0)
    request = request_for(session.snapshot(), announced)
    assert request.label.startswith("training sample 1 (no training step yet)")
    assert np.array_equal(request.x, session.dataset.x_train[0])
    session.step()
    request = request_for(session.snapshot(), announced)
    index = int(session.last_batch[0])
    assert request.label.startswith(f"training sample {index + 1}, first of step 1's batch")
    assert np.array_equal(request.x, session.x_train[index])


def test_break_choices_name_each_layer():
    names = ("input", "hidden 1", "hidden 2", "output")
    labels = [b.label(names) for b in break_choices(3)]
    assert labels == ["none (the engine's backprop)", "drop f′(z) in hidden 1", "drop f′(z) in hidden 2",
                      "drop f′(z) at the output", "wrong sign of δ at the output"]


def test_a_regression_sample_is_checked_against_its_target_value_not_a_class():
    session, announced = _session("sin", steps=2)
    request = request_for(session.snapshot(), announced)
    index = int(session.last_batch[0])
    y = float(session.y_train[index][0])
    assert "target y = " in request.label and "class" not in request.label
    assert request.target.tolist() == [pytest.approx(y)]  # as trained on, not encoded as class 0 or 1
    assert check_gradients(request).passed
    before = request_for(_session("sin", steps=0)[0].snapshot(), announced)
    assert before.label.startswith("training sample 1 (no training step yet), target y = ")


def test_the_sample_is_named_in_a_phrase_the_window_can_translate():
    session, announced = _session("xor", steps=1)
    label = request_for(session.snapshot(), announced).label
    assert label.template == "{where}, class {name}" and label.args["where"].context == "GradientCheck"
