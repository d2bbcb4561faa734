"""A table column's numbers share their decimals, chosen from the column's largest value."""

import math

from nnviz.training.numbers import column_decimals, fixed


def test_a_column_gets_four_significant_digits_of_its_largest_value():
    assert column_decimals([-1.006, -0.8522, 1.01, 0.05465, 0.16]) == 3
    assert column_decimals([250.5, 3.2]) == 1
    assert column_decimals([12345.0]) == 0
    assert column_decimals([0.00001234]) == 4  # at most four
    assert column_decimals([0.0, math.nan]) == 2


def test_fixed_writes_a_real_minus_and_no_negative_zero():
    assert [fixed(v, 3) for v in (-1.006, 0.05465, -0.0001, math.inf)] == ["−1.006", "0.055", "0.000", "∞"]
