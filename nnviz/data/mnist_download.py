"""Download MNIST into the data directory, resumably, from the first mirror that serves good files.

For each file that is missing or fails its checksum: fetch `name.gz` into `name.gz.part`, resuming
with an HTTP Range request if a `.part` is already there (from a dropped connection or a cancelled
run); verify the decompressed SHA-256; then fsync and rename the `.part` to `name.gz`. The final name
only ever holds a complete, verified file.

A mirror that does not connect within `connect_timeout`, or that sends nothing for `timeout` seconds
(before its answer or in the middle of the body), is given up on and the next mirror tried; the bytes
it did send stay in the `.part`, and the next mirror carries on from them.
"""

from __future__ import annotations

import functools
import http.client
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from nnviz.data.errors import DownloadCancelled, DownloadError
from nnviz.data.idx import GZIP_MAGIC
from nnviz.data.mnist_files import FILES, MnistFile, content_problem, find_file
from nnviz.data.paths import resolve_data_dir
from nnviz.engine.phrases import QT_TRANSLATE_NOOP, Phrase

__all__ = ["download_mnist", "MIRRORS", "Progress"]

MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

# progress(file_name, bytes_done, bytes_total or None)
Progress = Callable[[str, int, "int | None"], None]

_CHUNK = 64 * 1024
CONNECT_TIMEOUT = 10.0  # seconds to establish a connection (and TLS) with a mirror
STALL_TIMEOUT = 15.0  # seconds without a byte from a connected mirror before it is given up on
_RESUMES_PER_MIRROR = 3  # how often a dropped connection is resumed before trying the next mirror
_USER_AGENT = "nnviz"
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_UNSATISFIED_RANGE = re.compile(r"bytes\s+\*/(\d+)")


class _MirrorFailed(Exception):
    """This mirror cannot deliver the file; the message says why."""


def _said(error: Exception) -> str:
    """`error`'s message, as its Phrase when it has one (the window translates it)."""
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Phrase) else str(error)


class _Dropped(Exception):
    """The connection ended before the body was complete; resumable."""


class _Timeouts:
    """Connections that connect within `connect` seconds, then wait at most `stall` seconds for each
    read: a mirror that sends nothing for that long raises TimeoutError, however large the file."""

    def __init__(self, connect: float, stall: float):
        self.connect, self.stall = connect, stall
        self.opener = urllib.request.build_opener(_HTTPHandler(stall), _HTTPSHandler(stall))

    def open(self, request: urllib.request.Request):
        return self.opener.open(request, timeout=self.connect)


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, stall_timeout: float, **kwargs):
        super().__init__(*args, **kwargs)  # self.timeout (the connect timeout) applies to connect()
        self._stall_timeout = stall_timeout

    def connect(self):
        super().connect()
        self.sock.settimeout(self._stall_timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, stall_timeout: float, **kwargs):
        super().__init__(*args, **kwargs)
        self._stall_timeout = stall_timeout

    def connect(self):
        super().connect()  # TCP and the TLS handshake, within the connect timeout
        self.sock.settimeout(self._stall_timeout)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, stall_timeout: float):
        super().__init__()
        self._connection = functools.partial(_HTTPConnection, stall_timeout=stall_timeout)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, stall_timeout: float):
        super().__init__()
        self._connection = functools.partial(_HTTPSConnection, stall_timeout=stall_timeout)

    def https_open(self, req):
        return self.do_open(self._connection, req, context=self._context)


def download_mnist(
    data_dir: str | os.PathLike | None = None,
    mirrors: Sequence[str] = MIRRORS,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    timeout: float = STALL_TIMEOUT,
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    files: Sequence[MnistFile] = FILES,
) -> Path:
    """Make sure `files` are in data_dir with the right content, downloading what is missing or bad.

    data_dir defaults to resolve_data_dir(None) and is created if needed. Each mirror is a base URL
    to which `name.gz` is appended. progress(file_name, bytes_done, bytes_total or None) is called
    after every chunk received, and once for each file that is already present and valid.
    cancelled() is checked between chunks. A mirror is given up on (and the next one tried) if it
    does not connect within `connect_timeout` seconds or sends nothing for `timeout` seconds. `files`
    defaults to the four MNIST files; tests pass their own. Returns the data directory.

    Raises DownloadCancelled if cancelled() turns True (the `.part` file is kept and the next call
    resumes it), DownloadError if every mirror fails for some file (a `.part` with the bytes received
    is kept for the next call), and MnistUnreadableError, before anything is downloaded, if a file is
    there but cannot be read (it is left alone).
    """
    d = resolve_data_dir(data_dir)
    d.mkdir(parents=True, exist_ok=True)
    # Check what is there first, so an unreadable file stops us before any download.
    needed = []
    for f in files:
        if cancelled is not None and cancelled():
            raise DownloadCancelled(f"download of MNIST into {d} cancelled")
        existing = find_file(d, f.name)
        if existing is not None and content_problem(existing, f) is None:
            if progress is not None:
                size = existing.stat().st_size
                progress(existing.name, size, size)
        else:
            needed.append(f)
    timeouts = _Timeouts(connect_timeout, timeout)
    for f in needed:
        if cancelled is not None and cancelled():
            raise DownloadCancelled(f"download of MNIST into {d} cancelled")
        _download_file(d, f, mirrors, progress, cancelled, timeouts)
    return d


def _download_file(d: Path, f: MnistFile, mirrors, progress, cancelled, timeouts: _Timeouts) -> None:
    gz_name = f"{f.name}.gz"
    part = d / f"{gz_name}.part"
    failures = []
    for base in mirrors:
        url = base if base.endswith("/") else base + "/"
        url += gz_name
        try:
            resumed = _fetch(url, part, gz_name, progress, cancelled, timeouts)
            problem = content_problem(part, f)
            if problem and resumed:
                # The earlier bytes may have come from another mirror or an older file: once more whole.
                part.unlink()
                _fetch(url, part, gz_name, progress, cancelled, timeouts)
                problem = content_problem(part, f)
            if problem:
                part.unlink()
                raise _MirrorFailed(problem)
        except _MirrorFailed as e:
            failures.append(QT_TRANSLATE_NOOP("MnistData", "{url}: {problem}").format(url=url, problem=_said(e)))
            continue
        with open(part, "rb") as fh:
            # A mirror may serve the file uncompressed; store it under the name that says so.
            final = d / (gz_name if fh.read(2) == GZIP_MAGIC else f.name)
        _commit(part, final)
        if final.name == f.name:
            # We only got here because the preferred name.gz was missing or bad; don't let it shadow.
            (d / gz_name).unlink(missing_ok=True)
        return
    if not failures:
        failures.append(QT_TRANSLATE_NOOP("MnistData", "no mirrors given"))
    kept = ""
    if part.exists():
        if size := part.stat().st_size:
            kept = QT_TRANSLATE_NOOP("MnistData", "the {size} bytes received are kept in {file}, and the next try "
                                                  "resumes").format(size=f"{size:,}", file=part.name)
        else:
            part.unlink()
    raise DownloadError(QT_TRANSLATE_NOOP("MnistData", "could not download {file} into {folder}").format(
        file=gz_name, folder=d), failures, kept)


def _fetch(url: str, part: Path, name: str, progress, cancelled, timeouts: _Timeouts) -> bool:
    """Download url into `part` until it is complete, resuming after drops.

    Returns True if the first request resumed an existing `.part`. Raises _MirrorFailed when this
    mirror should be given up on.
    """
    resumed_existing = part.exists() and part.stat().st_size > 0
    drops = 0
    while True:
        offset = part.stat().st_size if part.exists() else 0
        try:
            if _request(url, part, offset, name, progress, cancelled, timeouts):
                return resumed_existing
        except _Dropped as e:
            drops += 1
            if drops > _RESUMES_PER_MIRROR:
                raise _MirrorFailed(QT_TRANSLATE_NOOP("MnistData", "connection dropped {drops} times, last: "
                                                                   "{problem}").format(
                    drops=drops, problem=_said(e))) from None


def _request(url, part: Path, offset: int, name, progress, cancelled, timeouts: _Timeouts) -> bool:
    """One HTTP request from `offset`; True when `part` is complete, False to request again."""
    headers = {"User-Agent": _USER_AGENT}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    try:
        response = timeouts.open(urllib.request.Request(url, headers=headers))
    except urllib.error.HTTPError as e:
        with e:  # an HTTPError holds the open response; close it
            if e.code == 416 and offset:
                m = _UNSATISFIED_RANGE.match(e.headers.get("Content-Range", ""))
                if m and int(m.group(1)) == offset:
                    return True  # the .part already holds the whole file
                part.unlink()  # the .part is longer than the file: start again
                return False
            raise _MirrorFailed(f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise _MirrorFailed(QT_TRANSLATE_NOOP("MnistData", "cannot connect (no connection within {seconds} "
                                                               "s)").format(seconds=f"{timeouts.connect:g}")) from None
        raise _MirrorFailed(QT_TRANSLATE_NOOP("MnistData", "cannot connect ({reason})").format(
            reason=str(e.reason))) from None
    except TimeoutError:
        # Connected, but silent: waiting longer or asking again rarely helps; the next mirror may.
        raise _MirrorFailed(QT_TRANSLATE_NOOP("MnistData", "connected, but no answer within {seconds} s").format(
            seconds=f"{timeouts.stall:g}")) from None
    except (ConnectionError, http.client.HTTPException) as e:
        # Connected, but the server hung up before answering: worth another try.
        raise _Dropped(QT_TRANSLATE_NOOP("MnistData", "{error} before the response").format(
            error=type(e).__name__)) from None
    except (OSError, ValueError) as e:
        raise _MirrorFailed(QT_TRANSLATE_NOOP("MnistData", "cannot connect ({reason})").format(
            reason=str(e))) from None

    with response:
        length = response.headers.get("Content-Length")
        length = int(length) if length and length.isdigit() else None
        if response.status == 206 and offset:
            m = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
            if not m or int(m.group(1)) != offset:
                part.unlink()  # an answer to a range we did not ask for: start again
                return False
            total = int(m.group(3)) if m.group(3) != "*" else None
            mode = "ab"
        elif response.status == 200:
            # Either a fresh download or a server that ignored our Range: start from zero.
            offset, total, mode = 0, length, "wb"
        else:
            raise _MirrorFailed(QT_TRANSLATE_NOOP("MnistData", "unexpected HTTP {status}").format(
                status=response.status))

        received = 0
        with open(part, mode) as out:
            try:
                while True:
                    if cancelled is not None and cancelled():
                        raise DownloadCancelled(
                            f"download of {name} cancelled; {part} kept for resuming"
                        )
                    # read1: whatever has arrived (one system call), so a stall loses no bytes
                    # already received and cancelling is noticed between reads.
                    chunk = response.read1(_CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(name, offset + received, total)
            except TimeoutError:
                raise _MirrorFailed(
                    QT_TRANSLATE_NOOP("MnistData", "stalled: nothing received for {seconds} s after {bytes} "
                                                   "bytes").format(
                        seconds=f"{timeouts.stall:g}", bytes=f"{offset + received:,}")
                ) from None
            except (http.client.IncompleteRead, ConnectionError) as e:
                raise _Dropped(QT_TRANSLATE_NOOP("MnistData", "{error} after {bytes} bytes").format(
                    error=type(e).__name__, bytes=offset + received)) from None
    if length is not None and received < length:
        # http.client returns a short body without complaint when the server closes early.
        raise _Dropped(QT_TRANSLATE_NOOP("MnistData", "got {received} of {total} bytes").format(
            received=offset + received, total=offset + length))
    return True


def _commit(part: Path, final: Path) -> None:
    """fsync the finished `.part`, then atomically rename it to its final name."""
    with open(part, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(part, final)
    if hasattr(os, "O_DIRECTORY"):
        # Make the rename itself durable (POSIX only; Windows has no directory fsync).
        try:
            fd = os.open(final.parent, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
