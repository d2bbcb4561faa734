"""The translations: nothing in the window bypasses them, the zh_CN .ts is complete and in step with the
code, the .qm is compiled from it, translations keep their fields and the glossary's terms, and the
language is chosen as documented (--lang, $NNVIZ_LANG, the remembered choice, the system locale)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from nnviz.engine.phrases import QT_TRANSLATE_NOOP, fields
from nnviz.gui import i18n
from nnviz.gui.i18n import said, said_error, starting_language, translators

from language_helpers import update
from untranslated import scan

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
CJK = re.compile(r"[\u4e00-\u9fff]")
FIELD = re.compile(r"\{\w*[^{}]*\}")  # {neuron} names a value, not the word
CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
TAG = re.compile(r"</?\w+[^>]*>")


MESSAGES = update.messages(update.ts_path("zh_CN"))


def test_every_string_the_window_shows_goes_through_translation():
    found = scan()
    assert not found, f"{len(found)} strings bypass tr()/translate():\n" + "\n".join(map(str, found[:40]))


def test_ts_is_in_step_with_the_code_and_the_qm_compiled_from_it():
    assert update.out_of_date() == []


def test_zh_cn_has_no_unfinished_or_obsolete_entries():
    assert len(MESSAGES) > 500  # the whole window, not a sample
    unfinished = [m for m in MESSAGES if m["type"] or not m["translation"].strip()]
    assert not unfinished, "\n".join(f"[{m['context']}] {m['source']!r} ({m['type']})" for m in unfinished[:40])


def test_translations_keep_their_fields_markup_and_accelerators():
    wrong = []
    for m in MESSAGES:
        source, text = m["source"], m["translation"]
        if fields(source) != fields(text):
            wrong.append(f"fields: {source!r} -> {text!r}")
        if Counter(TAG.findall(source)) != Counter(TAG.findall(text)):
            wrong.append(f"markup: {source!r} -> {text!r}")
        if re.search(r"&[A-Za-z]", source) and not re.search(r"&[A-Za-z0-9]", text):
            wrong.append(f"accelerator: {source!r} -> {text!r}")
    assert not wrong, "\n".join(wrong[:40])


def test_chinese_translations_are_chinese():
    # Only a formula, a symbol or a name may stay as it is (e.g. "R²", "ReLU", "MNIST").
    untouched = [m for m in MESSAGES if not CJK.search(m["translation"]) and re.search(r"[a-z]{3,}\s+[a-z]{3,}",
                                                                                      m["source"])]
    assert not untouched, "\n".join(f"[{m['context']}] {m['source']!r}" for m in untouched[:40])


def _required_terms():
    for line in (TRANSLATIONS / "glossary_zh_CN.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 3 and "**required**" in cells[2]:
            chinese = cells[1].split(",")[0].split("(")[0].strip()
            # The note may name other senses of the English word and their own Chinese (体重: body weight).
            other_senses = CJK_WORD.findall(cells[2])
            for english in cells[0].split(","):
                english = re.sub(r"\s*\(.*\)", "", english).strip()
                yield english, (chinese, *other_senses)


def test_glossary_terms_are_used_wherever_their_english_is():
    terms = list(_required_terms())
    assert len(terms) >= 16
    wrong = []
    for english, chinese in terms:
        pattern = re.compile(rf"\b{re.escape(english)}(s|es)?\b", re.IGNORECASE)
        for m in MESSAGES:
            if pattern.search(FIELD.sub("", TAG.sub("", m["source"]))) and not any(word in m["translation"] for word in chinese):
                wrong.append(f"{english} → {chinese[0]}: [{m['context']}] {m['source']!r} -> {m['translation']!r}")
    assert not wrong, "\n".join(wrong[:40])


# -- run time ----------------------------------------------------------------------------------------

def test_switching_translates_window_text_and_the_qt_free_layers_phrases(qapp):
    window_text = next(m for m in MESSAGES if m["source"] == "&File")
    phrase = QT_TRANSLATE_NOOP(window_text["context"], "&File")
    assert translators.switch("zh_CN") == "zh_CN"
    assert said(phrase) == window_text["translation"]
    error = ValueError(QT_TRANSLATE_NOOP(window_text["context"], "&File"))
    assert said_error(error) == window_text["translation"]
    assert said("not marked") == "not marked"
    assert translators.switch("en") == "en"
    assert said(phrase) == "&File"


def test_a_phrase_from_the_training_layer_is_filled_in_again_in_chinese(qapp):
    with_fields = [m for m in MESSAGES if fields(m["source"]) and not TAG.search(m["source"])]
    assert with_fields, "no translated template with fields"
    m = with_fields[0]
    values = {name: f"<{name}>" for name in fields(m["source"])}
    phrase = QT_TRANSLATE_NOOP(m["context"], m["source"]).format(**values)
    assert str(phrase) == m["source"].format(**values)  # English wherever nothing translates
    translators.switch("zh_CN")
    assert said(phrase) == m["translation"].format(**values)


def test_starting_language_order(monkeypatch, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)

    class Locale:
        def __init__(self, name):
            self._name = name

        def name(self):
            return self._name

    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: Locale("zh_CN")))
    assert starting_language(None, settings) == "zh_CN"  # the system's
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: Locale("de_DE")))
    assert starting_language(None, settings) == "en"  # a language we don't have: English
    settings.setValue(i18n.SETTINGS_KEY, "zh_CN")
    assert starting_language(None, settings) == "zh_CN"  # the remembered choice
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    assert starting_language(None, settings) == "en"  # $NNVIZ_LANG
    assert starting_language("zh-CN", settings) == "zh_CN"  # --lang, however it is spelled
    assert i18n.known("zh_CN.UTF-8") == "zh_CN" and i18n.known("zh_TW") == "zh_CN" and i18n.known("fr") is None


def test_an_unknown_lang_is_one_line_and_exit_code_2():
    result = subprocess.run([sys.executable, "-m", "nnviz", "gui", "--lang", "fr", "--run-for", "1"],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "nnviz: --lang 'fr' is not a language nnviz speaks (en, zh_CN)"]


@pytest.mark.slow
def test_the_app_starts_in_the_language_asked_for(tmp_path):
    stats = tmp_path / "stats.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", i18n.ENV_VAR: "en"}  # --lang wins over it
    result = subprocess.run([sys.executable, "-m", "nnviz", "gui", "--lang", "zh_CN", "--run-for", "1",
                             "--stats", str(stats)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(stats.read_text())["language"] == "zh_CN"


def test_switching_back_and_forth_reuses_the_loaded_translators(qapp):
    """Each language's .qm is loaded once: a classroom toggling languages must not grow the app."""
    import gc

    from PySide6.QtCore import QTranslator

    def translators_alive():
        gc.collect()
        return sum(1 for obj in gc.get_objects() if isinstance(obj, QTranslator))

    translators.switch("zh_CN")
    translators.switch("en")
    before = translators_alive()
    for _ in range(20):
        translators.switch("zh_CN")
        translators.switch("en")
    assert translators_alive() == before
    assert translators.switch("zh_CN") == "zh_CN" and said(QT_TRANSLATE_NOOP("MainWindow", "&File")) != "&File"


def test_a_system_error_is_said_wholly_in_chinese(qapp):
    import errno

    from nnviz.engine.os_errors import os_reason
    from nnviz.engine.phrases import QT_TRANSLATE_NOOP as mark

    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/models/m.npz")
    missing = OSError(errno.ENOENT, mark("ModelFile", "cannot write in {folder}: {reason}").format(
        folder="/srv/models", reason=os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))))
    translators.switch("zh_CN")
    assert said_error(denied) == "[Errno 13] 权限不够：'/srv/models/m.npz'"
    assert "没有那个文件或目录" in said_error(missing) and "No such" not in said_error(missing)
