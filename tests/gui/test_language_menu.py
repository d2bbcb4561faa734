"""View ▸ Language: the window switches language at run time, without a restart, and remembers it.

The expected Chinese is read from the .ts file (resources/translations/update.py's `messages()`), so
these tests check that the window asks for the right strings and shows what the translators wrote.
"""

import os
import signal

import pytest
from PySide6.QtCore import QSettings

from nnviz.gui.i18n import SETTINGS_KEY, current_language, starting_language
from nnviz.gui.window.main_window import MainWindow

from language_helpers import zh



@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "nnviz.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow("xor", settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None, timeout=10000)
    yield w
    w.close()


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def language_action(window, name: str):
    """The View ▸ Language entry called `name` (each language is listed by its own name)."""
    view = window.menuBar().actions()[-1].menu()
    languages = next(action.menu() for action in view.actions() if action.menu() is not None)
    return next(action for action in languages.actions() if action.text() == name)


def choose(qtbot, window, name: str, first_menu_title: str) -> None:
    """Choose language `name` in the menu and wait until the window has said its texts again."""
    language_action(window, name).trigger()
    qtbot.waitUntil(lambda: menu_titles(window)[0] == first_menu_title, timeout=3000)


def test_the_view_menu_lists_the_languages_by_their_own_names_with_english_checked(window):
    assert [title.replace("&", "") for title in menu_titles(window)] == ["File", "Training", "View"]
    english, chinese = language_action(window, "English"), language_action(window, "简体中文")
    assert english.isCheckable() and english.isChecked() and not chinese.isChecked()
    assert english.actionGroup() is chinese.actionGroup() and english.actionGroup().isExclusive()


def test_switching_at_run_time_translates_menus_tooltips_and_status_and_back(qtbot, window, settings, monkeypatch):
    monkeypatch.delenv("NNVIZ_LANG", raising=False)
    play, tabs, counters = window.transport.play, window.tabs, window.transport.counters
    assert play.toolTip() == "Start or pause training (Space)"

    choose(qtbot, window, "简体中文", zh("MainWindow", "&File"))
    assert current_language() == "zh_CN"
    assert menu_titles(window) == [zh("MainWindow", "&File"), zh("MainWindow", "&Training"), zh("MainWindow", "&View")]
    assert play.toolTip() == zh("Transport", "Start or pause training (Space)")
    assert play.text() == zh("Transport", "Play")
    assert window.statusBar().currentMessage() == zh("MainWindow", "Language: {name}").format(name="简体中文")
    assert tabs.tabText(tabs.indexOf(tabs.currentWidget())) == zh("MainWindow", "Loss and accuracy")
    assert counters.text().startswith(zh("Transport", "epoch <b>{epoch}</b> · step <b>{step}</b> · samples "
                                                      "<b>{samples}</b>").split("<b>")[0])
    assert language_action(window, "简体中文").isChecked() and not language_action(window, "English").isChecked()
    # Remembered: the next start (without --lang or NNVIZ_LANG) speaks Chinese.
    assert settings.value(SETTINGS_KEY) == "zh_CN"
    assert starting_language(None, QSettings(settings.fileName(), QSettings.IniFormat)) == "zh_CN"

    choose(qtbot, window, "English", "&File")
    assert current_language() == "en"
    assert menu_titles(window) == ["&File", "&Training", "&View"]
    assert play.toolTip() == "Start or pause training (Space)" and play.text() == "Play"
    assert window.statusBar().currentMessage() == "Language: English"
    assert tabs.tabText(tabs.indexOf(tabs.currentWidget())) == "Loss and accuracy"
    assert counters.text().startswith("epoch <b>")
    assert settings.value(SETTINGS_KEY) == "en"


def test_a_choice_in_the_menu_relabels_everything_before_the_window_next_paints(window, settings):
    """The texts, the surface's legend and the layout are new when the menu's action returns: the
    next paint (one, not one per round of posted events) already shows the new language."""
    language_action(window, "简体中文").trigger()  # no event loop in between
    assert menu_titles(window)[0] == zh("MainWindow", "&File")
    assert window.transport.play.text() == zh("Transport", "Play")
    legend = window.surface_view.legend
    assert [label.text for _, label in legend.legend.items] == legend.names
    assert legend.names[-1] == zh("SurfaceView", "boundary (p = {threshold})").format(threshold="0.5")
    language_action(window, "English").trigger()
    assert menu_titles(window)[0] == "&File" and window.transport.play.text() == "Play"
    assert [label.text for _, label in legend.legend.items][-1] == "boundary (p = 0.5)"


def test_switching_language_moves_and_resizes_no_view(qtbot, window):
    """Chinese lines are taller than English ones; the menu and status bars are as tall in both, so
    the diagram, the surface and the charts keep their places (a switch used to resize them all)."""
    views = (window.stage, window.surface_view, window.tabs, window.controls.parentWidget())

    def places():
        qtbot.wait(50)
        return [view.geometry() for view in views] + [view.mapTo(window, view.rect().topLeft()) for view in views]

    english = places()
    choose(qtbot, window, "简体中文", zh("MainWindow", "&File"))
    assert places() == english
    choose(qtbot, window, "English", "&File")
    assert places() == english


def test_a_held_phase_and_the_play_button_switch_at_once_while_paused(qtbot, window):
    window.transport.next_phase.trigger()  # trains one step and holds its first phase
    qtbot.waitUntil(lambda: window.phase_caption.text().startswith("Phase 1 of"), timeout=5000)
    choose(qtbot, window, "简体中文", zh("MainWindow", "&File"))
    caption = window.phase_caption.text()
    held = zh("TrainingController", "Phase {k} of {n}: {where} · held (, and . step)")
    assert caption == held.format(k=1, n=7, where=zh("TrainingController", "input"))
    assert window.transport.play.text() == zh("Transport", "Play")
    # The window switched without a rebuild: the same session, still paused on its held phase.
    assert window.phase_player.held and window.info.preset.name == "xor"


def test_a_killed_trainer_is_reported_wholly_in_chinese(qtbot, window):
    choose(qtbot, window, "简体中文", zh("MainWindow", "&File"))
    old = window.trainer.pid
    with qtbot.waitSignal(window.trainer.failed, timeout=5000) as failed:
        os.kill(old, signal.SIGKILL)
    how = zh("TrainerClient", "ended by {signal}").format(signal="SIGKILL")
    stopped = zh("TrainerLink", "The trainer process stopped unexpectedly ({how})").format(how=how)
    assert failed.args[0].startswith(stopped)
    qtbot.waitUntil(lambda: window.trainer.pid not in (None, old), timeout=10000)
    choose(qtbot, window, "English", "&File")
