"""How often the trainer sends snapshots while training streams: no more often than the window can
draw them with a bounded share of one core.

On 2 cores, every millisecond the window's process spends drawing is one the trainer cannot have. A
frame of XOR's window costs ~11 ms of its CPU (all threads: reading the snapshot, the diagram, the
curves, the surface); at 55 frames a second that is 0.6 of a core. The pacer measures what a frame
costs while frames stream back to back, and asks the trainer to space its snapshots so that drawing
takes at most FRAME_SHARE of a core: never slower than MIN_FPS, never faster than MAX_FPS.
"""

from __future__ import annotations

import time
from typing import Callable

#: The share of one core the window may spend drawing while training streams. Where a frame costs
#: 5-7 ms this is still 43-60 frames a second; on a slower machine, where it cost 9 ms (mnist-fast),
#: 0.4 and a floor of 45 took 0.37 of a core and the trainer trained at 0.75-0.79 of headless speed;
#: 0.3 and 35 took 0.33 and gave it 0.83-0.91 (gui_overhead.py, 2 rounds of 20 s each, same machine).
FRAME_SHARE = 0.3
MAX_FPS = 60.0
MIN_FPS = 35.0
#: Frames further apart than this are not streaming (paused, paced, stepped): their cost is not measured.
STREAMING_GAP = 0.1
#: Frames measured before the interval is reconsidered; and how far it must move to be sent.
FRAMES_PER_DECISION = 30
MIN_CHANGE = 0.1


class FramePacer:
    """Call `drawn()` for every frame drawn; `send(interval)` is called when the trainer should space
    its snapshots differently (seconds between two)."""

    def __init__(self, send: Callable[[float], None],
                 clocks: tuple[Callable[[], float], Callable[[], float]] = (time.perf_counter, time.process_time)):
        self._send = send
        self._wall, self._cpu = clocks  # the wall clock, and the CPU time of this process's threads
        self.interval = 1.0 / MAX_FPS  # what the trainer was last told
        self.cost: float | None = None  # the window's CPU seconds per streamed frame (moving average)
        self._mark: tuple[float, float] | None = None  # (wall clock, process CPU) at the last frame
        self._measured = 0

    def drawn(self) -> None:
        now, cpu = self._wall(), self._cpu()
        mark, self._mark = self._mark, (now, cpu)
        if mark is None or now - mark[0] > STREAMING_GAP:
            return
        spent = cpu - mark[1]
        self.cost = spent if self.cost is None else 0.9 * self.cost + 0.1 * spent
        self._measured += 1
        if self._measured % FRAMES_PER_DECISION == 0:
            wanted = min(max(self.cost / FRAME_SHARE, 1.0 / MAX_FPS), 1.0 / MIN_FPS)
            if abs(wanted - self.interval) > MIN_CHANGE * self.interval:
                self.interval = wanted
                self._send(wanted)

    def restart(self) -> None:
        """A new trainer process: it starts at MAX_FPS, and is told again once frames stream."""
        self.interval = 1.0 / MAX_FPS
        self._mark, self._measured = None, 0
