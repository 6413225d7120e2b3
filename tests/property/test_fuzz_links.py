"""Every API op under damaged links and hostile values (issue 19): each request gets a reply or a
named error, never an internal error, and every reply is valid UTF-8 JSON whose messages are one
safe line. bench/fuzz_links.py runs the same requests by the tens of thousands."""

from __future__ import annotations

import json
import random
import unicodedata

import pytest

from calculator.api import handle

from tests.link_damage import OPS, hostile_request

PER_OP = 150
# Every kind of error the engine names (calculator/*.py); anything else is new and must be named here.
KINDS = {"bad_request", "bad_json", "bad_share", "bad_check", "bad_version", "too_long", "repeated",
         "unknown_question", "unknown_option", "invalid_answers", "invalid_weights", "invalid_cost",
         "invalid_plan", "bad_plan"}


def _one_safe_line(text: str) -> bool:
    return all(unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\u202a\u202b\u202c\u202d\u202e"
               for ch in text) and len(text) <= 1000


@pytest.mark.parametrize("op", OPS)
def test_every_op_answers_hostile_requests_with_a_reply_or_a_named_error(op):
    rng = random.Random(f"fuzz-links-{op}")
    seen = set()
    for _ in range(PER_OP):
        request = hostile_request(rng, op)
        text = handle(request)
        text.encode("utf-8")  # raises on a lone surrogate: the reply must be sendable as it is
        reply = json.loads(text)
        if reply["ok"]:
            seen.add("ok")
            continue
        error = reply["error"]
        seen.add(error["kind"])
        assert error["kind"] in KINDS, (request[:300], error)
        assert error["message"] and _one_safe_line(error["message"]), (request[:300], error)
        assert _one_safe_line(error.get("reader") or "")
        for problem in error.get("errors", []):
            assert set(problem) == {"field", "message"} and _one_safe_line(problem["message"])
    assert seen  # the op was exercised
    if op in ("score", "open_link", "plan", "cost"):
        assert "ok" in seen and len(seen) >= 2, seen  # both outcomes
