"""Keep the translations in step with the code (run with the project's Python, PySide6 installed):

    python resources/translations/update.py              # re-extract every .ts, then compile every .qm
    python resources/translations/update.py --fill F.json # also take translations from a JSON list of
                                                          #   {"context", "source", "translation"}
    python resources/translations/update.py --check       # only say what is out of date (exit 1)

Extraction is pyside6-lupdate over nnviz/ (the window's tr()/translate() calls and the Qt-free layers'
QT_TRANSLATE_NOOP marks), without source locations (so moving code changes nothing) and without
obsolete entries. Compilation is pyside6-lrelease. Both tools ship with PySide6-Essentials. The glossary
of the terms chosen for each language is glossary_<code>.md beside its .ts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("zh_CN",)


def tool(name: str) -> Path:
    import PySide6

    path = Path(PySide6.__file__).parent / name
    if not path.exists():
        sys.exit(f"update.py: {path} not found (PySide6-Essentials ships {name})")
    return path


def sources() -> list[Path]:
    return sorted((ROOT / "nnviz").rglob("*.py"))


def ts_path(code: str) -> Path:
    return HERE / f"nnviz_{code}.ts"


def qm_path(code: str) -> Path:
    return HERE / f"nnviz_{code}.qm"


def extract(ts: Path, code: str) -> None:
    """Bring `ts` in step with the sources: new strings unfinished, vanished ones dropped."""
    files = [str(path.relative_to(ROOT)) for path in sources()]
    subprocess.run([str(tool("lupdate")), "-silent", "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", code, *files, "-ts", str(ts)],
                   cwd=ROOT, check=True)


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([str(tool("lrelease")), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> list[dict]:
    """Every message of `ts`: context, source, translation and its type ("" when finished)."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            found.append({"context": name, "source": message.findtext("source"),
                          "translation": translation.text or "", "type": translation.get("type", "")})
    return found


def fill(ts: Path, entries: list[dict]) -> int:
    """Set the translation of every message named in `entries`; returns how many were set."""
    wanted = {(entry["context"], entry["source"]): entry["translation"] for entry in entries}
    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            text = wanted.get((name, message.findtext("source")))
            if text:
                translation = message.find("translation")
                translation.text = text
                translation.attrib.pop("type", None)
                count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    # lupdate's own layout again, so the next extraction changes nothing
    extract(ts, ts.stem.split("_", 1)[1])
    return count


def out_of_date() -> list[str]:
    """What a run of this script would change, in words (empty: everything is in step)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for code in LANGUAGES:
            ts = ts_path(code)
            if not ts.exists():
                problems.append(f"{ts.name} is missing")
                continue
            fresh = Path(tmp) / ts.name
            fresh.write_bytes(ts.read_bytes())
            extract(fresh, code)
            if fresh.read_bytes() != ts.read_bytes():
                problems.append(f"{ts.name} is not in step with the sources (run update.py)")
            qm = Path(tmp) / qm_path(code).name
            compile_qm(ts, qm)
            if not qm_path(code).exists() or qm.read_bytes() != qm_path(code).read_bytes():
                problems.append(f"{qm_path(code).name} is not compiled from {ts.name} (run update.py)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, action="append", default=[],
                        help="a JSON list of {context, source, translation} to take")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args()
    if args.check:
        problems = out_of_date()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for code in LANGUAGES:
        ts = ts_path(code)
        extract(ts, code)
        for path in args.fill:
            print(f"{ts.name}: {fill(ts, json.loads(path.read_text(encoding='utf-8')))} from {path}")
        compile_qm(ts, qm_path(code))
        unfinished = sum(1 for message in messages(ts) if message["type"])
        print(f"{ts.name}: {len(messages(ts))} messages, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
