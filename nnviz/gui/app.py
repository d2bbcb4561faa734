"""Start the desktop app: `nnviz` or `nnviz gui [--preset P] [--model PATH] [--run-for S]
[--screenshot PNG] [--stats JSON]`. The scripted options let a run be reviewed and measured."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from nnviz.gui.main_window import MainWindow
from nnviz.gui.stats import LatencyProbe


def run(args) -> int:
    """Open the main window; returns the exit code. `args` is the CLI's parsed namespace."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nnviz")
    app.setOrganizationName("nnviz")
    window = MainWindow(preset=getattr(args, "preset", None) or "xor",
                        data_dir=getattr(args, "data_dir", None), settings=QSettings())
    window.show()
    if getattr(args, "model", None):
        window.worker.load(args.model)
    run_for = getattr(args, "run_for", None)
    if run_for is not None:
        _script_run(app, window, float(run_for), getattr(args, "screenshot", None), getattr(args, "stats", None))
    return app.exec()


def _script_run(app, window: MainWindow, seconds: float, screenshot: str | None, stats: str | None) -> None:
    """Press Play once the session is built, run for `seconds`, then save what was asked and quit."""
    probe = LatencyProbe(parent=window)
    started = {}

    def start():
        # A measured run trains for the whole time, however many epochs the preset asks for.
        window.worker.apply(epochs=None)
        started["t"] = time.perf_counter()
        started["frames"] = window.frames_drawn
        started["samples"], started["train_s"] = window.worker.samples_trained, window.worker.train_seconds
        window.transport.play.setChecked(True)
        QTimer.singleShot(int(seconds * 1000), finish)

    def finish():
        elapsed = time.perf_counter() - started["t"]
        window.transport.play.setChecked(False)
        if screenshot:
            window.grab().save(str(screenshot))
        frames = window.frames_drawn - started["frames"]
        probe.stop()
        window.close()  # stops the worker thread, so its counters are final
        if stats:
            samples = window.worker.samples_trained - started["samples"]
            train_s = window.worker.train_seconds - started["train_s"]
            Path(stats).write_text(json.dumps({
                "seconds": elapsed,
                "samples_trained": samples,
                # Wall-clock throughput while playing: includes snapshots and every other cost.
                "samples_per_second": samples / elapsed,
                "samples_per_train_second": samples / train_s if train_s else 0.0,
                "frames_per_second": frames / elapsed,
                "event_latency_ms_p50": probe.percentile(50),
                "event_latency_ms_p99": probe.percentile(99),
            }, indent=1))
        app.quit()

    def start_when_ready():
        # The session may be built before or after this runs: poll rather than wait for the signal.
        if window.info is None:
            QTimer.singleShot(50, start_when_ready)
        else:
            QTimer.singleShot(200, start)

    start_when_ready()
