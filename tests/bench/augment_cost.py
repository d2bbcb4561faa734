"""What augmentation adds to a training step: augment_images vs one engine train_step, same batch; and
what distorting the next batch ahead on a worker thread (nnviz/training/prefetch.py) saves a step.

The training loop is single-threaded Python, so every millisecond spent augmenting a batch adds to
every step. Both are timed in alternating blocks, as they alternate in training (that also matters
for the memory allocator: a block of one alone can behave differently); the median and best block
are printed, with the page faults per call.

Then whole session steps of the mnist-fast preset, alternating, with the next batch distorted ahead
and without, on one BLAS thread (as the window's trainer runs) and on BLAS's own count (as `nnviz
train` runs): ahead pays where BLAS leaves a core idle, and costs where it does not.

Run:  python tests/bench/augment_cost.py [--batch N] [--blocks N] [--calls N] [--data-dir D]
      python tests/bench/augment_cost.py --smoke   # seconds: does the script still run?
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

# Run as a script from anywhere: make the repository importable without installing it.
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from nnviz.data import load_mnist  # noqa: E402
from nnviz.data.augment import augment_images  # noqa: E402
from nnviz.data.bundled import bundled_mnist_dir  # noqa: E402
from nnviz.data.mnist_files import mnist_status  # noqa: E402
from nnviz.engine import Network, make_optimizer, one_hot  # noqa: E402
from nnviz.training import get_preset  # noqa: E402
from nnviz.training.build import build_network  # noqa: E402
from nnviz.training.session import TrainingSession  # noqa: E402

DEFAULT_DATA_DIR = REPO.parent / "shared" / "mnist"
SMOKE_BLOCKS, SMOKE_CALLS = 2, 2  # a --smoke run: the whole script in about a second, measuring nothing


def minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def smoke_data_dir(data_dir: Path) -> Path:
    """data_dir if it holds MNIST, else (smoke runs only) the bundled 5,000-image subset."""
    if mnist_status(data_dir).complete:
        return data_dir
    print(f"no MNIST in {data_dir}: the smoke run uses the bundled subset")
    return bundled_mnist_dir()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, help="batch size (default: the mnist-fast preset's)")
    parser.add_argument("--blocks", type=int,
                        help=f"alternating timed blocks of each (default 30; smoke {SMOKE_BLOCKS})")
    parser.add_argument("--calls", type=int, help=f"calls per block (default 40; smoke {SMOKE_CALLS})")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("NNVIZ_DATA_DIR", DEFAULT_DATA_DIR)))
    parser.add_argument("--smoke", action="store_true",
                        help="tiny sizes: checks that the script runs, in seconds; its numbers measure nothing")
    args = parser.parse_args(argv)
    warm_up = 20
    if args.smoke:
        args.blocks = args.blocks or SMOKE_BLOCKS
        args.calls = args.calls or SMOKE_CALLS
        args.data_dir = smoke_data_dir(args.data_dir)
        warm_up = 2
        print("smoke run: tiny sizes, the numbers below measure nothing")
    args.blocks = args.blocks or 30
    args.calls = args.calls or 40

    dataset = load_mnist(args.data_dir)
    rng = np.random.default_rng(0)
    preset = get_preset("mnist-fast")
    if args.batch is None:
        args.batch = preset.hyperparameters.batch_size
    net = Network(preset.sizes, preset.hidden, preset.output, preset.loss, preset.init, seed=0)
    optimizer = make_optimizer(preset.hyperparameters.optimizer, preset.hyperparameters.momentum)
    n = len(dataset.x_train) // args.batch
    batches = [rng.permutation(len(dataset.x_train))[:args.batch] for _ in range(min(n, 64))]
    xs = [dataset.x_train[idx] for idx in batches]
    ys = [one_hot(dataset.labels_train[idx], 10) for idx in batches]
    lr = preset.hyperparameters.lr

    def augment(i):
        augment_images(xs[i % len(xs)], dataset.image_shape, rng)

    def train_step(i):
        net.train_step(xs[i % len(xs)], ys[i % len(ys)], optimizer, lr)

    contenders = {"augment_images": augment, "train_step": train_step}
    seconds = {name: [] for name in contenders}
    faults = {name: 0 for name in contenders}
    for f in contenders.values():  # warm-up
        for i in range(warm_up):
            f(i)
    for _ in range(args.blocks):
        for name, f in contenders.items():
            f0, start = minor_faults(), time.perf_counter()
            for i in range(args.calls):
                f(i)
            seconds[name].append((time.perf_counter() - start) / args.calls)
            faults[name] += minor_faults() - f0

    print(f"batch {args.batch}, network {'-'.join(map(str, preset.sizes))} ({preset.hyperparameters.optimizer}); "
          f"load average {os.getloadavg()[0]:.2f}")
    for name, s in seconds.items():
        print(f"  {name:15s} median {statistics.median(s) * 1e3:6.3f} ms   best {min(s) * 1e3:6.3f} ms   "
              f"{faults[name] / (args.blocks * args.calls):6.1f} page faults per call")
    ratio = statistics.median(seconds["augment_images"]) / statistics.median(seconds["train_step"])
    print(f"  augmentation adds {ratio:.0%} of a train step "
          f"({statistics.median(seconds['augment_images']) / args.batch * 1e6:.1f} us per image)")
    compare_ahead(preset, dataset, args.blocks, args.calls, warm_up)
    return 0


def compare_ahead(preset, dataset, blocks: int, calls: int, warm_up: int) -> None:
    """Session steps with the next batch distorted ahead vs in the step, per BLAS thread count."""
    from threadpoolctl import threadpool_limits

    session = TrainingSession(build_network(preset, dataset=dataset), dataset, preset.hyperparameters, preset.targets)
    session.apply(epochs=None)
    contenders = [(threads, ahead) for threads in (1, None) for ahead in (False, True)]
    seconds = {c: [] for c in contenders}
    for _ in range(warm_up):
        session.step()
    for _ in range(blocks):
        for threads, ahead in contenders:
            with threadpool_limits(threads, user_api="blas"):
                session.distort_ahead = ahead
                start = time.perf_counter()
                for _ in range(calls):
                    session.step()
                seconds[threads, ahead].append((time.perf_counter() - start) / calls)
    print(f"session steps of {session.batch_size} augmented images, alternating blocks of {calls}:")
    for threads in (1, None):
        plain, ahead = (statistics.median(seconds[threads, a]) for a in (False, True))
        blas = "1 BLAS thread" if threads else "BLAS's own threads"
        print(f"  {blas:19s} in the step {plain * 1e3:6.2f} ms   ahead {ahead * 1e3:6.2f} ms   "
              f"ahead/in the step {ahead / plain:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
