"""The argument parser: one-line usage errors and the assembled commands.

Each command module owns its options (`add_parser(subparsers)`) and its `run(args) -> int`; this module
only puts them together.
"""

from __future__ import annotations

import argparse

from nnviz import __version__
from nnviz.cli import data, evaluate, explain, export, gradcheck, gui, predict, presets, race, train
from nnviz.cli.errors import ParserExit

COMMANDS = (train, race, explain, evaluate, predict, gradcheck, export, data, presets, gui)


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that reports a usage error in one line and raises instead of exiting,
    so `main()` can return the status (tests call it in-process)."""

    def error(self, message: str):
        raise ParserExit(2, f"nnviz: error: {message} (see {self.prog} --help)")

    def exit(self, status: int = 0, message: str | None = None):
        raise ParserExit(status, (message or "").rstrip("\n"))


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="nnviz",
        description="Watch a NumPy neural network learn. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"nnviz {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse argv; an unknown option is reported against the command it was given to."""
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        command_parser = getattr(args, "_parser", parser)
        command_parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args

