"""What both network diagrams do the same way (DiagramView): hover tooltips, click selection and its
signals, stale snapshots ignored, the update's flash, the placeholder, drawn inputs (show_trace) and
number formats. Each test runs on the circle diagram (XOR) and the grid diagram (a small image net)."""

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnviz.engine.network import Network
from nnviz.gui.diagram.circles import CircleDiagram
from nnviz.gui.diagram.grids import GridDiagram
from nnviz.gui.theme import MINUS, precise
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import Architecture
from nnviz.training.phases import Phase

from diagram_helpers import random_session

IMAGE = (6, 10)  # not square: the diagram must take the shape from the Architecture


def image_session(steps=3, seed=0):
    return random_session((IMAGE[0] * IMAGE[1], 16, 8, 4), steps, IMAGE, seed)


def xor_session(steps=25):
    session = build_session(get_preset("xor"))
    for _ in range(steps):
        session.step()
    return session


@pytest.fixture(params=["circles", "grids"])
def setup(request, qtbot):
    """(view, session, a hidden neuron) for each diagram."""
    if request.param == "circles":
        view, session, neuron = CircleDiagram(), xor_session(), (1, 3)
    else:
        view, session, neuron = GridDiagram(), image_session(), (1, 5)
    qtbot.addWidget(view)
    view.resize(640, 400)
    view.set_network(Architecture.of(session.network, session.dataset))
    view.show_snapshot(session.snapshot())
    view.show()
    qtbot.waitExposed(view)
    return view, session, neuron


def test_hovering_a_neuron_outlines_it_and_tells_its_numbers(qtbot, setup):
    view, session, (layer, i) = setup
    snap = session.snapshot()
    view.show_snapshot(snap)
    centre = view.node_center(layer, i)
    before = view.grab().toImage()
    qtbot.mouseMove(view, centre.toPoint())
    qtbot.waitUntil(lambda: view.grab().toImage() != before, timeout=1000)
    text = view.tooltip_text_at(centre)
    assert f"hidden 1 · neuron {i + 1} of" in text
    assert f"a = {precise(snap.last_step.activations[1][0][i])}" in text
    assert f"bias b = {precise(snap.biases[0][i])}" in text
    assert view.tooltip_text_at(QPointF(2, 2)) is None


def test_a_click_selects_a_neuron_and_a_click_elsewhere_clears_it(qtbot, setup):
    view, _, (layer, i) = setup
    emitted = []
    view.neuron_selected.connect(lambda *args: emitted.append(("neuron_selected", args)))
    view.selection_changed.connect(lambda neuron: emitted.append(("selection_changed", neuron)))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.node_center(layer, i).toPoint())
    assert emitted == [("neuron_selected", (layer, i)), ("selection_changed", (layer, i))]
    assert view.selected_neuron == (layer, i)
    with qtbot.waitSignal(view.selection_changed, timeout=1000) as cleared:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPointF(2, 2).toPoint())
    assert cleared.args == [None] and view.selected_neuron is None


def test_a_new_network_forgets_the_selection(qtbot, setup):
    view, session, (layer, i) = setup
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.node_center(layer, i).toPoint())
    with qtbot.waitSignal(view.selection_changed, timeout=1000) as cleared:
        view.set_network(Architecture.of(session.network, session.dataset))
    assert cleared.args == [None] and view.selected_neuron is None


def test_a_snapshot_of_another_network_is_ignored(qtbot, setup):
    view, session, (layer, i) = setup
    shown = view.tooltip_text_at(view.node_center(layer, i))
    other = image_session(steps=2, seed=1) if isinstance(view, CircleDiagram) else xor_session(3)
    view.show_snapshot(other.snapshot())
    assert view.tooltip_text_at(view.node_center(layer, i)) == shown


def test_the_update_phase_flashes_once_then_stops(qtbot, setup):
    view, session, _ = setup
    snap = session.snapshot()
    view.show_snapshot(snap, Phase("loss"))
    assert not view.is_animating
    view.show_snapshot(snap, Phase("update"))
    assert view.is_animating and view.phase_text.startswith("Update")
    qtbot.waitUntil(lambda: not view.is_animating, timeout=3000)
    view.show_snapshot(snap)
    assert not view.is_animating and view.phase_text == ""


def test_before_a_network_it_says_so(qtbot):
    for view in (CircleDiagram(), GridDiagram()):
        qtbot.addWidget(view)
        view.resize(400, 300)
        image = view.grab().toImage()
        dark = [(x, y) for x in range(0, 400, 2) for y in range(0, 300, 2) if image.pixelColor(x, y).value() < 160]
        assert dark and all(100 < x < 300 and 130 < y < 170 for x, y in dark)  # "No network yet", centred
        assert view.neuron_at(QPointF(200, 150)) is None and view.tooltip_text_at(QPointF(200, 150)) is None


def test_a_drawn_input_shows_the_numbers_of_the_network_that_computed_it(qtbot, setup):
    view, session, (layer, i) = setup
    sizes = session.network.sizes
    other = Network(sizes, hidden=[f.name for f in session.network.activations[:-1]],
                    output=session.network.activations[-1].name, loss=session.network.loss.name, seed=42)
    other.biases[0][:] = np.linspace(-1, 1, sizes[1])
    x = np.asarray(session.dataset.x_test[:1])
    trace = other.forward(x)
    view.show_trace(trace, other.weights, other.biases)
    text = view.tooltip_text_at(view.node_center(layer, i))
    assert f"z = {precise(trace.zs[0][0][i])}" in text
    assert f"bias b = {precise(other.biases[0][i])}" in text
    assert "Δb" not in text and "‖Δw‖" not in text
    # and back to training with the next snapshot
    view.show_snapshot(session.snapshot())
    assert f"bias b = {precise(session.network.biases[0][i])}" in view.tooltip_text_at(view.node_center(layer, i))


def test_numbers_read_as_maths(qtbot, setup):
    """Bug 6: a real minus sign, no "-0", no "e+00" — also for an update that moved nothing."""
    view, session, (layer, i) = setup
    snap = session.snapshot()
    still = [np.zeros_like(u) for u in snap.update_b]
    still[0][i] = -0.0
    view.show_snapshot(dataclasses.replace(snap, update_b=tuple(still)), Phase("update"))
    text = view.tooltip_text_at(view.node_center(layer, i))
    assert "(after this step; Δb = 0)" in text
    assert "-" not in text.replace("z = ", "") and "e+" not in text
    if np.any(snap.biases[0] < 0):
        k = int(np.argmin(snap.biases[0]))
        if view.node_center(1, k) is not None:
            assert f"bias b = {MINUS}" in view.tooltip_text_at(view.node_center(1, k))


def test_the_grid_input_has_the_architectures_image_shape(qtbot):
    view = GridDiagram()
    qtbot.addWidget(view)
    view.resize(640, 400)
    session = image_session()
    view.set_network(Architecture.of(session.network, session.dataset))
    view.show_snapshot(session.snapshot())
    first, below, end_of_row = view.node_center(0, 0), view.node_center(0, IMAGE[1]), view.node_center(0, IMAGE[1] - 1)
    assert below.x() == pytest.approx(first.x()) and below.y() > first.y()
    assert end_of_row.y() == pytest.approx(first.y()) and end_of_row.x() > first.x()
    assert "pixel (row 1, column 0)" in view.tooltip_text_at(below)
