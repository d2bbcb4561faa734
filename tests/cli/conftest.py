"""Fixtures for the CLI tests: run `main()` in-process, find the real MNIST, train a small digit model."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from nnviz.cli import main

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        """The last line of stdout, parsed."""
        return json.loads(self.out.strip().splitlines()[-1])


@pytest.fixture
def cli(capsys):
    """cli("train", "--preset", "xor") -> Result(code, out, err), run in this process."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_quietly(*argv: str) -> Result:
    """main() with its output captured, for session-scoped fixtures (which cannot use capsys)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Result(code, out.getvalue(), err.getvalue())


def _child_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


@pytest.fixture
def project_root() -> Path:
    return ROOT


@pytest.fixture
def child_env():
    """child_env(extra) -> an environment in which a child process imports this nnviz."""
    return _child_env


@pytest.fixture
def run_module():
    """run_module(*argv) -> CompletedProcess of `python -m nnviz ARGV` in a fresh process."""

    def run(*argv, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "nnviz", *map(str, argv)], cwd=ROOT, capture_output=True, text=True,
            env=_child_env(env), timeout=timeout,
        )

    return run


@pytest.fixture(scope="session")
def digit_model(mnist_dir, tmp_path_factory) -> Path:
    """The textbook MNIST network trained for one epoch on 3,000 samples (about 77% test accuracy)."""
    path = tmp_path_factory.mktemp("models") / "digits.npz"
    result = run_quietly("train", "--preset", "mnist-book", "--limit-train", 3000,
                         "--data-dir", mnist_dir, "--save", path, "--json")
    assert result.code == 0, result.err
    assert result.json["test_accuracy"] > 0.7
    return path
