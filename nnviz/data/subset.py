"""Make the small MNIST subset bundled in resources/ (so MNIST works offline on first launch).

    python -m nnviz.data.subset ../shared/mnist resources/mnist-subset

A class-balanced random sample of each split, in shuffled order, written as canonical IDX gzip
files, so `load_mnist(that_folder)` reads it like the full set.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from nnviz.data.idx import read_idx, write_idx
from nnviz.data.mnist_files import find_file


def make_subset(source: Path, target: Path, n_train: int = 5000, n_test: int = 1000, seed: int = 2026) -> None:
    rng = np.random.default_rng(seed)
    target.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("t10k", n_test)):
        images = read_idx(find_file(source, f"{split}-images-idx3-ubyte"))
        labels = read_idx(find_file(source, f"{split}-labels-idx1-ubyte"))
        per_class = [rng.choice(np.flatnonzero(labels == k), n // 10, replace=False) for k in range(10)]
        idx = rng.permutation(np.sort(np.concatenate(per_class)))
        write_idx(target / f"{split}-images-idx3-ubyte.gz", images[idx], compress=True)
        write_idx(target / f"{split}-labels-idx1-ubyte.gz", labels[idx], compress=True)


if __name__ == "__main__":
    make_subset(Path(sys.argv[1]), Path(sys.argv[2]))
