"""`nnviz race`: the curriculum's comparison as a table, and as JSON."""

from __future__ import annotations

import pytest


def test_xor_race_of_the_three_modes_prints_a_table_and_json(cli):
    result = cli("race", "--preset", "xor", "--vary", "mode=stochastic,minibatch:2,batch", "--epochs", "40", "--json")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "varying the gradient-descent mode: stochastic, mini-batch 2, full batch" in result.out
    labels = ["stochastic", "mini-batch", "2", "full", "batch"]
    header = next(i for i, line in enumerate(lines) if line.split() == labels)
    assert lines[header + 1].split() == ["epoch"] + ["loss", "acc"] * 3
    rows = [line.split() for line in lines[header + 2:] if line.strip() and line.split()[0].isdigit()]
    # 40 epochs: the start, the first, every fourth and the last.
    assert [row[0] for row in rows] == ["0", "1", "4", "8", "12", "16", "20", "24", "28", "32", "36", "40"]
    assert rows[0][1] == rows[0][3] == rows[0][5]  # one start: the same loss for every run
    summary = result.json
    assert summary["vary"] == "mode" and summary["epochs"] == 40 and summary["n_train"] == 4
    stochastic, mini, batch = summary["runs"]
    assert (stochastic["label"], mini["label"], batch["label"]) == ("stochastic", "mini-batch 2", "full batch")
    assert stochastic["updates"] == 4 * batch["updates"] == 160 and mini["updates"] == 80
    assert stochastic["updates_per_epoch"] == 4 * batch["updates_per_epoch"]
    assert all(run["samples"] == 160 for run in summary["runs"])
    assert len(stochastic["rows"]) == 41 and stochastic["rows"][0]["train_loss"] is None
    assert {"epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "updates", "samples",
            "seconds"} == set(stochastic["rows"][-1])
    costs = lines[next(i for i, line in enumerate(lines) if line.startswith("run  ")):]
    assert costs[0].split() == ["run", "updates", "per", "epoch", "samples", "seconds", "test", "acc", "test", "loss"]
    assert costs[1].split()[:4] == ["stochastic", "160", "4", "160"]
    assert costs[3].split()[:5] == ["full", "batch", "40", "1", "160"]


def test_gender_race_of_optimisers_from_train_options(cli):
    result = cli("race", "--dataset", "gender", "--layers", "2,3,1", "--lr", "0.05", "--seed", "3",
                 "--vary", "optimizer=sgd,momentum,adam", "--epochs", "30", "--json")
    assert result.code == 0, result.err
    runs = result.json["runs"]
    assert [run["hyperparameters"]["optimizer"] for run in runs] == ["sgd", "momentum", "adam"]
    assert {run["hyperparameters"]["lr"] for run in runs} == {0.05}
    assert {run["hyperparameters"]["seed"] for run in runs} == {3}
    assert len({run["rows"][0]["test_loss"] for run in runs}) == 1
    assert "2-3-1 sigmoid→sigmoid" in result.out or "2-3-1 sigmoid->sigmoid" in result.out


def test_mnist_minibatch_against_full_batch_on_a_limited_set(cli, mnist_dir):
    result = cli("race", "--preset", "mnist-fast", "--vary", "mode=minibatch:100,batch", "--epochs", "2",
                 "--limit-train", "300", "--no-augment", "--data-dir", mnist_dir, "--json")
    assert result.code == 0, result.err
    mini, batch = result.json["runs"]
    assert result.json["n_train"] == 300 and result.json["n_test"] == 10000
    assert (mini["updates_per_epoch"], batch["updates_per_epoch"]) == (3, 1)
    assert mini["rows"][0]["test_loss"] == batch["rows"][0]["test_loss"]
    assert mini["test_accuracy"] > batch["test_accuracy"]
    assert "300 train / 10,000 test samples" in result.out


def test_a_minibatch_as_big_as_the_set_is_pointed_out(cli):
    result = cli("race", "--preset", "gender", "--vary", "mode=minibatch:32,batch", "--epochs", "2")
    assert result.code == 0, result.err
    assert "note: mini-batch 32 holds all 4 training samples: the same as full batch" in result.out


@pytest.mark.parametrize("argv, message", [
    (["--preset", "xor", "--vary", "mode=batch"], "a race has 2 to 4 runs; got 1"),
    (["--preset", "xor", "--vary", "speed=1,2"], "cannot vary 'speed'"),
    (["--preset", "xor", "--vary", "stochastic,batch"], "--vary takes WHAT=VALUE,VALUE,..."),
    (["--preset", "xor", "--vary", "lr=0.1,x"], "the learning rate 'x' is not a number"),
    (["--preset", "xor", "--vary", "lr=0.1,1", "--epochs", "0"],
     "argument --epochs: expected a whole number >= 1, got '0'"),
    (["--vary", "lr=0.1,1"], "give --preset"),
    (["--preset", "xor"], "the following arguments are required: --vary"),
])
def test_bad_races_are_usage_errors_in_one_line(cli, argv, message):
    result = cli("race", *argv)
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert result.out == ""


def test_a_diverging_run_is_reported_and_the_others_finish(cli):
    result = cli("race", "--preset", "xor", "--output", "identity", "--loss", "mse",
                 "--vary", "lr=0.1,100", "--epochs", "20", "--json")
    assert result.code == 0, result.err
    calm, wild = result.json["runs"]
    assert calm["diverged"] is None and calm["epochs"] == 20
    assert "Diverged" in wild["diverged"] and wild["epochs"] < 20
    assert "lr 100: Diverged" in result.out


def test_a_regression_race_reports_r_squared(cli):
    result = cli("race", "--preset", "sin", "--vary", "lr=0.01,0.1", "--epochs", "5", "--json")
    assert result.code == 0, result.err
    assert result.json["task"] == "regression"
    header = next(line for line in result.out.splitlines() if line.startswith("epoch "))
    assert header.split() == ["epoch", "loss", "R²", "loss", "R²"]
    assert "test R²" in result.out and "%" not in result.out.split("varying")[1]
