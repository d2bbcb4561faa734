"""Where MNIST lives: per-platform cache folders and the explicit > env > default precedence."""

from pathlib import Path

import pytest

from nnviz.data import default_data_dir, resolve_data_dir


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    return tmp_path / "home"


def test_linux_uses_xdg_cache_home(home):
    assert default_data_dir(platform="linux", environ={"XDG_CACHE_HOME": "/srv/cache"}) == Path(
        "/srv/cache/nnviz/mnist"
    )


@pytest.mark.parametrize("xdg", [None, "", "relative/cache"])
def test_linux_falls_back_to_dot_cache(home, xdg):
    environ = {} if xdg is None else {"XDG_CACHE_HOME": xdg}
    assert default_data_dir(platform="linux", environ=environ) == home / ".cache" / "nnviz" / "mnist"


def test_macos(home):
    assert default_data_dir(platform="darwin", environ={}) == home / "Library/Caches/nnviz/mnist"


def test_windows_local_app_data(home):
    got = default_data_dir(platform="win32", environ={"LOCALAPPDATA": str(home / "LAD")})
    assert got == home / "LAD" / "nnviz" / "Cache" / "mnist"
    fallback = default_data_dir(platform="win32", environ={})
    assert fallback == home / "AppData" / "Local" / "nnviz" / "Cache" / "mnist"


def test_explicit_beats_env_beats_default(tmp_path, monkeypatch, home):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir(str(tmp_path / "explicit")) == tmp_path / "explicit"
    assert resolve_data_dir() == tmp_path / "from-env"
    monkeypatch.setenv("NNVIZ_DATA_DIR", "")
    assert resolve_data_dir() == default_data_dir()
    monkeypatch.delenv("NNVIZ_DATA_DIR")
    assert resolve_data_dir(None) == default_data_dir()


def test_explicit_tilde_is_expanded(home):
    assert resolve_data_dir("~/mnist") == home / "mnist"
