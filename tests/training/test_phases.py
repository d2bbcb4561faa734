"""Phases of a step: their order and labels, and the one table of what each layer shows in each."""

import pytest

from nnviz.training.phases import LayerState, Phase, PhaseKind, layer_state, step_phases

S = LayerState


def test_phase_kinds_are_an_enum_that_still_reads_as_strings():
    assert Phase("forward", 2) == Phase(PhaseKind.FORWARD, 2)
    assert Phase("loss").kind is PhaseKind.LOSS
    assert hash(Phase("backward", 1)) == hash(Phase(PhaseKind.BACKWARD, 1))
    with pytest.raises(ValueError):
        Phase("sideways")
    with pytest.raises(ValueError):
        Phase("forward")  # which layer?


def test_step_phases_in_order_with_labels():
    phases = step_phases(2)
    assert [(p.kind.value, p.layer) for p in phases] == [
        ("input", None), ("forward", 1), ("forward", 2), ("loss", None), ("backward", 2), ("backward", 1),
        ("update", None)]
    assert phases[1].label() == "Forward: layer 1 computes z = W·a + b and a = f(z)"
    assert phases[4].label() == "Backward: error term δ arrives at layer 2"
    assert [p.focus_layer(2) for p in phases] == [0, 1, 2, 2, 2, 1, 2]


def states(phase, n_layers=2, **kw):
    return [layer_state(phase, layer, n_layers, **kw) for layer in range(n_layers + 1)]


@pytest.mark.parametrize("phase, expected", [
    (None, [S.ACTIVATIONS] * 3),
    (Phase("input"), [S.ACTIVATIONS, S.NOT_REACHED, S.NOT_REACHED]),
    (Phase("forward", 1), [S.ACTIVATIONS, S.ACTIVATIONS, S.NOT_REACHED]),
    (Phase("forward", 2), [S.ACTIVATIONS] * 3),
    (Phase("loss"), [S.ACTIVATIONS] * 3),
    (Phase("backward", 2), [S.AWAITING_ERROR, S.AWAITING_ERROR, S.ERROR_TERM]),
    (Phase("backward", 1), [S.AWAITING_ERROR, S.ERROR_TERM, S.ERROR_TERM]),
    (Phase("update"), [S.UPDATE] * 3),
])
def test_what_each_layer_shows_in_each_phase(phase, expected):
    assert states(phase) == expected


def test_the_input_gradient_shows_once_delta_reached_the_first_layer():
    assert states(Phase("backward", 1), has_input_gradient=True)[0] is S.INPUT_GRADIENT
    assert states(Phase("backward", 2), has_input_gradient=True)[0] is S.AWAITING_ERROR


def test_without_a_step_or_an_update():
    assert states(Phase("forward", 1), has_sample=False) == [S.EMPTY] * 3
    assert states(Phase("update"), has_update=False) == [S.ACTIVATIONS] * 3
    with pytest.raises(ValueError):
        layer_state(None, 3, 2)
