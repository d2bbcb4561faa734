"""The decision boundary as line segments: where the grid crosses the level, between pixel centres."""

import numpy as np
import pytest

from nnviz.training.surface import contour_segments


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
