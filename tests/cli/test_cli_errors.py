"""User errors end with one line on stderr and exit code 2, never with a traceback."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from nnviz.engine.model_file import save_model
from nnviz.engine.network import Network


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("nnviz: error: ")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


@pytest.mark.parametrize("argv, fragments", [
    (["train", "--preset", "nope"], ["invalid choice: 'nope'", "(see nnviz train --help)"]),
    (["train", "--preset", "xor", "--lr", "-1"], ["learning rate", "-1"]),
    (["train", "--preset", "xor", "--epochs", "0"], ["epochs"]),
    (["train", "--preset", "xor", "--momentum", "1.5"], ["momentum"]),
    (["train", "--dataset", "xor", "--layers", "3,4,1"], ["3,4,1", "xor", "must be 2"]),
    (["train", "--dataset", "xor", "--layers", "2,4,3"], ["must be 2", "1 or 2"]),
    (["train", "--dataset", "xor"], ["--layers"]),
    (["train", "--layers", "2,x,1", "--dataset", "xor"], ["--layers", "2,x,1"]),
    (["train", "--dataset", "xor", "--layers", "2,3,1", "--activation", "relu,tanh"], ["hidden"]),
    (["train", "--dataset", "xor", "--layers", "2,3,1", "--activation", "swish"], ["swish"]),
    (["train", "--dataset", "xor", "--layers", "2,3,1", "--activation", "step"], ["step", "gradient"]),
    (["train", "--dataset", "xor", "--layers", "2,3,1", "--output", "tanh", "--loss", "bce"], ["bce"]),
    (["train", "--preset", "xor", "--limit-train", "0"], ["limit-train"]),
    (["train", "--preset", "xor", "--seed", "-5"], ["argument --seed: expected a whole number >= 0, got '-5'"]),
    (["train", "--preset", "xor", "--seed=x"], ["argument --seed", "'x'"]),
    (["train", "--dataset", "xor", "--layers", "2,3,1", "--output", "softmax"],
     ["softmax needs at least 2 output neurons; use sigmoid for a single output"]),
    (["train", "--preset", "xor", "--frobnicate"], ["unrecognized arguments: --frobnicate", "nnviz train --help"]),
    (["train", "--preset", "xor", "--save", "."], ["directory"]),
    (["eval", "--dataset", "xor"], ["--model"]),
    (["predict", "--model", "m.npz"], ["IMAGE"]),
    (["gradcheck", "--samples", "0"], ["--samples"]),
    (["gradcheck", "--all", "--loss", "ce"], ["--all", "--loss"]),
    (["data"], ["nnviz data --help"]),
    (["data", "mnist", "--bogus"], ["nnviz data mnist --help"]),
    (["--bogus"], ["nnviz --help"]),
    (["unknown-command"], ["invalid choice"]),
])
def test_bad_arguments(cli, argv, fragments):
    assert_one_line_error(cli(*argv), *fragments)


def test_missing_mnist_says_how_to_download_it(cli, tmp_path):
    result = cli("train", "--preset", "mnist-book", "--data-dir", tmp_path)
    assert_one_line_error(result, str(tmp_path), "nnviz data mnist")


def test_missing_model_file(cli, tmp_path):
    assert_one_line_error(cli("eval", "--model", tmp_path / "none.npz", "--dataset", "xor"), "none.npz")


def _xor_model(path):
    network = Network([2, 3, 1], hidden="tanh", output="sigmoid", loss="bce", seed=0)
    save_model(path, network, dataset="xor")
    return path


def _tamper(source, target, member: str, array: np.ndarray) -> None:
    """Copy the model archive `source` to `target` with `member` replaced by `array`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                buffer = io.BytesIO()
                np.save(buffer, array)
                data = buffer.getvalue()
            zout.writestr(info.filename, data)


def _with_metadata(source, target, **architecture) -> None:
    """Copy the model archive `source` to `target` with some architecture fields replaced."""
    with zipfile.ZipFile(source) as z:
        meta = json.loads(np.load(io.BytesIO(z.read("metadata.npy"))).tobytes())
    meta["architecture"].update(architecture)
    _tamper(source, target, "metadata.npy", np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))


def _huge_header(source, target) -> None:
    """W0's .npy header claims (1000000, 1000000): 3.6 TiB of float32 in a file of 1.5 KB."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (1_000_000, 1_000_000)})
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, header.getvalue() if info.filename == "W0.npy" else zin.read(info.filename))


@pytest.mark.parametrize("command", ["eval", "predict"])
@pytest.mark.parametrize("kind", ["random bytes", "zip without a model", "tampered W0", "empty", "dtype foo",
                                  "dtype list", "sizes a string", "huge npy header", "truncated"])
def test_corrupt_model_files(cli, tmp_path, command, kind):
    path = tmp_path / "bad.npz"
    if kind == "random bytes":
        path.write_bytes(np.random.default_rng(0).bytes(2048))
    elif kind == "zip without a model":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a model")
    elif kind == "tampered W0":
        _tamper(_xor_model(tmp_path / "good.npz"), path, "W0.npy", np.zeros((4, 2), dtype=np.float32))
    elif kind == "dtype foo":
        _with_metadata(_xor_model(tmp_path / "good.npz"), path, dtype="foo")
    elif kind == "dtype list":
        _with_metadata(_xor_model(tmp_path / "good.npz"), path, dtype=["float32"])
    elif kind == "sizes a string":
        _with_metadata(_xor_model(tmp_path / "good.npz"), path, sizes="2,3,1")
    elif kind == "huge npy header":
        _huge_header(_xor_model(tmp_path / "good.npz"), path)
        assert path.stat().st_size < 2000
    elif kind == "truncated":
        path.write_bytes(_xor_model(tmp_path / "good.npz").read_bytes()[:700])
    else:
        path.write_bytes(b"")
    image = tmp_path / "digit.png"
    image.write_bytes(b"")  # never reached: the model fails first
    argv = ["eval", "--model", path, "--dataset", "xor"] if command == "eval" else ["predict", "--model", path, image]
    assert_one_line_error(cli(*argv), str(path))


def test_model_that_does_not_fit_the_dataset(cli, tmp_path):
    path = tmp_path / "three.npz"
    save_model(path, Network([3, 2, 1], seed=0), dataset="xor")
    assert_one_line_error(cli("eval", "--model", path, "--dataset", "xor"), "does not fit xor", "3 inputs")


def test_errors_from_a_fresh_process_have_no_traceback(run_module, tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 certainly not a zip")
    for argv in (["train", "--preset", "nope"], ["eval", "--model", bad, "--dataset", "xor"],
                 ["train", "--preset", "xor", "--lr", "-1"]):
        completed = run_module(*argv)
        assert completed.returncode == 2
        assert completed.stderr.count("\n") == 1 and completed.stderr.startswith("nnviz: error: ")
        assert "Traceback" not in completed.stderr
