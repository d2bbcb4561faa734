"""Printing for the command line: plain lines, the final JSON line, tables, numbers, a download bar.

Progress goes to stdout line by line and is flushed at once, so a pipe or a log sees it as it happens;
with --json the last line on stdout is one JSON object.
"""

from __future__ import annotations

import json
import math
import sys
import time
from typing import Any, Sequence, TextIO


def say(text: str = "") -> None:
    print(text, flush=True)


def one_line(text: str) -> str:
    """Join a multi-line message into one line."""
    return "; ".join(line.strip() for line in str(text).splitlines() if line.strip())


def json_ready(value: Any) -> Any:
    """value with NaN/inf floats replaced by None (JSON has no such numbers)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    return value


def say_json(obj: dict) -> None:
    print(json.dumps(json_ready(obj), allow_nan=False), flush=True)


def unicode_ok(stream: TextIO | None = None) -> bool:
    """Whether `stream` (default stdout) can encode arrows and block characters."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "ascii"
    try:
        "→▁█".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def arrow() -> str:
    return "→" if unicode_ok() else "->"


def percent(fraction: float) -> str:
    return f"{100 * fraction:.2f}%"


def rate(samples_per_second: float) -> str:
    return f"{samples_per_second:,.0f} samples/s" if math.isfinite(samples_per_second) else "- samples/s"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns, two spaces apart; the last column is not padded."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = []
    for row in (headers, *rows):
        cells = [str(cell).ljust(width) for cell, width in zip(row[:-1], widths)] + [str(row[-1])]
        lines.append("  ".join(cells).rstrip())
    return lines


def architecture(sizes: Sequence[int], hidden: str | Sequence[str], output: str) -> str:
    """"784-200-10 sigmoid→sigmoid"; hidden is one name or one per hidden layer."""
    n_hidden = len(sizes) - 2
    names = [hidden] * n_hidden if isinstance(hidden, str) else list(hidden)
    if len(set(names)) == 1:
        names = names[:1]
    layers = "-".join(str(n) for n in sizes)
    return f"{layers} {arrow().join([','.join(names), output]) if names else output}"


def training(hyperparameters) -> str:
    """"sgd lr 0.1 stochastic", "adam lr 0.001 minibatch 128 augmented"."""
    h = hyperparameters
    mode = f"minibatch {h.batch_size}" if h.granularity == "minibatch" else h.granularity
    text = f"{h.optimizer} lr {h.lr:g} {mode}"
    if h.optimizer == "momentum":
        text += f" (momentum {h.momentum:g})"
    if h.l2:
        text += f" L2 {h.l2:g}"
    if h.augment:
        text += " augmented"
    return text


def _size(n: int, scale: int | None = None) -> str:
    """Bytes as "9.9 MB" or "28.9 kB" (in the unit `scale` calls for, when given; then without it)."""
    big = (n if scale is None else scale) >= 1e6
    number = f"{n / 1e6:.1f}" if big else f"{n / 1e3:.1f}"
    return number if scale is not None else f"{number} {'MB' if big else 'kB'}"


class DownloadBar:
    """A `progress(file_name, bytes_done, bytes_total)` callback that draws a bar on stderr.

    On a terminal it redraws one line per file in place, at most ten times a second; elsewhere (a log,
    a pipe) it writes a line every few seconds and when a file is complete.
    """

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = 0.1 if self.live else 3.0
        self.fancy = unicode_ok(self.stream)
        self._name: str | None = None
        self._last_draw = 0.0
        self._complete = False

    def __call__(self, name: str, done: int, total: int | None) -> None:
        if name != self._name:
            self.finish()
            self._name, self._complete, self._last_draw = name, False, 0.0
        complete = total is not None and done >= total
        now = time.monotonic()
        if complete or now - self._last_draw >= self.interval:
            self._draw(self.line(name, done, total), complete)
            self._last_draw = now
            self._complete = complete

    def line(self, name: str, done: int, total: int | None) -> str:
        amount = _size(done) if total is None else f"{_size(done, total)}/{_size(total)}"
        if total is None or total <= 0:
            return f"{name}  {amount}"
        fraction = min(1.0, done / total)
        width = 24
        filled = round(fraction * width)
        full, empty = ("█", "░") if self.fancy else ("#", "-")
        return f"{name}  [{full * filled}{empty * (width - filled)}] {100 * fraction:3.0f}%  {amount}"

    def _draw(self, text: str, complete: bool) -> None:
        if self.live:
            self.stream.write(f"\r{text}\x1b[K" + ("\n" if complete else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the current file's line (after an interruption, say)."""
        if self.live and self._name is not None and not self._complete:
            self.stream.write("\n")
            self.stream.flush()
        self._complete = True
