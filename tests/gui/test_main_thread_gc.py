"""Garbage is collected in Qt's thread only while the trainer link's threads run beside it: a cycle
holding a Qt object, collected in the reader thread, deadlocked the window (nnviz.gui.main_thread_gc)."""

import gc
import threading

from PySide6.QtCore import QObject, QThread

from nnviz.gui import main_thread_gc


class Cycle:
    """A reference cycle that says, as it is collected, in which thread."""

    def __init__(self, where: list):
        self.me, self.where = self, where

    def __del__(self):
        self.where.append(threading.current_thread())


def allocating_thread(stop: threading.Event) -> threading.Thread:
    """A thread that keeps creating container objects, crossing the collector's thresholds again and
    again (as the reader thread does, unpickling snapshots)."""

    def run():
        kept = []
        while not stop.is_set():
            kept.append([])
            if len(kept) > 50_000:
                kept = []

    return threading.Thread(target=run, daemon=True)


def test_a_cycle_is_collected_in_qt_thread_while_a_watched_thread_allocates(qtbot):
    where, stop = [], threading.Event()
    thread = allocating_thread(stop)
    main_thread_gc.watch(thread)
    thread.start()
    try:
        assert main_thread_gc.collecting_here() and not gc.isenabled()
        Cycle(where)
        counts = []
        for _ in range(30):  # collected within 3 s, and not only by a final gc.collect()
            qtbot.wait(100)
            counts.append(gc.get_count())
            if where:
                break
        assert where, f"not collected; counts seen: {counts}"
        assert where == [threading.main_thread()]
    finally:
        stop.set()
        thread.join()
    # With the last watched thread gone, Python collects on its own again.
    qtbot.waitUntil(lambda: not main_thread_gc.collecting_here(), timeout=2000)
    assert gc.isenabled()


def test_a_qobject_in_a_cycle_is_destroyed_in_qt_thread(qtbot):
    stop = threading.Event()
    thread = allocating_thread(stop)
    main_thread_gc.watch(thread)
    thread.start()
    destroyed_in = []
    try:
        owner = QObject()
        owner.cycle = Cycle([])  # a Python object holding the QObject, and the QObject's wrapper holding it
        owner.cycle.owner = owner
        owner.destroyed.connect(lambda: destroyed_in.append(threading.current_thread()))
        del owner
        qtbot.waitUntil(lambda: len(destroyed_in) > 0, timeout=3000)
        assert destroyed_in == [threading.main_thread()]
    finally:
        stop.set()
        thread.join()
    qtbot.waitUntil(lambda: not main_thread_gc.collecting_here(), timeout=2000)


def test_a_qthread_is_watched_until_it_has_finished(qtbot):
    release = threading.Event()

    class Waiting(QThread):
        def run(self):
            release.wait(5)

    thread = Waiting()
    main_thread_gc.watch(thread)  # before it starts: watched from the first instruction
    thread.start()
    qtbot.wait(300)
    assert main_thread_gc.collecting_here() and not gc.isenabled()
    release.set()
    thread.wait()
    qtbot.waitUntil(lambda: not main_thread_gc.collecting_here(), timeout=2000)
    assert gc.isenabled()


def test_a_qthread_deleted_once_finished_counts_as_ended(qtbot):
    """The MNIST dialog hands a cancelled download to the application, which deletes it when it ends."""

    class Quick(QThread):
        def run(self):
            pass

    thread = Quick()
    main_thread_gc.watch(thread)
    thread.start()
    thread.wait()
    thread.deleteLater()
    qtbot.wait(10)  # the deferred delete happens: the wrapper now has no Qt object behind it
    qtbot.waitUntil(lambda: not main_thread_gc.collecting_here(), timeout=2000)
    assert gc.isenabled()
