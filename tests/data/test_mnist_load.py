"""load_mnist, mnist_status, verify_mnist and scale_pixels, on the real files and on small fakes."""

import gzip
import shutil
import struct

import numpy as np
import pytest

from nnviz.data import (
    MnistCorruptError,
    MnistMissingError,
    load_mnist,
    mnist_status,
    read_idx,
    scale_pixels,
    verify_mnist,
    write_idx,
)
from nnviz.data.errors import MnistUnreadableError
from nnviz.data.mnist_files import FILES, find_file

HOW_TO_FIX = "delete it and run `nnviz data mnist` to download it again"


@pytest.fixture(scope="session")
def other_form_mnist_dir(mnist_dir, tmp_path_factory):
    """The real MNIST in the other form: decompressed if the originals are gzipped, else gzipped."""
    d = tmp_path_factory.mktemp("other-form-mnist")
    for f in FILES:
        path = find_file(mnist_dir, f.name)
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as src, open(d / f.name, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        else:
            with open(path, "rb") as src, gzip.open(d / f"{f.name}.gz", "wb", compresslevel=1) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    return d


def test_real_mnist_shapes_and_ranges(mnist_dir):
    ds = load_mnist(mnist_dir)
    assert ds.name == "mnist"
    assert ds.x_train.shape == (60000, 784) and ds.x_test.shape == (10000, 784)
    assert ds.x_train.dtype == np.float32
    assert ds.labels_train.dtype == np.int64 and ds.labels_train[0] == 5
    assert ds.labels_test[0] == 7
    assert ds.class_names == tuple("0123456789")
    assert ds.image_shape == (28, 28) and ds.n_features == 784 and ds.n_classes == 10
    assert float(ds.x_train.min()) == 0.0 and float(ds.x_train.max()) == 1.0
    assert np.bincount(ds.labels_train).tolist()[:2] == [5923, 6742]
    assert not ds.x_train.flags.writeable


@pytest.mark.parametrize(
    "scaling, low, high",
    [("unit", 0.0, 1.0), ("textbook", 0.01, 1.0), ("raw", 0.0, 255.0)],
)
def test_scalings_on_real_data(mnist_dir, scaling, low, high):
    ds = load_mnist(mnist_dir, scaling=scaling, dtype=np.float64)
    assert ds.x_test.dtype == np.float64
    assert ds.x_test.min() == pytest.approx(low) and ds.x_test.max() == pytest.approx(high)
    # Pixel 0 of test image 0 is blank; some pixel of it is full ink (255).
    assert ds.x_test[0, 0] == pytest.approx(low)


def test_raw_files_load_the_same_as_gzip(mnist_dir, other_form_mnist_dir):
    original, other = mnist_status(mnist_dir), mnist_status(other_form_mnist_dir)
    assert other.complete
    suffixes = {p.suffix == ".gz" for p in original.present.values()}
    assert {p.suffix == ".gz" for p in other.present.values()} == {not s for s in suffixes}
    a, b = load_mnist(mnist_dir), load_mnist(other_form_mnist_dir)
    # np.array_equal: assert_array_equal takes about a second on 47 million floats.
    assert np.array_equal(a.x_train, b.x_train)
    assert np.array_equal(a.labels_test, b.labels_test)
    assert verify_mnist(other_form_mnist_dir) == []


def test_verify_real_files(mnist_dir):
    assert verify_mnist(mnist_dir) == []
    assert load_mnist(mnist_dir, verify=True).x_test.shape == (10000, 784)


def test_scale_pixels_formulas():
    x = np.array([0, 51, 255], dtype=np.uint8)
    np.testing.assert_allclose(scale_pixels(x, "unit"), [0, 0.2, 1], rtol=1e-6)
    np.testing.assert_allclose(scale_pixels(x, "textbook"), [0.01, 0.2 * 0.99 + 0.01, 1.0], rtol=1e-6)
    np.testing.assert_array_equal(scale_pixels(x, "raw"), [0, 51, 255])
    assert scale_pixels(x).dtype == np.float32
    # Floats are taken to be 0..1 already (e.g. a preprocessed drawing) and scaled the same way.
    f = np.array([0.0, 0.2, 1.0])
    np.testing.assert_allclose(scale_pixels(f, "textbook", np.float64), [0.01, 0.208, 1.0])
    np.testing.assert_allclose(scale_pixels(f, "raw", np.float64), [0, 51, 255])
    g = scale_pixels(f, "unit", np.float64)
    g[0] = 9
    assert f[0] == 0.0  # always a new array
    with pytest.raises(ValueError, match="scaling must be one of unit, textbook, raw"):
        scale_pixels(x, "zscore")


def test_fake_folder_loads(fake_mnist):
    ds = load_mnist(fake_mnist, scaling="raw")
    expected = read_idx(fake_mnist / "train-images-idx3-ubyte.gz").reshape(6, 784)
    np.testing.assert_array_equal(ds.x_train, expected)
    np.testing.assert_array_equal(ds.labels_test, [0, 1, 2])


def test_gzip_is_preferred_over_raw(fake_mnist):
    write_idx(fake_mnist / "t10k-labels-idx1-ubyte", np.array([9, 9, 9], np.uint8))
    assert mnist_status(fake_mnist).present["t10k-labels-idx1-ubyte"].name.endswith(".gz")
    np.testing.assert_array_equal(load_mnist(fake_mnist).labels_test, [0, 1, 2])


def test_missing_files_message(tmp_path, make_fake_mnist):
    make_fake_mnist(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte.gz").unlink()
    (tmp_path / "train-labels-idx1-ubyte.gz").unlink()
    status = mnist_status(tmp_path)
    assert not status.complete
    assert status.missing == ("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte")
    with pytest.raises(MnistMissingError) as e:
        load_mnist(tmp_path)
    message = str(e.value)
    assert "\n" not in message
    assert str(tmp_path) in message
    assert "train-labels-idx1-ubyte, t10k-images-idx3-ubyte" in message
    assert "run `nnviz data mnist` to download MNIST (about 11 MB)" in message
    assert "--data-dir" in message and "NNVIZ_DATA_DIR" in message
    assert isinstance(e.value, FileNotFoundError)


def test_missing_uses_env_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(MnistMissingError, match="nowhere"):
        load_mnist()


def test_truncated_file_is_corrupt_and_named(fake_mnist):
    path = fake_mnist / "train-images-idx3-ubyte.gz"
    data = gzip.decompress(path.read_bytes())[:-100]
    path.write_bytes(gzip.compress(data))
    with pytest.raises(MnistCorruptError) as e:
        load_mnist(fake_mnist)
    message = str(e.value)
    assert "\n" not in message and str(path) in message
    assert "declares 6 × 28 × 28 uint8 values (4,704 bytes), more than the file holds (4,604 bytes" in message
    assert "download it again" in message
    assert isinstance(e.value, ValueError)


def _load_error(folder) -> str:
    """The message of the MnistCorruptError load_mnist(folder) raises, checked to be one line."""
    with pytest.raises(MnistCorruptError) as e:
        load_mnist(folder)
    message = str(e.value)
    assert "\n" not in message
    return message


def _write_header_only(path, *shape, data: bytes = b""):
    """A gzipped uint8 IDX file with this header and `data` after it (whatever the header says)."""
    path.write_bytes(gzip.compress(struct.pack(f">BBBB{len(shape)}I", 0, 0, 8, len(shape), *shape) + data))


def test_labels_and_images_counts_must_agree(fake_mnist):
    write_idx(fake_mnist / "train-labels-idx1-ubyte.gz", np.zeros(5, np.uint8), compress=True)
    assert _load_error(fake_mnist) == (
        f"{fake_mnist / 'train-labels-idx1-ubyte.gz'} declares 5 labels but "
        f"{fake_mnist / 'train-images-idx3-ubyte.gz'} declares 6 images; "
        "delete both and run `nnviz data mnist` to download them again"
    )


def test_images_must_be_28_by_28(fake_mnist):
    write_idx(fake_mnist / "t10k-images-idx3-ubyte.gz", np.zeros((3, 28, 27), np.uint8), compress=True)
    assert _load_error(fake_mnist) == (
        f"{fake_mnist / 't10k-images-idx3-ubyte.gz'}: MNIST images are 28×28 pixels, "
        f"this file declares 28×27; {HOW_TO_FIX}"
    )


def test_labels_must_be_bytes(fake_mnist):
    write_idx(fake_mnist / "t10k-labels-idx1-ubyte.gz", np.zeros(3, np.int32), compress=True)
    assert _load_error(fake_mnist) == (
        f"{fake_mnist / 't10k-labels-idx1-ubyte.gz'}: MNIST labels are unsigned bytes (uint8), "
        f"this file holds int32; {HOW_TO_FIX}"
    )


@pytest.mark.parametrize("kind", ["images", "labels"])
def test_zero_count_says_so(fake_mnist, kind):
    # Both files of the split declare 0, so the counts agree; it used to end in "cannot reshape
    # array of size 0 into shape (0,newaxis)", a ValueError that named no file.
    _write_header_only(fake_mnist / "train-images-idx3-ubyte.gz", 0, 28, 28)
    _write_header_only(fake_mnist / "train-labels-idx1-ubyte.gz", 0)
    if kind == "labels":
        write_idx(fake_mnist / "train-images-idx3-ubyte.gz", np.zeros((6, 28, 28), np.uint8), compress=True)
    path = fake_mnist / f"train-{kind}-idx{3 if kind == 'images' else 1}-ubyte.gz"
    assert _load_error(fake_mnist) == f"{path}: declares 0 {kind}; {HOW_TO_FIX}"


def test_labels_file_with_five_dimensions(fake_mnist):
    # 60000 × 65536⁴ overflowed int64 to 0 and was reported as 60000 trailing bytes.
    path = fake_mnist / "train-labels-idx1-ubyte.gz"
    _write_header_only(path, 60000, 65536, 65536, 65536, 65536, data=bytes(60000))
    assert _load_error(fake_mnist) == (
        f"{path}: a labels file has 1 dimension, this one declares 5; {HOW_TO_FIX}"
    )


def test_absurd_image_count_is_caught_before_reading(fake_mnist):
    images, labels = fake_mnist / "t10k-images-idx3-ubyte.gz", fake_mnist / "t10k-labels-idx1-ubyte.gz"
    _write_header_only(images, 2**32 - 1, 28, 28, data=bytes(3 * 784))
    _write_header_only(labels, 2**32 - 1, data=bytes(3))
    message = _load_error(fake_mnist)
    assert message.startswith(f"{images}: declares 4,294,967,295 × 28 × 28 uint8 values (3,367,254,359,280 bytes), "
                              f"more than a {images.stat().st_size:,}-byte gzip file can hold")
    assert message.endswith(HOW_TO_FIX)


def test_headers_are_checked_before_any_data_is_read(fake_mnist, monkeypatch):
    """A mismatch in the test split is found from the headers alone, before the (in real MNIST 47 MB)
    training images are read."""
    def no_data_reads(path):
        raise AssertionError(f"read {path}")

    monkeypatch.setattr("nnviz.data.mnist.read_idx", no_data_reads)
    write_idx(fake_mnist / "t10k-labels-idx1-ubyte.gz", np.zeros(2, np.uint8), compress=True)
    assert "declares 2 labels but" in _load_error(fake_mnist)


def test_corrupt_gzip_is_one_clear_line(fake_mnist):
    path = fake_mnist / "train-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-30])
    assert _load_error(fake_mnist) == (
        f"{path}: corrupt gzip: the compressed data ends early (an interrupted download?); {HOW_TO_FIX}"
    )


def test_unreadable_file_is_named_with_what_to_do(fake_mnist, refuse_to_open):
    path = fake_mnist / "t10k-images-idx3-ubyte.gz"
    refuse_to_open(path)
    for verify in (False, True):
        with pytest.raises(MnistUnreadableError) as e:
            load_mnist(fake_mnist, verify=verify)
        assert str(e.value) == (
            f"{path}: permission denied; make the file readable (e.g. chmod a+r), or delete it and "
            "run `nnviz data mnist` to download it again"
        )
        assert isinstance(e.value, OSError)


def test_folder_in_place_of_a_file_is_named(fake_mnist):
    path = fake_mnist / "train-labels-idx1-ubyte.gz"
    path.unlink()
    (path / "inside").mkdir(parents=True)
    assert mnist_status(fake_mnist).present["train-labels-idx1-ubyte"] == path
    with pytest.raises(MnistUnreadableError) as e:
        load_mnist(fake_mnist)
    assert str(e.value).startswith(f"{path} is a folder, not a file; move it out of {fake_mnist}")
    assert (path / "inside").is_dir()


def test_label_out_of_range_is_corrupt(fake_mnist):
    write_idx(fake_mnist / "t10k-labels-idx1-ubyte.gz", np.array([0, 10, 1], np.uint8), compress=True)
    with pytest.raises(MnistCorruptError, match="label 10 is not a digit"):
        load_mnist(fake_mnist)


def test_verify_reports_each_bad_file(fake_mnist, make_fake_mnist):
    (fake_mnist / "t10k-labels-idx1-ubyte.gz").unlink()
    problems = verify_mnist(fake_mnist)
    assert len(problems) == 4
    assert any("t10k-labels-idx1-ubyte: missing" in p for p in problems)
    wrong_size = "train-labels-idx1-ubyte.gz: wrong size: expected 60008 bytes, got 14"
    assert any(wrong_size in p for p in problems)
    with pytest.raises(MnistMissingError):
        load_mnist(fake_mnist, verify=True)
    make_fake_mnist(fake_mnist)
    with pytest.raises(MnistCorruptError, match="wrong size"):
        load_mnist(fake_mnist, verify=True)


def test_second_load_gives_new_arrays_and_sees_replaced_files(fake_mnist):
    a, b = load_mnist(fake_mnist), load_mnist(fake_mnist)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.shares_memory(a.x_train, b.x_train)
    # A replaced file (different size and mtime) is decoded again, not served from the cache.
    write_idx(fake_mnist / "t10k-labels-idx1-ubyte", np.array([7, 8, 9], np.uint8))
    (fake_mnist / "t10k-labels-idx1-ubyte.gz").unlink()
    np.testing.assert_array_equal(load_mnist(fake_mnist).labels_test, [7, 8, 9])
    write_idx(fake_mnist / "t10k-labels-idx1-ubyte.gz", np.array([4, 4, 4], np.uint8), compress=True)
    np.testing.assert_array_equal(load_mnist(fake_mnist).labels_test, [4, 4, 4])
