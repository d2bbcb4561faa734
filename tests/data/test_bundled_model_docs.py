"""Every mention of the bundled model's test accuracy agrees with the accuracy in its own metadata
("98.5%+" in one place and "98.95 %" in another confused a reader)."""

import re
from pathlib import Path

from nnviz.data.bundled import bundled_model_path
from nnviz.engine.model_file import load_model

ROOT = Path(__file__).resolve().parents[2]


def test_docs_quote_the_bundled_models_measured_accuracy():
    accuracy = load_model(bundled_model_path()).metadata["metrics"]["test_accuracy"]
    quoted = f"{100 * accuracy:.2f} %"  # 10,000 test digits: two decimals are exact
    for doc in (ROOT / "README.md", ROOT / "resources" / "models" / "README.md"):
        text = doc.read_text(encoding="utf-8")
        assert quoted in text, f"{doc.name} does not quote {quoted}"
    # No other figure is given for it anywhere in the package or the docs.
    for path in [ROOT / "README.md", *(ROOT / "nnviz").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"98\.5 ?%\+", text), f"{path.relative_to(ROOT)} calls it 98.5 %+"
