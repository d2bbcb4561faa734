"""DigitClassifier: one path from an image of any size to a class, for the pad and `nnviz predict`."""

import numpy as np
import pytest

from nnviz.data import render_strokes
from nnviz.data.digits import NoDigitError, find_digit, preprocess_digit
from nnviz.data.mnist import scale_pixels
from nnviz.engine import Network
from nnviz.training import build_session, get_preset
from nnviz.training.predictor import DigitClassifier


@pytest.fixture
def network():
    return Network([784, 16, 10], hidden="relu", output="softmax", loss="ce", init="he", seed=0)


def seven(size=280):
    return render_strokes([np.array([[60, 60], [200, 60], [110, 230]], dtype=float)], size=size, width=18)


def test_classify_preprocesses_scales_and_runs_forward(network):
    classifier = DigitClassifier(network, scaling="textbook")
    result = classifier.classify(seven())
    digit = preprocess_digit(seven())
    np.testing.assert_array_equal(result.digit, digit)
    expected = network.predict(scale_pixels(digit.reshape(1, 784), "textbook"))[0]
    np.testing.assert_allclose(result.probabilities, expected, rtol=1e-6)
    assert result.probabilities.sum() == pytest.approx(1.0)
    assert result.label == int(np.argmax(expected)) and result.class_name == str(result.label)
    assert result.confidence == pytest.approx(expected.max(), rel=1e-6)
    assert [a.shape for a in result.trace.activations] == [(1, 784), (1, 16), (1, 10)]


def test_sigmoid_outputs_are_normalised_to_probabilities():
    net = Network([784, 8, 10], hidden="sigmoid", output="sigmoid", seed=1)
    result = DigitClassifier(net).classify(seven())
    assert result.probabilities.sum() == pytest.approx(1.0)
    assert np.all(result.probabilities >= 0)


def test_dark_on_light_and_light_on_dark_agree(network):
    classifier = DigitClassifier(network)
    ink = seven()
    a, b = classifier.classify(ink), classifier.classify(1.0 - ink)
    np.testing.assert_allclose(a.probabilities, b.probabilities, atol=1e-6)


def test_from_snapshot_uses_the_training_network(mnist_data_dir):
    session = build_session(get_preset("mnist-book"), data_dir=mnist_data_dir, limit_train=50)
    for _ in range(50):
        session.step()
    snap = session.snapshot()
    classifier = DigitClassifier.from_snapshot(snap, ["sigmoid"], "sigmoid", "textbook")
    digit = session.dataset.x_test[0].reshape(28, 28)
    result = classifier.classify_digit((digit - 0.01) / 0.99)
    expected = session.network.predict(session.dataset.x_test[:1])[0]
    np.testing.assert_allclose(result.trace.output[0], expected, rtol=1e-5)


def test_a_blank_image_is_classified_as_the_empty_input_and_find_digit_refuses_it(network):
    """The pad's preview shows an image without a digit as the empty input, and classify keeps answering
    for it; `nnviz predict` asks find_digit first and gets no answer."""
    classifier = DigitClassifier(network, scaling="textbook")
    blank = np.full((280, 280), 255, np.uint8)
    result = classifier.classify(blank)
    assert result.digit.shape == (28, 28) and not result.digit.any()
    np.testing.assert_array_equal(result.probabilities, classifier.classify_digit(np.zeros((28, 28))).probabilities)
    with pytest.raises(NoDigitError, match="blank"):
        classifier.classify_digit(find_digit(blank))


def test_a_network_without_784_inputs_is_refused():
    with pytest.raises(ValueError, match="784 inputs"):
        DigitClassifier(Network([2, 2, 1]))


def test_a_prediction_carries_the_network_that_made_it(network):
    """The pad's drawing is shown with the parameters of the network that classified it (bundled model,
    model file or the network in training): never the numbers of one with the activations of another."""
    result = DigitClassifier(network, scaling="textbook").classify(seven())
    assert result.architecture.sizes == (784, 16, 10)
    assert result.architecture.activation_names == ("relu", "softmax")
    assert result.architecture.image_shape == (28, 28) and result.architecture.input_scaling == "textbook"
    for W, W_used, b, b_used in zip(result.weights, network.weights, result.biases, network.biases):
        assert np.shares_memory(W, W_used) and np.shares_memory(b, b_used)
        assert not W.flags.writeable and not b.flags.writeable
    z1 = result.trace.activations[0] @ result.weights[0].T + result.biases[0]
    np.testing.assert_allclose(result.trace.zs[0], z1, rtol=1e-5)
