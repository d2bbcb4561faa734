"""The grid diagram (image networks): every phase draws, the grids and the input image show the snapshot's numbers,
hit tests find grid cells, tooltips tell the snapshot's z, a and δ, and a drawn digit's trace shows."""

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnviz.engine import Trace
from nnviz.gui.theme import POSITIVE, ZERO, delta_color, precise, symmetric_level
from nnviz.gui.diagram.grids import GridDiagram
from nnviz.training.phases import Phase, step_phases
from nnviz.training import build_session, get_preset
from nnviz.engine.network import Network
from nnviz.training.architecture import Architecture

from diagram_helpers import as_rgb, assert_tells_the_numbers, diagram_of, rgb


@pytest.fixture(scope="module")
def trained(mnist_data_dir):
    """A 784-256-128-10 session after a few steps, tracking dL/dx, and its snapshot."""
    session = build_session(get_preset("mnist-fast"), data_dir=mnist_data_dir, limit_train=2000)
    session.track_input_gradient = True
    for _ in range(3):
        session.step()
    return session, session.snapshot()


def make_view(qtbot, session, size=(640, 400)) -> GridDiagram:
    return diagram_of(qtbot, GridDiagram, session, size)


def test_every_phase_draws_with_its_caption(qtbot, trained):
    session, snap = trained
    assert snap.weights[0].shape == (256, 784) and snap.last_step.grad_input is not None
    view = make_view(qtbot, session)
    images = []
    for phase in [None, *step_phases(3)]:
        view.show_snapshot(snap, phase)
        assert view.phase_text == (phase.label() if phase else "")
        image = view.grab().toImage()
        assert (image.width(), image.height()) == (640, 400)
        images.append(image)
    assert all(a != b for n, a in enumerate(images) for b in images[n + 1:])


def test_backward_into_the_input_shows_the_input_gradient(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap, Phase("backward", 1))
    image = view.grab().toImage()
    g, x = snap.last_step.grad_input[0], snap.last_step.activations[0][0]
    level = symmetric_level(g)
    # Where the digit has no ink the pixel is the gradient's colour in the δ palette (the ink darkens it).
    blank = np.flatnonzero(x == 0)
    for j in blank[np.argsort(-np.abs(g[blank]))[:3]]:
        expected = as_rgb(delta_color(g[j] / level))
        assert np.abs(rgb(image, view.node_center(0, j)) - expected).max() <= 3
    # and hidden cells are their error terms
    d = snap.last_step.deltas[0][0]
    k = int(np.argmax(np.abs(d)))
    assert np.abs(rgb(image, view.node_center(1, k)) - as_rgb(delta_color(d[k] / symmetric_level(d)))).max() <= 3


def test_input_is_the_digit_and_cells_are_activations(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    image = view.grab().toImage()
    x = snap.last_step.activations[0][0]
    for j in (0, int(np.argmax(x)), 14 * 28 + 14):
        grey = 255 - (255 - 20) * x[j]  # ink 1 is near-black on white
        assert np.abs(rgb(image, view.node_center(0, j)) - grey).max() <= 3
    a = snap.last_step.activations[1][0]
    strongest, dead = int(np.argmax(a)), int(np.flatnonzero(a == 0)[0])
    assert np.abs(rgb(image, view.node_center(1, strongest)) - POSITIVE).max() <= 2
    assert np.abs(rgb(image, view.node_center(1, dead)) - ZERO).max() <= 2


def test_neuron_at_hit_tests_grid_cells(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    for layer, index in [(0, 0), (0, 783), (0, 14 * 28 + 3), (1, 0), (1, 17), (1, 255), (2, 0), (2, 127),
                         (3, 0), (3, 9)]:
        centre = view.node_center(layer, index)
        assert view.neuron_at(centre) == (layer, index)
    # The cell of hidden-1 neuron 17 is row 1, column 1 of its 16×16 grid: right of 16, below 1.
    c16, c1, c17 = (view.node_center(1, i) for i in (16, 1, 17))
    assert c17.x() == pytest.approx(c1.x()) and c17.y() == pytest.approx(c16.y())
    assert c17.x() > c16.x() and c17.y() > c1.y()
    assert view.neuron_at(QPointF(2, 2)) is None
    assert view.tooltip_text_at(QPointF(2, 2)) is None


def test_tooltips_tell_the_snapshots_numbers(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    step = snap.last_step
    text = view.tooltip_text_at(view.node_center(1, 17))
    assert text.startswith("hidden 1 · neuron 18 of 256 · relu")
    assert_tells_the_numbers(text, snap, 1, 17)
    assert_tells_the_numbers(view.tooltip_text_at(view.node_center(2, 100)), snap, 2, 100)
    label = int(np.argmax(step.targets[0]))
    text = view.tooltip_text_at(view.node_center(3, label))
    assert f"(class {label})" in text and f"target = {precise(step.targets[0][label])}" in text
    assert f"a = {precise(step.activations[3][0][label])}" in text
    pixel = view.tooltip_text_at(view.node_center(0, 5 * 28 + 9))
    assert "pixel (row 5, column 9)" in pixel
    assert f"x = {precise(step.activations[0][0][5 * 28 + 9])}" in pixel
    assert f"∂L/∂x = {precise(step.grad_input[0][5 * 28 + 9])}" in pixel


def test_receptive_fields_are_the_weights_through_active_neurons(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    np.testing.assert_allclose(view.receptive_field(1, 42), snap.weights[0][42].reshape(28, 28))
    # Deeper: dz/dx of the sample, the weights through the first layer's ReLUs that are on.
    on = snap.last_step.zs[0][0] > 0
    expected = (snap.weights[1][7] * on) @ snap.weights[0]
    np.testing.assert_allclose(view.receptive_field(2, 7), expected.reshape(28, 28), rtol=1e-4, atol=1e-7)


def test_hover_draws_connections_and_the_inset(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    view.show()
    qtbot.waitExposed(view)
    before = view.grab().toImage()
    qtbot.mouseMove(view, view.node_center(2, 5).toPoint())
    qtbot.waitUntil(lambda: view.grab().toImage() != before, timeout=1000)
    assert view.neuron_at(view.node_center(2, 5)) == (2, 5)
    with qtbot.waitSignal(view.neuron_selected, timeout=1000) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.node_center(1, 30).toPoint())
    assert clicked.args == [1, 30] and view.selected_neuron == (1, 30)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPointF(2, 2).toPoint())
    assert view.selected_neuron is None


def test_show_trace_draws_a_drawn_digit_without_deltas(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    x = np.asarray(session.dataset.x_test[:1], dtype=np.float32)
    net = session.network
    trace = net.forward(x)
    view.show_trace(trace, net.weights, net.biases, "7")
    assert view.phase_text == ""
    image = view.grab().toImage()
    j = int(np.argmax(x[0]))
    assert np.abs(rgb(image, view.node_center(0, j)) - (255 - (255 - 20) * x[0, j])).max() <= 3
    text = view.tooltip_text_at(view.node_center(1, 3))
    assert f"a = {precise(trace.activations[1][0][3])}" in text
    assert f"z = {precise(trace.zs[0][0][3])}" in text
    assert "δ: none" in text and "Δb" not in text  # a drawn digit moved no weights
    assert "target = 1" in view.tooltip_text_at(view.node_center(3, 7))
    view.show_trace(trace, net.weights, net.biases)
    assert "target" not in view.tooltip_text_at(view.node_center(3, 7))
    with pytest.raises(ValueError):
        view.show_trace(Trace(trace.zs[:-1], trace.activations[:-1]), net.weights, net.biases)
    with pytest.raises(ValueError):
        view.show_trace(trace, net.weights[:-1], net.biases[:-1])


def test_a_trace_shows_only_the_numbers_of_the_network_that_computed_it(qtbot, trained):
    """Bug 1: with another model on the pad, z, b, |w|, the strongest links and the receptive field all
    come from that model, not from the network in training."""
    session, snap = trained
    other = Network((784, 256, 128, 10), hidden="relu", output="softmax", loss="ce", init="he", seed=7)
    other.biases[0][:] = np.linspace(-0.5, 0.5, 256)
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    x = np.asarray(session.dataset.x_test[:1], dtype=np.float32)
    trace = other.forward(x)
    view.show_trace(trace, other.weights, other.biases, None)
    for i in (3, 56, 200):
        text = view.tooltip_text_at(view.node_center(1, i))
        w = other.weights[0][i]
        assert f"z = {precise(trace.zs[0][0][i])}" in text
        assert f"bias b = {precise(other.biases[0][i])}" in text
        assert f"|w| ≤ {precise(np.abs(w).max())}" in text
        j = int(np.argmax(np.abs(w)))
        r, c = divmod(j, 28)
        assert f"from pixel (row {r}, column {c}): {precise(w[j])}" in text
        np.testing.assert_allclose(view.receptive_field(1, i), w.reshape(28, 28))
    # Deeper: ∂z/∂x through the other network's own ReLUs on this input.
    on = trace.zs[0][0] > 0
    expected = (other.weights[1][7] * on) @ other.weights[0]
    np.testing.assert_allclose(view.receptive_field(2, 7), expected.reshape(28, 28), rtol=1e-4, atol=1e-6)
    # The links drawn for the hovered neuron are the other network's strongest: the picture changes
    # from the training network's.
    view.show()
    qtbot.waitExposed(view)
    qtbot.mouseMove(view, view.node_center(2, 5).toPoint())
    with_other = view.grab().toImage()
    view.show_snapshot(snap)
    qtbot.mouseMove(view, view.node_center(2, 6).toPoint())
    qtbot.mouseMove(view, view.node_center(2, 5).toPoint())
    assert view.grab().toImage() != with_other
    text = view.tooltip_text_at(view.node_center(1, 56))
    assert f"bias b = {precise(snap.biases[0][56])}" in text


def test_a_snapshot_of_another_network_is_ignored(qtbot, trained):
    session, snap = trained
    view = make_view(qtbot, session)
    view.set_network(Architecture.of(Network((784, 64, 10), hidden="relu", output="softmax", loss="ce"),
                                     session.dataset))
    view.show_snapshot(snap)
    assert view.tooltip_text_at(view.node_center(1, 0)).endswith("z, a, δ: no step yet")


def test_a_diverged_step_still_draws_quietly(qtbot, trained):
    """NaN and inf values draw clipped to their scales, with no warning (warnings are errors here)."""
    session, snap = trained
    step = snap.last_step
    broken = [np.array(a, dtype=np.float64) for a in step.activations]
    broken[1][0, :5] = np.nan
    broken[2][0, :3] = np.inf
    broken[0][0, :2] = np.nan
    grad = np.array(step.grad_input, dtype=np.float64)
    grad[0, :4] = np.nan
    diverged = dataclasses.replace(snap, last_step=dataclasses.replace(
        step, activations=tuple(broken), grad_input=grad))
    view = make_view(qtbot, session)
    for phase in [None, *step_phases(3)]:
        view.show_snapshot(diverged, phase)
        view.grab()
    assert "a = NaN" in view.tooltip_text_at(view.node_center(1, 0))


@pytest.mark.parametrize("name, percentages", [("mnist-book", False), ("mnist-fast", True)])
def test_outputs_read_as_percentages_only_when_softmax_makes_them_sum_to_one(qtbot, mnist_data_dir, name,
                                                                             percentages):
    from PySide6.QtGui import QImage, QPainter

    from nnviz.gui.diagram.grid_painting import paint_outputs

    class Recorder(QPainter):
        def __init__(self, device):
            super().__init__(device)
            self.texts = []

        def drawText(self, *args):  # noqa: N802 (Qt's name)
            self.texts.append(args[-1])
            super().drawText(*args)

    session = build_session(get_preset(name), data_dir=mnist_data_dir, limit_train=600)
    for _ in range(3):
        session.step()
    view = make_view(qtbot, session)
    view.show_snapshot(session.snapshot())
    view.grab()
    image = QImage(view.size(), QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    paint_outputs(painter, view, view._geo, view._scene)
    painter.end()
    import re  # the values beside the bars: "0.89" or "5 %" (not the class names, not the verdict)
    values = [t for t in painter.texts if re.fullmatch(r"−?\d+\.\d+|\d+\s?%", t)]
    assert len(values) == 10
    assert all(t.endswith("%") for t in values) == percentages
    if not percentages:  # sigmoid outputs as decimals, "0.89"
        assert all(float(t.replace("−", "-")) <= 1 for t in values)
