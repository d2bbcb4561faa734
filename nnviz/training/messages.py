"""An exception's message as the window should get it: the marked Phrase when there is one.

Errors raised by the Qt-free layers carry a nnviz.engine.phrases Phrase (or Template) as their first
argument, so the window can say them in its language (nnviz.gui.i18n.said_error). Where such an
error is passed on as text (the trainer's "failed" message, a file error wrapped in another), this
keeps the Phrase rather than flattening it into plain English.
"""

from __future__ import annotations

from nnviz.engine.os_errors import REASONS
from nnviz.engine.phrases import QT_TRANSLATE_NOOP, Phrase, Template


def message_of(error: BaseException) -> str:
    """`error`'s message: its first argument if a Phrase or Template (the same English as str(error)
    for a one-argument exception), else str(error)."""
    if len(error.args) == 1 and isinstance(error.args[0], (Phrase, Template)):
        return error.args[0]
    if isinstance(error, OSError) and isinstance(error.strerror, (Phrase, Template)) and error.filename is None \
            and len(error.args) == 2:
        # OSError(errno, Phrase): str() says "[Errno 28] only 3 MiB free in ...".
        return QT_TRANSLATE_NOOP("Errors", "[Errno {errno}] {message}").format(errno=error.errno,
                                                                               message=error.strerror)
    if isinstance(error, OSError) and error.errno in REASONS and len(error.args) == 2 and error.filename2 is None:
        # The system's own error (open() of a missing file, say): its reason marked, the same English.
        reason = REASONS[error.errno]
        if error.filename is None:
            return QT_TRANSLATE_NOOP("Errors", "[Errno {errno}] {message}").format(errno=error.errno, message=reason)
        return QT_TRANSLATE_NOOP("Errors", "[Errno {errno}] {message}: {file}").format(
            errno=error.errno, message=reason, file=repr(error.filename))
    return str(error)
