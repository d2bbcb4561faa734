"""Arrays as Python source for an exported script (see export_python.py): nested lists of the
shortest decimals that read back as exactly the same float32 numbers, or base64 for big arrays."""

from __future__ import annotations

import base64
import textwrap

import numpy as np

#: The most characters on a line of an exported script.
WIDTH = 99


def rule(title: str) -> str:
    """A comment line that heads a section: "# -- title ------"."""
    return f"# -- {title} ".ljust(WIDTH, "-")


def array_code(a: np.ndarray, indent: int, packed: bool, rows: bool = False) -> str:
    """`a` (1-D or 2-D, float32) as code: nested lists of numbers, or unpack(base64) when packed.
    rows: one row per line (a weight matrix: a neuron per line); else rows are packed into lines."""
    a = np.asarray(a, dtype=np.float32)
    pad = "    " * indent
    if packed:
        text = base64.b64encode(a.astype("<f4").tobytes()).decode("ascii")
        return f'{pad}unpack("""\n' + "\n".join(textwrap.wrap(text, 96)) + f'\n""", {a.shape})'
    if a.ndim == 1:
        return pad + wrapped([float_text(v) for v in a], pad)
    if rows:
        inner = [wrapped([float_text(v) for v in row], pad + "    ") for row in a]
        return f"{pad}[\n" + "".join(f"{pad}    {r},\n" for r in inner) + f"{pad}]"
    row_texts = ["[" + ", ".join(float_text(v) for v in row) + "]" for row in a]
    return "[\n" + "".join(f"{pad}    {line}\n" for line in _lines(row_texts, WIDTH - len(pad) - 4)) + f"{pad}]"


def wrapped(items: list[str], pad: str) -> str:
    """[a, b, c] on one line, or over several lines indented under `pad` when too long."""
    one = "[" + ", ".join(items) + "]"
    if len(pad) + len(one) <= WIDTH:
        return one
    return "[\n" + "".join(f"{pad}    {line}\n" for line in _lines(items, WIDTH - len(pad) - 4)) + f"{pad}]"


def _lines(items: list[str], width: int) -> list[str]:
    """items joined by ", " into lines of at most `width` characters (an item is never split), each
    line ending in a comma."""
    lines, line = [], ""
    width -= 1  # for the comma that ends each line
    for item in items:
        if line and len(line) + 2 + len(item) > width:
            lines.append(line + ",")
            line = item
        else:
            line = f"{line}, {item}" if line else item
    return lines + [line + ","] if line else lines


def int_list(a: np.ndarray, indent: int) -> str:
    return wrapped([str(int(v)) for v in a], "    " * indent)


def float_text(v) -> str:
    """The shortest decimal that reads back as exactly this float32 (through Python's float, as
    np.array(..., dtype=np.float32) reads it)."""
    v = np.float32(v)
    text = str(v)
    if np.float32(float(text)) != v:  # rare: rounding twice (to float64, then float32) missed it
        text = repr(float(v))
    return text
