"""How messages travel from the trainer process to the window: pickled, NumPy arrays out of band.

A snapshot of an MNIST network is 1–2 MB of arrays. Pickled the usual way, every array is copied
into the pickle, and the window reads the pickle back in pieces and joins them: measured for
mnist-fast's 1.9 MB (2 cores), 2.6 ms of the trainer's CPU and 2.2 ms of the window's per snapshot.
With pickle protocol 5's out-of-band buffers the small pickle travels first and then each array's
memory as it is, written straight from the snapshot's read-only copy and read into a bytes object
that becomes the array: 1.0 ms and 0.8 ms. (Shared memory would save at most the remaining pipe
copy, about 0.1 ms per MB here, and needs segments that outlive a killed process cleaned up.)

A message is a frame holding the number of buffers that follow and the pickle, then one frame per
buffer, over a multiprocessing Connection, each frame as Connection.send_bytes frames it (written by
`Writer` or `send`; read by `receive`, with recv_bytes or whole from the socket).

The trainer writes through a `Writer`: a message that fits in the socket's buffer is written at once,
by the training loop itself, in one system call; only the rest of a big one (an MNIST snapshot) and
what follows it until it is out go through a writer thread, so that the loop never waits for the
window to read. Every message going through a thread cost the Python-bound presets a tenth of their
speed: the thread needs the GIL back after each wake-up and each write, and for a loop that runs
Python all the time (XOR, batch-1 MNIST) each of those is a forced switch, measured at ~0.45 ms of
the loop's time per snapshot (tests/bench/gui_overhead.py).
"""

from __future__ import annotations

import os
import pickle
import queue
import socket
import struct
import threading

_COUNT = struct.Struct("!I")  # how many buffer frames follow the pickle
_FRAME = struct.Struct("!i")  # multiprocessing's frame header: the length (-1: a longer one follows)
_LONG_FRAME = struct.Struct("!Q")
#: Pieces one sendmsg call takes at most (the system's IOV_MAX; 1024 on Linux and macOS).
_IOV_MAX = min(os.sysconf("SC_IOV_MAX") if hasattr(os, "sysconf") else 1024, 1024)
#: Arrays at least this big travel in frames of their own. Below, copying them into the pickle costs
#: less than a frame's system calls and wake-ups (XOR's arrays are a few hundred bytes).
OUT_OF_BAND_BYTES = 32 * 1024


def pack(message) -> list:
    """`message` as its frames: the first holds the pickle (with the arrays smaller than
    OUT_OF_BAND_BYTES), the rest the bigger arrays' memory (views of the arrays themselves, not
    copies: they must not change until sent)."""
    buffers: list[memoryview] = []

    def out_of_band(buffer: pickle.PickleBuffer) -> bool:
        raw = buffer.raw()
        if raw.nbytes < OUT_OF_BAND_BYTES:
            return True  # in the pickle: a frame of its own costs more than the copy
        buffers.append(raw)
        return False

    head = pickle.dumps(message, protocol=5, buffer_callback=out_of_band)
    return [_COUNT.pack(len(buffers)) + head, *buffers]


def send(conn, frames: list) -> None:
    """Write the frames of one message (from pack) to `conn`, in order."""
    for frame in frames:
        conn.send_bytes(frame)


def receive(conn, sock: socket.socket | None = None):
    """Read one message written by send() or a Writer. Its arrays are read-only: their memory is the
    bytes read. With `sock` (socket_of(conn)), each frame is read straight into its own buffer, in
    one system call however big it is (recv_bytes reads a big frame in pieces and joins them)."""
    read = conn.recv_bytes if sock is None else lambda: _read_frame(sock)
    head = read()
    (n,) = _COUNT.unpack_from(head)
    buffers = [read() for _ in range(n)]
    return pickle.loads(memoryview(head)[_COUNT.size:], buffers=buffers)


def _read_frame(sock: socket.socket) -> memoryview:
    (n,) = _FRAME.unpack(_read_exactly(sock, _FRAME.size))
    if n == -1:
        (n,) = _LONG_FRAME.unpack(_read_exactly(sock, _LONG_FRAME.size))
    return memoryview(_read_exactly(sock, n)).toreadonly()


def _read_exactly(sock: socket.socket, n: int) -> bytearray:
    buffer = bytearray(n)
    view, got = memoryview(buffer), 0
    while got < n:
        k = sock.recv_into(view[got:], n - got, socket.MSG_WAITALL)
        if k == 0:
            raise EOFError("the other end closed the connection")
        got += k
    return buffer


def _framed(frames: list) -> list[memoryview]:
    """The bytes `send` would write for `frames`: each frame's header, then the frame, as recv_bytes
    reads them."""
    chunks = []
    for frame in frames:
        view = memoryview(frame).cast("B")
        n = view.nbytes
        header = _FRAME.pack(n) if n <= 0x7FFFFFFF else _FRAME.pack(-1) + _LONG_FRAME.pack(n)
        chunks += [memoryview(header), view]
    return chunks


class Writer:
    """Writes messages (pack's frames) to a Connection in order, without ever making the caller wait
    for the reader: what the socket takes at once is written by the caller, the rest by a thread.

    `failed` holds the OSError that ended writing (the reader has gone); after it nothing is written.
    Where the Connection is not a socket (Windows' pipes) every message goes through the thread.
    """

    def __init__(self, conn):
        self._conn = conn
        self._socket = socket_of(conn)
        self._queue: queue.SimpleQueue[list | None] = queue.SimpleQueue()
        # Counted by one thread each (so no update is lost): the messages handed to the thread, and
        # those it has written. Equal: nothing is on its way, the caller may write directly.
        self._handed = self._written = 0
        self.failed: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="nnviz-trainer-writer", daemon=True)
        self._thread.start()

    def post(self, frames: list) -> None:
        """Write the message `frames` now if the socket takes it whole, else have the thread finish it."""
        if self.failed is not None:
            return
        if self._socket is None:
            rest = frames
        else:
            rest = _framed(frames)
            if self._handed == self._written:  # nothing ahead of it: write what fits now
                try:
                    rest = _send_some(self._socket, rest, socket.MSG_DONTWAIT)
                except OSError as exc:
                    self.failed = exc
                    return
                if not rest:
                    return
        self._handed += 1
        self._queue.put(rest)

    def close(self, timeout: float = 1.0) -> None:
        """Stop the thread once it has written what it holds (waiting at most `timeout` seconds)."""
        self._queue.put(None)
        self._thread.join(timeout)
        if self._socket is not None:
            self._socket.close()

    def _run(self) -> None:
        while (rest := self._queue.get()) is not None:
            try:
                if self._socket is None:
                    send(self._conn, rest)
                else:
                    while rest:
                        rest = _send_some(self._socket, rest)
            except OSError as exc:
                self.failed = exc
                return
            finally:
                self._written += 1


def socket_of(conn) -> socket.socket | None:
    """A blocking socket object on a duplicate of `conn`'s descriptor (close it when done), or None
    if that is no stream socket (Windows' pipes)."""
    try:
        fd = os.dup(conn.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    try:
        sock = socket.socket(fileno=fd)
    except OSError:
        os.close(fd)
        return None
    if sock.type != socket.SOCK_STREAM:
        sock.close()
        return None
    sock.settimeout(None)  # blocking, whatever socket.setdefaulttimeout says: the descriptor is shared
    return sock


def _send_some(sock: socket.socket, chunks: list[memoryview], flags: int = 0) -> list[memoryview]:
    """Send chunks in one system call (as much as the socket takes, of the first _IOV_MAX; all of
    those without MSG_DONTWAIT); returns what is left."""
    try:
        sent = sock.sendmsg(chunks[:_IOV_MAX], (), flags)
    except BlockingIOError:
        return chunks
    while chunks and sent >= chunks[0].nbytes:
        sent -= chunks[0].nbytes
        chunks = chunks[1:]
    if sent:
        chunks = [chunks[0][sent:], *chunks[1:]]
    return chunks
