"""The four MNIST files: their names and checksums, and where and whether they are on disk.

Each file may be stored gzipped (`name.gz`, as distributed) or raw (`name`); when both exist the
gzipped one is used. Checksums are SHA-256 of the decompressed content, so either form verifies.
Something at one of those names that cannot be read (no permission, a folder) is reported as
MnistUnreadableError, never downloaded over.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nnviz.data.errors import MnistUnreadableError
from nnviz.data.idx import GZIP_MAGIC, gzip_problem
from nnviz.data.paths import resolve_data_dir
from nnviz.engine.os_errors import os_reason
from nnviz.engine.phrases import QT_TRANSLATE_NOOP

__all__ = [
    "MnistFile",
    "FILES",
    "TRAIN_IMAGES",
    "TRAIN_LABELS",
    "TEST_IMAGES",
    "TEST_LABELS",
    "MnistStatus",
    "find_file",
    "unreadable_error",
    "mnist_status",
    "content_problem",
    "verify_mnist",
]

_CHUNK = 1 << 20


@dataclass(frozen=True)
class MnistFile:
    """One data file: its canonical name, the SHA-256 and size in bytes of its decompressed content."""

    name: str
    sha256: str
    size: int


TRAIN_IMAGES = MnistFile(
    "train-images-idx3-ubyte",
    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    47_040_016,
)
TRAIN_LABELS = MnistFile(
    "train-labels-idx1-ubyte",
    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    60_008,
)
TEST_IMAGES = MnistFile(
    "t10k-images-idx3-ubyte",
    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    7_840_016,
)
TEST_LABELS = MnistFile(
    "t10k-labels-idx1-ubyte",
    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    10_008,
)
FILES: tuple[MnistFile, ...] = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)


def find_file(data_dir: str | os.PathLike, name: str) -> Path | None:
    """`data_dir/name.gz` if it exists, else `data_dir/name` if it exists, else None.

    "Exists" includes what is not a readable file (a folder, say), so that reading it reports the
    problem instead of a download replacing it. Raises MnistUnreadableError if the folder cannot be
    searched.
    """
    for candidate in (Path(data_dir) / f"{name}.gz", Path(data_dir) / name):
        try:
            candidate.stat()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as e:
            raise unreadable_error(candidate, e) from None
        return candidate
    return None


def unreadable_error(path: str | os.PathLike, e: OSError) -> MnistUnreadableError:
    """The one-line error for an MNIST file that is there but cannot be read: which file, and what to do."""
    path = Path(path)
    again = QT_TRANSLATE_NOOP("MnistData", "run `nnviz data mnist` to download it again")
    try:
        is_dir = path.is_dir()
    except OSError:
        is_dir = False
    if is_dir:
        return MnistUnreadableError(
            QT_TRANSLATE_NOOP("MnistData", "{path} is a folder, not a file; move it out of {parent} and {again}, or "
                                           "put the IDX file it holds in its place").format(
                path=path, parent=path.parent, again=again)
        )
    if isinstance(e, PermissionError):
        return MnistUnreadableError(
            QT_TRANSLATE_NOOP("MnistData", "{path}: permission denied; make the file readable (e.g. chmod a+r), or "
                                           "delete it and {again}").format(path=path, again=again)
        )
    return MnistUnreadableError(QT_TRANSLATE_NOOP("MnistData", "{path}: cannot be read ({reason}); delete it and "
                                                               "{again}").format(
        path=path, reason=os_reason(e), again=again))


@dataclass(frozen=True)
class MnistStatus:
    """Which MNIST files are in `data_dir`: present maps name -> path; missing lists names."""

    data_dir: Path
    present: dict[str, Path]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def mnist_status(
    data_dir: str | os.PathLike | None = None, files: Sequence[MnistFile] = FILES
) -> MnistStatus:
    """Report which files are present (by name only; see verify_mnist for their content)."""
    d = resolve_data_dir(data_dir)
    present: dict[str, Path] = {}
    missing: list[str] = []
    for f in files:
        path = find_file(d, f.name)
        if path is None:
            missing.append(f.name)
        else:
            present[f.name] = path
    return MnistStatus(d, present, tuple(missing))


def content_problem(path: str | os.PathLike, expected: MnistFile) -> str | None:
    """None if the (decompressed) content of `path` has the expected size and SHA-256, else why not.

    Streams the file, so memory stays small even for the 47 MB training images. Raises
    MnistUnreadableError if the file cannot be read at all (a problem a download cannot fix).
    """
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as raw:
            compressed = raw.read(2) == GZIP_MAGIC
            raw.seek(0)
            stream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
            with stream:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        return gzip_problem(e)
    except OSError as e:
        raise unreadable_error(path, e) from None
    if size != expected.size:
        return f"wrong size: expected {expected.size} bytes, got {size}"
    if digest.hexdigest() != expected.sha256:
        return f"SHA-256 mismatch: expected {expected.sha256[:12]}…, got {digest.hexdigest()[:12]}…"
    return None


def verify_mnist(
    data_dir: str | os.PathLike | None = None, files: Sequence[MnistFile] = FILES
) -> list[str]:
    """Check each file's size and SHA-256 (streamed, decompressed).

    Returns one line per problem ("path: what is wrong"), or [] if all is well. Raises
    MnistUnreadableError if a file is there but cannot be read.
    """
    status = mnist_status(data_dir, files)
    problems = [
        f"{name}: missing (neither {name}.gz nor {name} is in {status.data_dir})"
        for name in status.missing
    ]
    for f in files:
        path = status.present.get(f.name)
        if path is not None:
            problem = content_problem(path, f)
            if problem:
                problems.append(f"{path}: {problem}")
    return problems
