"""The neuron inspector dock: it shows the numbers of the snapshot's explanation (never others), in
symbols and numbers, highlights the part of the phase shown, and says what to do when it has nothing
to show."""

import pytest
from PySide6.QtCore import QUrl

from nnviz.gui.inspector import InspectorDock
from nnviz.gui.theme import precise
from nnviz.training import Hyperparameters, build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.phases import Phase, step_phases

from diagram_helpers import random_session


def inspected_snapshot(session, neuron):
    """The snapshot of one more step of `session`, explaining `neuron`."""
    session.inspect(neuron)
    session.step()
    return session.snapshot()


@pytest.fixture
def dock(qtbot):
    d = InspectorDock()
    qtbot.addWidget(d)
    d.resize(460, 900)
    d.show()
    return d


def show(dock, session, preset, neuron, phase=None):
    snap = inspected_snapshot(session, neuron)
    dock.reset(NewSession.of(session, preset))
    dock.inspect(neuron)
    dock.show_snapshot(snap, phase)
    return snap.inspection


def test_an_empty_inspector_says_what_to_do(dock):
    assert "Click a neuron to see its arithmetic" in dock.text
    assert dock.shown_explanation is None and dock.neuron is None


@pytest.mark.parametrize("name, neuron", [("gender", (1, 0)), ("gender", (2, 0)), ("xor", (1, 3)), ("neuron", (1, 0))])
def test_the_page_shows_the_explanation_s_own_numbers(dock, name, neuron):
    preset = get_preset(name)
    session = build_session(preset)
    for _ in range(3):
        session.step()
    e = show(dock, session, preset, neuron)
    text = dock.text
    assert dock.shown_explanation is e and (e.layer, e.index) == neuron
    f = e.forward
    for t in f.terms:
        assert f"{precise(t.a)}×\n{precise(t.w)}=\n{precise(t.product)}" in text.replace(" ", "")
    assert f"= {precise(f.weighted_sum)} + " in text.replace("\xa0", " ")  # Σ wⱼaⱼ put into z = Σ + b
    for value in (f.z, f.a, e.backward.delta, e.backward.incoming, e.backward.f_prime):
        assert precise(value) in text
    assert f.formula.replace("^", "") in text  # exponents are superscripts
    for change in (*e.update.weights, e.update.bias):
        assert precise(change.before) in text and precise(change.after) in text and precise(change.grad) in text
    if e.output is not None:
        assert "target y" in text and precise(e.output.loss_term) in text and precise(e.output.dL_da) in text
    else:
        assert "target y" not in text
        for t in e.backward.terms:
            assert precise(t.delta) in text and precise(t.product) in text


@pytest.mark.parametrize("name, neuron, z, a", [
    # The curriculum's neuron: w = [0, 1], b = 4 on x = [2, 3]: 0·2 + 1·3 + 4 = 7, σ(7) = 0.999.
    ("neuron", (1, 0), 7.0, 0.9990889488055994),
    # The 2-2-1 net whose every neuron has w = [0, 1], b = 0 gives 0.7216 on [2, 3].
    ("network", (2, 0), None, 0.7216325609518421),
])
def test_the_curriculum_presets_show_the_curriculum_s_numbers(dock, name, neuron, z, a):
    preset = get_preset(name)
    e = show(dock, build_session(preset), preset, neuron)
    assert e.x == (2.0, 3.0) and e.forward.a == pytest.approx(a, abs=1e-7)
    text = dock.text.replace("\xa0", " ")
    assert f"= {precise(a)}" in text
    if z is not None:
        assert e.forward.z == z and "= 3 + 4" in text and "= 7" in text


def test_784_inputs_list_the_largest_and_add_up_the_rest(dock):
    session = random_session((784, 6, 10), image_shape=(28, 28))
    e = show(dock, session, None, (1, 2))
    assert len(e.forward.terms) < 784 and e.forward.rest_count == 784 - len(e.forward.terms)
    assert f"the other {e.forward.rest_count} inputs add up to\n{precise(e.forward.rest_sum)}" in dock.text
    assert "pixel (" in dock.text  # inputs are named as pixels
    assert f"… and {e.update.rest_count} more weights" in dock.text
    assert "averaged over the batch of 8" in dock.text


def test_momentum_and_adam_show_their_terms(dock):
    preset = get_preset("xor")
    for optimizer, names in (("momentum", ["v"]), ("adam", ["m", "v", "m̂", "v̂"])):
        session = build_session(preset)
        session.apply(optimizer=optimizer)
        session.step()
        e = show(dock, session, preset, (2, 0))
        text = dock.text.replace("\xa0", " ")
        for clause in e.update.rule.split("  (")[0].split(";  "):  # one a line
            assert clause in text
        for name in names:
            shown = {"m̂": "corrected m", "v̂": "corrected v"}.get(name, name)
            assert f"{shown} = {precise(dict(e.update.bias.terms)[name])}" in text


@pytest.mark.parametrize("neuron, expected", [
    ((1, 0), ["sample", "forward", None, None, None, "backward", "update"]),
    ((2, 0), ["sample", None, "forward", "loss", "backward", None, "update"]),
])
def test_the_phase_s_part_is_highlighted(dock, neuron, expected):
    preset = get_preset("gender")
    session = build_session(preset)
    snap = inspected_snapshot(session, neuron)
    dock.reset(NewSession.of(session, preset))
    dock.inspect(neuron)
    highlighted = []
    for phase in step_phases(2):
        dock.show_snapshot(snap, phase)
        highlighted.append(dock.highlighted_part)
        if dock.highlighted_part is None:
            assert "▶" not in dock.text
        else:
            assert dock.text.count("▶") == 1
        assert f"Phase {step_phases(2).index(phase) + 1} of 7: {phase.label()}" in dock.text
    assert highlighted == expected
    dock.show_snapshot(snap, None)  # no phase: everything plainly
    assert dock.highlighted_part is None and "▶" not in dock.text and "Phase" not in dock.text


def test_only_the_neuron_asked_for_is_shown(dock, qtbot):
    preset = get_preset("gender")
    session = build_session(preset)
    snap = inspected_snapshot(session, (1, 0))
    dock.reset(NewSession.of(session, preset))
    with qtbot.waitSignal(dock.inspect_requested) as asked:
        dock.inspect((1, 1))
    assert asked.args == [(1, 1)]
    dock.show_snapshot(snap)  # still about neuron (1, 0): in flight from before the click
    assert dock.shown_explanation is None and "Waiting for the trainer" in dock.text
    dock.show_snapshot(inspected_snapshot(session, (1, 1)))
    assert (dock.shown_explanation.layer, dock.shown_explanation.index) == (1, 1)


def test_before_the_first_step_and_for_an_input(dock):
    preset = get_preset("gender")
    session = build_session(preset)
    session.inspect((1, 0))
    dock.reset(NewSession.of(session, preset))
    dock.inspect((1, 0))
    dock.show_snapshot(session.snapshot())
    assert "No training step yet" in dock.text
    dock.inspect((0, 1))  # an input computes nothing
    assert dock.neuron is None and "An input computes nothing" in dock.text


def test_a_neuron_named_in_the_backward_terms_can_be_inspected_next(dock, qtbot):
    preset = get_preset("gender")
    session = build_session(preset)
    show(dock, session, preset, (1, 0))
    with qtbot.waitSignal(dock.inspect_requested) as asked:
        dock.browser.anchorClicked.emit(QUrl("neuron:2:0"))
    assert asked.args == [(2, 0)] and dock.neuron == (2, 0)


def test_close_stops_inspecting_and_hides_the_dock(dock, qtbot):
    preset = get_preset("gender")
    session = build_session(preset)
    show(dock, session, preset, (1, 0))
    with qtbot.waitSignal(dock.inspect_requested) as asked:
        dock.close_button.click()
    assert asked.args == [None] and not dock.isVisible() and dock.neuron is None


def test_a_new_network_forgets_the_neuron(dock, qtbot):
    preset = get_preset("gender")
    session = build_session(preset)
    show(dock, session, preset, (1, 0))
    with qtbot.waitSignal(dock.inspect_requested) as asked:
        dock.reset(NewSession.of(build_session(get_preset("xor")), get_preset("xor")))
    assert asked.args == [None] and "Click a neuron" in dock.text


# -- the arithmetic on the page adds up (what a learner checks with a calculator) ---------------------


def _session(sizes, hidden, output, loss, batch, l2=0.0, seed=3):
    import numpy as np

    from nnviz.data.dataset import Dataset
    from nnviz.engine.network import Network
    from nnviz.training import TrainingSession

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(16, sizes[0])).astype(np.float32)
    labels = rng.integers(0, max(2, sizes[-1]), 16)
    data = Dataset("random", x, labels, x, labels, tuple(str(k) for k in range(max(2, sizes[-1]))),
                   tuple(f"x{j}" for j in range(sizes[0])))
    net = Network(sizes, hidden=hidden, output=output, loss=loss, seed=seed)
    hyper = Hyperparameters(granularity="minibatch", batch_size=batch, l2=l2)
    session = TrainingSession(net, data, hyper)
    session.step()
    return session


def test_a_fused_output_delta_over_a_batch_shows_the_division_by_the_batch(dock):
    session = _session((2, 3, 1), "tanh", "sigmoid", "bce", batch=4)
    e = show(dock, session, None, (2, 0))
    a, y = e.forward.a, e.output.target
    assert f"({precise(a)} − {precise(y) if y >= 0 else '(' + precise(y) + ')'}) / 4" in dock.text
    assert abs((a - y) / 4 - e.backward.delta) < 1e-6  # and that is the engine's δ


def test_softmax_with_squared_error_shows_the_coupled_form_not_a_minus_y(dock):
    session = _session((2, 3, 3), "relu", "softmax", "mse", batch=1)
    show(dock, session, None, (2, 1))
    assert "softmax couples the outputs" in dock.text
    assert "δ = a − y" not in dock.text


def test_with_l2_the_gradient_is_shown_as_parts_that_add_up(dock):
    session = _session((2, 3, 1), "sigmoid", "sigmoid", "mse", batch=1, l2=0.5)
    e = show(dock, session, None, (1, 0))
    text = dock.text
    assert "+ λ·w" in text and "= ∂L/∂w" in text
    for change in e.update.weights:
        data_part = change.grad - change.l2
        assert precise(data_part) in text and precise(change.l2) in text and precise(change.grad) in text


# -- how the page is set -------------------------------------------------------------------------------


@pytest.mark.parametrize("neuron, numbers", [((1, 0), ["1 · Forward", "2 · Backward", "3 · Gradient"]),
                                             ((2, 0), ["1 · Forward", "2 · Loss", "3 · Backward", "4 · Gradient"])])
def test_sections_are_numbered_one_after_another(dock, neuron, numbers):
    preset = get_preset("xor")
    show(dock, build_session(preset), preset, neuron)
    import re
    assert re.findall(r"\d · [A-Z][a-z]+", dock.text) == numbers


def test_exponents_are_superscripts_and_adam_s_hats_sit_on_their_letters():
    from nnviz.gui.inspector.render import render

    preset = get_preset("xor")  # tanh hidden: (e^z − e^−z) / (e^z + e^−z)
    session = build_session(preset)
    session.apply(optimizer="adam")
    e = inspected_snapshot(session, (1, 0)).inspection
    html = render(e, NewSession.of(session, preset).architecture, None).html
    assert "(e<sup>z</sup> − e<sup>−z</sup>) / (e<sup>z</sup> + e<sup>−z</sup>)" in html and "^" not in html
    # Upright, Qt draws the combining circumflex a line too high; each clause has a line of its own.
    assert "η·<i>m̂</i> / (√<i>v̂</i> + ε)" in html
    assert html.count('<span style="white-space:nowrap">') >= 3
