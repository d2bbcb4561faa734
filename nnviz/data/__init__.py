"""Data sets for nnviz: XOR, the gender example and MNIST, plus digit preprocessing.

Imports only NumPy and the standard library, so the engine, the CLI and the GUI can all use it.
"""

from nnviz.data import errors
from nnviz.data.dataset import Dataset, Query
from nnviz.data.digits import center_of_mass, ink_bounding_box, preprocess_digit, render_strokes
from nnviz.data.errors import (
    DownloadCancelled,
    DownloadError,
    IdxFormatError,
    MnistCorruptError,
    MnistMissingError,
)
from nnviz.data.idx import read_idx, write_idx
from nnviz.data.mnist import load_mnist, scale_pixels
from nnviz.data.mnist_download import MIRRORS, download_mnist
from nnviz.data.mnist_files import FILES, MnistFile, MnistStatus, mnist_status, verify_mnist
from nnviz.data.paths import default_data_dir, resolve_data_dir
from nnviz.data.toy import HEIGHT_OFFSET_IN, PEOPLE, WEIGHT_OFFSET_LB, Person, gender, xor

__all__ = [
    "Dataset",
    "Query",
    "xor",
    "gender",
    "Person",
    "PEOPLE",
    "WEIGHT_OFFSET_LB",
    "HEIGHT_OFFSET_IN",
    "read_idx",
    "write_idx",
    "FILES",
    "MnistFile",
    "MnistStatus",
    "mnist_status",
    "load_mnist",
    "scale_pixels",
    "verify_mnist",
    "download_mnist",
    "MIRRORS",
    "default_data_dir",
    "resolve_data_dir",
    "preprocess_digit",
    "render_strokes",
    "ink_bounding_box",
    "center_of_mass",
    "errors",
    "IdxFormatError",
    "MnistMissingError",
    "MnistCorruptError",
    "DownloadError",
    "DownloadCancelled",
]
