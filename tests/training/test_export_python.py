"""Export as Python: the standalone script trains exactly as the app does (its per-step losses equal a
TrainingSession's to 1e-6), needs only NumPy, and carries only the code its preset uses."""

import ast
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from nnviz.data.spec import DatasetSpec
from nnviz.training import Hyperparameters, build_session, get_preset
from nnviz.training.export_python import python_script, write_script
from nnviz.training.presets import Preset

NUMPY_ONLY = {"argparse", "base64", "csv", "gzip", "math", "numpy", "os", "struct"}


def run_script(source: str, folder, *args: str) -> str:
    """Run the exported script in a fresh interpreter, from `folder`; its stdout."""
    path = folder / "exported.py"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run([sys.executable, str(path), *map(str, args)], cwd=folder, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def script_losses(source: str, folder, steps: int, *args: str) -> list[float]:
    out = run_script(source, folder, "--steps", str(steps), *args)
    return [float(v) for v in re.findall(r"^step \d+: loss (\S+)$", out, re.M)]


def app_losses(preset: Preset, steps: int, data_dir=None) -> list[float]:
    session = build_session(preset, data_dir=data_dir)
    return [session.step().loss for _ in range(steps)]


def assert_same_losses(preset: Preset, folder, steps: int, *args: str, data_dir=None) -> None:
    got = script_losses(python_script(preset), folder, steps, *args)
    want = app_losses(preset, steps, data_dir)
    assert len(got) == steps
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)


def with_training(name: str, **changes) -> Preset:
    preset = get_preset(name)
    return replace(preset, hyperparameters=preset.hyperparameters.updated(**changes))


# -- the losses are the app's ----------------------------------------------------------------------

@pytest.mark.parametrize("name, steps", [
    ("gender", 40), ("xor", 40), ("neuron", 20), ("alice", 20),  # the curriculum's, several epochs
    ("circle", 200), ("spiral", 200), ("plane", 160), ("sin", 160),  # generated, past an epoch
])
def test_the_exported_script_reproduces_the_apps_losses_step_by_step(tmp_path, name, steps):
    assert_same_losses(get_preset(name), tmp_path, steps)


@pytest.mark.parametrize("preset", [
    # Mini-batches of 3 on 4 samples (a short last batch), momentum, weight decay.
    with_training("xor", granularity="minibatch", batch_size=3, optimizer="momentum", momentum=0.8, l2=1e-3),
    # Adam on the whole set at once, with no epoch limit.
    with_training("circle", granularity="batch", optimizer="adam", lr=0.01, epochs=None),
    # ReLU into a softmax with cross-entropy (fused), Adam on mini-batches.
    replace(with_training("gaussians", granularity="minibatch", batch_size=16, optimizer="adam", lr=0.01),
            sizes=(2, 6, 2), hidden="relu", output="softmax", loss="ce", init="he"),
    # Losses that do not cancel against their output: cross-entropy on sigmoids, BCE on softmax.
    replace(get_preset("xor-cloud"), sizes=(2, 5, 2), output="sigmoid", loss="ce"),
    replace(get_preset("xor-cloud"), sizes=(2, 5, 2), output="softmax", loss="bce"),
    # Squared error through softmax, leaky ReLU and identity hidden layers, a tanh output.
    replace(get_preset("gender"), sizes=(2, 4, 3, 2), hidden=("leaky_relu", "identity"), output="softmax"),
    replace(get_preset("bump"), output="tanh"),
], ids=["minibatch-momentum-l2", "batch-adam", "relu-softmax-ce", "sigmoid-ce", "softmax-bce",
        "mixed-hidden-softmax-mse", "tanh-output"])
def test_every_optimiser_activation_and_loss_path_matches_the_app(tmp_path, preset):
    assert_same_losses(preset, tmp_path, 60)


def test_hand_placed_points_are_written_into_the_script(tmp_path):
    points = tuple((float(np.cos(a)), float(np.sin(a)), float(a > 3)) for a in np.linspace(0, 6, 25))
    preset = replace(get_preset("circle"), dataset="points",
                     spec=DatasetSpec(kind="points", generator="circle", points=points))
    source = python_script(preset)
    assert "X_TEST, LABELS_TEST = X_TRAIN, LABELS_TRAIN" in source  # all points train and test
    assert_same_losses(preset, tmp_path, 60)


def csv_preset(path, sizes, output, loss, **spec) -> Preset:
    return Preset(
        name="my-data", summary="", dataset="csv", sizes=sizes, hidden="tanh", output=output, loss=loss,
        init="xavier", spec=DatasetSpec(kind="csv", path=str(path), seed=2, **spec),
        hyperparameters=Hyperparameters(lr=0.05, granularity="minibatch", batch_size=8, optimizer="momentum",
                                        epochs=10, seed=5),
    )


@pytest.fixture
def csv_files(tmp_path):
    """Three CSV files: text classes; a regression target first, semicolons and decimal commas;
    whole-number classes."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(60, 3)) * [1.0, 10.0, 100.0] + [0.0, 50.0, 1000.0]
    species = np.array(["setosa", "versicolor", "virginica"])[(x[:, 0] > 0).astype(int) + (x[:, 2] > 1000)]
    flowers = ["petal,sepal,stem,species"] + [f"{a:.4f},{b:.3f},{c:.2f},{s}" for (a, b, c), s in zip(x, species)]
    price = x[:, 0] * 3 + x[:, 1] * 0.1 + rng.normal(size=len(x))
    prices = ["price;area;rooms;age"] + [f"{p:.3f};{a:.4f};{b:.3f};{c:.2f}".replace(".", ",")
                                         for p, (a, b, c) in zip(price, x)]
    labels = ["a,b,label", ""] + [f"{a:.3f},{b:.3f},{int(a > 0)}" for a, b, _ in x]  # a blank row too
    files = {}
    for name, lines in (("flowers", flowers), ("prices", prices), ("labels", labels)):
        files[name] = tmp_path / f"{name}.csv"
        files[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files


@pytest.mark.parametrize("case", ["text classes", "regression, decimal commas", "number classes", "raw"])
def test_a_csv_is_read_from_its_path_and_standardised_as_the_app_did(tmp_path, csv_files, case):
    preset = {
        "text classes": csv_preset(csv_files["flowers"], (3, 6, 3), "softmax", "ce"),
        "regression, decimal commas": csv_preset(csv_files["prices"], (3, 6, 1), "identity", "mse",
                                                 label_column="price"),
        "number classes": csv_preset(csv_files["labels"], (2, 4, 1), "sigmoid", "bce", train_share=0.5),
        "raw": csv_preset(csv_files["flowers"], (3, 6, 3), "sigmoid", "mse", standardise=False),
    }[case]
    source = python_script(preset)
    assert f"CSV_PATH = {str(preset.spec.path)!r}" in source
    assert ("FEATURE_MEAN" in source) == preset.spec.standardise
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert_same_losses(preset, folder, 30)


def test_mnist_book_reads_the_idx_files_from_the_folder_given(tmp_path, mnist_data_dir):
    preset = get_preset("mnist-book")
    assert_same_losses(preset, tmp_path, 5, "--data", mnist_data_dir, data_dir=mnist_data_dir)


def test_mnist_fast_distorts_its_batches_as_the_app_does(tmp_path, mnist_data_dir):
    preset = get_preset("mnist-fast")
    source = python_script(preset)
    assert "def augment(" in source and "distorts about half of the images" in source
    got = script_losses(source, tmp_path, 3, "--data", mnist_data_dir)
    np.testing.assert_allclose(got, app_losses(preset, 3, mnist_data_dir), rtol=0, atol=1e-6)


def test_mnist_missing_is_one_clear_line(tmp_path):
    path = tmp_path / "exported.py"
    path.write_text(python_script(get_preset("mnist-book")), encoding="utf-8")
    done = subprocess.run([sys.executable, str(path), "--data", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"MNIST is not in {tmp_path} (missing train-images-idx3-ubyte")
    assert len(done.stderr.strip().splitlines()) == 1


def test_current_weights_start_the_script_where_the_app_is(tmp_path):
    preset = get_preset("xor")
    session = build_session(preset)
    for _ in range(37):
        session.step()
    weights, biases = session.network.weights, session.network.biases
    source = python_script(preset, weights, biases, trained_steps=37)
    assert re.search(r"weights the network had in nnviz\s+after\s+37\s+training\s+steps", source)
    # The script goes on from those weights with the epochs' shuffle from its start.
    from_there = replace(preset, initial_parameters=tuple(zip([W.tolist() for W in weights],
                                                              [b.tolist() for b in biases])))
    np.testing.assert_allclose(script_losses(source, tmp_path, 30), app_losses(from_there, 30), rtol=0, atol=1e-6)


# -- what a full run prints ------------------------------------------------------------------------

def test_a_full_run_prints_each_epochs_loss_and_the_test_results(tmp_path):
    session = build_session(with_training("xor", epochs=3))
    for _ in session.steps():
        pass
    out = run_script(python_script(get_preset("xor")), tmp_path, "--epochs", "3")
    last = re.search(r"^epoch 3: train loss (\S+), test loss (\S+), test accuracy (\S+) %$", out, re.M)
    history = session.history.view()
    assert float(last[1]) == pytest.approx(history["train_loss"][-1], abs=1e-6)
    assert float(last[2]) == pytest.approx(history["test_loss"][-1], abs=1e-6)
    assert float(last[3]) == pytest.approx(100 * history["test_accuracy"][-1], abs=0.01)


def test_a_regression_run_prints_r2_and_rmse(tmp_path):
    session = build_session(with_training("sin", epochs=2))
    for _ in session.steps():
        pass
    out = run_script(python_script(get_preset("sin")), tmp_path, "--epochs", "2")
    last = re.search(r"^epoch 2: .* test R² (\S+), RMSE (\S+)$", out, re.M)
    test = session.evaluate_test()
    assert float(last[1]) == pytest.approx(test.r2, abs=1e-4)
    assert float(last[2]) == pytest.approx(test.rmse, rel=1e-3)


def test_gender_ends_with_what_it_makes_of_emily_and_frank(tmp_path):
    out = run_script(python_script(get_preset("gender")), tmp_path)
    assert re.search(r"^Emily \[-7.0, -3.0\]: female \(output \[0\.9\d+\]\)$", out, re.M)
    assert re.search(r"^Frank \[20.0, 2.0\]: male ", out, re.M)
    assert len(re.findall(r"^epoch ", out, re.M)) == 20  # every 50th of its 1000 epochs


# -- readable, NumPy only --------------------------------------------------------------------------

def imports(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module.split(".")[0])
    return names


def test_a_sigmoid_mse_sgd_network_gets_a_short_script_of_what_it_uses():
    source = python_script(get_preset("gender"))
    assert imports(source) == {"argparse", "math", "numpy"}
    tree = ast.parse(source)
    network = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Network")
    methods = {node.name for node in network.body if isinstance(node, ast.FunctionDef)}
    assert {"forward", "backward", "train"} <= methods
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert functions == {"sigmoid", "sigmoid_backward", "loss", "loss_gradient", "encode", "load_data", "main"}
    lowered = source.lower()
    for unused in ("adam", "momentum", "softmax", "relu", "tanh", "base64", "augment", "csv"):
        assert unused not in lowered
    assert "L2" not in source
    assert len(source.splitlines()) < 220
    assert max(len(line) for line in source.splitlines()) <= 99


@pytest.mark.parametrize("name", ["xor", "circle", "bump", "mnist-book", "mnist-fast"])
def test_every_script_needs_only_numpy_and_keeps_its_lines_short(name):
    source = python_script(get_preset(name))
    assert imports(source) <= NUMPY_ONLY
    assert max(len(line) for line in source.splitlines()) <= 99


def test_a_big_network_keeps_its_numbers_at_the_end_as_base64():
    source = python_script(get_preset("mnist-book"))
    code, numbers = source.split("# -- The numbers nnviz wrote out", 1)
    assert "unpack(" in numbers and '"""\n' in numbers  # 157,010 float32s, packed
    assert len(code.splitlines()) < 300  # the code a student reads comes first, whole
    small = python_script(get_preset("xor"))
    assert "unpack(" not in small and "[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]" in small


# -- refusals and files ----------------------------------------------------------------------------

def test_weights_that_do_not_fit_or_diverged_are_refused():
    preset = get_preset("xor")
    network = build_session(preset).network
    with pytest.raises(ValueError, match="shapes"):
        python_script(preset, network.weights[::-1], network.biases)
    broken = [W.copy() for W in network.weights]
    broken[0][0, 0] = np.nan
    with pytest.raises(ValueError, match="not all finite"):
        python_script(preset, broken, network.biases)


def test_write_script_replaces_the_file_whole_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "xor.py"
    target.write_text("old")
    write_script(target, "new script\n")
    assert target.read_text() == "new script\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xor.py"]
    with pytest.raises(OSError):
        write_script(tmp_path / "missing" / "xor.py", "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xor.py"]
