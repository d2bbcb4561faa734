"""The operating system's reasons for a failed file or network operation, in words the window can say
in its language.

An OSError's strerror is the C library's English; a message that embeds it stayed English inside a
Chinese sentence. The common reasons are marked here instead, with the same English (glibc's), so the
command line prints what it always printed and the window translates them.
"""

from __future__ import annotations

import errno

from nnviz.engine.phrases import QT_TRANSLATE_NOOP, Phrase, Template

REASONS: dict[int, Template] = {
    errno.EACCES: QT_TRANSLATE_NOOP("Errors", "Permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("Errors", "Operation not permitted"),
    errno.ENOENT: QT_TRANSLATE_NOOP("Errors", "No such file or directory"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("Errors", "No space left on device"),
    errno.EDQUOT: QT_TRANSLATE_NOOP("Errors", "Disk quota exceeded"),
    errno.EROFS: QT_TRANSLATE_NOOP("Errors", "Read-only file system"),
    errno.EISDIR: QT_TRANSLATE_NOOP("Errors", "Is a directory"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("Errors", "Not a directory"),
    errno.EEXIST: QT_TRANSLATE_NOOP("Errors", "File exists"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Errors", "File name too long"),
    errno.EIO: QT_TRANSLATE_NOOP("Errors", "Input/output error"),
    errno.EMFILE: QT_TRANSLATE_NOOP("Errors", "Too many open files"),
    errno.ENOMEM: QT_TRANSLATE_NOOP("Errors", "Cannot allocate memory"),
    errno.ETIMEDOUT: QT_TRANSLATE_NOOP("Errors", "Connection timed out"),
    errno.ECONNREFUSED: QT_TRANSLATE_NOOP("Errors", "Connection refused"),
    errno.ECONNRESET: QT_TRANSLATE_NOOP("Errors", "Connection reset by peer"),
    errno.EHOSTUNREACH: QT_TRANSLATE_NOOP("Errors", "No route to host"),
    errno.ENETUNREACH: QT_TRANSLATE_NOOP("Errors", "Network is unreachable"),
}


def os_reason(error: OSError) -> str:
    """Why `error` happened, in words: our own marked wording when it already has one, the marked
    reason for its errno when that is a common one, else its strerror (or its whole text)."""
    if isinstance(error.strerror, (Phrase, Template)):
        return error.strerror
    return REASONS.get(error.errno) or error.strerror or str(error)
