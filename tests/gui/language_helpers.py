"""What the language tests share: the finished Chinese of a message as nnviz_zh_CN.ts has it (the .qm
is compiled from it, test_translations checks), and a switch that delivers the LanguageChange events
Qt posts to the widgets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtWidgets import QApplication

from nnviz.gui.i18n import translators

UPDATE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "update.py"


def _update_module():
    spec = importlib.util.spec_from_file_location("update_translations", UPDATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update = _update_module()
#: {(context, English): Chinese} of every finished translation.
FINISHED = {(m["context"], m["source"]): m["translation"]
            for m in update.messages(update.ts_path("zh_CN")) if not m["type"]}


def zh(context: str, source: str) -> str:
    """The finished Chinese of `source` in `context` (the test fails if there is none)."""
    assert (context, source) in FINISHED, f"no finished zh_CN translation of [{context}] {source!r}"
    return FINISHED[(context, source)]


def switch(code: str) -> str:
    """Switch the language as the View menu does, and let the widgets handle the events Qt posts."""
    code = translators.switch(code)
    QApplication.processEvents()
    return code
