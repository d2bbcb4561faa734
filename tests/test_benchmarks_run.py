"""Every benchmark in tests/bench/ still runs: each script once, at a tiny size, as its own process.

The benchmarks are run by hand (tests/bench/README.md) and pytest does not collect them, so an API change
in nnviz could break one unnoticed. Here each script runs with the arguments in SMOKE_ARGS (a few seconds,
measuring nothing) and must exit with status 0 having printed its result lines. A new script in
tests/bench/ fails test_every_benchmark_has_a_smoke_run until it gets an entry in both dicts.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "tests" / "bench"
TIMEOUT = 120  # seconds per script; each takes 1-6 s on the 2-core CI machine

#: script -> the arguments of a run in seconds that goes through the whole script.
SMOKE_ARGS = {
    "augment_cost.py": ["--smoke"],
    "drawings.py": ["--smoke"],
    "engine_vs_torch.py": ["--smoke"],
    "gui_overhead.py": ["--presets", "xor", "--seconds", "1", "--rounds", "1", "--epochs", "50",
                        "--display", "offscreen"],
    "mnist_fast.py": ["--smoke"],
    "view_costs.py": ["--smoke"],
}

#: script -> patterns (re.MULTILINE) its smoke run must print: its ratios and results.
RESULT_LINES = {
    "augment_cost.py": [r"^  augment_images +median +[\d.]+ ms", r"^  train_step +median +[\d.]+ ms",
                        r"^  augmentation adds \d+% of a train step",
                        r"^  1 BLAS thread +in the step +[\d.]+ ms +ahead +[\d.]+ ms +ahead/in the step [\d.]+$"],
    "drawings.py": [r"mnist\.npz: [\d.]+% of \d+ rendered drawings$", r"^  by_digit +0: \d+%",
                    r"^  ablation, no crop, no 20-px box .*: [\d.]+%$"],
    # Every case (a-d) times the engine; the comparison lines are checked in the test when torch is there.
    "engine_vs_torch.py": [rf"^\({case}\) .*\n  engine +[\d,]+ samples/s median +[\d,]+ best$" for case in "abcd"],
    "gui_overhead.py": [r"^xor +offscreen +[\d,]+ +[\d,]+ +[\d,]+ +[\d.]+ +[\d.]+ +0\.80 +\d+ +[\d.]+  (meets|misses) the targets$"],
    "mnist_fast.py": [r"^  seed 0 epoch  1: test accuracy 0\.\d+",
                      r"^  seed 0: final 0\.\d+ after [\d.]+ s of training"],
    "view_costs.py": [r"^XOR 2-10-1 +decision surface +[\d.]+ ms$",
                      r"^MNIST 784-256-128-10 +evaluation \(same epoch\) +[\d.]+ ms$",
                      r"^pad +preprocess \+ forward .* [\d.]+ ms$"],
}

#: script -> why its case is skipped for now.
SKIPPED: dict[str, str] = {}


def test_every_benchmark_has_a_smoke_run():
    scripts = {p.name for p in BENCH.glob("*.py")}
    assert scripts == set(SMOKE_ARGS), "every tests/bench/*.py needs a tiny-size entry in SMOKE_ARGS"
    assert scripts == set(RESULT_LINES), "every tests/bench/*.py needs the lines it prints in RESULT_LINES"


@pytest.mark.slow
@pytest.mark.parametrize("script", [
    pytest.param(name, marks=[pytest.mark.skip(reason=SKIPPED[name])] if name in SKIPPED else [])
    for name in sorted(SMOKE_ARGS)
])
def test_benchmark_runs_at_a_tiny_size(script):
    run = subprocess.run([sys.executable, str(BENCH / script), *SMOKE_ARGS[script]], cwd=REPO,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                         capture_output=True, text=True, timeout=TIMEOUT)
    output = f"stdout:\n{run.stdout[-3000:]}\nstderr:\n{run.stderr[-3000:]}"
    assert run.returncode == 0, f"{script} {' '.join(SMOKE_ARGS[script])} exited {run.returncode}\n{output}"
    patterns = list(RESULT_LINES[script])
    if script == "engine_vs_torch.py":
        if importlib.util.find_spec("torch") is None:
            patterns.append(r"^PyTorch is not installed: timing the engine only")
        else:
            patterns += [r"^  ratio engine/torch: [\d.]+ \(best rounds", r"-> same math$"]
            assert "MISMATCH" not in run.stdout, f"the engine and torch disagree\n{output}"
    missing = [p for p in patterns if not re.search(p, run.stdout, re.MULTILINE)]
    assert not missing, f"{script} did not print lines matching {missing}\n{output}"
