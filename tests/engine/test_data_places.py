"""questions.toml mistakes named with their place, section by section (models, sources,
combinations, questions, options, steps, gates, warnings, the top level), and the shapes the
rules allow at their edges: two models, two options, a gate or warning on every model, a
section left out. Each expected message is written from data.py's rules ("<where>: '<field>'
must be a <type>, got <value>"); the catalogue is parsed afresh each time, since catalogue() is
parsed once and cached (found as survivors by `make mutate`)."""

from __future__ import annotations

import copy

import pytest

from calculator.data import Guide, parse_catalogue
from calculator.errors import CalculatorError
from tests.engine.test_data_errors import RAW, refused  # questions.toml as read, and a mistake's words

MODELS = "staff_augmentation, managed_services, bpo"          # the order of [[models]]


def parsed(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return parse_catalogue(raw)


def _set(table, key, value):
    table[key] = value


def _drop(table, key):
    del table[key]


def _option(raw, question: int, option: int):
    return raw["questions"][question]["options"][option]


def _second_kind_question(raw):
    """A copy of the kind-of-work question under another id and key: two questions that say
    which models apply."""
    twin = copy.deepcopy(raw["questions"][0])
    twin["id"], twin["key"] = "kind_again", "z"
    raw["questions"].append(twin)


MISTAKES = {
    # top level
    "schema-other": (lambda r: _set(r, "schema", 3), "schema must be 2, got 3"),
    "schema-missing": (lambda r: _drop(r, "schema"), "schema must be 2, got None"),
    "tie-break-missing": (lambda r: _drop(r, "tie_break"), "top level: 'tie_break' must be a list, got None"),
    "tie-break-short": (lambda r: r["tie_break"].pop(), "tie_break must list every model exactly once"),
    "interim-model-missing": (lambda r: _drop(r, "interim_model"),
                              "top level: 'interim_model' must be a str, got None"),
    "interim-model-unknown": (lambda r: _set(r, "interim_model", "nope"), "interim_model: unknown model 'nope'"),
    "model-version-missing": (lambda r: _drop(r, "model_version"),
                              "top level: 'model_version' must be a str, got None"),
    "model-version-blank": (lambda r: _set(r, "model_version", " "), "top level: 'model_version' is empty"),
    # models
    "no-models": (lambda r: _drop(r, "models"), "at least two models are needed"),
    "one-model": (lambda r: _set(r, "models", r["models"][:1]), "at least two models are needed"),
    "nine-models": (lambda r: _set(r, "models", [{**r["models"][0], "id": f"model_{i}"} for i in range(9)]),
                    "at most eight models are allowed"),
    "model-id-missing": (lambda r: _drop(r["models"][1], "id"), "models[1]: 'id' must be a str, got None"),
    "model-id-not-snake-case": (lambda r: _set(r["models"][1], "id", "Managed"),
                                "models[1]: id 'Managed' must be lower_snake_case"),
    "model-name-missing": (lambda r: _drop(r["models"][1], "name"), "models[1]: 'name' must be a str, got None"),
    "model-short-missing": (lambda r: _drop(r["models"][1], "short"), "models[1]: 'short' must be a str, got None"),
    "model-summary-blank": (lambda r: _set(r["models"][1], "summary", ""), "models[1]: 'summary' is empty"),
    "model-guide-missing": (lambda r: _drop(r["models"][1], "guide"), "models[1]: 'guide' must be a str, got None"),
    "model-guide-no-anchor": (lambda r: _set(r["models"][1], "guide", "models/bpo.md"),
                              "models[1]: guide link 'models/bpo.md' must look like 'page.md#anchor'"),
    "model-id-twice": (lambda r: _set(r["models"][2], "id", "staff_augmentation"),
                       "model id 'staff_augmentation' is used twice"),
    # sources
    "no-sources": (lambda r: _drop(r, "sources"),
                   "sources must include 'judgement' (our own judgement, labelled as such)"),
    "no-judgement": (lambda r: _set(r, "sources", [s for s in r["sources"] if s["id"] != "judgement"]),
                     "sources must include 'judgement' (our own judgement, labelled as such)"),
    "source-id-missing": (lambda r: _drop(r["sources"][1], "id"), "sources[1]: 'id' must be a str, got None"),
    "source-cite-missing": (lambda r: _drop(r["sources"][1], "cite"), "sources[1]: 'cite' must be a str, got None"),
    "source-guide-missing": (lambda r: _drop(r["sources"][1], "guide"), "sources[1]: 'guide' must be a str, got None"),
    "source-guide-no-anchor": (lambda r: _set(r["sources"][1], "guide", "sources.md"),
                               "sources[1]: guide link 'sources.md' must look like 'page.md#anchor'"),
    "source-id-twice": (lambda r: _set(r["sources"][1], "id", "ellison"), "source id 'ellison' is used twice"),
    # combinations
    "no-combinations": (lambda r: _drop(r, "combinations"),
                        "no combination for managed_services and staff_augmentation"),
    "combination-missing": (lambda r: r["combinations"].pop(1), "no combination for bpo and managed_services"),
    "combination-models-missing": (lambda r: _drop(r["combinations"][0], "models"),
                                   "combinations[0]: 'models' must be a list, got None"),
    "combination-of-three": (lambda r: _set(r["combinations"][0], "models", ["staff_augmentation", "managed_services", "bpo"]),
                             "combinations[0]: models must be two different model ids"),
    "combination-of-one-twice": (lambda r: _set(r["combinations"][0], "models", ["bpo", "bpo"]),
                                 "combinations[0]: models must be two different model ids"),
    "combination-unknown-model": (lambda r: _set(r["combinations"][0], "models", ["bpo", "nope"]),
                                  "combinations[0]: models must be two different model ids"),
    "combination-guide-missing": (lambda r: _drop(r["combinations"][0], "guide"),
                                  "combinations[0]: 'guide' must be a str, got None"),
    "combination-guide-no-anchor": (lambda r: _set(r["combinations"][0], "guide", "compare.md"),
                                    "combinations[0]: guide link 'compare.md' must look like 'page.md#anchor'"),
    # questions
    "no-questions-section": (lambda r: _drop(r, "questions"), "no questions"),
    "no-questions": (lambda r: _set(r, "questions", []), "no questions"),
    "question-id-missing": (lambda r: _drop(r["questions"][1], "id"), "questions[1]: 'id' must be a str, got None"),
    "question-key-missing": (lambda r: _drop(r["questions"][1], "key"), "question direction: 'key' must be a str, got None"),
    "question-key-two-letters": (lambda r: _set(r["questions"][1], "key", "dd"),
                                 "question direction: key 'dd' must be one lower-case letter"),
    "question-weight-missing": (lambda r: _drop(r["questions"][1], "weight"),
                                "question direction: 'weight' must be a int, got None"),
    "question-core-not-a-flag": (lambda r: _set(r["questions"][1], "core", "yes"),
                                 "question direction: 'core', 'categories', 'lever' and 'weak' must be true or false"),
    "question-without-options": (lambda r: _drop(r["questions"][1], "options"),
                                 "question direction: needs at least two options"),
    "question-prompt-missing": (lambda r: _drop(r["questions"][1], "prompt"),
                                "question direction: 'prompt' must be a str, got None"),
    "question-guide-no-anchor": (lambda r: _set(r["questions"][1], "guide", "method.md"),
                                 "question direction: guide link 'method.md' must look like 'page.md#anchor'"),
    "question-sources-missing": (lambda r: _drop(r["questions"][1], "sources"),
                                 "question direction: 'sources' must be a list, got None"),
    "question-note-missing": (lambda r: _drop(r["questions"][1], "note"),
                              "question direction: 'note' must be a str, got None"),
    "question-key-twice": (lambda r: _set(r["questions"][2], "key", "d"), "question key 'd' is used twice"),
    "two-kind-questions": (_second_kind_question, "only one question (the kind of work) may say which models apply"),
    # options
    "option-effects-missing": (lambda r: _drop(_option(r, 1, 0), "effects"),
                               "question direction option 0: 'effects' must be a dict, got None"),
    "option-effects-one-model-short": (lambda r: _option(r, 1, 0)["effects"].pop("bpo"),
                                       f"question direction option 0: effects must name exactly {MODELS}"),
    "option-key-missing": (lambda r: _drop(_option(r, 1, 0), "key"),
                           "question direction option 0: 'key' must be a str, got None"),
    "option-key-letter": (lambda r: _set(_option(r, 1, 0), "key", "a"),
                          "question direction option 0: option key 'a' must be one digit 1-9"),
    "option-id-missing": (lambda r: _drop(_option(r, 1, 0), "id"),
                          "question direction option 0: 'id' must be a str, got None"),
    "option-reason-missing": (lambda r: _drop(_option(r, 1, 0), "reason"),
                              "question direction option 0: 'reason' must be a str, got None"),
    "option-why-missing": (lambda r: _drop(_option(r, 1, 0), "why"),
                           "question direction option 0: 'why' must be a str, got None"),
    "option-outside-without-applies": (lambda r: _set(_option(r, 1, 0), "outside", {"bpo": "Not this one."}),
                                       "question direction option 0: 'outside' needs 'applies'"),
    "option-applies-empty": (lambda r: _set(_option(r, 0, 2), "applies", []),
                             "question kind option 2: 'applies' must list one or more model ids, each once"),
    "option-outside-for-a-model-that-applies": (
        lambda r: _set(_option(r, 0, 2), "outside", {"bpo": "BPO applies here, so this reason is a mistake."}),
        "question kind option 2: 'outside' must say, for each model that does not apply, why not"),
    "option-outside-guide-missing": (lambda r: _drop(_option(r, 0, 0), "outside_guide"),
                                     "question kind option 0: 'outside_guide' must be a str, got None"),
    "option-outside-guide-no-anchor": (lambda r: _set(_option(r, 0, 0), "outside_guide", "method.md"),
                                       "question kind option 0: guide link 'method.md' must look like 'page.md#anchor'"),
    "option-outside-basis-missing": (lambda r: _drop(_option(r, 0, 0), "outside_basis"),
                                     "question kind option 0: 'outside_basis' must be a list, got None"),
    # steps
    "no-steps": (lambda r: _drop(r, "steps"), "gate provider_directs: unknown step 'hand_over_direction'"),
    "step-id-missing": (lambda r: _drop(r["steps"][1], "id"), "steps[1]: 'id' must be a str, got None"),
    "step-once-missing": (lambda r: _drop(r["steps"][1], "once"), "steps[1]: 'once' must be a str, got None"),
    "step-guide-no-anchor": (lambda r: _set(r["steps"][1], "guide", "readiness.md"),
                             "steps[1]: guide link 'readiness.md' must look like 'page.md#anchor'"),
    "step-interim-blank": (lambda r: _set(r["steps"][0], "interim", " "), "steps[0]: 'interim' is empty"),
    # gates
    "gate-tolerated-without-basis": (lambda r: _drop(r["gates"][5], "tolerated_basis"),
                                     "gate needs_rule_based_work: 'tolerated_basis' must be a list, got None"),
    # warnings and pointers
    "warning-id-missing": (lambda r: _drop(r["warnings"][1], "id"), "warnings[1]: 'id' must be a str, got None"),
    "pointer-id-missing": (lambda r: _drop(r["pointers"][0], "id"), "pointers[0]: 'id' must be a str, got None"),
    "warning-when-empty": (lambda r: _set(r["warnings"][1], "when", {}),
                           "warning hand_over_without_owner: 'when' names no answers"),
    "warning-guide-missing": (lambda r: _drop(r["warnings"][1], "guide"),
                              "warning hand_over_without_owner: 'guide' must be a str, got None"),
    "warning-guide-no-anchor": (lambda r: _set(r["warnings"][1], "guide", "risks.md"),
                                "warning hand_over_without_owner: guide link 'risks.md' must look like 'page.md#anchor'"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_named_with_its_place(name):
    change, message = MISTAKES[name]
    assert refused(change) == f"questions.toml: {message}"


def test_the_catalogue_carries_the_files_schema_version_and_interim_model():
    cat = parsed(lambda r: None)
    assert (cat.schema, cat.model_version, cat.interim_model) == (2, RAW["model_version"], RAW["interim_model"])
    assert cat.model_version == "2027.01" and cat.interim_model == "staff_augmentation"


def test_a_file_without_warnings_or_pointers_has_none():
    cat = parsed(lambda r: (_drop(r, "warnings"), _drop(r, "pointers")))
    assert cat.warnings == () and cat.pointers == ()
    assert len(cat.questions) == len(RAW["questions"])


def test_a_warning_or_pointer_may_name_every_model():
    every = ["staff_augmentation", "managed_services", "bpo"]
    cat = parsed(lambda r: (_set(r["warnings"][0], "models", every), _set(r["pointers"][0], "models", every)))
    assert cat.warnings[0].models == tuple(every) and cat.pointers[0].models == tuple(every)


def test_a_gate_may_hold_back_every_model():
    """'models' may list every model. (Only a gate that fires on every answer of its question can
    then pass the rule that no move towards a model fires it: some model always gains most.)"""
    every = ["staff_augmentation", "managed_services", "bpo"]

    def change(r):
        r["gates"][0]["models"] = every
        r["gates"][0]["when"] = {"direction": ["us", "shared", "provider"]}

    gates = [g for g in parsed(change).gates if g.id == "provider_directs"]
    assert [g.model for g in gates] == every


def test_a_gate_on_every_model_is_still_refused_when_a_move_towards_one_fires_it():
    every = ["staff_augmentation", "managed_services", "bpo"]
    message = refused(lambda r: _set(r["gates"][0], "models", every))
    assert message.startswith("questions.toml: gate provider_directs: answering 'direction' with 'us' instead of ")


def test_a_question_may_have_just_two_options():
    def change(r):
        r["questions"][14]["options"] = r["questions"][14]["options"][:2]   # urgency: weeks, months
        r["warnings"] = [w for w in r["warnings"] if "urgency" not in w["when"]]

    urgency = next(q for q in parsed(change).questions if q.id == "urgency")
    assert [o.id for o in urgency.options] == ["weeks", "months"]


def test_an_option_every_model_applies_to_needs_no_outside():
    kind = parsed(lambda r: None).questions[0]
    assert kind.options[2].applies == ("staff_augmentation", "managed_services", "bpo")
    assert dict(kind.options[2].outside) == {} and kind.options[2].outside_guide is None
    assert kind.options[2].outside_basis == ()


def _two_models(raw):
    """The catalogue with BPO taken out everywhere: the rules ask for at least two models."""
    drop = "bpo"
    raw["models"] = [m for m in raw["models"] if m["id"] != drop]
    raw["tie_break"] = [m for m in raw["tie_break"] if m != drop]
    raw["combinations"] = [c for c in raw["combinations"] if drop not in c["models"]]
    for q in raw["questions"]:
        for o in q["options"]:
            del o["effects"][drop]
            if "applies" in o:
                o["applies"] = [m for m in o["applies"] if m != drop]
                o.get("outside", {}).pop(drop, None)
                if "outside" in o and not o["outside"]:
                    for key in ("outside", "outside_guide", "outside_basis"):
                        o.pop(key, None)
    raw["gates"] = [g for g in raw["gates"] if g["models"] != [drop]]
    for g in raw["gates"]:
        g["models"] = [m for m in g["models"] if m != drop]
    used = {g["step"] for g in raw["gates"]}
    raw["steps"] = [s for s in raw["steps"] if s["id"] in used]
    for w in raw["warnings"] + raw["pointers"]:
        if "models" in w:
            w["models"] = [m for m in w["models"] if m != drop]


def test_eight_models_pass_the_count():
    """Up to eight models pass the count (robustness.py keeps a sample's gated models in one byte):
    eight copies of one model are refused further on, by the tie-break order that names the three."""
    message = refused(lambda r: _set(r, "models", [{**r["models"][0], "id": f"model_{i}"} for i in range(8)]))
    assert message == "questions.toml: tie_break must list every model exactly once"


def test_two_models_are_enough():
    cat = parsed(_two_models)
    assert cat.model_ids == ("staff_augmentation", "managed_services")
    assert [c.models for c in cat.combinations] == [frozenset({"staff_augmentation", "managed_services"})]
    assert cat.combination("managed_services", "staff_augmentation").guide == Guide(
        page="compare/all-three.md", anchor="combining-models")
    assert {g.model for g in cat.gates} == {"staff_augmentation", "managed_services"}


def test_with_two_models_a_warning_may_name_both():
    def change(r):
        _two_models(r)
        r["warnings"][0]["models"] = ["staff_augmentation", "managed_services"]

    assert parsed(change).warnings[0].models == ("staff_augmentation", "managed_services")


def test_a_field_of_sources_that_names_none_is_refused():
    assert refused(lambda r: _set(_option(r, 1, 0), "basis", [])) == (
        "questions.toml: question direction option 0: 'basis' names no source")
    assert refused(lambda r: _set(r["gates"][0], "basis", [])) == (
        "questions.toml: gate provider_directs: 'basis' names no source")


def test_every_guide_link_is_listed_with_what_it_belongs_to():
    """Catalogue.guides(): every section of the guides the data links to (the docs tests check
    each anchor exists), named by what links to it, in the file's order by kind."""
    def guide(text):
        page, _, anchor = text.partition("#")
        return Guide(page=page, anchor=anchor)

    expected = [(f"model {t['id']}", guide(t["guide"])) for t in RAW["models"]]
    expected += [(f"source {t['id']}", guide(t["guide"])) for t in RAW["sources"]]
    expected += [(f"question {t['id']}", guide(t["guide"])) for t in RAW["questions"]]
    expected += [(f"combination {'+'.join(sorted(t['models']))}", guide(t["guide"])) for t in RAW["combinations"]]
    expected += [(f"step {t['id']}", guide(t["guide"])) for t in RAW["steps"]]
    expected += [(f"warning {t['id']}", guide(t["guide"])) for t in RAW["warnings"]]
    expected += [(f"pointer {t['id']}", guide(t["guide"])) for t in RAW["pointers"]]
    expected += [(f"option {q['id']}.{o['id']} outside", guide(o["outside_guide"]))
                 for q in RAW["questions"] for o in q["options"] if "outside_guide" in o]
    found = parsed(lambda r: None).guides()
    assert found == expected
    assert ("combination managed_services+staff_augmentation", Guide("compare/all-three.md", "combining-models")) in found
    assert ("option kind.build outside", guide(RAW["questions"][0]["options"][0]["outside_guide"])) in found


def test_true_is_not_a_whole_number_for_a_weight():
    """TOML's true is a bool, and Python's bool is an int: a weight of true is refused as such."""
    assert refused(lambda r: _set(r["questions"][1], "weight", True)) == (
        "questions.toml: question direction: 'weight' must be a int, got True")


def test_each_source_is_found_by_its_own_id():
    cat = parsed(lambda r: None)
    for t in RAW["sources"]:
        assert cat.source(t["id"]).id == t["id"] and cat.source(t["id"]).cite == t["cite"]


@pytest.mark.parametrize("text, shown", [("nope", "'nope'"), ("page.md", "'page.md'"), (5, "5"), (None, "None")],
                         ids=["no-anchor-or-page", "no-anchor", "a-number", "nothing"])
def test_a_guide_link_that_is_not_page_and_anchor_is_named(text, shown):
    """Guide.parse on its own names the link as 'guide' (callers in data.py name the entry)."""
    with pytest.raises(CalculatorError) as caught:
        Guide.parse(text)
    assert str(caught.value) == f"questions.toml: guide: guide link {shown} must look like 'page.md#anchor'"
    assert caught.value.kind == "bad_data"


def test_options_are_steps_apart_on_a_scale_and_one_apart_between_kinds():
    """Question.distance: steps along an ordered scale (scope change: likely, some, stable), and 1
    between any two different answers of a question whose options are kinds (pricing)."""
    questions = {q.id: q for q in parsed(lambda r: None).questions}
    scale, kinds = questions["scope_change"], questions["pricing"]
    assert not scale.categories and kinds.categories
    assert [scale.distance(0, 0), scale.distance(0, 1), scale.distance(0, 2), scale.distance(2, 0)] == [0, 1, 2, 2]
    assert [scale.distance(1, 2), scale.distance(2, 1), scale.distance(1, 1)] == [1, 1, 0]
    assert [kinds.distance(3, 3), kinds.distance(0, 1), kinds.distance(0, 4), kinds.distance(4, 0)] == [0, 1, 1, 1]
    assert [kinds.distance(2, 4), kinds.distance(4, 2)] == [1, 1]
