"""Matrix heatmaps label what fits: index ticks that never overlap (first and last included where
they fit), and cell numbers — biases too — whenever they fit the cells as drawn."""

import pytest
from PySide6.QtGui import QFontMetricsF, QPainter, QPicture
from PySide6.QtWidgets import QApplication

from nnviz.gui import theme
from nnviz.gui.charts.cell_numbers import PAD_X
from nnviz.gui.charts.gradient_check import GradientCheckView
from nnviz.gui.charts.index_ticks import tick_positions
from nnviz.gui.charts.weight_matrices import WeightsView
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession


def drawn_labels(axis) -> list[tuple[str, object]]:
    """(text, rect) of every tick label `axis` draws now, in the order along the axis."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    horizontal = axis.orientation in ("top", "bottom")
    labels = [(text, rect) for rect, _flags, text in texts]
    return sorted(labels, key=lambda label: label[1].left() if horizontal else label[1].top())


def assert_apart(labels, horizontal: bool) -> None:
    for (a, ra), (b, rb) in zip(labels, labels[1:]):
        end, start = (ra.right(), rb.left()) if horizontal else (ra.bottom(), rb.top())
        assert end <= start, f"{a!r} and {b!r} overlap"


def settle(qtbot, view, condition=lambda: True):
    QApplication.processEvents()  # the layout settles: widths by columns, bias strips
    qtbot.waitUntil(condition, timeout=5000)


@pytest.fixture
def weights(qtbot):
    v = WeightsView()
    qtbot.addWidget(v)
    v.resize(1100, 480)  # the tab at a 1440×900 window
    v.show()
    qtbot.waitExposed(v)
    return v


def _show(view, preset, steps=25):
    session = build_session(get_preset(preset))
    for _ in range(steps):
        session.step()
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    return snap


def test_a_step_skips_indices_but_keeps_the_last_where_it_fits():
    assert tick_positions(16, 30.0, 14.0, 8.0) == list(range(16))
    assert tick_positions(16, 12.0, 14.0, 8.0) == [0, 2, 4, 6, 8, 10, 12, 15]  # 15 takes 14's place
    assert tick_positions(16, 6.0, 14.0, 8.0) == [0, 5, 10, 15]
    assert tick_positions(784, 0.5, 21.0, 8.0, ends_px=(7.0, 21.0)) == [0, 100, 200, 300, 400, 500, 600, 700]


def test_tick_labels_of_a_16_wide_matrix_do_not_overlap_and_name_first_and_last(qtbot, weights):
    _show(weights, "spiral")
    settle(qtbot, weights)
    for item in weights.layers:
        n_out, n_in = item.shape
        for name, n, horizontal in (("bottom", n_in, True), ("left", n_out, False)):
            labels = drawn_labels(item.w_plot.getAxis(name))
            assert_apart(labels, horizontal)
            texts = [text for text, _rect in labels]
            assert texts[0] == "0" and texts[-1] == str(n - 1), (item.layer, name, texts)
            assert texts == sorted(texts, key=int)
    # W2 (16×16) at this size cannot fit all 16 column numbers: a round step, not a jumble.
    assert [text for text, _ in drawn_labels(weights.layers[1].w_plot.getAxis("bottom"))] != [str(j) for j in range(16)]


def test_a_1x10_matrix_prints_its_values_in_a_strip_not_a_band(qtbot, weights):
    snap = _show(weights, "xor")
    w1, w2 = weights.layers
    settle(qtbot, weights, lambda: w2.numbers.printed)
    W2 = snap.weights[1]
    texts = [label.textItem.toPlainText() for label in w2.numbers.labels[0]]
    assert texts == [theme.short(v, tiny=False) for v in W2[0]]
    assert all(label.isVisible() for label in w2.numbers.labels[0])
    cell_w, cell_h = w2.numbers.cell_size()
    metrics = QFontMetricsF(w2.numbers.labels[0][0].textItem.font())
    assert max(metrics.horizontalAdvance(t) for t in texts) + 2 * PAD_X <= cell_w  # each fits its cell
    # One row is a strip a few lines tall, not stretched to the height of W1's ten rows.
    assert w2.w_plot.vb.height() < 0.5 * w1.w_plot.vb.height()
    assert cell_h < 6 * metrics.height()


def test_bias_values_are_printed_in_a_strip_wide_enough_for_them(qtbot, weights):
    snap = _show(weights, "xor")
    w1 = weights.layers[0]
    settle(qtbot, weights, lambda: w1.b_numbers.printed)
    texts = [row[0].textItem.toPlainText() for row in w1.b_numbers.labels]
    assert texts == [theme.short(v, tiny=False) for v in snap.biases[0]]
    metrics = QFontMetricsF(w1.b_numbers.labels[0][0].textItem.font())
    assert w1.b_numbers.cell_size()[0] >= max(metrics.horizontalAdvance(t) for t in texts) + 2 * PAD_X
    weights.delta_check.setChecked(True)  # the last update's Δb ("−7e−3": wider), likewise
    expected = [theme.compact(v) for v in snap.update_b[0]]
    settle(qtbot, weights, lambda: [row[0].textItem.toPlainText() for row in w1.b_numbers.labels] == expected)
    assert w1.b_numbers.printed


def test_numbers_appear_when_the_cells_grow_and_go_when_they_shrink(qtbot, weights):
    _show(weights, "spiral")
    settle(qtbot, weights)
    w2 = weights.layers[1]
    assert not w2.numbers.printed  # 16×16 cells of a few pixels
    w2.w_plot.vb.setRange(xRange=(-0.5, 2.5), yRange=(-0.5, 2.5), padding=0)  # zoomed in: 3×3 cells
    assert w2.numbers.printed and w2.numbers.labels[0][0].isVisible()
    w2.w_plot.vb.setRange(xRange=(-0.5, 15.5), yRange=(-0.5, 15.5), padding=0)
    assert not w2.numbers.printed and not w2.numbers.labels[0][0].isVisible()
    weights.resize(420, 480)  # XOR's W2 in a narrow tab: no room for its numbers
    _show(weights, "xor")
    settle(qtbot, weights)
    assert not weights.layers[1].numbers.printed
    weights.resize(1400, 480)
    settle(qtbot, weights, lambda: weights.layers[1].numbers.printed)


@pytest.fixture
def checks(qtbot):
    view = GradientCheckView()
    qtbot.addWidget(view)
    view.resize(1100, 360)
    view.show()
    yield view
    view.shutdown()


def test_gradient_heatmaps_label_first_and_last_index_without_overlap(qtbot, checks):
    session = build_session(get_preset("xor"))
    session.step()
    checks.reset(NewSession.of(session))
    checks.show_snapshot(session.snapshot())
    with qtbot.waitSignal(checks.check_finished, timeout=60_000):
        checks.check()
    settle(qtbot, checks)
    heatmaps = checks.heatmaps
    assert heatmaps.ticks[0].ticks("left")[0] == (0, "0") and heatmaps.ticks[0].ticks("left")[-1] == (9, "9")
    for plot, layer in zip(heatmaps.plots, heatmaps.check.layers):
        for name, indices, horizontal in (("left", layer.rows, False), ("bottom", layer.cols, True)):
            labels = drawn_labels(plot.getAxis(name))
            assert_apart(labels, horizontal)
            texts = [text for text, _rect in labels]
            assert texts[0] == str(indices[0]) and texts[-1] == str(indices[-1]), (layer.layer, name, texts)
            assert all(float(t).is_integer() for t in texts)  # whole indices
