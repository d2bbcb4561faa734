"""`nnviz export --format python`: a preset, an experiment or a saved model as a standalone script,
written atomically to -o or to stdout; mistakes are one line and exit code 2."""

import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from nnviz.engine.model_file import load_model
from nnviz.training import build_session, get_preset
from nnviz.training.experiment import save_experiment
from nnviz.training.export_python import python_script
from nnviz.training.session import TrainingSession


def step_losses(script_path, steps: int, *args) -> list[float]:
    done = subprocess.run([sys.executable, str(script_path), "--steps", str(steps), *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=script_path.parent)
    assert done.returncode == 0, done.stderr
    return [float(v) for v in re.findall(r"^step \d+: loss (\S+)$", done.stdout, re.M)]


def test_export_a_preset_to_a_file_that_trains_like_the_app(cli, tmp_path):
    target = tmp_path / "xor.py"
    result = cli("export", "--format", "python", "--preset", "xor", "-o", target)
    assert result.code == 0, result.err
    assert result.out == f"wrote {target}: run it with `python {target}` (only NumPy needed)\n"
    assert target.read_text(encoding="utf-8") == python_script(get_preset("xor"), file_name="xor.py")
    session = build_session(get_preset("xor"))
    np.testing.assert_allclose(step_losses(target, 10), [session.step().loss for _ in range(10)], atol=1e-6)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xor.py"]  # no temporary file left


def test_without_o_the_script_goes_to_stdout(cli):
    result = cli("export", "--preset", "gender")  # --format python is the default
    assert result.code == 0 and result.err == ""
    assert result.out == python_script(get_preset("gender"))
    compile(result.out, "gender.py", "exec")


def test_export_replaces_an_existing_file(cli, tmp_path):
    target = tmp_path / "script.py"
    target.write_text("print('old')\n")
    assert cli("export", "--preset", "neuron", "-o", target).code == 0
    assert "class Network" in target.read_text()


def test_export_an_experiment(cli, tmp_path):
    preset = replace(get_preset("circle"), hyperparameters=get_preset("circle").hyperparameters.updated(
        lr=0.05, seed=4, optimizer="momentum"))
    experiment = tmp_path / "circle.json"
    save_experiment(experiment, preset)
    result = cli("export", "--experiment", experiment)
    assert result.code == 0, result.err
    assert result.out == python_script(preset)
    assert "MOMENTUM = 0.9" in result.out and "SEED = 4" in result.out


def test_export_a_saved_model_with_its_trained_weights_or_its_initial_ones(cli, tmp_path):
    model_path = tmp_path / "gender.npz"
    assert cli("train", "--preset", "gender", "--epochs", "3", "--save", model_path).code == 0
    trained, initial = tmp_path / "trained.py", tmp_path / "initial.py"
    assert cli("export", "--model", model_path, "-o", trained).code == 0
    assert cli("export", "--model", model_path, "--initial", "-o", initial).code == 0
    assert re.search(r"after\s+12\s+training\s+steps", trained.read_text())  # 3 epochs of 4 samples

    model = load_model(model_path)
    preset = get_preset("gender")
    from_model = TrainingSession(model.network, build_session(preset).dataset,
                                 preset.hyperparameters.updated(epochs=3), preset.targets)
    np.testing.assert_allclose(step_losses(trained, 8), [from_model.step().loss for _ in range(8)], atol=1e-6)
    fresh = build_session(preset)
    np.testing.assert_allclose(step_losses(initial, 8), [fresh.step().loss for _ in range(8)], atol=1e-6)


def test_a_trained_mnist_model_exports_with_its_weights_packed(cli, tmp_path, digit_model, mnist_dir):
    target = tmp_path / "digits.py"
    assert cli("export", "--model", digit_model, "-o", target).code == 0
    text = target.read_text()
    assert "unpack(" in text and "def read_idx(" in text
    model = load_model(digit_model)
    preset = get_preset("mnist-book")
    session = TrainingSession(model.network, build_session(preset, data_dir=mnist_dir).dataset,
                              preset.hyperparameters, preset.targets)
    np.testing.assert_allclose(step_losses(target, 3, "--data", mnist_dir), [session.step().loss for _ in range(3)],
                               atol=1e-6)


@pytest.mark.parametrize("argv, message", [
    ((), "one of the arguments --preset --experiment --model is required"),
    (("--preset", "xor", "--model", "m.npz"), "not allowed with argument"),
    (("--preset", "xor", "--initial"), "--initial goes with --model"),
    (("--preset", "xor", "--format", "java"), "invalid choice: 'java'"),
    (("--preset", "nope"), "invalid choice: 'nope'"),
    (("--experiment", "missing.json"), "cannot read the experiment missing.json"),
    (("--model", "missing.npz"), "missing.npz: no such model file"),
])
def test_mistakes_are_one_line_and_exit_code_2(cli, argv, message):
    result = cli("export", *argv)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert result.err.startswith("nnviz: error: ") and message in result.err


def test_an_output_that_cannot_be_written_is_one_line(cli, tmp_path):
    result = cli("export", "--preset", "xor", "-o", tmp_path / "no" / "such" / "folder" / "xor.py")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"nnviz: error: cannot write in {tmp_path / 'no' / 'such' / 'folder'}: No such file or directory\n"
    result = cli("export", "--preset", "xor", "-o", tmp_path)
    assert result.code == 2 and "is a folder" in result.err


def test_a_bad_experiment_file_is_one_line(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"sizes": "big"}')
    result = cli("export", "--experiment", bad)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"nnviz: error: {bad}") and len(result.err.strip().splitlines()) == 1


def test_a_model_that_does_not_say_its_data_is_refused(cli, tmp_path):
    from nnviz.engine.model_file import save_model

    path = tmp_path / "anonymous.npz"
    save_model(path, build_session(get_preset("xor")).network)  # no metadata at all
    result = cli("export", "--model", path)
    assert result.code == 2
    assert "does not say how to load the data it was trained on" in result.err
