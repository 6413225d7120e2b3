"""The provider criteria file: every criterion points at the guide it comes from and a source
on the sources page, and each mistake in the file is reported naming the entry."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

import pytest

from calculator.errors import CalculatorError
from calculator.provider_criteria import defaults, parse, provider_data

ROOT = Path(__file__).resolve().parents[2]
RAW = tomllib.loads((ROOT / "calculator" / "provider_criteria.toml").read_text(encoding="utf-8"))


def _anchors(page: str) -> set[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return set(re.findall(r"\{:?\s*#([\w-]+)\s*\}", text))


def test_every_criterion_and_source_points_at_a_real_section() -> None:
    data = provider_data()
    links = [c.guide for c in data.criteria] + [guide for _, guide in data.sources.values()]
    for link in links:
        page, anchor = link.split("#")
        assert anchor in _anchors(page), f"{link} is not an anchor of docs/{page}"


def test_each_model_has_gates_and_scored_criteria_with_weights_adding_to_100() -> None:
    for model in provider_data().models:
        mine = defaults(model)
        assert any(c.kind == "pass_fail" for c in mine)
        assert sum(c.weights[model] for c in mine if c.kind == "scored") == 100
        for c in mine:
            if c.kind == "scored":
                assert sorted(c.anchors) == [0, 3, 5] and all(c.anchors.values())


@pytest.mark.parametrize("change, message", [
    (lambda r: r.update(schema=2), "schema must be 1"),
    (lambda r: r["criteria"][3].update(kind="ranked"), "criterion 'references': kind must be one of"),
    (lambda r: r["criteria"][3]["weights"].update(bpo=0), "the weight for bpo must be a whole number from 1 to 100"),
    (lambda r: r["criteria"][3]["anchors"].pop("3"), "anchors must describe exactly the scores 0, 3 and 5"),
    (lambda r: r["criteria"][3].update(basis="wikipedia"), "basis 'wikipedia' is not in [sources]"),
    (lambda r: r["criteria"][4].update(key="rf"), "two criteria share the key rf"),
    (lambda r: r["criteria"][0].update(weights={"bpo": 5}), "a pass/fail criterion has no weights"),
    (lambda r: r["criteria"][0].update(models=["outsourcing"]), "models must list one or more of"),
    (lambda r: r["price"].update(default_weight=140), "default_weight must be a whole number from 0 to 100"),
    (lambda r: r["price"].update(method="cheapest_wins"), "[price] method must name one of [methods]"),
    (lambda r: r["criteria"][3].update(guide="choosing"), "must be a page and an anchor"),
])
def test_a_mistake_in_the_file_names_its_entry(change, message) -> None:
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(CalculatorError, match=re.escape(message)) as caught:
        parse(raw)
    assert caught.value.kind == "bad_data"
