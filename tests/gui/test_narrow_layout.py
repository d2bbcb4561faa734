"""The window on a laptop screen: with the neuron inspector open at 1280×800 the surface panel's plot
shrinks with its panel and its title fits; the loss axis's label fits the plot's height; the legends
stay one row where they can; the preset's description is as tall as its wrapped text."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from nnviz.gui.charts.loss_plots import MIN_PLOT_HEIGHT, PlotsView
from nnviz.gui.window.main_window import MainWindow
from nnviz.gui.window.wrapped_label import WrappedLabel
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession

from language_helpers import switch


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "nnviz.ini"), QSettings.IniFormat)


def open_window(qtbot, settings, preset: str, size=(1280, 800)) -> MainWindow:
    window = MainWindow(preset, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.shown_snapshot is not None, timeout=10000)
    return window


def click_neuron(qtbot, window) -> None:
    diagram = window.network_view
    qtbot.waitUntil(lambda: diagram.node_center(1, 3) is not None, timeout=2000)
    qtbot.mouseClick(diagram, Qt.LeftButton, pos=diagram.node_center(1, 3).toPoint())
    qtbot.waitUntil(window.inspector.isVisible, timeout=2000)


def fits_in(graphics, plot) -> bool:
    """The plot's view box lies inside the visible part of its graphics widget, and its title is no
    wider than the widget."""
    box = graphics.mapFromScene(plot.vb.sceneBoundingRect()).boundingRect()
    title = plot.titleLabel.item.boundingRect().width()
    return graphics.viewport().rect().contains(box) and title <= graphics.width()


@pytest.mark.parametrize("preset", ["circle", "sin"])
def test_with_the_inspector_open_on_a_laptop_the_surface_panel_shrinks_and_its_title_fits(qtbot, settings, preset):
    window = open_window(qtbot, settings, preset)
    click_neuron(qtbot, window)
    surface = window.surface_view
    view = surface.curve_view if preset == "sin" else surface
    qtbot.waitUntil(lambda: view.graphics.width() < 400, timeout=3000)  # the dock took its share
    qtbot.waitUntil(lambda: fits_in(view.graphics, view.plot), timeout=3000)
    assert fits_in(view.graphics, view.plot)
    window.close()


def loss_view(qtbot, loss: str, size) -> PlotsView:
    preset = get_preset("spiral")
    if loss == "ce":
        preset = replace(preset, loss="ce", output="softmax", sizes=preset.sizes[:-1] + (2,))
    view = PlotsView()
    qtbot.addWidget(view)
    view.reset(NewSession.of(build_session(preset)))
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: view.loss_plot.vb.height() > 0, timeout=2000)
    return view


def label_fits(plot) -> bool:
    axis = plot.getAxis("left")
    return QFontMetricsF(axis.label.font()).horizontalAdvance(axis.label.toPlainText()) <= plot.vb.height()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [(932, 322), (576, 322), (1092, 378), (1067, 468)])
def test_the_loss_axis_label_fits_the_plots_height(qtbot, language, size):
    switch(language)
    view = loss_view(qtbot, "ce", size)
    qtbot.waitUntil(lambda: label_fits(view.loss_plot) and label_fits(view.accuracy_plot), timeout=2000)
    assert view.loss_plot.getAxis("left").labelText  # shortened, never emptied


def test_a_tall_enough_loss_plot_names_the_loss_on_its_axis(qtbot):
    view = loss_view(qtbot, "ce", (1067, 600))
    qtbot.waitUntil(lambda: view.loss_plot.vb.height() > 150, timeout=2000)
    assert view.loss_plot.getAxis("left").labelText == "loss (cross-entropy)"


def test_beside_the_inspector_on_a_laptop_the_legends_take_one_row_each(qtbot):
    view = loss_view(qtbot, "bce", (576, 322))
    qtbot.waitUntil(lambda: view.graphics.width() > 500, timeout=2000)
    assert (view.loss_legend.columns, view.accuracy_legend.columns) == (4, 3)
    assert min(view.loss_plot.vb.height(), view.accuracy_plot.vb.height()) >= MIN_PLOT_HEIGHT


def test_the_curves_view_asks_for_room_for_both_plots(qtbot):
    view = loss_view(qtbot, "bce", (300, 200))
    view.resize(300, view.minimumSizeHint().height())
    qtbot.waitUntil(lambda: view.height() == view.minimumSizeHint().height(), timeout=2000)
    qtbot.waitUntil(lambda: view.accuracy_plot.vb.height() >= MIN_PLOT_HEIGHT - 1, timeout=2000)
    assert view.loss_plot.vb.height() >= MIN_PLOT_HEIGHT - 1


def test_a_wrapped_chinese_description_is_never_squeezed_in_its_scrolling_panel(qtbot):
    switch("zh_CN")
    panel = QWidget()
    column = QVBoxLayout(panel)
    label = WrappedLabel("回归：一个周期上的 y = sin(x)，单个输入；看拟合曲线如何弯向数据点" * 2)
    column.addWidget(label)
    for _ in range(30):  # more than the scroll area's height: every widget gets its minimum
        column.addWidget(WrappedLabel("行"))
    scroll = QScrollArea()
    scroll.setWidget(panel)
    scroll.setWidgetResizable(True)
    qtbot.addWidget(scroll)
    scroll.resize(300, 200)
    scroll.show()
    qtbot.waitUntil(lambda: label.width() > 0, timeout=2000)
    assert label.height() >= label.heightForWidth(label.width()) > 2 * label.fontMetrics().height()


def test_the_preset_description_is_as_tall_as_its_text_at_1280_in_chinese(qtbot, settings):
    switch("zh_CN")
    window = open_window(qtbot, settings, "sin")
    for label in (window.controls.summary, window.controls.data.hint):
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=2000)
        assert label.height() >= label.heightForWidth(label.width())
    window.close()
