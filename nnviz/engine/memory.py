"""How much memory a network needs, and how much this machine can give it.

Used before anything big is allocated: `nnviz.training.build` refuses a network that would not fit,
and model files refuse parameters beyond MAX_PARAMETERS whatever their own metadata claims.
Estimates count arrays of the network's dtype; they are meant to be right within a factor of two,
which is enough to tell a network that trains from one that takes the machine down.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from nnviz.engine.phrases import QT_TRANSLATE_NOOP

#: The most parameters (weights and biases) nnviz builds, trains or loads: ~200 MB of float32.
MAX_PARAMETERS = 50_000_000

#: Copies of the parameters any training keeps besides the parameters themselves: the gradients,
#: the optimiser's scratch buffer, and a snapshot's copies of the weights, gradients and updates.
_PARAMETER_COPIES = 5
#: The copies each optimiser adds: momentum's velocities, Adam's first and second moments.
_OPTIMIZER_STATE = {"sgd": 0, "momentum": 1, "adam": 2}


def parameter_count(sizes: Sequence[int]) -> int:
    """Weights and biases of a fully-connected network of layer sizes (n_in, ..., n_out)."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes, sizes[1:]))


def network_bytes(sizes: Sequence[int], itemsize: int, optimizer: str | None = None,
                  train_rows: int = 0, forward_rows: int = 0) -> int:
    """Bytes a network of `sizes` needs at its peak.

    optimizer: None for a network that only runs forward (no gradients, no optimiser state).
    train_rows: samples per training step; its forward trace (z and a of every layer) and backward
    pass (delta of every layer, one grad_a at a time) are alive together.
    forward_rows: the largest batch run forward only (an evaluation chunk, a decision surface): a
    surface keeps every layer's z, a and a copy of a; an evaluation needs less (z, z + b and f(z) of
    one layer at a time).
    """
    sizes = [int(n) for n in sizes]
    n_in, neurons, widest = sizes[0], sum(sizes[1:]), max(sizes[1:], default=0)
    copies = 1 if optimizer is None else 1 + _PARAMETER_COPIES + _OPTIMIZER_STATE.get(optimizer, 2)
    floats = copies * parameter_count(sizes)
    if optimizer is not None:
        floats += train_rows * (2 * n_in + 3 * neurons + widest)
    floats += forward_rows * (n_in + 3 * neurons)
    return floats * itemsize


def available_memory() -> int | None:
    """Bytes of memory this process can still use without swapping, or None where unknown.

    Linux: MemAvailable from /proc/meminfo, lowered to what the process's cgroup (a container's
    memory limit) leaves; Windows: the available physical memory; elsewhere the free (or, failing
    that, the total) physical pages.
    """
    if sys.platform.startswith("linux"):
        known = [n for n in (_meminfo_available(), _cgroup_room()) if n is not None]
        if known:
            return min(known)
    if sys.platform == "win32":
        return _windows_available()
    for pages in ("SC_AVPHYS_PAGES", "SC_PHYS_PAGES"):
        try:
            n, size = os.sysconf(pages), os.sysconf("SC_PAGE_SIZE")
        except (AttributeError, ValueError, OSError):
            continue
        if n > 0 and size > 0:
            return n * size
    return None


def format_bytes(n: float) -> str:
    """1536 -> "1.5 KiB", 627e9 -> "584 GiB": binary units, a decimal only below 10."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            break
        n /= 1024
    if unit == "bytes":
        return QT_TRANSLATE_NOOP("Memory", "{n} bytes").format(n=int(n))
    return f"{n:.1f} {unit}" if n < 10 else f"{n:,.0f} {unit}"


def _meminfo_available() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024  # reported in kB
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_room() -> int | None:
    """What the memory limit of this process's cgroup (v2) leaves, or None without a limit."""
    try:
        lines = Path("/proc/self/cgroup").read_text(encoding="ascii").splitlines()
        group = next(line[3:] for line in lines if line.startswith("0::"))
        folder = Path("/sys/fs/cgroup") / group.lstrip("/")
        limit = (folder / "memory.max").read_text(encoding="ascii").strip()
        if limit == "max":
            return None
        return max(0, int(limit) - int((folder / "memory.current").read_text(encoding="ascii")))
    except (OSError, ValueError, StopIteration):
        return None


def _windows_available() -> int | None:
    import ctypes

    class MemoryStatusEx(ctypes.Structure):
        _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong)] + [
            (name, ctypes.c_ulonglong) for name in (
                "ullTotalPhys", "ullAvailPhys", "ullTotalPageFile", "ullAvailPageFile",
                "ullTotalVirtual", "ullAvailVirtual", "ullAvailExtendedVirtual")
        ]

    status = MemoryStatusEx()
    status.dwLength = ctypes.sizeof(status)
    try:
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
            return int(status.ullAvailPhys)
    except (AttributeError, OSError):
        pass
    return None
