"""The sample a diagram shows and the parameters it went through, from a snapshot or a trace."""

import numpy as np
import pytest

from nnviz.engine.network import Network, Trace
from nnviz.training import build_session, get_preset
from nnviz.training.shown_step import ShownParameters, ShownSample, check_trace


def test_from_a_snapshot_it_is_the_first_sample_of_the_last_step():
    session = build_session(get_preset("xor"))
    assert ShownSample.from_snapshot(session.snapshot()) is None
    session.step()
    snap = session.snapshot()
    s = ShownSample.from_snapshot(snap)
    step = snap.last_step
    assert s.z[0] is None and s.delta[0] is None and s.has_errors
    np.testing.assert_array_equal(s.a[1], step.activations[1][0])
    np.testing.assert_array_equal(s.delta[2], step.deltas[1][0])
    assert s.loss == step.loss and s.batch == len(step.batch_indices)
    assert s.label == int(step.targets[0][0] > 0.5)
    p = ShownParameters.from_snapshot(snap)
    assert p.weights is snap.weights and p.update_W is snap.update_W


def test_from_a_trace_it_has_no_error_terms():
    net = Network((4, 3, 2), hidden="relu", output="softmax", loss="ce", seed=1)
    trace = net.forward(np.ones((1, 4), dtype=np.float32))
    s = ShownSample.from_trace(trace, np.array([0.0, 1.0]))
    assert not s.has_errors and s.loss is None and s.batch == 1 and s.label == 1
    np.testing.assert_allclose(s.z[2], trace.zs[1][0])
    p = ShownParameters.of(net.weights, net.biases, (4, 3, 2))
    assert p.update_W is None
    with pytest.raises(ValueError):
        ShownParameters.of(net.weights, net.biases, (4, 5, 2))
    check_trace(trace, (4, 3, 2))
    with pytest.raises(ValueError):
        check_trace(Trace(trace.zs[:-1], trace.activations[:-1]), (4, 3, 2))
