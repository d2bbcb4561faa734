"""The window's end of the trainer process: start it, send commands, take its messages, end it.

Plain Python (no Qt), used from one thread (the window's). Two helper threads do the pipe's blocking
work, so the caller never waits on the trainer: a reader takes whole messages off the pipe (a
snapshot is megabytes, and a trainer stopped halfway through one must not stall the window), and a
writer sends commands (a trainer busy in a long step reads none, and the pipe fills up). `fileno()`
is a descriptor that becomes readable when the reader has something; `receive()` then returns the
messages, with only the newest snapshot kept (drop, don't queue) and the history increments of all
of them merged into the client's own `History`, which the snapshots it returns carry. Fields the
trainer did not send again (an evaluation already sent, a surface between two of its 20 a second)
are filled in from the snapshot before, the same objects, so views can tell news by identity.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.history import History
from nnviz.training.trainer import serve
from nnviz.training.wire import receive, socket_of

#: The spawn context: a fresh interpreter. Forking a process that runs Qt is unsafe, and spawn is what
#: macOS and Windows do anyway.
_SPAWN = multiprocessing.get_context("spawn")
_GONE = ("gone",)  # what the reader passes on when the pipe has closed


class TrainerGone(ConnectionError):
    """The trainer process ended without being asked to (crashed, killed, out of memory)."""

    def __init__(self, how: str, exitcode: int | None = None):
        super().__init__(f"the trainer process stopped ({how})")
        self.how = how  # "ended by SIGKILL", "exit code 1"...
        self.exitcode = exitcode


class TrainerClient:
    def __init__(self, data_dir: str | Path | None = None, blas_threads: int | None = None,
                 before_thread_start: Callable[[threading.Thread], None] | None = None):
        self.data_dir = data_dir
        #: Called with each of the client's threads before it starts (the window makes its garbage
        #: collection wait for them: nnviz.gui.main_thread_gc).
        self._before_thread_start = before_thread_start
        self.blas_threads = blas_threads
        self.history = History()
        #: (samples trained, seconds spent training, the slowest step so far) as of the newest snapshot.
        self.stats: tuple[int, float, float] = (0, 0.0, 0.0)
        self.process = None
        self.conn = None
        self._previous = None  # the last snapshot received, whose fields the next may keep
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self.start()

    def start(self) -> None:
        """Start a fresh trainer process (after stop() or a crash)."""
        parent, child = _SPAWN.Pipe()
        process = _SPAWN.Process(target=serve, args=(child, self.data_dir, self.blas_threads),
                                 name="nnviz-trainer", daemon=True)
        with sigint_ignored():  # the child starts with Ctrl+C ignored, before Python installs its own
            process.start()
        child.close()  # so that the parent sees EOF when the child is gone
        self.process, self.conn = process, parent
        self.history, self._previous = History(), None
        # Fresh queues: whatever the threads of a previous process still hold is for that one.
        self._inbox, self._outbox = queue.SimpleQueue(), queue.SimpleQueue()
        for thread in (threading.Thread(target=self._read, args=(parent, self._inbox),
                                        name="nnviz-trainer-reader", daemon=True),
                       threading.Thread(target=self._write, args=(parent, self._outbox),
                                        name="nnviz-trainer-writer", daemon=True)):
            if self._before_thread_start is not None:
                self._before_thread_start(thread)
            thread.start()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    @property
    def exitcode(self) -> int | None:
        return None if self.process is None else self.process.exitcode

    def fileno(self) -> int:
        """A descriptor that is readable when messages (or the news that the trainer is gone) wait."""
        return self._wake_r

    def send(self, *command) -> None:
        """Queue a command for the trainer; never waits. Raises TrainerGone if it is not running."""
        if self.conn is None:
            raise TrainerGone(QT_TRANSLATE_NOOP("TrainerClient", "it is not running"))
        self._outbox.put(command)

    def receive(self) -> list[tuple]:
        """Every message that has arrived, oldest first, with only the newest snapshot kept and only
        the newest session (each rebuild's): older ones are superseded."""
        try:
            while os.read(self._wake_r, 4096):
                pass
        except BlockingIOError:
            pass
        messages: list[tuple | None] = []
        last_snapshot = None  # its index in messages
        while True:
            try:
                message = self._inbox.get_nowait()
            except queue.Empty:
                break
            kind = message[0]
            if message is _GONE:
                code = self._reap()
                raise TrainerGone(_exit_text(code), code)
            if kind == "snapshot":
                # Acknowledged when the window's thread takes it, not when it arrives: a window that
                # draws 30 frames a second then gets about 30 snapshots, not 60 it would mostly drop.
                self._outbox.put(("ack",))
                snapshot, steps, epochs, self.stats, kept = message[1:]
                self.history.record_steps(steps[:, 0], steps[:, 1])
                for row in epochs:
                    self.history.record_epoch(**row)
                previous = self._previous
                snapshot = replace(snapshot, history=self.history.view(),
                                   **{name: getattr(previous, name, None) for name in kept})
                self._previous = snapshot
                message = ("snapshot", snapshot)
                if last_snapshot is not None:
                    messages[last_snapshot] = None  # drop, don't queue
                last_snapshot = len(messages)
            elif kind == "session":
                self.history, self._previous = History(), None
                # A newer session supersedes every message before it that belongs to an older one.
                messages = [m for m in messages if m is not None and m[0] not in ("session", "snapshot")]
                last_snapshot = None
            messages.append(message)
        return [m for m in messages if m is not None]

    def stop(self, timeout: float = 0.5) -> bool:
        """Ask the process to stop; terminate it if it has not within `timeout` seconds, then kill it.
        True if it stopped of its own accord."""
        process = self.process
        if process is None:
            return True
        if self.conn is not None:
            self._outbox.put(("stop",))
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

    # -- the threads ---------------------------------------------------------------------------------

    def _read(self, conn, inbox: queue.SimpleQueue) -> None:
        sock = socket_of(conn)  # frames read whole, in one call each (wire.py)
        try:
            while True:
                try:
                    message = receive(conn, sock)
                except (EOFError, OSError):
                    inbox.put(_GONE)
                    self._wake()
                    return
                inbox.put(message)
                self._wake()
        finally:
            if sock is not None:
                sock.close()

    def _write(self, conn, outbox: queue.SimpleQueue) -> None:
        while (command := outbox.get()) is not None:
            try:
                conn.send(command)
            except (OSError, ValueError):  # closed: the reader reports it
                return

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"!")
        except (BlockingIOError, OSError):
            pass  # already readable, or closed

    def _reap(self) -> int | None:
        process = self.process
        if process is not None:
            process.join(0.5)
        code = self.exitcode
        self._close()
        return code

    def _close(self) -> None:
        if self.conn is not None:
            self._outbox.put(None)  # ends the writer
            self.conn.close()  # ends the reader
            self.conn = None
        if self.process is not None and not self.process.is_alive():
            self.process.close()
            self.process = None


def _exit_text(code: int | None) -> str:
    """How the process ended, in words the window translates (a Phrase)."""
    if code is None:
        return QT_TRANSLATE_NOOP("TrainerClient", "it closed its connection")
    if code < 0:
        try:
            return QT_TRANSLATE_NOOP("TrainerClient", "ended by {signal}").format(signal=signal.Signals(-code).name)
        except ValueError:
            pass
    return QT_TRANSLATE_NOOP("TrainerClient", "exit code {code}").format(code=code)


@contextmanager
def sigint_ignored():
    """Ignore Ctrl+C in this process for the duration (inherited by a process started meanwhile)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
