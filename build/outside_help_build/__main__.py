"""`python -m outside_help_build build ...`: the build command (cli.py)."""

import sys

from outside_help_build.cli import main

sys.exit(main())
