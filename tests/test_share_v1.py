"""Every link shared before December 2026 (format v1) still opens, carried over with notes."""

import json
import pathlib

import pytest

from calculator import decode_share, encode_share, open_link, score
from calculator.share import UNVERIFIED
from calculator.share_v1 import v1_table

CORPUS = json.loads((pathlib.Path(__file__).parent / "data" / "share_v1_corpus.json").read_text())["codes"]


def test_the_corpus_covers_every_v1_option_and_weight():
    """The frozen corpus holds each v1 answer on its own, and each v1 question's weight."""
    keys, _, _ = v1_table()
    singles = {c["code"] for c in CORPUS}
    for qkey, (_, options) in keys.items():
        for okey in options:
            assert f"v1{qkey}{okey}" in singles
        assert any(f"W{qkey}" in c["code"] for c in CORPUS)


@pytest.mark.parametrize("entry", CORPUS, ids=[c["code"] or "empty" for c in CORPUS])
def test_every_v1_code_opens_and_keeps_its_answers(entry):
    """Each v1 code decodes without error into today's questions: every answer it held is
    still answered (one today's question per v1 question), and it scores."""
    shared = open_link([entry["code"]])
    _, question_map, option_map = v1_table()
    assert shared.version == 1
    assert set(shared.answers) == {question_map[q] for q in entry["answers"]}
    for qid, oid in entry["answers"].items():
        assert shared.answers[question_map[qid]] == option_map[(qid, oid)][0]
    assert set(shared.weights) <= {question_map[q] for q in entry["weights"]}
    score(shared.answers, shared.weights)


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
