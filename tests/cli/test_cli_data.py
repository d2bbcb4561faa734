"""`nnviz data mnist` against a local server, and its progress bar; MNIST files that cannot be read or
make no sense end in one line and exit code 2 (a failed download: exit code 1)."""

from __future__ import annotations

import functools
import gzip
import io
import socket
import struct
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from nnviz.cli import data
from nnviz.cli.output import DownloadBar
from nnviz.data.errors import DownloadCancelled
from nnviz.data.idx import write_idx
from nnviz.data.mnist_download import download_mnist
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


def _fake_mnist(d: Path) -> Path:
    """Four tiny MNIST-shaped gzipped IDX files (4 train, 2 test images) in d."""
    d.mkdir(parents=True, exist_ok=True)
    for prefix, n in (("train", 4), ("t10k", 2)):
        write_idx(d / f"{prefix}-images-idx3-ubyte.gz", np.full((n, 28, 28), 7, np.uint8), compress=True)
        write_idx(d / f"{prefix}-labels-idx1-ubyte.gz", np.arange(n, dtype=np.uint8), compress=True)
    return d


def _assert_one_line_error(result, code: int) -> str:
    assert result.code == code, (result.out, result.err)
    assert "Traceback" not in result.err
    assert result.err.count("\n") == 1 and result.err.startswith("nnviz: error: "), result.err
    return result.err.strip().removeprefix("nnviz: error: ")


def test_unreadable_file_says_which_and_what_to_do_and_downloads_nothing(cli, tmp_path, refuse_to_open):
    d = _fake_mnist(tmp_path / "mnist")
    path = d / "t10k-labels-idx1-ubyte.gz"
    before = path.read_bytes()
    refuse_to_open(path)
    result = cli("data", "mnist", "--data-dir", d, "--mirror", "http://127.0.0.1:9/unreachable/")
    assert _assert_one_line_error(result, 2) == (
        f"{path}: permission denied; make the file readable (e.g. chmod a+r), or delete it and "
        "run `nnviz data mnist` to download it again"
    )
    assert "downloading" not in result.out
    assert path.read_bytes() == before
    assert sorted(p.name for p in d.iterdir()) == sorted(f"{f.name}.gz" for f in FILES)


def test_folder_where_a_file_should_be(cli, serve, mnist_dir, tmp_path):
    d = tmp_path / "mnist"
    folder = d / "train-images-idx3-ubyte.gz"
    (folder / "train-images-idx3-ubyte").mkdir(parents=True)
    result = cli("data", "mnist", "--data-dir", d, "--mirror", serve(mnist_dir))
    message = _assert_one_line_error(result, 2)
    assert message.startswith(f"{folder} is a folder, not a file; move it out of {d}")
    assert (folder / "train-images-idx3-ubyte").is_dir()
    assert list(d.glob("*.part")) == []


def test_eval_names_the_data_file_not_the_model(cli, tmp_path):
    d = _fake_mnist(tmp_path / "mnist")
    model = tmp_path / "m.npz"
    trained = cli("train", "--dataset", "mnist", "--data-dir", d, "--layers", "784,10", "--output", "softmax",
                  "--loss", "ce", "--epochs", "1", "--save", model)
    assert trained.code == 0, trained.err
    images, labels = d / "t10k-images-idx3-ubyte.gz", d / "t10k-labels-idx1-ubyte.gz"
    images.write_bytes(gzip.compress(struct.pack(">BBBB3I", 0, 0, 8, 3, 0, 28, 28)))
    labels.write_bytes(gzip.compress(struct.pack(">BBBBI", 0, 0, 8, 1, 0)))
    result = cli("eval", "--model", model, "--data-dir", d)
    assert _assert_one_line_error(result, 2) == (
        f"{images}: declares 0 images; delete it and run `nnviz data mnist` to download it again"
    )


def test_a_stalled_mirror_is_one_line(cli, tmp_path, monkeypatch):
    """A mirror that accepts and never answers is given up on after the (here shortened) timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/silent/"
    monkeypatch.setattr(data, "download_mnist", functools.partial(download_mnist, connect_timeout=0.5, timeout=0.5))
    try:
        start = time.monotonic()
        result = cli("data", "mnist", "--data-dir", tmp_path / "mnist", "--mirror", url)
        assert time.monotonic() - start < 3
    finally:
        listener.close()
    last = result.err.strip().splitlines()[-1]
    assert result.code == 1 and "Traceback" not in result.err
    assert last == (f"nnviz: error: could not download train-images-idx3-ubyte.gz into {tmp_path / 'mnist'}: "
                    f"{url}train-images-idx3-ubyte.gz: connected, but no answer within 0.5 s")
