"""Read and write IDX files, the format MNIST ships in.

An IDX file is: two zero bytes, a dtype code, the number of dimensions d, then d big-endian uint32
sizes, then the data in C order, big-endian. The file may be gzip-compressed; we tell by its first two
bytes (1f 8b), not by its name.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from nnviz.data.errors import IdxFormatError

__all__ = ["read_idx", "write_idx", "decode_idx", "is_gzip", "GZIP_MAGIC", "IDX_DTYPES"]

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


def is_gzip(path: str | os.PathLike) -> bool:
    """True if the file starts with the gzip magic bytes."""
    with open(path, "rb") as fh:
        return fh.read(2) == GZIP_MAGIC


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read a raw or gzipped IDX file into a read-only, native-endian array of the stored shape.

    Raises IdxFormatError (a ValueError) if the file is not a well-formed IDX file, and OSError if it
    cannot be read at all.
    """
    path = Path(path)
    data = path.read_bytes()
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (gzip.BadGzipFile, EOFError, zlib.error) as e:
            raise IdxFormatError(f"{path}: corrupt gzip ({e})") from None
    return decode_idx(data, name=str(path))


def decode_idx(data: bytes, name: str = "<bytes>") -> np.ndarray:
    """Decode the bytes of an uncompressed IDX file; `name` is used in error messages."""
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in IDX_DTYPES or data[3] == 0:
        raise IdxFormatError(f"{name}: not an IDX file (bad magic {data[:4].hex(' ') or 'empty'})")
    dtype = IDX_DTYPES[data[2]]
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise IdxFormatError(
            f"{name}: truncated: expected a {header}-byte header, got {len(data)} bytes"
        )
    shape = struct.unpack(f">{ndim}I", data[4:header])
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    got = len(data) - header
    if got < expected:
        raise IdxFormatError(f"{name}: truncated: expected {expected} bytes of data, got {got}")
    if got > expected:
        raise IdxFormatError(f"{name}: {got - expected} trailing bytes after {expected} bytes of data")
    a = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    if dtype.itemsize > 1:
        a = a.astype(dtype.newbyteorder("="))
    a.setflags(write=False)
    return a


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
