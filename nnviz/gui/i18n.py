"""The window's language: Qt translators for nnviz and Qt's own dialogs, chosen at start and switched
at run time.

Strings in nnviz/gui go through `tr()` (or `translate(context, text)` outside QObjects); text made by
the Qt-free layers arrives as nnviz.engine.phrases Templates and Phrases, which `said()` translates.
The `.ts` sources and compiled `.qm` files live in resources/translations (update them with
resources/translations/update.py). Installing a translator makes Qt send QEvent.LanguageChange to
every widget; each widget with fixed text (a `Retranslated` one) sets it again in its `retranslate()`.

Which language at start, first that applies: `nnviz gui --lang`, $NNVIZ_LANG, the choice remembered
in QSettings ("language"), the system locale; English when none names a language we have.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QScrollArea, QWidget

from nnviz.data.bundled import resources_dir
from nnviz.engine.phrases import Phrase, Template
from nnviz.training.messages import message_of

translate = QCoreApplication.translate

ENGLISH = "en"
SETTINGS_KEY = "language"
ENV_VAR = "NNVIZ_LANG"


@dataclass(frozen=True)
class Language:
    code: str  # "en", "zh_CN"
    name: str  # in its own language, as the Language menu lists it


#: The languages the window speaks; English is the source language and needs no file.
LANGUAGES = (Language(ENGLISH, "English"), Language("zh_CN", "简体中文"))  # i18n: each in its own language


def translations_dir():
    return resources_dir() / "translations"


def qm_path(code: str):
    return translations_dir() / f"nnviz_{code}.qm"


def known(code: str | None) -> str | None:
    """The language we have for `code` ("zh_CN", "zh-CN", "zh_CN.UTF-8", "zh", "en_GB"), else None."""
    if not code:
        return None
    code = code.split(".")[0].replace("-", "_")
    for language in LANGUAGES:
        if code.lower() == language.code.lower():
            return language.code
    base = code.split("_")[0].lower()  # zh_TW, zh_HK: Simplified Chinese reads better than English
    for language in LANGUAGES:
        if language.code.split("_")[0].lower() == base:
            return language.code
    return None


def starting_language(cli_lang: str | None = None, settings: QSettings | None = None) -> str:
    """The language to start in (see the module's docstring for the order)."""
    for choice in (cli_lang, os.environ.get(ENV_VAR)):
        if known(choice):
            return known(choice)
    if settings is not None:
        remembered = settings.value(SETTINGS_KEY)
        if isinstance(remembered, str) and known(remembered):
            return known(remembered)
    return known(QLocale.system().name()) or ENGLISH


class Translators:
    """The app's translators: nnviz's own and Qt's (for the standard dialogs' buttons). Each language's
    are loaded once and kept, so switching back and forth only installs and removes them."""

    def __init__(self):
        self.code = ENGLISH
        self._installed: list[QTranslator] = []
        self._loaded: dict[str, list[QTranslator]] = {}

    def _load(self, code: str) -> list[QTranslator]:
        """Qt's translator (if it has one) then ours; [] when ours cannot be loaded (a broken install:
        English rather than half a language)."""
        if code not in self._loaded:
            ours, qt = QTranslator(), QTranslator()
            if not ours.load(str(qm_path(code))):
                return []
            path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._loaded[code] = [qt, ours] if qt.load(f"qtbase_{code}", path) else [ours]
        return self._loaded[code]

    def switch(self, code: str) -> str:
        """Install the translators of `code` (English: none) and return the language now in use.
        Widgets get QEvent.LanguageChange when one is installed or removed."""
        app = QCoreApplication.instance()
        code = known(code) or ENGLISH
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = self._load(code) if code != ENGLISH else []
        if not self._installed:
            code = ENGLISH
        for translator in self._installed:
            app.installTranslator(translator)
        self.code = code
        return code


#: The one set of translators of this process (the app has one QApplication).
translators = Translators()


def current_language() -> str:
    return translators.code


class Retranslated:
    """For a widget with fixed text: list it before the Qt class (`class HintBar(Retranslated, QFrame)`)
    and its `retranslate()` runs on every QEvent.LanguageChange, which Qt sends to each widget when a
    translator is installed or removed."""

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def keep_height_across_languages(bar: QWidget) -> None:
    """Make `bar` (a line of text: the menu bar, the status bar) as tall in every language as in the
    tallest. Scripts differ in line height (Chinese, from a fallback font, is 4 px taller than English
    at the same size), so a bar sized for English grew on a switch and resized every view below it."""
    fm = bar.fontMetrics()
    heights = {language.code: fm.size(0, language.name).height() for language in LANGUAGES}  # own scripts
    bar.setMinimumHeight(bar.sizeHint().height() + max(heights.values()) - heights[current_language()])


def relabel_now(window: QWidget) -> None:
    """Deliver a switch's QEvent.LanguageChange now and lay `window` out again before it next paints.

    Left to the event loop, a switch arrived in rounds (the texts; the layouts they ask for; a scroll
    area's scroll bar, which Qt shows or hides in a queued call; the layouts that asks for), and each
    round repainted the whole window: three full paints per switch where one will do."""
    app = QCoreApplication.instance()
    app.sendPostedEvents(None, QEvent.Type.LanguageChange)
    app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for area in window.findChildren(QScrollArea):
        if area.isVisible():
            app.sendPostedEvents(area, QEvent.Type.MetaCall)  # its scroll bars' queued show or hide
    app.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def said(text) -> str:
    """`text` in the current language: a Template or Phrase from the Qt-free layers is looked up in its
    context and filled in again (its arguments too); any other string is returned as it is."""
    if isinstance(text, Phrase):
        args = {name: said(value) for name, value in text.args.items()}
        try:
            return translate(text.context, text.template).format(**args)
        except (KeyError, IndexError, ValueError):  # a translation that lost a field: English, not a crash
            return text.template.format(**args)
    if isinstance(text, Template):
        return translate(text.context, str(text))
    return text


def said_error(error: BaseException) -> str:
    """An exception's message in the current language, when the Qt-free layers marked it (a Phrase as
    its first argument, or as an OSError's strerror); else its English."""
    return said(message_of(error))
