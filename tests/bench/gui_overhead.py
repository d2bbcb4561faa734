"""Training throughput with the window open, against headless `nnviz train`, measured side by side.

Each round runs, as separate processes, `nnviz train --preset P` (headless; its samples/s counts
training steps only) and `nnviz gui --preset P --run-for S --stats` (the window playing at full speed
offscreen; its samples/s is wall-clock while playing, so snapshots and every other cost count).
Rounds alternate the two so that a slow spell on a shared machine hits both. It also reports the
window's frames/s and event-loop latency, with the training thread's BLAS limited to 1 thread and to 2
(NNVIZ_BLAS_THREADS; the app's default leaves BLAS its own count, 2 on this machine).

Targets (issue 3): GUI throughput >= 80% of headless; >= 30 frames/s; event-loop latency p99 <= 50 ms.

    python tests/bench/gui_overhead.py [--preset mnist-fast] [--seconds 10] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> str | None:
    for candidate in (os.environ.get("NNVIZ_DATA_DIR"), ROOT.parent / "shared" / "mnist"):
        if candidate and Path(candidate).is_dir():
            return str(candidate)
    return None


def nnviz(*args: str, env: dict | None = None) -> str:
    out = subprocess.run([sys.executable, "-m", "nnviz", *args], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}, timeout=600)
    if out.returncode != 0:
        sys.exit(f"nnviz {' '.join(args)} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return out.stdout


def headless(preset: str, epochs: int, blas: str) -> float:
    last = nnviz("train", "--preset", preset, "--epochs", str(epochs), "--json",
                 env={"OPENBLAS_NUM_THREADS": blas}).strip().splitlines()[-1]
    return json.loads(last)["samples_per_second"]


def windowed(preset: str, seconds: float, blas: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "stats.json"
        nnviz("gui", "--preset", preset, "--run-for", str(seconds), "--stats", str(stats),
              env={"NNVIZ_BLAS_THREADS": blas})
        return json.loads(stats.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="mnist-fast")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each GUI run plays")
    parser.add_argument("--epochs", type=int, default=1, help="epochs of each headless run")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if data_dir():
        os.environ.setdefault("NNVIZ_DATA_DIR", data_dir())
    print(f"preset {args.preset}; load average {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores")

    head, gui1, gui2 = [], [], []
    for r in range(args.rounds):
        head.append(headless(args.preset, args.epochs, blas="2"))
        gui1.append(windowed(args.preset, args.seconds, blas="1"))
        gui2.append(windowed(args.preset, args.seconds, blas="2"))
        print(f"round {r + 1}: headless {head[-1]:,.0f}/s | window (1 BLAS thread) "
              f"{gui1[-1]['samples_per_second']:,.0f}/s, {gui1[-1]['frames_per_second']:.0f} fps, "
              f"p99 {gui1[-1]['event_latency_ms_p99']:.1f} ms | window (2 BLAS threads) "
              f"{gui2[-1]['samples_per_second']:,.0f}/s, p99 {gui2[-1]['event_latency_ms_p99']:.1f} ms")

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    h = statistics.median(head)
    print("\nmedians")
    print(f"  headless nnviz train            {h:,.0f} samples/s")
    for label, runs in (("window, 1 BLAS thread ", gui1), ("window, 2 BLAS threads", gui2)):
        s = median(runs, "samples_per_second")
        print(f"  {label}          {s:,.0f} samples/s = {s / h:.0%} of headless (target >= 80%); "
              f"{median(runs, 'frames_per_second'):.0f} frames/s (>= 30); event latency "
              f"p50 {median(runs, 'event_latency_ms_p50'):.1f} ms, p99 {median(runs, 'event_latency_ms_p99'):.1f} ms (<= 50)")


if __name__ == "__main__":
    main()
