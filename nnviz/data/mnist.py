"""Load MNIST from its four IDX files into a `Dataset`.

Decoded uint8 arrays are cached per process (keyed by path, mtime and size), so a second load in the
same process skips decompression; the float arrays handed out are new each time.
"""

from __future__ import annotations

import functools
import os

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.errors import IdxFormatError, MnistCorruptError, MnistMissingError
from nnviz.data.idx import read_idx
from nnviz.data.mnist_files import (
    FILES,
    TEST_IMAGES,
    TEST_LABELS,
    TRAIN_IMAGES,
    TRAIN_LABELS,
    mnist_status,
    verify_mnist,
)

__all__ = ["load_mnist", "scale_pixels", "SCALINGS", "IMAGE_SHAPE", "CLASS_NAMES", "PIXEL_NAMES"]

SCALINGS = ("unit", "textbook", "raw")
IMAGE_SHAPE = (28, 28)
CLASS_NAMES = tuple(str(d) for d in range(10))
PIXEL_NAMES = tuple(f"pixel ({r}, {c})" for r in range(IMAGE_SHAPE[0]) for c in range(IMAGE_SHAPE[1]))

HOW_TO_GET = (
    "run `nnviz data mnist` to download MNIST (about 11 MB), or pass --data-dir / set NNVIZ_DATA_DIR "
    "to a folder that has the four IDX files"
)
HOW_TO_FIX = "delete it and run `nnviz data mnist` to download it again"


def scale_pixels(x: np.ndarray, scaling: str = "unit", dtype=np.float32) -> np.ndarray:
    """Map pixels to network inputs; returns a new array of `dtype` with the shape of x.

    x is either integer 0..255 (as stored in MNIST) or float 0..1 (as from preprocess_digit).
    scaling: "unit" -> 0..1; "textbook" -> 0.01..1.0 (x/255*0.99 + 0.01, the input scaling of
    "Make Your Own Neural Network", which keeps inputs off zero); "raw" -> 0..255.
    """
    if scaling not in SCALINGS:
        raise ValueError(f"scaling must be one of {', '.join(SCALINGS)}; got {scaling!r}")
    x = np.asarray(x)
    out = x.astype(dtype)  # always a copy, so in-place arithmetic below is safe
    if np.issubdtype(x.dtype, np.integer):
        if scaling == "raw":
            return out
        np.divide(out, 255, out=out)
    elif scaling == "raw":
        np.multiply(out, 255, out=out)
        return out
    if scaling == "textbook":
        np.multiply(out, 0.99, out=out)
        np.add(out, 0.01, out=out)
    return out


@functools.lru_cache(maxsize=8)
def _read_idx_cached(path: str, mtime_ns: int, size: int) -> np.ndarray:
    # mtime and size are part of the key only so a replaced file is read again.
    return read_idx(path)


def _read(path: os.PathLike) -> np.ndarray:
    st = os.stat(path)
    try:
        return _read_idx_cached(os.path.realpath(path), st.st_mtime_ns, st.st_size)
    except IdxFormatError as e:
        raise MnistCorruptError(f"{e}; {HOW_TO_FIX}") from None


def load_mnist(
    data_dir: str | os.PathLike | None = None,
    scaling: str = "unit",
    dtype=np.float32,
    verify: bool = False,
) -> Dataset:
    """Load MNIST: x_train (60000, 784), x_test (10000, 784) scaled by `scaling`; labels int64 0..9.

    data_dir defaults to resolve_data_dir(None). With verify=True every file's SHA-256 is checked
    first (about half a second). Raises MnistMissingError if a file is absent and MnistCorruptError
    if one cannot be decoded or fails verification.
    """
    if scaling not in SCALINGS:
        raise ValueError(f"scaling must be one of {', '.join(SCALINGS)}; got {scaling!r}")
    status = mnist_status(data_dir)
    if status.missing:
        raise MnistMissingError(
            f"MNIST files missing from {status.data_dir}: {', '.join(status.missing)}; {HOW_TO_GET}"
        )
    if verify:
        problems = verify_mnist(status.data_dir)
        if problems:
            raise MnistCorruptError(f"{'; '.join(problems)}; {HOW_TO_FIX}")

    arrays = {f.name: _read(status.present[f.name]) for f in FILES}
    splits = {}
    for split, images_file, labels_file in (
        ("train", TRAIN_IMAGES, TRAIN_LABELS),
        ("test", TEST_IMAGES, TEST_LABELS),
    ):
        images, labels = arrays[images_file.name], arrays[labels_file.name]
        images_path, labels_path = status.present[images_file.name], status.present[labels_file.name]
        if images.dtype != np.uint8 or images.ndim != 3 or images.shape[1:] != IMAGE_SHAPE:
            raise MnistCorruptError(
                f"{images_path}: expected uint8 images of shape (n, 28, 28), got {images.dtype} "
                f"{images.shape}; {HOW_TO_FIX}"
            )
        if labels.dtype != np.uint8 or labels.shape != (images.shape[0],):
            raise MnistCorruptError(
                f"{labels_path}: expected {images.shape[0]} uint8 labels, got {labels.dtype} "
                f"{labels.shape}; {HOW_TO_FIX}"
            )
        if labels.size and labels.max() > 9:
            raise MnistCorruptError(f"{labels_path}: label {labels.max()} is not a digit; {HOW_TO_FIX}")
        x = scale_pixels(images.reshape(images.shape[0], -1), scaling, dtype)
        splits[split] = (x, labels.astype(np.int64))

    return Dataset(
        name="mnist",
        x_train=splits["train"][0],
        labels_train=splits["train"][1],
        x_test=splits["test"][0],
        labels_test=splits["test"][1],
        class_names=CLASS_NAMES,
        feature_names=PIXEL_NAMES,
        image_shape=IMAGE_SHAPE,
    )
