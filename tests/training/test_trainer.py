"""The trainer loop, Qt-free: commands in, messages out, between steps; run in a thread over a pipe."""

import multiprocessing
import threading
import time
from dataclasses import replace

import pytest

from nnviz.data.bundled import bundled_mnist_dir
from nnviz.data.spec import DatasetSpec
from nnviz.engine.model_file import load_model
from nnviz.training import Hyperparameters, get_preset
from nnviz.training.model_metadata import spec_of_model
from nnviz.training.trainer import EPOCH, PAUSED, PLAYING, Trainer
from nnviz.training.wire import receive


class Driver:
    """The window's side of a Trainer running in a thread of this process."""

    def __init__(self):
        self.conn, child = multiprocessing.Pipe()
        self.trainer = Trainer(child)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.seen: list[tuple] = []

    def _serve(self):
        try:
            self.trainer.run()
        except (EOFError, OSError):
            pass

    def send(self, *command):
        self.conn.send(command)

    def expect(self, kind, timeout=10.0, until=lambda payload: True):
        """The payload of the next `kind` message that satisfies `until` (snapshots acknowledged)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self.conn.poll(0.05):
                continue
            message = receive(self.conn)
            self.seen.append(message)
            if message[0] == "snapshot":
                self.send("ack")
            if message[0] == kind and until(message[1:]):
                return message[1:]
        raise AssertionError(f"no {kind!r} message within {timeout} s; saw {[m[0] for m in self.seen[-10:]]}")

    def stop(self):
        self.send("stop")
        self.thread.join(2)
        assert not self.thread.is_alive()


@pytest.fixture
def driver():
    d = Driver()
    yield d
    d.stop()


def forever(name, **changes):
    preset = get_preset(name)
    return replace(preset, hyperparameters=preset.hyperparameters.updated(epochs=None, **changes))


def test_rebuild_announces_the_session_and_a_first_snapshot(driver):
    driver.send("rebuild", get_preset("xor"), None)
    (info,) = driver.expect("session")
    arch = info.architecture
    assert arch.sizes == (2, 10, 1) and info.n_train == 4 and arch.activation_names == ("tanh", "sigmoid") and arch.loss_name == "bce"
    snapshot, steps, epochs, *_ = driver.expect("snapshot")
    assert snapshot.step == 0 and snapshot.history is None and steps.shape == (0, 2) and epochs == []


def test_steps_advance_the_counters_exactly(driver):
    driver.send("rebuild", replace(get_preset("xor"), hyperparameters=Hyperparameters(
        granularity="minibatch", batch_size=3)), None)
    driver.expect("snapshot")
    driver.send("step", "sample")
    snap, steps, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert (snap.samples_seen, snap.epoch, len(steps)) == (1, 0, 1)
    # Each new step travels as its loss and the running training accuracy (one sample: 0 or 1).
    assert steps[0, 0] == snap.last_step.loss and steps[0, 1] in (0.0, 1.0)
    driver.send("step", "batch")
    snap, steps, epochs, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 2)
    assert (snap.samples_seen, snap.epoch) == (4, 1)
    assert len(epochs) == 1 and epochs[0]["epoch"] == 1 and epochs[0]["epoch_end_step"] == 2


def test_a_live_learning_rate_change_reaches_the_next_step(driver):
    driver.send("rebuild", get_preset("xor"), None)
    driver.expect("snapshot")
    driver.send("apply", {"lr": 0.37})
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert snap.hyperparameters.lr == 0.37


@pytest.mark.parametrize("command, text", [
    (("apply", {"batch_size": 0}), "batch size"),
    (("apply", {"lr": float("nan")}), "learning rate"),
    (("speed", -3.0), "speed"),
    (("frames", float("nan")), "frame interval"),
    (("frames", "soon"), "frame interval"),
    (("load", "/nonexistent/model.npz"), "model.npz"),
    (("step", "fortnight"), "fortnight"),
    (("rebuild",), "Internal error"),  # a bug of ours is one line too, and serving goes on
])
def test_bad_commands_are_reported_in_one_line_and_the_trainer_keeps_serving(driver, command, text):
    driver.send("rebuild", get_preset("xor"), None)
    driver.expect("snapshot")
    driver.send(*command)
    (message,) = driver.expect("failed")
    assert text in message and "\n" not in message
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)


def test_divergence_pauses_with_a_message(driver):
    preset = replace(get_preset("gender"), hidden="identity", output="identity",
                     hyperparameters=Hyperparameters(lr=50.0, granularity="batch", epochs=None))
    driver.send("rebuild", preset, None)
    driver.expect("snapshot")
    driver.send("play")
    (message,) = driver.expect("failed")
    assert message.startswith("Diverged: loss became") and "Training paused" in message
    assert driver.seen[-2] == ("state", PAUSED)


def test_pause_is_answered_within_100_ms_and_training_stops(driver):
    driver.send("rebuild", forever("xor"), None)
    driver.expect("snapshot")
    driver.send("play")
    driver.expect("state", until=lambda p: p[0] == PLAYING)
    driver.expect("snapshot", until=lambda p: p[0].step > 100)
    sent = time.monotonic()
    driver.send("pause")
    driver.expect("state", until=lambda p: p[0] == PAUSED)
    assert time.monotonic() - sent < 0.1
    final, *_ = driver.expect("snapshot")
    time.sleep(0.1)
    driver.send("step", "sample")
    after, *_ = driver.expect("snapshot", until=lambda p: p[0].step > 0)
    assert after.step == final.step + 1  # nothing trained while paused


def test_step_epoch_runs_step_by_step_and_pause_cancels_it(driver):
    # 5,000 single samples: long enough to pause in the middle.
    preset = replace(get_preset("mnist-book"), hyperparameters=get_preset("mnist-book").hyperparameters.updated(epochs=None))
    driver.send("rebuild", preset, str(bundled_mnist_dir()))
    (info,) = driver.expect("session", timeout=20)
    assert info.n_train == 5000 and len(info.dataset.x_train) == 0  # no training images for the window
    driver.expect("snapshot")
    driver.send("step", "epoch")
    driver.expect("state", until=lambda p: p[0] == EPOCH)
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step > 200)
    assert 0 < snap.epoch_progress < 1 and snap.epoch == 0
    sent = time.monotonic()
    driver.send("pause")
    driver.expect("state", until=lambda p: p[0] == PAUSED)
    assert time.monotonic() - sent < 0.1
    last, *_ = driver.expect("snapshot")
    assert last.epoch == 0 and last.step < 5000


def test_step_epoch_stops_at_the_end_of_the_epoch(driver):
    driver.send("rebuild", get_preset("gender"), None)
    driver.expect("snapshot")
    driver.send("step", "epoch")
    driver.expect("state", until=lambda p: p[0] == EPOCH)
    driver.expect("state", until=lambda p: p[0] == PAUSED)
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].epoch == 1)
    assert snap.step == 4 and snap.samples_seen == 4


def test_play_runs_to_the_configured_epochs_and_says_finished(driver):
    driver.send("rebuild", get_preset("xor"), None)
    driver.expect("snapshot")
    driver.send("play")
    epochs, accuracy = driver.expect("finished", timeout=30)
    assert (epochs, accuracy) == (500, 1.0)
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].finished)
    assert snap.epoch == 500


def test_snapshots_wait_for_the_client_and_the_history_is_never_lost(driver):
    """No acknowledgement, no new snapshot: the trainer goes on training and sends the steps later."""
    driver.send("rebuild", forever("xor"), None)
    driver.expect("snapshot")
    driver.send("play")
    time.sleep(0.3)
    waiting = []
    while driver.conn.poll(0.05):
        waiting.append(receive(driver.conn))
    assert sum(m[0] == "snapshot" for m in waiting) <= 2  # the credits, then nothing until acked
    driver.send("pause")
    sent = [len(m[2]) for m in waiting if m[0] == "snapshot"]
    for m in waiting:
        if m[0] == "snapshot":
            driver.send("ack")
    final, rest, *_ = driver.expect("snapshot", until=lambda p: p[0].step > 0 and len(p[1]) > 0)
    # every step's loss arrived exactly once, in one message or another
    assert sum(sent) + len(rest) == final.step


def test_a_loaded_model_beyond_what_the_window_draws_is_refused(driver, tmp_path):
    from nnviz.engine.model_file import save_model
    from nnviz.engine.network import Network

    driver.send("rebuild", get_preset("xor"), None)
    driver.expect("snapshot")
    for sizes, text in (([2] + [3] * 20 + [1], "20 hidden layers"), ([2, 5000, 1], "5,000 neurons")):
        path = tmp_path / f"{len(sizes)}.npz"
        save_model(path, Network(sizes, hidden="tanh", output="sigmoid", loss="bce", seed=0))
        driver.send("load", str(path))
        (message,) = driver.expect("failed")
        assert text in message and "\n" not in message
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert snap.sizes == (2, 10, 1)  # the network in training is untouched


def test_play_with_nothing_to_train_says_so_and_stays_paused(driver):
    driver.send("play")
    assert driver.expect("state") == (PAUSED,)
    (message,) = driver.expect("failed")
    assert "Nothing to train" in message


def test_a_saved_and_loaded_model_says_where_it_came_from_and_after_which_step(driver, tmp_path):
    path = tmp_path / "xor-model.npz"
    driver.send("rebuild", get_preset("xor"), None)
    first, *_ = driver.expect("snapshot")
    assert first.origin is None  # initialised here
    for _ in range(7):
        driver.send("step", "sample")
    driver.expect("snapshot", until=lambda p: p[0].step == 7)
    driver.send("save", str(path), {"preset": "xor"})
    driver.expect("message", until=lambda p: "Saved" in p[0])
    driver.send("load", str(path))
    driver.expect("session")
    loaded, *_ = driver.expect("snapshot")
    assert loaded.step == 0 and loaded.origin.model_name == "xor-model.npz" and loaded.origin.saved_step == 7
    driver.send("step", "sample")
    later, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert later.origin == loaded.origin
    # Saved again, it counts the steps taken before it was loaded.
    driver.send("save", str(path), {})
    driver.expect("message", until=lambda p: "Saved" in p[0])
    assert load_model(path).metadata["training"]["steps"] == 8
    assert spec_of_model(load_model(path)) == DatasetSpec(kind="xor")  # `nnviz eval` finds its data again


def test_inspect_sends_the_neurons_worked_example_at_once_and_with_every_step(driver):
    driver.send("rebuild", get_preset("neuron"), None)
    driver.expect("snapshot")
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert snap.inspection is None  # nothing inspected yet
    driver.send("inspect", (1, 0))
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].inspection is not None)
    assert snap.step == 1 and snap.inspection.forward.z == pytest.approx(7.0, abs=1e-6)
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 2)
    assert snap.inspection.step == 2 and snap.inspection.update.bias.after == pytest.approx(float(snap.biases[0][0]))
    driver.send("inspect", None)
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].inspection is None)
    assert snap.step == 2


def test_the_inspected_neuron_survives_a_rebuild_only_where_it_exists(driver):
    driver.send("rebuild", get_preset("xor"), None)
    driver.expect("snapshot")
    driver.send("inspect", (1, 7))
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert (snap.inspection.layer, snap.inspection.index) == (1, 7)
    driver.send("rebuild", get_preset("gender"), None)  # 2-2-1: hidden 1 has no eighth neuron
    driver.expect("session")
    driver.send("step", "sample")
    snap, *_ = driver.expect("snapshot", until=lambda p: p[0].step == 1)
    assert snap.inspection is None


def test_streamed_snapshots_keep_the_pace_the_window_asks_for(driver):
    """`frames(s)`: while training plays, snapshots come about s apart (here 0.1 s: ~10 a second, not
    the 60 the trainer sends at most), and the steps between them arrive with them."""
    driver.send("rebuild", forever("xor"), None)
    driver.expect("snapshot")
    driver.send("frames", 0.1)
    driver.send("speed", None)
    driver.send("play")
    driver.expect("snapshot", until=lambda p: p[0].step > 0)
    snapshots, start = [], time.monotonic()
    while time.monotonic() - start < 1.5:
        if driver.conn.poll(0.01):
            message = receive(driver.conn)
            if message[0] == "snapshot":
                driver.send("ack")  # taken at once, as a window drawing every snapshot would
                snapshots.append(message)
    assert 8 <= len(snapshots) <= 18  # 15 at the pace asked for
    assert all(len(steps) > 1 for _, _, steps, *_ in snapshots)  # steps train on between them


def test_full_speed_after_a_fast_pace_streams_at_once(driver):
    """Paced play makes a snapshot for every step; that must not delay the snapshots of full speed."""
    driver.send("rebuild", forever("xor"), None)
    driver.expect("snapshot")
    driver.send("speed", 300.0)
    driver.send("play")
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        driver.expect("snapshot")  # each acknowledged, as the window does
    driver.send("speed", None)
    arrived, start = 0, time.monotonic()
    while time.monotonic() - start < 0.5:
        if driver.conn.poll(0.01):
            message = receive(driver.conn)
            if message[0] == "snapshot":
                driver.send("ack")
                arrived += 1
    assert arrived >= 10  # ~30 in half a second at 60 a second


def test_saving_under_a_file_says_the_file_is_not_a_folder(driver, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    driver.send("rebuild", get_preset("xor"), None)
    driver.expect("snapshot")
    driver.send("save", str(tmp_path / "notes.txt" / "model.npz"), {})
    (message,) = driver.expect("failed")
    assert message.endswith(f"{tmp_path / 'notes.txt'} is a file, not a folder")  # not mkdir's "File exists"
    assert "\n" not in message
