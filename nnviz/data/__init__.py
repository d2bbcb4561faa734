"""Data sets for nnviz: XOR, the gender example, MNIST, generated 2-D sets and CSV files, plus digit
preprocessing. A `DatasetSpec` names a data set; `load_spec` loads it.

Imports only NumPy and the standard library, so the engine, the CLI and the GUI can all use it.
"""

from nnviz.data import errors
from nnviz.data.csv_import import CsvError, read_csv_dataset
from nnviz.data.dataset import TASKS, Dataset, Query
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
from nnviz.data.generators import GENERATORS, Generator, generate
from nnviz.data.paths import default_data_dir, resolve_data_dir
from nnviz.data.spec import DatasetSpec, load_spec, points_spec, spec_of
from nnviz.data.standardise import Standardisation
from nnviz.data.toy import HEIGHT_OFFSET_IN, PEOPLE, WEIGHT_OFFSET_LB, Person, gender, xor

__all__ = [
    "Dataset",
    "Query",
    "TASKS",
    "DatasetSpec",
    "load_spec",
    "spec_of",
    "points_spec",
    "GENERATORS",
    "Generator",
    "generate",
    "CsvError",
    "read_csv_dataset",
    "Standardisation",
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
