"""The trainer in its own process: started with spawn, spoken to in messages, never left behind."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace

import numpy as np
import pytest

from nnviz.training import get_preset
from nnviz.training.trainer_client import TrainerClient, TrainerGone


_unread: dict[int, list] = {}


def wait_for(client, predicate, timeout=10.0):
    """The first message (kept from earlier calls or newly received) that satisfies `predicate`;
    the ones before it are dropped. Fails after `timeout` seconds."""
    unread = _unread.setdefault(id(client), [])
    end = time.monotonic() + timeout
    while True:
        while unread:
            message = unread.pop(0)
            if predicate(message):
                return message
        if time.monotonic() > end:
            raise AssertionError("the trainer did not send the expected message in time")
        unread.extend(client.receive())
        time.sleep(0.005)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie is gone for our purposes only once reaped; ours are reaped by join().
    return False


@pytest.fixture
def client():
    c = TrainerClient()
    yield c
    c.stop(0.5)


def test_training_in_the_process_reaches_the_client_with_its_whole_history(client):
    preset = get_preset("xor")
    client.send("rebuild", replace(preset, hyperparameters=preset.hyperparameters.updated(epochs=None)), None)
    wait_for(client, lambda m: m[0] == "session")
    client.send("play")
    time.sleep(0.5)
    client.send("pause")
    wait_for(client, lambda m: m == ("state", "paused"))
    _, snap = wait_for(client, lambda m: m[0] == "snapshot")
    assert snap.step > 100
    history = snap.history
    assert int(history["step"][-1]) == snap.step  # every step's loss arrived, none twice
    assert len(history["epoch"]) == snap.epoch
    running = history["running_accuracy"]  # the running training accuracy came with every step
    assert len(running) == len(history["step"]) and ((running >= 0) & (running <= 1)).all()
    samples, seconds, slowest = client.stats
    assert samples == snap.samples_seen and seconds > 0 and 0 < slowest < seconds


def test_stop_ends_the_process(client):
    pid = client.process.pid
    assert client.stop(1.0)
    assert gone(pid) and not client.alive


def test_a_killed_trainer_is_noticed(client):
    client.send("rebuild", get_preset("xor"), None)
    wait_for(client, lambda m: m[0] == "session")
    os.kill(client.process.pid, signal.SIGKILL)
    with pytest.raises(TrainerGone, match="ended by SIGKILL"):
        wait_for(client, lambda m: False, timeout=5)


def test_a_frozen_trainer_is_terminated_within_a_second(client):
    pid = client.process.pid
    os.kill(pid, signal.SIGSTOP)
    start = time.monotonic()
    assert not client.stop(0.3)
    assert time.monotonic() - start < 1.5
    assert gone(pid)


def test_the_trainer_ignores_ctrl_c_which_is_the_window_s_to_handle(client):
    client.send("rebuild", get_preset("xor"), None)
    wait_for(client, lambda m: m[0] == "session")
    os.kill(client.process.pid, signal.SIGINT)
    client.send("step", "sample")
    _, snap = wait_for(client, lambda m: m[0] == "snapshot" and m[1].step == 1)
    assert client.alive


def test_the_trainer_ends_when_the_window_process_dies(tmp_path):
    script = textwrap.dedent("""
        import os, sys
        from nnviz.training.trainer_client import TrainerClient
        if __name__ == "__main__":
            client = TrainerClient()
            client.send("step", "sample")  # answered even with no session: the process is up
            print(client.process.pid, flush=True)
            sys.stdin.readline()
            os._exit(0)  # no clean-up at all, as if it had crashed
    """)
    path = tmp_path / "window.py"
    path.write_text(script)
    parent = subprocess.Popen([sys.executable, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        parent.stdin.write("\n")
        parent.stdin.flush()
        parent.wait(10)
        end = time.monotonic() + 5
        while time.monotonic() < end and not gone(child):
            time.sleep(0.05)
        assert gone(child), "the trainer outlived the window's process"
    finally:
        parent.kill()
        parent.communicate()


def test_an_epoch_s_evaluation_is_one_object_in_every_snapshot_until_the_next_epoch(client):
    """The evaluation view tells a new epoch's evaluation by identity (and compares it with the one
    before): the trainer sends it once, and every snapshot until the next epoch carries that object."""
    client.send("rebuild", get_preset("xor"), None)  # one sample a step, four an epoch
    wait_for(client, lambda m: m[0] == "session")
    evaluations = {}
    for step in range(1, 10):
        client.send("step", "batch")
        _, snap = wait_for(client, lambda m: m[0] == "snapshot" and m[1].step == step)
        evaluations[step] = snap.evaluation
    assert [evaluations[s] for s in (1, 2, 3)] == [None] * 3
    first, second = evaluations[4], evaluations[8]
    assert first.epoch == 1 and all(evaluations[s] is first for s in (5, 6, 7))
    assert second.epoch == 2 and evaluations[9] is second


def test_the_surface_is_made_at_most_20_times_a_second_while_playing_and_fresh_when_stopped(client):
    from nnviz.engine.network import Network
    from nnviz.training.surface import compute_surface
    from nnviz.training.trainer import SURFACE_HZ

    preset = get_preset("xor")
    client.send("rebuild", replace(preset, hyperparameters=preset.hyperparameters.updated(epochs=None)), None)
    wait_for(client, lambda m: m[0] == "session")
    client.send("play")
    start = time.monotonic()
    surfaces = []  # held, so that no two are ever the same id
    while time.monotonic() - start < 0.6:
        surfaces += [m[1].surface for m in client.receive() if m[0] == "snapshot"]
        time.sleep(0.005)
    client.send("pause")
    wait_for(client, lambda m: m == ("state", "paused"))
    elapsed = time.monotonic() - start
    _, final = wait_for(client, lambda m: m[0] == "snapshot")
    assert all(s is not None for s in surfaces)
    assert len({id(s) for s in surfaces}) <= SURFACE_HZ * elapsed + 2
    # Once training stops, the surface shown is the network's own at the step shown.
    network = Network.from_parameters(final.weights, final.biases, ("tanh",), "sigmoid", "bce")
    expected = compute_surface(network, final.surface.extent, len(final.surface.xs))
    for got, want in zip(final.surface.layers, expected.layers):
        np.testing.assert_allclose(got, want, rtol=1e-12)
