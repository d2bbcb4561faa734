"""Run a gradient check apart from the window: one short-lived process per check.

Plain Python (no Qt), used from one thread (the window's). `start(request)` spawns a process that
runs `check_gradients` and sends back its result or the reason it could not; `poll()` returns that
without ever waiting; `stop()` ends a check that is still running (terminate, then join). A process
is started in the spawn context, as the trainer's is (forking a process that runs Qt is unsafe), and
is daemonic: even a window that dies without calling `stop()` leaves none behind.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import dataclass

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.gradient_check import CheckRequest, GradientCheck, check_gradients
from nnviz.training.messages import message_of
from nnviz.training.trainer_client import sigint_ignored

_SPAWN = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class CheckFailed:
    """A check that produced no result: why, in a sentence for the learner."""

    message: str


def _run(conn, requests) -> None:
    """The check process: one request in, one check, one message out, then exit."""
    try:
        request = requests.recv()
        requests.close()
        conn.send(check_gradients(request))
    except ValueError as e:  # a network without a gradient, a break that does not fit it
        conn.send(CheckFailed(message_of(e)))
    except Exception as e:  # noqa: BLE001 (anything else still ends as a message, not a silent exit)
        conn.send(CheckFailed(QT_TRANSLATE_NOOP("GradientCheck", "the check stopped with {error}: {message}").format(
            error=type(e).__name__, message=str(e))))
    finally:
        conn.close()


def _send(conn, request: CheckRequest) -> None:
    try:
        conn.send(request)
    except (OSError, ValueError):  # the check was stopped (its process gone) before it read it
        pass
    finally:
        conn.close()


class CheckRunner:
    def __init__(self, before_thread_start: Callable[[threading.Thread], None] | None = None):
        #: Called with the thread that sends a request before it starts (the window makes its garbage
        #: collection wait for it: nnviz.gui.main_thread_gc).
        self._before_thread_start = before_thread_start
        self.process = None
        self.conn = None
        self.request: CheckRequest | None = None

    @property
    def running(self) -> bool:
        """Whether a check has been started and its result not yet taken by poll()."""
        return self.process is not None

    def start(self, request: CheckRequest) -> None:
        """Start checking `request` in a fresh process (a check still running is stopped first)."""
        self.stop()
        parent, child = _SPAWN.Pipe(duplex=False)
        requests_in, requests_out = _SPAWN.Pipe(duplex=False)
        process = _SPAWN.Process(target=_run, args=(child, requests_in), name="nnviz-gradient-check", daemon=True)
        with sigint_ignored():  # Ctrl+C in the terminal is the window's to handle, not the check's
            process.start()
        child.close()  # so that the parent sees EOF if the process dies without a word
        requests_in.close()
        # The request (an MNIST network's weights: megabytes) goes down the pipe from a thread of its
        # own: written here it would wait about a second for the new process to start reading.
        sender = threading.Thread(target=_send, args=(requests_out, request), name="nnviz-check-request", daemon=True)
        if self._before_thread_start is not None:
            self._before_thread_start(sender)
        sender.start()
        self.process, self.conn, self.request = process, parent, request

    def poll(self) -> GradientCheck | CheckFailed | None:
        """The running check's result once it is there (then the process is reaped), else None.
        Never waits on the process."""
        if self.process is None:
            return None
        try:
            if not self.conn.poll():
                if self.process.is_alive():
                    return None
                if not self.conn.poll():  # it may have sent its result just before it exited
                    raise EOFError
            result = self.conn.recv()
        except (EOFError, OSError):
            code = self.process.exitcode
            self.stop()
            return CheckFailed(QT_TRANSLATE_NOOP("GradientCheck", "the check process stopped without a result (exit "
                                                                  "code {code})").format(code=code))
        self.stop()
        return result

    def stop(self) -> None:
        """End the check process now, if there is one (SIGTERM, then SIGKILL), and join it."""
        process, conn = self.process, self.conn
        self.process = self.conn = None
        if conn is not None:
            conn.close()
        if process is None:
            return
        if process.is_alive():
            process.terminate()
            process.join(0.5)
        if process.is_alive():
            process.kill()
        process.join(2.0)
        process.close()
