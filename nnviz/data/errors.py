"""Exceptions raised by `nnviz.data`.

Each message is one line that names the file or URL involved and says what to do next, so the CLI can
print it as it is and the GUI can show it in a dialog.
"""

__all__ = [
    "IdxFormatError",
    "MnistMissingError",
    "MnistCorruptError",
    "MnistUnreadableError",
    "DownloadError",
    "DownloadCancelled",
]


class IdxFormatError(ValueError):
    """A file is not a well-formed IDX file (bad magic, wrong length, corrupt gzip)."""


class MnistMissingError(FileNotFoundError):
    """One or more of the four MNIST files is not in the data directory."""


class MnistCorruptError(ValueError):
    """An MNIST file exists but cannot be decoded or does not match its checksum."""


class MnistUnreadableError(OSError):
    """An MNIST file is there but cannot be read (no permission, a folder in its place, an I/O error).

    Nothing is downloaded over it: the message says which file and what to do.
    """


class DownloadError(OSError):
    """Every mirror failed for a file; the message lists each mirror and why.

    The parts are kept too, for a dialog that lays them out on lines of their own: `summary` (what
    could not be downloaded, and where to), `failures` ("url: why", one per mirror) and `note` (what
    was kept for resuming, or "").
    """

    def __init__(self, summary: str, failures=(), note: str = ""):
        self.summary, self.failures, self.note = summary, tuple(failures), note
        parts = "; ".join(self.failures)
        super().__init__(summary + (f": {parts}" if parts else "") + (f"; {note}" if note else ""))


class DownloadCancelled(Exception):
    """The caller's `cancelled()` returned True; the partial `.part` file is kept for resuming."""
