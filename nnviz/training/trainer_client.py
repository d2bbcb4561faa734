"""The window's end of the trainer process: start it, send commands, take its messages, end it.

Plain Python (no Qt), used from one thread. `receive()` returns the messages that have arrived, with
only the newest snapshot of the batch kept (drop, don't queue) and the history increments of all of
them merged into the client's own `History`, which the snapshots it returns carry.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from nnviz.training.history import History
from nnviz.training.trainer import serve

#: The spawn context: a fresh interpreter. Forking a process that runs Qt is unsafe, and spawn is what
#: macOS and Windows do anyway.
_SPAWN = multiprocessing.get_context("spawn")


class TrainerGone(ConnectionError):
    """The trainer process ended without being asked to (crashed, killed, out of memory)."""

    def __init__(self, message: str, exitcode: int | None = None):
        super().__init__(message)
        self.exitcode = exitcode


class TrainerClient:
    def __init__(self, data_dir: str | Path | None = None, blas_threads: int | None = None):
        self.data_dir = data_dir
        self.blas_threads = blas_threads
        self.history = History()
        #: (samples trained, seconds spent training) as of the newest snapshot.
        self.stats: tuple[int, float] = (0, 0.0)
        self.process = None
        self.conn = None
        self.start()

    def start(self) -> None:
        """Start a fresh trainer process (after stop() or a crash)."""
        parent, child = _SPAWN.Pipe()
        process = _SPAWN.Process(target=serve, args=(child, self.data_dir, self.blas_threads),
                                 name="nnviz-trainer", daemon=True)
        with _sigint_ignored():  # the child starts with Ctrl+C ignored, before Python installs its own
            process.start()
        child.close()  # so that the parent sees EOF when the child is gone
        self.process, self.conn = process, parent
        self.history = History()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    @property
    def exitcode(self) -> int | None:
        return None if self.process is None else self.process.exitcode

    def fileno(self) -> int:
        """The connection's descriptor: readable when a message (or the end) has arrived."""
        return self.conn.fileno()

    def send(self, *command) -> None:
        """Send a command; raises TrainerGone if the process is not there to take it."""
        if self.conn is None:
            raise TrainerGone("the trainer is not running")
        try:
            self.conn.send(command)
        except (OSError, ValueError) as exc:  # ValueError: the connection was closed
            raise TrainerGone(f"the trainer process stopped ({exc})") from None

    def receive(self) -> list[tuple]:
        """Every message that has arrived, oldest first, with only the newest snapshot kept."""
        messages: list[tuple | None] = []
        last_snapshot = None  # its index in messages
        while True:
            try:
                if self.conn is None or not self.conn.poll():
                    break
                message = pickle.loads(self.conn.recv_bytes())
            except (EOFError, OSError) as exc:
                code = self._reap()
                raise TrainerGone(f"the trainer process stopped (exit code {code})", code) from exc
            kind = message[0]
            if kind == "snapshot":
                self.send("ack")  # the trainer may make the next one
                snapshot, losses, epochs, self.stats = message[1:]
                self.history.record_steps(losses)
                for row in epochs:
                    self.history.record_epoch(**row)
                message = ("snapshot", replace(snapshot, history=self.history.view()))
                if last_snapshot is not None:
                    messages[last_snapshot] = None  # drop, don't queue
                last_snapshot = len(messages)
            elif kind == "session":
                self.history = History()
            messages.append(message)
        return [m for m in messages if m is not None]

    def stop(self, timeout: float = 0.5) -> bool:
        """Ask the process to stop; terminate it if it has not within `timeout` seconds, then kill it.
        True if it stopped of its own accord."""
        process, conn = self.process, self.conn
        if process is None:
            return True
        try:
            conn.send(("stop",))
        except (OSError, ValueError):
            pass
        process.join(timeout)
        polite = not process.is_alive()
        if not polite:
            self.terminate()
        self._close()
        return polite

    def terminate(self) -> None:
        """End the process now (SIGTERM, then SIGKILL if it lingers)."""
        process = self.process
        if process is None:
            return
        if process.is_alive():
            process.terminate()
            process.join(0.3)
        if process.is_alive():
            process.kill()
            process.join(1.0)
        self._close()

    def _reap(self) -> int | None:
        process = self.process
        if process is not None:
            process.join(0.5)
        code = self.exitcode
        self._close()
        return code

    def _close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.process is not None and not self.process.is_alive():
            self.process.close()
            self.process = None


@contextmanager
def _sigint_ignored():
    """Ignore Ctrl+C in this process for the duration (inherited by a process started meanwhile)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
