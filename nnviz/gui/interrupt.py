"""Ctrl+C in the terminal that started the window: the first closes it cleanly, a second exits at once.

Python runs a signal handler only between two bytecodes, and while Qt's event loop waits in C++ no
bytecode runs. So the signal also writes a byte to a socket (signal.set_wakeup_fd) that a socket
notifier watches: the event loop wakes, runs a little Python, and with it the handler. The handler
itself only schedules the close, so nothing is torn down in the middle of another slot.
"""

from __future__ import annotations

import signal
import socket
import threading
from typing import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer


class InterruptHandler(QObject):
    def __init__(self, on_first: Callable[[], None], on_second: Callable[[], None], parent=None):
        super().__init__(parent)
        self._on_first, self._on_second = on_first, on_second
        self.count = 0
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may install signal handlers
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        # Installed for the rest of the process's life: the app ends with os._exit (see app.py).
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        signal.signal(signal.SIGINT, self._on_sigint)

    def _on_sigint(self, signum, frame) -> None:
        self.count += 1
        if self.count == 1:
            QTimer.singleShot(0, self._on_first)
        else:
            self._on_second()

    def _drain(self) -> None:
        try:
            while self._reader.recv(256):
                pass
        except OSError:  # nothing more to read
            pass
