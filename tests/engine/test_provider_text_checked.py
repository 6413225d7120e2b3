"""A provider evaluation's own text (a provider's name, a criterion's name, an evidence note) is
shown on the page, in the memo and on a terminal, and carried in links others open. A character
that acts instead of showing is refused with the field it is in, as a plan's workstream names are
(calculator/checks.py `has_hidden_character`): before this rule, a lone surrogate came back as an
internal error and an escape sequence reached the terminal raw."""

from __future__ import annotations

import json

import pytest

import calculator.provider_input as provider_input
from calculator.providers import evaluate
from calculator.share_providers import encode_evaluation
from tests.engine.test_providers_io import EVALUATION, ask

ACTS = "has a control or invisible character that could change how it reads"
NOTE_OF_BEACON = "provider “Beacon”: the evidence note for “Service levels, reporting and credits”"


def _with(where: str, text: str) -> dict:
    ev = json.loads(json.dumps(EVALUATION))
    if where == "name":
        ev["providers"][1]["name"] = text
    elif where == "note":
        ev["providers"][1]["notes"] = {"service_levels": text}
    else:
        ev["criteria"][3]["label"] = text
    return ev


WHERE = {  # where the text goes -> (the field named, how the message starts)
    "name": ("providers[1].name", "provider 2: its name"),
    "note": ("providers[1].notes.service_levels", NOTE_OF_BEACON),
    "label": ("criteria[3].label", "criterion 4: its name"),
}


@pytest.mark.parametrize("where", sorted(WHERE))
@pytest.mark.parametrize("acting", [
    "\ud800",        # a lone surrogate: cannot be written as UTF-8 (was an internal error)
    "\x1b[31m",      # a terminal colour
    "\u202e",        # a right-to-left override: the rest reads backwards
    "\x07",          # the terminal bell
    "\ue000",        # private use
])
def test_text_that_acts_instead_of_showing_is_refused_naming_its_field(where: str, acting: str) -> None:
    error = ask({"op": "providers", "evaluation": _with(where, f"Beacon{acting}Ltd")})["error"]
    field, start = WHERE[where]
    assert error == {"kind": "invalid_evaluation", "field": field, "message": f"{start} {ACTS}"}


def test_a_line_separator_is_refused_in_a_note_and_a_space_in_a_name() -> None:
    # A name is one line: every kind of space or line break in it is one space (as before).
    reply = ask({"op": "providers", "evaluation": _with("name", "Beacon\u2028Ltd")})
    assert reply["ok"] and "Beacon Ltd" in reply["memo"]
    # A note keeps its inside as written, so a paragraph separator would break its line.
    error = ask({"op": "providers", "evaluation": _with("note", "Two SLAs\u2029credits")})["error"]
    assert error["message"] == f"{NOTE_OF_BEACON} {ACTS}"


@pytest.mark.parametrize("where", ["name", "label"])
def test_a_name_of_only_joiners_and_marks_is_refused(where: str) -> None:
    error = ask({"op": "providers", "evaluation": _with(where, "\u200d\u0301")})["error"]
    field, start = WHERE[where]
    assert (error["field"], error["message"]) == (field, f"{start} has no visible character")


def test_the_invisible_characters_real_names_need_are_kept() -> None:
    persian = "\u0645\u06cc\u200c\u0634\u0648\u062f"   # a zero-width non-joiner between two words
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji joined by zero-width joiners
    reply = ask({"op": "providers", "evaluation": _with("name", f"{persian} {family}")})
    assert reply["ok"] and f"{persian} {family}" in reply["memo"]


def test_a_link_carrying_such_a_name_opens_as_a_stale_link_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A link made before this rule: encode it with the rule switched off, then open it.
    with monkeypatch.context() as patched:
        patched.setattr(provider_input, "has_hidden_character", lambda text: False)
        inp = evaluate(_with("name", "Beacon\x1b[31m"))["input"]
        code = encode_evaluation(inp)
    error = ask({"op": "providers", "share": code})["error"]
    assert error["kind"] == "bad_share" and error["field"] == "share"
    assert error["reader"] == ("This evaluation link no longer fits the site's criteria: "
                               f"provider 2: its name {ACTS}")
