"""Model files: a network's parameters in an .npz archive with a JSON metadata entry.

Layout: arrays "W0", "b0", "W1", ... and "metadata", the UTF-8 JSON as a uint8 array. Loading never
unpickles (allow_pickle=False), checks every member's size before reading it (so a forged header
cannot make us allocate gigabytes), and validates shapes, dtypes and values against the metadata.
Every failure is a single `ModelFileError` whose message says what is wrong with which file.
Saving writes a temporary file beside the target and renames it, so a crash never leaves half a model.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nnviz import __version__
from nnviz.engine.network import Network

FORMAT = "nnviz-model"
FORMAT_VERSION = 1
# Room for the .npy header on top of the raw array bytes.
_NPY_HEADER_ALLOWANCE = 4096
_MAX_METADATA_BYTES = 1 << 20


class ModelFileError(ValueError):
    """A model file that cannot be loaded: missing, truncated, foreign, inconsistent or unsafe."""


@dataclass
class LoadedModel:
    network: Network
    #: Everything saved beside the architecture: preprocessing, hyperparameters, class names, metrics.
    metadata: dict = field(default_factory=dict)


def save_model(path: str | os.PathLike, network: Network, **metadata) -> Path:
    """Write `network` and JSON-ready `metadata` (e.g. preprocessing=..., hyperparameters=...)."""
    path = Path(path)
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "nnviz_version": __version__,
        "architecture": network.architecture(),
        **metadata,
    }
    arrays = {f"W{l}": W for l, W in enumerate(network.weights)}
    arrays.update({f"b{l}": b for l, b in enumerate(network.biases)})
    arrays["metadata"] = np.frombuffer(json.dumps(meta, indent=1).encode(), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a model is an ordinary document: keep the mode of the
        # file it replaces, else rw-r--r--.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_model(path: str | os.PathLike) -> LoadedModel:
    """Read a model saved by `save_model`; raises ModelFileError for anything else."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            meta = _read_metadata(path, archive, sizes)
            arrays = _read_arrays(path, archive, sizes, meta)
    except ModelFileError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as exc:
        raise ModelFileError(f"{path}: not a readable nnviz model ({_reason(exc)})") from None
    return LoadedModel(_build_network(path, meta, arrays), meta)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _read_member(archive: zipfile.ZipFile, name: str) -> np.ndarray:
    with archive.open(name) as f:
        return np.load(io.BytesIO(f.read()), allow_pickle=False)


def _read_metadata(path: Path, archive: zipfile.ZipFile, sizes: dict) -> dict:
    if "metadata.npy" not in sizes:
        raise ModelFileError(f"{path}: not an nnviz model (the archive has no metadata entry)")
    if sizes["metadata.npy"] > _MAX_METADATA_BYTES:
        raise ModelFileError(f"{path}: metadata entry is implausibly large; refusing to read it")
    raw = _read_member(archive, "metadata.npy")
    if raw.dtype != np.uint8 or raw.ndim != 1:
        raise ModelFileError(f"{path}: not an nnviz model (metadata is not JSON bytes)")
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"{path}: metadata is not valid JSON ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not an nnviz model (format is {meta.get('format') if isinstance(meta, dict) else None!r})")
    version = meta.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ModelFileError(
            f"{path}: model format version {version!r} is newer than this nnviz understands "
            f"({FORMAT_VERSION}); update nnviz"
        )
    arch = meta.get("architecture")
    if not isinstance(arch, dict) or not isinstance(arch.get("sizes"), list):
        raise ModelFileError(f"{path}: metadata has no architecture")
    return meta


def _read_arrays(path: Path, archive: zipfile.ZipFile, sizes: dict, meta: dict) -> dict:
    arch = meta["architecture"]
    layer_sizes = arch["sizes"]
    if len(layer_sizes) < 2 or not all(isinstance(n, int) and 0 < n <= 1_000_000 for n in layer_sizes):
        raise ModelFileError(f"{path}: implausible layer sizes {layer_sizes}")
    dtype = np.dtype(arch.get("dtype", "float32"))
    if dtype not in (np.float32, np.float64):
        raise ModelFileError(f"{path}: unsupported dtype {dtype}")
    expected = {}
    for l, (n_in, n_out) in enumerate(zip(layer_sizes, layer_sizes[1:])):
        expected[f"W{l}"] = (n_out, n_in)
        expected[f"b{l}"] = (n_out,)
    present = {name[:-4] for name in sizes if name.endswith(".npy")} - {"metadata"}
    if present != set(expected):
        missing, extra = sorted(set(expected) - present), sorted(present - set(expected))
        raise ModelFileError(
            f"{path}: parameters do not match the architecture {layer_sizes}"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unexpected {', '.join(extra)}" if extra else "")
        )
    arrays = {}
    for name, shape in expected.items():
        limit = int(np.prod(shape)) * dtype.itemsize + _NPY_HEADER_ALLOWANCE
        if sizes[f"{name}.npy"] > limit:
            raise ModelFileError(f"{path}: {name} is larger than its shape {shape} allows")
        array = _read_member(archive, f"{name}.npy")
        if array.shape != shape:
            raise ModelFileError(f"{path}: {name} has shape {array.shape}, expected {shape}")
        if array.dtype != dtype:
            raise ModelFileError(f"{path}: {name} has dtype {array.dtype}, expected {dtype}")
        if not np.all(np.isfinite(array)):
            raise ModelFileError(f"{path}: {name} contains NaN or infinite values")
        arrays[name] = array
    return arrays


def _build_network(path: Path, meta: dict, arrays: dict) -> Network:
    arch = meta["architecture"]
    try:
        network = Network(
            arch["sizes"],
            hidden=arch.get("hidden", []),
            output=arch.get("output", "sigmoid"),
            loss=arch.get("loss", "mse"),
            init=arch.get("init", "textbook"),
            seed=0,  # the drawn weights are replaced below
            dtype=arch.get("dtype", "float32"),
        )
    except (ValueError, TypeError) as exc:
        raise ModelFileError(f"{path}: invalid architecture ({exc})") from None
    network.seed = arch.get("seed")
    network.weights = [arrays[f"W{l}"] for l in range(network.n_layers)]
    network.biases = [arrays[f"b{l}"] for l in range(network.n_layers)]
    return network
