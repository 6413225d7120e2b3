"""cost_inputs.toml as cost.py reads it, parsed afresh (cost._load is read once and cached, so
only a fresh parse runs its checks): every field carried as written, and each mistake named
with its place as bad data (found as survivors with no test by `make mutate`)."""

from __future__ import annotations

import copy

import pytest

from calculator import cost
from calculator._datafile import read_toml
from calculator.errors import CalculatorError

RAW = read_toml("cost_inputs.toml")


def fresh(monkeypatch, raw):
    monkeypatch.setattr(cost, "read_toml", lambda name: raw if name == "cost_inputs.toml" else read_toml(name))
    return cost._load.__wrapped__()


def refused(monkeypatch, change) -> str:
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(CalculatorError) as caught:
        fresh(monkeypatch, raw)
    assert caught.value.kind == "bad_data"   # the site is broken, not the reader's input
    return str(caught.value)


def test_every_cost_input_is_carried_as_written(monkeypatch):
    inputs, sections, groups, units = fresh(monkeypatch, copy.deepcopy(RAW))
    assert [x.id for x in inputs] == [t["id"] for t in RAW["inputs"]]
    for x, t in zip(inputs, RAW["inputs"]):
        assert (x.id, x.key, x.group, x.label, x.help, x.unit, x.step, x.source) == (
            t["id"], t["key"], t["group"], t["label"], t["help"], t["unit"], t["step"], t["source"]), x.id
        assert (x.min, x.max, x.default, x.whole) == (t.get("min"), t.get("max"), t.get("default"), t.get("whole", False)), x.id
        assert x.choices == (tuple(t["choices"]) if "choices" in t else None), x.id
        assert x.v2_choices == (tuple(t["v2_choices"]) if "v2_choices" in t else None), x.id
    assert sections == {"general": "C", "staff_augmentation": "S", "managed_services": "M", "bpo": "B"}
    assert groups == RAW["groups"] and units == RAW["units"]


def test_the_horizon_is_whole_and_the_currency_a_choice(monkeypatch):
    inputs = {x.id: x for x in fresh(monkeypatch, copy.deepcopy(RAW))[0]}
    assert inputs["horizon_months"].whole is True and (inputs["horizon_months"].min, inputs["horizon_months"].max) == (1, 60)
    assert inputs["currency"].choices is not None and inputs["currency"].min is None
    assert inputs["hour_cost"].whole is False                      # 'whole' left out: not whole


def _first(raw, input_id):
    return next(t for t in raw["inputs"] if t["id"] == input_id)


MISTAKES = {
    "schema-other": (lambda r: r.__setitem__("schema", 2), "schema must be 1"),
    "schema-missing": (lambda r: r.pop("schema"), "schema must be 1"),
    "label-missing": (lambda r: r["inputs"][2].pop("label"), "inputs[2]: missing 'label'"),
    "step-missing": (lambda r: r["inputs"][0].pop("step"), "inputs[0]: missing 'step'"),
    "unknown-group": (lambda r: r["inputs"][2].__setitem__("group", "vendors"), "inputs[2]: unknown group 'vendors'"),
    "key-two-letters": (lambda r: r["inputs"][2].__setitem__("key", "cc"),
                        "inputs[2]: key 'cc' must be one lower-case letter"),
    "key-upper-case": (lambda r: r["inputs"][2].__setitem__("key", "C"),
                       "inputs[2]: key 'C' must be one lower-case letter"),
    "unknown-source": (lambda r: r["inputs"][2].__setitem__("source", "hearsay"), "inputs[2]: unknown source 'hearsay'"),
    "min-equals-max": (lambda r: r["inputs"][2].__setitem__("min", r["inputs"][2]["max"]),
                       "inputs[2]: a figure needs min < max (or a list of choices)"),
    "no-max": (lambda r: r["inputs"][2].pop("max"), "inputs[2]: a figure needs min < max (or a list of choices)"),
    "no-min": (lambda r: r["inputs"][2].pop("min"), "inputs[2]: a figure needs min < max (or a list of choices)"),
    "id-twice-in-a-group": (lambda r: r["inputs"][3].__setitem__("id", r["inputs"][2]["id"]),
                            "two general inputs share a id"),
    "key-twice-in-a-group": (lambda r: r["inputs"][3].__setitem__("key", r["inputs"][2]["key"]),
                             "two general inputs share a key"),
    "section-missing": (lambda r: r["sections"].pop("bpo"), "[sections] must give each group its own letter"),
    "section-letter-twice": (lambda r: r["sections"].__setitem__("bpo", "M"),
                             "[sections] must give each group its own letter"),
    "group-heading-missing": (lambda r: r["groups"].pop("bpo"), "[groups] must name every group"),
    "no-group-headings": (lambda r: r.pop("groups"), "[groups] must name every group"),
    "unit-label-missing": (lambda r: r["units"].pop("people"), "[units] has no label for people"),
    "no-unit-labels": (lambda r: r.pop("units"), "[units] has no label for " + ", ".join(sorted({t["unit"] for t in RAW["inputs"]}))),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_cost_input_mistake_is_named_with_its_place(monkeypatch, name):
    change, message = MISTAKES[name]
    assert refused(monkeypatch, change) == f"cost_inputs.toml: {message}"


def test_the_same_cost_key_in_two_groups_is_fine(monkeypatch):
    """Keys are unique within a group: a link writes each group in its own section."""
    raw = copy.deepcopy(RAW)
    general_keys = {t["key"] for t in raw["inputs"] if t["group"] == "general"}
    bpo = [t for t in raw["inputs"] if t["group"] == "bpo"]
    bpo_keys = {t["key"] for t in bpo}
    shared = sorted(general_keys - bpo_keys)[0]
    bpo[0]["key"] = shared
    inputs = fresh(monkeypatch, raw)[0]
    assert [x.key for x in inputs if x.group == "bpo"][0] == shared
