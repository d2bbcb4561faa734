"""`nnviz` / `nnviz gui` start the desktop app; the CLI loads Qt only when a command needs it; a system
library missing for Qt's xcb plugin is named, with its package, before Qt is loaded, and so is a DISPLAY
where no X server listens."""

from __future__ import annotations

import contextlib
import importlib.abc
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from nnviz.cli import gui


@pytest.fixture
def fake_app(monkeypatch):
    """A stand-in nnviz.gui.app whose run() records the options it was given."""
    calls = []
    module = types.ModuleType("nnviz.gui.app")

    def run(args):
        calls.append(args)
        return 7

    module.run = run
    monkeypatch.setitem(sys.modules, "nnviz.gui.app", module)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return calls


def test_no_arguments_opens_the_app(cli, fake_app):
    result = cli()
    assert result.code == 7
    (args,) = fake_app
    assert (args.preset, args.model, args.data_dir, args.run_for, args.screenshot, args.stats) == (None,) * 6


def test_gui_passes_its_options_through(cli, fake_app, tmp_path):
    result = cli("gui", "--preset", "xor", "--model", "m.npz", "--data-dir", tmp_path, "--run-for", "2.5",
                 "--screenshot", "shot.png", "--stats", "stats.json")
    assert result.code == 7
    (args,) = fake_app
    assert (args.preset, args.model, args.data_dir, args.run_for, args.screenshot, args.stats) == (
        "xor", "m.npz", str(tmp_path), 2.5, "shot.png", "stats.json")
    assert not [name for name in vars(args) if name.startswith("_")]


def test_without_a_display_the_app_is_not_started(cli, fake_app, monkeypatch):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    result = cli("gui")
    assert result.code == 1 and fake_app == []
    assert result.err.count("\n") == 1 and "QT_QPA_PLATFORM=offscreen" in result.err


def test_a_missing_app_is_one_line_and_exit_1(cli, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setitem(sys.modules, "nnviz.gui.app", None)  # makes the import fail as if absent
    result = cli("gui")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "nnviz.gui.app" in result.err


def test_python_m_nnviz_is_the_nnviz_command(cli, run_module):
    completed = run_module("presets")
    assert completed.returncode == 0
    assert completed.stdout == cli("presets").out


def test_commands_other_than_predict_and_gui_do_not_load_qt(child_env, project_root):
    code = ("import sys; from nnviz.cli import main; main(['presets']); main(['gradcheck']); "
            "main(['train', '--preset', 'xor', '--epochs', '1']); "
            "print('PySide6' in sys.modules, 'nnviz.gui' in sys.modules)")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           cwd=project_root, env=child_env())
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip().splitlines()[-1] == "False False"


# -- system libraries for Qt's xcb plugin -----------------------------------------------------------

@pytest.fixture
def x11_session(fake_app, monkeypatch):
    """Linux with an X display and no platform chosen: Qt will use its xcb plugin. Apt is available."""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(gui, "_has_apt", lambda: True)
    monkeypatch.setattr(gui, "unreachable_x_display", lambda: None)  # as if an X server were there
    return fake_app


class FakeLoader:
    """Stands in for gui._load_library: `missing` maps a soname to what dlopen says when it fails;
    `tried` lists every soname asked for."""

    def __init__(self):
        self.missing: dict[str, str] = {}
        self.tried: list[str] = []

    def __call__(self, name: str) -> None:
        self.tried.append(name)
        if name in self.missing:
            raise OSError(self.missing[name])


@pytest.fixture
def loader(monkeypatch) -> FakeLoader:
    fake = FakeLoader()
    monkeypatch.setattr(gui, "_load_library", fake)
    return fake


needs_xcb_plugin = pytest.mark.skipif(not sys.platform.startswith("linux") or gui._xcb_plugin() is None,
                                      reason="no Linux PySide6 with its xcb plugin")


@needs_xcb_plugin
@pytest.mark.parametrize(
    ("fails", "error", "expected"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor.so.0: cannot open shared object file: No such file or directory",
         "nnviz: Qt needs the system library libxcb-cursor.so.0 to open a window; "
         "install it with `sudo apt install libxcb-cursor0`"),
        # Present, but a library it needs is not: dlopen names that one.
        ("libxcb-cursor.so.0", "libxcb-image.so.0: cannot open shared object file: No such file or directory",
         "nnviz: Qt needs the system library libxcb-image.so.0 to open a window; "
         "install it with `sudo apt install libxcb-image0`"),
    ],
    ids=["missing", "missing-dependency"],
)
def test_a_missing_xcb_library_is_named_with_its_package(cli, x11_session, loader, fails, error, expected):
    loader.missing = {fails: error}
    result = cli("gui")
    assert result.code == 2 and x11_session == []
    assert result.err == expected + "\n"


@needs_xcb_plugin
def test_several_missing_libraries_make_one_line(cli, x11_session, loader):
    loader.missing = {name: f"{name}: cannot open shared object file: No such file or directory"
                      for name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")}
    result = cli("gui")
    assert result.code == 2 and x11_session == []
    assert result.err == ("nnviz: Qt needs the system libraries libxcb-icccm.so.4 and libxcb-keysyms.so.1 to open "
                          "a window; install them with `sudo apt install libxcb-icccm4 libxcb-keysyms1`\n")


@needs_xcb_plugin
def test_with_every_library_loadable_the_app_starts(cli, x11_session, loader):
    assert cli("gui").code == 7 and len(x11_session) == 1
    assert "libxcb-cursor.so.0" in loader.tried and "libxkbcommon-x11.so.0" in loader.tried
    assert not [name for name in loader.tried if name.startswith("libQt6")]  # bundled with PySide6


def test_a_failing_check_never_stops_the_app(cli, x11_session, loader, monkeypatch, tmp_path):
    not_elf = tmp_path / "libqxcb.so"
    not_elf.write_text("not a shared library")
    monkeypatch.setattr(gui, "_xcb_plugin", lambda: not_elf)
    loader.missing = {"libxcb-cursor.so.0": "libxcb-cursor.so.0: cannot open shared object file"}
    assert cli("gui").code == 7 and len(x11_session) == 1


@pytest.mark.parametrize(
    "setting",
    [{"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "wayland"}, {"WAYLAND_DISPLAY": "wayland-0"},
     {"platform": "darwin"}],
    ids=["offscreen", "wayland", "wayland-session", "macos"],
)
def test_the_check_runs_only_where_qt_will_use_xcb(cli, x11_session, loader, monkeypatch, tmp_path, setting):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    (tmp_path / "wayland-0").touch()  # the Wayland session's socket is there
    for name, value in setting.items():
        if name == "platform":
            monkeypatch.setattr(sys, "platform", value)
        else:
            monkeypatch.setenv(name, value)
    loader.missing = {"libxcb-cursor.so.0": "libxcb-cursor.so.0: cannot open shared object file"}
    assert cli("gui").code == 7 and loader.tried == []


def _unused_display_number() -> int:
    """A display number with no X server: no socket file, no abstract name."""
    for number in range(4000 + os.getpid() % 1000, 6000):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not gui._answers(
                socket.AF_UNIX, f"\0/tmp/.X11-unix/X{number}"):
            return number
    pytest.skip("no free display number")


@contextlib.contextmanager
def fake_x_server(family, address, answer: bool = True):
    """A server at `address` that takes one connection and (if `answer`) replies to the X setup as a
    real one would (with a refusal: any answer shows a server is there). Yields the bound address."""
    server = socket.socket(family, socket.SOCK_STREAM)
    server.bind(address)
    server.listen()

    def serve():
        try:
            connection, _ = server.accept()
        except OSError:
            return
        with connection:
            connection.recv(12)
            if answer:
                connection.sendall(b"\x00" + b"\x00" * 7)  # status 0: failed (no authorisation)
            else:
                time.sleep(1.0)  # accepts and never answers, as a hung server

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()
    finally:
        server.close()
        thread.join(2)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays on Linux")
def test_a_display_without_an_x_server_is_one_line_not_a_qt_abort(run_module):
    number = _unused_display_number()
    child = run_module("gui", "--preset", "xor", env={"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "",
                                                       "WAYLAND_DISPLAY": ""})
    assert child.returncode == 1
    assert child.stderr == (f"nnviz: no X server answers at DISPLAY=:{number}; start one or correct DISPLAY (for "
                            "a scripted run without a screen, set QT_QPA_PLATFORM=offscreen)\n")


@pytest.fixture
def linux_x11(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract socket names are Linux's")
def test_a_local_display_that_answers_is_left_to_qt(linux_x11, monkeypatch):
    number = _unused_display_number()
    monkeypatch.setenv("DISPLAY", f":{number}")
    assert gui.unreachable_x_display() == f":{number}"
    for display in (f":{number}", f"unix:{number}.0"):
        with fake_x_server(socket.AF_UNIX, f"\0/tmp/.X11-unix/X{number}"):  # where Xorg and Xvfb listen too
            monkeypatch.setenv("DISPLAY", display)
            assert gui.unreachable_x_display() is None


def test_a_remote_display_is_tried_over_tcp_and_must_answer(linux_x11, monkeypatch):
    monkeypatch.setattr(gui, "X_ANSWER_SECONDS", 0.3)
    for answer, expected in ((True, None), (False, "127.0.0.1:7")):
        with fake_x_server(socket.AF_INET, ("127.0.0.1", 0), answer) as (_, port):
            monkeypatch.setattr(gui, "X_TCP_PORT", port - 7)  # the server stands for display 7
            monkeypatch.setenv("DISPLAY", "127.0.0.1:7")
            assert gui.unreachable_x_display() == expected  # a server that never answers would hang Qt
    for nowhere in ("no-such-host.invalid:0", "127.0.0.1:70000", "127.0.0.1:8"):
        monkeypatch.setenv("DISPLAY", nowhere)
        assert gui.unreachable_x_display() == nowhere


@pytest.mark.parametrize("display", [":", ":abc", "host::0", ":0x", ":93 ", ":\u0669\u0663", ":" + "9" * 5000])
def test_what_is_no_display_name_gets_the_same_line(linux_x11, monkeypatch, display):
    monkeypatch.setenv("DISPLAY", display)
    assert gui.unreachable_x_display() == display  # Qt would abort on each


def test_a_socket_path_is_left_to_qt(linux_x11, monkeypatch):
    monkeypatch.setenv("DISPLAY", "/private/tmp/com.apple.launchd.x/org.xquartz:0")
    assert gui.unreachable_x_display() is None


@pytest.mark.parametrize(("platform", "wayland", "checked"), [
    ("XCB", None, True), ("xcb;wayland", None, True), ("wayland;xcb", None, False),
    ("", "no-such-wayland-socket", True), ("", "exists", False)])
def test_the_display_is_checked_wherever_qt_ends_on_xcb(linux_x11, monkeypatch, tmp_path, platform, wayland, checked):
    number = _unused_display_number()
    monkeypatch.setenv("DISPLAY", f":{number}")
    monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    if wayland is not None:
        monkeypatch.setenv("WAYLAND_DISPLAY", wayland)
        if wayland == "exists":
            (tmp_path / wayland).touch()
    assert (gui.unreachable_x_display() is not None) is checked


def test_qt_missing_a_system_library_on_import_is_one_line(cli, monkeypatch):
    class QtGuiCannotLoad(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "nnviz.gui.app":
                raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
            return None

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # any platform: QtGui itself cannot load
    monkeypatch.delitem(sys.modules, "nnviz.gui.app", raising=False)
    monkeypatch.setattr(sys, "meta_path", [QtGuiCannotLoad(), *sys.meta_path])
    monkeypatch.setattr(gui, "_has_apt", lambda: True)
    result = cli("gui")
    assert result.code == 2
    assert result.err == ("nnviz: Qt needs the system library libEGL.so.1 to open a window; "
                          "install it with `sudo apt install libegl1`\n")


@pytest.mark.parametrize(
    ("missing", "apt", "advice"),
    [
        (["libxcb-cursor.so.0"], False,
         "install it with your system's package manager (on Debian and Ubuntu: libxcb-cursor0)"),
        (["libfoo.so.3"], True, "install it with your system's package manager"),
        (["libGL.so.1", "libEGL.so.1", "libxcb-cursor.so.0"], True,
         "install them with `sudo apt install libgl1 libegl1 libxcb-cursor0`"),
    ],
    ids=["no-apt", "unknown-library", "three"],
)
def test_the_advice_fits_the_system(monkeypatch, missing, apt, advice):
    monkeypatch.setattr(gui, "_has_apt", lambda: apt)
    assert gui._needs_libraries(missing).endswith("to open a window; " + advice)


@needs_xcb_plugin
@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf is not installed")
def test_the_plugin_s_needs_are_read_as_readelf_reads_them():
    plugin = gui._xcb_plugin()
    for path in (plugin, plugin.parents[2] / "lib" / "libQt6XcbQpa.so.6"):
        listing = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
        assert gui._elf_needed(path) == re.findall(r"\(NEEDED\)\s+Shared library: \[(.+)\]", listing)
    assert "libxcb-cursor.so.0" in gui._system_libraries(plugin)


@needs_xcb_plugin
def test_the_check_is_quick_and_does_not_load_qt(child_env, project_root):
    code = ("import sys, time; from nnviz.cli import gui; start = time.perf_counter(); "
            "missing = gui.missing_xcb_libraries(); took = time.perf_counter() - start; "
            "print(took, 'PySide6' in sys.modules, gui._xcb_expected())")
    env = {k: v for k, v in child_env({"DISPLAY": ":0"}).items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           cwd=project_root, env=env)
    assert child.returncode == 0, child.stderr
    took, qt_loaded, checked = child.stdout.split()
    assert (qt_loaded, checked) == ("False", "True")
    assert float(took) < 0.1  # about 7 ms: the ELF headers of four files and a dlopen per library
