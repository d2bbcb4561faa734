"""A connection's numbers: w, the activation it carries, w·a (its term of z, with the weight the
forward pass used) and ∂L/∂w (the engine's batch gradient when known, else this sample's δ·a)."""

import math

from nnviz.training import build_session, get_preset
from nnviz.training.connection_math import BATCH, SAMPLE, batch_gradient, connection_numbers
from nnviz.training.shown_step import ShownParameters, ShownSample


def stepped(preset="gender", steps=3, inspect=None):
    session = build_session(get_preset(preset))
    for _ in range(steps):
        session.step()
    if inspect is not None:
        session.inspect(inspect)
        session.step()
    return session.snapshot()


def test_the_terms_of_a_neuron_add_up_to_its_z():
    snap = stepped("xor")
    sample, params = ShownSample.from_snapshot(snap), ShownParameters.from_snapshot(snap)
    for layer in (1, 2):
        for i in range(snap.sizes[layer]):
            terms = [connection_numbers(params, sample, layer, i, j).product for j in range(snap.sizes[layer - 1])]
            b_used = float(snap.biases[layer - 1][i] - snap.update_b[layer - 1][i])
            # float32 weights: the weights before the step are w − Δw to float32 rounding
            assert abs(math.fsum(terms) + b_used - float(sample.z[layer][i])) < 1e-5


def test_the_batch_gradient_is_the_engine_s_and_without_it_the_sample_s():
    snap = stepped("xor")
    sample, params = ShownSample.from_snapshot(snap), ShownParameters.from_snapshot(snap)
    grad = batch_gradient(snap, 2, 0, 3)
    assert grad == float(snap.last_step.grad_W[1][0, 3])
    c = connection_numbers(params, sample, 2, 0, 3, grad)
    assert (c.grad, c.grad_kind, c.batch) == (grad, BATCH, len(snap.last_step.batch_indices))
    c = connection_numbers(params, sample, 2, 0, 3)
    assert c.grad_kind == SAMPLE and c.grad == float(sample.delta[2][0]) * float(sample.a[1][3])
    assert c.w == float(snap.weights[1][0, 3]) and c.delta_w == float(snap.update_W[1][0, 3])
    assert c.a == float(sample.a[1][3]) and c.w_used == c.w - c.delta_w


def test_without_gradients_the_inspected_neuron_s_explanation_has_them():
    from dataclasses import replace

    snap = stepped("gender", inspect=(2, 0))
    without = replace(snap, last_step=replace(snap.last_step, grad_W=None, grad_b=None))
    listed = {change.source: change.grad for change in snap.inspection.update.weights}
    assert batch_gradient(without, 2, 0, 1) == listed[1]
    assert batch_gradient(without, 1, 0, 1) is None  # not the inspected neuron: unknown


def test_a_network_not_training_has_only_weights():
    snap = stepped("xor", steps=0)
    c = connection_numbers(ShownParameters.from_snapshot(snap), None, 1, 0, 0)
    assert c.w == float(snap.weights[0][0, 0]) and c.a is None and c.product is None and c.grad is None
