"""build_network estimates a network's memory before building it, and refuses what cannot fit."""

from dataclasses import replace

import numpy as np
import pytest

from nnviz.data.toy import xor
from nnviz.engine.memory import MAX_PARAMETERS, network_bytes
from nnviz.training import build
from nnviz.training.build import NetworkTooBig, build_network, build_session, check_memory
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.presets import PRESETS, get_preset

GIB = 1 << 30


@pytest.fixture
def machine(monkeypatch):
    """machine(gib): pretend this machine has `gib` GiB of memory available."""
    def pretend(gib: float) -> None:
        monkeypatch.setattr(build, "available_memory", lambda: int(gib * GIB))
    return pretend


def test_a_network_beyond_the_machine_is_refused_with_what_it_needs(machine):
    machine(23)
    preset = replace(get_preset("mnist-book"), sizes=(784, 100_000_000, 10))
    with pytest.raises(NetworkTooBig, match=r"^the 784-100000000-10 network needs about [\d,]+ TiB of memory; "
                                            r"this machine has 23 GiB available\. Use fewer or smaller layers$"):
        build_network(preset)


def test_evaluation_chunks_count_the_wide_network_that_trained_then_died_evaluating(machine):
    # 784-1,000,000-10 trained one sample at a time, then evaluating 8,192 test images at once
    # needed ~100 GiB: refused before training now.
    machine(23)
    preset = replace(get_preset("mnist-book"), sizes=(784, 1_000_000, 10))
    with pytest.raises(NetworkTooBig, match=r"needs about 1\d\d GiB of memory; this machine has 23 GiB"):
        build_network(preset)


def test_too_big_is_a_value_error_so_every_caller_reports_it(machine):
    machine(0.001)
    with pytest.raises(ValueError, match="the 784-200-10 network needs about"):
        build_network(get_preset("mnist-book"))


def test_refusal_starts_at_eighty_percent_of_the_available_memory():
    sizes, n_test = (784, 3000, 10), 10_000
    needed = network_bytes(sizes, 4, "adam", 64, 8192)
    assert check_memory(sizes, np.float32, "adam", 64, n_test, available=int(needed / 0.8) + 1) == needed
    with pytest.raises(NetworkTooBig, match="or a smaller batch"):
        check_memory(sizes, np.float32, "adam", 64, n_test, available=int(needed / 0.8) - 1)


def test_more_than_the_parameter_cap_is_refused_whatever_the_memory():
    sizes = (784, 70_000, 10)  # 55.65 million parameters
    with pytest.raises(NetworkTooBig, match=r"has 55,650,010 parameters; nnviz builds at most 50,000,000"):
        check_memory(sizes, available=1 << 50)
    assert MAX_PARAMETERS == 50_000_000


def test_unknown_available_memory_still_applies_the_cap(monkeypatch):
    monkeypatch.setattr(build, "available_memory", lambda: None)
    assert check_memory((784, 100, 10)) > 0
    with pytest.raises(NetworkTooBig, match="parameters"):
        check_memory((784, 70_000, 10))


def test_batch_mode_counts_the_whole_training_set():
    preset = get_preset("mnist-book")
    small = check_memory(preset.sizes, batch_size=1, n_test=10_000, available=1 << 50)
    whole = check_memory(preset.sizes, batch_size=60_000, n_test=10_000, available=1 << 50)
    assert whole - small == 59_999 * (2 * 784 + 3 * 210 + 200) * 4


def test_two_input_networks_count_the_decision_surfaces():
    # XOR has four test samples, but the views run 48 x 48 grid points forward through every layer.
    assert check_memory((2, 1000, 1), n_test=4, available=1 << 50) >= 48 * 48 * 3 * 1001 * 4


def test_build_session_measures_the_dataset_it_is_given(machine):
    machine(0.05)  # 51 MiB: 2-200-1 in batch mode fits on XOR's 4 samples, not on 60,000
    preset = replace(get_preset("xor"), sizes=(2, 200, 1),
                     hyperparameters=Hyperparameters(granularity="batch", epochs=1))
    session = build_session(preset, dataset=xor())
    assert session.network.sizes == (2, 200, 1)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_fits_in_a_small_machine(name):
    preset = get_preset(name)
    h = preset.hyperparameters
    batch = {"stochastic": 1, "minibatch": h.batch_size, "batch": 60_000}[h.granularity]
    assert check_memory(preset.sizes, np.float32, h.optimizer, batch, 10_000, available=2 * GIB) < GIB


def test_single_softmax_output_is_refused_where_networks_are_built():
    preset = replace(get_preset("xor"), output="softmax", loss="mse")
    with pytest.raises(ValueError, match="softmax needs at least 2 output neurons; use sigmoid for a single output"):
        build_network(preset)
