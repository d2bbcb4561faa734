"""The package's layering: engine <- data <- training <- gui, with cli on top and Qt only in gui/cli.

An AST scan of every module's imports (including imports inside functions), so a violation fails
here rather than in a notebook without Qt.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nnviz"
ORDER = ["engine", "data", "training", "gui", "cli"]
QT = ("PySide6", "shiboken6", "pyqtgraph")
# What each layer may import from nnviz, besides itself.
ALLOWED = {
    "engine": set(),
    "data": {"engine"},
    "training": {"engine", "data"},
    "gui": {"engine", "data", "training"},
    "cli": {"engine", "data", "training", "gui"},
}


def imports_of(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def modules(layer):
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", ORDER)
def test_layer_imports_only_lower_layers(layer):
    assert modules(layer), f"nnviz/{layer} has no modules"
    violations = []
    for path in modules(layer):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "nnviz" and len(parts) > 1 and parts[1] in ALLOWED and parts[1] != layer:
                if parts[1] not in ALLOWED[layer]:
                    violations.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if parts[0] in QT and layer not in ("gui", "cli"):
                violations.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not violations


def test_engine_data_and_training_work_without_qt():
    # Block Qt at import time in a fresh interpreter, then train a network end to end.
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('Qt is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from nnviz.training import build_session, get_preset\n"
        "s = build_session(get_preset('xor'))\n"
        "for _ in range(40): s.step()\n"
        "import nnviz.engine, nnviz.data\n"
        "assert not any(m.split('.')[0] in ('PySide6', 'pyqtgraph') for m in sys.modules)\n"
        "print('ok', s.step_count)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["ok", "40"]
