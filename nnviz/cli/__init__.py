"""The `nnviz` command line: train, evaluate, predict, check gradients, fetch MNIST, open the app.

    nnviz train --preset xor --json
    nnviz eval --model digits.npz --dataset mnist
    nnviz predict --model digits.npz my-seven.png

`main(argv)` returns the exit code (see nnviz.cli.errors) instead of exiting, so tests call it
in-process. Problems a user can fix are reported as one line on stderr, never as a traceback.
"""

from __future__ import annotations

import os
import shlex
import sys

from nnviz.cli.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CommandError,
    ParserExit,
    UsageError,
)
from nnviz.cli.output import one_line
from nnviz.data.errors import MnistCorruptError, MnistMissingError
from nnviz.engine.model_file import ModelFileError
from nnviz.training.hyperparameters import HyperparameterError
from nnviz.training.session import TrainingDiverged

__all__ = ["main"]

# Exceptions from the library whose message is already written for the user, and their exit codes.
_USER_ERRORS: tuple[tuple[type[Exception], int], ...] = (
    (HyperparameterError, EXIT_USAGE),
    (ModelFileError, EXIT_USAGE),
    (MnistMissingError, EXIT_USAGE),
    (MnistCorruptError, EXIT_USAGE),
    (TrainingDiverged, EXIT_FAILED),
)


def main(argv: list[str] | None = None) -> int:
    """Run the command in argv (default sys.argv[1:]); no arguments opens the desktop app."""
    from nnviz.cli.parser import parse_args

    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parse_args(argv or ["gui"])
    except ParserExit as done:
        if done.message:
            print(done.message, file=sys.stderr if done.status else sys.stdout)
        return done.status
    args._command_line = shlex.join(["nnviz", *argv])
    try:
        return args._run(args)
    except UsageError as e:
        _report(f"{e} (see {args._parser.prog} --help)")
        return e.exit_code
    except CommandError as e:
        _report(str(e))
        return e.exit_code
    except tuple(kind for kind, _ in _USER_ERRORS) as e:
        _report(str(e))
        return next(code for kind, code in _USER_ERRORS if isinstance(e, kind))
    except KeyboardInterrupt:
        print("nnviz: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`nnviz explain | head -1`): nothing left to say to it. Point stdout at
        # /dev/null so that the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as e:  # e.g. stdout on a full disk
        _report(f"cannot write the output: {e.strerror or e}")
        return 1


def _report(message: str) -> None:
    print(f"nnviz: error: {one_line(message)}", file=sys.stderr)
