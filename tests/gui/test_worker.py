"""The training thread: commands arrive between steps, snapshots come back, nothing blocks."""

from dataclasses import replace

import pytest

from nnviz.gui.worker import TrainingWorker
from nnviz.training import Hyperparameters, get_preset


@pytest.fixture
def worker(qtbot):
    w = TrainingWorker()
    w.start()
    yield w
    assert w.stop(), "the worker thread did not stop"
    assert not w.isRunning()


def built(qtbot, worker, preset):
    """Rebuild and wait for the session and its first snapshot (which follows session_ready)."""
    infos = []
    worker.session_ready.connect(infos.append)
    with qtbot.waitSignal(worker.snapshot_ready, timeout=5000):
        worker.rebuild(preset)
    worker.session_ready.disconnect(infos.append)
    return infos[-1]


def next_snapshot(qtbot, worker, command, *args, **kwargs):
    with qtbot.waitSignal(worker.snapshot_ready, timeout=5000) as got:
        command(*args, **kwargs)
    return got.args[0]


def test_steps_advance_the_counters_exactly(qtbot, worker):
    preset = get_preset("xor")
    preset = replace(preset, hyperparameters=preset.hyperparameters.updated(granularity="minibatch", batch_size=3))
    info = built(qtbot, worker, preset)
    assert info.sizes == (2, 10, 1) and info.dataset.name == "xor"
    snap = next_snapshot(qtbot, worker, worker.step, "sample")
    assert (snap.step, snap.samples_seen, snap.epoch) == (1, 1, 0)
    snap = next_snapshot(qtbot, worker, worker.step, "batch")
    assert (snap.step, snap.samples_seen, snap.epoch) == (2, 4, 1)
    snap = next_snapshot(qtbot, worker, worker.step, "epoch")
    assert (snap.step, snap.samples_seen, snap.epoch) == (4, 8, 2)


def test_live_learning_rate_change_reaches_the_session(qtbot, worker):
    built(qtbot, worker, get_preset("xor"))
    snap = next_snapshot(qtbot, worker, worker.apply, lr=0.37)
    assert snap.hyperparameters.lr == 0.37
    snap = next_snapshot(qtbot, worker, worker.step, "sample")
    assert snap.hyperparameters.lr == 0.37 and worker.session.hyperparameters.lr == 0.37


def test_bad_hyperparameter_is_reported_not_raised(qtbot, worker):
    built(qtbot, worker, get_preset("xor"))
    with qtbot.waitSignal(worker.failed, timeout=5000) as failed:
        worker.apply(batch_size=0)
    assert "batch size" in failed.args[0]


def test_play_trains_xor_to_100_percent(qtbot, worker):
    built(qtbot, worker, get_preset("xor"))
    with qtbot.waitSignal(worker.training_finished, timeout=20000):
        worker.play()
    assert worker.session.evaluate_test().accuracy == 1.0
    assert worker.session.epoch == 500


def test_divergence_pauses_with_a_message(qtbot, worker):
    preset = replace(get_preset("gender"), hidden="identity", output="identity",
                     hyperparameters=Hyperparameters(lr=50.0, granularity="batch", epochs=None))
    built(qtbot, worker, preset)
    with qtbot.waitSignal(worker.failed, timeout=10000) as failed:
        worker.play()
    assert failed.args[0].startswith("Diverged: loss became")
    assert "Training paused" in failed.args[0]
    qtbot.waitUntil(lambda: not worker._playing, timeout=2000)


def test_pause_takes_effect_within_100_ms(qtbot, worker):
    built(qtbot, worker, replace(get_preset("xor"), hyperparameters=get_preset("xor").hyperparameters.updated(epochs=None)))
    with qtbot.waitSignal(worker.playing_changed, timeout=2000):
        worker.play()
    qtbot.wait(200)
    with qtbot.waitSignal(worker.playing_changed, timeout=100) as changed:
        worker.pause()
    assert changed.args == [False]
    steps = worker.session.step_count
    qtbot.wait(100)
    assert worker.session.step_count == steps


def test_stop_while_playing_ends_the_thread(qtbot):
    worker = TrainingWorker()
    worker.start()
    built(qtbot, worker, replace(get_preset("xor"), hyperparameters=get_preset("xor").hyperparameters.updated(epochs=None)))
    worker.play()
    qtbot.wait(100)
    assert worker.stop(1000)
    assert not worker.isRunning()


def test_save_and_load_through_the_worker(qtbot, worker, tmp_path):
    built(qtbot, worker, get_preset("gender"))
    next_snapshot(qtbot, worker, worker.step, "epoch")
    with qtbot.waitSignal(worker.message, timeout=5000):
        worker.save(tmp_path / "g.npz", preset="gender")
    assert (tmp_path / "g.npz").exists()
    with qtbot.waitSignal(worker.session_ready, timeout=5000):
        worker.load(tmp_path / "g.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with qtbot.waitSignal(worker.failed, timeout=5000) as failed:
        worker.load(bad)
    assert "bad.npz" in failed.args[0]
