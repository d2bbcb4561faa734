"""What one frame costs each view, and what one drawing update costs the pad (GUI-thread time).

Builds real snapshots (XOR after 2,000 steps; mnist-fast after 50 steps on the bundled subset, with
the input gradient and an epoch's evaluation) and times show_snapshot + an offscreen grab for every
view, median of 30. A frame at 60 Hz is 16.7 ms; the whole window must fit the views it shows into that.

    QT_QPA_PLATFORM=offscreen python tests/bench/view_costs.py
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nnviz.data.bundled import bundled_mnist_dir, bundled_model_path  # noqa: E402
from nnviz.data.digits import render_strokes  # noqa: E402
from nnviz.engine.model_file import load_model  # noqa: E402
from nnviz.gui.evaluation_view import EvaluationView  # noqa: E402
from nnviz.gui.mnist_view import MnistNetworkView  # noqa: E402
from nnviz.gui.network_view import NetworkView  # noqa: E402
from nnviz.gui.plots_view import PlotsView  # noqa: E402
from nnviz.gui.receptive_fields import ReceptiveFieldsView  # noqa: E402
from nnviz.gui.surface_view import SurfaceView  # noqa: E402
from nnviz.gui.weights_view import WeightsView  # noqa: E402
from nnviz.training import build_session, get_preset  # noqa: E402
from nnviz.training.predictor import DigitClassifier  # noqa: E402


def median_ms(work, n=30) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def frame_cost(view, snapshots, size=(640, 400)) -> float:
    view.resize(*size)
    view.show()
    QApplication.processEvents()
    i = iter(range(10**9))

    def one_frame():
        view.show_snapshot(snapshots[next(i) % len(snapshots)])  # alternate: every frame is new
        view.grab()

    return median_ms(one_frame)


def main() -> None:
    app = QApplication([])  # noqa: F841 (views need it alive)
    limiter = threadpool_limits(1, "blas")  # as the app runs
    xor = build_session(get_preset("xor"))
    xor_snaps = []
    for _ in range(2):
        for _ in range(1000):
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
    info = lambda s: (s.network.sizes, [f.name for f in s.network.activations],  # noqa: E731
                      s.dataset.feature_names, s.dataset.class_names)

    rows = []
    for name, session, snaps in (("XOR 2-10-1", xor, xor_snaps), ("MNIST 784-256-128-10", mnist, mnist_snaps)):
        small = session is xor
        net = NetworkView() if small else MnistNetworkView()
        net.set_network(*info(session))
        rows.append((name, "network diagram", frame_cost(net, snaps)))
        plots = PlotsView()
        rows.append((name, "loss and accuracy", frame_cost(plots, snaps, (1000, 300))))
        weights = WeightsView()
        weights.reset(session.network.sizes)
        rows.append((name, "weights", frame_cost(weights, snaps, (1000, 300))))
        if small:
            surface = SurfaceView()
            surface.reset(session.dataset)
            rows.append((name, "decision surface", frame_cost(surface, snaps, (440, 400))))
        else:
            fields = ReceptiveFieldsView()
            fields.reset(session.network.sizes)
            rows.append((name, "receptive fields", frame_cost(fields, snaps, (1000, 300))))
            evaluation = EvaluationView()
            evaluation.reset(session.dataset)
            rows.append((name, "evaluation (same epoch)", frame_cost(evaluation, snaps, (1000, 300))))
    classifier = DigitClassifier.from_model(load_model(bundled_model_path()))
    import numpy as np
    seven = render_strokes([np.array([[60, 50], [220, 50], [120, 240]], float)], size=280, width=22)
    rows.append(("pad", "preprocess + forward (one drawing update)", median_ms(lambda: classifier.classify(seven))))
    for name, view, ms in rows:
        print(f"{name:22s} {view:42s} {ms:6.2f} ms")
    limiter.restore_original_limits()


if __name__ == "__main__":
    main()
