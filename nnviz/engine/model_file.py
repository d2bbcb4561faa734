"""Model files: a network's parameters in an .npz archive with a JSON metadata entry.

Layout: arrays "W0", "b0", "W1", ... and "metadata", the UTF-8 JSON as a uint8 array. Loading trusts
nothing in the file before checking it against absolute limits: the sizes the zip directory declares
against what MAX_PARAMETERS float64 parameters take, the metadata's architecture against
MAX_PARAMETERS, and each member's .npy header, parsed from a bounded read, against the shape and
dtype the architecture implies, all before a byte of parameters is read. Data are then read in bounded chunks, and a member with more bytes than
its header declares is refused. Nothing is unpickled. The JSON types of the metadata fields the app
reads are checked too. Every failure is a single `ModelFileError` whose message says what is wrong
with which file.

Saving writes a temporary file beside the target and renames it, so a crash never leaves half a
model; temporary files that a killed save left behind are removed by the next save to that name.
`check_can_save` finds an unwritable target before hours of training rather than after.
"""

from __future__ import annotations

import errno
import io
import json
import math
import os
import re
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nnviz import __version__
from nnviz.engine.memory import MAX_PARAMETERS, format_bytes, parameter_count
from nnviz.engine.network import Network
from nnviz.engine.os_errors import os_reason
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

FORMAT = "nnviz-model"
FORMAT_VERSION = 1
# Room for the .npy header on top of the raw array bytes; headers are read from this many bytes.
_NPY_HEADER_ALLOWANCE = 4096
_MAX_METADATA_BYTES = 1 << 20
_MAX_LAYER_SIZE = 1_000_000
_MAX_LAYERS = 1000
#: The most any model archive unpacks to: float64 parameters at the cap, metadata, a header per member.
MAX_ARCHIVE_BYTES = 8 * MAX_PARAMETERS + _MAX_METADATA_BYTES + (2 * _MAX_LAYERS + 1) * _NPY_HEADER_ALLOWANCE
_READ_CHUNK = 1 << 20
#: Optional metadata fields that readers use, and the JSON type each must have when present.
_FIELD_TYPES = {
    "preset": str, "dataset": str, "command": str, "class_names": list,
    "preprocessing": dict, "hyperparameters": dict, "metrics": dict, "training": dict,
}
_JSON_NAMES = {str: "string", list: "list", dict: "object"}
#: A temporary file nobody has written to for this long, whose process is gone, is left over from a
#: killed save; one this old is left over whatever its process id says (the id may have been reused).
_STALE_SECONDS = 60
_ABANDONED_SECONDS = 24 * 3600


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
    if path.is_symlink() or (path.exists() and not path.is_file()):
        # The rename below would replace it: a folder, a device (/dev/full) or a link is not ours to.
        raise OSError(QT_TRANSLATE_NOOP("ModelFile", "{path} is not a regular file; choose another name to save "
                                                     "the model under").format(path=path))
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
    _remove_stale_temp_files(path)
    # The process id in the name tells the next save whether the writer is still alive.
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
    except OSError as e:  # say the folder the learner chose, not our hidden temporary file's name
        reason = os_reason(e)
        raise OSError(e.errno, QT_TRANSLATE_NOOP("ModelFile", "cannot write in {folder}: {reason}").format(
            folder=str(path.parent), reason=reason)) from None
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


def check_can_save(path: str | os.PathLike, n_bytes: int = 0) -> None:
    """Raise OSError, with a strerror written for the user, if a model of about n_bytes could not be
    saved to `path` now: its folder (or the nearest one that exists; saving creates the rest) is a
    file, cannot be written, or has too little free space. Run it before long work."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, QT_TRANSLATE_NOOP("ModelFile", "{path} is a folder; give a file "
                                                                             "name such as model.npz").format(
            path=path))
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, QT_TRANSLATE_NOOP("ModelFile", "{folder} is a file, not a folder").format(
            folder=folder))
    try:
        fd, probe = tempfile.mkstemp(prefix=".nnviz-write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise OSError(e.errno, QT_TRANSLATE_NOOP("ModelFile", "cannot write in {folder} ({reason})").format(
            folder=folder, reason=os_reason(e))) from None
    free = shutil.disk_usage(folder).free
    if free < n_bytes:
        raise OSError(errno.ENOSPC, QT_TRANSLATE_NOOP("ModelFile", "only {free} free in {folder}, and the model "
                                                                   "needs about {n_bytes}").format(
            free=format_bytes(free), folder=folder, n_bytes=format_bytes(n_bytes)))


def _remove_stale_temp_files(path: Path) -> None:
    """Delete the temporary files of saves to `path` that were killed before they could clean up."""
    ours = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)-)?[a-z0-9_]+\.tmp")
    now = time.time()
    try:
        with os.scandir(path.parent) as entries:
            leftovers = [(entry, ours.fullmatch(entry.name)) for entry in entries]
        for entry, match in leftovers:
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            pid = None if match[1] is None else int(match[1])
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > _ABANDONED_SECONDS or (age > _STALE_SECONDS and (pid is None or not _process_alive(pid))):
                os.unlink(entry.path)
    except OSError:
        pass  # tidying up is a courtesy; it never stops a save


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill(pid, 0) would terminate the process on Windows; go by age alone
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # it exists, but is another user's
    return True


def load_model(path: str | os.PathLike) -> LoadedModel:
    """Read a model saved by `save_model`; raises ModelFileError for anything else."""
    path = Path(path)
    if path.is_dir():
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path} is a folder; choose a model file (.npz)").format(
            path=path))
    if not path.is_file():
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: no such model file").format(path=path))
    try:
        if path.stat().st_size > MAX_ARCHIVE_BYTES:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {st_size} is more than any nnviz model "
                                                                "(at most {max_archive_bytes}); refusing to read "
                                                                "it").format(
                path=path, st_size=format_bytes(path.stat().st_size), max_archive_bytes=format_bytes(MAX_ARCHIVE_BYTES)))
        with zipfile.ZipFile(path) as archive:
            members = _members(path, archive)
            meta = _read_metadata(path, archive, members)
            arch = _architecture(path, meta)
            arrays = _read_arrays(path, archive, members, arch)
    except ModelFileError:
        raise
    except RuntimeError:  # zipfile's "is encrypted, password required for extraction"
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: not a readable nnviz model (its members are "
                                                            "encrypted)").format(path=path)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
            NotImplementedError) as exc:  # NotImplementedError: a compression zipfile does not know
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: not a readable nnviz model ({exc})").format(
            path=path, exc=_reason(exc))) from None
    return LoadedModel(_build_network(path, arch, arrays), meta)


def _reason(exc: Exception) -> str:
    """Why a file could not be read, in words the window translates where the reason is a common one
    (zipfile's and json's own texts are English and technical)."""
    if isinstance(exc, zipfile.BadZipFile):
        return QT_TRANSLATE_NOOP("ModelFile", "it is not a zip archive")
    if isinstance(exc, EOFError):
        return QT_TRANSLATE_NOOP("ModelFile", "it ends too soon")
    if isinstance(exc, json.JSONDecodeError):
        return QT_TRANSLATE_NOOP("ModelFile", "unreadable at line {line}, column {column}").format(
            line=exc.lineno, column=exc.colno)
    if isinstance(exc, UnicodeDecodeError):
        return QT_TRANSLATE_NOOP("ModelFile", "it is not UTF-8 text")
    if isinstance(exc, OSError):
        return os_reason(exc)
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _short(value) -> str:
    """repr(value), cut to a length that fits in a one-line message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _listed(names: list[str], at_most: int = 5) -> str:
    """"W7, b7" for a message: the first few names, each cut short, and how many more there are."""
    shown = [name if len(name) <= 30 else name[:27] + "..." for name in names[:at_most]]
    more = f" and {len(names) - at_most} more" if len(names) > at_most else ""
    return ", ".join(shown) + more


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _members(path: Path, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's entries by name, after checking what its directory declares: only plain files
    with plain names, each once, unpacking to no more than MAX_ARCHIVE_BYTES in all."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        name = info.filename
        if info.is_dir():
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: unexpected folder {name} in the archive").format(
                path=path, name=_short(name)))
        if "/" in name or "\\" in name or ".." in name or ":" in name:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: unsafe member name {name} in the archive").format(
                path=path, name=_short(name)))
        if name in members:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} appears twice in the archive").format(
                path=path, name=_short(name)))
        members[name] = info
    total = sum(info.file_size for info in members.values())
    if total > MAX_ARCHIVE_BYTES:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: the archive unpacks to {total}, more than "
                                                            "any nnviz model (at most {max_archive_bytes}); "
                                                            "refusing to read it").format(
            path=path, total=format_bytes(total), max_archive_bytes=format_bytes(MAX_ARCHIVE_BYTES)))
    return members


def _read_npy(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, dtype: np.dtype,
              shape: tuple[int, ...] | None, max_items: int = 0) -> np.ndarray:
    """The array stored in `info`, read without trusting it. Its .npy header is parsed from a bounded
    read and must declare `dtype` and `shape` (shape None: one dimension of at most max_items) before
    anything is allocated; the data are read in chunks and must end where the header says."""
    with archive.open(info) as f:
        head = io.BytesIO(f.read(_NPY_HEADER_ALLOWANCE))
        version = np.lib.format.read_magic(head)
        if version == (1, 0):
            declared_shape, fortran_order, declared_dtype = np.lib.format.read_array_header_1_0(head)
        elif version == (2, 0):
            declared_shape, fortran_order, declared_dtype = np.lib.format.read_array_header_2_0(head)
        else:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} is in .npy format version "
                                                                "{version}, which nnviz does not read").format(
                path=path, name=name, version=version))
        if declared_dtype.hasobject:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: not a readable nnviz model ({name} holds "
                                                                "pickled Python objects, which nnviz never loads)").format(
                path=path, name=name))
        if shape is None:
            if len(declared_shape) != 1 or declared_shape[0] > max_items:
                raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} has shape {declared_shape}; "
                                                                    "expected at most {max_items} bytes").format(
                    path=path, name=name, declared_shape=declared_shape, max_items=f"{max_items:,}"))
        elif declared_shape != shape:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} has shape {declared_shape}, "
                                                                "expected {shape}").format(
                path=path, name=name, declared_shape=declared_shape, shape=shape))
        if declared_dtype != dtype:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} has dtype {declared_dtype}, "
                                                                "expected {dtype}").format(
                path=path, name=name, declared_dtype=declared_dtype, dtype=dtype))
        n_bytes = math.prod(declared_shape) * dtype.itemsize
        data = bytearray(n_bytes)
        view = memoryview(data)
        got = head.readinto(view)
        while got < n_bytes:
            chunk = f.read(min(_READ_CHUNK, n_bytes - got))
            if not chunk:
                raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} is truncated ({got} of "
                                                                    "{n_bytes} bytes)").format(
                    path=path, name=name, got=f"{got:,}", n_bytes=f"{n_bytes:,}"))
            view[got:got + len(chunk)] = chunk
            got += len(chunk)
        if head.read(1) or f.read(1):
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} holds more data than its header "
                                                                "declares").format(path=path, name=name))
    array = np.frombuffer(data, dtype=dtype).reshape(declared_shape, order="F" if fortran_order else "C")
    return np.ascontiguousarray(array)


def _read_metadata(path: Path, archive: zipfile.ZipFile, members: dict) -> dict:
    info = members.get("metadata.npy")
    if info is None:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: not an nnviz model (the archive has no "
                                                            "metadata entry)").format(path=path))
    if info.file_size > _MAX_METADATA_BYTES + _NPY_HEADER_ALLOWANCE:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: metadata entry is implausibly large; "
                                                            "refusing to read it").format(path=path))
    raw = _read_npy(path, archive, info, "metadata", np.dtype(np.uint8), None, _MAX_METADATA_BYTES)
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError includes JSONDecodeError
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: metadata is not valid JSON ({exc})").format(
            path=path, exc=_reason(exc))) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: not an nnviz model (format is {found})").format(
            path=path, found=_short(found)))
    version = meta.get("format_version")
    if not _is_int(version) or version < 1:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: metadata has an invalid format_version "
                                                            "{version}").format(path=path, version=_short(version)))
    if version > FORMAT_VERSION:
        raise ModelFileError(
            QT_TRANSLATE_NOOP("ModelFile", "{path}: model format version {version} is newer than this nnviz "
                                           "understands ({format_version}); update nnviz").format(
                path=path, version=version, format_version=FORMAT_VERSION)
        )
    for key, kind in _FIELD_TYPES.items():
        value = meta.get(key)
        if value is not None and not isinstance(value, kind):
            raise ModelFileError(
                QT_TRANSLATE_NOOP("ModelFile", "{path}: metadata field {key} must be a JSON {kind}, got {value}").format(
                    path=path, key=repr(key), kind=_JSON_NAMES[kind], value=_short(value)))
    if not all(isinstance(name, str) for name in meta.get("class_names") or []):
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: class_names must be strings, got {names}").format(
            path=path, names=_short(meta['class_names'])))
    targets = (meta.get("preprocessing") or {}).get("targets", [0.0, 1.0])
    if not (isinstance(targets, list) and len(targets) == 2
            and all(isinstance(t, (int, float)) and not isinstance(t, bool) and math.isfinite(t) for t in targets)
            and targets[0] != targets[1]):
        raise ModelFileError(
            QT_TRANSLATE_NOOP("ModelFile", "{path}: preprocessing targets must be two different finite numbers, "
                                           "got {targets}").format(path=path, targets=_short(targets)))
    return meta


def _architecture(path: Path, meta: dict) -> dict:
    """The metadata's architecture, every field checked for its type and range, with defaults."""
    arch = meta.get("architecture")
    if not isinstance(arch, dict) or "sizes" not in arch:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: metadata has no architecture").format(
            path=path))
    sizes = arch["sizes"]
    if not isinstance(sizes, list):
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: the architecture's sizes must be a list of "
                                                            "layer sizes, got {sizes}").format(
            path=path, sizes=_short(sizes)))
    if not (2 <= len(sizes) <= _MAX_LAYERS and all(_is_int(n) and 1 <= n <= _MAX_LAYER_SIZE for n in sizes)):
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: implausible layer sizes {sizes} (two or more "
                                                            "whole numbers from 1 to {max_layer_size})").format(
            path=path, sizes=_short(sizes), max_layer_size=f"{_MAX_LAYER_SIZE:,}"))
    n_parameters = parameter_count(sizes)
    if n_parameters > MAX_PARAMETERS:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: a {layers} network has {n_parameters} "
                                                            "parameters, more than nnviz loads "
                                                            "({max_parameters}); refusing to read it").format(
            path=path, layers="-".join(map(str, sizes)), n_parameters=f"{n_parameters:,}",
            max_parameters=f"{MAX_PARAMETERS:,}"))
    dtype = arch.get("dtype", "float32")
    if not isinstance(dtype, str) or dtype not in ("float32", "float64"):
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", '{path}: unsupported dtype {dtype}; expected '
                                                            '"float32" or "float64"').format(
            path=path, dtype=_short(dtype)))
    hidden = arch.get("hidden", [])
    if not (isinstance(hidden, str) or (isinstance(hidden, list) and all(isinstance(h, str) for h in hidden))):
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: the architecture's hidden activations must "
                                                            "be names, got {hidden}").format(
            path=path, hidden=_short(hidden)))
    defaults = {"output": "sigmoid", "loss": "mse", "init": "textbook"}
    names = {key: arch.get(key, default) for key, default in defaults.items()}
    for key, value in names.items():
        if not isinstance(value, str):
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: the architecture's {key} must be a name, "
                                                                "got {value}").format(
                path=path, key=key, value=_short(value)))
    seed = arch.get("seed")
    if seed is not None and not (_is_int(seed) and seed >= 0):
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: the architecture's seed must be a whole "
                                                            "number >= 0 or null, got {seed}").format(
            path=path, seed=_short(seed)))
    return {"sizes": tuple(sizes), "hidden": hidden, **names, "seed": seed, "dtype": np.dtype(dtype)}


def _read_arrays(path: Path, archive: zipfile.ZipFile, members: dict, arch: dict) -> dict:
    sizes, dtype = arch["sizes"], arch["dtype"]
    expected = {}
    for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        expected[f"W{l}"] = (n_out, n_in)
        expected[f"b{l}"] = (n_out,)
    present = {name.removesuffix(".npy") for name in members} - {"metadata"}
    if present != set(expected):
        missing, extra = sorted(set(expected) - present), sorted(present - set(expected))
        raise ModelFileError(
            f"{path}: parameters do not match the architecture {list(sizes)}"
            + (f"; missing {_listed(missing)}" if missing else "")
            + (f"; unexpected {_listed(extra)}" if extra else "")
        )
    arrays = {}
    for name, shape in expected.items():
        info = members.get(f"{name}.npy")
        if info is None:  # e.g. "W0" stored without the .npy suffix
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} is not stored as {name}.npy").format(
                path=path, name=name))
        if info.file_size > math.prod(shape) * dtype.itemsize + _NPY_HEADER_ALLOWANCE:
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} is larger than its shape {shape} "
                                                                "allows").format(path=path, name=name, shape=shape))
        array = _read_npy(path, archive, info, name, dtype, shape)
        if not np.all(np.isfinite(array)):
            raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: {name} contains NaN or infinite values").format(
                path=path, name=name))
        arrays[name] = array
    return arrays


def _build_network(path: Path, arch: dict, arrays: dict) -> Network:
    try:
        network = Network(
            arch["sizes"], hidden=arch["hidden"], output=arch["output"], loss=arch["loss"],
            init=arch["init"],
            seed=0,  # the drawn weights are replaced below
            dtype=arch["dtype"],
        )
    except (ValueError, TypeError) as exc:
        raise ModelFileError(QT_TRANSLATE_NOOP("ModelFile", "{path}: invalid architecture ({exc})").format(
            path=path, exc=exc)) from None
    network.seed = arch["seed"]
    network.weights = [arrays[f"W{l}"] for l in range(network.n_layers)]
    network.biases = [arrays[f"b{l}"] for l in range(network.n_layers)]
    return network
