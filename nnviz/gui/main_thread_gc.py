"""Garbage collection in Qt's thread only, while threads of ours run Python beside it.

Python collects reference cycles in whichever thread allocates when a threshold is crossed. A cycle
that holds a Qt object (a closed window's views, a replaced plot), collected by the trainer link's
reader thread while it unpickles a snapshot, is destroyed in that thread: Qt's destructor takes the
object's lock and then waits for the GIL, while the window's thread holds the GIL and waits for the
same lock. The window froze for good (seen in CI: a test opened a window after another had closed).

So while such a thread runs, automatic collection is off and a timer in Qt's thread collects
instead, generation by generation, by the interpreter's own thresholds. When the last watched
thread has ended, automatic collection is switched back on.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread, QTimer

#: How often Qt's thread looks at the allocation counts. Python would collect the youngest generation
#: after 700 allocations; a tenth of a second later keeps memory as bounded and costs ~1 µs a look.
TICK_MS = 100
#: The oldest generation is collected at most this often. A full collection walks every object: 45-50 ms
#: for the window's ~80,000 (measured, mnist-fast and xor, 2 cores), a frame and more; the interpreter
#: itself puts it off for long. Once a minute still bounds memory, without making frames stutter. (On an
#: interpreter whose collector works in increments, 3.14's, the oldest's threshold is 0 and this is
#: then simply a full collection a minute.)
FULL_EVERY_SECONDS = 60.0

# Module state, as the collector it stands in for is one per process.
_watched: list[Callable[[], bool]] = []  # each: is that thread still (or not yet) running?
_timer: QTimer | None = None
_was_enabled = True
_last_full = 0.0


def watch(thread) -> None:
    """Collect only in Qt's thread from now until `thread` has run and ended. Call it before starting
    the thread: a `threading.Thread` or a `QThread`. From Qt's thread, with its application running."""
    global _timer, _was_enabled, _last_full
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() != app.thread():
        raise RuntimeError("watch() needs Qt's application, from its thread")  # i18n: a programming error
    if isinstance(thread, QThread):
        _watched.append(lambda: _running(thread))
    else:
        _watched.append(lambda: thread.ident is None or thread.is_alive())
    if _timer is None:
        _was_enabled = gc.isenabled()
        gc.disable()
        _last_full = time.monotonic()
        _timer = QTimer(interval=TICK_MS)  # held here, not by the application, which may go first
        _timer.timeout.connect(_tick)
        _timer.start()


def collecting_here() -> bool:
    """True while automatic collection is off and Qt's thread collects."""
    return _timer is not None


def _running(thread: QThread) -> bool:
    try:
        return not thread.isFinished()
    except RuntimeError:  # Qt has deleted it, so it has ended
        return False


def _tick() -> None:
    global _timer, _last_full
    _watched[:] = [alive for alive in _watched if alive()]
    if not _watched:
        _timer.stop()
        _timer = None
        if _was_enabled:
            gc.enable()
        return
    t0, t1, t2 = gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    # As the interpreter does: each collection of a generation counts once towards the next's.
    if c2 > t2 and time.monotonic() - _last_full >= FULL_EVERY_SECONDS:
        gc.collect(2)
        _last_full = time.monotonic()
    elif c1 > t1:
        gc.collect(1)
    elif c0 > t0:
        gc.collect(0)
