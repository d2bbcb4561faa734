"""How the diagrams colour values that a diverged network produces (NaN, ±inf), and group connections
into pens: the same looks whatever the values' type."""

import numpy as np
from PySide6.QtCore import QLineF

from nnviz.gui.diagram.circle_scene import BINS, bucket
from nnviz.gui.diagram.palette import colors, ramp_index
from nnviz.gui.theme import ACTIVITY, VALUES


def test_nan_is_the_middle_of_a_diverging_ramp_and_infinities_its_ends():
    index = ramp_index(VALUES, np.array([np.nan, np.inf, -np.inf, 0.0, 0.5, -3.0]))
    assert index.tolist() == [128, 255, 0, 128, 191, 0]
    assert ramp_index(VALUES, float("nan")) == 128 and ramp_index(VALUES, 2.0, 4.0) == 191


def test_nan_is_the_bottom_of_a_sequential_ramp():
    assert ramp_index(ACTIVITY, np.array([np.nan, np.inf, -1.0, 0.5])).tolist() == [0, 255, 0, 128]
    assert colors(ACTIVITY, [np.nan])[0] == colors(ACTIVITY, [0.0])[0]


def test_connections_are_grouped_by_sign_and_strength_with_nan_as_no_strength():
    values = np.array([0.9, -0.9, 0.001, np.nan, np.inf, 0.5], dtype=np.float32)
    lines = [QLineF(0, k, 10, k) for k in range(len(values))]
    groups, widths = bucket(values, 1.0, lines, VALUES, max_width=5.0, tier=2)
    group_of = {id(line): k for k, g in enumerate(groups) for line in g.lines}
    same = [[group_of[id(lines[k])] for k in ks] for ks in ([0, 4], [2, 3])]
    assert same[0][0] == same[0][1] and same[1][0] == same[1][1]  # 0.9 with inf; NaN with 0.001 (neutral)
    assert len({group_of[id(lines[k])] for k in (0, 1, 2, 5)}) == 4  # signs and strengths apart
    assert groups[same[0][0]].order[1] == BINS - 1 and groups[same[1][0]].order[1] == -1
    assert widths[2] == widths[3] == 0.8 and widths[0] == widths[1] == widths[4] > widths[5]
    assert sum(len(g.lines) for g in groups) == len(values)
