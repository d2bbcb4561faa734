"""Model files round-trip exactly, and every kind of bad file gives one clear ModelFileError."""

import io
import json
import zipfile

import numpy as np
import pytest

from nnviz.engine import ModelFileError, Network, load_model, save_model


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
