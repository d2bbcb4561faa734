"""Memory estimates of networks, and how much memory this machine has (no Qt, no big allocations)."""

import sys
from pathlib import Path

import numpy as np
import pytest

from nnviz.engine import memory
from nnviz.engine.memory import available_memory, format_bytes, network_bytes, parameter_count


def test_parameter_count_is_weights_and_biases():
    assert parameter_count([784, 200, 10]) == 784 * 200 + 200 + 200 * 10 + 10
    assert parameter_count([2, 1]) == 3


def test_forward_only_network_counts_its_parameters_and_one_batch():
    sizes, rows = [784, 100, 10], 8192
    assert network_bytes(sizes, 4) == parameter_count(sizes) * 4
    assert network_bytes(sizes, 4, forward_rows=rows) == (parameter_count(sizes) + rows * (784 + 3 * 110)) * 4


def test_training_adds_gradients_snapshots_optimiser_state_and_the_batch():
    sizes = [784, 100, 10]
    p = parameter_count(sizes)
    sgd, momentum, adam = (network_bytes(sizes, 8, name) for name in ("sgd", "momentum", "adam"))
    assert (momentum - sgd, adam - sgd) == (p * 8, 2 * p * 8)  # velocities; first and second moments
    assert sgd == 6 * p * 8
    assert network_bytes(sizes, 8, "sgd", train_rows=64) - sgd == 64 * (2 * 784 + 3 * 110 + 100) * 8


def test_the_widest_layer_dominates_the_evaluation_of_a_wide_network():
    # 784-1,000,000-10 evaluated in chunks of 8192: z, z + b and f(z) of the hidden layer, 3 x 8192 x 1e6
    assert network_bytes([784, 1_000_000, 10], 4, "sgd", 1, 8192) > 3 * 8192 * 1_000_000 * 4


@pytest.mark.parametrize("n, text", [
    (0, "0 bytes"), (1023, "1023 bytes"), (1536, "1.5 KiB"), (200 << 20, "200 MiB"),
    (584 << 30, "584 GiB"), (11 << 40, "11 TiB"), (5000 << 40, "5,000 TiB"),
])
def test_format_bytes(n, text):
    assert format_bytes(n) == text


def test_available_memory_is_a_plausible_number_of_bytes():
    available = available_memory()
    if sys.platform.startswith("linux"):
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        total = int(next(line for line in meminfo if line.startswith("MemTotal:")).split()[1]) * 1024
        assert 0 < available <= total
    else:
        assert available is None or available > 0


def test_available_memory_falls_back_to_sysconf_without_proc(monkeypatch):
    monkeypatch.setattr(memory, "_meminfo_available", lambda: None)
    monkeypatch.setattr(memory, "_cgroup_room", lambda: None)
    monkeypatch.setattr(memory.os, "sysconf", lambda name: {"SC_AVPHYS_PAGES": 1000, "SC_PAGE_SIZE": 4096}[name])
    assert available_memory() == 4096 * 1000


def test_a_container_limit_lowers_the_available_memory(monkeypatch):
    monkeypatch.setattr(memory.sys, "platform", "linux")
    monkeypatch.setattr(memory, "_meminfo_available", lambda: 64 << 30)
    monkeypatch.setattr(memory, "_cgroup_room", lambda: 2 << 30)
    assert available_memory() == 2 << 30


def test_estimates_use_python_integers_that_do_not_overflow():
    sizes = np.array([10**9, 10**9, 10**9])  # int64 elements; their products would wrap around
    assert network_bytes(sizes, 4, "adam") == 8 * parameter_count([10**9] * 3) * 4 > 2**63
