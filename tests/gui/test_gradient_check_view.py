"""The gradient-check tab: a check runs apart from the window and shows pass or fail per layer,
with a heatmap of every checked weight's error; breaking backprop makes it fail visibly."""

import multiprocessing

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.gui.charts.gradient_check import GradientCheckView
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.gradient_check import Break, BreakKind

RESULT = 4  # the table's "Result" column


@pytest.fixture
def view(qtbot):
    view = GradientCheckView()
    qtbot.addWidget(view)
    view.resize(1100, 360)
    view.show()
    yield view
    view.shutdown()


def _show(view, name="xor", steps=5, **kwargs):
    preset = get_preset(name)
    session = build_session(preset, **kwargs)
    for _ in range(steps):
        session.step()
    view.reset(NewSession.of(session, preset))
    view.show_snapshot(session.snapshot())
    return session


def _check(qtbot, view):
    with qtbot.waitSignal(view.check_finished, timeout=60_000) as finished:
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
        assert view.is_checking and not view.check_button.isEnabled()  # busy, and the window goes on
    return finished.args[0]


def _results(view):
    return [view.table.item(row, RESULT).text() for row in range(view.table.rowCount())]


def _red_cells(image):
    rgba = image.image.astype(int)
    return int(np.sum((rgba[..., 3] == 255) & (rgba[..., 0] > rgba[..., 1] + 60)))


def test_checking_shows_pass_for_every_layer_and_a_heatmap_per_matrix(qtbot, view):
    _show(view, "xor")
    result = _check(qtbot, view)
    assert result.passed
    assert _results(view) == ["pass", "pass"]
    assert view.table.item(0, 0).text() == "hidden 1" and view.table.item(1, 1).text() == "all 10"
    assert "Backprop passes" in view.status.text()
    assert view.sample_label.text().startswith("Sample: training sample")
    assert len(view.heatmaps.images) == 2
    assert all(_red_cells(image) == 0 for image in view.heatmaps.images)
    assert view.check_button.isEnabled()
    assert multiprocessing.active_children() == []


def test_breaking_backprop_makes_the_check_fail_in_red(qtbot, view):
    _show(view, "gender")
    view.select_break(Break(BreakKind.DROP_F_PRIME, 1))
    _check(qtbot, view)
    assert _results(view) == ["FAIL", "pass"]
    assert "Backprop fails" in view.status.text() and "the check caught it" in view.status.text()
    assert _red_cells(view.heatmaps.images[0]) == 4 and _red_cells(view.heatmaps.images[1]) == 0
    view.select_break(Break(BreakKind.WRONG_SIGN))
    _check(qtbot, view)
    assert _results(view) == ["FAIL", "FAIL"]


def test_picking_a_break_checks_again_at_once(qtbot, view):
    _show(view, "xor")
    with qtbot.waitSignal(view.check_finished, timeout=60_000):
        view.break_choice.setCurrentIndex(view.break_choice.count() - 1)
        view.break_choice.activated.emit(view.break_choice.count() - 1)
    assert view.break_choice.currentText() == "wrong sign of δ at the output"
    assert _results(view) == ["FAIL", "FAIL"]


def test_an_mnist_network_is_checked_on_a_block_of_each_matrix(qtbot, view, mnist_data_dir):
    _show(view, "mnist-fast", steps=2, data_dir=mnist_data_dir, limit_train=600)
    _check(qtbot, view)
    assert _results(view) == ["pass", "pass", "pass"]
    assert view.table.item(0, 1).text() == "400 of 200,704"
    assert view.table.item(0, 2).text() == "256"
    assert view.heatmaps.images[0].image.shape[:2] == (20, 20)


def test_shutdown_stops_a_running_check_and_leaves_no_process(qtbot, view):
    _show(view, "xor")
    view.check()
    assert view.is_checking
    view.shutdown()
    assert not view.is_checking
    assert multiprocessing.active_children() == []


def test_a_reset_forgets_the_last_check(qtbot, view):
    _show(view, "xor")
    _check(qtbot, view)
    _show(view, "gender")
    assert view.table.rowCount() == 0
    assert view.heatmaps.images == []
    assert view.break_choice.count() == 4  # none, drop f′ in hidden 1, at the output, wrong sign
    assert view.check_button.isEnabled()


def test_the_sample_line_is_all_chinese_and_names_a_regression_target(qtbot, view):
    import re

    from language_helpers import switch, zh

    _show(view, "sin")
    switch("zh_CN")
    try:
        result = _check(qtbot, view)
        sample = view.sample_label.text().split(" · ")[0]  # the rest: loss, count, time and float64's ε
        assert zh("GradientCheck", "{where}, target {name} = {value}").format(where="", name="y", value="") in sample
        assert re.findall(r"[A-Za-z]{2,}", sample) == [], sample  # no English, only numbers and y
        assert result.passed
    finally:
        switch("en")
    assert "target y = " in view.sample_label.text() and "class" not in view.sample_label.text()
