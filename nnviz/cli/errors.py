"""Exit codes and the exceptions commands raise for problems the user can fix.

0   success
1   the command ran but did not succeed: training diverged, a gradient check failed, a download or a
    save failed, the desktop app is not available
2   the input was wrong: bad arguments or hyperparameters, an unreadable model or image file, a model
    that does not fit the data, MNIST missing or corrupt
130 interrupted with Ctrl+C (128 + SIGINT, as shells report it)
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A problem to report as one line on stderr, ending the command with `exit_code`."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE):
        super().__init__(message)
        self.exit_code = exit_code


class UsageError(CommandError):
    """Options that do not go together; the report points to the command's --help."""


class ParserExit(Exception):
    """The argument parser is done: after --help (status 0) or a usage error (status 2)."""

    def __init__(self, status: int, message: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message
