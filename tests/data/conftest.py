"""Fixtures for the nnviz.data tests: the real MNIST files, small fake MNIST folders, and a local
HTTP server that plays several download mirrors (with Range support and scripted failures)."""

from __future__ import annotations

import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from nnviz.data.idx import write_idx
from nnviz.data.mnist_files import FILES, find_file

# Tests run from a clone at X/main with the shared files at X/shared.
SHARED_MNIST = Path(__file__).resolve().parents[2].parent / "shared" / "mnist"


def _has_mnist(d: Path) -> bool:
    return d.is_dir() and all(find_file(d, f.name) is not None for f in FILES)


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """A folder with the four real MNIST files: $NNVIZ_DATA_DIR if it has them, else ../shared/mnist."""
    candidates = [Path(p) for p in [os.environ.get("NNVIZ_DATA_DIR", "")] if p] + [SHARED_MNIST]
    for d in candidates:
        if _has_mnist(d):
            return d
    pytest.skip(f"real MNIST not found in {', '.join(map(str, candidates))}")


def make_fake_mnist(d: Path, n_train: int = 6, n_test: int = 3, compress: bool = True) -> Path:
    """Write four tiny MNIST-shaped IDX files (random pixels, labels 0..9) into d; returns d."""
    rng = np.random.default_rng(0)
    d.mkdir(parents=True, exist_ok=True)
    suffix = ".gz" if compress else ""
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(d / f"{prefix}-images-idx3-ubyte{suffix}",
                  rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), compress=compress)
        write_idx(d / f"{prefix}-labels-idx1-ubyte{suffix}",
                  (np.arange(n) % 10).astype(np.uint8), compress=compress)
    return d


@pytest.fixture(name="make_fake_mnist")
def make_fake_mnist_fixture():
    """The make_fake_mnist function, for tests that build their own fake folders."""
    return make_fake_mnist


@pytest.fixture
def fake_mnist(tmp_path) -> Path:
    """A folder of four tiny gzipped MNIST-shaped files (6 train, 3 test images)."""
    return make_fake_mnist(tmp_path / "fake")


class MirrorServer(ThreadingHTTPServer):
    """Serves `files[(mirror, name)]` at /mirror/name, one behaviour per mirror (see `modes`).

    modes[mirror]: "ok" (default; honours Range), "404" (everything is missing),
    "ignore-range" (always answers 200 with the whole file), "drop" (the first `drops[mirror]`
    responses send the full Content-Length but close after half the body).
    requests records (mirror, name, Range header or None) for every request.
    """

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _MirrorHandler)
        self.files: dict[tuple[str, str], bytes] = {}
        self.modes: dict[str, str] = {}
        self.drops: dict[str, int] = {}
        self.requests: list[tuple[str, str, str | None]] = []
        self.errors: list[BaseException] = []
        self.lock = threading.Lock()

    def url(self, mirror: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{mirror}/"

    def handle_error(self, request, client_address):
        # A client that hangs up early is expected in some tests; keep stderr quiet, but keep a record.
        self.errors.append(sys.exc_info()[1])


class _MirrorHandler(BaseHTTPRequestHandler):
    server: MirrorServer

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        mirror, _, name = self.path.lstrip("/").partition("/")
        range_header = self.headers.get("Range")
        srv = self.server
        with srv.lock:
            srv.requests.append((mirror, name, range_header))
            mode = srv.modes.get(mirror, "ok")
            body = srv.files.get((mirror, name))
            drop = mode == "drop" and srv.drops.get(mirror, 0) > 0
            if drop:
                srv.drops[mirror] -= 1
        if mode == "404" or body is None:
            self.send_error(404, "Not Found")
            return
        start = 0
        m = re.fullmatch(r"bytes=(\d+)-", range_header or "")
        if m and mode != "ignore-range":
            start = int(m.group(1))
            if start >= len(body):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        payload = body[start:]
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        if drop:
            self.wfile.write(payload[: len(payload) // 2])
            self.close_connection = True
            return
        self.wfile.write(payload)


@pytest.fixture
def mirror_server():
    server = MirrorServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
