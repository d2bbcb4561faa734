"""`nnviz gui` (and plain `nnviz`): open the desktop app.

The app is imported only here and only when asked for, so every other command works without it.
"""

from __future__ import annotations

import argparse
import os
import sys

from nnviz.cli.argtypes import positive_float
from nnviz.cli.errors import EXIT_FAILED
from nnviz.training.presets import PRESETS

# Missing modules that mean "the app is not there", rather than a bug inside it.
_APP_MODULES = {"nnviz.gui", "nnviz.gui.app"}
_QT_MODULES = {"PySide6", "pyqtgraph"}


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "gui", help="open the desktop app (the default without a command)",
        description="Open the desktop app.",
    )
    p.add_argument("--preset", choices=list(PRESETS), help="start with this preset")
    p.add_argument("--model", metavar="PATH", help="open a saved model")
    p.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    p.add_argument("--run-for", type=positive_float, metavar="SECONDS", help="train for SECONDS, then quit")
    p.add_argument("--screenshot", metavar="PATH", help="save a screenshot of the window to PATH before quitting")
    p.add_argument("--stats", metavar="PATH", help="write frame and training statistics as JSON to PATH")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    if not _display_available():
        print("nnviz: no display to open the app on (DISPLAY and WAYLAND_DISPLAY are unset); for a "
              "scripted run without one, set QT_QPA_PLATFORM=offscreen", file=sys.stderr)
        return EXIT_FAILED
    try:
        from nnviz.gui.app import run as run_app
    except ModuleNotFoundError as e:
        if e.name in _APP_MODULES:
            print("nnviz: the desktop app is not part of this installation (nnviz.gui.app is missing)", file=sys.stderr)
            return EXIT_FAILED
        if e.name in _QT_MODULES:
            print(f"nnviz: the desktop app needs {e.name}; install it with `pip install PySide6-Essentials pyqtgraph`", file=sys.stderr)
            return EXIT_FAILED
        raise
    options = {k: v for k, v in vars(args).items() if not k.startswith("_")}
    return run_app(argparse.Namespace(**options))


def _display_available() -> bool:
    """False only where Qt would abort for want of a display: X11/Wayland systems with neither set and
    no platform plugin chosen (macOS and Windows always have one)."""
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
