"""Measurements for `nnviz gui --stats`: how responsive the event loop stayed while training ran.

The probe is a timer that should fire every `interval_ms`; how late each tick arrives is the event
loop's latency (a blocked GUI thread shows up as late ticks).
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer


class LatencyProbe(QObject):
    def __init__(self, interval_ms: int = 10, parent=None):
        super().__init__(parent)
        self.interval = interval_ms / 1000.0
        self.latencies_ms: list[float] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = None
        self._timer.start(interval_ms)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.latencies_ms.append(max(0.0, (now - self._last - self.interval) * 1000.0))
        self._last = now

    def stop(self) -> None:
        self._timer.stop()

    def percentile(self, q: float) -> float:
        return float(np.percentile(self.latencies_ms, q)) if self.latencies_ms else 0.0
