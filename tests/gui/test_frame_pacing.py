"""The window asks the trainer to space snapshots by what drawing them costs it (frame_pacing.py)."""

import pytest

from nnviz.gui.window.frame_pacing import FRAMES_PER_DECISION, MAX_FPS, MIN_CHANGE, MIN_FPS, FramePacer


class Clocks:
    """A wall clock and a CPU clock the test moves by hand."""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def frames(self, pacer: FramePacer, n: int, apart: float, cpu_each: float) -> None:
        for _ in range(n):
            self.wall += apart
            self.cpu += cpu_each
            pacer.drawn()


def paced():
    clocks, sent = Clocks(), []
    return FramePacer(sent.append, clocks=(lambda: clocks.wall, lambda: clocks.cpu)), clocks, sent


def test_cheap_frames_keep_the_full_frame_rate():
    pacer, clocks, sent = paced()
    clocks.frames(pacer, 3 * FRAMES_PER_DECISION, apart=1 / 60, cpu_each=0.004)  # 4 ms a frame: 0.24 of a core at 60 Hz
    assert sent == [] and pacer.interval == 1 / MAX_FPS


def test_costly_frames_are_spaced_to_a_share_of_a_core_but_never_below_the_floor():
    pacer, clocks, sent = paced()
    clocks.frames(pacer, 3 * FRAMES_PER_DECISION, apart=1 / 60, cpu_each=0.006)  # 6 ms: 0.36 of a core at 60 Hz
    assert len(sent) == 1 and abs(sent[0] - 0.020) < 0.002  # 50 frames a second: 0.3 of a core
    clocks.frames(pacer, 6 * FRAMES_PER_DECISION, apart=1 / 50, cpu_each=0.030)  # very costly: the floor
    assert sent[-1] == pytest.approx(1 / MIN_FPS, rel=MIN_CHANGE)  # near enough not to be sent again


def test_frames_that_do_not_stream_are_not_measured_and_a_new_trainer_starts_afresh():
    pacer, clocks, sent = paced()
    clocks.frames(pacer, 3 * FRAMES_PER_DECISION, apart=0.5, cpu_each=0.050)  # paused, paced or stepped by hand
    assert sent == [] and pacer.cost is None
    clocks.frames(pacer, FRAMES_PER_DECISION + 1, apart=1 / 60, cpu_each=0.012)
    assert sent and pacer.interval > 1 / MAX_FPS
    pacer.restart()
    assert pacer.interval == 1 / MAX_FPS
