"""Every case of tests/approved.py gives exactly the output a person read and approved
(tests/data/approved/<case>.txt): the memo, each view's HTML and text, the command line's output
and every field of the reply. A change a reader would see fails here with a diff; a meant change is
approved with ``python -m tests.approved`` and its diff read before committing."""

from __future__ import annotations

import difflib
import json

import pytest

from tests.approved import APPROVED, CASES, STATE_CASES, render


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_the_approved_one(name: str) -> None:
    path = APPROVED / f"{name}.txt"
    assert path.is_file(), f"no approved output for {name!r}: run `python -m tests.approved` and read the new file"
    approved = path.read_text("utf-8")
    now = render(name)
    if now != approved:
        diff = "".join(list(difflib.unified_diff(approved.splitlines(True), now.splitlines(True),
                                                 f"approved/{name}.txt", "engine now", n=2))[:80])
        pytest.fail(f"the output of {name!r} changed; if that is meant, run `python -m tests.approved` "
                    f"and read the diff before committing:\n{diff}", pytrace=False)


def test_every_approved_file_has_its_case() -> None:
    """A file left behind by a removed case would never be checked again."""
    assert sorted(p.stem for p in APPROVED.glob("*.txt")) == sorted(CASES)


def test_the_cases_reach_every_state_and_kind_of_output() -> None:
    """The inputs still cover what they were chosen for: each state of the result, each command
    and format, refusals of each kind."""
    texts = {name: (APPROVED / f"{name}.txt").read_text("utf-8") for name in CASES}
    # Each state's case shows the headline tests/data/wording.json has for it, written by hand.
    for name, state in STATE_CASES.items():
        assert json.dumps(state["headline"], ensure_ascii=False) in texts[name], (name, state["headline"])
    commands = "".join(t for n, t in texts.items() if n.startswith("command_"))
    for command in ("score", "cost", "plan", "providers"):
        for fmt in ("text", "markdown"):
            assert f"python -m calculator {command} " in commands and f"--format {fmt}" in commands
    assert texts["bad_requests"].count('"ok": false') >= 20
    assert texts["bad_commands"].count("## status 2") >= 9
