"""`nnviz gui` (and plain `nnviz`): open the desktop app.

The app is imported only here and only when asked for, so every other command works without it.

On Linux with X11, Qt's xcb platform plugin needs system libraries that a bare system may lack (Qt 6.5
and later need libxcb-cursor0, for one). Without them Qt ends the app with "Could not load the Qt
platform plugin "xcb"", so before Qt is imported the plugin's dependencies are read from its ELF
header and each system library is loaded once; any that cannot be is named with the package that has
it. The check takes a few milliseconds and, if anything about it goes wrong, is skipped. Before it,
a DISPLAY where no X server listens is found by connecting there, where Qt would abort with a core
dump.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import re
import shutil
import signal
import socket
import struct
import sys
from dataclasses import replace
from pathlib import Path

from nnviz.cli.argtypes import positive_float
from nnviz.cli.errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from nnviz.data import GENERATORS, load_spec, spec_of
from nnviz.data.spec import CSV_TASKS
from nnviz.training.data_fit import DataShape, shape_of_spec, starting_preset
from nnviz.training.presets import PRESETS, get_preset

# Missing modules that mean "the app is not there", rather than a bug inside it.
_APP_MODULES = {"nnviz.gui", "nnviz.gui.app"}
_QT_MODULES = {"PySide6", "pyqtgraph"}

# The Debian and Ubuntu packages of the system libraries that Qt's xcb plugin and QtGui load.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}
# What dlopen (and so ctypes and Python's import of an extension module) says of a missing library.
_NOT_FOUND = re.compile(r"([^\s:]+\.so[.\d]*): cannot open shared object file")
#: X display N listens on TCP port X_TCP_PORT + N.
X_TCP_PORT = 6000
#: How long an X server may take to answer the connection setup.
X_ANSWER_SECONDS = 2.0
_SHT_DYNAMIC = 6  # ELF section type of the dynamic section
_DT_NEEDED = 1  # dynamic entry naming a library the file needs


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "gui", help="open the desktop app (the default without a command)",
        description="Open the desktop app.",
    )
    p.add_argument("--preset", choices=list(PRESETS), help="start with this preset")
    p.add_argument("--dataset", metavar="DATA", help="start on this data: xor, gender, mnist, a generator "
                   f"({', '.join(GENERATORS)}) or the path of a CSV file (with --preset: that network on it)")
    p.add_argument("--label-column", metavar="NAME", help="with a CSV file: the column to predict (default: the last)")
    p.add_argument("--task", choices=CSV_TASKS, default="auto",
                   help="with a CSV file: classification or regression (default: decided from the label column)")
    p.add_argument("--model", metavar="PATH", help="open a saved model")
    p.add_argument("--data-dir", metavar="DIR", help="where MNIST is (default: $NNVIZ_DATA_DIR or the user cache)")
    p.add_argument("--run-for", type=positive_float, metavar="SECONDS", help="train for SECONDS, then quit")
    p.add_argument("--screenshot", metavar="PATH", help="save a screenshot of the window to PATH before quitting")
    p.add_argument("--stats", metavar="PATH", help="write frame and training statistics as JSON to PATH")
    p.add_argument("--lang", metavar="CODE", help="the window's language: en or zh_CN (default: $NNVIZ_LANG, "
                   "the one last chosen in View > Language, else the system's)")
    p.set_defaults(_run=run, _parser=p)


def run(args) -> int:
    starting = None  # the preset --dataset asks for, checked before anything slow
    if getattr(args, "dataset", None):
        try:
            starting = data_preset(args.dataset, args.label_column, args.task, args.preset)
        except ValueError as e:  # an unknown name, a bad CSV (one line naming row and column)
            print(f"nnviz: {e}", file=sys.stderr)
            return EXIT_USAGE
    elif getattr(args, "label_column", None) or getattr(args, "task", "auto") != "auto":
        print("nnviz: --label-column and --task go with --dataset FILE.csv", file=sys.stderr)
        return EXIT_USAGE
    if not _display_available():
        print("nnviz: no display to open the app on (DISPLAY and WAYLAND_DISPLAY are unset); for a "
              "scripted run without one, set QT_QPA_PLATFORM=offscreen", file=sys.stderr)
        return EXIT_FAILED
    unanswered = unreachable_x_display()
    if unanswered is not None:
        # Qt would abort ("could not connect to display") with a core dump and seven lines of advice.
        print(f"nnviz: no X server answers at DISPLAY={unanswered}; start one or correct DISPLAY (for a "
              "scripted run without a screen, set QT_QPA_PLATFORM=offscreen)", file=sys.stderr)
        return EXIT_FAILED
    missing = missing_xcb_libraries()
    if missing:
        print(f"nnviz: {_needs_libraries(missing)}", file=sys.stderr)
        return EXIT_USAGE
    # Ctrl+C while PySide6 loads would interrupt its start-up code (seen: an abort, a segfault) or be
    # lost: until the app installs its own handler, it only marks the run as interrupted.
    early = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: early.append(signum))
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
    except ImportError as e:  # Qt itself needs a system library that is missing (with any platform)
        not_found = _NOT_FOUND.search(str(e))
        if not_found is None:
            raise
        print(f"nnviz: {_needs_libraries([not_found.group(1)])}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if "run_app" not in locals():  # not going on to the app: Ctrl+C is an ordinary exception again
            signal.signal(signal.SIGINT, previous)
    if early:
        print("nnviz: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    options = {k: v for k, v in vars(args).items() if not k.startswith("_")}
    if starting is not None:
        options["preset"] = starting
    # The app replaces the marking handler with its own as soon as it can, and looks at `early` then.
    try:
        return run_app(argparse.Namespace(**options, early_interrupts=early))
    finally:
        signal.signal(signal.SIGINT, previous)


def data_preset(dataset: str, label_column: str | None = None, task: str = "auto", preset: str | None = None):
    """The preset `nnviz gui --dataset DATA` starts with (see data_fit.starting_preset). A CSV file is
    read and checked here, so a bad one is refused in the terminal before any window opens."""
    spec = spec_of(dataset)
    if spec.kind == "csv":
        spec = replace(spec, path=str(Path(spec.path).resolve()), label_column=label_column, task=task)
        shape = DataShape.of(load_spec(spec))
    elif label_column or task != "auto":
        raise ValueError("--label-column and --task go with a CSV file")
    else:
        shape = shape_of_spec(spec)
    return starting_preset(spec, shape, get_preset(preset) if preset else None)


def _display_available() -> bool:
    """False only where Qt would abort for want of a display: X11/Wayland systems with neither set and
    no platform plugin chosen (macOS and Windows always have one)."""
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def unreachable_x_display() -> str | None:
    """DISPLAY, where Qt will use xcb and no X server answers there; None where one does, or where
    DISPLAY names a socket path (macOS's launchd form: Qt tries for itself).

    The check connects as libxcb would (":N" a local socket, "host:N" or "[v6]:N" TCP port 6000 + N) and
    sends the X connection setup; any answer within X_ANSWER_SECONDS will do (whether the server then
    accepts us is left to Qt). A DISPLAY that is no display name at all gets the same answer: Qt would
    abort on it.
    """
    if not _xcb_expected():
        return None
    display = os.environ["DISPLAY"]
    if "/" in display:
        return None
    form = re.fullmatch(r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9._-]*)):(?P<number>[0-9]{1,9})"
                        r"(?:\.[0-9]{1,9})?", display)
    if form is None:
        return display
    host, number = form["v6"] or form["host"], int(form["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux X servers listen on the abstract name too, which works where /tmp is private.
        addresses = [(socket.AF_UNIX, "\0" + path), (socket.AF_UNIX, path)]
    elif X_TCP_PORT + number > 65535:
        return display
    else:
        try:
            found = socket.getaddrinfo(host, X_TCP_PORT + number, type=socket.SOCK_STREAM)
        except OSError:  # a host that does not resolve has no server either
            found = []
        addresses = [(family, address) for family, _, _, _, address in found]
    return None if any(_answers(family, address) for family, address in addresses) else display


def _answers(family: int, address) -> bool:
    """Whether an X server answers the connection setup at `address` within X_ANSWER_SECONDS (a socket
    that accepts and never answers would leave Qt waiting for ever)."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(X_ANSWER_SECONDS)
            probe.connect(address)
            # Byte order "l" (little-endian), protocol 11.0, no authorisation: any server replies,
            # if only to refuse us.
            probe.sendall(struct.pack("<BxHHHHxx", ord("l"), 11, 0, 0, 0))
            return len(probe.recv(8)) > 0
    except OSError:  # refused, nothing there, or no answer in time
        return False


def missing_xcb_libraries() -> list[str]:
    """The system libraries (sonames) Qt's xcb plugin needs that cannot be loaded, the plugin's own
    first; empty where the platform will not be xcb, or if the check itself fails."""
    if not _xcb_expected():
        return []
    try:
        plugin = _xcb_plugin()
        if plugin is None:
            return []
        missing = []
        for name in _system_libraries(plugin):
            try:
                _load_library(name)
            except OSError as e:
                # dlopen names the library it could not find: this one, or one it needs in turn.
                not_found = _NOT_FOUND.search(str(e))
                missing.append(not_found.group(1) if not_found else name)
        return list(dict.fromkeys(missing))
    except Exception:  # an unusual Qt layout or file: let Qt try, rather than refuse a working setup
        return []


def _xcb_expected() -> bool:
    """Whether Qt will use its xcb (X11) plugin: Linux, QT_QPA_PLATFORM unset or xcb, an X display, and
    (with QT_QPA_PLATFORM unset) no Wayland display, where Qt prefers its wayland plugin."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return False
    # "xcb", "XCB", "xcb:option", or a fallback list "xcb;wayland": its first choice counts.
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if platform:
        return platform == "xcb"
    return not _wayland_socket_exists()


def _wayland_socket_exists() -> bool:
    """Whether WAYLAND_DISPLAY names a socket that exists: Qt prefers Wayland then, and falls back to
    xcb (and its abort) when it names none."""
    name = os.environ.get("WAYLAND_DISPLAY")
    if not name:
        return False
    path = Path(name) if os.path.isabs(name) else Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return path.exists()


def _xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, found without importing PySide6; None where it is not laid out as in the
    PySide6 wheels."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        plugin = Path(location) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def _system_libraries(plugin: Path) -> list[str]:
    """The libraries `plugin` needs, directly or through the Qt libraries bundled beside it (which are
    followed, not listed), nearest first: what the dynamic loader will look for on the system."""
    bundled = plugin.parents[2] / "lib"  # Qt/plugins/platforms/ -> Qt/lib/
    system, seen, todo = [], set(), [plugin]
    while todo:
        for name in _elf_needed(todo.pop(0)):
            if name in seen:
                continue
            seen.add(name)
            if (bundled / name).is_file():
                todo.append(bundled / name)
            else:
                system.append(name)
    return system


def _elf_needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file: what `readelf -d` lists as NEEDED.

    Reads only the section headers, the dynamic section and its string table (a few kB).
    """
    with open(path, "rb") as f:
        header = f.read(64)
        if header[:6] != b"\x7fELF\x02\x01":
            raise ValueError(f"{path} is not a 64-bit little-endian ELF file")
        (section_offset,) = struct.unpack_from("<Q", header, 0x28)
        entry_size, count = struct.unpack_from("<HH", header, 0x3A)
        f.seek(section_offset)
        table = f.read(entry_size * count)
        # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
        sections = [struct.unpack_from("<IIQQQQIIQQ", table, i * entry_size) for i in range(count)]

        def contents(section) -> bytes:
            f.seek(section[4])
            return f.read(section[5])

        dynamic = next(section for section in sections if section[1] == _SHT_DYNAMIC)
        strings = contents(sections[dynamic[6]])
        entries = contents(dynamic)
    needed = []
    for tag, value in struct.iter_unpack("<qQ", entries):
        if tag == 0:  # DT_NULL ends the table
            break
        if tag == _DT_NEEDED:
            needed.append(strings[value:strings.index(b"\0", value)].decode())
    return needed


def _load_library(name: str) -> None:
    """Load a shared library as Qt's plugin loader would (by soname); OSError if it cannot be."""
    ctypes.CDLL(name)


def _needs_libraries(missing: list[str]) -> str:
    """"Qt needs the system library X to open a window; install it with `sudo apt install P`"."""
    one = len(missing) == 1
    it = "it" if one else "them"
    text = f"Qt needs the system {'library' if one else 'libraries'} {_and(missing)} to open a window; "
    packages = " ".join(dict.fromkeys(DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES))
    if _has_apt() and all(name in DEBIAN_PACKAGES for name in missing):
        return text + f"install {it} with `sudo apt install {packages}`"
    text += f"install {it} with your system's package manager"
    return text + (f" (on Debian and Ubuntu: {packages})" if packages else "")


def _has_apt() -> bool:
    return shutil.which("apt") is not None


def _and(names: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
