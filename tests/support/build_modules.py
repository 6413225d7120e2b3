"""Import the scripts in build/ by path, for the tests, the test server and the benchmarks.

build/ is not a package, and the names `build` and `wheel` already belong to installed
packages, so each script is loaded from its file under a prefixed module name. build/hooks.py
loads its siblings the same way and under the same names, so everyone shares one copy.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BUILD = Path(__file__).resolve().parents[2] / "build"


def load(name: str) -> ModuleType:
    """The module build/<name>.py, loaded once."""
    module_name = f"outside_help_build_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    path = BUILD / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no build script {path}")
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
