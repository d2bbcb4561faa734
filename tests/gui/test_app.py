"""`nnviz gui --run-for S --screenshot PNG --stats JSON`: a scripted run that plays, measures and quits."""

import argparse
import json

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from nnviz.gui.app import run


def test_scripted_run_plays_saves_a_screenshot_and_stats(qapp, tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, str(tmp_path))
    shot, stats = tmp_path / "window.png", tmp_path / "stats.json"
    args = argparse.Namespace(preset="gender", model=None, data_dir=None, run_for=1.0,
                              screenshot=str(shot), stats=str(stats))
    assert run(args) == 0
    numbers = json.loads(stats.read_text())
    assert numbers["samples_trained"] > 100 and numbers["samples_per_second"] > 0
    assert numbers["frames_per_second"] > 1
    assert 0 <= numbers["event_latency_ms_p50"] <= numbers["event_latency_ms_p99"]
    image = QImage(str(shot))
    assert image.width() > 800 and image.height() > 400
