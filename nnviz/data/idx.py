"""Read and write IDX files, the format MNIST ships in.

An IDX file is: two zero bytes, a dtype code, the number of dimensions d, then d big-endian uint32
sizes, then the data in C order, big-endian. The file may be gzip-compressed; we tell by its first two
bytes (1f 8b), not by its name.

The header is checked against the bytes the file actually holds before the data is read, so a damaged
header (sizes that overflow, or that no file this size could hold) is reported, not allocated.
"""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from nnviz.data.errors import IdxFormatError

__all__ = [
    "read_idx",
    "read_idx_header",
    "IdxHeader",
    "write_idx",
    "decode_idx",
    "is_gzip",
    "gzip_problem",
    "GZIP_MAGIC",
    "IDX_DTYPES",
]

GZIP_MAGIC = b"\x1f\x8b"

# IDX dtype code -> big-endian NumPy dtype.
IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_CODES = {dt.newbyteorder("="): code for code, dt in IDX_DTYPES.items()}

# Deflate expands at most 1032-fold (258-byte matches in ~2 bits), so a gzip file of n bytes holds at
# most 1032 n bytes; a header that declares more is damaged, and we can say so without decompressing.
_MAX_GZIP_RATIO = 1032
_CHUNK = 1 << 20
# The errors gzip raises for damaged data: BadGzipFile (an OSError), EOFError, zlib.error.
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(frozen=True)
class IdxHeader:
    """An IDX header: the element dtype (big-endian, as stored) and the shape it declares."""

    dtype: np.dtype
    shape: tuple[int, ...]

    @property
    def header_bytes(self) -> int:
        return 4 + 4 * len(self.shape)

    @property
    def data_bytes(self) -> int:
        """Bytes of data the header declares (a Python int: it cannot overflow)."""
        return math.prod(self.shape) * self.dtype.itemsize

    def describe(self) -> str:
        """In words, e.g. "60,000 × 28 × 28 uint8 values (47,040,000 bytes)"."""
        dims = " × ".join(f"{n:,}" for n in self.shape)
        return f"{dims} {self.dtype.newbyteorder('=').name} values ({_bytes_in_words(self.data_bytes)})"


def _bytes_in_words(n: int) -> str:
    return f"{n:,} bytes" if n < 10**15 else f"about {n:.1e} bytes"


def gzip_problem(e: BaseException) -> str:
    """A one-line description of an error gzip raised while decompressing, e.g. "corrupt gzip: ..."."""
    if isinstance(e, EOFError):
        return "corrupt gzip: the compressed data ends early (an interrupted download?)"
    if isinstance(e, zlib.error):
        detail = str(e).rpartition(": ")[2] or str(e)
        return f"corrupt gzip: the compressed data is damaged ({detail})"
    text = str(e) or type(e).__name__
    if text.startswith(("CRC check failed", "Incorrect length")):
        return "corrupt gzip: the data does not match the gzip checksum (damaged in transfer or on disk)"
    return f"corrupt gzip: {text[:1].lower()}{text[1:]}"


def is_gzip(path: str | os.PathLike) -> bool:
    """True if the file starts with the gzip magic bytes."""
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def _parse_header(read, name: str) -> IdxHeader:
    """Read and check the header from `read(n)`; raises IdxFormatError if it is not an IDX header."""
    magic = read(4)
    if len(magic) < 4 or magic[0] != 0 or magic[1] != 0 or magic[2] not in IDX_DTYPES or magic[3] == 0:
        raise IdxFormatError(f"{name}: not an IDX file (bad magic {magic[:4].hex(' ') or 'empty'})")
    ndim = magic[3]
    sizes = read(4 * ndim)
    if len(sizes) < 4 * ndim:
        raise IdxFormatError(
            f"{name}: truncated: expected a {4 + 4 * ndim}-byte header, got {4 + len(sizes)} bytes"
        )
    return IdxHeader(IDX_DTYPES[magic[2]], struct.unpack(f">{ndim}I", sizes))


def _too_short(name: str, header: IdxHeader, got: int) -> IdxFormatError:
    return IdxFormatError(
        f"{name}: declares {header.describe()}, more than the file holds ({_bytes_in_words(got)} of data)"
    )


def _trailing(name: str, header: IdxHeader, extra: int) -> IdxFormatError:
    return IdxFormatError(f"{name}: {extra:,} trailing bytes after the {header.describe()} its header declares")


def _open(path: Path) -> tuple[BinaryIO, BinaryIO, bool]:
    """(raw file, stream of decompressed bytes, compressed?)."""
    raw = open(path, "rb")
    try:
        compressed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
    except BaseException:
        raw.close()
        raise
    return raw, (gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw), compressed


def read_idx_header(path: str | os.PathLike) -> IdxHeader:
    """Read only the header of a raw or gzipped IDX file (a few bytes, whatever the file's size).

    Raises IdxFormatError if it is not an IDX header, and OSError if the file cannot be read.
    """
    path = Path(path)
    raw, stream, _ = _open(path)
    with raw, stream:
        try:
            return _parse_header(stream.read, str(path))
        except _GZIP_ERRORS as e:
            raise IdxFormatError(f"{path}: {gzip_problem(e)}") from None


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read a raw or gzipped IDX file into a read-only, native-endian array of the stored shape.

    The declared size is checked against the file's size before the data is read. Raises
    IdxFormatError (a ValueError) if the file is not a well-formed IDX file, and OSError if it cannot
    be read at all.
    """
    path = Path(path)
    name = str(path)
    raw, stream, compressed = _open(path)
    with raw, stream:
        try:
            header = _parse_header(stream.read, name)
            size = os.fstat(raw.fileno()).st_size
            if not compressed:
                got = size - header.header_bytes
                if got < header.data_bytes:
                    raise _too_short(name, header, got)
                if got > header.data_bytes:
                    raise _trailing(name, header, got - header.data_bytes)
                data = stream.read(header.data_bytes)
            else:
                if header.header_bytes + header.data_bytes > _MAX_GZIP_RATIO * size:
                    raise IdxFormatError(
                        f"{name}: declares {header.describe()}, more than a {size:,}-byte gzip file "
                        "can hold"
                    )
                data = _read_exactly(stream, header.data_bytes)
                if len(data) < header.data_bytes:
                    raise _too_short(name, header, len(data))
                extra = _count_rest(stream)
                if extra:
                    raise _trailing(name, header, extra)
        except _GZIP_ERRORS as e:
            raise IdxFormatError(f"{name}: {gzip_problem(e)}") from None
    return _to_array(data, header)


def _read_exactly(stream: BinaryIO, n: int) -> bytearray:
    """Up to n bytes from stream, read in chunks so memory grows only with the bytes that arrive."""
    data = bytearray()
    while len(data) < n:
        chunk = stream.read(min(_CHUNK, n - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def _count_rest(stream: BinaryIO) -> int:
    n = 0
    while chunk := stream.read(_CHUNK):
        n += len(chunk)
    return n


def _to_array(data, header: IdxHeader, offset: int = 0) -> np.ndarray:
    a = np.frombuffer(data, dtype=header.dtype, count=math.prod(header.shape), offset=offset)
    a = a.reshape(header.shape)
    if header.dtype.itemsize > 1:
        a = a.astype(header.dtype.newbyteorder("="))
    a.setflags(write=False)
    return a


def decode_idx(data: bytes, name: str = "<bytes>") -> np.ndarray:
    """Decode the bytes of an uncompressed IDX file; `name` is used in error messages."""
    view = memoryview(data)
    pos = 0

    def read(n: int) -> bytes:
        nonlocal pos
        chunk = bytes(view[pos:pos + n])
        pos += len(chunk)
        return chunk

    header = _parse_header(read, name)
    got = len(data) - header.header_bytes
    if got < header.data_bytes:
        raise _too_short(name, header, got)
    if got > header.data_bytes:
        raise _trailing(name, header, got - header.data_bytes)
    return _to_array(data, header, offset=header.header_bytes)


def write_idx(path: str | os.PathLike, array: np.ndarray, compress: bool = False) -> None:
    """Write `array` as an IDX file (gzipped if `compress`).

    Supported dtypes: uint8, int8, int16, int32, float32, float64.
    """
    a = np.asarray(array)
    code = _CODES.get(a.dtype.newbyteorder("="))
    if code is None:
        raise ValueError(f"IDX cannot store dtype {a.dtype}")
    if not 1 <= a.ndim <= 255:
        raise ValueError(f"IDX needs 1 to 255 dimensions, got {a.ndim}")
    header = struct.pack(f">BBBB{a.ndim}I", 0, 0, code, a.ndim, *a.shape)
    payload = header + np.ascontiguousarray(a, dtype=IDX_DTYPES[code]).tobytes()
    if compress:
        # mtime=0 makes the bytes reproducible, so tests can checksum them.
        payload = gzip.compress(payload, mtime=0)
    Path(path).write_bytes(payload)
