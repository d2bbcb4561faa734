"""The 2-D generator presets: each trains to >= 95 % test accuracy (regression: R² >= 0.95) within its
own epochs, from its own data seed and weight seed, in a second or so."""

from __future__ import annotations

import pytest

from nnviz.data.generators import GENERATORS
from nnviz.data.spec import DatasetSpec
from nnviz.training.build import build_session
from nnviz.training.presets import PRESETS, describe, get_preset, layer_limit, preset_spec

GENERATED = ("circle", "gaussians", "xor-cloud", "spiral", "plane", "bump", "sin")


@pytest.mark.parametrize("name", GENERATED)
def test_generator_preset_converges_within_its_epochs(name):
    preset = get_preset(name)
    session = build_session(preset)
    list(session.steps())
    evaluation = session.last_evaluation
    assert session.epoch == preset.hyperparameters.epochs
    if GENERATORS[name].is_regression:
        assert evaluation.r2 >= 0.95 and evaluation.rmse < 0.2
    else:
        assert evaluation.accuracy >= 0.95 and evaluation.r2 is None


def test_every_generator_has_a_preset_that_names_its_data():
    assert set(GENERATORS) == set(GENERATED)
    for name in GENERATED:
        preset = PRESETS[name]
        spec = preset_spec(preset)
        assert preset.dataset == "generated" and spec.generator == name
        assert preset.sizes[0] == GENERATORS[name].n_features
        assert preset.pace is not None and 1 <= preset.pace <= 200  # watched, not rushed
        regression = GENERATORS[name].is_regression
        assert (preset.output, preset.loss) == (("identity", "mse") if regression else ("sigmoid", "bce"))


def test_named_data_presets_get_the_spec_of_their_kind():
    assert preset_spec(get_preset("xor")) == DatasetSpec(kind="xor")
    assert preset_spec(get_preset("mnist-fast")) == DatasetSpec(kind="mnist")


def test_descriptions_of_the_new_presets_read_as_sentences():
    assert describe(get_preset("sin")) == (
        "1-8-1, tanh hidden, identity output, mean squared error; Adam at learning rate 0.01, batches of 10")
    assert describe(get_preset("circle")).startswith("2-8-1, tanh hidden, sigmoid output, binary cross-entropy")


def test_only_mnist_allows_wide_layers():
    assert layer_limit("mnist") == 1024
    assert {layer_limit(kind) for kind in ("xor", "gender", "generated", "csv", "points")} == {64}


def test_data_names_say_which_set_a_preset_trains_on():
    from dataclasses import replace

    from nnviz.training.presets import data_name

    assert [data_name(get_preset(n)) for n in ("xor", "spiral", "mnist-fast")] == ["xor", "spiral", "mnist"]
    csv = replace(get_preset("xor"), dataset="csv", spec=DatasetSpec(kind="csv", path="some/dir/houses.csv"))
    assert data_name(csv) == "houses.csv"
