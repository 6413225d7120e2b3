"""questions.toml's steps, warnings and pointers as data.py reads them: each field carried into
the catalogue, and each mistake named with its place and refused. Expected values are read off
questions.toml and data.py's rules; found as survivors by `make mutate`."""

from __future__ import annotations

import copy

import pytest

from calculator._datafile import read_toml
from calculator.data import Guide, catalogue, parse_catalogue
from calculator.errors import CalculatorError

RAW = read_toml("questions.toml")


def refused(change) -> str:
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(CalculatorError) as caught:
        parse_catalogue(raw)
    assert caught.value.kind == "bad_data"
    return str(caught.value)


def test_steps_carry_their_fields_and_only_some_have_an_interim_option():
    steps = {s.id: s for s in catalogue().steps}
    first = steps["document_process"]
    assert first.label == RAW["steps"][0]["label"] and first.once == RAW["steps"][0]["once"]
    assert first.guide == Guide(page="readiness.md", anchor="documented-process")
    assert first.interim == RAW["steps"][0]["interim"]
    with_interim = {t["id"] for t in RAW["steps"] if "interim" in t}
    assert {s.id for s in steps.values() if s.interim is not None} == with_interim
    assert steps["name_owner"].interim is None and "name_owner" not in with_interim


def test_warnings_and_pointers_carry_their_fields():
    cat = catalogue()
    warnings = {w.id: w for w in cat.warnings}
    assert warnings["changing_scope_unit_prices"].models == ("bpo", "managed_services")
    assert warnings["direct_without_capacity"].models == ()          # no 'models': every model
    assert warnings["direct_without_capacity"].when == {"direction": ("us",), "lead_capacity": ("little",)}
    assert warnings["regulated_data_with_provider"].guide == Guide(page="risks.md", anchor="data-protection")
    assert [p.id for p in cat.pointers] == [t["id"] for t in RAW["pointers"]]
    assert [w.text for w in cat.warnings] == [t["text"] for t in RAW["warnings"]]


@pytest.mark.parametrize("change, message", [
    (lambda r: r["steps"][1].pop("label"), "questions.toml: steps[1]: 'label' must be a str, got None"),
    (lambda r: r["steps"][1].__setitem__("guide", 5), "questions.toml: steps[1]: 'guide' must be a str, got 5"),
    (lambda r: r["steps"].append(copy.deepcopy(r["steps"][0])), "questions.toml: step id 'document_process' is used twice"),
    (lambda r: r["warnings"][0].__setitem__("models", ["nope"]),
     "questions.toml: warning direct_without_capacity: 'models' must list model ids"),
    (lambda r: r["warnings"][0].__setitem__("models", "bpo"),
     "questions.toml: warning direct_without_capacity: 'models' must list model ids"),
    (lambda r: r["warnings"][0].pop("text"), "questions.toml: warning direct_without_capacity: 'text' must be a str, got None"),
    (lambda r: r["pointers"][0].pop("text"), "questions.toml: pointer project_delivery: 'text' must be a str, got None"),
    (lambda r: r["warnings"].append(copy.deepcopy(r["warnings"][0])),
     "questions.toml: warning id 'direct_without_capacity' is used twice"),
], ids=["step-label", "step-guide", "step-twice", "warning-model", "warning-models-not-list", "warning-text",
        "pointer-text", "warning-twice"])
def test_a_mistake_in_steps_warnings_or_pointers_is_named(change, message):
    assert refused(change) == message
