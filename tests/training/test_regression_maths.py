"""The arithmetic behind the regression views: the network's curve along a 1-D input, the colour scale
and contour levels of predicted values, targets back in the data's units, the predicted-vs-actual
axes, the largest residuals, and how the score (accuracy or R²) is scaled and written."""

import numpy as np
import pytest

from nnviz.data.standardise import Standardisation
from nnviz.engine.network import Network
from nnviz.training.numbers import MINUS
from nnviz.training.regression_fit import (R2_FLOOR, contour_levels, features_to_raw, largest_residuals,
                                           padded_range, square_range, target_to_raw, value_levels)
from nnviz.training.score_scale import ACCURACY, R2, score_scale
from nnviz.training.surface import CURVE_RESOLUTION, compute_curve, compute_surface, curve, plane_extent


def one_input_network():
    return Network([1, 5, 1], hidden="tanh", output="identity", loss="mse", seed=3)


def test_a_one_input_network_gets_a_curve_of_every_layer_along_the_line():
    net = one_input_network()
    extent = plane_extent(np.array([[-2.0], [1.0], [0.5]]))
    assert extent[:2] == pytest.approx((-2.75, 1.75)) and extent[2:] == (0.0, 0.0)
    surface = compute_surface(net, extent)  # the session's path: one input gives a curve
    assert surface.is_curve
    assert surface.xs.shape == (CURVE_RESOLUTION,)
    assert (surface.xs[0], surface.xs[-1]) == (extent[0], extent[1])
    assert [layer.shape for layer in surface.layers] == [(5, 1, CURVE_RESOLUTION), (1, 1, CURVE_RESOLUTION)]
    expected = net.forward(surface.xs[:, None]).activations[-1][:, 0]
    np.testing.assert_allclose(curve(surface), expected, rtol=1e-6)
    np.testing.assert_allclose(curve(surface, 0, 2), net.forward(surface.xs[:, None]).activations[1][:, 2], rtol=1e-6)
    assert not surface.xs.flags.writeable and not surface.layers[0].flags.writeable


def test_a_plane_is_not_a_curve_and_has_no_curve():
    net = Network([2, 3, 1], hidden="tanh", output="identity", loss="mse", seed=0)
    surface = compute_surface(net, (-1.0, 1.0, -1.0, 1.0))
    assert not surface.is_curve
    with pytest.raises(ValueError):
        curve(surface)
    with pytest.raises(ValueError):
        compute_curve(net, (-1.0, 1.0, 0.0, 0.0))


def test_value_levels_are_symmetric_about_zero_when_targets_take_both_signs():
    assert value_levels([-0.3, 0.2, 0.9]) == (-0.9, 0.9)
    # A bump whose noise dips just below zero is one-signed: its range, not ±1 with half unused.
    assert value_levels([-0.04, 0.1, 1.0]) == (-0.04, 1.0)
    assert value_levels(np.sin(np.linspace(-3, 3, 50))) == pytest.approx((-0.9996, 0.9996), abs=1e-3)


def test_value_levels_span_one_signed_targets_and_never_collapse():
    assert value_levels([0.0, 0.25, 1.0]) == (0.0, 1.0)  # the bump: white is its middle, 0.5
    assert value_levels([200.0, 350.0]) == (200.0, 350.0)
    assert value_levels([3.0, 3.0]) == (1.5, 4.5)
    assert value_levels([0.0]) == (-1.0, 1.0)
    assert value_levels([np.nan]) == (-1.0, 1.0)


def test_contour_levels_are_round_values_inside_the_scale():
    np.testing.assert_allclose(contour_levels((-1.0, 1.0)), [-0.5, 0.0, 0.5])
    np.testing.assert_allclose(contour_levels((0.0, 1.0)), [0.2, 0.4, 0.6, 0.8])
    levels = contour_levels((200.0, 350.0))
    assert 1 <= len(levels) <= 5 and np.all((levels > 200) & (levels < 350))
    assert contour_levels((1.0, 1.0)).size == 0
    # Not at the floor of a bump whose scale reaches just below it: that line would trace the noise.
    np.testing.assert_allclose(contour_levels((-0.1, 0.95)), [0.2, 0.4, 0.6, 0.8])


def test_targets_and_features_go_back_to_the_datas_units():
    s = Standardisation(feature_mean=(10.0,), feature_std=(2.0,), target_mean=100.0, target_std=5.0)
    np.testing.assert_allclose(target_to_raw([0.0, 1.0, -2.0], s), [100.0, 105.0, 90.0])
    np.testing.assert_allclose(features_to_raw(np.array([[0.0], [1.5]]), s), [[10.0], [13.0]])
    # Without a standardisation (or with only the features standardised), targets are as they are.
    np.testing.assert_allclose(target_to_raw([0.5], None), [0.5])
    np.testing.assert_allclose(target_to_raw([0.5], Standardisation((0.0,), (2.0,))), [0.5])


def test_largest_residuals_come_first_in_raw_units():
    s = Standardisation(feature_mean=(0.0,), feature_std=(1.0,), target_mean=10.0, target_std=2.0)
    r = largest_residuals(np.array([0.0, 1.0, -0.5, 0.0]), np.array([0.1, 0.0, 0.5, 0.0]), s)
    np.testing.assert_array_equal(r.indices, [1, 2, 0, 3])
    np.testing.assert_allclose(r.residual, [2.0, -2.0, -0.2, 0.0])  # prediction − actual, ties by index
    np.testing.assert_allclose(r.actual, [10.0, 11.0, 10.2, 10.0])
    np.testing.assert_allclose(r.predicted, r.actual + r.residual)
    assert len(r) == 4


def test_predicted_vs_actual_axes_hold_both_with_a_margin():
    lo, hi = square_range([0.0, 1.0], [-0.5, 0.8])
    assert lo == pytest.approx(-0.575) and hi == pytest.approx(1.075)
    assert padded_range([2.0]) == (1.0, 3.0)
    assert padded_range([]) == (-1.0, 1.0)


def test_score_scales_write_accuracy_in_percent_and_r2_as_a_number():
    assert score_scale("classification") is ACCURACY and score_scale("regression") is R2
    assert ACCURACY.labelled(0.975) == "97.5\u2009%"
    assert R2.labelled(0.95312) == "R² 0.953"
    assert R2.text(-0.25) == f"{MINUS}0.25"
    assert R2.bounds == (R2_FLOOR, 1.0) and R2.factor == 1.0 and ACCURACY.factor == 100.0
