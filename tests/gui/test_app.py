"""`nnviz gui --run-for S --screenshot PNG --stats JSON`: a scripted run that plays, measures and quits.

Run as its own process, as a user or a benchmark runs it (quitting the application object would end
the test session's event loop too).
"""

import json
import os
import subprocess
import sys

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
