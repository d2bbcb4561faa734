"""The decision boundary as line segments: where the grid crosses the level, between pixel centres;
and reading the surface's grids between and on their points."""

import numpy as np
import pytest

from nnviz.training import build_session, get_preset
from nnviz.training.surface import bilinear, compute_surface, contour_segments, neuron_at, neuron_grid, plane_extent


def test_a_ramp_crosses_in_a_straight_line_where_it_equals_the_level():
    grid = np.tile(np.linspace(-1, 1, 48), (48, 1))  # value = x; 0 between columns 23 and 24
    points = contour_segments(grid, 0.0)
    assert len(points) == 2 * 47  # one segment per row of cells
    np.testing.assert_allclose(points[:, 0], 24.0)  # halfway between the centres 23.5 and 24.5
    assert points[:, 1].min() == 0.5 and points[:, 1].max() == 47.5


def test_a_circle_is_found_at_its_radius():
    rows, columns = np.mgrid[0:48, 0:48]
    distance = np.hypot(columns - 23.5, rows - 23.5)
    points = contour_segments(distance, 10.0)
    radius = np.hypot(points[:, 0] - 24.0, points[:, 1] - 24.0)
    assert radius == pytest.approx(np.full(len(radius), 10.0), abs=0.02)
    assert len(points) % 2 == 0 and len(points) > 100


@pytest.mark.parametrize("grid", [np.zeros((5, 5)), np.ones((5, 5))])
def test_no_crossing_no_segments(grid):
    assert contour_segments(grid, 0.5).shape == (0, 2)


def test_saddles_are_split_the_same_way_every_time():
    grid = np.array([[1.0, 0.0], [0.0, 1.0]])  # a checkerboard cell: both diagonals above
    first = contour_segments(grid, 0.5)
    assert len(first) == 4
    np.testing.assert_array_equal(first, contour_segments(grid.copy(), 0.5))


@pytest.fixture
def surface():
    session = build_session(get_preset("xor"))
    for _ in range(5):
        session.step()
    return compute_surface(session.network, plane_extent(session.dataset.x_train))


def test_bilinear_is_exact_on_grid_points_and_linear_between(surface):
    grid = surface.layers[0]  # the hidden layer: ten neurons at once
    xs, ys = surface.xs, surface.ys
    np.testing.assert_allclose(bilinear(surface, 0, xs[7], ys[3]), grid[:, 3, 7], rtol=1e-6)
    mid = bilinear(surface, 0, (xs[7] + xs[8]) / 2, (ys[3] + ys[4]) / 2)
    np.testing.assert_allclose(mid, grid[:, 3:5, 7:9].mean(axis=(1, 2)), rtol=1e-5)
    np.testing.assert_allclose(bilinear(surface, -1, xs[-1] + 5, ys[0] - 5), surface.layers[-1][:, 0, -1])


def test_neuron_grids_are_the_inputs_for_layer_0_and_the_surface_layers_after(surface):
    xs, ys = surface.xs, surface.ys
    x_grid, y_grid = neuron_grid(surface, 0, 0), neuron_grid(surface, 0, 1)
    assert x_grid.shape == y_grid.shape == (len(ys), len(xs))
    np.testing.assert_array_equal(x_grid[5], xs)  # x varies along each row
    np.testing.assert_array_equal(y_grid[:, 5], ys)  # y along each column
    np.testing.assert_array_equal(neuron_grid(surface, 1, 4), surface.layers[0][4])
    np.testing.assert_array_equal(neuron_grid(surface, 2, 0), surface.layers[1][0])
    with pytest.raises(IndexError):
        neuron_grid(surface, 0, 2)


def test_a_neuron_at_a_point_is_its_input_or_its_interpolated_activation(surface):
    assert neuron_at(surface, 0, 0, 0.3, 0.7) == 0.3 and neuron_at(surface, 0, 1, 0.3, 0.7) == 0.7
    xs, ys = surface.xs, surface.ys
    assert neuron_at(surface, 1, 4, xs[9], ys[2]) == pytest.approx(float(surface.layers[0][4, 2, 9]), rel=1e-6)
