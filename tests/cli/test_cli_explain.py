"""`nnviz explain`: the worked example of one neuron as a handout and as JSON; `train` ends with the queries."""

from __future__ import annotations

import pytest


def test_the_single_neuron_preset_gives_z_7_and_sigma_of_7(cli):
    result = cli("explain", "--preset", "neuron", "--json")
    assert result.code == 0, result.err
    data = result.json
    assert data["z"] == 7 and data["a"] == 0.9990889488055994
    assert [(t["a"], t["w"]) for t in data["forward"]["terms"]] == [(2.0, 0.0), (3.0, 1.0)]
    assert data["forward"]["b"] == 4.0 and data["x"] == [2.0, 3.0]
    w2 = data["update"]["weights"][1]
    assert w2["after"] == pytest.approx(w2["before"] - 0.1 * w2["grad"], abs=1e-15)


def test_the_2_2_1_preset_outputs_0_7216(cli):
    result = cli("explain", "--preset", "network", "--json")
    assert result.code == 0, result.err
    assert result.json["a"] == 0.7216325609518421 and result.json["layer"] == 2


def test_the_handout_shows_the_sum_the_loss_the_error_term_and_the_update(cli):
    result = cli("explain", "--preset", "network", "--neuron", "1:2")
    assert result.code == 0, result.err
    text = result.out
    for part in ("Forward:", "Σ wⱼ·aⱼ", "z  =      3", "Backward:", "∂L/∂a = Σₖ wₖⱼ·δₖ",
                 "σ′(z) = a·(1 − a)", "Gradient and update: SGD", "w ← w − η·∂L/∂w", "before", "after"):
        assert part in text, part
    assert "-" not in text.replace("−", "")  # real minus signs only
    assert "hidden 1 · neuron 2" in text


def test_a_fixed_sample_several_steps_and_the_train_options(cli):
    result = cli("explain", "--preset", "gender", "--sample", "1", "--steps", "5", "--optimizer", "adam",
                 "--neuron", "output:1", "--json")
    assert result.code == 0, result.err
    data = result.json
    assert data["step"] == 5 and data["x"] == [25.0, 6.0] and data["output"]["target"] == 0.0  # Bob, male
    assert set(data["update"]["bias"]) >= {"m", "v", "m̂", "v̂"}


def test_a_batch_says_it_is_averaged(cli):
    result = cli("explain", "--preset", "xor", "--mode", "batch", "--neuron", "1:1")
    assert result.code == 0, result.err
    assert "the first of a batch of 4" in result.out and "summed over the batch of 4" in result.out


@pytest.mark.parametrize("argv, text", [
    (["--preset", "neuron", "--neuron", "2:1"], "layers 1 to 1"),
    (["--preset", "gender", "--neuron", "1:3"], "layer 1 has 2 neurons"),
    (["--preset", "gender", "--neuron", "0:1"], "0 is the input"),
    (["--preset", "gender", "--sample", "4"], "4 samples (0 to 3)"),
    (["--preset", "gender", "--neuron", "two"], "expected LAYER:N"),
])
def test_a_bad_neuron_or_sample_is_one_line_and_exit_2(cli, argv, text):
    result = cli("explain", *argv)
    assert result.code == 2 and text in result.err and len(result.err.strip().splitlines()) == 1


def test_a_saved_model_can_be_explained(cli, tmp_path):
    path = tmp_path / "xor.npz"
    assert cli("train", "--preset", "xor", "--epochs", "3", "--save", path).code == 0
    result = cli("explain", "--model", path, "--sample", "2", "--json")
    assert result.code == 0, result.err
    assert result.json["x"] == [1.0, 0.0] and result.json["layer"] == 2
    assert cli("explain", "--model", path, "--preset", "xor").code == 2


def test_training_the_gender_example_ends_by_predicting_emily_and_frank(cli):
    result = cli("train", "--preset", "gender", "--json")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    emily = next(line for line in lines if line.strip().startswith("Emily"))
    frank = next(line for line in lines if line.strip().startswith("Frank"))
    assert "128 lb, 63 in" in emily and "female" in emily
    assert "155 lb, 68 in" in frank and "male" in frank and "female" not in frank
    answers = {a["name"]: a for a in result.json["queries"]}
    assert answers["Emily"]["class"] == "female" and answers["Emily"]["probability"] > 0.9
    assert answers["Frank"]["class"] == "male" and answers["Frank"]["probability"] > 0.9


def test_a_closed_or_full_output_ends_quietly_or_in_one_line(tmp_path):
    import subprocess
    import sys

    command = [sys.executable, "-m", "nnviz", "explain", "--preset", "network"]
    # The reader is gone before the first line is written (`nnviz explain | head -0`): no traceback.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1 and b"Traceback" not in err
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, timeout=60)
    lines = done.stderr.decode().strip().splitlines()
    assert done.returncode == 1 and lines == ["nnviz: error: cannot write the output: No space left on device"]


def test_steps_are_capped_with_one_line(cli):
    result = cli("explain", "--preset", "network", "--steps", "1000000000")
    err = result.err.strip().splitlines()
    assert result.code == 2 and len(err) == 1 and "at most 1,000,000 steps" in err[0]
