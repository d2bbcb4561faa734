"""The control panel, its data rows, the CSV import dialog and the drawing pad switch language while
they are open: labels, group titles, combo items, tooltips and the texts that follow the state (the
inputs line, a refused learning rate, the data hint, the pad's answer) are said again in Chinese, the
values behind the combo boxes stay, nothing is rebuilt, and switching back gives the English again.

The Chinese expected is the translation in resources/translations/nnviz_zh_CN.ts (the .qm is built
from it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel

from nnviz.engine.model_file import load_model
from nnviz.gui.i18n import ENGLISH
from nnviz.gui.pad.drawing_pad import NO_CLASSIFIER, DrawingPad
from nnviz.gui.window.controls import ControlPanel, describe_change
from nnviz.gui.window.csv_dialog import CsvDialog
from nnviz.gui.window.pad_sources import accuracy_note
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.predictor import DigitClassifier

from language_helpers import switch, zh

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def chinese():
    """chinese(context, source): the finished translation in nnviz_zh_CN.ts."""
    return zh


@pytest.fixture
def in_chinese():
    """Switch to Chinese inside the test; English again afterwards, whatever happened."""
    yield lambda: switch("zh_CN")
    switch(ENGLISH)


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text))


def titles(widget) -> list[str]:
    return [box.title() for box in widget.findChildren(QGroupBox)]


def label_texts(widget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}


# -- the control panel ----------------------------------------------------------------------------

@pytest.fixture
def panel(qtbot):
    panel = ControlPanel()
    qtbot.addWidget(panel)
    preset = get_preset("circle")
    panel.set_preset(preset)
    panel.show_session(NewSession.of(build_session(preset), preset))
    panel.show()
    return panel


def combo_items(combo) -> list[tuple[str, object]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_the_control_panel_switches_language_at_run_time_and_back(qtbot, panel, chinese, in_chinese):
    english = dict(titles=titles(panel), labels=label_texts(panel), loss=combo_items(panel.loss),
                   mode=combo_items(panel.mode), optimizer=combo_items(panel.optimizer),
                   tooltip=panel.lr.toolTip(), button=panel.add_layer.text(), inputs=panel.inputs_label.text(),
                   row=panel.hidden_rows[0].label.text(), dataset=panel.data.dataset.currentText())
    assert english["titles"] == ["Data and preset", "Network", "Training"]
    assert {"Learning rate", "Gradient descent", "Dataset", "Noise"} <= english["labels"]
    before = panel.current_preset()

    with qtbot.assertNotEmitted(panel.rebuild_requested), qtbot.assertNotEmitted(panel.live_changed):
        in_chinese()
        assert titles(panel) == [chinese("ControlPanel", "Data and preset"), chinese("ControlPanel", "Network"),
                                 chinese("ControlPanel", "Training")]
        assert {chinese("ControlPanel", "Learning rate"), chinese("ControlPanel", "Gradient descent"),
                chinese("DataPanel", "Dataset"), chinese("DataPanel", "Noise")} <= label_texts(panel)
        assert panel.add_layer.text() == chinese("ControlPanel", "+ hidden layer")
        assert is_chinese(panel.lr.toolTip()) and panel.lr.toolTip() != english["tooltip"]
        assert panel.inputs_label.text() == chinese("ControlPanel", "input layer: {n} features").format(n=2)
        assert panel.hidden_rows[0].label.text() == chinese("HiddenLayerRow", "hidden layer {index}").format(index=1)
        assert panel.data.dataset.currentText() == chinese("DataPanel", "circle")
        assert is_chinese(panel.data.hint.text())
        # Only what is shown changes: the items keep their values, and the panel describes the same preset.
        for combo, key in ((panel.loss, "loss"), (panel.mode, "mode"), (panel.optimizer, "optimizer")):
            texts, data = zip(*combo_items(combo))
            assert list(data) == [d for _, d in english[key]]
            assert all(is_chinese(text) for text in texts if text not in ("Adam",)), texts
        assert panel.mode.currentText() == chinese("ControlPanel", "mini-batch")
        assert panel.current_preset() == before
        in_english = switch(ENGLISH)

    assert in_english == ENGLISH
    assert titles(panel) == english["titles"] and english["labels"] <= label_texts(panel)
    assert combo_items(panel.loss) == english["loss"] and combo_items(panel.mode) == english["mode"]
    assert combo_items(panel.optimizer) == english["optimizer"]
    assert (panel.lr.toolTip(), panel.add_layer.text(), panel.inputs_label.text()) == \
        (english["tooltip"], english["button"], english["inputs"])
    assert panel.hidden_rows[0].label.text() == english["row"]
    assert panel.data.dataset.currentText() == english["dataset"]


def test_a_refused_learning_rate_is_explained_again_in_the_new_language(qtbot, panel, chinese, in_chinese):
    panel.lr_edit.setText("fast")
    panel.lr_edit.editingFinished.emit()
    english = panel.lr_error.text()
    assert english == "“fast” is not a number (type one such as 0.003 or 3e-3); it stays 0.3."
    in_chinese()
    assert panel.lr_error.text() == chinese("ControlPanel", "{problem}; it stays {lr}.").format(
        problem=chinese("ControlPanel", "“{text}” is not a number (type one such as 0.003 or 3e-3)").format(
            text="fast"), lr="0.3")
    assert not panel.lr_error.isHidden()
    switch(ENGLISH)
    assert panel.lr_error.text() == english


def test_a_setting_change_is_worded_in_the_language_of_the_moment(chinese, in_chinese):
    english = describe_change("granularity", "batch")
    assert english == "Gradient descent: full batch (applies at the next step)"
    in_chinese()
    assert describe_change("granularity", "batch") == chinese("ControlPanel", "{change} (applies at the next step)") \
        .format(change=chinese("ControlPanel", "Gradient descent: {mode}").format(
            mode=chinese("ControlPanel", "full batch")))


def test_data_shown_after_a_switch_is_described_in_the_new_language(qtbot, panel, in_chinese):
    """The data rows follow the data in the language of the moment: a new session's hint and name."""
    in_chinese()
    gender = get_preset("gender")
    panel.set_preset(gender)
    panel.show_session(NewSession.of(build_session(gender), gender))
    assert panel.data.hint.isVisibleTo(panel) and is_chinese(panel.data.hint.text())
    assert is_chinese(panel.data.dataset.currentText())


# -- the CSV import dialog -----------------------------------------------------------------------------

def test_the_csv_dialog_switches_language_while_open(qtbot, tmp_path, chinese, in_chinese):
    path = tmp_path / "houses.csv"
    path.write_text("area,rooms,price\n50,2,100\n80,3,160\n120,4,230\n", encoding="utf-8")
    single = tmp_path / "one.csv"
    single.write_text("price\n1\n2\n", encoding="utf-8")
    dialog = CsvDialog(path=str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    english = (dialog.windowTitle(), dialog.ok_button.text(), dialog.preview_note.text(), combo_items(dialog.task),
               dialog.standardise.text())
    assert english[:3] == ("Import CSV", "Import", "The first 3 rows; Import reads and checks the whole file.")

    in_chinese()
    assert dialog.windowTitle() == chinese("CsvDialog", "Import CSV")
    assert dialog.ok_button.text() == chinese("CsvDialog", "Import")
    assert dialog.preview_note.text() == chinese(
        "CsvDialog", "The first {n} rows; Import reads and checks the whole file.").format(n=3)
    assert [data for _, data in combo_items(dialog.task)] == ["auto", "classification", "regression"]
    assert all(is_chinese(text) for text, _ in combo_items(dialog.task))
    assert is_chinese(dialog.standardise.text()) and dialog.label_column.currentText() == "price"
    dialog.set_path(str(single))  # the message of a file that cannot be imported, said again too
    message = dialog.message
    assert "one.csv" in message and is_chinese(message)

    switch(ENGLISH)
    assert "one.csv" in dialog.message and not is_chinese(dialog.message)
    switch("zh_CN")
    assert dialog.message == message
    switch(ENGLISH)
    dialog.set_path(str(path))
    assert (dialog.windowTitle(), dialog.ok_button.text(), dialog.preview_note.text(), combo_items(dialog.task),
            dialog.standardise.text()) == english


# -- the drawing pad ----------------------------------------------------------------------------------------

BUNDLED = ROOT / "resources" / "models" / "mnist.npz"


def draw_a_one(qtbot, canvas) -> None:
    """One vertical stroke, dragged with the left button held."""
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(140, 50))
    for y in range(50, 237, 4):
        pos = QPointF(140, y)
        QApplication.sendEvent(canvas, QMouseEvent(QEvent.Type.MouseMove, pos, canvas.mapToGlobal(pos),
                                                   Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                   Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(140, 236))


@pytest.fixture
def pad(qtbot):
    model = load_model(BUNDLED)
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.set_classifier_source("bundled", DigitClassifier.from_model(model, BUNDLED), accuracy_note(model))
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def pad_texts(pad) -> dict:
    labels = label_texts(pad) - {pad.timing.text()}  # the time an update takes varies
    return dict(sources=combo_items(pad.source_combo), note=pad.source_note.text(), labels=labels,
                buttons=(pad.clear_button.text(), pad.undo_button.text(), pad.save_button.text()),
                tooltip=pad.bars.toolTip(), confidence=pad.confidence.text(), timing=pad.timing.text(),
                placeholder=pad.canvas.placeholder_text)


def test_the_drawing_pad_and_its_answer_switch_language_while_drawing(qtbot, pad, chinese, in_chinese):
    draw_a_one(qtbot, pad.canvas)
    qtbot.waitUntil(lambda: pad.prediction is not None, timeout=2000)
    english = pad_texts(pad)
    assert english["note"] == "784-256-128-10 relu · 98.95\u2009% on MNIST's test set"
    assert "confident" in english["confidence"]
    assert "Classify with:" in english["labels"]

    in_chinese()
    chinese_texts = pad_texts(pad)
    assert [data for _, data in chinese_texts["sources"]] == ["bundled", "training", "file"]
    assert [text for text, _ in chinese_texts["sources"]] == [
        chinese("DrawingPad", "Bundled model"), chinese("DrawingPad", "Network in training"),
        chinese("DrawingPad", "Model file…")]
    assert chinese_texts["note"] == chinese("PadSources", "{network} · {accuracy} on MNIST's test set").format(
        network="784-256-128-10 relu", accuracy="98.95\u2009%")
    assert chinese("DrawingPad", "Classify with:") in chinese_texts["labels"]
    assert chinese_texts["buttons"][0] == chinese("DrawingPad", "Clear (Esc)")
    for key in ("tooltip", "confidence", "timing"):
        assert is_chinese(chinese_texts[key]) and chinese_texts[key] != english[key], key
    assert pad.prediction is not None  # the same answer, said again

    pad.canvas.clear()
    assert pad.canvas.placeholder_text == chinese("DrawingCanvas", "Draw a digit (0–9) with the mouse")
    pad.select_source("file")
    assert pad.message_shown and pad.message.text() == chinese("DrawingPad", NO_CLASSIFIER["file"])

    switch(ENGLISH)
    assert pad.message.text() == NO_CLASSIFIER["file"]
    pad.select_source("bundled")
    draw_a_one(qtbot, pad.canvas)
    qtbot.waitUntil(lambda: pad.prediction is not None, timeout=2000)
    back = pad_texts(pad)
    for key in ("sources", "note", "labels", "buttons", "tooltip", "confidence"):
        assert back[key] == english[key], key
    assert back["timing"].startswith("read + preprocess + forward:")
