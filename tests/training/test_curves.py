"""The curves' arithmetic: the smoothed loss matches the textbook recurrence; the accuracy axis zooms
to the values in view, never beyond what a share can reach, and leaves room for markers."""

import numpy as np
import pytest

from nnviz.training.curves import ema, nice_step, values_between, zoomed_range


def numpy_ema(x, s):
    """The textbook recurrence, one value at a time: the reference ema() must match."""
    out = np.empty(len(x))
    prev = x[0]
    for i, v in enumerate(x):
        prev = s * prev + (1 - s) * v
        out[i] = prev
    return out


@pytest.mark.parametrize("s", [0.0, 0.9, 0.999])
def test_blockwise_ema_matches_recurrence_and_continues(s):
    x = np.random.default_rng(1).random(1000)
    np.testing.assert_allclose(ema(x, s), numpy_ema(x, s), rtol=1e-12, atol=1e-15)
    head = ema(x[:333], s)
    np.testing.assert_allclose(np.concatenate([head, ema(x[333:], s, head[-1])]), numpy_ema(x, s), rtol=1e-12)


def test_zoomed_range_tells_97_from_98_percent():
    lo, hi = zoomed_range([97.0, 97.5, 98.0], (0, 100), min_span=2)
    assert 95.5 < lo < 97 and 98 < hi < 99.5
    # 97 and 98 % are at least a third of the axis apart (on 0-100 % they were a hundredth).
    assert (98 - 97) / (hi - lo) > 1 / 3


def test_zoomed_range_keeps_the_minimum_span_inside_the_bounds():
    lo, hi = zoomed_range([100.0, 100.0], (0, 100), min_span=2)
    assert (lo, hi) == (98.0, 100.0)
    lo, hi = zoomed_range([0.0, 0.5], (0, 100), min_span=4)
    assert lo == 0 and hi == pytest.approx(4.0)


def test_markers_at_the_bound_get_room_beyond_it():
    """7-px markers at 100 %: 5 px of room above 100 on a 200-px axis."""
    lo, hi = zoomed_range([90.0, 100.0], (0, 100), min_span=2, pixels=200, pad_pixels=5)
    assert hi > 100
    pixels_per_unit = 200 / (hi - lo)
    assert (hi - 100) * pixels_per_unit == pytest.approx(5.0)
    assert (90 - lo) * pixels_per_unit > 5.0


def test_no_values_show_the_whole_scale():
    assert zoomed_range([np.nan], (0, 100), min_span=2) == (0, 100)


def test_values_between_take_the_view_and_one_point_either_side():
    x = np.arange(1.0, 11.0)
    y = np.array([5, 6, np.nan, 8, 9, 10, 11, 12, 13, 14.0])
    np.testing.assert_array_equal(values_between(x, y, 4.5, 6.5), [8, 9, 10, 11])
    np.testing.assert_array_equal(values_between(x, y, 0, 2), [5, 6])  # NaN left out
    assert values_between(x, y, 20, 30).tolist() == [14.0]


@pytest.mark.parametrize("span, at_most, step", [(100, 5, 20), (100, 4, 25), (2.0, 4, 0.5), (7.3, 3, 2.5),
                                                 (0.03, 3, 0.01), (100, 1, 100)])
def test_nice_steps_fit_the_labels_there_is_room_for(span, at_most, step):
    assert nice_step(span, at_most) == pytest.approx(step)
    assert span / nice_step(span, at_most) <= at_most + 1e-9
