"""The receptive-field tiles fit the tab they are in: at 1280×800, 1440×900 and 1920×1080 every tile of
mnist-fast (256) and mnist-book (200) is in view without scrolling, square, as large as fits, with a
visible gap between tiles; a resize lays them out again; hovering still names the tile's neuron; the
deeper layers beside them keep readable heatmaps; and where even tiles of MIN_TILE_PX do not fit, the
tab scrolls instead of shrinking them further."""

import pytest
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtWidgets import QFrame, QScrollArea

from nnviz.gui.charts.receptive_fields import ReceptiveFieldsView
from nnviz.gui.charts.tile_mosaic import MIN_TILE_PX
from nnviz.gui.window.main_window import MainWindow

from test_receptive_fields import plain

READABLE_HEATMAP = 60  # pixels each way: a matrix's rows and columns still tell apart, its axes numbered


def settle(qtbot, page: QScrollArea, view: ReceptiveFieldsView, still: int = 4) -> None:
    """Wait until the layout stops moving: the view, the tiles, the splitter and the scroll bars all
    stay put for `still` looks in a row (a resize reaches the scroll bars in several rounds of events,
    and on a busy machine a round can take longer than one look's wait)."""
    state, same = None, 0
    for _ in range(200):
        now = (view.size(), view.canvas.size(), view.canvas.minimumHeight(), tuple(view.splitter.sizes()),
               view.tile_columns, page.verticalScrollBar().maximum(), page.horizontalScrollBar().maximum())
        same = same + 1 if now == state else 0
        if same == still:
            return
        state = now
        qtbot.wait(30)
    raise AssertionError("the receptive-fields layout never settled")


def in_viewport(page: QScrollArea, widget, rect: QRectF) -> QRectF:
    """`rect` in `widget`'s coordinates, as it lies in the scroll area's viewport."""
    return QRectF(widget.mapTo(page.viewport(), rect.topLeft().toPoint()), rect.size())


def assert_tiles_fit(page: QScrollArea, view: ReceptiveFieldsView) -> None:
    canvas = view.canvas
    assert page.verticalScrollBar().maximum() == 0 and page.horizontalScrollBar().maximum() == 0
    visible = QRectF(page.viewport().rect())
    rects = [canvas.tile_rect(i) for i in range(view.tile_count)]
    assert all(visible.contains(in_viewport(page, canvas, r)) for r in rects)  # every tile, whole
    assert all(QRectF(canvas.rect()).contains(r) for r in rects)
    side = rects[0].width()
    assert all(r.width() == r.height() == side for r in rects)  # square, and all the same
    assert side >= MIN_TILE_PX
    cols = view.tile_columns
    gap = rects[1].left() - rects[0].right()
    assert 1 <= gap <= 3  # thin, but there
    # As large as fits: the grid uses up the width or the height (less the canvas' 4-device-pixel
    # margin), short by less than a pixel a tile.
    rows = -(-view.tile_count // cols)
    margin = 4 / canvas.devicePixelRatioF()
    spare_w = canvas.width() - margin - (cols * (side + gap) - gap)
    spare_h = canvas.height() - margin - (rows * (side + gap) - gap)
    assert min(spare_w, spare_h) >= 0 and (spare_w < cols or spare_h < rows)


def assert_deeper_layers_readable(page: QScrollArea, view: ReceptiveFieldsView) -> None:
    deeper = view.deeper
    assert deeper.width() >= deeper.minimumSizeHint().width()  # its toolbar is never clipped
    n_out, n_in = deeper.layers[0].shape
    longest = deeper.cell_text(1, n_out - 1, n_in - 1)  # "W2[127, 255] = −0.1235": the readout has room
    assert deeper.readout.width() >= deeper.readout.fontMetrics().horizontalAdvance(longest)
    visible = QRectF(page.viewport().rect())
    for item in deeper.layers:
        box = deeper.graphics.mapFromScene(item.w_plot.vb.sceneBoundingRect()).boundingRect()
        box = in_viewport(page, deeper.graphics, QRectF(box))
        assert visible.contains(box)
        assert box.width() >= READABLE_HEATMAP and box.height() >= READABLE_HEATMAP


def assert_hover_names(qtbot, view: ReceptiveFieldsView, i: int) -> None:
    centre = view.canvas.tile_rect(i).center().toPoint()
    qtbot.mouseMove(view.canvas, centre)
    qtbot.waitUntil(lambda: f"neuron {i} of {view.tile_count}" in view.readout.text(), timeout=2000)
    assert view.canvas.hover[0] == i


@pytest.fixture
def open_fields(qtbot, tmp_path):
    """open_fields(preset, size): a window on the preset's bundled MNIST with the Receptive fields tab
    shown and drawn, and the scroll area the tab holds it in."""
    from nnviz.data.bundled import bundled_mnist_dir

    def open_window(preset: str, size: tuple[int, int]):
        settings = QSettings(str(tmp_path / "nnviz.ini"), QSettings.Format.IniFormat)
        window = MainWindow(preset, data_dir=bundled_mnist_dir(), settings=settings)
        qtbot.addWidget(window)
        window.show()
        window.resize(*size)
        qtbot.waitUntil(lambda: window.info is not None and window.info.dataset.name == "mnist", timeout=10000)
        assert window.tabs.show_tab("fields")
        view = window.receptive_fields
        window.transport.step_batch.trigger()
        qtbot.waitUntil(lambda: view.mosaic() is not None, timeout=10000)
        page = window.tabs.currentWidget()
        assert isinstance(page, QScrollArea) and page.widget() is view
        settle(qtbot, page, view)
        return window, page, view

    return open_window


def test_the_tiles_of_mnist_fast_fit_at_1440x900_and_refit_as_the_window_is_resized(qtbot, open_fields):
    window, page, view = open_fields("mnist-fast", (1440, 900))
    assert view.tile_count == 256
    sides = {}
    for size in [(1440, 900), (1280, 800), (1920, 1080)]:
        window.resize(*size)
        settle(qtbot, page, view)
        assert_tiles_fit(page, view)
        assert_deeper_layers_readable(page, view)
        sides[size] = (view.canvas.tile_rect(0).width(), view.tile_columns)
        assert_hover_names(qtbot, view, 200)  # the layout the mouse finds is the one drawn
        assert_hover_names(qtbot, view, 255)
    # Bigger windows, bigger tiles (and another number of columns).
    assert sides[(1280, 800)][0] < sides[(1440, 900)][0] < sides[(1920, 1080)][0]
    assert len({cols for _, cols in sides.values()}) > 1
    window.close()


def test_the_tiles_of_mnist_book_fit_at_1280x800(qtbot, open_fields):
    window, page, view = open_fields("mnist-book", (1280, 800))
    assert view.tile_count == 200
    assert_tiles_fit(page, view)
    assert_deeper_layers_readable(page, view)
    assert_hover_names(qtbot, view, 199)
    window.close()


def scrolled_view(qtbot, size) -> tuple[QScrollArea, ReceptiveFieldsView]:
    """A view of 784-256-128-10 in a scroll area like the tab's, of `size`."""
    view = ReceptiveFieldsView()
    page = QScrollArea()
    page.setWidget(view)
    page.setWidgetResizable(True)
    page.setFrameShape(QFrame.Shape.NoFrame)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    view.reset(plain((784, 256, 128, 10)))
    settle(qtbot, page, view)
    return page, view


def test_a_tab_too_small_for_readable_tiles_scrolls_instead_of_shrinking_them(qtbot):
    page, view = scrolled_view(qtbot, (932, 240))  # the tab at 1280×800, less 80 pixels of height
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0, timeout=2000)
    settle(qtbot, page, view)
    side = view.canvas.tile_rect(0).width()
    assert side >= MIN_TILE_PX
    canvas = QRectF(view.canvas.rect())
    assert all(canvas.contains(view.canvas.tile_rect(i)) for i in range(256))  # scrolled to, never cut off
    # Given the height again, the tiles fit without scrolling.
    page.resize(932, 322)
    settle(qtbot, page, view)
    assert page.verticalScrollBar().maximum() == 0 and view.canvas.tile_rect(0).width() > side


def test_the_view_asks_the_scroll_area_only_for_the_room_it_cannot_do_without(qtbot):
    page, view = scrolled_view(qtbot, (932, 322))
    # Its panes would like far more than the tab has; what it needs at this width is less.
    assert view.splitter.sizeHint().height() > page.viewport().height()
    assert view.heightForWidth(view.width()) <= page.viewport().height() == view.height()
    assert view.canvas.height() >= view.canvas.minimumHeight()
