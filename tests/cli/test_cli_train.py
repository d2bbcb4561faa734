"""`nnviz train` and `nnviz eval`: results, overrides, saved metadata, progress, Ctrl+C."""

from __future__ import annotations

import errno
import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from nnviz.cli import train, train_loop
from nnviz.engine import model_file
from nnviz.engine.model_file import load_model
from nnviz.training import build


def test_xor_preset_learns_xor_and_ends_with_a_json_line(cli):
    result = cli("train", "--preset", "xor", "--json")
    assert result.code == 0, result.err
    summary = result.json
    assert summary["test_accuracy"] == 1.0
    assert summary["epochs"] == 500 and summary["steps"] == 2000 and summary["samples"] == 2000
    assert summary["preset"] == "xor" and summary["saved"] is None and summary["interrupted"] is False
    assert summary["test_loss"] < 0.05 and summary["train_loss"] < 0.05
    assert summary["train_seconds"] > 0
    assert summary["samples_per_second"] == pytest.approx(2000 / summary["train_seconds"], rel=1e-3)
    assert "epoch 500/500" in result.out


def test_options_override_the_preset(cli, tmp_path):
    path = tmp_path / "xor.npz"
    result = cli("train", "--preset", "xor", "--epochs", "2", "--lr", "0.05", "--batch-size", "2",
                 "--save", path, "--json")
    assert result.code == 0, result.err
    assert result.json["epochs"] == 2
    assert result.json["steps"] == 4  # 4 samples in batches of 2, twice
    h = load_model(path).metadata["hyperparameters"]
    assert (h["lr"], h["epochs"], h["granularity"], h["batch_size"]) == (0.05, 2, "minibatch", 2)


@pytest.mark.parametrize("options, granularity", [
    (["--batch-size", "1"], "stochastic"),
    (["--batch-size", "3"], "minibatch"),
    (["--mode", "batch"], "batch"),
    (["--mode", "minibatch", "--batch-size", "1"], "minibatch"),
])
def test_batch_size_implies_the_mode_unless_a_mode_is_given(cli, tmp_path, options, granularity):
    path = tmp_path / "m.npz"
    result = cli("train", "--preset", "xor", "--epochs", "1", *options, "--save", path)
    assert result.code == 0, result.err
    assert load_model(path).metadata["hyperparameters"]["granularity"] == granularity


def test_custom_network_without_a_preset(cli, tmp_path):
    path = tmp_path / "custom.npz"
    result = cli("train", "--dataset", "xor", "--layers", "2,8,6,1", "--activation", "tanh,relu",
                 "--output", "sigmoid", "--loss", "bce", "--init", "xavier", "--optimizer", "adam",
                 "--lr", "0.05", "--epochs", "300", "--seed", "1", "--save", path, "--json")
    assert result.code == 0, result.err
    assert result.json["preset"] is None and result.json["test_accuracy"] == 1.0
    meta = load_model(path).metadata
    assert meta["architecture"]["sizes"] == [2, 8, 6, 1]
    assert meta["architecture"]["hidden"] == ["tanh", "relu"]
    assert meta["preset"] is None and meta["hyperparameters"]["optimizer"] == "adam"


def test_saved_model_evaluates_to_the_reported_accuracy_and_records_how_it_was_made(cli, tmp_path):
    path = tmp_path / "gender.npz"
    trained = cli("train", "--preset", "gender", "--save", path, "--json")
    assert trained.code == 0, trained.err
    assert f"saved the model to {path}" in trained.out
    assert trained.json["saved"] == str(path)

    evaluated = cli("eval", "--model", path, "--dataset", "gender", "--json")
    assert evaluated.code == 0, evaluated.err
    assert evaluated.json == {
        "accuracy": trained.json["test_accuracy"], "loss": pytest.approx(trained.json["test_loss"]),
        "n": 4, "dataset": "gender", "task": "classification", "model": str(path),
    }
    meta = load_model(path).metadata
    assert meta["command"] == f"nnviz train --preset gender --save {path} --json"
    assert meta["preset"] == "gender" and meta["dataset"] == "gender"
    assert meta["preprocessing"] == {"scaling": "unit", "targets": [0.0, 1.0], "image_shape": None,
                                     "standardisation": None}
    assert meta["task"] == "classification" and meta["data"]["kind"] == "gender"
    assert meta["class_names"] == ["male", "female"]
    assert meta["metrics"]["test_accuracy"] == trained.json["test_accuracy"]
    assert meta["hyperparameters"]["epochs"] == 1000


def test_eval_defaults_to_the_dataset_the_model_was_trained_on(cli, tmp_path):
    path = tmp_path / "xor.npz"
    assert cli("train", "--preset", "xor", "--save", path).code == 0
    result = cli("eval", "--model", path)
    assert result.code == 0, result.err
    assert "accuracy 100.00%" in result.out


def test_mnist_model_evaluates_with_its_saved_scaling_and_targets(cli, digit_model, mnist_dir):
    meta = load_model(digit_model).metadata
    assert meta["preprocessing"] == {"scaling": "textbook", "targets": [0.01, 0.99], "image_shape": [28, 28],
                                     "standardisation": None}
    result = cli("eval", "--model", digit_model, "--dataset", "mnist", "--data-dir", mnist_dir, "--json")
    assert result.code == 0, result.err
    assert result.json["n"] == 10_000
    assert result.json["accuracy"] == meta["metrics"]["test_accuracy"]
    assert result.json["loss"] == pytest.approx(meta["metrics"]["test_loss"], rel=1e-6)


def test_progress_lines_within_an_epoch_are_rate_limited(cli, monkeypatch):
    monkeypatch.setattr(train_loop, "PROGRESS_INTERVAL", 0.0)
    result = cli("train", "--preset", "xor", "--epochs", "1")
    lines = result.out.splitlines()
    steps = [line for line in lines if line.lstrip().startswith("step ")]
    assert [line.split()[1] for line in steps] == ["1", "2", "3"]  # the 4th step ends the epoch
    assert "epoch 1 25%" in steps[0] and "samples/s" in steps[0]
    assert any(line.startswith("epoch 1/1") for line in lines)

    monkeypatch.setattr(train_loop, "PROGRESS_INTERVAL", 1e9)
    quiet = cli("train", "--preset", "xor", "--epochs", "50")
    epoch_lines = [line for line in quiet.out.splitlines() if line.startswith("epoch ")]
    assert [line.split()[1] for line in epoch_lines] == ["1/50", "5/50", "10/50", "15/50", "20/50", "25/50",
                                                         "30/50", "35/50", "40/50", "45/50", "50/50"]
    assert not any(line.lstrip().startswith("step ") for line in quiet.out.splitlines())


def test_divergence_is_one_line_and_exit_1(cli):
    result = cli("train", "--dataset", "gender", "--layers", "2,8,1", "--activation", "relu",
                 "--output", "identity", "--lr", "100", "--epochs", "50")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "Diverged" in result.err


def test_ctrl_c_stops_cleanly_saves_the_partial_model_and_exits_130(tmp_path, project_root, child_env):
    path = tmp_path / "partial.npz"
    process = subprocess.Popen(
        [sys.executable, "-m", "nnviz", "train", "--preset", "gender", "--epochs", "1000000",
         "--save", str(path), "--json"],
        cwd=project_root, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout.readline().startswith("training preset gender")
        assert process.stdout.readline().startswith("epoch 1/")  # training is under way
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted in epoch" in out and "saved the partially trained model" in out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["interrupted"] is True and summary["saved"] == str(path)
    assert 0 < summary["epochs"] < 1_000_000
    meta = load_model(path).metadata
    assert meta["training"]["interrupted"] is True
    assert meta["training"]["steps"] == summary["steps"]


# -- refused before training: a --save that cannot be written, a network that cannot fit -----------

def _one_line_error(result, code=2):
    assert result.code == code, (result.out, result.err)
    assert result.err.count("\n") == 1 and result.err.startswith("nnviz: error: "), result.err
    assert "Traceback" not in result.err
    return result.err


def test_save_below_a_file_is_refused_before_training(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    result = cli("train", "--preset", "xor", "--save", tmp_path / "notes.txt" / "xor.npz")
    err = _one_line_error(result)
    assert "notes.txt is a file, not a folder" in err and "nothing was trained" in err
    assert result.out == ""  # not even the header: training never started


@pytest.mark.parametrize("problem, reason", [("read-only", "Permission denied"), ("full", "free")])
def test_save_to_a_folder_that_cannot_take_the_model_is_refused_before_training(cli, tmp_path, monkeypatch,
                                                                                   problem, reason):
    if problem == "read-only":  # chmod does not stop root: refuse the temp file the way a read-only folder does
        def refuse(*args, dir=None, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(model_file.tempfile, "mkstemp", refuse)
    else:
        monkeypatch.setattr(model_file.shutil, "disk_usage", lambda folder: shutil._ntuple_diskusage(10**9, 10**9, 100))
    result = cli("train", "--preset", "xor", "--save", tmp_path / "xor.npz")
    err = _one_line_error(result)
    assert f"cannot save the model to {tmp_path / 'xor.npz'}" in err and reason in err
    assert result.out == ""


def test_a_save_that_fails_after_training_keeps_the_model_in_the_temp_folder(cli, tmp_path, monkeypatch):
    target, temp = tmp_path / "xor.npz", tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    real_save = train.save_model

    def disk_fills_up(path, network, **metadata):
        if Path(path) == target:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(path, network, **metadata)

    monkeypatch.setattr(train, "save_model", disk_fills_up)
    result = cli("train", "--preset", "xor", "--epochs", "3", "--save", target)
    err = _one_line_error(result, code=1)  # the command ran; the save failed (see nnviz.cli.errors)
    assert f"cannot save the model to {target}: No space left on device; kept it in {temp}" in err
    kept = Path(err.rsplit("kept it in ", 1)[1].strip())
    assert kept.parent == temp and kept.name.startswith("xor-unsaved-") and kept.suffix == ".npz"
    meta = load_model(kept).metadata
    assert meta["training"]["epochs"] == 3 and meta["preset"] == "xor"
    assert not target.exists()


def test_network_too_big_for_this_machine_is_refused_before_training(cli, mnist_dir, monkeypatch):
    monkeypatch.setattr(build, "available_memory", lambda: 23 << 30)
    result = cli("train", "--dataset", "mnist", "--data-dir", mnist_dir, "--layers", "784,100000000,10")
    err = _one_line_error(result)
    assert "the 784-100000000-10 network needs about" in err and "this machine has 23 GiB available" in err
    assert "training custom network" not in result.out


def test_eval_refuses_a_model_whose_evaluation_cannot_fit(cli, tmp_path, monkeypatch):
    path = tmp_path / "xor.npz"
    assert cli("train", "--preset", "xor", "--epochs", "1", "--save", path).code == 0
    monkeypatch.setattr(build, "available_memory", lambda: 1 << 18)
    err = _one_line_error(cli("eval", "--model", path))
    assert f"{path}: the 2-10-1 network needs about" in err and "256 KiB available" in err
