"""The receptive-fields view: the mosaic is W[0]'s rows as tiles, its colours are the weights, reset
changes the tiles, the scale and "learned so far" options do what they say, hovering names the neuron."""

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from nnviz.gui.theme import NEGATIVE, POSITIVE, precise, symmetric_level
from nnviz.gui.charts.receptive_fields import ReceptiveFieldsView
from nnviz.training import build_session, get_preset
from nnviz.engine.network import Network
from nnviz.data.dataset import Dataset
from nnviz.training.architecture import Architecture, NewSession

def plain(sizes, hidden="sigmoid", output="sigmoid"):
    """The architecture of a freshly initialised network of `sizes` (no dataset)."""
    net = Network(sizes, hidden=hidden, output=output)
    data = Dataset("digits", np.zeros((1, sizes[0]), np.float32), np.zeros(1, np.int64), np.zeros((1, sizes[0]), np.float32),
                   np.zeros(1, np.int64), tuple(str(k) for k in range(10)), tuple(f"x{j}" for j in range(sizes[0])),
                   image_shape=(28, 28) if sizes[0] == 784 else None)
    return NewSession(None, Architecture.of(net, data), data, 1)



@pytest.fixture(scope="module")
def snapshots(mnist_data_dir):
    """Snapshots of a 784-256-128-10 session before training and after a few steps."""
    session = build_session(get_preset("mnist-fast"), data_dir=mnist_data_dir, limit_train=2000)
    start = session.snapshot()
    for _ in range(3):
        session.step()
    return session, start, session.snapshot()


def make_view(qtbot, sizes, size=(900, 700)) -> ReceptiveFieldsView:
    view = ReceptiveFieldsView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.reset(plain(sizes))
    settle(qtbot, view)
    return view


def settle(qtbot, view) -> None:
    """Let the layout finish (the splitter picks its orientation from its size), so the tiles stay put."""
    sizes = None
    while sizes != (view.canvas.size(), view.splitter.sizes()):
        sizes = (view.canvas.size(), view.splitter.sizes())
        qtbot.wait(20)


def screen_pixel(view, i: int, r: int, c: int) -> QPoint:
    """The middle one of the screen pixels that show weight (r, c) of tile i, found through the
    view's own hit test (at one or two screen pixels per weight a computed centre can miss)."""
    rect = view.canvas.tile_rect(i).toAlignedRect()
    hits = [QPoint(x, y) for y in range(rect.top(), rect.bottom() + 1) for x in range(rect.left(), rect.right() + 1)
            if view.weight_at(QPoint(x, y)) == (i, r, c)]
    assert hits, f"weight ({r}, {c}) of tile {i} is drawn nowhere"
    return hits[len(hits) // 2]


def pixel(image, point: QPoint) -> np.ndarray:
    c = image.pixelColor(point)
    return np.array([c.red(), c.green(), c.blue()])


def test_mosaic_tiles_are_the_first_layer_rows(qtbot, snapshots):
    session, _, snap = snapshots
    view = make_view(qtbot, session.network.sizes)
    view.show_snapshot(snap)
    W = snap.weights[0]
    assert view.tile_count == 256 and view.tile_shape == (28, 28)
    mosaic = view.mosaic()
    cols = view.tile_columns
    assert mosaic.shape == (int(np.ceil(256 / cols)) * 29 - 1, cols * 29 - 1)
    for i in (0, 1, cols, 137, 255):
        r0, c0 = view.tile_origin(i)
        tile = mosaic[r0:r0 + 28, c0:c0 + 28]
        np.testing.assert_allclose(tile * view.tile_scale(i), W[i].reshape(28, 28), rtol=1e-6)
        assert view.tile_scale(i) == pytest.approx(np.abs(W[i]).max())
        assert np.isnan(mosaic[r0 + 28, c0]) if r0 + 28 < len(mosaic) else True  # the gap below
    # a few single weights: tile 17, pixel (row 5, column 20)
    r0, c0 = view.tile_origin(17)
    assert mosaic[r0 + 5, c0 + 20] * view.tile_scale(17) == pytest.approx(W[17, 5 * 28 + 20], rel=1e-6)


def test_drawn_tiles_are_coloured_by_their_weights(qtbot, snapshots):
    session, _, snap = snapshots
    view = make_view(qtbot, session.network.sizes)
    view.show_snapshot(snap)
    image = view.canvas.grab().toImage()
    W = snap.weights[0]
    for i in (3, 200):
        for j in (0, int(np.argmax(W[i])), int(np.argmin(W[i]))):
            screen_pixel(view, i, *divmod(j, 28))  # every weight is drawn somewhere in its tile
        # The tile's largest |w| is its scale's full colour, orange or blue by its sign.
        j = int(np.argmax(np.abs(W[i])))
        colour = pixel(image, screen_pixel(view, i, *divmod(j, 28)))
        assert np.abs(colour - (POSITIVE if W[i, j] > 0 else NEGATIVE)).max() <= 2


def test_reset_changes_the_tiles_and_the_deeper_layers(qtbot, snapshots):
    session, _, snap = snapshots
    view = make_view(qtbot, session.network.sizes)
    assert view.tile_count == 256 and view.deeper.isVisibleTo(view)
    assert [item.shape for item in view.deeper.layers] == [(128, 256), (10, 128)]
    assert view.deeper.layers[0].title.text == "W2 (128×256) + b2"
    view.reset(plain((784, 64, 10)))
    assert view.tile_count == 64 and [item.shape for item in view.deeper.layers] == [(10, 64)]
    view.reset(plain((784, 10)))
    assert view.tile_count == 10 and not view.deeper.isVisibleTo(view)
    # A snapshot of another network (one still in flight from before a rebuild) is not drawn.
    view.show_snapshot(snap)
    assert view.tile_count == 10 and view.mosaic() is None


def test_one_scale_for_all_tiles(qtbot, snapshots):
    session, _, snap = snapshots
    view = make_view(qtbot, session.network.sizes)
    view.show_snapshot(snap)
    view.global_check.setChecked(True)
    level = symmetric_level(snap.weights[0])
    assert view.tile_scale(0) == view.tile_scale(99) == pytest.approx(level)
    r0, c0 = view.tile_origin(99)
    np.testing.assert_allclose(view.mosaic()[r0:r0 + 28, c0:c0 + 28] * level,
                               snap.weights[0][99].reshape(28, 28), rtol=1e-6)


def test_learned_so_far_shows_the_change_since_the_start(qtbot, snapshots):
    session, start, snap = snapshots
    view = make_view(qtbot, session.network.sizes)
    view.show_snapshot(start)
    view.show_snapshot(snap)
    view.learned_check.setChecked(True)
    np.testing.assert_allclose(view.tile_values(), snap.weights[0].astype(np.float64) - start.weights[0])
    r0, c0 = view.tile_origin(5)
    change = (snap.weights[0][5].astype(np.float64) - start.weights[0][5]).reshape(28, 28)
    np.testing.assert_allclose(view.mosaic()[r0:r0 + 28, c0:c0 + 28] * view.tile_scale(5), change, rtol=1e-6,
                               atol=1e-12)


def test_hover_names_the_neuron_and_weight(qtbot, snapshots):
    session, _, snap = snapshots
    view = make_view(qtbot, session.network.sizes)
    view.show_snapshot(snap)
    qtbot.mouseMove(view.canvas, screen_pixel(view, 42, 3, 10))
    qtbot.waitUntil(lambda: "neuron 42 of 256" in view.readout.text(), timeout=1000)
    w = float(snap.weights[0][42, 3 * 28 + 10])
    assert f"pixel (3, 10): w = {'+' if w > 0 else ''}{precise(w)}" in view.readout.text()


def test_non_finite_weights_draw_quietly(qtbot, snapshots):
    session, _, snap = snapshots
    W = np.array(snap.weights[0])
    W[3, :10] = np.nan
    W[4, 0] = np.inf
    W[5] = 0.0
    broken = dataclasses.replace(snap, weights=(W, *snap.weights[1:]))
    view = make_view(qtbot, session.network.sizes)
    view.show_snapshot(broken)
    view.global_check.setChecked(True)
    view.canvas.grab()
    assert view.tile_scale(5) == pytest.approx(np.abs(W[np.isfinite(W)]).max())


@pytest.mark.parametrize("size", [(920, 360), (1560, 480)])  # the tab at 1280×800 and at 1920×1080
def test_deeper_layers_get_a_readable_share_beside_a_visible_grip(qtbot, size):
    view = make_view(qtbot, (784, 256, 128, 10), size=size)
    assert view.splitter.grip.isVisible() and view.splitter.grip.width() >= 8
    assert view.splitter.side_by_side  # a wide tab: each part gets a squarer room than a strip
    first, second = view.splitter.sizes()
    # Half each, unless the deeper layers' toolbar needs more (it is never clipped).
    assert second >= view.deeper.minimumSizeHint().width() and (abs(first - second) <= 2 or first < second)
    assert view.deeper.height() >= 250  # toolbar, titles, axes and heatmaps
    assert first >= 250 and view.canvas.tile_rect(0).width() >= 14  # 256 tiles, each still a readable image
    # A drag is kept when the tab is resized; without one the share follows the size.
    view.splitter.moveSplitter(first - 40, 1)
    assert view.splitter.sizes()[0] == first - 40
    view.resize(size[0] + 100, size[1])
    settle(qtbot, view)
    left, right = view.splitter.sizes()
    assert left < first + 100 and left / (left + right) < first / (first + second)


def test_a_tall_tab_puts_the_deeper_layers_below(qtbot):
    view = make_view(qtbot, (784, 256, 128, 10), size=(700, 900))
    assert not view.splitter.side_by_side
    assert view.deeper.height() >= 250 and view.canvas.height() >= 250


def test_a_network_without_deeper_layers_gives_the_tiles_all_the_room(qtbot):
    view = make_view(qtbot, (784, 32, 10), size=(920, 360))
    view.reset(plain((784, 10)))
    assert not view.deeper.isVisibleTo(view) and not view.splitter.grip.isVisibleTo(view)
    assert view.canvas.width() >= view.splitter.width() - 2
