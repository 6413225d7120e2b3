"""Checked links (issue 19): every single slip in a v3 or p2 link is caught, figures travel
exactly, old links keep opening with a note, pasted addresses open, versions are canonical."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, catalogue, check_answers, compare_costs, decode_share, encode_share, score
from calculator.cost import check_cost, cost_inputs
from calculator.plan import UNVERIFIED as PLAN_UNVERIFIED
from calculator.plan import MAX_NAME, MAX_WORKSTREAMS, Workstream, decode_plan, encode_plan, max_plan_length, plan
from calculator.share import READER, UNVERIFIED, max_share_length

from tests.link_damage import damages, opens_as, plan_opens_as, random_link, random_plan

CAT = catalogue()


# ---------------------------------------------------------------------------------------------
# Every single slip is caught (the argument is in calculator/share.py's docstring; this checks it)
# ---------------------------------------------------------------------------------------------

def _links() -> list[str]:
    rng = random.Random(19)
    links = [random_link(rng)[0] for _ in range(5)] + [random_link(rng, with_cost=False)[0] for _ in range(5)]
    return links + [encode_share({}), encode_share({"direction": "us"})]


@pytest.mark.parametrize("link", _links())
def test_every_single_character_slip_in_a_result_link_is_refused(link):
    """Each substitution (by any character a link or a copy can hold), deletion, insertion,
    swap of neighbours and truncation of a v3 link is refused: none opens as other data."""
    opened = [(kind, text) for kind, text in damages(link) if opens_as(text) is not None]
    assert opened == []


@pytest.mark.parametrize("seed", range(6))
def test_a_damaged_plan_link_opens_only_what_survived_and_says_what_was_lost(seed):
    """Each single slip in a p2 link is refused or opens only workstreams exactly as they were
    made, with a note naming what was lost; a cut at any point keeps the workstreams before it."""
    link, made = random_plan(random.Random(seed), count=3 if seed % 2 else None)
    for kind, text in damages(link):
        opened = plan_opens_as(text)
        if opened is None:
            continue
        found, notes = opened
        assert notes, (kind, text)  # never silent
        assert all(ws in made for ws in found), (kind, text)
        assert [made.index(ws) for ws in found] == sorted(made.index(ws) for ws in found)


def test_a_cut_plan_link_names_the_workstreams_it_lost():
    """Cut after the second of three workstreams: the first two open, the note names the third."""
    link, made = random_plan(random.Random(3), count=3)
    segments = link.split("*")  # p2, count, then name and body for each workstream, then the check
    cut = "*".join(segments[:6]) + "*" + segments[6][:3]  # into the third workstream's name
    found, notes = decode_plan(cut)
    assert found == made[:2]
    assert notes[0].startswith("This plan link was damaged or cut off when it was copied: it holds 3 workstreams, "
                               "and workstream 3 could not be read")


# ---------------------------------------------------------------------------------------------
# Exact figures: every link the engine makes reopens to the same result, byte for byte
# ---------------------------------------------------------------------------------------------

def _figure(item):
    if item.choices is not None:
        return st.sampled_from(item.choices)
    if item.whole:
        return st.integers(int(item.min), int(item.max))
    return st.one_of(st.integers(int(item.min), int(item.max)),
                     st.floats(item.min, item.max, allow_nan=False, allow_infinity=False),
                     st.floats(1e-6, 10.0))


figure_sets = st.fixed_dictionaries({
    group: st.fixed_dictionaries({}, optional={x.id: _figure(x) for x in cost_inputs() if x.group == group})
    for group in ("general", "staff_augmentation", "managed_services", "bpo")
})
answer_sets = st.fixed_dictionaries({}, optional={q.id: st.sampled_from([o.id for o in q.options]) for q in CAT.questions})
weight_sets = st.fixed_dictionaries({}, optional={q.id: st.integers(0, 5) for q in CAT.questions})


@given(answer_sets, weight_sets, figure_sets)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_link_reopens_to_byte_identical_results(answers, weights, figures):
    """encode -> decode gives the same answers, weights and figures (same types, same values),
    so the score and the cost comparison are the same bytes; the engine never makes a link it
    then refuses, and no link is longer than the limit the decoder keeps."""
    try:
        cost = compare_costs(figures)
    except CalculatorError:
        return
    answers = check_answers(answers)
    link = encode_share(answers, weights, cost["inputs"])
    assert len(link) <= max_share_length()
    shared = decode_share(link)
    assert (shared.answers, shared.weights, shared.notes) == (answers, weights, [])
    assert json.dumps(shared.cost) == json.dumps(cost["inputs"])
    assert json.dumps(compare_costs(shared.cost), sort_keys=True) == json.dumps(cost, sort_keys=True)
    assert score(shared.answers, shared.weights).to_dict() == score(answers, weights).to_dict()


def test_the_longest_possible_link_and_plan_are_made_and_read_back():
    """Every answer, every weight changed and every figure at its longest digits: the link fits
    the decoder's limit, and so does a plan of eight such workstreams with 60-character names."""
    answers = {q.id: q.options[-1].id for q in CAT.questions}
    weights = {q.id: 0 if q.weight else 5 for q in CAT.questions}
    longest = 0.000001234567890123456  # 17 significant digits after six zeros
    figures = {}
    for item in cost_inputs():
        value = item.choices[-1] if item.choices else (int(item.max) if item.whole else longest)
        figures.setdefault(item.group, {})[item.id] = value
    for group in ("staff_augmentation", "bpo"):  # one price per model
        figures[group].pop("day_rate" if group == "staff_augmentation" else "price_per_fte_month")
    for group in ("managed_services", "bpo"):
        figures[group]["credits_per_month"] = 0  # credits may not exceed the fee
    figures = check_cost(figures)
    link = encode_share(answers, weights, figures)
    assert decode_share(link).cost == figures and len(link) <= max_share_length()
    names = ["😀" * MAX_NAME] + [f"{'x' * (MAX_NAME - 1)}{i}" for i in range(1, MAX_WORKSTREAMS)]
    workstreams = [Workstream(n, answers, weights, figures) for n in names]
    text = encode_plan(workstreams)
    assert len(text) <= max_plan_length() and decode_plan(text) == (workstreams, [])


# ---------------------------------------------------------------------------------------------
# Old links, pasted addresses, versions
# ---------------------------------------------------------------------------------------------

def test_old_links_open_with_a_note_that_they_cannot_be_verified():
    """v1, v2 and p1 links open as before, each with one more note for the reader."""
    assert decode_share("v2d1").notes == [UNVERIFIED] and decode_share("v2d1").version == 2
    assert decode_share("v1d1").notes == [UNVERIFIED]
    found, notes = decode_plan("p1*UGF5cm9sbA*k3")
    assert found[0].answers == {"kind": "business_process"} and notes == [PLAN_UNVERIFIED]


def test_a_v2_link_keeps_its_horizon_choice_as_months():
    """v2 links wrote the horizon as a position among 12, 24 and 36 months: each opens as its months."""
    for position, months in enumerate((12, 24, 36)):
        assert decode_share(f"v2Ch{position}").cost == {"general": {"horizon_months": months}}
    with pytest.raises(CalculatorError):
        decode_share("v2Ch3")
    assert decode_share(encode_share({}, {}, {"general": {"horizon_months": 7}})).cost["general"]["horizon_months"] == 7


@pytest.mark.parametrize("pasted", [
    "https://outside-help.netlify.app/calculator/?answers={code}",
    "https://outside-help.netlify.app/calculator/?answers={code}#answers",
    "http://127.0.0.1:8000/calculator/?utm_source=mail&answers={code}",
    "?answers={code}",
    "answers={code}",
    "  {code}\n",
], ids=["address", "address-with-fragment", "other-parameters-first", "query", "parameter", "code-with-spaces"])
def test_a_pasted_address_opens_the_link_in_it(pasted):
    code = encode_share({"direction": "us"}, {}, {"general": {"people": 2.5}})
    shared = decode_share(pasted.format(code=code))
    assert shared.answers == {"direction": "us"} and shared.cost == {"general": {"people": 2.5}}


def test_a_pasted_planner_address_opens_the_plan_and_a_calculator_address_without_answers_is_refused():
    p = plan([{"name": "Payroll", "answers": {"kind": "business_process"}}])
    found, _ = decode_plan(f"https://outside-help.netlify.app/plan/?plan={p['share']}")
    assert found[0].name == "Payroll"
    for text, reader in [("https://outside-help.netlify.app/calculator/", READER["address"]),
                         (f"https://outside-help.netlify.app/plan/?plan={p['share']}", READER["plan"])]:
        with pytest.raises(CalculatorError) as info:
            decode_share(text)
        assert info.value.reader == reader


@pytest.mark.parametrize("text", ["v02d1", "v0002d1", "V2d1", "v03d1-0000", "v" + "9" * 4301])
def test_version_prefixes_are_read_only_as_the_calculator_writes_them(text):
    with pytest.raises(CalculatorError) as info:
        decode_share(text)
    assert info.value.kind == "bad_version" and info.value.reader == READER["not_ours"]


@pytest.mark.parametrize("text", ["p01*UGF5cm9sbA*k3", "p0002*x", "p" + "1" * 4301, "P1*UGF5cm9sbA*k3"])
def test_plan_version_prefixes_are_canonical(text):
    with pytest.raises(CalculatorError) as info:
        decode_plan(text)
    assert info.value.kind == "bad_version" and info.value.reader


def test_a_damaged_v3_link_is_explained_for_the_reader():
    """A cut link and a changed one get different sentences, neither with programmer words."""
    link = encode_share({"direction": "us", "kind": "build"}, {}, {"general": {"people": 4}})
    for text, reader in [(link[:-2], READER["cut"]), (link.split("-")[0], READER["cut"]),
                         (link.replace("p4", "p5"), READER["check"])]:
        with pytest.raises(CalculatorError) as info:
            decode_share(text)
        assert info.value.reader == reader and "'" not in info.value.reader


def test_a_plan_link_with_a_repeated_name_says_so_instead_of_damaged():
    """A crafted p1 link naming two workstreams alike keeps the first and says why it left the other."""
    found, notes = decode_plan("p1*UGF5cm9sbA*k3*cGF5cm9sbA*k1")
    assert [w.name for w in found] == ["Payroll"]
    assert notes[0] == ("Workstream 2 of this plan link has the same name as workstream 1 (“payroll”), and a plan "
                        "names each workstream once, so it was left out.")


@pytest.mark.parametrize("value, written", [
    (1e16, "10000000000000000.0"), (2.5e20, "250000000000000000000.0"),
    (1.2345678901234567e16, "12345678901234568.0"), (1.5e-05, "0.000015"), (1e-06, "0.000001"),
])
def test_a_figure_python_writes_with_an_exponent_is_written_out_in_a_link(value, written):
    """repr() uses an exponent below 1e-4 and from 1e16; a link never does (share._figure), and
    what it writes reads back as the same float."""
    from calculator.share import _figure

    assert _figure(value) == written and float(written) == value
