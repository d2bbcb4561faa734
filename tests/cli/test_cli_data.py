"""`nnviz data mnist` against a local server, and its progress bar."""

from __future__ import annotations

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nnviz.cli import data
from nnviz.cli.output import DownloadBar
from nnviz.data.errors import DownloadCancelled
from nnviz.data.mnist_files import FILES


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def serve():
    """serve(directory) -> the URL of a local HTTP server for that directory."""
    servers = []

    def start(directory) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_downloads_verifies_and_then_finds_mnist_present(cli, serve, mnist_dir, tmp_path):
    target = tmp_path / "mnist"
    mirror = serve(mnist_dir)
    result = cli("data", "mnist", "--data-dir", target, "--mirror", mirror)
    assert result.code == 0, result.err
    for f in FILES:
        assert (target / f"{f.name}.gz").is_file()
    assert f"MNIST is ready in {target}" in result.out
    assert "train-images-idx3-ubyte.gz" in result.err and "100%" in result.err and "MB" in result.err

    again = cli("data", "mnist", "--data-dir", target, "--mirror", "http://127.0.0.1:9/unreachable/")
    assert again.code == 0
    assert "already" in again.out and str(target) in again.out


def test_uses_nnviz_data_dir(cli, serve, tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(tmp_path / "from-env"))
    result = cli("data", "mnist", "--mirror", serve(tmp_path / "empty-mirror"))
    assert str(tmp_path / "from-env") in result.out


def test_a_failed_download_is_one_line_and_exit_1(cli, serve, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("data", "mnist", "--data-dir", tmp_path / "mnist", "--mirror", serve(tmp_path / "empty"))
    assert result.code == 1
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("nnviz: error: could not download") and "404" in last


def test_cancelling_says_how_to_resume(cli, tmp_path, monkeypatch):
    def cancelled(*args, **kwargs):
        raise DownloadCancelled("download cancelled")

    monkeypatch.setattr(data, "download_mnist", cancelled)
    result = cli("data", "mnist", "--data-dir", tmp_path)
    assert result.code == 130
    assert result.err.strip() == "nnviz: download cancelled; run again to resume"


def test_progress_bar_in_a_log_writes_whole_lines():
    stream = io.StringIO()
    bar = DownloadBar(stream)
    bar("t10k-labels-idx1-ubyte.gz", 0, 4_542)
    bar("t10k-labels-idx1-ubyte.gz", 2_000, 4_542)  # within the interval: not drawn
    bar("t10k-labels-idx1-ubyte.gz", 4_542, 4_542)
    bar("other.gz", 1_500_000, None)
    bar.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("t10k-labels-idx1-ubyte.gz") and lines[0].endswith("  0%  0.0/4.5 kB")
    assert "100%" in lines[1]
    assert lines[2] == "other.gz  1.5 MB"
