"""`nnviz data mnist`: download MNIST into the data directory (resumably) and verify it."""

from __future__ import annotations

import argparse
import sys

from nnviz.cli import output
from nnviz.cli.errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, CommandError
from nnviz.cli.interrupt import stop_on_interrupt
from nnviz.data.errors import DownloadCancelled, DownloadError, MnistUnreadableError
from nnviz.data.mnist_download import MIRRORS, download_mnist
from nnviz.data.mnist_files import verify_mnist
from nnviz.data.paths import resolve_data_dir

CANCELLED = "cancelled; run again to resume"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("data", help="download data sets", description="Download data sets.")
    p.set_defaults(_parser=p)
    which = p.add_subparsers(dest="dataset", required=True, metavar="DATASET")
    mnist = which.add_parser(
        "mnist", help="download and verify MNIST (about 11 MB)",
        description="Download MNIST's four files (about 11 MB) into the data directory and verify their "
                    "checksums. An interrupted download resumes where it stopped.",
    )
    mnist.add_argument("--data-dir", metavar="DIR",
                       help="where to put MNIST (default: $NNVIZ_DATA_DIR or the user cache)")
    # Servers with the four .gz files, tried in order instead of the built-in mirrors (tests, local caches).
    mnist.add_argument("--mirror", action="append", metavar="URL", help=argparse.SUPPRESS)
    mnist.set_defaults(_run=run_mnist, _parser=mnist)


def run_mnist(args) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    if not _verify(data_dir):
        output.say(f"MNIST is already in {data_dir} (all four files verified)")
        return EXIT_OK
    output.say(f"downloading MNIST into {data_dir}")
    bar = output.DownloadBar()
    try:
        with stop_on_interrupt() as stop:
            download_mnist(data_dir, mirrors=args.mirror or MIRRORS, progress=bar,
                           cancelled=lambda: stop.requested)
    except MnistUnreadableError as e:  # found before anything was downloaded; the file is left alone
        bar.finish()
        raise CommandError(str(e), EXIT_USAGE) from None
    except (DownloadCancelled, KeyboardInterrupt):  # a second Ctrl+C arrives as KeyboardInterrupt
        bar.finish()
        print(f"nnviz: download {CANCELLED}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except DownloadError as e:
        bar.finish()
        raise CommandError(str(e), EXIT_FAILED) from None
    except OSError as e:  # e.g. the directory cannot be created or written
        bar.finish()
        raise CommandError(f"cannot download MNIST into {data_dir}: {e}", EXIT_FAILED) from None
    problems = _verify(data_dir)
    if problems:
        raise CommandError(f"MNIST in {data_dir} failed verification: {'; '.join(problems)}", EXIT_FAILED)
    output.say(f"MNIST is ready in {data_dir} (all four files verified)")
    return EXIT_OK


def _verify(data_dir) -> list[str]:
    """verify_mnist, with a file that cannot be read reported as one line and exit code 2."""
    try:
        return verify_mnist(data_dir)
    except MnistUnreadableError as e:
        raise CommandError(str(e), EXIT_USAGE) from None
