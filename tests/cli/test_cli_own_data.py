"""`nnviz train` on generated sets, CSV files and experiment files; `eval` and `predict` on their models."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.model_file import load_model
from nnviz.training.experiment import save_experiment
from nnviz.training.presets import get_preset


def write_csv(path, header, rows) -> None:
    path.write_text("\n".join([",".join(header), *(",".join(str(v) for v in row) for row in rows)]) + "\n")


@pytest.fixture
def animals_csv(tmp_path):
    """Three classes named in text, told apart by two measurements in very different units."""
    rng = np.random.default_rng(0)
    rows = []
    for name, (weight, length) in {"cat": (4, 46), "dog": (30, 100), "fox": (8, 70)}.items():
        for _ in range(60):
            rows.append((round(weight * rng.uniform(0.85, 1.15), 2), round(length + rng.normal(0, 4), 1), name))
    order = rng.permutation(len(rows))
    path = tmp_path / "animals.csv"
    write_csv(path, ("weight_kg", "length_cm", "species"), [rows[i] for i in order])
    return path


@pytest.fixture
def prices_csv(tmp_path):
    """price = 1500·area − 20,000·age + 50,000 plus a little noise: raw targets in the hundred thousands."""
    rng = np.random.default_rng(1)
    area = rng.uniform(40, 200, 300).round(1)
    age = rng.integers(0, 50, 300)
    price = (1500 * area - 20_000 * age / 10 + 50_000 + rng.normal(0, 2000, 300)).round(0)
    path = tmp_path / "prices.csv"
    write_csv(path, ("area", "age", "price", "note"), [(a, g, p, 1) for a, g, p in zip(area, age, price)])
    return path


def test_a_csv_with_text_labels_trains_a_network_sized_to_it(cli, animals_csv, tmp_path):
    model = tmp_path / "animals.npz"
    result = cli("train", "--dataset", animals_csv, "--save", model, "--json")
    assert result.code == 0, result.err
    assert result.out.startswith("training a network sized to the data on animals")
    assert "2-16-3 tanh→softmax" in result.out.splitlines()[0]
    summary = result.json
    assert summary["task"] == "classification" and summary["test_accuracy"] >= 0.95
    meta = load_model(model).metadata
    assert meta["class_names"] == ["cat", "dog", "fox"] and meta["feature_names"] == ["weight_kg", "length_cm"]
    assert meta["preprocessing"]["standardisation"]["feature_mean"][1] > 40  # fitted on the raw lengths
    assert meta["data"]["kind"] == "csv"

    evaluated = cli("eval", "--model", model, "--json")
    assert evaluated.code == 0, evaluated.err
    assert evaluated.json["accuracy"] == summary["test_accuracy"]

    rows = tmp_path / "new.csv"
    write_csv(rows, ("length_cm", "weight_kg"), [(100, 31), (45, 4.2)])  # columns found by name
    predicted = cli("predict", "--model", model, rows, "8.1,69", "--json")
    assert predicted.code == 0, predicted.err
    assert [p["label"] for p in predicted.json["predictions"]] == ["dog", "cat", "fox"]
    assert predicted.json["predictions"][0]["input"] == f"{rows} row 2"


def test_a_regression_csv_reports_r2_and_rmse_and_predicts_in_raw_units(cli, prices_csv, tmp_path):
    model = tmp_path / "prices.npz"
    result = cli("train", "--dataset", prices_csv, "--label-column", "price", "--layers", "3,8,1",
                 "--activation", "tanh", "--output", "identity", "--loss", "mse", "--optimizer", "adam",
                 "--lr", "0.01", "--batch-size", "16", "--epochs", "60", "--save", model, "--json")
    assert result.code == 0, result.err
    epoch_lines = [line for line in result.out.splitlines() if line.startswith("epoch ")]
    assert epoch_lines and all("R² " in line and "RMSE " in line for line in epoch_lines)
    assert "predicting price" in result.out.splitlines()[0]
    summary = result.json
    assert summary["task"] == "regression" and summary["test_r2"] >= 0.95
    assert summary["test_accuracy"] == summary["test_r2"]
    assert 500 < summary["test_rmse"] < 20_000  # in dollars, not in standard deviations

    evaluated = cli("eval", "--model", model)
    assert evaluated.code == 0, evaluated.err
    assert f"R² {summary['test_r2']:.4f}" in evaluated.out and "RMSE" in evaluated.out

    predicted = cli("predict", "--model", model, "100,20,1", "--json")  # area, age, note
    assert predicted.code == 0, predicted.err
    value = predicted.json["predictions"][0]["value"]
    assert value == pytest.approx(1500 * 100 - 20_000 * 2 + 50_000, rel=0.05)
    plain = cli("predict", "--model", model, "100,20,1")
    assert plain.out.startswith("100,20,1: price = ")


@pytest.mark.parametrize("content, words", [
    ("a,b,label\n1,2,x\n3,,y\n", ["row 3", "'b'", "missing"]),
    ("a,b,label\n1,2,x\n3,four,y\n", ["row 3", "'b'"]),
    ("a,b,label\n1,2,x\n3,4,x\n", ["'label'", "two classes"]),
    ("", ["empty"]),
])
def test_a_bad_csv_is_one_line_and_exit_2(cli, tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    result = cli("train", "--dataset", path, "--task", "classification")
    assert result.code == 2, result.out
    assert result.err.count("\n") == 1 and result.err.startswith("nnviz: error: ") and "Traceback" not in result.err
    assert "bad.csv" in result.err and all(word in result.err for word in words), result.err


def test_train_experiment_reproduces_the_presets_final_loss(cli, tmp_path):
    preset = get_preset("circle")
    path = save_experiment(tmp_path / "circle.json", preset)
    direct = cli("train", "--preset", "circle", "--epochs", "30", "--json")
    from_file = cli("train", "--experiment", path, "--epochs", "30", "--json")
    assert direct.code == from_file.code == 0, from_file.err
    for key in ("test_loss", "train_loss", "test_accuracy", "steps"):
        assert from_file.json[key] == direct.json[key]
    assert from_file.out.startswith(f"training experiment {path} on circle, noise 0.10, 200 points, seed 0")


def test_data_options_shape_a_generated_set(cli):
    result = cli("train", "--preset", "circle", "--n-samples", "100", "--train-share", "0.5", "--noise", "0.2",
                 "--data-seed", "3", "--epochs", "1", "--json")
    assert result.code == 0, result.err
    assert result.out.startswith("training preset circle on circle, noise 0.20, 100 points, seed 3 "
                                 "(50 train / 50 test samples)")


@pytest.mark.parametrize("argv, words", [
    (["--preset", "xor", "--noise", "0.2"], ["--noise applies to generated sets", "not to XOR"]),
    (["--preset", "circle", "--noise", "0.9"], ["--noise", "0..0.5"]),
    (["--preset", "circle", "--no-standardise"], ["--no-standardise applies to CSV files"]),
    (["--dataset", "circle"], ["--layers", "--preset circle"]),
    (["--dataset", "nowhere"], ["unknown dataset 'nowhere'", "path of a .csv file"]),
    (["--preset", "xor", "--experiment", "x.json"], ["--preset or --experiment"]),
    (["--experiment", "missing.json"], ["cannot read the experiment missing.json"]),
    (["--dataset", "sin", "--layers", "1,4,1", "--loss", "bce", "--output", "sigmoid"], ["regression", "--loss mse"]),
    (["--dataset", "sin", "--layers", "1,4,2"], ["the last 1 (its target, y)"]),
])
def test_train_options_that_do_not_fit_are_one_line(cli, argv, words):
    result = cli("train", *argv)
    assert result.code == 2, result.out
    assert result.err.count("\n") == 1 and all(word in result.err for word in words), result.err


def test_predict_on_a_generated_set_takes_rows_and_refuses_images(cli, tmp_path):
    model = tmp_path / "sin.npz"
    assert cli("train", "--preset", "sin", "--save", model).code == 0
    result = cli("predict", "--model", model, "--json", "1.5708", "--", "-1.5708", "x", "1,2")
    assert result.code == 2
    values = [p["value"] for p in result.json["predictions"]]
    assert values == [pytest.approx(1.0, abs=0.15), pytest.approx(-1.0, abs=0.15)]
    assert [e["input"] for e in result.json["errors"]] == ["x", "1,2"]
    image = cli("predict", "--model", model, tmp_path / "seven.png")
    assert image.code == 2 and "trained on sin, not on digit images" in image.err


@pytest.mark.parametrize("metadata, words", [
    ({"preprocessing": {"standardisation": {"feature_mean": ["a", 1], "feature_std": [1, 1]}}}, ["feature_mean"]),
    ({"preprocessing": {"standardisation": {"feature_mean": [0, 0, 0], "feature_std": [1, 1, 1]}}},
     ["3 inputs", "takes 2"]),
    ({"preprocessing": {"standardisation": {"feature_mean": [0, 0], "feature_std": [0, 1]}}}, ["positive"]),
    ({"task": "astrology"}, ["task must be one of"]),
    ({"task": "regression", "data": {"kind": "generated", "generator": "plane", "noise": "loud"}}, ["noise"]),
])
def test_forged_model_metadata_is_one_line(cli, tmp_path, metadata, words):
    from nnviz.engine.model_file import save_model
    from nnviz.engine.network import Network

    path = tmp_path / "forged.npz"
    save_model(path, Network([2, 3, 1], output="identity", seed=0), dataset="plane", **metadata)
    commands = [["eval", "--model", path]]
    if "data" not in metadata:  # predict needs no data
        commands.append(["predict", "--model", path, "0.5,0.5"])
    for argv in commands:
        result = cli(*argv)
        assert result.code == 2, result.out
        assert result.err.count("\n") == 1 and str(path) in result.err, result.err
        assert all(word in result.err for word in words), result.err
