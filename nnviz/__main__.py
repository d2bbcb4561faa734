"""`python -m nnviz` does what the `nnviz` command does."""

import sys

from nnviz.cli import main

sys.exit(main())
