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


def fresh():
    """questions.toml parsed again: catalogue() is parsed once and cached, so only a fresh parse
    reads the file through data.py's code as it is now (what mutation runs change)."""
    return parse_catalogue(copy.deepcopy(RAW))


def test_steps_carry_their_fields_and_only_some_have_an_interim_option():
    steps = {s.id: s for s in fresh().steps}
    first = steps["document_process"]
    assert first.label == RAW["steps"][0]["label"] and first.once == RAW["steps"][0]["once"]
    assert first.guide == Guide(page="readiness.md", anchor="documented-process")
    assert first.interim == RAW["steps"][0]["interim"]
    with_interim = {t["id"] for t in RAW["steps"] if "interim" in t}
    assert {s.id for s in steps.values() if s.interim is not None} == with_interim
    assert steps["name_owner"].interim is None and "name_owner" not in with_interim


def test_warnings_and_pointers_carry_their_fields():
    cat = fresh()
    warnings = {w.id: w for w in cat.warnings}
    assert warnings["changing_scope_unit_prices"].models == ("bpo", "managed_services")
    assert warnings["direct_without_capacity"].models == ()          # no 'models': every model
    assert warnings["direct_without_capacity"].when == {"direction": ("us",), "lead_capacity": ("little",)}
    assert warnings["regulated_data_with_provider"].guide == Guide(page="risks.md", anchor="data-protection")
    assert [p.id for p in cat.pointers] == [t["id"] for t in RAW["pointers"]]
    assert [w.text for w in cat.warnings] == [t["text"] for t in RAW["warnings"]]
    assert [(w.guide, w.models) for w in cat.warnings] == [
        (_guide(t["guide"]), tuple(t.get("models", ()))) for t in RAW["warnings"]]
    assert [(p.text, p.guide, p.models, p.when) for p in cat.pointers] == [
        (t["text"], _guide(t["guide"]), tuple(t.get("models", ())),
         {q: tuple(v) if isinstance(v, list) else (v,) for q, v in t["when"].items()}) for t in RAW["pointers"]]
    assert [s.once for s in cat.steps] == [t["once"] for t in RAW["steps"]]
    assert [(s.id, s.guide) for s in cat.steps] == [(t["id"], _guide(t["guide"])) for t in RAW["steps"]]


def test_gates_carry_their_fields_with_one_gate_per_model_it_holds_back():
    cat = fresh()
    expected = []
    for t in RAW["gates"]:
        when = {q: tuple(v) if isinstance(v, list) else (v,) for q, v in t["when"].items()}
        for model in t["models"]:
            expected.append((t["id"], model, when, t["step"], t["text"], tuple(t["basis"]),
                             t.get("tolerated", {}), tuple(t.get("tolerated_basis", ()))))
    assert [(g.id, g.model, dict(g.when), g.step, g.text, g.basis, dict(g.tolerated), g.tolerated_basis)
            for g in cat.gates] == expected


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


def _guide(text: str) -> Guide:
    page, _, anchor = text.partition("#")
    return Guide(page=page, anchor=anchor)


def test_every_field_of_questions_toml_reaches_a_fresh_catalogue_as_written():
    """Parsed afresh (the engine's catalogue() is parsed once and cached, so this is what reads
    the file's every field through data.py again): models, sources, questions and options carry
    exactly what questions.toml says, with the documented defaults where a field is left out."""
    cat = parse_catalogue(copy.deepcopy(RAW))
    assert [(m.id, m.name, m.short, m.summary, m.guide) for m in cat.models] == [
        (t["id"], t["name"], t["short"], t["summary"], _guide(t["guide"])) for t in RAW["models"]]
    assert [(s.id, s.cite, s.guide) for s in cat.sources] == [
        (t["id"], t["cite"], _guide(t["guide"])) for t in RAW["sources"]]
    assert [(c.models, c.guide) for c in cat.combinations] == [
        (frozenset(t["models"]), _guide(t["guide"])) for t in RAW["combinations"]]
    assert len(cat.questions) == len(RAW["questions"])
    for q, t in zip(cat.questions, RAW["questions"]):
        assert (q.id, q.key, q.prompt, q.help, q.weight, q.note) == (
            t["id"], t["key"], t["prompt"], t["help"], t["weight"], t["note"]), q.id
        assert (q.core, q.categories, q.lever, q.weak) == (
            t.get("core", False), t.get("categories", False), t.get("lever", True), t.get("weak", False)), q.id
        assert (q.matures, q.matured) == (tuple(t.get("matures", ())), t.get("matured")), q.id
        assert q.guide == _guide(t["guide"]) and q.sources == tuple(t["sources"]), q.id
        assert len(q.options) == len(t["options"]), q.id
        for o, raw_option in zip(q.options, t["options"]):
            where = f"{q.id}.{o.id}"
            assert (o.id, o.key, o.label, o.reason, o.why, o.part) == (
                raw_option["id"], raw_option["key"], raw_option["label"], raw_option["reason"], raw_option["why"], raw_option.get("part")), where
            assert o.basis == tuple(raw_option["basis"]) and dict(o.effects) == raw_option["effects"], where
            assert o.applies == (tuple(raw_option["applies"]) if "applies" in raw_option else None), where
            assert dict(o.outside) == raw_option.get("outside", {}), where
            assert o.outside_guide == (_guide(raw_option["outside_guide"]) if "outside_guide" in raw_option else None), where
            assert o.outside_basis == tuple(raw_option.get("outside_basis", ())), where


def _q(raw, i):
    return raw["questions"][i]


QUESTION_MISTAKES = {
    "effect-out-of-range": (lambda r: _q(r, 1)["options"][0]["effects"].__setitem__("bpo", 3),
                            "question direction option 0: effect on bpo must be a whole number from -2 to 2"),
    "effect-not-a-number": (lambda r: _q(r, 1)["options"][0]["effects"].__setitem__("bpo", True),
                            "question direction option 0: effect on bpo must be a whole number from -2 to 2"),
    "option-without-label": (lambda r: _q(r, 1)["options"][0].pop("label"),
                             "question direction option 0: 'label' must be a str, got None"),
    "one-option": (lambda r: _q(r, 1).__setitem__("options", _q(r, 1)["options"][:1]),
                   "question direction: needs at least two options"),
    "option-key-twice": (lambda r: _q(r, 1)["options"][1].__setitem__("key", _q(r, 1)["options"][0]["key"]),
                         "question direction: option key '1' is used twice"),
    "option-id-twice": (lambda r: _q(r, 1)["options"][1].__setitem__("id", _q(r, 1)["options"][0]["id"]),
                        "question direction: option id 'us' is used twice"),
    "question-id-twice": (lambda r: _q(r, 2).__setitem__("id", _q(r, 1)["id"]),
                          "question id 'direction' is used twice"),
    "applies-unknown-model": (lambda r: _q(r, 0)["options"][0].__setitem__("applies", ["nope"]),
                              "question kind option 0: 'applies' must list one or more model ids, each once"),
    "applies-a-model-twice": (lambda r: _q(r, 0)["options"][2].__setitem__(
        "applies", ["bpo", "bpo", "staff_augmentation", "managed_services"]),
        "question kind option 2: 'applies' must list one or more model ids, each once"),
    "outside-missing": (lambda r: _q(r, 0)["options"][0].pop("outside"),
                        "question kind option 0: 'outside' must be a dict, got None"),
    "outside-blank-reason": (lambda r: _q(r, 0)["options"][0]["outside"].__setitem__("bpo", " "),
                             "question kind option 0: 'outside' must say, for each model that does not apply, why not"),
    "matures-misses-an-option": (lambda r: _q(r, 3).__setitem__("matures", _q(r, 3)["matures"][:-1]),
                                 "question scope_change: 'matures' must list every option once, with a 'matured' phrase"),
    "matured-empty": (lambda r: _q(r, 3).__setitem__("matured", ""),
                      "question scope_change: 'matures' must list every option once, with a 'matured' phrase"),
    "matured-without-matures": (lambda r: _q(r, 4).__setitem__("matured", "x"),
                                "question flexibility: 'matures' must list every option once, with a 'matured' phrase"),
    "part-blank": (lambda r: _q(r, 1)["options"][0].__setitem__("part", " "),
                   "question direction option 0: 'part' must be a non-empty string when given"),
    "question-without-help": (lambda r: _q(r, 1).pop("help"), "question direction: 'help' must be a str, got None"),
    "question-without-guide": (lambda r: _q(r, 1).pop("guide"), "question direction: 'guide' must be a str, got None"),
    "gate-when-empty": (lambda r: r["gates"][0].__setitem__("when", {}), "gate provider_directs: 'when' names no answers"),
    "gate-when-no-options": (lambda r: r["gates"][0]["when"].__setitem__("direction", []),
                             "gate provider_directs: question 'direction' lists no options"),
    "gate-when-unknown-option": (lambda r: r["gates"][0]["when"].__setitem__("direction", "nope"),
                                 "gate provider_directs: question 'direction' has no option 'nope'"),
    "gate-twice": (lambda r: r["gates"].append(copy.deepcopy(r["gates"][0])), "gate id 'provider_directs' is used twice"),
    "gate-model-twice": (lambda r: r["gates"][0].__setitem__("models", ["bpo", "bpo"]),
                         "gate provider_directs: 'models' must list one or more model ids, each once"),
    "gate-no-models": (lambda r: r["gates"][0].__setitem__("models", []),
                       "gate provider_directs: 'models' must list one or more model ids, each once"),
    "gate-tolerated-blank": (lambda r: r["gates"][5]["tolerated"].__setitem__("managed_services", " "),
                             "gate needs_rule_based_work: 'tolerated' must say, for models it does not hold back, why not"),
    "gate-tolerates-a-model-it-holds": (lambda r: r["gates"][5]["tolerated"].__setitem__("bpo", "x"),
                                        "gate needs_rule_based_work: 'tolerated' must say, for models it does not hold back, why not"),
    "fit-line-100": (lambda r: r["thresholds"].__setitem__("fits_above", 100.0),
                     "thresholds: fits_above must be a score from 0 to under 100"),
    "fit-line-negative": (lambda r: r["thresholds"].__setitem__("fits_above", -1.0),
                          "thresholds: fits_above must be a score from 0 to under 100"),
    "unknown-source": (lambda r: _q(r, 1)["options"][0].__setitem__("basis", ["nope"]),
                       "question direction option 0: unknown source 'nope' in 'basis'; known: "
                       + ", ".join(sorted(s["id"] for s in RAW["sources"]))),   # judgement is one of them
}


@pytest.mark.parametrize("name", QUESTION_MISTAKES)
def test_a_mistake_in_a_question_or_option_is_named(name):
    change, message = QUESTION_MISTAKES[name]
    assert refused(change) == f"questions.toml: {message}"


@pytest.mark.parametrize("line", [0.0, 99.5])
def test_the_fit_line_may_be_anywhere_from_0_to_under_100(line):
    raw = copy.deepcopy(RAW)
    raw["thresholds"]["fits_above"] = line
    assert parse_catalogue(raw).thresholds.fits_above == line
