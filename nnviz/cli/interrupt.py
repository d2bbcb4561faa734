"""Ctrl+C as a request to stop between two units of work, rather than an exception in the middle of one.

    with stop_on_interrupt() as stop:
        while not stop.requested:
            session.step()

The first Ctrl+C sets `stop.requested`; the loop finishes its step and the command wraps up (reports,
saves). A second Ctrl+C raises KeyboardInterrupt as usual, for a user who does not want to wait.
Outside the main thread (where Python cannot install signal handlers) Ctrl+C stays an exception.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class StopRequest:
    requested: bool = False


@contextmanager
def stop_on_interrupt() -> Iterator[StopRequest]:
    stop = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:  # e.g. started in the background with nohup: keep ignoring
        yield stop
        return
    if previous is None:  # installed from outside Python; put Python's default back afterwards
        previous = signal.default_int_handler

    def request_stop(signum, frame):
        stop.requested = True
        signal.signal(signal.SIGINT, previous)  # the next Ctrl+C interrupts at once

    signal.signal(signal.SIGINT, request_stop)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)
