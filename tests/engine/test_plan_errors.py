"""Every way a plan link or a plan request can be refused or only partly read, with the exact
words each gives: the message (for developers: what is wrong, where), the error's kind and field,
and the reader's sentence (for someone who only clicked a plan link) or the note shown beside
the workstreams that could be read.

The expected words are written here by hand, one literal per case; when a message is reworded
on purpose, update its line. Damaged p2 links are built by hand from the format in
calculator/plan.py's docstring (``p2 * count * name * body-check * ... * check``), so a case can
lose exactly the workstreams it names.
"""

from __future__ import annotations

import base64
import json
import random

import pytest

from calculator import CalculatorError, decode_plan, encode_plan, plan, score
from calculator.api import handle
from calculator.plan import (MAX_NAME, MAX_PLAN_LENGTH, MAX_WORKSTREAMS, UNVERIFIED, Workstream, check_name,
                             max_plan_length)
from calculator.share import link_check
from tests.link_damage import p1_link, v2_link

NOT_OURS = "This plan link is not in a form the calculator makes."
DAMAGED = "No workstream in this plan link could be read: it may have been cut off or changed when it was copied."
EMPTY = "This plan link holds no workstreams."
TOO_LONG = "This plan link is far longer than any plan the calculator makes, so it was probably changed."
END_DAMAGED = ("The end of this plan link is damaged or cut off, but every workstream in it passed its own check, "
               "so the whole plan is shown.")
MORE_THAN_EIGHT = "This plan link holds more than 8 workstreams; the first 8 are shown."
INVISIBLE = "the name has a control or invisible character that could change how it reads"
NO_VISIBLE = "the name has no visible character"


def name_code(name: str) -> str:
    """A name as a plan link writes it: UTF-8 in base64url, without padding."""
    return base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")


def p2_link(parts: list[tuple[str, str]], count: int | None = None) -> str:
    """A p2 link holding (name code, body) pairs as written, each with a check that passes: the
    planner's own format, so a case can carry a name or body the engine would never write."""
    count = len(parts) if count is None else count
    content = f"p2*{count}"
    for index, (code, body) in enumerate(parts):
        content += f"*{code}*{body}-{link_check(f'p2*{count}*{index}*{code}*{body}')}"
    return f"{content}*{link_check(content)}"


def lost_note(count: int, which: str, one: bool) -> str:
    return (f"This plan link was damaged or cut off when it was copied: it holds {count} workstreams, and {which} "
            f"could not be read, so {'it is' if one else 'they are'} left out. Ask the person who sent it for "
            "the link again.")


def refused(call, *args) -> CalculatorError:
    with pytest.raises(CalculatorError) as info:
        call(*args)
    return info.value


# ---------------------------------------------------------------------------------------------
# Plan links refused whole
# ---------------------------------------------------------------------------------------------

LINK_CASES = [
    # id, text, kind, message (after "plan link: "), reader
    ("not-text", 42, "bad_plan", "it must be text", NOT_OURS),
    ("no-version", "hello", "bad_version", "it must start with a version such as 'p2'", NOT_OURS),
    ("capital-P", "P2*1", "bad_version", "it must start with a version such as 'p2'", NOT_OURS),
    ("version-with-zero", "p02*1", "bad_version",
     "its version 'p02' is not written the way the calculator writes versions", NOT_OURS),
    ("future-version", "p3*1", "bad_version", "version 3 is not supported",
     "This plan link was made by a version of the calculator this page does not know (version 3)."),
    ("version-only", "p2", "bad_version", "it must start with 'p2*' and the number of workstreams", NOT_OURS),
    ("version-then-letter", "p2x*1", "bad_version", "it must start with 'p2*' and the number of workstreams",
     NOT_OURS),
    ("count-missing", "p2*", "bad_plan", "its number of workstreams '' cannot be read", DAMAGED),
    ("count-letter", "p2*x", "bad_plan", "its number of workstreams 'x' cannot be read", DAMAGED),
    ("count-leading-zero", "p2*01", "bad_plan", "its number of workstreams '01' cannot be read", DAMAGED),
    ("count-three-digits", "p2*100", "bad_plan", "its number of workstreams '100' cannot be read", DAMAGED),
    ("count-arabic-digit", "p2*\u0663", "bad_plan", "its number of workstreams '\u0663' cannot be read", DAMAGED),
    ("count-zero", "p2*0", "bad_plan", "it holds no workstreams", EMPTY),
    ("p2-nothing-passes", "p2*1*QQ*k1-AAAA*AAAA", "bad_plan", "no workstream could be read", DAMAGED),
    ("p1-empty", "p1", "bad_plan", "it holds no workstreams", EMPTY),
    ("p1-only-a-star", "p1*", "bad_plan", "no workstream could be read", DAMAGED),
    ("p1-nothing-readable", "p1*%%*k1*UGF5cm9sbA*z9", "bad_plan", "no workstream could be read", DAMAGED),
    ("address-without-plan", "https://example.org/plan/?answers=v3d1-41dF", "bad_version",
     "the address has no 'plan' part", "This address has no plan in it (no “plan=” part)."),
    ("address-with-two-plans", "https://example.org/plan/?plan=p2*0&plan=p1", "repeated",
     "the address has 2 'plan' parts, and a planner link has one",
     "This address holds 2 plans, and a planner link holds one."),
    ("address-with-three-plans", "plan=p1;plan=p1&plan=p1", "repeated",
     "the address has 3 'plan' parts, and a planner link has one",
     "This address holds 3 plans, and a planner link holds one."),
]


@pytest.mark.parametrize("text, kind, message, reader", [case[1:] for case in LINK_CASES],
                         ids=[case[0] for case in LINK_CASES])
def test_each_refused_plan_link_gives_its_exact_words(text, kind, message, reader):
    """A reader who pastes a broken plan link is told, in one sentence, whether it is not a plan
    link, a newer one, an empty one or a damaged one; a wrong kind or sentence would send them
    the wrong way (ask again, or use another page)."""
    error = refused(decode_plan, text)
    assert (error.kind, error.message, error.reader) == (kind, f"plan link: {message}", reader)


def test_an_address_holding_one_plan_opens_it():
    """The planner's own address, pasted whole (with other parameters and a fragment), opens the
    plan in its plan= part, exactly as the bare link does."""
    link = encode_plan([Workstream("Payroll", {"kind": "business_process"})])
    assert decode_plan(link) == ([Workstream("Payroll", {"kind": "business_process"})], [])
    for text in (f"https://example.org/plan/?x=1&plan={link}#top", f"plan={link}", f"?plan= {link} "):
        assert decode_plan(text) == decode_plan(link)


# ---------------------------------------------------------------------------------------------
# The longest texts read
# ---------------------------------------------------------------------------------------------

def test_an_address_of_four_times_the_longest_plan_is_read_and_one_more_character_is_not():
    """Any text up to 4 * max_plan_length() characters (after trimming spaces) is read: an
    address can carry other parameters beside its plan. One character more is refused at once,
    as far too long, without being read. A reader with a long pasted address would lose a valid
    plan if the limit slipped down."""
    limit = 4 * max_plan_length()
    assert (max_plan_length(), limit) == (9904, 39616)
    link = encode_plan([Workstream("Payroll", {"kind": "business_process"})])
    head, tail = "https://example.org/plan/?x=", f"&plan={link}"
    at_limit = head + "a" * (limit - len(head) - len(tail)) + tail
    assert len(at_limit) == limit
    assert decode_plan(f"  {at_limit}  ") == decode_plan(link)
    error = refused(decode_plan, at_limit.replace("x=", "x=a"))
    assert (error.kind, error.reader) == ("too_long", TOO_LONG)
    assert error.message == (f"plan link: it is {limit + 1} characters long; an address holding a plan link has at "
                             f"most {limit}, and a plan link at most {max_plan_length()}")


def test_a_p2_link_of_the_longest_length_is_read_and_one_more_character_is_refused():
    """A p2 link of max_plan_length() characters is read (here a whole workstream followed by
    stray text: its workstream opens, with the note about the damaged end); one character more
    is refused as too long, naming both lengths."""
    link = encode_plan([Workstream("Payroll", {"kind": "business_process"})]) + "*"
    at_limit = link + "A" * (max_plan_length() - len(link))
    assert decode_plan(at_limit) == ([Workstream("Payroll", {"kind": "business_process"})], [END_DAMAGED])
    error = refused(decode_plan, at_limit + "A")
    assert (error.kind, error.message, error.reader) == (
        "too_long", f"plan link: it is {max_plan_length() + 1} characters long; at most {max_plan_length()}", TOO_LONG)


def test_a_p1_link_of_6000_characters_is_read_and_one_of_6001_is_refused():
    """p1 links keep their own limit (MAX_PLAN_LENGTH, 6,000): at it, the link opens (here with
    an unpaired name at its end, reported as cut off); one more character is refused."""
    assert MAX_PLAN_LENGTH == 6000
    link = "p1*UGF5cm9sbA*k3*"
    at_limit = link + "Q" * (MAX_PLAN_LENGTH - len(link))
    assert decode_plan(at_limit) == (
        [Workstream("Payroll", {"kind": "business_process"})],
        ["The end of this plan link is cut off; the workstreams before it are shown.", UNVERIFIED])
    error = refused(decode_plan, at_limit + "Q")
    assert (error.kind, error.message, error.reader) == (
        "too_long", "plan link: it is 6001 characters long; at most 6000", TOO_LONG)


# ---------------------------------------------------------------------------------------------
# p2 links read in part
# ---------------------------------------------------------------------------------------------

def test_the_hand_built_links_are_the_planners_own():
    """The links these tests damage are written as encode_plan writes them (else a case would
    test a format the planner does not use)."""
    workstreams = [Workstream("Payroll", {"kind": "business_process"}), Workstream("Roadmap", {"kind": "build"})]
    assert p2_link([(name_code("Payroll"), "k3"), (name_code("Roadmap"), "k1")]) == encode_plan(workstreams)


@pytest.mark.parametrize("lost, count, which", [
    ([1], 2, "workstream 1"),
    ([2, 3], 3, "workstreams 2 and 3"),
    ([1, 2, 4], 4, "workstreams 1, 2 and 4"),
], ids=["one-of-two", "two-of-three", "three-of-four"])
def test_a_damaged_p2_link_names_the_workstreams_it_lost(lost, count, which):
    """A character changed in some workstreams costs only those: the note names each lost one
    (one, two or three numbers, in the plan's words), the others open exactly as written, and
    no second note about the end is added. A reader told the wrong numbers would re-enter the
    wrong workstreams."""
    workstreams = [Workstream(f"Stream {n}", {"kind": "build"}, {"kind": n}) for n in range(1, count + 1)]
    segments = encode_plan(workstreams).split("*")
    for n in lost:
        segments[3 + 2 * (n - 1)] = segments[3 + 2 * (n - 1)].replace("k1", "k2", 1)
    found, notes = decode_plan("*".join(segments))
    assert found == [w for n, w in enumerate(workstreams, start=1) if n not in lost]
    assert notes == [lost_note(count, which, len(lost) == 1)]


@pytest.mark.parametrize("kept", [4, 5], ids=["after-a-body", "after-a-name"])
def test_a_cut_p2_link_names_the_workstreams_after_the_cut(kept):
    """A link cut after its first workstream (or after the next one's name) keeps that one and
    says the two after it were lost."""
    workstreams = [Workstream(name, {"kind": "build"}) for name in ("Roadmap", "Payroll", "Claims")]
    found, notes = decode_plan("*".join(encode_plan(workstreams).split("*")[:kept]))
    assert found == workstreams[:1]
    assert notes == [lost_note(3, "workstreams 2 and 3", False)]


def test_a_damaged_end_after_whole_workstreams_shows_the_whole_plan():
    """When only the link's last check is wrong, every workstream passed its own check: all
    open, with one note saying so (not that workstreams were lost)."""
    workstreams = [Workstream("Roadmap", {"kind": "build"}), Workstream("Payroll", {"kind": "business_process"})]
    link = encode_plan(workstreams)
    assert decode_plan(link[:-1]) == (workstreams, [END_DAMAGED])
    assert decode_plan(link + "*x") == (workstreams, [END_DAMAGED])


@pytest.mark.parametrize("code", [
    name_code("\U0001F600" * (MAX_NAME + 1)),  # 326 characters: longer than any name the planner writes
    # 323 characters, though its name is 58 characters once trimmed: the planner writes names trimmed
    name_code(" " * 10 + "\U0001F600" * (MAX_NAME - 2)),
    name_code("x" * (MAX_NAME + 1)),  # short enough as code, but 61 characters as a name
    base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("="),  # not UTF-8
    name_code("Pay\u202eroll"),  # a bidirectional override
    name_code("   "),  # no name
    "%%",  # not base64url
], ids=["name-code-too-long", "name-code-too-long-with-spaces", "name-too-long", "name-not-utf8",
        "name-with-override", "name-blank", "name-not-base64"])
def test_a_workstream_whose_name_cannot_be_used_is_lost_even_when_its_check_passes(code):
    """A name is held to the same rules as a typed one; a link whose check passes but whose name
    breaks them loses that workstream (named in the note), not the plan."""
    found, notes = decode_plan(p2_link([(code, "k1"), (name_code("Payroll"), "k3")]))
    assert found == [Workstream("Payroll", {"kind": "business_process"})]
    assert notes == [lost_note(2, "workstream 1", True)]


def test_a_body_that_cannot_be_read_is_lost_even_when_its_check_passes():
    """Answers the calculator cannot read (an unknown question key) lose that workstream only;
    a reader would otherwise get no plan at all, or one with made-up answers."""
    workstreams, notes = decode_plan(p2_link([(name_code("Roadmap"), "z9"), (name_code("Payroll"), "k3")]))
    assert workstreams == [Workstream("Payroll", {"kind": "business_process"})]
    assert notes == [lost_note(2, "workstream 1", True)]


def test_the_longest_name_in_its_longest_spelling_opens_from_a_link():
    """60 characters of 4 UTF-8 bytes each (320 characters of base64url) is the longest name
    code the planner writes, and opens; one more character is lost (see the test above)."""
    name = "\U0001F600" * MAX_NAME
    assert len(name_code(name)) == 320
    assert decode_plan(p2_link([(name_code(name), "k1")])) == ([Workstream(name, {"kind": "build"})], [])


def test_names_differing_only_in_case_in_a_p2_link_keep_the_first():
    """A plan names each workstream once, whatever the case: the third (a repeat of the first)
    is left out, and the note names it as the repeat of workstream 1 (by number, and by its name
    as written). A reader told the wrong number would look for the repeat in the wrong row."""
    first, second = Workstream("Payroll", {"kind": "business_process"}), Workstream("Roadmap", {"kind": "build"})
    found, notes = decode_plan(encode_plan([first, second, Workstream("PAYROLL", {"kind": "build"})]))
    assert found == [first, second]
    assert notes == ["Workstream 3 of this plan link has the same name as workstream 1 (“PAYROLL”), and a plan "
                     "names each workstream once, so it was left out."]


@pytest.mark.parametrize("encode", [encode_plan, lambda ws: "*".join(
    ["p1"] + [part for w in ws for part in (name_code(w.name), "k1")])], ids=["p2", "p1"])
def test_eight_workstreams_in_a_link_open_and_a_ninth_is_left_out_with_a_note(encode):
    """MAX_WORKSTREAMS (8) open without a note; a link holding 9 shows the first 8 and says why."""
    nine = [Workstream(f"Stream {n}", {"kind": "build"}) for n in range(1, MAX_WORKSTREAMS + 2)]
    unchecked = [UNVERIFIED] if encode is not encode_plan else []
    assert decode_plan(encode(nine[:MAX_WORKSTREAMS])) == (nine[:MAX_WORKSTREAMS], unchecked)
    assert decode_plan(encode(nine)) == (nine[:MAX_WORKSTREAMS], [MORE_THAN_EIGHT] + unchecked)


# ---------------------------------------------------------------------------------------------
# p1 links (no count, no checks)
# ---------------------------------------------------------------------------------------------

def test_p1_links_as_the_p1_format_wrote_them_open_as_written():
    """Old plan links open with every workstream's answers, weights and figures as written, and
    the one note that they cannot be verified."""
    for seed in range(20):
        link, workstreams = p1_link(random.Random(seed))
        assert decode_plan(link) == (workstreams, [UNVERIFIED])


def test_a_p1_link_loses_only_its_unreadable_workstreams():
    """Workstreams 2 (an unknown question) and 3 (a name that is not base64url) cannot be read:
    the notes name each, and 1 and 4 open with their answers, weights and figures. A reader
    would lose a workstream, or see a wrong one, if the others shifted."""
    claims_link, claims = v2_link(random.Random(3))  # answers, weights and figures of every group
    link = "*".join(["p1", name_code("Payroll"), "k3p1Wk5Cp2", name_code("Roadmap"), "z9", "%%", "k1",
                     name_code("Claims"), claims_link.removeprefix("v2")])
    found, notes = decode_plan(link)
    assert found == [Workstream("Payroll", {"kind": "business_process", "process_maturity": "documented"},
                                {"kind": 5}, {"general": {"people": 2}}),
                     Workstream("Claims", *claims)]
    # One note names both, so no note says "the others are shown" while another leaves one out.
    assert notes == ["Workstreams 2 and 3 of this plan link are damaged and were left out; the others are shown.",
                     UNVERIFIED]


def test_a_p1_link_losing_one_workstream_says_which():
    """An out-of-range weight in workstream 2 of an old link: that workstream is left out with
    its number named, the first opens, and the link is still called unverified."""
    found, notes = decode_plan("p1*UGF5cm9sbA*k3*Um9hZG1hcA*k1Wd9")
    assert found == [Workstream("Payroll", {"kind": "business_process"})]
    assert notes == ["Workstream 2 of this plan link is damaged and was left out; the others are shown.", UNVERIFIED]


def test_names_differing_only_in_case_in_a_p1_link_keep_the_first():
    """As in a p2 link: the repeat (workstream 3) is left out, naming workstream 1 as the first."""
    found, notes = decode_plan(f"p1*UGF5cm9sbA*k3*Um9hZG1hcA*k1*{name_code('payroll')}*k1")
    assert found == [Workstream("Payroll", {"kind": "business_process"}), Workstream("Roadmap", {"kind": "build"})]
    assert notes == ["Workstream 3 of this plan link has the same name as workstream 1 (“payroll”), and a plan "
                     "names each workstream once, so it was left out.", UNVERIFIED]


# ---------------------------------------------------------------------------------------------
# Plan requests
# ---------------------------------------------------------------------------------------------

def named(*names: str) -> list[dict]:
    return [{"name": name, "answers": {}} for name in names]


REQUEST_CASES = [
    # id, workstreams, field, detail (the message is "plan: " + where + detail)
    ("text", "Payroll", "workstreams", "workstreams must be a list, not a string"),
    ("object", {"name": "Payroll"}, "workstreams", "workstreams must be a list, not an object"),
    ("null", None, "workstreams", "workstreams must be a list, not null"),
    ("empty", [], "workstreams", "add at least one workstream"),
    ("nine", named(*(f"W{n}" for n in range(MAX_WORKSTREAMS + 1))), "workstreams",
     "a plan holds at most 8 workstreams, not 9"),
    ("item-not-object", named("A") + ["B"], "workstreams[1]",
     "must be an object with a name and answers, not a string"),
    ("item-list", [["A", {}]], "workstreams[0]", "must be an object with a name and answers, not a list"),
    ("unknown-fields", [{"name": "A", "answers": {}, "colour": 1, "Size": 2}], "workstreams[0]",
     "unknown field(s): Size, colour"),
    ("name-null", [{"name": None}], "workstreams[0]", "give the workstream a name"),
    ("name-number", named("A") + [{"name": 7}], "workstreams[1]", "the name must be text, not a number"),
    ("name-empty", named(""), "workstreams[0]", "give the workstream a name"),
    ("name-spaces", named("A", " \t\u3000 "), "workstreams[1]", "give the workstream a name"),
    ("name-61", named("x" * (MAX_NAME + 1)), "workstreams[0]", "the name is 61 characters long; at most 60"),
    ("name-1000", named("x" * 1000), "workstreams[0]", "the name is 1,000 characters long; at most 60"),
    ("names-differ-in-case", named("Payroll", "Roadmap", "PAYROLL"), "workstreams[2]",
     "two workstreams are called “PAYROLL”; give each its own name"),
]


@pytest.mark.parametrize("workstreams, field, detail", [case[1:] for case in REQUEST_CASES],
                         ids=[case[0] for case in REQUEST_CASES])
def test_each_refused_plan_request_gives_its_exact_words(workstreams, field, detail):
    """The planner page shows `detail` beside the field `field` names, and the message says which
    workstream (counted from 1) is wrong; a wrong number or field would point at the wrong row."""
    error = refused(plan, workstreams)
    where = f"workstream {int(field[12:-1]) + 1}: " if field != "workstreams" else ""
    assert (error.kind, error.message, error.detail, error.field, error.reader) == (
        "invalid_plan", f"plan: {where}{detail}", detail, field, None)


def test_a_workstream_without_a_name_is_refused_at_its_row():
    """A request that leaves the name out is asked for one at that workstream (not told about a
    null it never sent)."""
    error = refused(plan, [{"answers": {"kind": "build"}}])
    assert (error.kind, error.field, error.reader) == ("invalid_plan", "workstreams[0]", None)
    assert error.message == "plan: workstream 1: give the workstream a name"


def test_the_longest_plan_request_is_accepted():
    """8 workstreams, one named with 60 characters once its spaces are trimmed and collapsed."""
    names = ["  " + "x" * MAX_NAME + "  ", "a" + " " * 100 + "b"] + [f"W{n}" for n in range(MAX_WORKSTREAMS - 2)]
    p = plan(named(*names))
    assert [row["name"] for row in p["rows"]] == ["x" * MAX_NAME, "a b"] + names[2:]


@pytest.mark.parametrize("name", [
    "Pay\x07roll",  # Cc: a bell
    "Pay\x1b[31mroll",  # Cc: a terminal escape
    "Pay\u202eroll",  # Cf: right-to-left override
    "Pay\u200broll",  # Cf: zero-width space
    "Pay\u00adroll",  # Cf: soft hyphen
    "\U0001F3F4\U000E0001",  # Cf: the language tag, outside the flag tags allowed
    "Pay\ud800roll",  # Cs: a lone surrogate
    "Pay\ue000roll",  # Co: private use
    "Pay\U000F0000roll",  # Co: supplementary private use
    "Pay\uffffroll",  # Cn: a noncharacter, unassigned for good
], ids=["Cc-bell", "Cc-escape", "Cf-override", "Cf-zero-width-space", "Cf-soft-hyphen", "Cf-language-tag",
        "Cs-surrogate", "Co-private-use", "Co-supplementary-private-use", "Cn-unassigned"])
def test_a_name_with_a_control_or_format_character_is_refused(name):
    """A name that could read differently from what it holds (or hide text) is refused, in the
    second workstream's row."""
    error = refused(plan, named("Roadmap", name))
    assert (error.kind, error.message, error.detail, error.field) == (
        "invalid_plan", f"plan: workstream 2: {INVISIBLE}", INVISIBLE, "workstreams[1]")


@pytest.mark.parametrize("name", ["\u200d", " \u200c \u200d ", "\u0301", "\U000E0067\U000E0062"],
                         ids=["joiner", "joiners-and-spaces", "combining-mark", "flag-tags"])
def test_a_name_of_only_joiners_or_marks_is_refused_as_having_nothing_visible(name):
    """Joiners, flag tags and combining marks are allowed in a name but cannot make one alone:
    a row with a blank-looking name would be refused with this sentence, not shown empty."""
    error = refused(check_name, name, 0)
    assert (error.kind, error.message, error.field) == ("invalid_plan", f"plan: workstream 1: {NO_VISIBLE}",
                                                        "workstreams[0]")


@pytest.mark.parametrize("name", [
    "\U0001F469\u200d\U0001F4BB team",  # woman technologist: an emoji joined by a zero-width joiner
    "\u0645\u06cc\u200c\u0634\u0648\u062f",  # Persian, with a zero-width non-joiner
    "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F Scotland",  # a subdivision flag
], ids=["emoji-joiner", "persian-non-joiner", "flag-tags"])
def test_a_joiner_inside_real_text_is_kept(name):
    """Joiners real names need are kept as typed, in the plan and in its link."""
    p = plan(named(name))
    assert p["rows"][0]["name"] == name
    assert decode_plan(p["share"])[0][0].name == name


def test_weights_reach_each_workstreams_result():
    """A weight given with a workstream changes its scores as it would alone (here the
    recommendation moves from a close call to managed services), and travels in the plan link."""
    answers = {"kind": "tech_service", "direction": "shared", "lead_capacity": "daily", "scope_change": "likely",
               "flexibility": "balance", "service_levels": "partly", "governance": "yes", "duration": "medium",
               "integration": "alongside", "consistency": "important", "process_maturity": "partial"}
    p = plan([{"name": "Plain", "answers": answers}, {"name": "Weighted", "answers": answers, "weights": {"kind": 5}}])
    plain, weighted = p["rows"]
    assert score(answers).scores != score(answers, {"kind": 5}).scores
    assert (plain["state"], plain["recommendation"], plain["weights"]) == ("close_call", None, {})
    assert (weighted["state"], weighted["recommendation"], weighted["weights"]) == (
        "recommend", "managed_services", {"kind": 5})
    assert [w.weights for w in decode_plan(p["share"])[0]] == [{}, {"kind": 5}]


def test_a_bad_answer_or_figure_names_its_workstream_and_field():
    """A workstream's own error keeps its kind, question and options, is said for that workstream
    (number and name), and its field is under the workstream's ("workstreams[1].general.currency"),
    so the page can show the detail beside the right figure."""
    error = refused(plan, named("A") + [{"name": "B", "answers": {"direction": "boss"}}])
    detail = "unknown option 'boss' for question 'direction'; allowed options: us, shared, provider"
    assert (error.kind, error.message, error.detail, error.field, error.question, error.allowed) == (
        "unknown_option", f"plan: workstream 2 (B): {detail}", detail, "workstreams[1]", "direction",
        ["us", "shared", "provider"])
    error = refused(plan, named("A") + [{"name": "B", "answers": {}, "cost": {"general": {"currency": "zz"}}}])
    detail = "Currency: choose one of: no symbol, £, €, $"
    assert (error.kind, error.message, error.detail, error.field) == (
        "invalid_cost", f"plan: workstream 2 (B): {detail}", detail, "workstreams[1].general.currency")


def test_the_api_gives_the_plans_errors_with_their_field_detail_and_reader():
    """The "plan" op returns the same errors as data: a request's field and detail, a link's
    reader sentence, and a partly read link's notes beside its plan."""
    def call(request):
        return json.loads(handle(json.dumps(request)))

    reply = call({"op": "plan", "workstreams": [{"name": "A", "answers": {}, "cost": {"general": {"currency": "zz"}}}]})
    assert reply == {"ok": False, "error": {
        "kind": "invalid_cost", "message": "plan: workstream 1 (A): Currency: choose one of: no symbol, £, €, $",
        "detail": "Currency: choose one of: no symbol, £, €, $", "field": "workstreams[0].general.currency"}}
    reply = call({"op": "plan", "workstreams": named("A", "a")})
    detail = "two workstreams are called “a”; give each its own name"
    assert reply["error"] == {"kind": "invalid_plan", "field": "workstreams[1]",
                              "message": f"plan: workstream 2: {detail}", "detail": detail}
    reply = call({"op": "plan", "share": "https://example.org/plan/?plan=p1&plan=p1"})
    assert reply["error"] == {"kind": "repeated",
                              "message": "plan link: the address has 2 'plan' parts, and a planner link has one",
                              "reader": "This address holds 2 plans, and a planner link holds one."}
    link = encode_plan([Workstream("Roadmap", {"kind": "build"}), Workstream("Payroll", {"kind": "business_process"})])
    reply = call({"op": "plan", "share": link.replace("*k1", "*k2", 1), "memo": False})
    assert [row["name"] for row in reply["plan"]["rows"]] == ["Payroll"]
    assert reply["plan_view"]["notes"] == [lost_note(2, "workstream 1", True)]
