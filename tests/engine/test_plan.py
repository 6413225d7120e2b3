"""Plans: a model for each workstream, when each would shift, one link for the whole plan."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.plan import UNVERIFIED
from calculator import CalculatorError, catalogue, decode_plan, encode_plan, plan, plan_view, score
from calculator.plan import MAX_NAME, MAX_PLAN_LENGTH, MAX_WORKSTREAMS, Workstream
from tests.scenarios import BY_ID as SCENARIOS

CAT = catalogue()


def ws(name, scenario, **extra):
    return {"name": name, "answers": SCENARIOS[scenario]["answers"], **extra}


def test_project_work_plus_steady_state_gets_two_models():
    """[ELLISON] Some organisations use staff augmentation for project-based efforts and managed
    services for steady-state functions: a plan with one of each says so in one sentence."""
    p = plan([ws("Platform build", "sa-roadmap-team"), ws("Service desk", "ms-it-operations")])
    assert [r["recommendation"] for r in p["rows"]] == ["staff_augmentation", "managed_services"]
    assert plan_view(p)["summary"] == ("The plan: staff augmentation for Platform build; "
                                       "managed services for Service desk.")


def test_an_undocumented_process_waits_on_documenting_it_then_shifts_to_bpo():
    """[ELYSIATE] BPO needs a mature process, and no provider can take over one that lives in
    people's heads: the plan starts by documenting it, then the workstream shifts to BPO."""
    p = plan([ws("Payroll", "example-payroll-undocumented")])
    row = p["rows"][0]
    assert row["state"] == "not_ready" and row["recommendation"] is None
    assert row["steps"] == ["document_process"] and row["first_step"]["model"] == "bpo"
    view = plan_view(p)
    assert view["summary"] == "The plan: Payroll kept as it is until the process is documented, then BPO."
    assert view["rows"][0]["shift"] == "Moves to BPO once the process is documented."
    assert view["timeline"][0] == {"label": "Start here: document the process", "guide": {
        "page": "readiness.md", "anchor": "documented-process", "url": "readiness/#documented-process"},
        "items": ["Waiting on it: Payroll."]}


def test_rows_carry_the_cautions_of_the_single_result():
    """A plan row shows what the calculator would show for that workstream alone: its
    confidence, the warnings and the pointers."""
    answers = {**SCENARIOS["ms-it-operations"]["answers"], "urgency": "weeks", "duration": "ongoing"}
    p = plan([{"name": "Service desk", "answers": answers}])
    alone = score(answers)
    row = p["rows"][0]
    assert row["warnings"] == [w["text"] for w in alone.warnings] and row["warnings"]
    assert row["confidence"] == alone.confidence["level"]
    cautions = plan_view(p)["rows"][0]["cautions"]
    assert cautions[0] == f"Confidence: {alone.confidence['level']}." and alone.warnings[0]["text"] in cautions


def test_several_handovers_at_once_are_staggered():
    """Two workstreams that a provider would take over now get a note to stagger the
    transitions; one does not."""
    two = plan_view(plan([ws("Service desk", "ms-it-operations"), ws("Invoices", "bpo-textbook")]))
    stagger = [t for t in two["timeline"] if t["label"] == "Stagger the handovers"]
    assert stagger and stagger[0]["items"][0].startswith("Service desk and Invoices would each move to a provider.")
    one = plan_view(plan([ws("Service desk", "ms-it-operations"), ws("Roadmap", "sa-textbook")]))
    assert not [t for t in one["timeline"] if t["label"] == "Stagger the handovers"]


def test_three_workstreams_pointing_to_three_models():
    """Three textbook situations give the three models, each with its reason."""
    p = plan([ws("Roadmap", "sa-textbook"), ws("IT operations", "ms-textbook"), ws("Invoices", "bpo-textbook")])
    assert [r["recommendation"] for r in p["rows"]] == ["staff_augmentation", "managed_services", "bpo"]
    assert all(r["reason"] for r in p["rows"])


def test_a_workstream_nobody_can_run_yet_is_kept_until_the_first_step():
    """A workstream with no ready model is kept as it is until the first step, then its model."""
    p = plan([ws("Help desk", "not-ready-everything-gated")])
    assert plan_view(p)["summary"] == ("The plan: Help desk kept as it is until someone owns the relationship, "
                                       "then managed services.")


def test_the_plan_totals_cost_with_each_workstreams_model():
    """Figures for each workstream: the plan adds up the total of the model each one gets."""
    figures = {"general": {"people": 2, "currency": "£"}, "staff_augmentation": {"rate_per_person_month": 5000}}
    p = plan([ws("Roadmap", "sa-textbook", cost=figures), ws("Invoices", "bpo-textbook")])
    assert p["cost"]["total"] == 240000 and p["cost"]["missing"] == ["Invoices"]
    assert plan_view(p)["cost"].startswith("With each workstream's model, the plan costs £240,000 over 24 months")


@pytest.mark.parametrize(
    "workstreams, words",
    [
        ([], "add at least one workstream"),
        ("Payroll", "workstreams must be a list"),
        ([{"name": "", "answers": {}}], "give the workstream a name"),
        ([{"name": "x" * (MAX_NAME + 1), "answers": {}}], f"at most {MAX_NAME}"),
        ([{"name": "Pay\u202eroll", "answers": {}}], "control or invisible character"),
        ([{"name": "A", "answers": {}}, {"name": "a", "answers": {}}], "two workstreams are called “a”"),
        ([{"name": f"W{i}", "answers": {}} for i in range(MAX_WORKSTREAMS + 1)], f"at most {MAX_WORKSTREAMS} workstreams"),
        ([{"name": "A", "answers": {"direction": "boss"}}], "workstream 1 (A): unknown option 'boss'"),
        ([{"name": "A", "answers": {}, "colour": 1}], "unknown field(s): colour"),
    ],
)
def test_bad_plans_get_one_error_naming_the_workstream(workstreams, words):
    """Every problem names the workstream it is in and what is wrong."""
    with pytest.raises(CalculatorError) as info:
        plan(workstreams)
    assert words in info.value.message


def test_a_plan_link_round_trips_and_damage_costs_only_the_damaged_workstream():
    """The whole plan travels in one link; a damaged part is dropped with a note naming it, the
    rest kept; a cut link keeps the workstreams before the cut and says which were lost."""
    p = plan([ws("Roadmap", "sa-textbook"), ws("Payroll", "bpo-textbook")])
    found, notes = decode_plan(p["share"])
    assert [w.name for w in found] == ["Roadmap", "Payroll"] and notes == []
    damaged = p["share"].replace("*k1", "*k9", 1)
    found, notes = decode_plan(damaged)
    assert [w.name for w in found] == ["Payroll"]
    assert notes == ["This plan link was damaged or cut off when it was copied: it holds 2 workstreams, and "
                     "workstream 1 could not be read, so it is left out. Ask the person who sent it for the link again."]
    found, notes = decode_plan(p["share"].rsplit("*", 2)[0])
    assert [w.name for w in found] == ["Roadmap"] and "workstream 2 could not be read" in notes[0]


def test_an_old_p1_plan_link_opens_with_its_damage_notes_and_a_note_that_it_is_unchecked():
    """p1 links (no count, no checks) keep opening as before, with one more note (issue 19)."""
    old = "p1*Um9hZG1hcA*k1*UGF5cm9sbA*k3"
    found, notes = decode_plan(old)
    assert [(w.name, w.answers) for w in found] == [("Roadmap", {"kind": "build"}),
                                                    ("Payroll", {"kind": "business_process"})]
    assert notes == [UNVERIFIED]
    found, notes = decode_plan(old.replace("*k1", "*k9"))
    assert [w.name for w in found] == ["Payroll"]
    assert notes == ["Workstream 1 of this plan link is damaged and was left out; the others are shown.", UNVERIFIED]
    found, notes = decode_plan(old.rsplit("*", 1)[0])
    assert [w.name for w in found] == ["Roadmap"] and "cut off" in notes[0]


def test_plan_links_that_cannot_be_read_say_so_in_words():
    """Not a plan, a future version, too long, or nothing readable: one sentence for the reader."""
    for text, words in [("v2k1", "not in a form"), ("p9*QQ*k1", "version 9"),
                        ("p1*" + "Q" * MAX_PLAN_LENGTH, "far longer"), ("p1*%%*k1", "No workstream")]:
        with pytest.raises(CalculatorError) as info:
            decode_plan(text)
        assert words in info.value.reader


def test_more_than_eight_workstreams_in_a_link_keeps_the_first_eight():
    """A link holding extra workstreams shows the first eight and says why."""
    many = [Workstream(f"Stream {i}", {"direction": "us"}) for i in range(10)]
    found, notes = decode_plan(encode_plan(many))
    assert len(found) == MAX_WORKSTREAMS and "more than 8" in notes[0]


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

answers = st.fixed_dictionaries({}, optional={q.id: st.sampled_from([o.id for o in q.options]) for q in CAT.questions})
names = st.text(min_size=1, max_size=MAX_NAME).filter(lambda t: t.split())


@given(st.lists(st.tuples(names, answers), min_size=1, max_size=MAX_WORKSTREAMS,
                unique_by=lambda t: " ".join(t[0].split()).casefold()))
@settings(max_examples=60, deadline=None)
def test_each_row_is_the_workstream_scored_alone_whatever_the_order(items):
    """A plan's rows equal scoring each workstream alone, and reversing the order reverses the rows."""
    workstreams = [{"name": n, "answers": a} for n, a in items]
    try:
        p = plan(workstreams)
    except CalculatorError as exc:
        assert "name" in exc.message or "character" in exc.message  # only the names can be refused here
        return
    for row, (_, a) in zip(p["rows"], items):
        alone = score(a).to_dict()
        assert (row["state"], row["recommendation"], row["verdict"]) == (
            alone["state"], alone["recommendation"], alone["verdict"])
    reversed_plan = plan(list(reversed(workstreams)))
    assert reversed_plan["rows"] == list(reversed(p["rows"]))
    found, notes = decode_plan(p["share"])
    assert notes == [] and [w.answers for w in found] == [score(a).answers for _, a in items]


@given(st.text(max_size=400))
@settings(max_examples=500, deadline=None)
def test_any_text_as_a_plan_link_gives_workstreams_or_a_sentence(text):
    """Hostile plan links never raise anything but the engine's error, which has a reader sentence."""
    try:
        found, notes = decode_plan(text)
    except CalculatorError as exc:
        assert exc.reader and "\n" not in exc.reader
        return
    assert 1 <= len(found) <= MAX_WORKSTREAMS and all(isinstance(n, str) for n in notes)
