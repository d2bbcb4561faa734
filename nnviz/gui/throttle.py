"""Rate limits for views that need not follow every frame.

While training runs at full speed the window shows ~50 snapshots a second. The diagram follows every
one; a decision surface or a hint does not need to (nobody reads them 50 times a second), and each
redraw costs the window CPU the trainer could use. A `Throttle` passes the first value on at once,
then at most one value per interval, and always the newest one last: nothing shown is ever stale by
more than the interval.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    """Calls `callback(value)` at most once per `interval` seconds with the newest value submitted."""

    def __init__(self, interval: float, callback, parent: QObject | None = None):
        super().__init__(parent)
        self.interval = interval
        self._callback = callback
        self._value = None
        self._waiting = False
        self._passed_at = -float("inf")
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._pass_on)

    def submit(self, value) -> None:
        """Pass `value` on now if the interval is over, else when it is (replacing any value waiting)."""
        self._value, self._waiting = value, True
        wait = self.interval - (time.perf_counter() - self._passed_at)
        if wait <= 0:
            self._timer.stop()
            self._pass_on()
        elif not self._timer.isActive():
            self._timer.start(max(1, round(1000 * wait)))

    def flush(self) -> None:
        """Pass on what waits now (e.g. when a view is shown again)."""
        if self._waiting:
            self._timer.stop()
            self._pass_on()

    def clear(self) -> None:
        """Forget what waits (e.g. a new network: its old snapshots must not be drawn)."""
        self._timer.stop()
        self._value, self._waiting = None, False

    def _pass_on(self) -> None:
        if not self._waiting:
            return
        value, self._value, self._waiting = self._value, None, False
        self._passed_at = time.perf_counter()
        self._callback(value)
