"""What the loss plots call their curves, axes and controls, in the window's language.

The names are looked up when they are shown (and again after a change of language), so they are kept
here as marked templates, not as finished strings. A curve's name is also what pyqtgraph's CSV export
heads its columns with.
"""

from __future__ import annotations

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.charts.axes import fit_axis_label
from nnviz.gui.charts.curve_readout import score_name
from nnviz.gui.i18n import said, translate
from nnviz.training.score_scale import ScoreScale

#: The loss axis names the loss the network minimises.
LOSS_NAMES = {"mse": "MSE", "bce": "BCE", "ce": QT_TRANSLATE_NOOP("PlotsView", "cross-entropy")}
RAW_NAME = QT_TRANSLATE_NOOP("PlotsView", "loss per step")
TRAIN_LOSS_NAME = QT_TRANSLATE_NOOP("PlotsView", "train loss (epoch)")
TEST_LOSS_NAME = QT_TRANSLATE_NOOP("PlotsView", "test loss (epoch)")
TRAIN_SCORE_NAME = QT_TRANSLATE_NOOP("PlotsView", "train (epoch)")
TEST_SCORE_NAME = QT_TRANSLATE_NOOP("PlotsView", "test (epoch)")


def smooth_name(smoothing: float) -> str:
    """The smoothed loss: "smoothed (EMA 0.9)"."""
    return translate("PlotsView", "smoothed (EMA {smoothing})").format(smoothing=f"{smoothing:g}")


def running_name(samples: int) -> str:
    """The running training score: "train, running (last 2,000 samples)"."""
    return translate("PlotsView", "train, running (last {samples} samples)").format(samples=f"{samples:,}")


def loss_label(loss_name: str | None) -> str:
    """The loss axis's label: "loss (BCE)", "loss (cross-entropy)", or "loss" for a loss not named."""
    loss = LOSS_NAMES.get(loss_name)
    return translate("PlotsView", "loss ({name})").format(name=said(loss)) if loss else translate("PlotsView", "loss")


def curve_names(view) -> dict:
    """{curve: name} for every curve of a PlotsView, in the window's language."""
    return {view.raw_curve: said(RAW_NAME), view.smooth_curve: smooth_name(view.smoothing),
            view.train_loss_curve: said(TRAIN_LOSS_NAME), view.test_loss_curve: said(TEST_LOSS_NAME),
            view.running_accuracy_curve: running_name(view.running_window),
            view.train_accuracy_curve: said(TRAIN_SCORE_NAME), view.test_accuracy_curve: said(TEST_SCORE_NAME)}


def label_axes(view, loss_name: str | None, score: ScoreScale) -> None:
    """A PlotsView's value axes: the loss axis names the loss minimised, the score axis the score;
    where a plot is too short for that, just "loss" and the score without its unit (again on resize)."""
    fit_axis_label(view.loss_plot.getAxis("left"), view.loss_plot.vb.height(),
                   (loss_label(loss_name), None), (translate("PlotsView", "loss"), None))
    name, unit = score_name(score), score.unit or None
    fit_axis_label(view.accuracy_plot.getAxis("left"), view.accuracy_plot.vb.height(), (name, unit), (name, None))


def retitle(view, loss_name: str | None, score: ScoreScale) -> None:
    """Every fixed text of a PlotsView in the window's language: its controls, axes and legends (the
    legends' entries are renamed, never added again)."""
    view.log_check.setText(translate("PlotsView", "log scale (loss)"))
    view.log_check.setToolTip(translate("PlotsView", "Show the loss on a logarithmic axis; zero losses are left out."))
    view.smoothing_label.setText(translate("PlotsView", "smoothing"))
    view.smoothing_spin.setToolTip(
        translate("PlotsView", "Weight of the past in the smoothed loss: 0 = raw, 0.99 = very smooth"))
    view.accuracy_plot.setLabel("bottom", translate("PlotsView", "step"))
    label_axes(view, loss_name, score)
    names = curve_names(view)
    for curve, name in names.items():
        curve.opts["name"] = name  # what the CSV export heads its column with
    view.loss_legend.rename_all(names)
    view.accuracy_legend.rename_all(names)
