"""A Throttle passes the first value at once, then the newest at most once per interval."""

from nnviz.gui.throttle import Throttle


def test_a_burst_is_passed_on_as_its_first_and_its_newest_value(qtbot):
    seen = []
    throttle = Throttle(0.1, seen.append)
    for value in range(10):
        throttle.submit(value)
    assert seen == [0]  # the first at once, the rest wait
    qtbot.waitUntil(lambda: seen == [0, 9], timeout=1000)  # only the newest, when the interval is over
    qtbot.wait(200)
    assert seen == [0, 9]  # nothing more was waiting


def test_flush_passes_what_waits_and_clear_forgets_it(qtbot):
    seen = []
    throttle = Throttle(10.0, seen.append)
    throttle.submit("a")
    throttle.submit("b")
    throttle.flush()
    assert seen == ["a", "b"]
    throttle.submit("c")
    throttle.clear()
    throttle.flush()
    qtbot.wait(50)
    assert seen == ["a", "b"]
