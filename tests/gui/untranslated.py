"""Find user-visible English in nnviz/gui that bypasses Qt's translation (used by test_translations.py;
also a command: `python tests/gui/untranslated.py [FILES...]` lists what it finds).

Two rules, over every string literal (f-strings included) that is not a docstring and not inside a
tr()/translate()/QT_TRANSLATE_NOOP() call:
- a literal handed to a call that shows text (setText, setToolTip, showMessage, QLabel(...), addTab,
  pyqtgraph's setLabel/setTitle, a legend's name=...) is shown: it must be translated, even one word;
- anywhere else, a literal that reads like words for people (two words, or a capitalised word) is
  taken to be shown unless its line says why not with a comment `# i18n: <reason>` (a settings key, a
  style sheet, a message for the terminal).
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "nnviz" / "gui"

TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP", "said"}
#: Calls whose string arguments a user reads.
SHOWING = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle",
    "setPlaceholderText", "setLabelText", "showMessage", "addAction", "addMenu", "addTab", "insertTab",
    "setTabText", "setTabToolTip", "addItem", "addItems", "insertItem", "setItemText",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "setLabel", "setLabels",
    "setSuffix", "setPrefix", "setSpecialValueText", "information", "warning", "critical", "question",
    "getOpenFileName", "getSaveFileName", "getExistingDirectory", "setFormat", "setHtml",
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
    "QMessageBox", "TextItem", "LabelItem", "setWindowIconText", "setAccessibleName",
}
#: Keyword arguments that are shown whatever the call.
SHOWING_KEYWORDS = {"name", "title", "text", "tooltip", "tip", "label", "units", "caption", "message"}
#: Calls whose string arguments nobody reads as text: names, style sheets, settings keys, the terminal.
NOT_SHOWN = {"setObjectName", "setStyleSheet", "setProperty", "property", "value", "setValue", "contains",
             "remove", "print", "getattr", "hasattr", "setattr", "Path", "startswith", "endswith",
             "Signal", "Slot", "QColor", "mkPen", "mkBrush", "QFont", "setFamily", "setFamilies", "warn"}
#: Literals that are never words for people (pyqtgraph's axis names, image formats, ...).
NOT_WORDS = {"left", "right", "top", "bottom", "PNG", "JPG", "JPEG", "ignore"}

WORDY = re.compile(r"[A-Za-z]{2,}")
SENTENCE = re.compile(r"[A-Za-z]{2,}.*\s+.*[A-Za-z]{2,}|^\W*[A-Z][a-z]{2,}", re.S)
IDENTIFIER = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")  # ConfusionMatrixWidget: a class's name
TAG = re.compile(r"<[^>]*>|&\w+;")
EXEMPT = re.compile(r"#\s*i18n:")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    text: str
    rule: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.rule}: {self.text!r}"


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _exempt_lines(source: str) -> set[int]:
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and EXEMPT.search(token.string):
            lines.add(token.start[0])
    return lines


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{…}" for part in node.values)
    return None


def findings(path: Path) -> list[Finding]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and _literal_text(body[0].value) is not None:
                skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and _call_name(node) in TRANSLATING:
            skip.update(id(sub) for sub in ast.walk(node))
    for node in ast.walk(tree):  # a call's own keyword arguments decide nothing inside an f-string's parts
        if isinstance(node, ast.JoinedStr):
            skip.update(id(sub) for sub in node.values)
        if isinstance(node, ast.Call) and _call_name(node) in NOT_SHOWN:
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                skip.update(id(sub) for sub in ast.walk(arg))
    exempt = _exempt_lines(source)
    shown: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            args = list(node.args) if _call_name(node) in SHOWING else []
            args += [kw.value for kw in node.keywords if kw.arg in SHOWING_KEYWORDS]
            for arg in args:
                for sub in ast.walk(arg):  # "a" + "b", x if c else "y", ["one", "two"]
                    shown.add(id(sub))
    found = []
    for node in ast.walk(tree):
        text = _literal_text(node)
        if text is not None:
            text = TAG.sub("", text)  # markup is not words; what it wraps may be
        if text is None or id(node) in skip or not WORDY.search(text) or text.strip() in NOT_WORDS \
                or IDENTIFIER.match(text):
            continue
        end = getattr(node, "end_lineno", node.lineno)
        if any(line in exempt for line in range(node.lineno, end + 1)):
            continue
        if id(node) in shown:
            found.append(Finding(path, node.lineno, text, "shown untranslated"))
        elif SENTENCE.search(text):
            found.append(Finding(path, node.lineno, text, "reads like words for people"))
    return sorted(found, key=lambda f: f.line)


def scan(paths=None) -> list[Finding]:
    paths = [Path(p) for p in paths] if paths else sorted(GUI.rglob("*.py"))
    return [finding for path in paths for finding in findings(path)]


if __name__ == "__main__":
    results = scan(sys.argv[1:])
    for result in results:
        print(result)
    print(f"{len(results)} untranslated", file=sys.stderr)
