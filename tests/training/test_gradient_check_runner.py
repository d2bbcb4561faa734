"""The gradient check runs in a short-lived process of its own: it returns the same result as a
check made in place, can be stopped at any time, and never leaves a process behind."""

import multiprocessing
import time

import numpy as np

from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.gradient_check import CheckRequest, Verdict, check_gradients, request_for
from nnviz.training.gradient_check_runner import CheckFailed, CheckRunner


def _wait_for(runner, deadline_s=60.0):
    deadline = time.monotonic() + deadline_s
    while (outcome := runner.poll()) is None:
        assert time.monotonic() < deadline, "the check process never answered"
        time.sleep(0.02)
    return outcome


def _xor_request():
    preset = get_preset("xor")
    session = build_session(preset)
    for _ in range(5):
        session.step()
    return request_for(session.snapshot(), NewSession.of(session, preset))


def test_the_runner_returns_the_checks_result_and_leaves_no_process():
    request = _xor_request()
    runner = CheckRunner()
    runner.start(request)
    assert runner.running
    outcome = _wait_for(runner)
    here = check_gradients(request)
    assert outcome.verdict is Verdict.PASSED
    assert [l.weights.relative_error for l in outcome.layers] == [l.weights.relative_error for l in here.layers]
    assert np.array_equal(outcome.layers[0].weight_errors, here.layers[0].weight_errors)
    assert not runner.running
    assert multiprocessing.active_children() == []


def test_stopping_a_running_check_ends_its_process():
    runner = CheckRunner()
    runner.start(_xor_request())
    runner.stop()
    assert not runner.running
    assert runner.poll() is None
    assert multiprocessing.active_children() == []


def test_a_new_check_replaces_a_running_one():
    runner = CheckRunner()
    runner.start(_xor_request())
    runner.start(_xor_request())
    assert len(multiprocessing.active_children()) <= 1
    assert _wait_for(runner).passed
    assert multiprocessing.active_children() == []


def test_a_check_that_cannot_run_says_why():
    request = CheckRequest((np.ones((1, 2)),), (np.zeros(1),), ("step",), "mse", np.ones(2), np.ones(1))
    runner = CheckRunner()
    runner.start(request)
    outcome = _wait_for(runner)
    assert isinstance(outcome, CheckFailed)
    assert "step activation has no gradient" in outcome.message
    assert multiprocessing.active_children() == []
