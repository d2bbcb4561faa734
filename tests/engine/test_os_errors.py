"""The system's reasons for a failed file operation are marked for translation, with the English the
command line always printed."""

import errno
import os
import pickle

import pytest

from nnviz.engine.model_file import check_can_save
from nnviz.engine.os_errors import REASONS, os_reason
from nnviz.engine.phrases import Phrase, Template
from nnviz.training.messages import message_of


@pytest.mark.parametrize("code", sorted(REASONS))
def test_each_reason_is_the_c_library_s_english(code):
    if os.strerror(code) != str(REASONS[code]):
        pytest.skip(f"this C library words errno {code} as {os.strerror(code)!r}")
    reason = os_reason(OSError(code, os.strerror(code)))
    assert isinstance(reason, Template) and reason.context == "Errors"


def test_an_uncommon_reason_stays_the_system_s():
    assert os_reason(OSError(errno.ESPIPE, "Illegal seek")) == "Illegal seek"
    assert os_reason(OSError("no errno at all")) == "no errno at all"


@pytest.mark.parametrize("error", [
    PermissionError(errno.EACCES, "Permission denied", "/data/model.npz"),
    FileNotFoundError(errno.ENOENT, "No such file or directory", "t10k-images-idx3-ubyte.gz"),
    OSError(errno.ENOSPC, "No space left on device"),
])
def test_a_system_error_s_message_is_a_phrase_with_its_usual_english(error):
    message = message_of(error)
    assert isinstance(message, Phrase) and message == str(error)
    assert isinstance(message.args["message"], Template)  # the reason inside it translates too
    assert pickle.loads(pickle.dumps(message)) == message  # from the trainer process to the window


def test_a_folder_that_cannot_be_written_is_said_with_a_marked_reason(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".nnviz-write-test-x"))

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(OSError) as caught:
        check_can_save(tmp_path / "model.npz")
    assert caught.value.strerror.args["reason"] is REASONS[errno.EACCES]
    assert str(caught.value.strerror) == f"cannot write in {tmp_path} (Permission denied)"
