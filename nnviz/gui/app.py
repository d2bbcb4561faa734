"""Start the desktop app: `nnviz` or `nnviz gui [--preset P] [--model PATH] [--run-for S]
[--screenshot PNG] [--stats JSON]`. The scripted options let a run be reviewed and measured."""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from threadpoolctl import threadpool_limits

from nnviz.gui.i18n import ENV_VAR, LANGUAGES, known, starting_language, translators
from nnviz.gui.interrupt import InterruptHandler
from nnviz.gui.window.main_window import MainWindow
from nnviz.gui.window.stats import LatencyProbe

#: The exit code of a program ended by Ctrl+C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
#: A command line that asks for something nnviz does not have (as the CLI's usage errors).
EXIT_USAGE = 2


def run(args) -> int:
    """Open the main window and run the app; the process then ends with its exit code (0, or 130
    after Ctrl+C). `args` is the CLI's parsed namespace."""
    # The window's own NumPy work is small (a smoothed curve, a 28x28 digit); BLAS's idle threads spinning
    # for more of it took a fifth of a core from the trainer process beside it. Training has its own.
    threadpool_limits(limits=1, user_api="blas")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nnviz")
    app.setOrganizationName("nnviz")
    lang = getattr(args, "lang", None)
    for given, where in ((lang, "--lang"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if given and known(given) is None:
            codes = ", ".join(language.code for language in LANGUAGES)
            print(f"nnviz: {where} {given!r} is not a language nnviz speaks ({codes})", file=sys.stderr)
            if where == "--lang":
                return EXIT_USAGE
    translators.switch(starting_language(lang, QSettings()))
    interrupted = []
    windows: list[MainWindow] = []  # the window, once built (the MNIST dialog may open before)

    def close_on_interrupt() -> None:
        print("nnviz: interrupted; closing the window (Ctrl+C again to quit at once)", file=sys.stderr)
        interrupted.append(True)  # the exit code, whatever quits the loop first (the last window closing)
        for widget in app.topLevelWidgets():  # a modal dialog (the MNIST download) first
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for window in windows:
            window.close()
        app.exit(EXIT_INTERRUPTED)

    def exit_now() -> None:
        for window in windows:
            window.trainer.shutdown(timeout=0.0)  # no orphan, even now
        os._exit(EXIT_INTERRUPTED)

    InterruptHandler(close_on_interrupt, exit_now, parent=app)
    if getattr(args, "early_interrupts", None):  # Ctrl+C while Qt was loading (see nnviz.cli.gui)
        print("nnviz: interrupted", file=sys.stderr)
        os._exit(EXIT_INTERRUPTED)
    window = MainWindow(preset=getattr(args, "preset", None) or "xor",
                        data_dir=getattr(args, "data_dir", None), settings=QSettings())
    windows.append(window)
    if interrupted:  # Ctrl+C while the MNIST dialog was open: the window was never shown
        window.close()
        os._exit(EXIT_INTERRUPTED)
    window.show()
    # What exists now lives as long as the app: out of the collector's sight, a full collection takes
    # well under a millisecond instead of 45-50 ms walking ~80,000 objects (main_thread_gc.py). What
    # is garbage already goes first: frozen, it would never be collected.
    gc.collect()
    gc.freeze()
    if getattr(args, "model", None):
        window.load_model(args.model)
    run_for = getattr(args, "run_for", None)
    if run_for is not None:
        _script_run(app, window, float(run_for), getattr(args, "screenshot", None), getattr(args, "stats", None))
    try:
        code = app.exec()
    finally:
        window.close()  # however the loop ended, the trainer process ends with it (settings saved)
    if interrupted:
        code = EXIT_INTERRUPTED
    # Everything that matters is done. Leave now rather than let Python's finalizer tear down Qt's
    # objects one by one: PySide6 can crash there (seen: a second Ctrl+C during that teardown), and a
    # Ctrl+C from here on still finds our handler and exits at once.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _script_run(app, window: MainWindow, seconds: float, screenshot: str | None, stats: str | None) -> None:
    """Press Play once the session is built, run for `seconds`, then save what was asked and quit."""
    probe = LatencyProbe(parent=window)
    started = {}

    def start():
        # A measured run trains for the whole time, however many epochs the preset asks for, and as
        # fast as it can (the toy presets start at a pace a learner can watch).
        window.trainer.apply(epochs=None)
        window.transport.full_speed.trigger()
        started["t"] = time.perf_counter()
        started["frames"] = window.frames_drawn
        started["samples"], started["train_s"], _ = window.trainer.stats
        started["cpu"] = time.process_time()
        window.transport.play.setChecked(True)
        QTimer.singleShot(int(seconds * 1000), finish)

    def finish():
        # The trainer's counters arrive with every snapshot, at most a frame behind the clock.
        elapsed = time.perf_counter() - started["t"]
        window_cpu = time.process_time() - started["cpu"]
        samples, train_s, _ = window.trainer.stats
        window.transport.play.setChecked(False)
        if screenshot:
            window.grab().save(str(screenshot))
        frames = window.frames_drawn - started["frames"]
        probe.stop()
        window.close()
        if stats:
            samples -= started["samples"]
            train_s -= started["train_s"]
            Path(stats).write_text(json.dumps({
                "seconds": elapsed,
                "samples_trained": samples,
                # Wall-clock throughput while playing: includes snapshots and every other cost.
                "samples_per_second": samples / elapsed,
                "samples_per_train_second": samples / train_s if train_s else 0.0,
                "frames_per_second": frames / elapsed,
                # The window process's own CPU (all its threads) per second: what it takes from training.
                "window_cpu_share": window_cpu / elapsed,
                "language": translators.code,
                "event_latency_ms_p50": probe.percentile(50),
                "event_latency_ms_p99": probe.percentile(99),
            }, indent=1))
        app.quit()

    def start_when_ready():
        # The session may be built before or after this runs: poll rather than wait for the signal.
        if window.info is None or window.frames_drawn == 0:
            QTimer.singleShot(50, start_when_ready)
        else:
            QTimer.singleShot(200, start)

    start_when_ready()
