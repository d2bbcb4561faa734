"""Where nnviz keeps MNIST: an explicit folder, $NNVIZ_DATA_DIR, or the per-user cache directory."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["default_data_dir", "resolve_data_dir", "DATA_DIR_ENV"]

DATA_DIR_ENV = "NNVIZ_DATA_DIR"


def default_data_dir(*, platform: str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The per-user cache directory for MNIST.

    Linux and other Unix: $XDG_CACHE_HOME/nnviz/mnist (default ~/.cache/nnviz/mnist);
    macOS: ~/Library/Caches/nnviz/mnist; Windows: %LOCALAPPDATA%/nnviz/Cache/mnist
    (default ~/AppData/Local/nnviz/Cache/mnist). `platform` and `environ` default to sys.platform
    and os.environ; tests pass their own.
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        local = environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(local) / "nnviz" / "Cache" / "mnist"
    if platform == "darwin":
        return Path.home() / "Library" / "Caches" / "nnviz" / "mnist"
    xdg = environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path.
    cache = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return cache / "nnviz" / "mnist"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """`explicit` if given, else $NNVIZ_DATA_DIR if set and non-empty, else default_data_dir()."""
    if explicit is not None and str(explicit) != "":
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_DIR_ENV, "")
    if env:
        return Path(env).expanduser()
    return default_data_dir()
