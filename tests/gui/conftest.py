"""GUI tests run headless (tests/conftest.py sets QT_QPA_PLATFORM=offscreen before Qt loads)."""

import gc
import time

import pytest

from nnviz.training import build_session, get_preset


@pytest.fixture
def stepped_session():
    """A session of `preset` after `steps` training steps: stepped_session("xor", 25)."""

    def make(preset: str = "xor", steps: int = 25):
        session = build_session(get_preset(preset))
        for _ in range(steps):
            session.step()
        return session

    return make


@pytest.fixture(autouse=True)
def english_after_each_test():
    """Every GUI test starts and ends in English (the source language), whatever a test switched to."""
    from nnviz.gui.i18n import ENGLISH, translators

    yield
    if translators.code != ENGLISH:
        translators.switch(ENGLISH)


@pytest.fixture
def watch_thread(qapp):
    from nnviz.gui import main_thread_gc

    return main_thread_gc.watch


@pytest.fixture(scope="module", autouse=True)
def qt_garbage_collected_here(qapp):
    """A module's windows, once garbage, are collected in Qt's thread before the next module: tests
    that follow run threads of their own, and Qt objects must not be destroyed in those. And Python
    collects on its own again once the module's threads have ended (the event loop must run for
    that): the tests after the GUI's run no Qt."""
    from nnviz.gui import main_thread_gc

    yield
    gc.collect()
    deadline = time.monotonic() + 10
    while main_thread_gc.collecting_here() and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)
    assert not main_thread_gc.collecting_here(), "a thread of this module's windows is still running"
