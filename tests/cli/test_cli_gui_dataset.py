"""`nnviz gui --dataset DATA [--label-column NAME] [--task T]`: the app opens on that data, with a
network made for it; a bad CSV file is refused in one line before any window opens."""

from __future__ import annotations

import sys
import types

import pytest

from nnviz.training.presets import preset_spec


@pytest.fixture
def fake_app(monkeypatch):
    """A stand-in nnviz.gui.app whose run() records the options it was given."""
    calls = []
    module = types.ModuleType("nnviz.gui.app")
    module.run = lambda args: calls.append(args) or 0
    monkeypatch.setitem(sys.modules, "nnviz.gui.app", module)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return calls


def test_a_generator_opens_on_its_own_preset(cli, fake_app):
    assert cli("gui", "--dataset", "circle").code == 0
    (args,) = fake_app
    assert args.preset.name == "circle" and preset_spec(args.preset).generator == "circle"


def test_a_preset_s_network_is_fitted_to_the_data_named(cli, fake_app):
    assert cli("gui", "--preset", "xor", "--dataset", "plane").code == 0
    preset = fake_app[0].preset
    assert preset.sizes == (2, 10, 1) and preset.output == "identity" and preset_spec(preset).generator == "plane"


def test_a_csv_file_opens_with_its_label_column(cli, fake_app, tmp_path):
    path = tmp_path / "flowers.csv"
    path.write_text("kind,petal,sepal,stem\n" + "".join(f"{'ab'[i % 2]},{i},{i % 5},{i % 3}\n" for i in range(30)))
    assert cli("gui", "--dataset", path, "--label-column", "kind").code == 0
    preset = fake_app[0].preset
    spec = preset_spec(preset)
    assert (spec.kind, spec.label_column, spec.path) == ("csv", "kind", str(path.resolve()))
    assert preset.sizes[0] == 3 and preset.sizes[-1] == 1 and preset.loss == "bce"


def test_a_bad_csv_is_one_line_naming_row_and_column_and_no_window(cli, fake_app, tmp_path):
    path = tmp_path / "flowers.csv"
    path.write_text("petal,kind\n1,a\nbig,b\n")
    result = cli("gui", "--dataset", path)
    assert result.code == 2 and fake_app == []
    assert result.err.count("\n") == 1 and "flowers.csv" in result.err and "row 3" in result.err
    assert "'petal'" in result.err


def test_a_label_column_needs_a_csv_file(cli, fake_app):
    result = cli("gui", "--dataset", "circle", "--label-column", "y")
    assert result.code == 2 and fake_app == [] and "CSV" in result.err
    unknown = cli("gui", "--dataset", "moons")
    assert unknown.code == 2 and fake_app == [] and "'moons'" in unknown.err and "circle" in unknown.err
