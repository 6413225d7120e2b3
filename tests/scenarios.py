"""The decision scenarios, read once for every test that uses them.

tests/scenarios.json holds the textbook cases the thresholds were set on; tests/scenarios_heldout.json
the boundary cases kept out of that calibration (issue 18). Each scenario has an id, its answers
and what it must come out as.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["BY_ID", "HELDOUT", "SCENARIOS"]

_HERE = Path(__file__).resolve().parent


def _read(name: str) -> list[dict[str, Any]]:
    return json.loads((_HERE / name).read_text(encoding="utf-8"))["scenarios"]


SCENARIOS: list[dict[str, Any]] = _read("scenarios.json")  # in the file's order
BY_ID: dict[str, dict[str, Any]] = {s["id"]: s for s in SCENARIOS}
HELDOUT: list[dict[str, Any]] = _read("scenarios_heldout.json")
