"""Small exact checks of engine helpers that the larger tests reach only through cached or
aggregated values, so that a wrong change in them is caught (found by `make mutate`)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from calculator import CalculatorError, catalogue
from calculator.data import Option, Thresholds, _towards, parse_catalogue
from calculator.decide import _argues, compiled
from calculator.checks import check_answers, check_weights, effective_weights, json_type
from calculator.decide import points

CAT = catalogue()


def _fresh():
    """A catalogue parsed here, so its compiled tables are built by the code under test now."""
    return parse_catalogue(tomllib.loads((files("calculator") / "questions.toml").read_text("utf-8")))


@pytest.mark.parametrize("raw, total, want", [(4, 33, 100 / 33), (-7, 50, -3.5), (0, 1, 0.0), (14, 50, 7.0)])
def test_points_is_25_times_raw_over_the_total_weight(raw, total, want):
    assert points(raw, total) == pytest.approx(want, abs=1e-12)


def test_answers_and_picks_are_inverse():
    c = compiled(_fresh())
    answers = {"kind": "build", "pricing": "no_preference", "direction": "us"}
    picks = c.picks(answers)
    assert picks[0] == 0 and picks[[q.id for q in CAT.questions].index("pricing")] == 4
    assert picks.count(-1) == len(CAT.questions) - 3
    assert c.answers(picks) == {q.id: answers[q.id] for q in CAT.questions if q.id in answers}
    assert c.answers([-1] * len(CAT.questions)) == {}
    first = [0] + [-1] * (len(CAT.questions) - 1)
    assert c.answers(first) == {CAT.questions[0].id: CAT.questions[0].options[0].id}


@pytest.mark.parametrize("effect, pairs", [
    ((2, -2, -2), {(0, 1), (0, 2)}),            # one favourite, over both others
    ((-1, 1, 1), {(1, 0), (2, 0)}),             # two favourites, each over the third only
    ((0, 0, 0), set()),                          # no favourite over anyone
    ((0, 0, -1), {(0, 2), (1, 2)}),              # 'hurts BPO' argues for both others over it
    ((-2, -1, 2), {(2, 0), (2, 1)}),
    ((1, 2, 0), {(1, 0), (1, 2)}),               # a second-best never argues (1 over 0 only if top)
])
def test_argues_sets_one_bit_per_favoured_pair(effect, pairs):
    """decide._argues: bit a*n+b set exactly when the option favours a at least as much as any
    model and more than b."""
    n = len(effect)
    assert _argues(effect) == sum(1 << (a * n + b) for a, b in pairs)


def test_the_compiled_tables_are_the_catalogues_data():
    """compiled(): effects, gates (model, (question, option) positions) and the tie-break ranks
    come from the data, in catalogue order."""
    cat = _fresh()
    c = compiled(cat)
    assert c.models == tuple(m.id for m in cat.models)
    assert c.rank_key == tuple(cat.tie_break.index(m) for m in c.models)
    for q, question in enumerate(cat.questions):
        for p, option in enumerate(question.options):
            assert c.effects[q][p] == tuple(option.effects[m] for m in c.models)
            assert c.argues[q][p] == _argues(c.effects[q][p])
    ids = [q.id for q in cat.questions]
    assert len(c.gates) == len(cat.gates)
    for (model, conditions), gate in zip(c.gates, cat.gates):
        assert c.models[model] == gate.model
        assert conditions == tuple((ids.index(q), frozenset(cat.question(q).index(o) for o in options))
                                   for q, options in gate.when.items())
    # The kind of work: which models apply per option; the fit line on raw totals.
    kind = cat.kind_question
    assert c.kind == ids.index(kind.id)
    assert c.applies == tuple(frozenset(c.models.index(m) for m in o.applies) for o in kind.options)
    assert c.fit_cut == (cat.thresholds.fits_above - 50) / 25


# --- data.py: the thresholds and gates are read as written, and each mistake is named --------

def _raw():
    return tomllib.loads((files("calculator") / "questions.toml").read_text("utf-8"))


def _refused(raw) -> str:
    with pytest.raises(CalculatorError) as info:
        parse_catalogue(raw)
    assert info.value.kind == "bad_data"
    return info.value.message


def test_thresholds_and_gates_are_read_as_written():
    raw = _raw()
    cat = parse_catalogue(raw)
    t = raw["thresholds"]
    assert cat.thresholds == Thresholds(
        close_call=float(t["close_call"]), leaning=float(t["leaning"]), provisional_below=t["provisional_below"],
        fits_above=float(t["fits_above"]), robustness_samples=t["robustness_samples"], robustness_spread=float(t["robustness_spread"]),
        fill_in_samples=t["fill_in_samples"], robustness_seed=t["robustness_seed"])
    # One Gate per model an entry names, in the catalogue's model order; a `when` answer may be
    # one option or a list of them (any of them).
    models = [m["id"] for m in raw["models"]]
    assert [(g.id, g.model, dict(g.when), g.step, g.text, g.basis) for g in cat.gates] == [
        (g["id"], m, {q: tuple(v) if isinstance(v, list) else (v,) for q, v in g["when"].items()},
         g["step"], g["text"], tuple(g["basis"]))
        for g in raw["gates"] for m in models if m in g["models"]]


@pytest.mark.parametrize("change, message", [
    ({"close_call": 0.0}, "thresholds: need 0 < close_call < leaning"),
    ({"close_call": 0.5, "leaning": 0.5}, "thresholds: need 0 < close_call < leaning"),
    ({"close_call": -1.0}, "thresholds: need 0 < close_call < leaning"),
    ({"robustness_spread": 1.0}, "thresholds: need 0 <= robustness_spread < 1 and at least one sample of each kind"),
    ({"robustness_spread": -0.1}, "thresholds: need 0 <= robustness_spread < 1 and at least one sample of each kind"),
    ({"robustness_samples": 0}, "thresholds: need 0 <= robustness_spread < 1 and at least one sample of each kind"),
    ({"fill_in_samples": 0}, "thresholds: need 0 <= robustness_spread < 1 and at least one sample of each kind"),
    ({"provisional_below": 0}, "thresholds: provisional_below must be at least 1"),
    ({"fits_above": 100.0}, "thresholds: fits_above must be a score from 0 to under 100"),
    ({"fits_above": -0.5}, "thresholds: fits_above must be a score from 0 to under 100"),
    ({"fits_above": None}, "thresholds: 'fits_above' must be a float, got None"),
    ({"close_call": "3"}, "thresholds: 'close_call' must be a float, got '3'"),
    ({"leaning": None}, "thresholds: 'leaning' must be a float, got None"),
    ({"provisional_below": 6.0}, "thresholds: 'provisional_below' must be a int, got 6.0"),
    ({"robustness_samples": None}, "thresholds: 'robustness_samples' must be a int, got None"),
    ({"robustness_spread": None}, "thresholds: 'robustness_spread' must be a float, got None"),
    ({"fill_in_samples": None}, "thresholds: 'fill_in_samples' must be a int, got None"),
    ({"robustness_seed": None}, "thresholds: 'robustness_seed' must be a int, got None"),
])
def test_each_threshold_mistake_is_named(change, message):
    raw = _raw()
    raw["thresholds"].update(change)
    raw["thresholds"] = {k: v for k, v in raw["thresholds"].items() if v is not None}
    assert _refused(raw) == f"questions.toml: {message}"


@pytest.mark.parametrize("spread, samples", [(0.0, 1), (0.999, 1)])
def test_threshold_edges_that_are_allowed(spread, samples):
    raw = _raw()
    raw["thresholds"].update(robustness_spread=spread, robustness_samples=samples, fill_in_samples=samples,
                             provisional_below=1, close_call=0.001, leaning=0.002)
    assert parse_catalogue(raw).thresholds.provisional_below == 1


def test_missing_thresholds_are_named():
    raw = _raw()
    del raw["thresholds"]
    assert _refused(raw) == "questions.toml: top level: 'thresholds' must be a dict, got None"


def _gate_error(**change) -> str:
    raw = _raw()
    gate = raw["gates"][0]
    gate.update(change)
    raw["gates"][0] = {k: v for k, v in gate.items() if v is not None}
    return _refused(raw)


def test_each_gate_mistake_is_named():
    first = _raw()["gates"][0]["id"]
    assert _gate_error(id="Bad") == "questions.toml: gates[0]: id 'Bad' must be lower_snake_case"
    assert _gate_error(models=None) == f"questions.toml: gate {first}: 'models' must be a list, got None"
    for models in ([], ["nobody"], ["bpo", "bpo"]):
        assert _gate_error(models=models) == (
            f"questions.toml: gate {first}: 'models' must list one or more model ids, each once")
    assert _gate_error(step=5) == f"questions.toml: gate {first}: 'step' must be a str, got 5"
    assert _gate_error(when=None) == f"questions.toml: gate {first}: 'when' must be a dict, got None"
    assert _gate_error(text=None) == f"questions.toml: gate {first}: 'text' must be a str, got None"
    assert _gate_error(basis=None) == f"questions.toml: gate {first}: 'basis' must be a list, got None"
    raw = _raw()
    raw["gates"].append(dict(raw["gates"][0]))
    assert _refused(raw) == f"questions.toml: gate id '{first}' is used twice"


def test_steps_no_gate_uses_are_named_in_order():
    raw = _raw()
    del raw["gates"]
    steps = sorted(s["id"] for s in raw["steps"])
    assert _refused(raw) == f"questions.toml: steps never used by a gate: {', '.join(steps)}"


def test_towards_compares_each_rival_difference():
    """_towards: a change moves towards a model when, against every rival, the model's lead does
    not fall (effects as data, positions as in the catalogue)."""
    models = ("a", "b", "c")

    def option(*effects):
        return Option("x", "1", "x", "x", "x", ("judgement",), dict(zip(models, effects)), None)

    old = option(0, 1, 1)
    assert _towards(old, option(1, 1, 1), "a")          # the lead over b and c grows
    assert _towards(old, option(1, 2, 2), "a")          # it stays -1 against each: does not fall
    assert not _towards(old, old, "a")                   # the same option never moves
    assert _towards(option(2, 2, -2), option(2, 1, -2), "a")
    assert not _towards(option(2, -1, 1), option(1, -2, 1), "a")  # the lead over c falls from 1 to 0
    assert not _towards(option(0, 0, 2), option(0, 1, 2), "a")    # the lead over b falls


# --- checks.py: how JSON types are named in errors, and the all-zero weights error -----------

@pytest.mark.parametrize("value, name", [
    ({}, "an object"), ([], "a list"), ("x", "a string"), (True, "true/false"), (None, "null"),
    (3, "a number"), (2.5, "a number"), (object(), "object"), (b"x", "bytes"),
])
def test_json_types_are_named(value, name):
    assert json_type(value) == name


def test_answers_that_are_not_an_object_are_named_by_type():
    with pytest.raises(CalculatorError) as info:
        check_answers(None)
    assert info.value.message == "answers must be a JSON object mapping question ids to option ids, not null"


def test_all_zero_weights_are_refused_as_weights():
    with pytest.raises(CalculatorError) as info:
        effective_weights({q.id: 0 for q in CAT.questions}, CAT)
    assert (info.value.kind, info.value.message) == ("invalid_weights", "at least one question must have a weight above 0")


def test_a_close_calls_parts_ignore_answers_weighted_zero():
    """result._combination: an answer whose weight is 0 describes no part of the work, even when
    it is the only answer with a part on its side (the side then has no part named)."""
    from calculator.result import _combination

    c = compiled(CAT)
    answers = {"kind": "tech_service", "direction": "us", "lead_capacity": "reviews"}
    picks = c.picks(answers)
    weights = [0 if q.id == "kind" else q.weight for q in CAT.questions]
    sa, ms = c.models.index("staff_augmentation"), c.models.index("managed_services")
    got = _combination(c, picks, weights, (sa, ms))
    assert got["models"] == ["staff_augmentation", "managed_services"]
    assert got["parts"] == {"staff_augmentation": CAT.question("direction").option("us").part, "managed_services": None}
    weights = [q.weight for q in CAT.questions]
    assert _combination(c, picks, weights, (sa, ms))["parts"]["managed_services"] == \
        CAT.question("kind").option("tech_service").part


@pytest.mark.parametrize("check, value, kind, message, question", [
    (check_answers, [], "invalid_answers", "answers must be a JSON object mapping question ids to option ids, not a list", None),
    (check_answers, {1: "us"}, "invalid_answers", "question ids must be strings, got 1", None),
    (check_answers, {"direction": 2}, "unknown_option",
     "the answer to 'direction' must be an option id (a string), not a number; allowed options: us, shared, provider",
     "direction"),
    (check_weights, "x", "invalid_weights", "weights must be a JSON object mapping question ids to 0..5, not a string", None),
    (check_weights, {None: 1}, "invalid_weights", "question ids must be strings, got None", None),
    (check_weights, {"direction": 6}, "invalid_weights", "the weight of 'direction' must be a whole number from 0 to 5, got 6",
     "direction"),
    (check_weights, {"direction": True}, "invalid_weights",
     "the weight of 'direction' must be a whole number from 0 to 5, got True", "direction"),
    (check_weights, {"direction": -1}, "invalid_weights",
     "the weight of 'direction' must be a whole number from 0 to 5, got -1", "direction"),
])
def test_bad_answers_and_weights_are_named_exactly(check, value, kind, message, question):
    """Each mistake in answers or weights: its kind, its words, and the question it concerns."""
    with pytest.raises(CalculatorError) as info:
        check(value)
    assert (info.value.kind, info.value.message, info.value.question) == (kind, message, question)


def test_an_unknown_option_lists_the_allowed_ones():
    with pytest.raises(CalculatorError) as info:
        check_answers({"direction": 2})
    assert info.value.allowed == ["us", "shared", "provider"]


def test_weights_at_the_edges_are_accepted():
    assert check_weights({"direction": 0, "pricing": 5}) == {"direction": 0, "pricing": 5}


def test_decide_uses_the_totals_it_is_given():
    """decide(raw=..., total_weight=...) decides on the totals given (the robustness loops pass
    perturbed ones), not on totals recomputed from the answers."""
    from calculator.decide import decide

    c = compiled(CAT)
    picks = c.picks({"direction": "shared"})
    weights = [q.weight for q in CAT.questions]
    given_raw = [0.0, 0.0, 10.0]
    o = decide(c, picks, weights, raw=given_raw, total_weight=25)
    assert o.ranking[0] == 2 and o.margin == 25 * 10 / 25
