"""nnviz.data stays a leaf: standard library and NumPy only, never Qt, never pickle. The exceptions are
nnviz.engine.phrases and nnviz.engine.os_errors (themselves standard library only), which mark its
messages and the system's reasons for translation."""

import ast
import subprocess
import sys
from pathlib import Path

import nnviz.data

PACKAGE = Path(nnviz.data.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


def test_imports_only_stdlib_numpy_and_itself():
    sources = sorted(PACKAGE.glob("*.py"))
    assert len(sources) >= 8
    for path in sources:
        for name in _imported_modules(path):
            top = name.split(".")[0]
            allowed = (top in sys.stdlib_module_names or top == "numpy" or name.startswith("nnviz.data")
                       or name in ("nnviz.engine.phrases", "nnviz.engine.os_errors"))
            assert allowed, f"{path.name} imports {name}"
            assert top not in {"pickle", "shelve", "marshal"}, f"{path.name} imports {name}"
        assert "allow_pickle=True" not in path.read_text(encoding="utf-8")


def test_importing_does_not_load_qt():
    code = (
        "import sys, nnviz.data; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'PIL', 'scipy')))"
    )
    root = PACKAGE.parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_public_api_is_exported():
    for name in [
        "Dataset", "Query", "xor", "gender", "load_mnist", "download_mnist", "verify_mnist",
        "resolve_data_dir", "default_data_dir", "preprocess_digit", "render_strokes", "scale_pixels",
        "read_idx", "errors", "MIRRORS", "IdxFormatError", "MnistMissingError", "MnistCorruptError",
        "DownloadError", "DownloadCancelled",
    ]:
        assert name in nnviz.data.__all__ and hasattr(nnviz.data, name), name
    assert nnviz.data.MIRRORS[0].startswith("https://")
    assert all(m.endswith("/") for m in nnviz.data.MIRRORS)
