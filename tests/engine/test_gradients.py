"""Back-propagation against central differences, for every activation x loss combination."""

import itertools

import numpy as np
import pytest

from nnviz.engine import Network, gradient_check, numerical_gradient, one_hot

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"]
# Every output activation that can pair with each loss (bce/ce take logs: outputs in (0, 1)).
OUTPUT_LOSS = [
    ("sigmoid", "mse"), ("tanh", "mse"), ("identity", "mse"), ("relu", "mse"), ("leaky_relu", "mse"),
    ("softmax", "mse"), ("sigmoid", "bce"), ("softmax", "bce"), ("softmax", "ce"), ("sigmoid", "ce"),
]


def random_problem(hidden, output, loss, seed=0, sizes=(3, 5, 4, 3)):
    rng = np.random.default_rng(seed)
    net = Network(sizes, hidden=hidden, output=output, loss=loss, seed=seed, dtype=np.float64)
    # Random biases keep ReLU units off their kink at z = 0, where the derivative does not exist.
    for b in net.biases:
        b[...] = rng.normal(0.0, 0.5, size=b.shape)
    x = rng.normal(size=(6, sizes[0]))
    if loss == "ce":
        y = one_hot(rng.integers(0, sizes[-1], 6), sizes[-1], dtype=np.float64)
    else:
        y = rng.uniform(0.05, 0.95, size=(6, sizes[-1]))
    return net, x, y


@pytest.mark.parametrize("hidden,output_loss", list(itertools.product(HIDDEN, OUTPUT_LOSS)))
def test_backprop_matches_central_differences(hidden, output_loss):
    output, loss = output_loss
    net, x, y = random_problem(hidden, output, loss)
    result = gradient_check(net, x, y)
    assert result.max_relative_error < 1e-7, result.per_parameter
    assert result.ok
    assert set(result.per_parameter) == {"W0", "b0", "W1", "b1", "W2", "b2"}


@pytest.mark.parametrize("hidden,output,loss", [("sigmoid", "sigmoid", "mse"), ("relu", "softmax", "ce")])
def test_regularised_cost_gradient(hidden, output, loss):
    net, x, y = random_problem(hidden, output, loss, seed=3)
    assert gradient_check(net, x, y, l2=0.1).max_relative_error < 1e-7


def test_l2_never_touches_biases():
    net, x, y = random_problem("tanh", "sigmoid", "mse", seed=4)
    trace = net.forward(x)
    plain, regularised = net.backward(trace, y), net.backward(trace, y, l2=0.5)
    for l in range(net.n_layers):
        np.testing.assert_allclose(regularised.grad_W[l] - plain.grad_W[l], 0.5 * net.weights[l])
        np.testing.assert_array_equal(regularised.grad_b[l], plain.grad_b[l])
    assert net.cost(x, y, l2=0.5) == pytest.approx(
        net.cost(x, y) + 0.25 * sum(np.sum(W**2) for W in net.weights))


def test_zero_hidden_layers_single_neuron_gradient():
    net = Network([2, 1], hidden=[], output="sigmoid", loss="bce", dtype=np.float64, seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(4, 2)), rng.integers(0, 2, (4, 1)).astype(float)
    assert gradient_check(net, x, y).max_relative_error < 1e-7


def test_input_gradient_matches_central_differences():
    net, x, y = random_problem("tanh", "softmax", "ce", seed=5)
    grads = net.backward(net.forward(x), y, input_grad=True)
    eps, numeric = 1e-6, np.zeros_like(x)
    for i, j in np.ndindex(*x.shape):
        up, down = x.copy(), x.copy()
        up[i, j] += eps
        down[i, j] -= eps
        # The loss is a batch mean, so dL/dx of one row is scaled by 1/batch as backward() does.
        numeric[i, j] = (net.cost(up, y) - net.cost(down, y)) / (2 * eps)
    np.testing.assert_allclose(grads.grad_input, numeric, rtol=1e-6, atol=1e-9)


def test_deltas_are_dL_dz_per_layer():
    net, x, y = random_problem("sigmoid", "sigmoid", "mse", seed=6)
    trace = net.forward(x)
    grads = net.backward(trace, y)
    assert [d.shape for d in grads.deltas] == [z.shape for z in trace.zs]
    # Output delta for sigmoid + squared error: 2 (a - y) * a * (1 - a), averaged over the batch.
    a = trace.output
    np.testing.assert_allclose(grads.deltas[-1], 2 * (a - y) * a * (1 - a) / len(x))
    # grad_b is the batch sum of delta; grad_W the outer products delta^T a_prev.
    np.testing.assert_allclose(grads.grad_b[0], grads.deltas[0].sum(axis=0))
    np.testing.assert_allclose(grads.grad_W[1], grads.deltas[1].T @ trace.activations[1])


def test_sampled_check_on_a_large_network():
    net = Network([784, 30, 10], hidden="sigmoid", output="softmax", loss="ce", dtype=np.float64, seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.random((3, 784)), one_hot([1, 7, 3], 10, dtype=np.float64)
    result = gradient_check(net, x, y, max_per_parameter=20)
    assert result.n_checked == 20 + 20 + 20 + 10
    assert result.max_relative_error < 1e-7


def test_gradient_check_refuses_float32():
    net = Network([2, 2, 1], seed=0)
    with pytest.raises(ValueError, match="float64"):
        gradient_check(net, [[0.0, 1.0]], [[1.0]])


def test_numerical_gradient_restores_parameters():
    net, x, y = random_problem("tanh", "sigmoid", "mse", seed=7)
    before = [p.copy() for p in net.parameters()]
    numerical_gradient(net, x, y)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.parameters()))


def test_input_gradient_for_the_first_samples_only():
    net, x, y = random_problem("relu", "softmax", "ce", seed=8)
    trace = net.forward(x)
    full = net.backward(trace, y, input_grad=True).grad_input
    first_two = net.backward(trace, y, input_grad=2).grad_input
    assert first_two.shape == (2, x.shape[1])
    np.testing.assert_allclose(first_two, full[:2])
    assert net.backward(trace, y).grad_input is None
