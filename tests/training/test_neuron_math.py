"""The sums the diagrams show about single neurons, checked against the engine and finite differences."""

import numpy as np
import pytest

from nnviz.engine.network import Network
from nnviz.training.neuron_math import (
    activation_scale, input_update_norms, neuron_update_norms, receptive_field, sample_weight_gradient, strongest,
)
from nnviz.training.shown_step import ShownSample


def net_and_sample(hidden, seed=0):
    net = Network((6, 5, 4, 3), hidden=hidden, output="softmax", loss="ce", init="xavier", seed=seed, dtype=np.float64)
    x = np.random.default_rng(seed).normal(size=(1, 6))
    return net, x, ShownSample.from_trace(net.forward(x))


def z_of(net, x, layer, index):
    return net.forward(x).zs[layer - 1][0, index]


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid", ["leaky_relu", "tanh"]])
@pytest.mark.parametrize("layer, index", [(1, 2), (2, 3), (3, 1)])
def test_receptive_field_is_dz_dx_by_finite_differences(hidden, layer, index):
    net, x, sample = net_and_sample(hidden)
    names = [f.name for f in net.activations]
    field = receptive_field(net.weights, names, layer, index, sample)
    eps = 1e-6
    numeric = np.array([(z_of(net, x + eps * e, layer, index) - z_of(net, x - eps * e, layer, index)) / (2 * eps)
                        for e in np.eye(6)])
    np.testing.assert_allclose(field, numeric, rtol=1e-5, atol=1e-8)


def test_receptive_field_without_a_sample_is_the_product_of_the_weights():
    net, _, _ = net_and_sample("relu")
    names = [f.name for f in net.activations]
    np.testing.assert_allclose(receptive_field(net.weights, names, 1, 4), net.weights[0][4])
    np.testing.assert_allclose(receptive_field(net.weights, names, 2, 0), net.weights[1][0] @ net.weights[0])
    with pytest.raises(ValueError):
        receptive_field(net.weights, names, 0, 0)


def test_sample_weight_gradient_is_the_engines_for_a_batch_of_one():
    net, x, _ = net_and_sample("tanh")
    trace = net.forward(x)
    grads = net.backward(trace, np.array([[0.0, 1.0, 0.0]]))
    for l in range(3):
        np.testing.assert_allclose(sample_weight_gradient(grads.deltas[l][0], trace.activations[l][0]),
                                   grads.grad_W[l], rtol=1e-12)


def test_update_norms_per_neuron_and_per_input():
    dW = [np.array([[3.0, 4.0, 0.0], [0.0, 0.0, -2.0]]), np.array([[1.0, -1.0]])]
    norms = neuron_update_norms(dW)
    np.testing.assert_allclose(norms[0], [5.0, 2.0])
    np.testing.assert_allclose(norms[1], [np.sqrt(2)])
    np.testing.assert_allclose(input_update_norms(dW[0]), [3.0, 4.0, 2.0])


def test_activation_scales():
    assert activation_scale("tanh", np.array([0.2])) == (1.0, True)
    assert activation_scale("sigmoid", np.array([0.2])) == (1.0, False)
    assert activation_scale("relu", np.array([0.0, 2.5, np.nan])) == (2.5, False)
    assert activation_scale("identity", np.array([-3.0, 1.0])) == (3.0, True)
    assert activation_scale("relu", np.zeros(3)) == (1e-6, False)


def test_strongest_leaves_out_zeros_and_ends_with_the_largest():
    assert strongest(np.array([0.1, 0.0, 0.5, 0.3, np.nan]), 3).tolist() == [0, 3, 2]
    assert strongest(np.zeros(4), 2).tolist() == []
    assert strongest(np.array([1.0, 2.0]), 5).tolist() == [0, 1]
