"""download_mnist against local fake mirrors: fallbacks, corrupt files, dropped connections, resuming,
cancelling, progress, and the error when nothing works."""

import gzip
import hashlib
import socket

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
