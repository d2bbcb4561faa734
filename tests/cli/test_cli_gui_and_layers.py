"""`nnviz` / `nnviz gui` start the desktop app; the CLI loads Qt only when a command needs it."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest


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
