"""provider_criteria.toml as the provider form and the reply see it, read again here past the
cache (so the parser under test runs in this test, not only in whichever test first loaded the
file): the price method and its source, the models, each criterion's guide link and anchors, and
the exact wording and limits of the file's own checks."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from calculator import provider_criteria, providers
from calculator.errors import CalculatorError
from calculator.provider_criteria import defaults, parse
from calculator.providers import providers_schema

ROOT = Path(__file__).resolve().parents[2]
RAW = tomllib.loads((ROOT / "calculator" / "provider_criteria.toml").read_text(encoding="utf-8"))


@pytest.fixture
def fresh(monkeypatch):
    """The engine reads the packaged file parsed now, instead of the copy cached on first use."""
    data = provider_criteria.provider_data.__wrapped__()
    for module in (provider_criteria, providers):
        monkeypatch.setattr(module, "provider_data", lambda: data)
    return data


def test_the_form_shows_the_price_split_and_method_with_their_sources(fresh) -> None:
    # The price block of the form: the default split, why, whose judgement, and the method text.
    assert providers_schema()["price"] == {
        "weight": 40,
        "rationale": "Ours: the guide weighs how well a provider can carry the responsibility you move above the "
                     "price it quotes, so quality gets the larger share; at 40 points price still decides between "
                     "proposals of similar quality.",
        "basis": "judgement",
        "method": {
            "id": "relative_to_lowest",
            "name": "Relative to the lowest price",
            "formula": "price score = lowest whole-life cost ÷ this proposal's whole-life cost × the price points",
            "explanation": "The cheapest proposal gets every price point; each other proposal gets the share of them "
                           "that the cheapest cost is of its own cost, so a proposal costing twice the cheapest gets "
                           "half. It is the usual method in UK public procurement and needs no budget or benchmark "
                           "figure. Its trap: the scores depend on the cheapest bid, so a very low bid lowers every "
                           "other proposal's price score.",
            "basis": "bid-evaluation-2021",
            "basis_cite": "Cabinet Office (2021), Bid evaluation guidance note",
            "basis_guide": "sources.md#src-bid-evaluation-2021",
        },
    }


def test_the_form_names_the_three_models(fresh) -> None:
    assert providers_schema()["models"] == [{"id": "staff_augmentation", "name": "Staff augmentation"},
                                            {"id": "managed_services", "name": "Managed services"},
                                            {"id": "bpo", "name": "BPO"}]


@pytest.mark.parametrize("model, cid, guide, anchor0", [
    ("bpo", "processor_terms", "choosing-a-provider.md#data-protection", None),       # a gate: no anchors
    ("bpo", "references", "choosing-a-provider.md#references", "No references, or none on this model."),
    ("managed_services", "transition_plan", "choosing-a-provider.md#managed-services", None),
])
def test_each_criterion_links_to_its_guide_section_and_shows_its_anchors(fresh, model, cid, guide, anchor0) -> None:
    entry = next(c for c in providers_schema()["criteria"][model] if c["id"] == cid)
    assert entry["guide"] == guide
    if entry["kind"] == "scored":
        # What earns 0, 3 and 5, in that order, under the score box.
        assert list(entry["anchors"]) == ["0", "3", "5"] and all(entry["anchors"].values())
        if anchor0 is not None:
            assert entry["anchors"]["0"] == anchor0
    else:
        assert entry["anchors"] is None


def test_the_parsed_file_keeps_every_setting_it_names(fresh) -> None:
    # The low-price rule keeps both of its sources; a gate has no anchors (an empty table, not None).
    assert (fresh.low_price_fraction, fresh.low_price_min) == (0.15, 3)
    assert (fresh.low_price_basis, fresh.low_price_rule_basis) == ("scot-construction-handbook", "pcr-2015-reg-69")
    assert fresh.models == {"staff_augmentation": "Staff augmentation", "managed_services": "Managed services",
                            "bpo": "BPO"}
    gates = [c for c in defaults("bpo") if c.kind == "pass_fail"]
    assert [c.id for c in gates] == ["processor_terms", "data_location", "security_certificate"]
    assert all(c.anchors == {} and c.weights == {} for c in gates)


def _method(**fields):
    return lambda r: r["methods"]["relative_to_lowest"].update(fields)


def _unset(field):
    return lambda r: r["methods"]["relative_to_lowest"].pop(field)


NAME_LIMIT = "method 'relative_to_lowest': name must be text of 1 to 80 characters"
FORMULA_LIMIT = "method 'relative_to_lowest': formula must be text of 1 to 200 characters"


@pytest.mark.parametrize("change, message", [
    # Every unknown field is named, comma-separated, in order.
    (lambda r: r["criteria"][3].update(size=1, colour="red"), "criteria[3]: unknown field(s) colour, size"),
    # Every shared key is named, comma-separated, in order.
    (lambda r: (r["criteria"][4].update(key="rf"), r["criteria"][6].update(key="sf")),
     "two criteria share the key rf, sf"),
    # A file without criteria is refused with the first model left without a scored one.
    (lambda r: r.pop("criteria"), "model 'staff_augmentation' has no scored criterion"),
    # The method's texts: each is named with its entry and its limit.
    (_unset("name"), NAME_LIMIT),
    (_method(name="N" * 81), NAME_LIMIT),
    (_unset("formula"), FORMULA_LIMIT),
    (_method(formula="F" * 201), FORMULA_LIMIT),
], ids=["unknown-fields", "shared-keys", "no-criteria", "no-name", "long-name", "no-formula", "long-formula"])
def test_a_mistake_in_the_file_is_named_exactly(change, message) -> None:
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(CalculatorError) as caught:
        parse(raw)
    assert str(caught.value) == f"provider_criteria.toml: {message}"
    assert caught.value.kind == "bad_data"


def test_the_method_texts_may_be_as_long_as_their_limits() -> None:
    raw = copy.deepcopy(RAW)
    raw["methods"]["relative_to_lowest"].update(name="N" * 80, formula="F" * 200)
    method = parse(raw).methods["relative_to_lowest"]
    assert (method.name, method.formula) == ("N" * 80, "F" * 200)
