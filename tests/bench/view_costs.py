"""What one frame costs each view, and what one drawing update costs the pad (GUI-thread time).

Builds real snapshots (XOR after 2,000 steps; mnist-fast after 50 steps on the bundled subset, with
the input gradient and an epoch's evaluation) and times show_snapshot + an offscreen grab for every
view, median of 30. A frame at 60 Hz is 16.7 ms; the whole window must fit the views it shows into that.

    QT_QPA_PLATFORM=offscreen python tests/bench/view_costs.py [--repeats N]
    QT_QPA_PLATFORM=offscreen python tests/bench/view_costs.py --smoke   # seconds: does the script still run?
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Run as a script from anywhere: make the repository importable without installing it.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nnviz.data.bundled import bundled_mnist_dir, bundled_model_path  # noqa: E402
from nnviz.data.digits import render_strokes  # noqa: E402
from nnviz.engine.model_file import load_model  # noqa: E402
from nnviz.gui.charts.evaluation import EvaluationView  # noqa: E402
from nnviz.gui.diagram.grids import GridDiagram  # noqa: E402
from nnviz.gui.diagram.circles import CircleDiagram  # noqa: E402
from nnviz.gui.charts.loss_plots import PlotsView  # noqa: E402
from nnviz.gui.charts.receptive_fields import ReceptiveFieldsView  # noqa: E402
from nnviz.gui.charts.decision_surface import SurfaceView  # noqa: E402
from nnviz.gui.charts.weight_matrices import WeightsView  # noqa: E402
from nnviz.training import build_session, get_preset  # noqa: E402
from nnviz.training.predictor import DigitClassifier  # noqa: E402
from nnviz.training.architecture import Architecture, NewSession  # noqa: E402
from nnviz.training.phases import step_phases  # noqa: E402

REPEATS, XOR_STEPS = 30, 1000  # frames timed per view; XOR steps before each of the two snapshots
SMOKE_REPEATS, SMOKE_XOR_STEPS = 3, 50  # a --smoke run: seconds, measuring nothing


def median_ms(work, n=REPEATS) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def frame_cost(view, snapshots, size=(640, 400), n=REPEATS) -> float:
    view.resize(*size)
    view.show()
    QApplication.processEvents()
    i = iter(range(10**9))

    def one_frame():
        view.show_snapshot(snapshots[next(i) % len(snapshots)])  # alternate: every frame is new
        view.grab()

    return median_ms(one_frame, n)


def phase_frame_cost(view, snapshots, size=(640, 400), n=REPEATS) -> float:
    """A frame of slow motion: every frame shows the next phase of a step (the flows and flash animate)."""
    view.resize(*size)
    view.show()
    QApplication.processEvents()
    phases = step_phases(len(snapshots[0].weights))
    i = iter(range(10**9))

    def one_frame():
        k = next(i)
        view.show_snapshot(snapshots[(k // len(phases)) % len(snapshots)], phases[k % len(phases)])
        view.grab()

    return median_ms(one_frame, n)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, help=f"frames timed per view, median (default {REPEATS}; "
                                                    f"smoke {SMOKE_REPEATS})")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes: checks that the script runs, in seconds; its numbers measure nothing")
    args = parser.parse_args(argv)
    n, xor_steps = args.repeats or REPEATS, XOR_STEPS
    if args.smoke:
        n, xor_steps = args.repeats or SMOKE_REPEATS, SMOKE_XOR_STEPS
        print("smoke run: a few frames per view, the numbers below measure nothing")

    app = QApplication([])  # noqa: F841 (views need it alive)
    limiter = threadpool_limits(1, "blas")  # as the app runs
    xor = build_session(get_preset("xor"))
    xor_snaps = []
    for _ in range(2):
        for _ in range(xor_steps):
            xor.step()
        xor_snaps.append(xor.snapshot(with_surface=True))
    preset = get_preset("mnist-fast")
    mnist = build_session(replace(preset, hyperparameters=preset.hyperparameters.updated(batch_size=128)),
                          data_dir=bundled_mnist_dir())
    mnist.track_input_gradient = True
    mnist.run_epoch()
    mnist_snaps = []
    for _ in range(2):
        mnist.step()
        mnist_snaps.append(mnist.snapshot())

    rows = []
    for name, session, snaps in (("XOR 2-10-1", xor, xor_snaps), ("MNIST 784-256-128-10", mnist, mnist_snaps)):
        small = session is xor
        net = CircleDiagram() if small else GridDiagram()
        net.set_network(Architecture.of(session.network, session.dataset))
        rows.append((name, "network diagram", frame_cost(net, snaps, n=n)))
        rows.append((name, "network diagram, slow motion", phase_frame_cost(net, snaps, n=n)))
        plots = PlotsView()
        rows.append((name, "loss and accuracy", frame_cost(plots, snaps, (1000, 300), n=n)))
        weights = WeightsView()
        weights.reset(NewSession.of(session))
        rows.append((name, "weights", frame_cost(weights, snaps, (1000, 300), n=n)))
        if small:
            surface = SurfaceView()
            surface.reset(NewSession.of(session))
            rows.append((name, "decision surface", frame_cost(surface, snaps, (440, 400), n=n)))
        else:
            fields = ReceptiveFieldsView()
            fields.reset(NewSession.of(session))
            rows.append((name, "receptive fields", frame_cost(fields, snaps, (1000, 300), n=n)))
            evaluation = EvaluationView()
            evaluation.reset(NewSession.of(session))
            rows.append((name, "evaluation (same epoch)", frame_cost(evaluation, snaps, (1000, 300), n=n)))
    classifier = DigitClassifier.from_model(load_model(bundled_model_path()))
    import numpy as np
    seven = render_strokes([np.array([[60, 50], [220, 50], [120, 240]], float)], size=280, width=22)
    rows.append(("pad", "preprocess + forward (one drawing update)", median_ms(lambda: classifier.classify(seven), n)))
    for name, view, ms in rows:
        print(f"{name:22s} {view:42s} {ms:6.2f} ms")
    limiter.restore_original_limits()


if __name__ == "__main__":
    main()
    # As the app does (gui/app.py): leave without Python's finalizer tearing down Qt's scenes one by
    # one, which can crash in PySide6 once pyqtgraph items and their Python halves go in either order.
    sys.stdout.flush()
    os._exit(0)
