"""What augmentation adds to a training step: augment_images vs one engine train_step, same batch.

The training loop is single-threaded Python, so every millisecond spent augmenting a batch adds to
every step. Both are timed in alternating blocks, as they alternate in training (that also matters
for the memory allocator: a block of one alone can behave differently); the median and best block
are printed, with the page faults per call.

Run:  /work/venv/bin/python tests/bench/augment_cost.py [--batch N] [--data-dir D]
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
from nnviz.engine import Network, make_optimizer, one_hot  # noqa: E402
from nnviz.training import get_preset  # noqa: E402

DEFAULT_DATA_DIR = REPO.parent / "shared" / "mnist"


def minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, help="batch size (default: the mnist-fast preset's)")
    parser.add_argument("--blocks", type=int, default=30, help="alternating timed blocks of each")
    parser.add_argument("--calls", type=int, default=40, help="calls per block")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("NNVIZ_DATA_DIR", DEFAULT_DATA_DIR)))
    args = parser.parse_args(argv)

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
        for i in range(20):
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
