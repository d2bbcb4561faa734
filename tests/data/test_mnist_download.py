"""download_mnist against local fake mirrors: fallbacks, corrupt files, dropped connections, silent
and stalling mirrors, resuming, cancelling, progress, and the error when nothing works."""

import gzip
import hashlib
import inspect
import socket
import threading
import time

import numpy as np
import pytest

from nnviz.data import (
    DownloadCancelled,
    DownloadError,
    MnistFile,
    download_mnist,
    read_idx,
    verify_mnist,
    write_idx,
)
from nnviz.data.errors import MnistUnreadableError
from nnviz.data.mnist_files import TEST_LABELS, TRAIN_LABELS, find_file

LABELS = (TRAIN_LABELS, TEST_LABELS)


@pytest.fixture
def real_labels(mnist_dir) -> dict[str, bytes]:
    """name -> gzipped bytes of the real label files (canonical: 28,881 and 4,542 bytes)."""
    served = {}
    for f in LABELS:
        data = find_file(mnist_dir, f.name).read_bytes()
        served[f.name] = data if data[:2] == b"\x1f\x8b" else gzip.compress(data, mtime=0)
    return served


@pytest.fixture
def big_file(tmp_path):
    """A synthetic IDX file of ~235 kB gzipped, so a download spans several 64 kB chunks."""
    raw = tmp_path / "src" / "synthetic-idx3-ubyte"
    raw.parent.mkdir()
    write_idx(raw, np.random.default_rng(7).integers(0, 256, (300, 28, 28), dtype=np.uint8))
    data = raw.read_bytes()
    spec = MnistFile("synthetic-idx3-ubyte", hashlib.sha256(data).hexdigest(), len(data))
    return spec, gzip.compress(data, mtime=0)


def _serve(server, mirror, files: dict[str, bytes], mode="ok"):
    for name, body in files.items():
        server.files[(mirror, f"{name}.gz")] = body
    server.modes[mirror] = mode
    return server.url(mirror)


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing-listens/"


def test_downloads_and_verifies_real_label_files(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    d = tmp_path / "new" / "mnist"
    assert download_mnist(d, mirrors=[url], timeout=5, files=LABELS) == d
    names = sorted(p.name for p in d.iterdir())
    assert names == ["t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz"]
    assert verify_mnist(d, files=LABELS) == []
    assert read_idx(d / "train-labels-idx1-ubyte.gz")[0] == 5
    assert [r[2] for r in mirror_server.requests] == [None, None]


def test_valid_files_are_not_downloaded_again(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=LABELS)
    mirror_server.requests.clear()
    seen = []
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=LABELS, progress=lambda *a: seen.append(a))
    assert mirror_server.requests == []
    n_train, n_test = len(real_labels[TRAIN_LABELS.name]), len(real_labels[TEST_LABELS.name])
    assert seen == [
        ("train-labels-idx1-ubyte.gz", n_train, n_train),
        ("t10k-labels-idx1-ubyte.gz", n_test, n_test),
    ]


def test_invalid_existing_file_is_replaced(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"\x1f\x8bnot really")
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[TEST_LABELS])
    assert (tmp_path / "t10k-labels-idx1-ubyte.gz").read_bytes() == real_labels[TEST_LABELS.name]


def test_first_mirror_404_second_works(mirror_server, real_labels, tmp_path):
    m1 = _serve(mirror_server, "m1", real_labels, mode="404")
    m2 = _serve(mirror_server, "m2", real_labels)
    download_mnist(tmp_path, mirrors=[m1, m2], timeout=5, files=[TEST_LABELS])
    assert verify_mnist(tmp_path, files=[TEST_LABELS]) == []
    assert [r[0] for r in mirror_server.requests] == ["m1", "m2"]


@pytest.mark.parametrize("corruption", ["flipped-bytes", "wrong-content"])
def test_corrupt_file_on_first_mirror_is_rejected(mirror_server, real_labels, tmp_path, corruption):
    good = real_labels[TRAIN_LABELS.name]
    if corruption == "flipped-bytes":
        bad = bytearray(good)
        for i in range(1000, 1010):
            bad[i] ^= 0xFF
        bad = bytes(bad)
    else:
        bad = real_labels[TEST_LABELS.name]  # a perfectly valid gzip, of the wrong file
    m1 = _serve(mirror_server, "m1", {TRAIN_LABELS.name: bad})
    m2 = _serve(mirror_server, "m2", {TRAIN_LABELS.name: good})
    download_mnist(tmp_path, mirrors=[m1, m2], timeout=5, files=[TRAIN_LABELS])
    assert (tmp_path / "train-labels-idx1-ubyte.gz").read_bytes() == good
    assert [r[0] for r in mirror_server.requests] == ["m1", "m2"]
    assert not list(tmp_path.glob("*.part"))


def test_dropped_connection_resumes_with_range(mirror_server, real_labels, tmp_path):
    m1 = _serve(mirror_server, "m1", real_labels, mode="drop")
    mirror_server.drops["m1"] = 1
    download_mnist(tmp_path, mirrors=[m1], timeout=5, files=[TRAIN_LABELS])
    assert verify_mnist(tmp_path, files=[TRAIN_LABELS]) == []
    half = len(real_labels[TRAIN_LABELS.name]) // 2
    assert mirror_server.requests == [
        ("m1", "train-labels-idx1-ubyte.gz", None),
        ("m1", "train-labels-idx1-ubyte.gz", f"bytes={half}-"),
    ]


def test_connection_that_keeps_dropping_moves_to_next_mirror(mirror_server, real_labels, tmp_path):
    m1 = _serve(mirror_server, "m1", real_labels, mode="drop")
    mirror_server.drops["m1"] = 100
    m2 = _serve(mirror_server, "m2", real_labels)
    download_mnist(tmp_path, mirrors=[m1, m2], timeout=5, files=[TEST_LABELS])
    assert verify_mnist(tmp_path, files=[TEST_LABELS]) == []
    mirrors_used = [r[0] for r in mirror_server.requests]
    assert mirrors_used == ["m1"] * 4 + ["m2"]
    # m2 carried on from the bytes m1 delivered.
    assert mirror_server.requests[-1][2] is not None


def test_cancel_keeps_part_and_next_call_resumes(mirror_server, big_file, tmp_path):
    spec, body = big_file
    url = _serve(mirror_server, "m1", {spec.name: body})
    calls = []

    def cancel_after_first_chunk():
        return len(calls) >= 1

    with pytest.raises(DownloadCancelled):
        download_mnist(tmp_path, mirrors=[url], timeout=5, files=[spec],
                       progress=lambda *a: calls.append(a), cancelled=cancel_after_first_chunk)
    part = tmp_path / f"{spec.name}.gz.part"
    kept = part.stat().st_size
    assert 0 < kept < len(body)
    assert part.read_bytes() == body[:kept]
    assert calls == [(f"{spec.name}.gz", kept, len(body))]
    assert not (tmp_path / f"{spec.name}.gz").exists()

    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[spec])
    assert (tmp_path / f"{spec.name}.gz").read_bytes() == body
    assert not part.exists()
    assert mirror_server.requests[-1][2] == f"bytes={kept}-"


def test_cancel_before_start_downloads_nothing(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    with pytest.raises(DownloadCancelled):
        download_mnist(tmp_path, mirrors=[url], files=LABELS, cancelled=lambda: True)
    assert mirror_server.requests == []


def test_server_ignoring_range_restarts_from_zero(mirror_server, big_file, tmp_path):
    spec, body = big_file
    url = _serve(mirror_server, "m1", {spec.name: body}, mode="ignore-range")
    (tmp_path / f"{spec.name}.gz.part").write_bytes(b"stale bytes from an older attempt")
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[spec])
    assert (tmp_path / f"{spec.name}.gz").read_bytes() == body
    assert mirror_server.requests == [("m1", f"{spec.name}.gz", "bytes=33-")]


def test_part_longer_than_file_restarts_after_416(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    (tmp_path / "t10k-labels-idx1-ubyte.gz.part").write_bytes(b"x" * 5000)
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[TEST_LABELS])
    assert verify_mnist(tmp_path, files=[TEST_LABELS]) == []
    assert [r[2] for r in mirror_server.requests] == ["bytes=5000-", None]


def test_complete_part_is_finished_without_refetching(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    complete = real_labels[TEST_LABELS.name]
    (tmp_path / "t10k-labels-idx1-ubyte.gz.part").write_bytes(complete)
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[TEST_LABELS])
    assert verify_mnist(tmp_path, files=[TEST_LABELS]) == []
    assert [r[2] for r in mirror_server.requests] == [f"bytes={len(complete)}-"]


def test_bad_resumed_part_is_downloaded_whole_again(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    (tmp_path / "train-labels-idx1-ubyte.gz.part").write_bytes(b"\x00" * 1000)
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[TRAIN_LABELS])
    assert verify_mnist(tmp_path, files=[TRAIN_LABELS]) == []
    assert [r[2] for r in mirror_server.requests] == ["bytes=1000-", None]


def test_all_mirrors_fail(mirror_server, real_labels, tmp_path):
    m1 = _serve(mirror_server, "m1", real_labels, mode="404")
    bad = bytearray(real_labels[TEST_LABELS.name])
    bad[-8] ^= 0xFF  # the gzip CRC
    m2 = _serve(mirror_server, "m2", {TEST_LABELS.name: bytes(bad)})
    m3 = _closed_port_url()
    with pytest.raises(DownloadError) as e:
        download_mnist(tmp_path, mirrors=[m1, m2, m3], timeout=5, files=[TEST_LABELS])
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(f"could not download t10k-labels-idx1-ubyte.gz into {tmp_path}")
    assert f"{m1}t10k-labels-idx1-ubyte.gz: HTTP 404" in message
    assert f"{m2}t10k-labels-idx1-ubyte.gz: corrupt gzip" in message
    assert f"{m3}t10k-labels-idx1-ubyte.gz: cannot connect" in message
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(mirror_server, big_file, real_labels, tmp_path):
    spec, body = big_file
    url = _serve(mirror_server, "m1", {spec.name: body, **real_labels})
    seen = []
    download_mnist(tmp_path, mirrors=[url], timeout=5, files=[spec, TEST_LABELS],
                   progress=lambda *a: seen.append(a))
    big = [s for s in seen if s[0] == f"{spec.name}.gz"]
    assert len(big) >= 3  # called as the bytes arrive, not only at the end
    assert [b[1] for b in big] == sorted(b[1] for b in big)
    assert all(b[2] == len(body) for b in big)
    assert big[-1] == (f"{spec.name}.gz", len(body), len(body))
    n_test = len(real_labels[TEST_LABELS.name])
    assert seen[-1] == ("t10k-labels-idx1-ubyte.gz", n_test, n_test)


def test_creates_nested_data_dir_from_env(mirror_server, real_labels, tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(tmp_path / "a" / "b"))
    url = _serve(mirror_server, "m1", real_labels)
    assert download_mnist(mirrors=[url], timeout=5, files=[TEST_LABELS]) == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b" / "t10k-labels-idx1-ubyte.gz").is_file()


def test_uncompressed_file_from_a_mirror_is_stored_raw(mirror_server, big_file, tmp_path):
    spec, body = big_file
    url = _serve(mirror_server, "m1", {spec.name: gzip.decompress(body)})
    d = tmp_path / "dl"
    d.mkdir()
    (d / f"{spec.name}.gz").write_bytes(b"an old, broken download")
    download_mnist(d, mirrors=[url], timeout=5, files=[spec])
    assert sorted(p.name for p in d.iterdir()) == [spec.name]
    assert verify_mnist(d, files=[spec]) == []


class QuietServer:
    """A TCP server on 127.0.0.1 that accepts connections and then goes quiet.

    mode "silent": never sends a byte. mode "stall": reads the request, answers 200 with the full
    Content-Length and the first `sent` bytes of `body`, then sends nothing more. Connections are held
    open until close(); `connections` counts those accepted.
    """

    def __init__(self, mode: str, body: bytes = b"", sent: int = 0):
        self.mode, self.body, self.sent = mode, body, sent
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}/quiet/"

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._held.append(conn)
            if self.mode == "stall":
                conn.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request and (chunk := conn.recv(4096)):
                    request += chunk
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(self.body))
                conn.sendall(self.body[: self.sent])

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self._listener.close()


@pytest.fixture
def quiet_server():
    """quiet_server(mode, body=b"", sent=0) -> a started QuietServer, closed after the test."""
    servers = []

    def start(mode, body=b"", sent=0):
        servers.append(QuietServer(mode, body, sent))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


QUICK = {"connect_timeout": 0.5, "timeout": 0.5}


def test_mirror_that_never_answers_is_left_after_the_timeout(quiet_server, mirror_server, real_labels, tmp_path):
    silent = quiet_server("silent")
    good = _serve(mirror_server, "m2", real_labels)
    start = time.monotonic()
    download_mnist(tmp_path, mirrors=[silent.url(), good], files=[TEST_LABELS], **QUICK)
    assert time.monotonic() - start < 3
    assert silent.connections == 1  # given up on at once, not asked again
    assert verify_mnist(tmp_path, files=[TEST_LABELS]) == []


def test_only_a_silent_mirror_fails_in_time_with_a_clear_message(quiet_server, tmp_path):
    silent = quiet_server("silent")
    start = time.monotonic()
    with pytest.raises(DownloadError) as e:
        download_mnist(tmp_path, mirrors=[silent.url()], files=[TEST_LABELS], **QUICK)
    assert time.monotonic() - start < 3
    assert str(e.value) == (
        f"could not download t10k-labels-idx1-ubyte.gz into {tmp_path}: "
        f"{silent.url()}t10k-labels-idx1-ubyte.gz: connected, but no answer within 0.5 s"
    )
    assert list(tmp_path.iterdir()) == []


def test_stall_mid_body_keeps_the_part_and_the_next_mirror_resumes(
    quiet_server, mirror_server, big_file, tmp_path
):
    spec, body = big_file
    half = len(body) // 2
    stalling = quiet_server("stall", body, sent=half)
    good = _serve(mirror_server, "m2", {spec.name: body})
    start = time.monotonic()
    download_mnist(tmp_path, mirrors=[stalling.url(), good], files=[spec], **QUICK)
    assert time.monotonic() - start < 3
    assert stalling.connections == 1
    assert mirror_server.requests == [("m2", f"{spec.name}.gz", f"bytes={half}-")]
    assert (tmp_path / f"{spec.name}.gz").read_bytes() == body


def test_stall_on_the_last_mirror_fails_keeping_the_part_for_next_time(
    quiet_server, mirror_server, big_file, tmp_path
):
    spec, body = big_file
    half = len(body) // 2
    stalling = quiet_server("stall", body, sent=half)
    d = tmp_path / "dl"
    start = time.monotonic()
    with pytest.raises(DownloadError) as e:
        download_mnist(d, mirrors=[stalling.url()], files=[spec], **QUICK)
    assert time.monotonic() - start < 3
    message = str(e.value)
    assert "\n" not in message
    assert f"{stalling.url()}{spec.name}.gz: stalled: nothing received for 0.5 s after {half:,} bytes" in message
    assert message.endswith(f"the {half:,} bytes received are kept in {spec.name}.gz.part, and the next try resumes")
    # Never a half-written file under the final name; the part holds exactly what arrived.
    assert sorted(p.name for p in d.iterdir()) == [f"{spec.name}.gz.part"]
    assert (d / f"{spec.name}.gz.part").read_bytes() == body[:half]

    good = _serve(mirror_server, "m2", {spec.name: body})
    download_mnist(d, mirrors=[good], files=[spec], **QUICK)
    assert mirror_server.requests == [("m2", f"{spec.name}.gz", f"bytes={half}-")]
    assert sorted(p.name for p in d.iterdir()) == [f"{spec.name}.gz"]


def test_connect_timeout(mirror_server, real_labels, tmp_path):
    # A listener whose one-place accept queue is full: the kernel ignores further SYNs, so a connect
    # hangs, as with a mirror behind a firewall that drops packets.
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    filler = socket.create_connection(listener.getsockname(), timeout=1)
    probe = socket.socket()
    probe.settimeout(0.2)
    try:
        try:
            probe.connect(listener.getsockname())
            pytest.skip("this system completes connects beyond the listen backlog")
        except TimeoutError:
            pass
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/full/"
        good = _serve(mirror_server, "m2", real_labels)
        start = time.monotonic()
        with pytest.raises(DownloadError, match=r"full/t10k-labels-idx1-ubyte.gz: cannot connect "
                                                r"\(no connection within 0.5 s\)"):
            download_mnist(tmp_path, mirrors=[url], files=[TEST_LABELS], connect_timeout=0.5, timeout=30)
        download_mnist(tmp_path, mirrors=[url, good], files=[TEST_LABELS], connect_timeout=0.5, timeout=30)
        assert time.monotonic() - start < 4
        assert verify_mnist(tmp_path, files=[TEST_LABELS]) == []
    finally:
        probe.close()
        filler.close()
        listener.close()


def test_folder_in_place_of_a_file_stops_before_downloading(mirror_server, real_labels, tmp_path):
    url = _serve(mirror_server, "m1", real_labels)
    folder = tmp_path / "t10k-labels-idx1-ubyte.gz"
    (folder / "keep-me").mkdir(parents=True)
    with pytest.raises(MnistUnreadableError, match=f"{folder} is a folder, not a file"):
        download_mnist(tmp_path, mirrors=[url], files=LABELS, timeout=5)
    assert mirror_server.requests == []
    assert (folder / "keep-me").is_dir()


def test_unreadable_file_is_left_alone(mirror_server, real_labels, tmp_path, refuse_to_open):
    url = _serve(mirror_server, "m1", real_labels)
    path = tmp_path / "train-labels-idx1-ubyte.gz"
    path.write_bytes(b"someone else's bytes")
    refuse_to_open(path)
    with pytest.raises(MnistUnreadableError, match=f"{path}: permission denied; make the file readable"):
        download_mnist(tmp_path, mirrors=[url], files=LABELS, timeout=5)
    assert mirror_server.requests == []
    assert path.read_bytes() == b"someone else's bytes"


def test_default_timeouts_are_short():
    # A mirror that accepted and then said nothing used to cost 4 × 30 s before the next was tried.
    parameters = inspect.signature(download_mnist).parameters
    assert parameters["connect_timeout"].default == 10
    assert parameters["timeout"].default == 15
