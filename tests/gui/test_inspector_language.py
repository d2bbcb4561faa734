"""A change of language at run time reaches the neuron inspector, the network diagrams and the Race tab:
what they show now is worded again in the new language (the Chinese of resources/translations'
nnviz_zh_CN.ts), and back in English after switching back — without waiting for the next snapshot."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel

from nnviz.gui.diagram.circles import CircleDiagram
from nnviz.gui.diagram.grids import GridDiagram
from nnviz.gui.i18n import said
from nnviz.gui.inspector import InspectorDock
from nnviz.gui.race import RaceView
from nnviz.gui.race.run_card import RunCard
from nnviz.gui.theme import precise
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import Architecture, NewSession
from nnviz.training.phases import Phase, PhaseKind

from diagram_helpers import diagram_of, random_session
from language_helpers import switch, zh

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese():
    """Switch to Chinese in the test (call it), and back to English whatever happens."""
    yield lambda: switch("zh_CN")
    switch("en")


def session_of(name: str, steps: int = 3):
    preset = get_preset(name)
    session = build_session(preset)
    for _ in range(steps):
        session.step()
    return session, preset


# -- the inspector ---------------------------------------------------------------------------------------

@pytest.fixture
def dock(qtbot):
    d = InspectorDock()
    qtbot.addWidget(d)
    d.resize(460, 900)
    d.show()
    return d


def inspect(dock, name, neuron, phase=None):
    session, preset = session_of(name)
    session.inspect(neuron)
    session.step()
    dock.reset(NewSession.of(session, preset))
    dock.inspect(neuron)
    dock.show_snapshot(session.snapshot(), phase)


def test_the_inspector_rewords_the_neuron_it_shows_and_keeps_its_numbers(dock, chinese):
    inspect(dock, "gender", (2, 0))
    english = dock.text
    assert "1 · Forward: weighted sum and activation" in english and dock.windowTitle() == "Neuron inspector"
    e = dock.shown_explanation
    assert chinese() == "zh_CN"
    text = dock.text
    assert "1 · " + zh("InspectorPage", "Forward: weighted sum and activation") in text
    assert "2 · " + zh("InspectorPage", "Loss: the output meets its target") in text
    assert "3 · " + zh("InspectorPage", "Backward: the error term δ, at the output") in text
    assert "4 · " + zh("InspectorPage", "Gradient and update") in text
    assert "Forward" not in text and dock.windowTitle() == zh("InspectorDock", "Neuron inspector")
    assert dock.close_button.text() == zh("InspectorDock", "Close")
    assert dock.shown_explanation is e  # the same step's numbers, worded again, not a new request
    for value in (e.forward.z, e.forward.a, e.backward.delta):
        assert precise(value) in text  # formulas and numbers stay as they are
    assert "z = Σⱼ wⱼ·" in text and "δ = " in text
    switch("en")
    assert dock.text == english and dock.windowTitle() == "Neuron inspector"


def test_adam_s_step_t_is_worded_in_chinese(dock, chinese):
    session, preset = session_of("sin")  # Adam
    session.inspect((1, 0))
    session.step()
    dock.reset(NewSession.of(session, preset))
    dock.inspect((1, 0))
    dock.show_snapshot(session.snapshot())
    assert "step t =" in dock.text
    chinese()
    text = dock.text.replace("\xa0", " ")
    adam = zh("Explain", "{rule}  (β₁ = {beta1}, β₂ = {beta2}, ε = {eps}, step t = {step})")
    step = adam[adam.index(", ", adam.index("ε")) + 2:adam.index("{step}")]  # the translation's "step t = "
    assert "step t" not in text and f"{step}{session.step_count}" in text and "t" in step


def test_the_inspector_rewords_a_phase_and_its_message_states(dock, chinese):
    inspect(dock, "xor", (1, 0), Phase(PhaseKind.LOSS))
    chinese()
    reason = zh("InspectorPage", "the loss is computed at the output; δ reaches this neuron later")
    assert reason in dock.text and said(Phase(PhaseKind.LOSS).label()) in dock.text
    dock.inspect(None)
    assert dock.text.strip() == zh("InspectorPage", "Click a neuron to see its arithmetic")
    dock.inspect((0, 1))  # an input: a note, not a page
    assert "An input computes nothing" not in dock.text and CJK.search(dock.text)
    switch("en")
    assert "An input computes nothing" in dock.text


# -- the diagrams ----------------------------------------------------------------------------------------

def test_a_circle_diagram_s_tooltips_and_phase_caption_change_language(qtbot, stepped_session, chinese):
    session = stepped_session("xor", 5)
    view = diagram_of(qtbot, CircleDiagram, session)
    view.show_snapshot(session.snapshot(), Phase(PhaseKind.FORWARD, 1))
    at = view.node_center(1, 0)
    size, activation = session.network.sizes[1], Architecture.of(session.network, session.dataset).activation(1)
    english_tip, english_caption = view.tooltip_text_at(at), view.phase_text
    assert english_tip.startswith(f"hidden 1 · neuron 1 of {size} · {activation}")
    assert english_caption.startswith("Forward: layer 1")
    chinese()
    tip = view.tooltip_text_at(at)
    first = zh("DiagramView", "hidden {layer} · neuron {number} of {size}{activation}")
    assert tip.splitlines()[0] == first.format(layer=1, number=1, size=size, activation=f" · {activation}")
    assert zh("DiagramView", "incoming weights ({count}):").format(count=2) in tip
    assert view.phase_text == said(Phase(PhaseKind.FORWARD, 1).label())  # set again, not at the next frame
    connection = view.tooltip_text_at((view.node_center(0, 0) + view.node_center(1, 0)) / 2)
    assert zh("CircleDiagram", "{a} = {value}   (the input it carries on the shown sample)").split("{value}")[1] \
        in connection
    switch("en")
    assert view.tooltip_text_at(at) == english_tip and view.phase_text == english_caption


def test_a_grid_diagram_s_tooltips_change_language(qtbot, chinese):
    session = random_session((16, 6, 3), image_shape=(4, 4))
    view = diagram_of(qtbot, GridDiagram, session)
    view.show_snapshot(session.snapshot())
    pixel = view.tooltip_text_at(view.node_center(0, 5))
    assert pixel.startswith("pixel (row 1, column 1) · input 6 of 16")
    chinese()
    name = zh("NeuronNames", "pixel (row {row}, column {column})").format(row=1, column=1)
    assert view.tooltip_text_at(view.node_center(0, 5)).splitlines()[0] == \
        zh("DiagramView", "{name} · input {input} of {inputs}").format(name=name, input=6, inputs=16)
    switch("en")
    assert view.tooltip_text_at(view.node_center(0, 5)) == pixel


# -- the Race tab ----------------------------------------------------------------------------------------

@pytest.fixture
def race(qtbot):
    v = RaceView()
    qtbot.addWidget(v)
    v.resize(1100, 420)
    session, preset = session_of("xor", 0)
    v.reset(NewSession.of(session, preset))
    v.show()
    yield v
    v.close()


def test_the_race_tab_s_controls_and_legend_change_language(race, chinese):
    english = {"start": race.start_button.text(), "vary": race.vary_combo.currentText(),
               "legend": race.legend_label.text(), "axis": race.plot.plot.getAxis("left").labelText,
               "tip": race.epochs_spin.toolTip()}
    assert english["start"] == "Start race" and english["vary"] == "mode (batch size)"
    chinese()
    assert race.start_button.text() == zh("RaceView", "Start race")
    assert race.vary_combo.currentText() == zh("RaceView", "mode (batch size)")
    assert race.vary == "mode"  # the choice itself is kept
    assert race.epochs_spin.suffix() == zh("RaceView", " epochs")
    assert race.epochs_spin.toolTip() == zh("RaceView", "How many epochs each run trains")
    assert race.plot.plot.getAxis("left").labelText == zh("RacePlot", "loss (smoothed)")
    assert race.plot.export_button.text() == zh("RacePlot", "Export")
    assert race.legend_label.text() != english["legend"] and CJK.search(race.legend_label.text())
    layers = "-".join(map(str, race.base_preset().sizes))
    assert layers in race.legend_label.text()  # its numbers kept
    switch("en")
    assert {"start": race.start_button.text(), "vary": race.vary_combo.currentText(),
            "legend": race.legend_label.text(), "axis": race.plot.plot.getAxis("left").labelText,
            "tip": race.epochs_spin.toolTip()} == english


def test_an_error_in_the_race_legend_is_worded_again(qtbot, chinese):
    view = RaceView()  # no network yet: nothing to race
    qtbot.addWidget(view)
    assert not view.start_race()
    english = view.legend_label.text()
    assert "Nothing to race yet" in english
    chinese()
    assert zh("RaceView", "Nothing to race yet: the window has no network.") in view.legend_label.text()
    switch("en")
    assert view.legend_label.text() == english


def test_a_run_card_rewords_its_names_and_keeps_its_numbers(qtbot, chinese):
    card = RunCard("mini-batch 2", (44, 160, 44))
    qtbot.addWidget(card)
    session, preset = session_of("xor", 0)
    card.reset(NewSession.of(session, preset))
    names = {label.text() for label in card.findChildren(QLabel)}
    assert {"accuracy", "loss", "updates"} <= names
    chinese()
    names = {label.text() for label in card.findChildren(QLabel)}
    assert {zh("RunCard", "accuracy"), zh("RunCard", "loss"), zh("RunCard", "updates")} <= names
    assert "accuracy" not in names
    switch("en")
    assert {"accuracy", "loss", "updates"} <= {label.text() for label in card.findChildren(QLabel)}
