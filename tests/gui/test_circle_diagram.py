"""The circle diagram (small networks): it draws every phase of a step, finds the neuron or connection
under the mouse, tells its numbers, and colours neurons by their values."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnviz.gui.theme import POSITIVE, delta_color, precise, symmetric_level, value_color
from nnviz.gui.diagram.circles import CircleDiagram
from nnviz.training.phases import Phase, step_phases

from diagram_helpers import as_rgb, assert_tells_the_numbers, diagram_of, random_session, rgb


def make_view(qtbot, session, size=(560, 380)) -> CircleDiagram:
    return diagram_of(qtbot, CircleDiagram, session, size)


@pytest.mark.parametrize("preset", ["xor", "gender"])
@pytest.mark.parametrize("with_surface", [True, False])
def test_every_phase_draws_with_its_caption(qtbot, stepped_session, preset, with_surface):
    session = stepped_session(preset, 25)
    snap = session.snapshot(with_surface=with_surface)
    view = make_view(qtbot, session)
    images = []
    for phase in [None, *step_phases(len(snap.weights))]:
        view.show_snapshot(snap, phase)
        assert view.phase_text == (phase.label() if phase else "")
        assert view.shows_heatmaps is with_surface
        image = view.grab().toImage()
        assert image.width() == 560 and image.height() == 380
        # Something coloured was drawn: neurons and connections in the value or delta palettes.
        pixels = np.array([image.pixelColor(x, y).getRgb()[:3] for x in range(0, 560, 5) for y in range(0, 380, 5)])
        assert (np.ptp(pixels, axis=1) > 60).sum() > 10
        images.append(image)
    # Every phase looks different from every other.
    assert all(a != b for n, a in enumerate(images) for b in images[n + 1:])


def test_neuron_at_finds_every_neuron_at_its_centre(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    view = make_view(qtbot, session)
    view.show_snapshot(session.snapshot(with_surface=True))
    for layer, n in enumerate((2, 10, 1)):
        for index in range(n):
            centre = view.node_center(layer, index)
            assert view.neuron_at(centre) == (layer, index)
            assert view.neuron_at(centre + QPointF(3, -3)) == (layer, index)
    assert view.neuron_at(QPointF(3, 3)) is None
    assert view.tooltip_text_at(QPointF(3, 3)) is None


def test_neuron_tooltip_tells_z_a_delta_bias_and_weights(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    text = view.tooltip_text_at(view.node_center(1, 3))
    assert text.startswith("hidden 1 · neuron 4 of 10 · tanh")
    assert_tells_the_numbers(text, snap, 1, 3)
    assert f"(after this step; Δb = {precise(snap.update_b[0][3])})" in text
    assert f"from x1: {precise(snap.weights[0][3, 0])}" in text
    assert f"from x2: {precise(snap.weights[0][3, 1])}" in text


def test_output_tooltip_names_the_class_and_the_target(qtbot, stepped_session):
    session = stepped_session("gender", 25)
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    text = view.tooltip_text_at(view.node_center(2, 0))
    assert "P(female)" in text
    assert f"a = {precise(snap.last_step.activations[2][0][0])}" in text
    assert f"target = {precise(snap.last_step.targets[0][0])}" in text
    inputs = view.tooltip_text_at(view.node_center(0, 1))
    assert "height − 66 in" in inputs and f"x = {precise(snap.last_step.activations[0][0][1])}" in inputs


def test_connection_at_its_midpoint_and_its_tooltip(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    # (layer, i_out, j_in): weight W[layer - 1][i_out, j_in]
    for layer, i, j in [(1, 0, 0), (1, 9, 1), (2, 0, 4), (2, 0, 9)]:
        a, b = view.node_center(layer - 1, j), view.node_center(layer, i)
        mid = (a + b) / 2
        assert view.connection_at(mid) == (layer, i, j)
        text = view.tooltip_text_at(mid)
        w, dw = snap.weights[layer - 1][i, j], snap.update_W[layer - 1][i, j]
        a = snap.last_step.activations[layer - 1][0][j]
        assert f"w = {precise(w)}" in text
        assert f"{'x' if layer == 1 else 'a'} = {precise(a)}" in text
        assert f"= {precise((w - dw) * a)}" in text  # w·a with the weight the forward pass used
        assert f"∂L/∂w = {precise(snap.last_step.grad_W[layer - 1][i, j])}" in text  # the engine's, of the batch
        assert f"last Δw = {precise(dw)}" in text
    # Over a neuron it is the neuron, not the connections beneath it.
    assert view.connection_at(view.node_center(1, 0)) is None
    assert view.connection_at(QPointF(3, 3)) is None


def test_click_selects_a_neuron(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    view = make_view(qtbot, session)
    view.show_snapshot(session.snapshot(with_surface=True))
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.neuron_selected, timeout=1000) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.node_center(1, 6).toPoint())
    assert clicked.args == [1, 6]
    assert view.selected_neuron == (1, 6)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPointF(3, 3).toPoint())
    assert view.selected_neuron is None


def test_circle_fill_is_the_first_samples_activation(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    image = view.grab().toImage()
    for index in (0, 5, 9):
        a = snap.last_step.activations[1][0][index]
        assert np.abs(rgb(image, view.node_center(1, index)) - as_rgb(value_color(a))).max() <= 2


def test_backward_phase_rings_neurons_in_the_delta_palette(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show_snapshot(snap, Phase("backward", 1))
    image = view.grab().toImage()
    delta = snap.last_step.deltas[0][0]
    # The ring's middle is 4.5 px outside the neuron; above the topmost one nothing else is drawn.
    ring = view.node_center(1, 0) - QPointF(0, view.node_size / 2 + 4.5)
    expected = as_rgb(delta_color(delta[0] / symmetric_level(delta)))
    assert np.abs(rgb(image, ring) - expected).max() <= 3


def test_input_feature_maps_grow_rightwards_and_upwards(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    view = make_view(qtbot, session)
    view.show_snapshot(session.snapshot(with_surface=True))
    image = view.grab().toImage()
    positive = np.array(POSITIVE)

    def distance_to_positive(point):
        return np.abs(rgb(image, point) - positive).sum()

    x_map, y_map = view.node_center(0, 0), view.node_center(0, 1)
    # x1's map is most positive on the right, x2's at the top (y grows upwards, as on the plane).
    assert distance_to_positive(x_map + QPointF(6, 0)) < distance_to_positive(x_map + QPointF(-6, 0))
    assert distance_to_positive(y_map + QPointF(0, -6)) < distance_to_positive(y_map + QPointF(0, 6))


def test_hidden_heatmap_is_the_neurons_surface(qtbot, stepped_session):
    session = stepped_session("xor", 200)
    snap = session.snapshot(with_surface=True)
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    image = view.grab().toImage()
    grid = snap.surface.layers[0]
    k = int(np.argmax(np.ptp(grid.reshape(len(grid), -1), axis=1)))  # the neuron with most contrast
    centre = view.node_center(1, k)
    res = grid.shape[1]
    size = view.node_size
    for fx, fy in [(0.3, 0.3), (0.7, 0.3), (0.3, 0.7), (0.7, 0.7), (0.5, 0.5)]:
        # (fx, fy): fractions of the plane, y upwards, mapped onto the neuron's square.
        point = centre + QPointF((fx - 0.5) * size, (0.5 - fy) * size)
        value = grid[k, round(fy * (res - 1)), round(fx * (res - 1))]
        assert np.abs(rgb(image, point) - as_rgb(value_color(value))).max() <= 40


def test_big_layers_show_their_first_and_last_neurons(qtbot):
    session = random_session((784, 40, 10))
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    assert view.node_center(0, 400) is None and view.node_center(1, 20) is None
    for layer, index in [(0, 0), (0, 3), (0, 783), (1, 39), (2, 9)]:
        assert view.neuron_at(view.node_center(layer, index)) == (layer, index)
    text = view.tooltip_text_at(view.node_center(1, 39))
    w = snap.weights[0][39]
    assert f"incoming weights (784), |w| ≤ {precise(np.abs(w).max())}; strongest:" in text
    j = int(np.argmax(np.abs(w)))
    assert f"from pixel {j}: {precise(w[j])}" in text
    assert "first sample of a batch of 8" in text
    for phase in step_phases(2):
        view.show_snapshot(snap, phase)
        assert not view.grab().isNull()


def test_flow_animates_only_while_a_layer_is_passing(qtbot, stepped_session):
    session = stepped_session("xor", 25)
    snap = session.snapshot()
    view = make_view(qtbot, session)
    view.show()
    qtbot.waitExposed(view)
    view.show_snapshot(snap, Phase("forward", 1))
    assert view.is_animating
    view.show_snapshot(snap, Phase("loss"))
    assert not view.is_animating
    view.show_snapshot(snap)
    assert not view.is_animating


def test_before_the_first_step_and_after_a_rebuild(qtbot, stepped_session):
    fresh = stepped_session("xor", 0)
    view = make_view(qtbot, fresh)
    snap = fresh.snapshot(with_surface=True)
    assert snap.last_step is None
    for phase in [None, *step_phases(2)]:
        view.show_snapshot(snap, phase)
        assert not view.grab().isNull()
    assert "no step yet" in view.tooltip_text_at(view.node_center(1, 0))
    # A snapshot of another network, still in flight after a rebuild, is ignored.
    view.show_snapshot(stepped_session("gender", 3).snapshot())
    assert "no step yet" in view.tooltip_text_at(view.node_center(1, 0))


def _tile_pixels(image, view, layer: int, index: int):
    """The sums of R+G+B of the tile of neuron (layer, index), as an array [row, column], and its side."""
    centre, side = view.node_center(layer, index), view.node_size
    left, top = round(centre.x() - side / 2), round(centre.y() - side / 2)
    n = int(side)
    return np.array([[sum(image.pixelColor(left + x, top + y).getRgb()[:3]) for x in range(n)]
                     for y in range(n)]), n


def test_a_one_input_network_draws_each_neuron_s_activation_curve(qtbot, stepped_session):
    from nnviz.gui.diagram.curve_tiles import height_fraction

    session = stepped_session("sin", 300)
    snap = session.snapshot(with_surface=True)
    view = make_view(qtbot, session, size=(700, 460))
    view.show_snapshot(snap)
    assert view.shows_heatmaps  # tiles, not plain circles
    image = view.grab().toImage()
    surface = snap.surface
    x0, x1 = surface.extent[:2]
    dark = 3 * 140  # the curve is drawn in near-black; the lightened colour bands are far brighter
    for layer, index in [(1, i) for i in range(snap.sizes[1])] + [(0, 0)]:
        pixels, n = _tile_pixels(image, view, layer, index)
        def row_at(column: float) -> int:
            x = x0 + (column + 0.5) / n * (x1 - x0)
            if layer == 0:  # the input's curve is x itself, on the scale of the largest |x|
                height = height_fraction(x / max(abs(x0), abs(x1)), (-1.0, 1.0))
            else:  # tanh neurons: their curves span −1..1
                height = height_fraction(np.interp(x, surface.xs, surface.layers[0][index, 0]), (-1.0, 1.0))
            return int((1 - height) * n)

        for column in range(4, n - 4, 3):
            row = row_at(column)
            assert pixels[max(row - 2, 0):row + 3, column].min() < dark, (layer, index, column)
            if abs(row_at(column - 2) - row_at(column + 2)) > 2:
                continue  # a steep stretch: the line crosses many rows of this column
            zero = int((1 - height_fraction(0.0, (-1.0, 1.0))) * n)  # the dashed line of a = 0
            away = [r for r in range(3, n - 3) if abs(r - row) > 6 and abs(r - zero) > 1]
            assert pixels[away, column].min() > dark, (layer, index, column)  # nothing else is that dark
