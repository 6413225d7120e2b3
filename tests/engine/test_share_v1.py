"""Every link shared before December 2026 (format v1) still opens, carried over with notes."""

import json
import pathlib

import pytest

from calculator import catalogue, decode_share, encode_share, open_link, score
from calculator.share import UNVERIFIED
from calculator.share_v1 import v1_table

CORPUS = json.loads((pathlib.Path(__file__).parents[1] / "data" / "share_v1_corpus.json").read_text())["codes"]


def test_the_corpus_covers_every_v1_option_and_weight():
    """The frozen corpus holds each v1 answer on its own, and each v1 question's weight."""
    keys, _, _ = v1_table()
    singles = {c["code"] for c in CORPUS}
    for qkey, (_, options) in keys.items():
        for okey in options:
            assert f"v1{qkey}{okey}" in singles
        assert any(f"W{qkey}" in c["code"] for c in CORPUS)


@pytest.mark.parametrize("entry", CORPUS, ids=[c["code"] or "empty" for c in CORPUS])
def test_every_v1_code_opens_with_its_frozen_answers_and_notes(entry):
    """Each v1 code opens with exactly the answers, weights and notes the corpus stores for it
    (`opens_today`, written by hand from the migration's meaning, not from share_v1.toml), and
    scores. A weight equal to today's default is not carried (it changes nothing)."""
    shared = open_link([entry["code"]])
    want = entry["opens_today"]
    assert shared.version == 1
    assert shared.answers == want["answers"]
    assert list(shared.answers) == [q.id for q in catalogue().questions if q.id in want["answers"]]
    assert shared.notes == want["notes"] + [UNVERIFIED]  # v1 links carry no check (issue 19)
    assert shared.weights == {q: w for q, w in want["weights"].items() if w != catalogue().question(q).weight}
    score(shared.answers, shared.weights)


def test_the_frozen_expectations_cover_every_note_and_every_renamed_answer():
    """The corpus's expectations include each of the four notes and each answer renamed today."""
    notes = {n for c in CORPUS for n in c["opens_today"]["notes"]}
    assert len(notes) == 4
    renamed = {(q, o) for c in CORPUS for q, o in c["opens_today"]["answers"].items()}
    assert {("kind", "build"), ("lead_capacity", "reviews"), ("integration", "alongside"),
            ("integration", "arms_length"), ("pricing", "per_unit")} <= renamed


def test_answers_that_read_differently_now_come_with_a_note():
    """'Roles on our own team' and 'per transaction, or linked to service levels' say what they became."""
    shared = decode_share("v1k1r3")
    assert shared.answers == {"kind": "build", "pricing": "per_unit"}
    assert len(shared.notes) == 3
    assert "who directs the work is asked on its own" in shared.notes[0]
    assert "Linked to service levels" in shared.notes[1]
    assert shared.notes[2] == UNVERIFIED  # v1 links carry no check (issue 19)
    assert decode_share("v1d1").notes == [UNVERIFIED]


@pytest.mark.parametrize("entry", CORPUS[:60], ids=[c["code"] or "empty" for c in CORPUS[:60]])
def test_a_migrated_link_round_trips_as_a_current_link(entry):
    """Decoding a v1 code and encoding the answers again gives a checked v3 code with the same answers."""
    shared = decode_share(entry["code"])
    again = decode_share(encode_share(shared.answers, shared.weights))
    assert (again.answers, again.weights, again.version, again.notes) == (shared.answers, shared.weights, 3, [])


def test_migrated_textbook_links_keep_their_recommendation_unless_it_is_now_gated():
    """The v1 scenarios that were clear fits for a model still recommend that model, except
    where a readiness gate now stops that model (v1 recommended it despite its own caution)."""
    kept = [c for c in CORPUS if c["why"].startswith("v1 scenario") and c["v1_verdict"] == "clear"]
    assert len(kept) >= 8
    changed = []
    for entry in kept:
        now = score(decode_share(entry["code"]).answers)
        gated = {g["model"] for g in now.gates}
        if now.recommendation != entry["v1_recommendation"] and entry["v1_recommendation"] not in gated:
            changed.append((entry["code"], entry["v1_recommendation"], now.state, now.recommendation))
    assert not changed, changed


def test_the_v1_reader_says_its_links_are_version_1():
    """decode_v1 on its own (as its docstring shows) marks what it read as a version 1 link, the
    version that tells the page a link was made by the previous model."""
    from calculator.share_v1 import decode_v1

    shared = decode_v1("v1k1d1Wr0", 2)
    assert shared.version == 1
    assert (shared.answers, shared.weights) == ({"kind": "build", "direction": "us"}, {"pricing": 0})


def test_a_v1_link_carries_no_cost_figures():
    """v1 links had no cost part: what they open with has an empty set of figures (a dict, as
    for every other link), ready for the cost comparison and for writing a v3 link."""
    shared = decode_share("v1k1d1Wr0")
    assert shared.cost == {} and isinstance(shared.cost, dict)
    assert encode_share(shared.answers, shared.weights, shared.cost) == encode_share(shared.answers, shared.weights)


def test_a_v2_link_keeps_its_weights():
    """v2 links (no check) carry weights as v3 does: 'v2d1Wd1r0' sets direction to 1 and pricing
    to 0, and opens as version 2 with the unverified note."""
    shared = decode_share("v2d1Wd1r0")
    assert (shared.answers, shared.weights, shared.version) == ({"direction": "us"}, {"direction": 1, "pricing": 0}, 2)
    assert shared.notes == [UNVERIFIED] and shared.cost == {}
