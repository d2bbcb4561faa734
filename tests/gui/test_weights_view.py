"""WeightsView: one heatmap per layer showing exactly the snapshot's W and b (or ΔW and Δb)."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QApplication

from nnviz.data.dataset import Dataset
from nnviz.gui import theme
from nnviz.gui.charts.weight_matrices import WeightsView
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession


@pytest.fixture
def view(qtbot):
    v = WeightsView()
    qtbot.addWidget(v)
    v.resize(1100, 480)
    v.show()
    qtbot.waitExposed(v)
    return v


def expected_level(W, b):
    return max(theme.symmetric_level(W), theme.symmetric_level(b))


def test_images_equal_each_layers_weights_and_biases_with_symmetric_levels(view, stepped_session):
    session = stepped_session("xor", 25)
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    assert [item.shape for item in view.layers] == [(10, 2), (1, 10)]
    for item, W, b in zip(view.layers, snap.weights, snap.biases):
        np.testing.assert_array_equal(item.w_image.image, W)
        np.testing.assert_array_equal(item.b_image.image, b.reshape(-1, 1))
        level = expected_level(W, b)
        for image in (item.w_image, item.b_image):
            lo, hi = image.getLevels()
            assert lo == -hi == -level
        assert tuple(item.bar.levels()) == (-level, level)
    assert [item.title.text for item in view.layers] == ["W1 (10×2) + b1", "W2 (1×10) + b2"]


def test_delta_toggle_shows_the_last_update_in_the_delta_colours(view, stepped_session):
    session = stepped_session("xor", 25)
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    before = view.layers[0].w_image.lut.copy()
    view.delta_check.setChecked(True)  # redraws the snapshot it has, no new one needed
    assert view.show_updates
    for item, dW, db in zip(view.layers, snap.update_W, snap.update_b):
        np.testing.assert_array_equal(item.w_image.image, dW)
        np.testing.assert_array_equal(item.b_image.image, db.reshape(-1, 1))
        level = expected_level(dW, db)
        assert item.w_image.getLevels()[1] == level and item.w_image.getLevels()[0] == -level
    lut = view.layers[0].w_image.lut
    assert not np.array_equal(lut, before)
    np.testing.assert_array_equal(lut[0][:3], theme.DELTA_NEGATIVE)
    np.testing.assert_array_equal(lut[-1][:3], theme.DELTA_POSITIVE)
    assert view.layers[0].title.text == "ΔW1 (10×2) + Δb1"
    assert "last step" in view.legend_label.text()
    view.delta_check.setChecked(False)
    np.testing.assert_array_equal(view.layers[0].w_image.image, snap.weights[0])
    np.testing.assert_array_equal(view.layers[0].w_image.lut[-1][:3], theme.POSITIVE)


def test_delta_before_the_first_step_shows_zeros(view):
    session = build_session(get_preset("xor"))
    view.reset(NewSession.of(session))
    view.delta_check.setChecked(True)
    view.show_snapshot(session.snapshot())
    assert not np.any(view.layers[0].w_image.image)
    assert "no update yet" in view.legend_label.text()


def test_reset_for_a_new_architecture_changes_the_images(view, stepped_session):
    view.set_layers((2, 10, 1))
    assert len(view.layers) == 2
    view.set_layers((2, 4, 3, 1))
    assert len(view.layers) == 3
    assert len(view.graphics.ci.items) == 3  # one sub-layout per layer, nothing left over
    assert [item.shape for item in view.layers] == [(4, 2), (3, 4), (1, 3)]
    # A snapshot of another network rebuilds instead of drawing into the wrong shapes.
    view.show_snapshot(stepped_session("gender", 3).snapshot())
    assert [item.shape for item in view.layers] == [(2, 2), (1, 2)]


def test_hover_names_the_cell_and_its_value(view, stepped_session, qtbot):
    session = stepped_session("xor", 25)
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    QApplication.processEvents()  # the layout settles (matrices share the width by their columns)
    item = view.layers[0]
    scene_pos = item.w_plot.vb.mapViewToScene(QPointF(1, 6))  # column 1, row 6
    widget_pos = view.graphics.mapFromScene(scene_pos)
    qtbot.mouseMove(view.graphics.viewport(), QPoint(widget_pos.x(), widget_pos.y()))
    qtbot.waitUntil(lambda: view.readout.text().startswith("W1"), timeout=2000)
    assert view.readout.text() == f"W1[6, 1] = {theme.precise(snap.weights[0][6, 1])}"
    assert item.cursor.isVisible() and item.cursor.pos() == QPointF(1, 6)
    b_pos = view.graphics.mapFromScene(item.b_plot.vb.mapViewToScene(QPointF(0, 3)))
    qtbot.mouseMove(view.graphics.viewport(), QPoint(b_pos.x(), b_pos.y()))
    qtbot.waitUntil(lambda: view.readout.text().startswith("b1"), timeout=2000)
    assert view.readout.text() == f"b1[3] = {theme.precise(snap.biases[0][3])}"


def test_mnist_sized_network_draws_its_200x784_matrix(view):
    rng = np.random.default_rng(0)
    x = rng.random((20, 784), dtype=np.float32)
    labels = np.arange(20) % 10
    data = Dataset("random", x, labels, x, labels, tuple("0123456789"), tuple(f"p{i}" for i in range(784)))
    session = build_session(get_preset("mnist-book"), dataset=data)
    session.step()
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    np.testing.assert_array_equal(view.layers[0].w_image.image, snap.weights[0])
    assert view.layers[0].title.text == "W1 (200×784) + b1"
    view.grab()  # paints without error


def test_small_matrices_print_each_weight_in_its_cell(view):
    session = build_session(get_preset("gender"))
    for _ in range(40):
        session.step()
    view.reset(NewSession.of(session))
    snap = session.snapshot()
    view.show_snapshot(snap)
    W1 = snap.weights[0]
    texts = [[label.textItem.toPlainText() for label in row] for row in view.layers[0].numbers.labels]
    assert texts == [[theme.short(W1[i, j], tiny=False) for j in range(2)] for i in range(2)]
    view.delta_check.setChecked(True)
    assert view.layers[0].numbers.labels[1][0].textItem.toPlainText() == theme.compact(snap.update_W[0][1, 0])
    view.set_layers((784, 200, 10))
    assert view.layers[0].numbers.labels == []  # far too many cells to print


def test_numbers_use_the_minus_sign_and_never_read_minus_zero(view):
    """Before the first step ΔW is all zeros: "0.00" in every cell, not "-0.0e+00"; colour bars and
    hover read −0.4, not -0.4."""
    session = build_session(get_preset("gender"))
    view.reset(NewSession.of(session))
    view.delta_check.setChecked(True)
    view.show_snapshot(session.snapshot())
    texts = {label.textItem.toPlainText() for row in view.layers[0].numbers.labels for label in row}
    assert texts == {"0.00"}
    view.delta_check.setChecked(False)
    texts = [label.textItem.toPlainText() for row in view.layers[1].numbers.labels for label in row]
    assert all("-" not in t and "e+" not in t for t in texts)
    axis = view.layers[0].bar.getAxis("right")
    assert axis.tickStrings([-0.4, -0.0, 0.4], 1, 0.2) == ["\u22120.4", "0", "0.4"]
    W2 = session.network.weights[1]
    j = int(np.argmin(W2[0]))
    assert W2[0, j] < 0
    assert view.cell_text(2, 0, j) == f"W2[0, {j}] = \u2212{abs(W2[0, j]):.4g}"
