"""Writing a text file whole or not at all: a temporary file beside it, renamed over it.

Experiments and exported scripts are ordinary documents: they get the mode a new file gets (mkstemp
makes its file private), and a folder that cannot be written is named in the error, not our hidden
temporary file's name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nnviz.engine.os_errors import os_reason
from nnviz.engine.phrases import QT_TRANSLATE_NOOP


def write_text_atomically(path: str | os.PathLike, text: str) -> Path:
    """Write `text` (UTF-8, "\\n" line ends) to `path`; OSError, naming the folder, if it cannot be."""
    path = Path(path)
    folder = path.absolute().parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OSError(e.errno, QT_TRANSLATE_NOOP("ModelFile", "cannot write in {folder}: {reason}").format(
            folder=str(folder), reason=os_reason(e))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # as an ordinary new file
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
