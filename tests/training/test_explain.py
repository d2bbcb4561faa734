"""The worked example of a neuron equals the engine's own numbers, for every activation × loss pair."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.engine.activations import ACTIVATIONS
from nnviz.engine.losses import LOSSES
from nnviz.engine.network import Network
from nnviz.engine.optimizers import make_optimizer
from nnviz.training import build_session, get_preset
from nnviz.training.explain import MAX_TERMS, Captured, explain_neuron
from nnviz.training.explain_text import explanation_json, explanation_text
from nnviz.training.presets import preset_dataset
from nnviz.training.session import TrainingSession

HIDDEN = [name for name, cls in ACTIVATIONS.items() if cls.hidden_ok and cls.differentiable]
OUTPUTS = [name for name, cls in ACTIVATIONS.items() if cls.differentiable]
PAIRS = [(h, o, loss) for h in HIDDEN for o in OUTPUTS for loss in LOSSES]
SIZES = (3, 4, 3, 2)
LR, L2 = 0.1, 0.01


def _network(hidden, output, loss, dtype):
    try:
        return Network(SIZES, hidden=hidden, output=output, loss=loss, init="xavier", seed=3, dtype=dtype)
    except ValueError:
        pytest.skip(f"the engine refuses {output} with {loss}")


def _batch(dtype, batch=3):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(batch, SIZES[0])).astype(dtype)
    labels = rng.integers(0, SIZES[-1], size=batch)
    y = np.eye(SIZES[-1], dtype=dtype)[labels]
    return x, y


def _explain_step(net, optimizer, x, y, neuron, l2=L2, step=1):
    captured = Captured.before_step(net, neuron, optimizer.name, LR, l2)
    before = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    result = net.train_step(x, y, optimizer, LR, l2)
    e = explain_neuron(net, result.trace, captured, gradients=result.gradients, targets=y, optimizer=optimizer,
                       step=step)
    return e, result, before


def _neurons():
    return [(layer, i) for layer in range(1, len(SIZES)) for i in range(SIZES[layer])]


def _check(e, result, before, net, layer, i, tol):
    W0, b0 = before[0][layer - 1], before[1][layer - 1]
    trace, grads = result.trace, result.gradients
    f = e.forward
    # Σ w·a + b is the trace's z; a is the trace's a; the listed terms are the real inputs and weights.
    assert f.weighted_sum + f.b == pytest.approx(float(trace.zs[layer - 1][0, i]), abs=tol)
    assert math.fsum(t.product for t in f.terms) + f.rest_sum == pytest.approx(f.weighted_sum, abs=tol)
    assert f.a == float(trace.activations[layer][0, i]) and f.z == float(trace.zs[layer - 1][0, i])
    for t in f.terms:
        assert (t.a, t.w) == (float(trace.activations[layer - 1][0, t.source]), float(W0[i, t.source]))
    # δ is the engine's δ, and ∂L/∂a · f′(z) (or the hidden sum) makes it.
    b = e.backward
    assert b.delta == float(grads.deltas[layer - 1][0, i])
    if b.f_prime is not None:
        assert b.incoming * b.f_prime == pytest.approx(b.delta, abs=tol, rel=tol)
    if not b.at_output:
        expected = float(np.dot(W0.dtype.type(1) * before[0][layer][:, i], grads.deltas[layer][0]))
        assert b.incoming == pytest.approx(expected, abs=tol)
    # The gradient is the engine's grad_W row: Σ over the batch of δ·a, + λ·w (before the update).
    u = e.update
    deltas, a_in = grads.deltas[layer - 1][:, i].astype(np.float64), trace.activations[layer - 1].astype(np.float64)
    for w in u.weights:
        assert w.grad == float(grads.grad_W[layer - 1][i, w.source])
        assert w.grad == pytest.approx(float(deltas @ a_in[:, w.source]) + L2 * w.before, abs=tol)
        assert w.l2 == pytest.approx(L2 * w.before, abs=tol)
        assert w.after == float(net.weights[layer - 1][i, w.source])
        assert w.after == pytest.approx(w.before - LR * w.grad, abs=tol)  # SGD
    assert u.bias.grad == pytest.approx(float(deltas.sum()), abs=tol)
    assert u.bias.before == float(b0[i]) and u.bias.after == float(net.biases[layer - 1][i])
    assert u.batch_size == 3 and e.batch_size == 3


@pytest.mark.parametrize("hidden, output, loss", PAIRS)
def test_every_number_is_the_engines_in_float64(hidden, output, loss):
    for layer, i in _neurons():
        net = _network(hidden, output, loss, np.float64)
        x, y = _batch(np.float64)
        e, result, before = _explain_step(net, make_optimizer("sgd"), x, y, (layer, i))
        _check(e, result, before, net, layer, i, tol=1e-12)


@pytest.mark.parametrize("hidden, output, loss", PAIRS)
def test_the_numbers_agree_to_display_precision_in_float32(hidden, output, loss):
    for layer, i in _neurons():
        net = _network(hidden, output, loss, np.float32)
        x, y = _batch(np.float32)
        e, result, before = _explain_step(net, make_optimizer("sgd"), x, y, (layer, i))
        _check(e, result, before, net, layer, i, tol=1e-5)


@pytest.mark.parametrize("output, loss, fused", [("sigmoid", "bce", True), ("softmax", "ce", True),
                                                 ("sigmoid", "mse", False), ("softmax", "mse", False)])
def test_the_output_says_whether_the_engine_fuses_the_loss_with_the_activation(output, loss, fused):
    net = _network("tanh", output, loss, np.float64)
    x, y = _batch(np.float64)
    e, result, _ = _explain_step(net, make_optimizer("sgd"), x, y, (3, 1))
    o = e.output
    assert (o.fused is not None) == fused and (o.dL_da is None) == fused
    assert o.target == float(y[0, 1])
    if fused:  # δ = (a − y) / batch, exactly as the engine's closed form
        assert e.backward.delta == pytest.approx((e.forward.a - o.target) / 3, abs=1e-15)
        assert "δ = a − y" in explanation_text(e)
    else:
        assert o.dL_da == pytest.approx(2 * (e.forward.a - o.target) / 3, abs=1e-15)


@pytest.mark.parametrize("name", ["momentum", "adam"])
def test_momentum_and_adam_terms_are_the_optimisers_own(name):
    net = _network("sigmoid", "sigmoid", "mse", np.float64)
    optimizer = make_optimizer(name)
    x, y = _batch(np.float64)
    first, *_ = _explain_step(net, optimizer, x, y, (2, 1))
    second, *_ = _explain_step(net, optimizer, x, y, (2, 1), step=2)
    for w1, w2 in zip((*first.update.weights, first.update.bias), (*second.update.weights, second.update.bias)):
        t1, t2 = dict(w1.terms), dict(w2.terms)
        g = w2.grad
        if name == "momentum":
            assert t2["v"] == pytest.approx(0.9 * t1["v"] - LR * g, abs=1e-14)
            assert w2.after == pytest.approx(w2.before + t2["v"], abs=1e-14)
        else:
            assert t2["m"] == pytest.approx(0.9 * t1["m"] + 0.1 * g, abs=1e-14)
            assert t2["v"] == pytest.approx(0.999 * t1["v"] + 0.001 * g * g, abs=1e-14)
            assert t2["m̂"] == pytest.approx(t2["m"] / (1 - 0.9 ** 2), abs=1e-14)
            step = LR * t2["m̂"] / (math.sqrt(t2["v̂"]) + 1e-8)
            assert w2.after == pytest.approx(w2.before - step, abs=1e-12)
    assert ("μ = 0.9" in second.update.rule) == (name == "momentum")
    assert ("step t = 2" in second.update.rule) == (name == "adam")


def test_a_wide_layer_lists_its_largest_terms_and_sums_the_rest():
    net = Network((40, 5, 2), output="softmax", loss="ce", seed=1, dtype=np.float64)
    x = np.random.default_rng(0).normal(size=(1, 40))
    e, result, _ = _explain_step(net, make_optimizer("sgd"), x, np.array([[0.0, 1.0]]), (1, 2))
    f = e.forward
    assert len(f.terms) == MAX_TERMS and f.rest_count == 40 - MAX_TERMS
    sizes = [abs(t.product) for t in f.terms]
    assert sizes == sorted(sizes, reverse=True)
    assert f.weighted_sum + f.b == pytest.approx(float(result.trace.zs[0][0, 2]), abs=1e-12)
    assert [w.source for w in e.update.weights] == [t.source for t in f.terms]
    assert "the other 28 inputs" in explanation_text(e)


def _session(name, dtype=np.float64):
    preset = get_preset(name)
    from nnviz.training.build import build_network, load_dataset

    dataset = preset_dataset(preset, load_dataset(preset.dataset, dtype=dtype))
    return TrainingSession(build_network(preset, dtype, dataset), dataset, preset.hyperparameters, preset.targets)


def test_the_single_neuron_gives_the_curriculums_numbers():
    session = _session("neuron")
    session.inspect((1, 0))
    session.step()
    e = session.explain()
    assert [(t.a, t.w) for t in e.forward.terms] == [(2.0, 0.0), (3.0, 1.0)] and e.forward.b == 4.0
    assert e.forward.z == 7.0 and e.forward.a == 0.9990889488055994
    text = explanation_text(e)
    assert "z  =      7" in text and "0.9991" in text


def test_the_2_2_1_network_gives_0_7216_and_alice_gives_the_books_gradient():
    session = _session("network")
    session.inspect((2, 0))
    session.step()
    assert session.explain().forward.a == 0.7216325609518421
    alice = _session("alice")
    alice.inspect((1, 0))
    alice.step()
    w1 = alice.explain().update.weights[0]
    assert round(w1.grad, 4) == 0.0215 and w1.a == -2.0  # ∂L/∂w₁ ≈ 0.0214 in the book, rounded down


def test_inspecting_after_a_step_explains_that_step_from_the_optimisers_last_update():
    # The window may pick a neuron while paused, after the step it shows was taken.
    later, now = _session("gender"), _session("gender")
    now.inspect((1, 1))
    for session in (later, now):
        session.apply(optimizer="momentum")
        session.step()
        session.step()
    later.inspect((1, 1))
    a, b = later.explain(), now.explain()
    assert a.forward.z == b.forward.z and a.backward.delta == b.backward.delta
    for wa, wb in zip((*a.update.weights, a.update.bias), (*b.update.weights, b.update.bias)):
        assert wa.before == pytest.approx(wb.before, abs=1e-15) and wa.after == wb.after and wa.terms == wb.terms


def test_snapshots_carry_the_inspected_neuron_only_after_a_step_and_until_cleared():
    session = build_session(get_preset("xor"))
    session.inspect((1, 4))
    assert session.snapshot().inspection is None  # nothing to explain before the first step
    session.step()
    inspection = session.snapshot().inspection
    assert (inspection.layer, inspection.index, inspection.name) == (1, 4, "hidden 1 · neuron 5")
    assert inspection.step == 1 and inspection.forward.activation == "tanh"
    session.inspect(None)
    assert session.snapshot().inspection is None


def test_a_neuron_that_does_not_exist_is_refused_in_words():
    session = build_session(get_preset("xor"))
    with pytest.raises(ValueError, match="0 is the input"):
        session.inspect((0, 1))
    with pytest.raises(ValueError, match="layer 1 has 10 neurons"):
        session.inspect((1, 10))


def test_the_json_numbers_are_the_explanations():
    session = _session("gender")
    session.inspect((2, 0))
    session.step()
    e = session.explain()
    data = explanation_json(e)
    assert (data["z"], data["a"], data["delta"]) == (e.forward.z, e.forward.a, e.backward.delta)
    assert [w["before"] for w in data["update"]["weights"]] == [w.before for w in e.update.weights]
    assert data["update"]["bias"]["input"] is None and data["neuron"] == 1 and data["layer"] == 2
