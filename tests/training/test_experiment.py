"""Experiment files: every preset round-trips, forged files are refused in one line, and the command
line an experiment is shared as trains the same thing."""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import replace

import pytest

from nnviz.cli.parser import parse_args
from nnviz.cli.train import configure
from nnviz.data.spec import DatasetSpec
from nnviz.training.experiment import (
    MAX_BYTES, ExperimentError, command_line, experiment_dict, load_experiment, preset_from_dict, save_experiment,
)
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.presets import PRESETS, Preset, get_preset


def same_preset(a: Preset, b: Preset) -> bool:
    """Equal in every field, including those dataclass equality skips (fixed weights, own samples)."""
    return a == b and a.initial_parameters == b.initial_parameters and a.samples == b.samples


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_round_trips_through_a_file(tmp_path, name):
    preset = get_preset(name)
    assert same_preset(preset_from_dict(experiment_dict(preset)), preset)
    path = save_experiment(tmp_path / f"{name}.json", preset)
    assert same_preset(load_experiment(path), preset)
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]  # the temporary file was renamed


def test_a_custom_setup_round_trips_with_its_points_weights_and_hyperparameters(tmp_path):
    points = ((0.1, 0.2, 1.0), (-0.5, 0.25, 0.0), (0.75, -0.9, 1.0))
    preset = replace(
        get_preset("circle"), name="my circle", summary="three points of my own",
        dataset="points", spec=DatasetSpec(kind="points", generator="circle", points=points),
        sizes=(2, 3, 2, 1), hidden=("relu", "tanh"),
        initial_parameters=((((0.5, -1.0), (2.0, 0.0), (0.0, 1.5)), (0.1, 0.2, 0.3)),
                            (((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)), (0.0, -1.0)), (((0.25, -0.25),), (0.5,))),
        hyperparameters=Hyperparameters(lr=0.05, granularity="batch", optimizer="momentum", momentum=0.8,
                                        l2=1e-4, epochs=None, seed=42),
        pace=12.5,
    )
    loaded = load_experiment(save_experiment(tmp_path / "mine.json", preset))
    assert same_preset(loaded, preset)
    text = (tmp_path / "mine.json").read_text()
    assert '[0.1, 0.2, 1.0]' in text  # a point a line, readable
    assert json.loads(text)["data"]["kind"] == "points"


def test_saving_replaces_a_file_atomically_and_leaves_it_whole_when_it_fails(tmp_path, monkeypatch):
    path = tmp_path / "exp.json"
    save_experiment(path, get_preset("xor"))
    before = path.read_text()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        save_experiment(path, get_preset("spiral"))
    assert path.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exp.json"]


def _forged(**changes) -> dict:
    d = experiment_dict(get_preset("circle"))
    for dotted, value in changes.items():
        target = d
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return d


@pytest.mark.parametrize("changes, message", [
    ({"format": "something else"}, "not an nnviz experiment"),
    ({"version": 99}, "newer than this nnviz"),
    ({"version": True}, "version must be"),
    ({"name": 5}, "name must be"),
    ({"extra": 1}, "unknown field 'extra'"),
    ({"network__sizes": "2,8,1"}, "network.sizes must be"),
    ({"network__sizes": [2, 10**9, 1]}, "network.sizes"),
    ({"network__sizes": [3, 8, 1]}, "the circle data have 2 inputs"),
    ({"network__hidden": "swish"}, "network.hidden must be one of"),
    ({"network__hidden": ["tanh", "tanh"]}, "2 activations for 1 hidden layers"),
    ({"network__loss": None}, "network.loss"),
    ({"network__targets": [1, 1]}, "two different numbers"),
    ({"network__targets": [0, "1"]}, "finite numbers"),
    ({"network__initial_parameters": [[[[1.0]], [0.0]]]}, "initial_parameters"),
    ({"hyperparameters__lr": "fast"}, "learning rate must be a number"),
    ({"hyperparameters__warp": 9}, "unknown field hyperparameters.'warp'"),
    ({"hyperparameters": []}, "hyperparameters must be an object"),
    ({"data__kind": "hdf5"}, "kind must be one of"),
    ({"data__noise": 7}, "noise"),
    ({"pace": -1}, "pace must be"),
    ({"pace": float("nan")}, "finite"),
    ({"samples": [[[0.0], 1]]}, "samples[0]"),
])
def test_forged_fields_are_refused_in_one_line_naming_them(tmp_path, changes, message):
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(_forged(**changes)))
    with pytest.raises(ExperimentError) as caught:
        load_experiment(path)
    text = str(caught.value)
    assert message in text and str(path) in text and "\n" not in text


def test_files_that_are_not_experiments_are_refused(tmp_path):
    cases = {"empty.json": b"", "text.json": b"hello", "list.json": b"[1, 2]", "latin.json": b"\xff\xfe{",
             "deep.json": b"[" * 100_000 + b"]" * 100_000}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ExperimentError, match=name):
            load_experiment(tmp_path / name)
    with pytest.raises(ExperimentError, match="cannot read"):
        load_experiment(tmp_path / "missing.json")


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(ExperimentError, match="larger than 10 MB"):
        load_experiment(path)


# -- the command line ------------------------------------------------------------------------------

def configured(line: str) -> Preset:
    argv = shlex.split(line)
    assert argv[:2] == ["nnviz", "train"]
    return configure(parse_args(argv[1:]))


def comparable(preset: Preset) -> dict:
    d = experiment_dict(preset)
    for key in ("name", "summary", "pace"):
        d.pop(key)
    return d


@pytest.mark.parametrize("preset", [
    get_preset("xor"),
    get_preset("neuron"),
    get_preset("spiral"),
    replace(get_preset("circle"), spec=DatasetSpec(kind="generated", generator="circle", noise=0.3, seed=7,
                                                   n_samples=500, train_share=0.5)),
    replace(get_preset("circle"), spec=DatasetSpec(kind="generated", generator="spiral"), sizes=(2, 12, 12, 1),
            hidden=("relu", "tanh"), init="he",
            hyperparameters=Hyperparameters(lr=0.003, granularity="minibatch", batch_size=7, optimizer="adam",
                                            l2=0.01, epochs=None, seed=3)),
    replace(get_preset("gender"), name="custom", dataset="csv",
            spec=DatasetSpec(kind="csv", path="my data/houses 1.csv", label_column="price", task="regression",
                             standardise=False, seed=4),
            sizes=(3, 5, 1), output="identity", init="xavier"),
    replace(get_preset("mnist-book"), sizes=(784, 50, 10), hidden="relu",
            hyperparameters=get_preset("mnist-book").hyperparameters.updated(granularity="batch", augment=True)),
], ids=["xor", "neuron", "spiral", "circle-data", "circle-network", "csv", "mnist"])
def test_the_command_line_trains_the_same_setup(preset):
    line = command_line(preset)
    assert comparable(configured(line)) == comparable(preset), line


def test_command_lines_read_as_a_person_would_write_them():
    assert command_line(get_preset("xor")) == "nnviz train --preset xor"
    circle = replace(get_preset("circle"), spec=replace(get_preset("circle").spec, noise=0.3, seed=7))
    assert command_line(circle) == "nnviz train --preset circle --noise 0.3 --data-seed 7"
    csv = replace(get_preset("gender"), name="custom", dataset="csv", spec=DatasetSpec(kind="csv", path="a b.csv"),
                  sizes=(3, 1), output="identity")
    assert command_line(csv).startswith("nnviz train --dataset 'a b.csv' --layers 3,1 --output identity")


def test_what_options_cannot_say_is_shared_as_the_experiment_file():
    points = replace(get_preset("circle"), dataset="points",
                     spec=DatasetSpec(kind="points", generator="circle", points=((0.0, 0.0, 1.0),)))
    assert command_line(points, "/tmp/my exp.json") == "nnviz train --experiment '/tmp/my exp.json'"
    assert command_line(points) == "nnviz train --experiment experiment.json"
    # Fixed weights on a network of other sizes: no preset has them, no option sets them.
    odd = replace(get_preset("network"), name="mine", sizes=(2, 1), initial_parameters=((((1.0, 2.0),), (0.0,)),))
    assert command_line(odd).endswith("--experiment experiment.json")


def test_a_csv_shared_beside_its_experiment_is_found_from_anywhere(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "data.csv").write_text("a,b\n1,2\n")
    preset = replace(get_preset("gender"), name="custom", dataset="csv", spec=DatasetSpec(kind="csv", path="data.csv"),
                     sizes=(1, 1), output="identity")
    path = save_experiment(shared / "exp.json", preset)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_experiment(path).spec.path == str(shared / "data.csv")
    monkeypatch.chdir(shared)
    assert load_experiment(path).spec.path == "data.csv"  # found where the command runs: kept as written
