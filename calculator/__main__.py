"""``python -m calculator``: see calculator.cli."""

import sys

from .cli import main

sys.exit(main())
