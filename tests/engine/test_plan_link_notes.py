"""Where each note of an opened plan link stands, and that a workstream left out never takes the
ones after it with it: a reader reads the notes in order (the one naming lost workstreams first,
as it asks for the link again), and must see every workstream that could be read."""

from __future__ import annotations

import base64

from calculator import decode_plan, encode_plan
from calculator.plan import UNVERIFIED, Workstream
from calculator.share import link_check

END_DAMAGED = ("The end of this plan link is damaged or cut off, but every workstream in it passed its own check, "
               "so the whole plan is shown.")
P1_CUT = "The end of this plan link is cut off; the workstreams before it are shown."


def name_code(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")


def repeat_note(n: int, first: int, name: str) -> str:
    return (f"Workstream {n} of this plan link has the same name as workstream {first} (“{name}”), and a plan "
            "names each workstream once, so it was left out.")


def lost_note(count: int, which: str, one: bool) -> str:
    return (f"This plan link was damaged or cut off when it was copied: it holds {count} workstreams, and {which} "
            f"could not be read, so {'it is' if one else 'they are'} left out. Ask the person who sent it for "
            "the link again.")


PAYROLL, ROADMAP, CLAIMS = (Workstream("Payroll", {"kind": "business_process"}), Workstream("Roadmap", {"kind": "build"}),
                            Workstream("Claims", {"kind": "tech_service"}))
REPEAT = Workstream("PAYROLL", {"kind": "build"})


def test_a_p2_link_says_what_it_lost_before_naming_a_repeat_and_keeps_what_follows():
    """Workstream 2 repeats workstream 1's name and workstream 3 fails its check: the lost note
    comes first, the repeat note second, and workstream 4 still opens."""
    segments = encode_plan([PAYROLL, REPEAT, ROADMAP, CLAIMS]).split("*")
    segments[7] = segments[7].replace("k1", "k2", 1)   # workstream 3's answers: its check now fails
    found, notes = decode_plan("*".join(segments))
    assert found == [PAYROLL, CLAIMS]
    assert notes == [lost_note(4, "workstream 3", True), repeat_note(2, 1, "PAYROLL")]


def test_a_p2_link_with_a_damaged_end_says_so_before_naming_a_repeat():
    found, notes = decode_plan(encode_plan([PAYROLL, REPEAT, ROADMAP])[:-1])
    assert found == [PAYROLL, ROADMAP]
    assert notes == [END_DAMAGED, repeat_note(2, 1, "PAYROLL")]


def test_a_workstream_after_a_lost_one_in_a_p2_link_opens():
    segments = encode_plan([ROADMAP, PAYROLL]).split("*")
    segments[3] = segments[3].replace("k1", "k2", 1)
    assert decode_plan("*".join(segments)) == ([PAYROLL], [lost_note(2, "workstream 1", True)])


def p1(*pairs: tuple[str, str], cut: bool = False) -> str:
    return "*".join(["p1", *(part for pair in pairs for part in pair)] + (["k1"] if cut else []))


def test_a_p1_link_names_its_damaged_workstreams_where_the_first_was():
    """Workstream 1 is damaged, 3 repeats 2's name, 4 is damaged: one note for 1 and 4, first
    (where the first damage was), then the repeat, then the note that old links are unverified."""
    found, notes = decode_plan(p1(("%%", "k1"), (name_code("Payroll"), "k3"), (name_code("PAYROLL"), "k1"),
                                  (name_code("Claims"), "z9"), (name_code("Roadmap"), "k1")))
    assert found == [PAYROLL, ROADMAP]
    assert notes == ["Workstreams 1 and 4 of this plan link are damaged and were left out; the others are shown.",
                     repeat_note(3, 2, "PAYROLL"), UNVERIFIED]


def test_a_p1_link_cut_off_says_so_before_its_damaged_workstream():
    found, notes = decode_plan(p1((name_code("Payroll"), "k3"), (name_code("Roadmap"), "z9"), cut=True))
    assert found == [PAYROLL]
    assert notes == [P1_CUT, "Workstream 2 of this plan link is damaged and was left out; the others are shown.",
                     UNVERIFIED]


def test_a_p1_link_names_a_repeat_before_a_later_damaged_workstream():
    found, notes = decode_plan(p1((name_code("Payroll"), "k3"), (name_code("payroll"), "k1"), ("%%", "k1"),
                                  (name_code("Roadmap"), "k1")))
    assert found == [PAYROLL, ROADMAP]
    assert notes == [repeat_note(2, 1, "payroll"),
                     "Workstream 3 of this plan link is damaged and was left out; the others are shown.", UNVERIFIED]
