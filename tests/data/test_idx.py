"""The IDX reader/writer: round trips, gzip by magic, and one-line errors for broken files."""

import gzip
import struct
import tracemalloc

import numpy as np
import pytest

from nnviz.data import IdxFormatError, read_idx, write_idx
from nnviz.data.idx import read_idx_header
from nnviz.data.mnist_files import find_file


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("compress", [False, True])
def test_round_trip(tmp_path, dtype, compress):
    a = (np.arange(2 * 3 * 4) - 7).reshape(2, 3, 4).astype(dtype)
    if dtype == np.uint8:
        a = a + 7
    path = tmp_path / "a.idx"
    write_idx(path, a, compress=compress)
    b = read_idx(path)
    assert b.dtype == np.dtype(dtype)
    assert b.dtype.isnative
    assert b.shape == (2, 3, 4)
    np.testing.assert_array_equal(b, a)
    assert not b.flags.writeable


def test_header_is_big_endian(tmp_path):
    path = tmp_path / "a"
    write_idx(path, np.array([1, 258], dtype=np.int16))
    assert path.read_bytes() == bytes([0, 0, 0x0B, 1, 0, 0, 0, 2, 0, 1, 1, 2])


def test_gzip_is_detected_by_magic_not_name(tmp_path):
    a = np.arange(10, dtype=np.uint8)
    write_idx(tmp_path / "looks-raw", a, compress=True)
    write_idx(tmp_path / "looks.gz", a, compress=False)
    assert (tmp_path / "looks-raw").read_bytes()[:2] == b"\x1f\x8b"
    np.testing.assert_array_equal(read_idx(tmp_path / "looks-raw"), a)
    np.testing.assert_array_equal(read_idx(tmp_path / "looks.gz"), a)


def _one_line(e: pytest.ExceptionInfo, path) -> str:
    message = str(e.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_bad_magic(tmp_path):
    path = tmp_path / "text.idx"
    path.write_bytes(b"hello world")
    with pytest.raises(IdxFormatError) as e:
        read_idx(path)
    assert "bad magic 68 65 6c 6c" in _one_line(e, path)


def test_unknown_dtype_code_is_bad_magic(tmp_path):
    path = tmp_path / "a"
    path.write_bytes(bytes([0, 0, 0x0A, 1, 0, 0, 0, 0]))
    with pytest.raises(IdxFormatError, match="bad magic 00 00 0a 01"):
        read_idx(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty"
    path.write_bytes(b"")
    with pytest.raises(IdxFormatError, match="bad magic empty"):
        read_idx(path)


def test_truncated_header(tmp_path):
    path = tmp_path / "a"
    path.write_bytes(bytes([0, 0, 8, 3, 0, 0, 0, 5]))
    with pytest.raises(IdxFormatError, match="truncated: expected a 16-byte header, got 8 bytes"):
        read_idx(path)


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_data_says_how_much(tmp_path, compress):
    raw = tmp_path / "raw"
    write_idx(raw, np.zeros((4, 5), np.int32))
    data = raw.read_bytes()[:-7]
    path = tmp_path / "short"
    path.write_bytes(gzip.compress(data) if compress else data)
    with pytest.raises(IdxFormatError) as e:
        read_idx(path)
    message = _one_line(e, path)
    assert "declares 4 × 5 int32 values (80 bytes), more than the file holds (73 bytes of data)" in message


def test_trailing_bytes(tmp_path):
    path = tmp_path / "long"
    write_idx(path, np.zeros(3, np.uint8))
    path.write_bytes(path.read_bytes() + b"xy")
    with pytest.raises(IdxFormatError) as e:
        read_idx(path)
    assert "2 trailing bytes after the 3 uint8 values (3 bytes) its header declares" in _one_line(e, path)


def _header(*shape: int, code: int = 0x08) -> bytes:
    return struct.pack(f">BBBB{len(shape)}I", 0, 0, code, len(shape), *shape)


@pytest.mark.parametrize("compress", [False, True])
def test_dimensions_whose_product_overflows_int64(tmp_path, compress):
    # 60000 × 65536⁴ = 60000 × 2⁶⁴: as an int64 product that wrapped to 0, so 60,000 bytes of labels
    # were reported as "60000 trailing bytes after 0 bytes of data".
    data = _header(60000, 65536, 65536, 65536, 65536) + bytes(60000)
    path = tmp_path / "labels"
    path.write_bytes(gzip.compress(data) if compress else data)
    with pytest.raises(IdxFormatError) as e:
        read_idx(path)
    message = _one_line(e, path)
    assert "declares 60,000 × 65,536 × 65,536 × 65,536 × 65,536 uint8 values (about 1.1e+24 bytes)" in message
    assert "more than" in message and "trailing" not in message


def test_absurd_gzip_header_is_rejected_before_decompressing(tmp_path):
    # 20 MB of zeros gzip to ~20 kB, far less than the 4,294,967,295² int32 values the header declares:
    # that is known from the header and the file's size alone, without inflating the 20 MB.
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(_header(2**32 - 1, 2**32 - 1, code=0x0C) + bytes(20_000_000)))
    tracemalloc.start()
    try:
        with pytest.raises(IdxFormatError) as e:
            read_idx(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = _one_line(e, path)
    size = path.stat().st_size
    assert f"declares 4,294,967,295 × 4,294,967,295 int32 values (about 7.4e+19 bytes), " \
           f"more than a {size:,}-byte gzip file can hold" in message
    assert peak < 2_000_000


def test_header_is_read_without_the_data(tmp_path):
    path = tmp_path / "images.gz"
    write_idx(path, np.zeros((5, 28, 28), np.uint8), compress=True)
    header = read_idx_header(path)
    assert header.shape == (5, 28, 28) and header.dtype == np.dtype(">u1")
    assert (header.header_bytes, header.data_bytes) == (16, 3920)
    # Only the header has to be there: a file cut after it still has a readable header.
    (tmp_path / "cut").write_bytes(_header(2**32 - 1, 28, 28))
    assert read_idx_header(tmp_path / "cut").shape == (2**32 - 1, 28, 28)


def test_zero_length_dimension_is_an_empty_array(tmp_path):
    path = tmp_path / "empty.idx"
    path.write_bytes(_header(0, 28, 28))
    a = read_idx(path)
    assert a.shape == (0, 28, 28) and a.dtype == np.uint8


def test_truncated_gzip(tmp_path):
    path = tmp_path / "cut.gz"
    write_idx(path, np.arange(1000, dtype=np.int32), compress=True)
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(IdxFormatError) as e:
        read_idx(path)
    assert "corrupt gzip: the compressed data ends early" in _one_line(e, path)


def test_flipped_bytes_in_gzip(tmp_path):
    path = tmp_path / "flipped.gz"
    write_idx(path, np.random.default_rng(1).integers(0, 255, 5000).astype(np.uint8), compress=True)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(IdxFormatError) as e:
        read_idx(path)
    assert "corrupt gzip: the data does not match the gzip checksum" in _one_line(e, path)


def test_write_rejects_unsupported_dtype(tmp_path):
    with pytest.raises(ValueError, match="cannot store dtype int64"):
        write_idx(tmp_path / "a", np.zeros(3, np.int64))


def _real(mnist_dir, name):
    return read_idx(find_file(mnist_dir, name))


def test_real_training_labels_gz_and_raw_agree(mnist_dir, tmp_path):
    path = find_file(mnist_dir, "train-labels-idx1-ubyte")
    labels = read_idx(path)
    assert labels.shape == (60000,) and labels.dtype == np.uint8
    assert labels[0] == 5
    assert set(np.unique(labels)) == set(range(10))
    # The same content in the other form (raw if the real one is gzipped, and vice versa).
    data = path.read_bytes()
    other = tmp_path / "train-labels-idx1-ubyte.other"
    other.write_bytes(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else gzip.compress(data))
    assert other.read_bytes()[:2] != data[:2]
    np.testing.assert_array_equal(read_idx(other), labels)


def test_real_images(mnist_dir):
    train = _real(mnist_dir, "train-images-idx3-ubyte")
    test = _real(mnist_dir, "t10k-images-idx3-ubyte")
    assert train.shape == (60000, 28, 28) and train.dtype == np.uint8
    assert test.shape == (10000, 28, 28) and test.dtype == np.uint8
    assert train.max() == 255 and train.min() == 0
    # MNIST's 28x28 field has a blank margin: no ink in the corners.
    assert train[:, 0, 0].max() == 0
    test_labels = _real(mnist_dir, "t10k-labels-idx1-ubyte")
    assert test_labels.shape == (10000,) and test_labels[0] == 7
    assert test_labels.min() == 0 and test_labels.max() == 9
