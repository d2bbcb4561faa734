"""Optimisers, batching and targets: the update rules the curriculum teaches."""

import numpy as np
import pytest

from nnviz.engine import SGD, Adam, Momentum, Network, batch_indices, make_optimizer, one_hot
from nnviz.engine.batching import effective_batch_size


def test_sgd_step_is_w_minus_lr_grad():
    net = Network([3, 2], hidden=[], output="identity", dtype=np.float64, seed=0)
    W0 = net.weights[0].copy()
    x, y = np.array([[1.0, 2.0, 3.0]]), np.array([[0.5, -0.5]])
    result = net.train_step(x, y, SGD(), lr=0.1)
    np.testing.assert_allclose(net.weights[0], W0 - 0.1 * result.gradients.grad_W[0])


def test_sgd_step_matches_the_gender_example_by_hand():
    # The gender example's update for the output neuron o1 = sigmoid(w5 h1 + w6 h2 + b3), written out
    # as its code does: d_L_d_ypred = -2 (y_true - y_pred), w5 -= lr * d_L_d_ypred * h1 * sigmoid'(sum_o1).
    net = Network([2, 2, 1], hidden="sigmoid", output="sigmoid", loss="mse", dtype=np.float64, seed=0)
    x, y_true = np.array([[-2.0, -1.0]]), 1.0  # Alice
    W1, b1, W2, b2 = (p.copy() for p in net.parameters())
    h = 1 / (1 + np.exp(-(W1 @ x[0] + b1)))
    sum_o1 = W2[0] @ h + b2[0]
    y_pred = 1 / (1 + np.exp(-sum_o1))
    d_L_d_ypred = -2 * (y_true - y_pred)
    d_ypred_d_w = h * y_pred * (1 - y_pred)
    d_ypred_d_h = W2[0] * y_pred * (1 - y_pred)
    d_h_d_w = x[0][None, :] * (h * (1 - h))[:, None]
    expected_W2 = W2 - 0.1 * d_L_d_ypred * d_ypred_d_w
    expected_W1 = W1 - 0.1 * d_L_d_ypred * d_ypred_d_h[:, None] * d_h_d_w
    result = net.train_step(x, [[y_true]], SGD(), lr=0.1)
    assert result.loss == pytest.approx((y_true - y_pred) ** 2)
    np.testing.assert_allclose(net.weights[1], expected_W2)
    np.testing.assert_allclose(net.weights[0], expected_W1)


def test_output_update_matches_make_your_own_neural_network_at_half_the_rate():
    # The textbook's output-layer update, W += lr * ((t - o) * o * (1 - o)) . h^T, is the gradient of
    # 1/2 * sum (t - o)^2: our squared error without the 1/2 gives the same step at half the rate.
    # (Its hidden layer back-propagates the raw error who.T . (t - o), skipping the output sigmoid's
    # derivative; the engine computes the true gradient, which the gradient checks verify.)
    rng = np.random.default_rng(0)
    net = Network([4, 3, 2], hidden="sigmoid", output="sigmoid", loss="mse", dtype=np.float64, seed=0)
    x, t = rng.random((1, 4)), np.array([[0.01, 0.99]])
    wih, who = net.weights[0].copy(), net.weights[1].copy()
    h = 1 / (1 + np.exp(-(wih @ x.T)))
    o = 1 / (1 + np.exp(-(who @ h)))
    who += 0.1 * ((t.T - o) * o * (1 - o)) @ h.T
    net.train_step(x, t, SGD(), lr=0.05)
    np.testing.assert_allclose(net.weights[1], who)


def test_momentum_accumulates_velocity():
    p, g = [np.array([1.0])], [np.array([1.0])]
    opt = Momentum(0.5)
    opt.step(p, g, lr=0.1)  # v = -0.1
    opt.step(p, g, lr=0.1)  # v = 0.5 * -0.1 - 0.1 = -0.15
    assert p[0][0] == pytest.approx(1.0 - 0.1 - 0.15)
    assert opt.last_updates()[0][0] == pytest.approx(-0.15)


def test_adam_first_step_moves_each_weight_by_lr():
    # With bias correction Adam's first step is lr * sign(g), whatever the gradient's scale.
    p, g = [np.array([1.0, 1.0])], [np.array([1e-3, -50.0])]
    Adam().step(p, g, lr=0.01)
    np.testing.assert_allclose(p[0], [0.99, 1.01], atol=1e-6)


def test_live_learning_rate_and_momentum_changes_take_effect():
    opt = make_optimizer("momentum", 0.9)
    p, g = [np.array([0.0])], [np.array([1.0])]
    opt.step(p, g, lr=0.1)
    opt.momentum = 0.0
    opt.step(p, g, lr=1.0)
    assert p[0][0] == pytest.approx(-0.1 - 1.0)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_every_optimizer_lowers_the_loss(name):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(64, 5))
    y = (x[:, :1] > 0).astype(float)
    net = Network([5, 8, 1], hidden="tanh", output="sigmoid", loss="bce", seed=1, dtype=np.float64)
    opt, lr = make_optimizer(name), {"sgd": 0.5, "momentum": 0.1, "adam": 0.01}[name]
    before = net.cost(x, y)
    for _ in range(100):
        net.train_step(x, y, opt, lr)
    assert net.cost(x, y) < 0.5 * before


def test_unknown_optimizer_message():
    with pytest.raises(ValueError, match="choose one of sgd, momentum, adam"):
        make_optimizer("rmsprop")


def test_batch_indices_cover_every_sample_once():
    batches = batch_indices(10, 4, np.random.default_rng(0))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches)) == list(range(10))
    assert [list(b) for b in batch_indices(5, 2)] == [[0, 1], [2, 3], [4]]


def test_granularities():
    assert effective_batch_size("stochastic", 32, 100) == 1
    assert effective_batch_size("minibatch", 32, 100) == 32
    assert effective_batch_size("minibatch", 500, 100) == 100
    assert effective_batch_size("batch", 32, 100) == 100
    with pytest.raises(ValueError, match="granularity"):
        effective_batch_size("online", 1, 10)


def test_one_hot_with_textbook_targets():
    y = one_hot([2, 0], 3, off=0.01, on=0.99)
    np.testing.assert_allclose(y, [[0.01, 0.01, 0.99], [0.99, 0.01, 0.01]])
    assert y.dtype == np.float32
