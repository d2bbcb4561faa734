"""The package's shape (issue 8's "done means"): no import cycle anywhere in nnviz, counting every
import — inside functions and under `if TYPE_CHECKING` too, since a cycle there still ties two modules
together for a reader — and no GUI module over 500 lines."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nnviz"
MAX_GUI_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(name: str, source: str, known: set[str], is_package: bool = False) -> set[str]:
    """The modules in known that module `name` imports in source (absolute or relative, anywhere in
    the file). `from p import x` counts p.x when that is a module, else p."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                origin = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            targets = [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in known else origin
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # a.b.c where only a.b is a module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): imported_modules(module_name(p), p.read_text(encoding="utf-8"), known,
                                             p.name == "__init__.py") for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm), each sorted."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_are_read_in_every_form():
    known = {"nnviz", "nnviz.a", "nnviz.a.b", "nnviz.a.c", "nnviz.d"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "import nnviz.a.b\n"
        "from . import c\n"
        "from ..d import thing\n"
        "if TYPE_CHECKING:\n"
        "    from nnviz.a.b import Name\n"
        "def later():\n"
        "    import nnviz.d\n"
    )
    assert imported_modules("nnviz.a.x", source, known) == {"nnviz.a.b", "nnviz.a.c", "nnviz.d"}
    only_typing = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from nnviz.d import T\n"
    assert imported_modules("nnviz.a.x", only_typing, known) == {"nnviz.d"}
    graph = import_graph()
    assert "nnviz.gui.charts.confusion_matrix" in graph["nnviz.gui.charts.evaluation"]


def test_no_import_cycle_in_nnviz():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" ↔ ".join(group) for group in found)


@pytest.mark.parametrize("path", sorted((PACKAGE / "gui").rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_gui_module_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_GUI_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines: split it by what it holds"
