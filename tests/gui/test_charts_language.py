"""The chart tabs switch language at run time: a change to Simplified Chinese re-titles their axes,
legends, controls and table heads and re-writes their readouts from what they show, without adding
anything twice; switching back gives the English again. The expected Chinese is read from the .ts."""

import pytest
from PySide6.QtCore import Qt

from nnviz.gui import theme
from nnviz.gui.charts import loss_plots
from nnviz.gui.charts.decision_surface import SurfaceView
from nnviz.gui.charts.evaluation import EvaluationView
from nnviz.gui.charts.gradient_check import GradientCheckView
from nnviz.gui.charts.loss_plots import PlotsView
from nnviz.gui.charts.receptive_fields import ReceptiveFieldsView
from nnviz.gui.charts.weight_matrices import WeightsView
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession

from language_helpers import FINISHED, switch



@pytest.fixture(scope="module")
def chinese():
    """{(context, English): Chinese} of the finished translations in nnviz_zh_CN.ts."""
    return FINISHED


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def shown(qtbot, view, width=900, height=600):
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def label(plot, side: str) -> str:
    return plot.getAxis(side).labelText


# -- the curves -------------------------------------------------------------------------------------


def test_curves_axes_legends_and_the_readout_switch_to_chinese_and_back(qtbot, monkeypatch, stepped_session,
                                                                          chinese):
    monkeypatch.setattr(loss_plots, "CURVE_INTERVAL", 0.0)
    view = shown(qtbot, PlotsView())
    session = stepped_session("xor", 40)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot())
    view.show_step(20)  # what hovering step 20 shows
    english = (label(view.loss_plot, "left"), label(view.accuracy_plot, "bottom"), view.loss_legend.names,
               view.accuracy_legend.names, view.readout_text(), view.log_check.text())
    assert english[0] == "loss (BCE)" and "step 20" in english[4]

    switch("zh_CN")
    assert label(view.loss_plot, "left") == chinese[("PlotsView", "loss ({name})")].format(name="BCE")
    assert label(view.accuracy_plot, "left") == chinese[("CurveReadout", "accuracy")]
    assert label(view.accuracy_plot, "bottom") == chinese[("PlotsView", "step")]
    assert view.log_check.text() == chinese[("PlotsView", "log scale (loss)")]
    assert view.loss_legend.names[0] == chinese[("PlotsView", "loss per step")]
    assert view.accuracy_legend.names[1] == chinese[("PlotsView", "train (epoch)")]
    assert all(has_cjk(name) for name in view.loss_legend.names + view.accuracy_legend.names)
    readout = view.readout_text()  # re-written from the history shown, without a new snapshot
    assert chinese[("CurveReadout", "step {step}")].format(step="20") in readout and "step 20" not in readout

    switch("en")
    assert (label(view.loss_plot, "left"), label(view.accuracy_plot, "bottom"), view.loss_legend.names,
            view.accuracy_legend.names, view.readout_text(), view.log_check.text()) == english
    # The legends were renamed, not filled again: each entry once, in one legend item each.
    assert len(view.loss_legend.legend.items) == 4 and len(view.accuracy_legend.legend.items) == 3


def test_switching_back_and_forth_never_adds_a_legend_entry(qtbot, stepped_session):
    view = shown(qtbot, SurfaceView(), 700, 560)
    session = stepped_session("gender", 10)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot(with_surface=True))
    entries = len(view.legend.names)
    for code in ("zh_CN", "en", "zh_CN", "en"):
        switch(code)
        assert len(view.legend.names) == len(view.legend.legend.items) == entries


# -- the decision surface -----------------------------------------------------------------------------


def test_surface_title_legend_and_message_switch_language(qtbot, stepped_session, chinese):
    view = shown(qtbot, SurfaceView(), 700, 560)
    session = stepped_session("xor", 5)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot(with_surface=True))
    english_title, english_legend = view.title, view.legend.names
    assert english_legend == ["class 0", "class 1", "boundary (p = 0.5)"]

    switch("zh_CN")
    names = view.legend.names
    assert names[0] == chinese[("SurfaceLabels", "class {name}")].format(name="0")
    assert names[-1] == chinese[("SurfaceView", "boundary (p = {threshold})")].format(threshold="0.5")
    assert view.title.startswith(chinese[("SurfaceLabels", "Network output {what}")].format(
        what="P(" + chinese[("SurfaceLabels", "class {name}")].format(name="1") + ")"))
    assert view.title.endswith(chinese[("SurfaceLabels", "after step {step}")].format(step="5"))
    assert view.message.text() == chinese[("SurfaceView", "Decision surface: available for 2-D datasets")]
    assert view.output_button.text() == chinese[("SurfaceView", "Show output")]

    switch("en")
    assert (view.title, view.legend.names) == (english_title, english_legend)
    assert view.message.text() == "Decision surface: available for 2-D datasets"


def shown_labels(flow_legend) -> list[str]:
    """The texts the legend draws (not the names it was given)."""
    return [label.text for _, label in flow_legend.legend.items]


def test_the_surface_legend_is_relabelled_in_place_with_every_entry_drawn_once(qtbot, stepped_session):
    view = shown(qtbot, SurfaceView(), 700, 560)
    session = stepped_session("xor", 5)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot(with_surface=True))
    drawn = view.legend.legend
    assert shown_labels(view.legend) == ["class 0", "class 1", "boundary (p = 0.5)"]

    for code in ("zh_CN", "en", "zh_CN"):
        switch(code)
        assert shown_labels(view.legend) == view.legend.names and len(view.legend.names) == 3
        assert all(has_cjk(text) for text in shown_labels(view.legend)) == (code == "zh_CN")
    # The same legend item throughout: relabelled, not removed and built again on every switch.
    assert view.legend.legend is drawn
    samples = [sample for sample, _ in drawn.items]
    assert all(sample.scene() is view.graphics.scene() for sample in samples)


def test_a_neuron_shown_large_is_retitled_in_the_new_language(qtbot, stepped_session, chinese):
    view = shown(qtbot, SurfaceView(), 700, 560)
    session = stepped_session("xor", 5)
    info = NewSession.of(session)
    view.reset(info)
    view.show_snapshot(session.snapshot(with_surface=True))
    view.show_neuron((1, 2))
    english = view.title
    switch("zh_CN")
    assert view.title.startswith(chinese[("SurfaceLabels", "Hidden {layer} · neuron {neuron} ({activation})")].format(
        layer=1, neuron=3, activation=info.architecture.activation(1)))
    assert view.bar.getAxis("right").labelText == chinese[("SurfaceLabels", "activation a")]
    switch("en")
    assert view.title == english


# -- the weights ------------------------------------------------------------------------------------


def test_weights_toggle_legend_and_axes_switch_language(qtbot, stepped_session, chinese):
    view = shown(qtbot, WeightsView())
    session = stepped_session("xor", 3)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot())
    english = (view.delta_check.text(), view.legend_label.text(), label(view.layers[1].w_plot, "left"))

    switch("zh_CN")
    assert view.delta_check.text() == chinese[("WeightsView", "show last update ΔW")]
    assert chinese[("WeightsView", "positive")] in view.legend_label.text()
    assert label(view.layers[1].w_plot, "left") == chinese[("WeightsView", "neuron i of layer {layer}")].format(layer=2)
    assert label(view.layers[0].w_plot, "bottom") == chinese[("WeightsView", "input j")]

    switch("en")
    assert (view.delta_check.text(), view.legend_label.text(), label(view.layers[1].w_plot, "left")) == english


def test_receptive_fields_texts_and_hover_readout_switch_language(qtbot, stepped_session, chinese):
    view = shown(qtbot, ReceptiveFieldsView(), 900, 500)
    session = stepped_session("xor", 3)
    view.reset(NewSession.of(session))
    view.show_snapshot(session.snapshot())
    view.canvas.hover = (1, 0, 0)  # as if the mouse were over tile 1
    view.readout.setText(view.hover_text(view.canvas.hover))
    english = (view.global_check.text(), view.title.text(), view.readout.text())
    assert english[2].startswith(f"neuron 1 of {view.tile_count} · input 0: w = ")

    switch("zh_CN")
    assert view.global_check.text() == chinese[("ReceptiveFieldsView", "one scale for all tiles")]
    assert has_cjk(view.title.text()) and has_cjk(view.legend_label.text()) and has_cjk(view.deeper_title.text())
    assert view.readout.text().startswith(chinese[("ReceptiveFieldsView", "neuron {neuron} of {count} · {where}: w = {w}")]
                                          .split("{count}")[0].format(neuron=1))

    switch("en")
    assert (view.global_check.text(), view.title.text(), view.readout.text()) == english


# -- the gradient check -----------------------------------------------------------------------------


def test_gradient_check_table_and_verdict_switch_language(qtbot, chinese):
    view = shown(qtbot, GradientCheckView(), 1100, 360)
    preset = get_preset("xor")
    session = build_session(preset)
    for _ in range(5):
        session.step()
    view.reset(NewSession.of(session, preset))
    view.show_snapshot(session.snapshot())
    with qtbot.waitSignal(view.check_finished, timeout=60_000):
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    heads = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    english = (heads, view.check_button.text(), view.status.text(), view.table.item(0, 4).text())
    assert heads[0] == "Layer" and "Backprop passes" in english[2] and english[3] == "pass"

    switch("zh_CN")
    assert view.table.horizontalHeaderItem(0).text() == chinese[("GradientCheckView", "Layer")]
    assert view.check_button.text() == chinese[("GradientCheckView", "Check backprop")]
    assert chinese[("GradientCheckView", "Backprop passes")] in view.status.text()  # the verdict shown, re-written
    assert view.table.item(0, 4).text() == chinese[("GradientCheckView", "pass")]
    assert label(view.heatmaps.plots[0], "bottom").startswith(chinese[("ErrorHeatmaps", "input j · {checked} of {total}")]
                                                              .split("{")[0])

    switch("en")
    heads = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert (heads, view.check_button.text(), view.status.text(), view.table.item(0, 4).text()) == english
    view.shutdown()


# -- the evaluation -----------------------------------------------------------------------------------


def test_evaluation_headline_gallery_and_matrix_switch_language(qtbot, mnist_data_dir, chinese):
    session = build_session(get_preset("mnist-fast"), data_dir=mnist_data_dir, limit_train=600)
    session.run_epoch()
    snap = session.snapshot()
    view = shown(qtbot, EvaluationView(), 960, 560)
    view.reset(NewSession.of(session))
    view.show_snapshot(snap)
    view.select_cell(7, 9)
    english = (view.headline.text(), view.gallery_title.text(), view.all_button.text(),
               view.matrix.tooltip_text((7, 9)))

    switch("zh_CN")
    ev = snap.evaluation
    assert view.headline.text() == chinese[("EvaluationView", "Test accuracy {accuracy} after epoch {epoch} ({count} digits)")
                                           ].format(accuracy=theme.percent(ev.accuracy), epoch=1, count="10,000")
    assert view.gallery_title.text().startswith(
        chinese[("EvaluationView", "True {true} taken for {predicted}, most confident first")].format(true=7, predicted=9))
    assert view.selected_cell == (7, 9)  # the selection survives the change
    assert view.all_button.text() == chinese[("EvaluationView", "Show all mistakes")]
    assert has_cjk(view.matrix.tooltip_text((7, 9)))

    switch("en")
    assert (view.headline.text(), view.gallery_title.text(), view.all_button.text(),
            view.matrix.tooltip_text((7, 9))) == english


def test_regression_curve_and_residuals_switch_language(qtbot, chinese):
    session = build_session(get_preset("sin"))
    session.run_epoch()
    info = NewSession.of(session)
    surface = shown(qtbot, SurfaceView(), 680, 560)
    surface.reset(info)
    surface.show_snapshot(session.snapshot(with_surface=True))
    evaluation = shown(qtbot, EvaluationView(), 960, 560)
    evaluation.reset(info)
    evaluation.show_snapshot(session.snapshot())
    fitted, residuals = surface.curve_view, evaluation.residuals
    x = float(fitted.curve_points()[0][10])
    fitted.show_readout_at(x)
    target = info.architecture.class_names[0]
    heads = lambda: [residuals.table.horizontalHeaderItem(c).text() for c in range(residuals.table.columnCount())]  # noqa: E731
    english = (fitted.legend.names, fitted.title, fitted.readout_text(), heads(), residuals.table_title.text())

    switch("zh_CN")
    assert fitted.legend.names[-1] == chinese[("FittedCurveView", "network's prediction of {target}")].format(
        target=target)
    assert fitted.title.startswith(chinese[("FittedCurveView", "Network's prediction of {target}")].format(target=target))
    assert chinese[("FittedCurveView", "{feature} = {x} → predicted {target} = {value}")].split("{target}")[0].format(
        feature=info.architecture.feature_name(0), x=theme.short(x, tiny=False)) in fitted.readout_text()
    assert heads()[0] == chinese[("ResidualsPanel", "sample")]
    assert heads()[-1] == chinese[("ResidualsPanel", "residual")]
    assert has_cjk(residuals.table_title.text()) and has_cjk(label(residuals.plot, "bottom"))
    assert len(fitted.legend.names) == len(fitted.legend.legend.items) == 3

    switch("en")
    assert (fitted.legend.names, fitted.title, fitted.readout_text(), heads(),
            residuals.table_title.text()) == english
