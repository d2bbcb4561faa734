"""How numbers read everywhere in nnviz, window and command line alike: a real minus sign (−), never
"−0" or "e+00", NaN and ∞ spelled out, and locale-independent, because they are maths."""

from __future__ import annotations

import math

MINUS = "\u2212"


def _signed(text: str) -> str:
    return text.replace("-", MINUS)


def _special(v: float) -> str | None:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else MINUS + "∞"
    return None


def significant(v: float | None, digits: int = 4) -> str:
    """`digits` significant digits: "0.9991", "−3.638e−4", "7"; "–" for None (no value)."""
    if v is None:
        return "–"
    v = float(v)
    if (s := _special(v)) is not None:
        return s
    if v == 0:
        return "0"
    mantissa, _, exponent = f"{v:.{digits}g}".partition("e")
    return _signed(mantissa + (f"e{int(exponent)}" if exponent else ""))


def precise(v: float) -> str:
    """A value in a tooltip or an explanation: four significant digits ("0.1234", "−2.5e−5")."""
    return significant(v, 4)


def column_decimals(values, digits: int = 4, most: int = 4) -> int:
    """Decimals for a table column of `values`: `digits` significant digits for its largest |value|,
    at most `most` (a column reads best when every row has the same decimals)."""
    finite = [abs(float(v)) for v in values if math.isfinite(float(v))]
    largest = max(finite, default=0.0)
    if largest == 0:
        return 2
    return int(min(max(digits - 1 - math.floor(math.log10(largest)), 0), most))


def fixed(v: float, decimals: int) -> str:
    """`v` with exactly `decimals` decimals: "−1.006", "0.055"; never "−0.000"."""
    v = float(v)
    if (s := _special(v)) is not None:
        return s
    text = f"{v:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else _signed(text)


def short(v: float, tiny: bool = True) -> str:
    """A value beside a neuron: two decimals, or (when tiny, as error terms often are) a short
    exponent: "0.73", "−3.8e−5". Zero is "0.00", never "−0.00"."""
    v = float(v)
    if (s := _special(v)) is not None:
        return s
    if round(v, 2) == 0 and not (tiny and v != 0):
        return "0.00"
    if abs(v) >= 0.005 or not tiny:
        return _signed(f"{v:.2f}")
    mantissa, exponent = f"{v:.1e}".split("e")
    return _signed(f"{mantissa}e{int(exponent)}")


def compact(v: float) -> str:
    """A value in a narrow column: "0.12", or "−3e−4" when tiny."""
    v = float(v)
    if (s := _special(v)) is not None:
        return s
    if v == 0:
        return "0.00"
    if abs(v) >= 0.01:
        return _signed(f"{v:.2f}")
    mantissa, exponent = f"{v:.0e}".split("e")
    return _signed(f"{mantissa}e{int(exponent)}")


def percent(p: float, decimals: int = 1) -> str:
    """A share as a percentage with a thin space, as everywhere in the app: "98.9 %"."""
    p = float(p)
    if (s := _special(p)) is not None:
        return s
    text = f"{100 * p:.{decimals}f}"
    return _signed("0" if float(text) == 0 and decimals == 0 else text.lstrip("-") if float(text) == 0 else text) + "\u2009%"
