"""`nnviz gui --run-for S --screenshot PNG --stats JSON`: a scripted run that plays, measures and quits.

Run as its own process, as a user or a benchmark runs it (quitting the application object would end
the test session's event loop too).
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtGui import QImage


def test_scripted_run_plays_saves_a_screenshot_and_stats(tmp_path):
    shot, stats = tmp_path / "window.png", tmp_path / "stats.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "nnviz", "gui", "--preset", "gender", "--run-for", "1",
         "--screenshot", str(shot), "--stats", str(stats)],
        env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    numbers = json.loads(stats.read_text())
    assert numbers["samples_trained"] > 100 and numbers["samples_per_second"] > 0
    assert numbers["frames_per_second"] > 1
    assert 0 <= numbers["event_latency_ms_p50"] <= numbers["event_latency_ms_p99"]
    image = QImage(str(shot))
    assert image.width() > 800 and image.height() > 400


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return {int(c) for c in f.read().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for init to reap it is gone for good
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _start_training_window(tmp_path):
    """`nnviz gui --run-for 60` in its own process group, as a terminal starts it; returns it once
    its trainer process runs, with the children it had then."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    window = subprocess.Popen([sys.executable, "-m", "nnviz", "gui", "--preset", "xor", "--run-for", "60"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_children(window.pid)) < 2:  # trainer and resource tracker
        time.sleep(0.05)
    time.sleep(1.0)  # built and playing
    children = _children(window.pid)
    assert children, "the window started no trainer process"
    return window, children


def _interrupt(window, times: int) -> None:
    """Ctrl+C as a terminal sends it: to the whole process group, trainer included."""
    for _ in range(times):
        os.killpg(window.pid, signal.SIGINT)
        time.sleep(0.05)


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_closes_the_window_with_exit_code_130_and_leaves_no_process(tmp_path, presses):
    window, children = _start_training_window(tmp_path)
    try:
        start = time.monotonic()
        _interrupt(window, presses)
        _, err = window.communicate(timeout=10)
        assert time.monotonic() - start < (1.0 if presses == 2 else 3.0)
        assert window.returncode == 130, err[-2000:]
        assert "Traceback" not in err and "Segmentation" not in err
        end = time.monotonic() + 2
        while time.monotonic() < end and any(_alive(c) for c in children):
            time.sleep(0.05)
        assert not any(_alive(c) for c in children), "a child outlived the window"
    finally:
        if window.poll() is None:
            os.killpg(window.pid, signal.SIGKILL)
            window.communicate()
