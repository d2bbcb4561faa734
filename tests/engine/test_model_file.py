"""Model files round-trip exactly, and every kind of bad file gives one clear ModelFileError."""

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile

import numpy as np
import pytest

from nnviz.engine import ModelFileError, Network, load_model, save_model
from nnviz.engine.model_file import check_can_save


@pytest.fixture
def net():
    n = Network([4, 6, 3], hidden="relu", output="softmax", loss="ce", init="he", seed=3)
    n.biases[0][...] = np.arange(6)
    return n


def test_round_trip_is_exact_and_keeps_metadata(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net, preprocessing={"scaling": "unit"}, class_names=["a", "b", "c"])
    loaded = load_model(path)
    assert loaded.network.architecture() == net.architecture()
    for a, b in zip(loaded.network.parameters(), net.parameters()):
        assert a.dtype == b.dtype and np.array_equal(a, b)
        assert a.flags.writeable and a.flags.c_contiguous  # a loaded network trains on
    assert loaded.metadata["preprocessing"] == {"scaling": "unit"}
    assert loaded.metadata["class_names"] == ["a", "b", "c"]
    x = np.random.default_rng(0).random((5, 4))
    np.testing.assert_array_equal(loaded.network.predict(x), net.predict(x))


def test_float64_round_trip(tmp_path):
    net = Network([2, 3, 1], dtype=np.float64, seed=0)
    loaded = load_model(save_model(tmp_path / "m.npz", net)).network
    assert loaded.dtype == np.float64 and np.array_equal(loaded.weights[1], net.weights[1])


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path, net, monkeypatch):
    target = tmp_path / "m.npz"
    save_model(target, net)
    good = target.read_bytes()

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez_compressed", explode)
    with pytest.raises(OSError, match="disk full"):
        save_model(target, net)
    assert target.read_bytes() == good  # the old model survives a failed save
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError, match="no such model file"):
        load_model(tmp_path / "nope.npz")


def test_random_bytes(tmp_path):
    path = tmp_path / "junk.npz"
    path.write_bytes(np.random.default_rng(0).bytes(5000))
    with pytest.raises(ModelFileError, match="not a readable nnviz model"):
        load_model(path)


def test_truncated_file(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError):
        load_model(path)


def test_foreign_npz_without_metadata(tmp_path):
    path = tmp_path / "foreign.npz"
    np.savez(path, weights=np.zeros(3))
    with pytest.raises(ModelFileError, match="no metadata"):
        load_model(path)


def _rewrite(path, replace):
    """Copy the archive at path with some members replaced: {name: bytes}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _npy(array, allow_pickle=False):
    out = io.BytesIO()
    np.save(out, array, allow_pickle=allow_pickle)
    return out.getvalue()


def test_pickled_payload_is_refused_not_executed(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy(np.array([{"evil": 1}], dtype=object), allow_pickle=True)})
    with pytest.raises(ModelFileError, match="not a readable nnviz model"):
        load_model(path)


def test_tampered_shape(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy(np.zeros((6, 5), dtype=np.float32))})
    with pytest.raises(ModelFileError, match=r"W0 has shape \(6, 5\), expected \(6, 4\)"):
        load_model(path)


def test_wrong_dtype(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"b1.npy": _npy(np.zeros(3, dtype=np.int64))})
    with pytest.raises(ModelFileError, match="b1 has dtype int64"):
        load_model(path)


def test_nan_weights(tmp_path, net):
    net.weights[1][0, 0] = np.nan
    path = save_model(tmp_path / "m.npz", net)
    with pytest.raises(ModelFileError, match="NaN"):
        load_model(path)


def test_oversized_member_is_refused_before_reading(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W1.npy": _npy(np.zeros((3, 6000), dtype=np.float32))})
    with pytest.raises(ModelFileError, match="larger than its shape"):
        load_model(path)


def test_missing_and_extra_parameters(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W7.npy": _npy(np.zeros(2, dtype=np.float32))})
    with pytest.raises(ModelFileError, match="unexpected W7"):
        load_model(path)


@pytest.mark.parametrize(
    "metadata,message",
    [
        (b"\xff\xfe not json", "not valid JSON"),
        (json.dumps({"format": "keras"}).encode(), "not an nnviz model"),
        (json.dumps({"format": "nnviz-model", "format_version": 99, "architecture": {}}).encode(), "newer"),
        (json.dumps({"format": "nnviz-model", "format_version": 1}).encode(), "no architecture"),
        (json.dumps({"format": "nnviz-model", "format_version": 1,
                     "architecture": {"sizes": [4, 6, 3], "hidden": ["softmax"], "output": "softmax",
                                      "loss": "ce", "dtype": "float32"}}).encode(), "invalid architecture"),
    ],
)
def test_bad_metadata(tmp_path, net, metadata, message):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"metadata.npy": _npy(np.frombuffer(metadata, dtype=np.uint8))})
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_saved_file_is_readable_by_others_like_any_document(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    assert path.stat().st_mode & 0o777 == 0o644


# -- hostile files: nothing in a file is trusted before it is checked against absolute limits ------

def _npy_header(shape, descr="<f4"):
    """Just the .npy header (magic included) of an array of `shape`, without its data."""
    out = io.BytesIO()
    np.lib.format.write_array_header_1_0(out, {"descr": descr, "fortran_order": False, "shape": shape})
    return out.getvalue()


def _metadata(net, **architecture):
    """The metadata entry of `net` with some architecture fields replaced."""
    meta = {"format": "nnviz-model", "format_version": 1, "architecture": {**net.architecture(), **architecture}}
    return _npy(np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))


def _patch_directory(path, member, offset, value: bytes):
    """Overwrite bytes at `offset` of `member`'s entry in the zip's central directory."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_length] == member.encode():
            data[at + offset:at + offset + len(value)] = value
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} not in {path}")


def _declare_size(path, member, size):
    """Make the zip's directory claim that `member` unpacks to `size` bytes (< 4 GiB); the stored
    data stay as they are, so the file stays small and nothing big is ever written."""
    _patch_directory(path, member, 24, size.to_bytes(4, "little"))


def test_npy_header_claiming_a_huge_shape_is_refused_before_allocating(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy_header((1_000_000, 1_000_000))})  # 3.6 TiB, says the header
    assert path.stat().st_size < 3000
    with pytest.raises(ModelFileError, match=r"W0 has shape \(1000000, 1000000\), expected \(6, 4\)"):
        load_model(path)


def test_zip_bomb_is_refused_from_its_declared_sizes(tmp_path, net):
    # Metadata claiming a 1,000,000-1,000,000 network and a member whose header and zip directory
    # both declare gigabytes: refused on what they declare, before anything is read.
    path = save_model(tmp_path / "m.npz", net)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.npy", _metadata(net, sizes=[1_000_000, 1_000_000]))
        z.writestr("W0.npy", _npy_header((1_000_000, 1_000_000)) + bytes(4096))
        z.writestr("b0.npy", _npy(np.zeros(1_000_000, dtype=np.float32)))
    path.write_bytes(buffer.getvalue())
    _declare_size(path, "W0.npy", 2 << 30)
    with pytest.raises(ModelFileError, match="refusing to read it"):
        load_model(path)


def test_metadata_claiming_too_many_parameters_is_refused(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"metadata.npy": _metadata(net, sizes=[1_000_000, 1_000_000])})
    with pytest.raises(ModelFileError, match=r"1,000,001,000,000 parameters, more than nnviz loads \(50,000,000\)"):
        load_model(path)


def test_archive_that_unpacks_to_more_than_any_model_is_refused(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _declare_size(path, "W1.npy", 3 << 30)
    with pytest.raises(ModelFileError, match=r"unpacks to 3\.0 GiB"):
        load_model(path)


def test_member_with_more_data_than_its_header_declares(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy(net.weights[0]) + bytes(512)})
    with pytest.raises(ModelFileError, match="W0 holds more data than its header declares"):
        load_model(path)


def test_member_with_less_data_than_its_header_declares(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy(net.weights[0])[:-10]})
    with pytest.raises(ModelFileError, match=r"W0 is truncated \(86 of 96 bytes\)"):
        load_model(path)


def test_big_endian_parameters_are_refused_by_their_header(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy(net.weights[0].astype(">f4"))})
    with pytest.raises(ModelFileError, match=r"W0 has dtype >f4, expected float32"):
        load_model(path)


def test_fortran_ordered_parameters_load_with_their_values(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"W0.npy": _npy(np.asfortranarray(net.weights[0]))})
    loaded = load_model(path).network
    assert loaded.weights[0].flags.c_contiguous and loaded.weights[0].flags.writeable
    np.testing.assert_array_equal(loaded.weights[0], net.weights[0])


@pytest.mark.parametrize("architecture, message", [
    ({"dtype": "foo"}, r"unsupported dtype 'foo'"),
    ({"dtype": ["float32"]}, r"unsupported dtype \['float32'\]"),
    ({"dtype": "int64"}, "unsupported dtype 'int64'"),
    ({"sizes": "4,6,3"}, "sizes must be a list"),
    ({"sizes": {"in": 4}}, "sizes must be a list"),
    ({"sizes": [4, -6, 3]}, "implausible layer sizes"),
    ({"sizes": [4, True, 3]}, "implausible layer sizes"),
    ({"sizes": [4, 6.5, 3]}, "implausible layer sizes"),
    ({"sizes": [4]}, "implausible layer sizes"),
    ({"hidden": 5}, "hidden activations must be names"),
    ({"hidden": [["relu"]]}, "hidden activations must be names"),
    ({"output": ["softmax"]}, "output must be a name"),
    ({"loss": 3}, "loss must be a name"),
    ({"init": None}, "init must be a name"),
    ({"seed": "abc"}, "seed must be a whole number"),
    ({"seed": -1}, "seed must be a whole number"),
    ({"output": "softmax", "sizes": [4, 6, 3], "hidden": "swish"}, "invalid architecture"),
])
def test_architecture_fields_of_the_wrong_type_or_range(tmp_path, net, architecture, message):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"metadata.npy": _metadata(net, **architecture)})
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


@pytest.mark.parametrize("fields, message", [
    ({"format_version": True}, "invalid format_version True"),
    ({"format_version": "1"}, "invalid format_version '1'"),
    ({"preprocessing": "unit"}, "'preprocessing' must be a JSON object"),
    ({"preprocessing": {"targets": [float("nan"), 1.0]}}, "targets must be two different finite numbers"),
    ({"preprocessing": {"targets": ["0", "1"]}}, "targets must be two different finite numbers"),
    ({"preprocessing": {"targets": [1, 1]}}, "targets must be two different finite numbers"),
    ({"class_names": "0123"}, "'class_names' must be a JSON list"),
    ({"class_names": [0, 1, 2]}, "class_names must be strings"),
    ({"metrics": [0.9]}, "'metrics' must be a JSON object"),
    ({"dataset": ["mnist"]}, "'dataset' must be a JSON string"),
])
def test_metadata_fields_of_the_wrong_type(tmp_path, net, fields, message):
    path = save_model(tmp_path / "m.npz", net, **{k: v for k, v in fields.items() if k != "format_version"})
    if "format_version" in fields:
        meta = {"format": "nnviz-model", "architecture": net.architecture(), **fields}
        _rewrite(path, {"metadata.npy": _npy(np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))})
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_deeply_nested_metadata_is_invalid_json_not_a_crash(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _rewrite(path, {"metadata.npy": _npy(np.frombuffer(b"[" * 200_000 + b"]" * 200_000, dtype=np.uint8))})
    with pytest.raises(ModelFileError, match="not valid JSON"):
        load_model(path)


def test_single_softmax_output_in_a_file_is_refused(tmp_path):
    path = save_model(tmp_path / "m.npz", Network([4, 6, 1], seed=0))
    _rewrite(path, {"metadata.npy": _metadata(Network([4, 6, 1], seed=0), output="softmax")})
    with pytest.raises(ModelFileError, match="softmax needs at least 2 output neurons"):
        load_model(path)


def _archive(path, entries):
    """Write a zip of (name, bytes) entries, duplicates allowed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w") as z:
            for name, data in entries:
                z.writestr(name, data)
    return path


def _members_of(path):
    with zipfile.ZipFile(path) as z:
        return [(name, z.read(name)) for name in z.namelist()]


@pytest.mark.parametrize("extra, message", [
    (("params/", b""), "unexpected folder 'params/'"),
    (("../W0.npy", b"x"), r"unsafe member name '\.\./W0\.npy'"),
    (("/etc/W0.npy", b"x"), "unsafe member name"),
    (("W0.npy", b"x"), "'W0.npy' appears twice"),
    (("readme.txt", b"hello"), "unexpected readme.txt"),
])
def test_unexpected_archive_members(tmp_path, net, extra, message):
    path = save_model(tmp_path / "m.npz", net)
    _archive(path, [*_members_of(path), extra])
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_encrypted_member_is_unreadable_not_a_crash(tmp_path, net):
    path = save_model(tmp_path / "m.npz", net)
    _patch_directory(path, "W0.npy", 8, b"\x01\x00")  # general purpose flags: encrypted
    with pytest.raises(ModelFileError, match=r"not a readable nnviz model \(its members are encrypted\)"):
        load_model(path)


@pytest.mark.parametrize("keep", [0.3, 0.9])
def test_truncated_archive_is_unreadable(tmp_path, net, keep):
    path = save_model(tmp_path / "m.npz", net)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ModelFileError, match="not a readable nnviz model"):
        load_model(path)


# -- saving: temp files a killed save left behind, and checking a target before long work ----------

def _dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_save_removes_the_temp_files_of_killed_saves(tmp_path, net):
    target = tmp_path / "m.npz"
    minutes_ago = time.time() - 120
    stale = [tmp_path / ".m.npz.k3j4h5g6.tmp", tmp_path / f".m.npz.{_dead_pid()}-a1b2c3d4.tmp"]
    kept = [
        tmp_path / f".m.npz.{os.getpid()}-a1b2c3d4.tmp",  # a save in progress: its process lives
        tmp_path / ".m.npz.fresh123.tmp",  # written to a moment ago
        tmp_path / ".other.npz.k3j4h5g6.tmp",  # another model's
        tmp_path / "m.npz.notes.tmp",  # not ours at all
    ]
    for path in stale + kept:
        path.write_bytes(b"half a model")
        if path.name != ".m.npz.fresh123.tmp":
            os.utime(path, (minutes_ago, minutes_ago))
    save_model(target, net)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["m.npz", *(p.name for p in kept)])
    assert load_model(target).network.sizes == net.sizes


def test_check_can_save_accepts_a_new_folder_without_creating_it(tmp_path):
    check_can_save(tmp_path / "new" / "deeper" / "m.npz", 1000)
    assert list(tmp_path.iterdir()) == []


def test_check_can_save_refuses_a_parent_that_is_a_file(tmp_path):
    (tmp_path / "notes.txt").write_text("a file")
    with pytest.raises(NotADirectoryError, match=r"notes\.txt is a file, not a folder"):
        check_can_save(tmp_path / "notes.txt" / "sub" / "m.npz")


def test_check_can_save_refuses_a_folder_as_target(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a folder"):
        check_can_save(tmp_path)


def test_check_can_save_refuses_a_folder_it_cannot_write(tmp_path, monkeypatch):
    # chmod cannot make a folder read-only for root; a refused temp file is what read-only looks like.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError, match=r"cannot write in .* \(Permission denied\)"):
        check_can_save(tmp_path / "m.npz")


def test_check_can_save_refuses_a_disk_without_room(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: shutil._ntuple_diskusage(100, 90, 10))
    with pytest.raises(OSError, match="only 10 bytes free") as error:
        check_can_save(tmp_path / "m.npz", 2 << 20)
    assert error.value.errno == errno.ENOSPC and "2.0 MiB" in error.value.strerror


def test_a_folder_that_takes_no_files_is_named_not_our_temporary_file(net, monkeypatch, tmp_path):
    def refuse(**kwargs):
        raise FileNotFoundError(2, "No such file or directory", str(tmp_path / ".model.npz.123-abc.tmp"))

    monkeypatch.setattr("nnviz.engine.model_file.tempfile.mkstemp", refuse)
    with pytest.raises(OSError) as caught:
        save_model(tmp_path / "model.npz", net)
    assert str(caught.value) == f"[Errno 2] cannot write in {tmp_path}: No such file or directory"
    assert ".tmp" not in str(caught.value)
    assert caught.value.strerror.template == "cannot write in {folder}: {reason}"  # the window translates it


def test_a_folder_or_a_file_that_is_no_zip_is_said_in_words_the_window_translates(tmp_path):
    from nnviz.engine.phrases import Phrase

    with pytest.raises(ModelFileError) as folder:
        load_model(tmp_path)
    assert str(folder.value) == f"{tmp_path} is a folder; choose a model file (.npz)"
    text = tmp_path / "notes.npz"
    text.write_text("not a model")
    with pytest.raises(ModelFileError) as not_zip:
        load_model(text)
    message = not_zip.value.args[0]
    assert str(message) == f"{text}: not a readable nnviz model (it is not a zip archive)"
    assert isinstance(message, Phrase) and isinstance(message.args["exc"], str)
    assert message.args["exc"].context == "ModelFile"  # the reason is marked too, not zipfile's English
