"""The hint bar shows what the HintWatcher found on a real run, its fix button emits the fix, and
dismissing hides it for the run; it never takes the keyboard focus."""

from dataclasses import replace

from PySide6.QtCore import Qt

from nnviz.gui.window.hint_bar import HintBar
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession


def feed(bar: HintBar, preset, steps: int):
    session = build_session(preset)
    bar.reset(NewSession.of(session, preset))
    for _ in range(steps):
        session.step()
        snapshot = session.snapshot()
        bar.show_snapshot(snapshot, snapshot.history)
    return session


def slow_xor():
    p = get_preset("xor")
    return replace(p, hyperparameters=replace(p.hyperparameters, lr=1e-6, epochs=None))


def test_a_flat_run_shows_its_hint_and_the_fix_button_emits_the_change(qtbot):
    bar = HintBar()
    qtbot.addWidget(bar)
    bar.show()  # as in the window: the bar hides itself while no hint applies
    feed(bar, slow_xor(), 200)
    assert bar.isVisible() and bar.current_hint.id == "lr_too_low"
    assert "learning rate (1e−6) is too low" in bar.label.text()
    assert bar.fix_button.text() == "Raise the learning rate to 0.0001"
    with qtbot.waitSignal(bar.fix_requested) as emitted:
        qtbot.mouseClick(bar.fix_button, Qt.LeftButton)
    assert emitted.args == [{"lr": 0.0001}]
    assert not bar.isVisible()  # hidden while the fix travels to the trainer


def test_a_rebuild_fix_emits_the_preset_fields_to_change(qtbot):
    bar = HintBar()
    qtbot.addWidget(bar)
    p = get_preset("xor")
    feed(bar, replace(p, hyperparameters=replace(p.hyperparameters, lr=50.0, epochs=None)), 80)
    assert bar.fix_button.text() == "Halve the learning rate and start again"
    with qtbot.waitSignal(bar.fix_requested) as emitted:
        qtbot.mouseClick(bar.fix_button, Qt.LeftButton)
    changes = emitted.args[0]["rebuild"]
    assert changes["hyperparameters"].lr == 25.0
    assert replace(p, **changes).hyperparameters.lr == 25.0  # what the window builds


def test_dismiss_hides_the_hint_for_the_rest_of_the_run(qtbot):
    bar = HintBar()
    qtbot.addWidget(bar)
    bar.show()
    session = feed(bar, slow_xor(), 200)
    qtbot.mouseClick(bar.dismiss_button, Qt.LeftButton)
    assert not bar.isVisible() and bar.current_hint is None
    for _ in range(200):  # the condition still holds; the hint stays dismissed
        session.step()
        snapshot = session.snapshot()
        bar.show_snapshot(snapshot, snapshot.history)
    assert not bar.isVisible()


def test_a_healthy_run_keeps_the_bar_hidden_and_it_never_takes_focus(qtbot):
    bar = HintBar()
    qtbot.addWidget(bar)
    bar.show()
    feed(bar, get_preset("xor"), 300)
    assert not bar.isVisible()
    for widget in (bar, bar.fix_button, bar.dismiss_button):
        assert widget.focusPolicy() == Qt.NoFocus
