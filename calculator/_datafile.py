"""The engine's data files (questions.toml, cost_inputs.toml, provider_criteria.toml,
share_v1.toml), read one way.

They sit beside the code in the package, in the wheel the browser loads too. A file that is
missing, is not UTF-8 or is not valid TOML is named in one `CalculatorError` (kind ``bad_data``),
never a bare traceback from deep inside importlib or tomllib; each loader then checks the
contents and names the entry that is wrong.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from typing import Any

from .errors import CalculatorError

__all__ = ["parse_toml", "read_toml"]


def read_toml(name: str) -> dict[str, Any]:
    """The parsed contents of the packaged data file ``name``.

    >>> read_toml("cost_inputs.toml")["schema"]
    1
    >>> read_toml("colours.toml")
    Traceback (most recent call last):
    calculator.errors.CalculatorError: colours.toml: missing from the calculator package (reinstall it, or rebuild the wheel)
    """
    try:
        data = importlib.resources.files(__package__).joinpath(name).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise CalculatorError(f"{name}: missing from the calculator package (reinstall it, or rebuild the wheel)",
                              kind="bad_data") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CalculatorError(f"{name}: not UTF-8 text (byte {err.start + 1} cannot be read)", kind="bad_data") from None
    return parse_toml(name, text)


def parse_toml(name: str, text: str) -> dict[str, Any]:
    """``text`` parsed as TOML; a mistake is reported with the file's name and tomllib's place.

    >>> parse_toml("questions.toml", "schema = 1")
    {'schema': 1}
    >>> parse_toml("questions.toml", "schema = \\n")
    Traceback (most recent call last):
    calculator.errors.CalculatorError: questions.toml: not valid TOML: Invalid value (at line 1, column 10)
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CalculatorError(f"{name}: not valid TOML: {err}", kind="bad_data") from None
