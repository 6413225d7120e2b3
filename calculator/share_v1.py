"""Share links of format v1, read and carried over to today's questions.

v1 links were made until December 2026, with the questions of model_version 2026.11. Their
keys are frozen in share_v1.toml together with where each answer goes now. Reading one never
fails for a link v1 itself would have read: every v1 answer has a home today, and the answers
that read differently now come back with a note for the reader.

>>> shared = decode_v1("v1k1d1Wr0", 2)
>>> shared.answers, shared.weights, shared.version
({'kind': 'build', 'direction': 'us'}, {'pricing': 0}, 1)
>>> shared.notes[0].startswith("“Roles on our own team” is now")
True
"""

from __future__ import annotations

import functools

from ._datafile import read_toml
from .data import catalogue
from .errors import CalculatorError
from .share import KeyTable, Shared, parse_pairs

__all__ = ["decode_v1", "v1_table"]


@functools.cache
def v1_table() -> tuple[KeyTable, dict[str, str], dict[tuple[str, str], tuple[str, str | None]]]:
    """The v1 keys (question key -> v1 ids), v1 question -> today's question, and
    (v1 question, v1 option) -> (today's option, note). Checked against today's questions."""
    raw = read_toml("share_v1.toml")
    cat = catalogue()
    keys: dict[str, tuple[str, dict[str, str]]] = {}
    questions: dict[str, str] = {}
    options: dict[tuple[str, str], tuple[str, str | None]] = {}
    for table in raw["questions"]:
        now = cat.question(table["to"])  # fails loudly if today's questions lost it
        keys[table["key"]] = (table["id"], {o["key"]: o["id"] for o in table["options"]})
        questions[table["id"]] = now.id
        for o in table["options"]:
            target = now.option(o["to"])
            options[(table["id"], o["id"])] = (target.id, o.get("note"))
    if len(questions) != len(set(questions.values())):
        raise CalculatorError("share_v1.toml: two v1 questions map to the same question", kind="bad_data")
    return keys, questions, options


def decode_v1(text: str, pos: int) -> Shared:
    """Decode the body of a v1 link (after ``v1``) into today's answers, weights and notes."""
    keys, question_map, option_map = v1_table()
    old_answers, old_weights, _ = parse_pairs(text, pos, keys)
    answers: dict[str, str] = {}
    notes: list[str] = []
    for qid, oid in old_answers.items():
        target, note = option_map[(qid, oid)]
        answers[question_map[qid]] = target
        if note:
            notes.append(note)
    weights = {question_map[qid]: w for qid, w in old_weights.items()}
    order = [q.id for q in catalogue().questions]
    return Shared(
        answers={q: answers[q] for q in order if q in answers},
        weights={q: weights[q] for q in order if q in weights and weights[q] != catalogue().question(q).weight},
        version=1,
        notes=notes,
    )
