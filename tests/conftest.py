"""Shared test set-up: headless Qt, and where the real MNIST lives.

QT_QPA_PLATFORM is set here, before anything imports Qt, so the README's plain `pytest` command is
headless on every platform. MNIST comes from NNVIZ_DATA_DIR (CI points it at ../shared/mnist) or,
failing that, from ../shared/mnist beside the checkout.
"""

import builtins
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SHARED_MNIST = Path(__file__).resolve().parents[1].parent / "shared" / "mnist"


def _find_mnist() -> Path | None:
    """The folder with the four MNIST IDX files (gzip or raw), or None when this machine has none."""
    from nnviz.data.mnist_files import mnist_status

    for candidate in (os.environ.get("NNVIZ_DATA_DIR"), _SHARED_MNIST):
        if candidate and Path(candidate).is_dir() and mnist_status(candidate).complete:
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def mnist_data_dir() -> Path:
    found = _find_mnist()
    if found is None:
        pytest.skip(f"real MNIST not found in $NNVIZ_DATA_DIR or {_SHARED_MNIST}")
    return found


@pytest.fixture(scope="session")
def mnist_dir(mnist_data_dir) -> Path:
    """The same folder, under the name the data and CLI tests use."""
    return mnist_data_dir


@pytest.fixture
def refuse_to_open(monkeypatch):
    """refuse_to_open(path): nnviz.data's open(path) raises PermissionError, as for a user who may not
    read the file (tests run as root, who can read a chmod 000 file)."""

    def refuse(path):
        def guarded_open(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return builtins.open(file, *args, **kwargs)

        for module in ("nnviz.data.idx", "nnviz.data.mnist_files"):
            monkeypatch.setattr(f"{module}.open", guarded_open, raising=False)

    return refuse


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
def watch_thread():
    """Called with each thread a fixture starts, before it starts. The GUI tests have garbage collected
    in Qt's thread meanwhile (nnviz.gui.main_thread_gc): a Qt object collected in the server's thread
    could deadlock the window. (The threads the server starts for each request are covered while its
    own runs, but may outlive it by a moment.)"""
    return lambda thread: None


@pytest.fixture
def mirror_server(watch_thread):
    server = MirrorServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    watch_thread(thread)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
