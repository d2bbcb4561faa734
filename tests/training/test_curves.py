"""The curves' arithmetic: the smoothed loss matches the textbook recurrence; the accuracy axis zooms
to the values in view, never beyond what a share can reach, and leaves room for markers."""

import numpy as np
import pytest

from nnviz.training.curves import (RANGE_RESOLUTION, ema, ema_extended, finite_bounds, nice_step, snapped_range, values_between,
                                  zoomed_range)


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



@pytest.mark.parametrize("lo, hi", [(1, 1), (1, 2), (1, 7), (1, 99), (1, 101), (1, 47_979), (1, 1_000_001),
                                    (0.0213, 1.37), (-4.31, 0.12), (0.5, 0.5)])
def test_a_followed_axis_shows_all_the_data_with_its_padding_and_little_more(lo, hi):
    low, high = snapped_range(lo, hi, padding=0.03)
    span = (high - low) / 1.06  # the snapped ends' span, without the padding on either side
    inner = (low + 0.03 * span, high - 0.03 * span)  # the data's ends snapped outward
    assert inner[0] <= lo + 1e-9 * abs(lo) and inner[1] >= hi - 1e-9 * abs(hi)  # everything in view...
    room = 2 * (hi - lo) / RANGE_RESOLUTION if hi > lo else abs(hi) or 1.0
    assert lo - inner[0] <= room + 1e-9 and inner[1] - hi <= room + 1e-9  # ...and at most 4 % more each side


def test_a_followed_axis_moves_in_steps_not_with_every_new_value():
    ranges = [snapped_range(1, last, padding=0.03) for last in range(40_000, 50_001)]
    moves = sum(a != b for a, b in zip(ranges, ranges[1:]))
    assert 1 <= moves <= 10  # a 25 % longer run moved the step axis a handful of times, not 10,000
    assert all(b[1] >= a[1] for a, b in zip(ranges, ranges[1:]))  # never back while the run grows
    lows = [snapped_range(0.05 - k * 1e-5, 1.2, padding=0.06) for k in range(100)]
    assert len(set(lows)) <= 3  # a slowly falling loss moves its axis now and then


def test_finite_bounds_leave_out_nan_and_on_a_log_axis_zero():
    values = [np.array([0.0, 0.5, np.nan]), np.array([2.0, np.inf])]
    assert finite_bounds(values) == (0.0, 2.0)
    assert finite_bounds(values, log=True) == pytest.approx((np.log10(0.5), np.log10(2.0)))
    assert finite_bounds([np.array([np.nan])]) is None and finite_bounds([np.zeros(3)], log=True) is None


def test_smoothing_a_grown_history_from_where_it_changed_gives_the_whole_smoothing():
    rng = np.random.default_rng(0)
    old = rng.random(1000)
    old_s = ema(old, 0.9)
    grown = np.concatenate([old[:-1], [0.123], rng.random(300)])  # last bucket refilled, 300 more
    rebucketed = (old[0::2] + old[1::2]) / 2  # every point changed
    for x in (grown, rebucketed, old[:400], np.empty(0)):
        np.testing.assert_allclose(ema_extended(x, 0.9, old, old_s), ema(x, 0.9), rtol=1e-12)

