"""Experiments and exported scripts are written whole, as ordinary files, and a folder that cannot be
written is named in the error (not the hidden temporary file)."""

import os
import stat

import pytest

from nnviz.training.atomic_file import write_text_atomically
from nnviz.training.experiment import save_experiment
from nnviz.training.export_python import write_script
from nnviz.training.presets import get_preset


def test_a_written_file_gets_an_ordinary_file_s_mode_and_leaves_no_temporary_file(tmp_path):
    mask = os.umask(0o022)
    try:
        save_experiment(tmp_path / "xor.json", get_preset("xor"))
        write_script(tmp_path / "xor.py", "print('hi')\n")
        (tmp_path / "old.json").write_text("{}")
        os.chmod(tmp_path / "old.json", 0o644)
        save_experiment(tmp_path / "old.json", get_preset("xor"))  # replaced, not made private
    finally:
        os.umask(mask)
    for name in ("xor.json", "xor.py", "old.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json", "xor.json", "xor.py"]


@pytest.mark.parametrize("where", ["missing/x.json", "a-file/x.json"])
def test_a_folder_that_cannot_be_written_is_named(tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder")
    folder = (tmp_path / where).parent
    with pytest.raises(OSError) as caught:
        write_text_atomically(tmp_path / where, "{}")
    text = str(caught.value)
    assert f"cannot write in {folder}" in text and ".tmp" not in text
    assert caught.value.strerror.args["folder"] == str(folder)  # a Phrase: the window translates it
