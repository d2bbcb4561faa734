"""Known outputs of the classic examples' forward passes."""

import numpy as np
import pytest

from nnviz.engine import Network, Trace


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_single_neuron_outputs_0_999_on_2_3():
    # The single-neuron example: weights [0, 1], bias 4, input [2, 3] -> sigmoid(7).
    net = Network([2, 1], hidden=[], output="sigmoid", dtype=np.float64)
    net.weights[0][...] = [[0.0, 1.0]]
    net.biases[0][...] = [4.0]
    trace = net.forward([2.0, 3.0])
    assert trace.zs[0][0, 0] == pytest.approx(7.0)
    assert trace.output[0, 0] == pytest.approx(0.9990889488055994, abs=1e-12)


def test_2_2_1_network_with_weights_0_1_outputs_0_7216():
    # Every neuron has weights [0, 1] and bias 0: h = sigmoid(3) for both hidden neurons,
    # o = sigmoid(h) = 0.7216.
    net = Network([2, 2, 1], hidden="sigmoid", output="sigmoid", dtype=np.float64)
    net.weights[0][...] = [[0.0, 1.0], [0.0, 1.0]]
    net.weights[1][...] = [[0.0, 1.0]]
    for b in net.biases:
        b[...] = 0.0
    trace = net.forward([2.0, 3.0])
    h = sigmoid(3.0)
    np.testing.assert_allclose(trace.activations[1], [[h, h]])
    assert trace.output[0, 0] == pytest.approx(0.7216325609518421, abs=1e-12)


def test_forward_trace_holds_every_z_and_a_with_shapes():
    net = Network([784, 200, 10], seed=0)
    x = np.random.default_rng(0).random((3, 784), dtype=np.float32)
    trace = net.forward(x)
    assert isinstance(trace, Trace)
    assert [z.shape for z in trace.zs] == [(3, 200), (3, 10)]
    assert [a.shape for a in trace.activations] == [(3, 784), (3, 200), (3, 10)]
    assert trace.input is trace.activations[0]
    assert all(a.dtype == np.float32 for a in trace.activations)
    np.testing.assert_allclose(trace.output, net.predict(x), rtol=1e-6)


def test_float64_on_request():
    net = Network([2, 3, 1], dtype=np.float64, seed=1)
    assert all(W.dtype == np.float64 for W in net.weights)
    assert net.forward([[0.5, 0.5]]).output.dtype == np.float64


def test_softmax_never_overflows_and_sums_to_one():
    net = Network([2, 3], hidden=[], output="softmax", loss="ce", dtype=np.float32)
    net.weights[0][...] = [[1e4, 0], [0, 1e4], [-1e4, 0]]
    out = net.predict([[1.0, 2.0]])
    assert np.all(np.isfinite(out))
    assert out.sum() == pytest.approx(1.0)
    assert out[0, 1] == pytest.approx(1.0)


def test_sigmoid_saturates_without_warnings_or_nan():
    net = Network([1, 1], hidden=[], output="sigmoid", dtype=np.float32)
    net.weights[0][...] = 1.0
    out = net.predict([[-1e6], [1e6]])
    assert out[0, 0] == pytest.approx(0.0, abs=1e-30) and out[1, 0] == pytest.approx(1.0)


def test_step_activation_is_forward_only():
    net = Network([2, 1], hidden=[], output="step", loss="mse")
    net.weights[0][...] = [[1.0, 1.0]]
    net.biases[0][...] = [-1.5]
    out = net.predict([[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(out.ravel(), [0, 0, 0, 1])  # a perceptron computing AND
    with pytest.raises(ValueError, match="no gradient"):
        net.backward(net.forward([[1.0, 1.0]]), [[1.0]])


def test_same_seed_same_weights_different_seed_different_weights():
    a, b, c = (Network([4, 5, 2], init=i, seed=s) for i, s in (("he", 7), ("he", 7), ("he", 8)))
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize("init,expected_std", [("textbook", 1 / np.sqrt(400)), ("he", np.sqrt(2 / 400))])
def test_init_scales(init, expected_std):
    W = Network([400, 300, 1], init=init, seed=0).weights[0]
    assert W.std() == pytest.approx(expected_std, rel=0.03)
    assert np.all(Network([400, 300, 1], init=init, seed=0).biases[0] == 0)


def test_xavier_is_uniform_within_its_limit():
    W = Network([400, 200, 1], init="xavier", seed=0).weights[0]
    limit = np.sqrt(6 / 600)
    assert np.abs(W).max() <= limit and np.abs(W).max() > 0.95 * limit


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (dict(sizes=[2]), "at least two"),
        (dict(sizes=[2, 0, 1]), "at least two positive"),
        (dict(sizes=[2, 3, 1], hidden="softmax"), "only be the output"),
        (dict(sizes=[2, 3, 1], output="tanh", loss="bce"), "logs of the outputs"),
        (dict(sizes=[2, 3, 1], hidden="swish"), "unknown activation"),
        (dict(sizes=[2, 3, 1], loss="hinge"), "unknown loss"),
        (dict(sizes=[2, 3, 1], init="zeros"), "unknown initialisation"),
        (dict(sizes=[2, 3, 4, 1], hidden=["tanh"]), "2 hidden layer"),
        (dict(sizes=[2, 3, 1], output="softmax"), "softmax needs at least 2 output neurons; use sigmoid"),
        (dict(sizes=[2, 1], hidden=[], output="softmax", loss="ce"), "softmax needs at least 2 output neurons"),
        (dict(sizes=[2, 3, 1], seed=-5), r"seed must be a whole number >= 0, got -5"),
    ],
)
def test_bad_architectures_get_clear_messages(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Network(**kwargs)


def test_wrong_input_width_is_reported():
    with pytest.raises(ValueError, match=r"shape \(batch, 2\)"):
        Network([2, 1]).forward([[1.0, 2.0, 3.0]])
