"""The trainer's `data` command: the same network goes on training on new data (Qt-free, a thread over a
pipe, as the window's trainer process runs)."""

import multiprocessing
import threading
import time
from dataclasses import replace

import numpy as np
import pytest

from nnviz.data import DatasetSpec, load_spec
from nnviz.training import get_preset
from nnviz.training.trainer import Trainer
from nnviz.training.wire import receive

CIRCLE = DatasetSpec(kind="generated", generator="circle", seed=3)


class Driver:
    def __init__(self):
        self.conn, child = multiprocessing.Pipe()
        self.trainer = Trainer(child)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.seen: list[str] = []

    def _serve(self):
        try:
            self.trainer.run()
        except (EOFError, OSError):
            pass

    def send(self, *command):
        self.conn.send(command)

    def expect(self, kind, timeout=10.0, until=lambda payload: True):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self.conn.poll(0.05):
                continue
            message = receive(self.conn)
            self.seen.append(message[0])
            if message[0] == "snapshot":
                self.send("ack")
            if message[0] == kind and until(message[1:]):
                return message[1:]
        raise AssertionError(f"no {kind!r} message within {timeout} s; saw {self.seen[-10:]}")

    def stop(self):
        self.send("stop")
        self.thread.join(2)


@pytest.fixture
def driver():
    d = Driver()
    d.send("rebuild", get_preset("xor"), None)
    d.expect("session")
    d.expect("snapshot")
    yield d
    d.stop()


def stepped(driver, n):
    for _ in range(n):
        driver.send("step", "batch")
    return driver.expect("snapshot", until=lambda p: p[0].step == n)[0]


def test_new_data_keeps_the_network_and_its_step_and_announces_the_data(driver):
    before = stepped(driver, 3)
    driver.send("data", CIRCLE)
    (info,) = driver.expect("data")
    assert info.dataset.name == "circle" and info.n_train == 140
    np.testing.assert_array_equal(info.dataset.x_train, load_spec(CIRCLE).x_train)
    assert info.preset.spec == CIRCLE and info.preset.dataset == "generated" and info.preset.name == "xor"
    assert info.architecture.sizes == (2, 10, 1)
    after = driver.expect("snapshot")[0]
    assert after.step == 3
    for w_before, w_after in zip(before.weights, after.weights):
        np.testing.assert_array_equal(w_before, w_after)  # the same network, not a new one
    driver.send("step", "batch")
    assert driver.expect("snapshot", until=lambda p: p[0].step == 4)[0].samples_seen == 4
    assert "session" not in driver.seen[driver.seen.index("data"):]  # no new session: the run goes on


def test_points_edited_on_the_plane_keep_the_plane_where_it_was(driver):
    driver.send("data", CIRCLE)
    driver.expect("data")
    extent = driver.expect("snapshot")[0].surface.extent
    points = tuple((float(a), float(b), float(c)) for (a, b), c in
                   zip(load_spec(CIRCLE).x_train.tolist(), load_spec(CIRCLE).labels_train.tolist()))
    moved = ((0.1, 0.1, 1.0),) + points[1:]  # the outermost points stay: all inside the old plane
    driver.send("data", DatasetSpec(kind="points", generator="circle", points=moved))
    (info,) = driver.expect("data")
    assert len(info.dataset.x_train) == len(points) and info.preset.spec.kind == "points"
    assert driver.expect("snapshot", until=lambda p: p[0].surface is not None)[0].surface.extent == extent


def test_bad_data_is_one_line_and_the_session_goes_on(driver, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n1,2,0\n3,,1\n")
    driver.send("data", DatasetSpec(kind="csv", path=str(bad)))
    (text,) = driver.expect("failed")
    assert "bad.csv" in text and "row 3" in text and "\n" not in text
    driver.send("step", "batch")
    snapshot = driver.expect("snapshot", until=lambda p: p[0].step == 1)[0]
    assert snapshot.samples_seen == 1  # still XOR's network on XOR: one sample per step


def test_data_of_another_shape_asks_for_a_rebuild(driver):
    driver.send("data", DatasetSpec(kind="generated", generator="sin"))
    (text,) = driver.expect("failed")
    assert "1 input feature, not 2" in text and "rebuild" in text
    driver.send("data", replace(CIRCLE, seed=4))  # the trainer is still there, and takes good data
    assert driver.expect("data")[0].preset.spec.seed == 4
