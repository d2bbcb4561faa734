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
from nnviz.data.idx import IdxHeader, read_idx, read_idx_header
from nnviz.data.mnist_files import (
    FILES,
    TEST_IMAGES,
    TEST_LABELS,
    TRAIN_IMAGES,
    TRAIN_LABELS,
    mnist_status,
    unreadable_error,
    verify_mnist,
)
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

__all__ = ["load_mnist", "scale_pixels", "SCALINGS", "IMAGE_SHAPE", "CLASS_NAMES", "PIXEL_NAMES"]

SCALINGS = ("unit", "textbook", "raw")
IMAGE_SHAPE = (28, 28)
CLASS_NAMES = tuple(str(d) for d in range(10))
PIXEL_NAMES = tuple(f"pixel ({r}, {c})" for r in range(IMAGE_SHAPE[0]) for c in range(IMAGE_SHAPE[1]))

HOW_TO_GET = QT_TRANSLATE_NOOP(
    "MnistData", "run `nnviz data mnist` to download MNIST (about 11 MB), or pass --data-dir / set NNVIZ_DATA_DIR "
                 "to a folder that has the four IDX files")
HOW_TO_FIX = QT_TRANSLATE_NOOP("MnistData", "delete it and run `nnviz data mnist` to download it again")


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


def _header(path: os.PathLike) -> IdxHeader:
    try:
        return read_idx_header(path)
    except IdxFormatError as e:
        raise MnistCorruptError(QT_TRANSLATE_NOOP("MnistData", "{problem}; {how_to_fix}").format(
            problem=str(e), how_to_fix=HOW_TO_FIX)) from None
    except OSError as e:
        raise unreadable_error(path, e) from None


def _read(path: os.PathLike) -> np.ndarray:
    try:
        st = os.stat(path)
        return _read_idx_cached(os.path.realpath(path), st.st_mtime_ns, st.st_size)
    except IdxFormatError as e:
        raise MnistCorruptError(QT_TRANSLATE_NOOP("MnistData", "{problem}; {how_to_fix}").format(
            problem=str(e), how_to_fix=HOW_TO_FIX)) from None
    except OSError as e:
        raise unreadable_error(path, e) from None


def _check_split(images_path: os.PathLike, images, labels_path: os.PathLike, labels) -> None:
    """Raise MnistCorruptError unless `images` and `labels` (IdxHeaders or arrays: anything with a
    dtype and a shape) are n uint8 images of 28 × 28 pixels and n uint8 labels."""
    _check(images_path, "images", images.dtype, images.shape)
    _check(labels_path, "labels", labels.dtype, labels.shape)
    if labels.shape[0] != images.shape[0]:
        raise MnistCorruptError(
            QT_TRANSLATE_NOOP("MnistData", "{labels_path} declares {labels} labels but {images_path} declares {images} "
                                           "images; delete both and run `nnviz data mnist` to download them again").format(
                labels_path=labels_path, labels=f"{labels.shape[0]:,}", images_path=images_path,
                images=f"{images.shape[0]:,}")
        )


def _check(path: os.PathLike, kind: str, dtype: np.dtype, shape: tuple[int, ...]) -> None:
    ndim = 3 if kind == "images" else 1
    problem = None
    images = kind == "images"
    if dtype.newbyteorder("=") != np.uint8:
        problem = (QT_TRANSLATE_NOOP("MnistData", "MNIST images are unsigned bytes (uint8), this file holds "
                                                  "{dtype}")
                   if images else
                   QT_TRANSLATE_NOOP("MnistData", "MNIST labels are unsigned bytes (uint8), this file holds "
                                                  "{dtype}")
                   ).format(dtype=dtype.newbyteorder("=").name)
    elif len(shape) != ndim:
        problem = (QT_TRANSLATE_NOOP("MnistData", "an images file has 3 dimensions, this one declares {n}")
                   if images else
                   QT_TRANSLATE_NOOP("MnistData", "a labels file has 1 dimension, this one declares {n}")
                   ).format(n=len(shape))
    elif shape[0] == 0:
        problem = (QT_TRANSLATE_NOOP("MnistData", "declares 0 images") if images
                   else QT_TRANSLATE_NOOP("MnistData", "declares 0 labels"))
    elif images and shape[1:] != IMAGE_SHAPE:
        problem = QT_TRANSLATE_NOOP("MnistData", "MNIST images are {rows}×{columns} pixels, this file declares "
                                                 "{declared_rows}×{declared_columns}").format(
            rows=IMAGE_SHAPE[0], columns=IMAGE_SHAPE[1], declared_rows=f"{shape[1]:,}", declared_columns=f"{shape[2]:,}")
    if problem:
        raise MnistCorruptError(QT_TRANSLATE_NOOP("MnistData", "{path}: {problem}; {how_to_fix}").format(
            path=path, problem=problem, how_to_fix=HOW_TO_FIX))


def load_mnist(
    data_dir: str | os.PathLike | None = None,
    scaling: str = "unit",
    dtype=np.float32,
    verify: bool = False,
) -> Dataset:
    """Load MNIST: x_train (60000, 784), x_test (10000, 784) scaled by `scaling`; labels int64 0..9.

    data_dir defaults to resolve_data_dir(None). With verify=True every file's SHA-256 is checked
    first (about half a second). The four headers are checked (uint8, n × 28 × 28 images, as many
    labels as images) before any data is read. Raises MnistMissingError if a file is absent,
    MnistCorruptError if one cannot be decoded or fails verification, and MnistUnreadableError if
    one is there but cannot be read.
    """
    if scaling not in SCALINGS:
        raise ValueError(f"scaling must be one of {', '.join(SCALINGS)}; got {scaling!r}")
    status = mnist_status(data_dir)
    if status.missing:
        raise MnistMissingError(
            QT_TRANSLATE_NOOP("MnistData", "MNIST files missing from {data_dir}: {missing}; {how_to_get}").format(
                data_dir=status.data_dir, missing=", ".join(status.missing), how_to_get=HOW_TO_GET)
        )
    if verify:
        problems = verify_mnist(status.data_dir)
        if problems:
            raise MnistCorruptError(QT_TRANSLATE_NOOP("MnistData", "{problems}; {how_to_fix}").format(
                problems="; ".join(problems), how_to_fix=HOW_TO_FIX))

    paths = {f.name: status.present[f.name] for f in FILES}
    splits = (("train", TRAIN_IMAGES.name, TRAIN_LABELS.name), ("test", TEST_IMAGES.name, TEST_LABELS.name))
    # The headers first (a few bytes each), so a bad shape or count is reported before 55 MB are read.
    headers = {name: _header(path) for name, path in paths.items()}
    for _, images_name, labels_name in splits:
        _check_split(paths[images_name], headers[images_name], paths[labels_name], headers[labels_name])

    arrays = {name: _read(path) for name, path in paths.items()}
    data = {}
    for split, images_name, labels_name in splits:
        images, labels = arrays[images_name], arrays[labels_name]
        labels_path = paths[labels_name]
        # Again on the arrays, in case a file was replaced after its header was read.
        _check_split(paths[images_name], images, labels_path, labels)
        if labels.max() > 9:
            raise MnistCorruptError(QT_TRANSLATE_NOOP("MnistData", "{labels_path}: label {label} is not a digit; "
                                                                   "{how_to_fix}").format(
                labels_path=labels_path, label=labels.max(), how_to_fix=HOW_TO_FIX))
        x = scale_pixels(images.reshape(images.shape[0], -1), scaling, dtype)
        data[split] = (x, labels.astype(np.int64))

    return Dataset(
        name="mnist",
        x_train=data["train"][0],
        labels_train=data["train"][1],
        x_test=data["test"][0],
        labels_test=data["test"][1],
        class_names=CLASS_NAMES,
        feature_names=PIXEL_NAMES,
        image_shape=IMAGE_SHAPE,
    )
