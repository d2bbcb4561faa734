"""`python -m nnviz` does what the `nnviz` command does."""

import sys

from nnviz.cli import main

# The guard matters: the trainer process is spawned, and spawn imports the parent's main module.
if __name__ == "__main__":
    sys.exit(main())
