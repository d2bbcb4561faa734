"""The trainer in its own process: started with spawn, spoken to in messages, never left behind."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace

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
