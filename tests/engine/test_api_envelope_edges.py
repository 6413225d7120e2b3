"""The API envelope at its edges, word for word: a request that is not an object, one nested
too deeply, the size limit at exactly MAX_REQUEST_BYTES, and non-ASCII text sent as itself.

Expected replies are written by hand from calculator/api.py.
"""

from __future__ import annotations

import json

import pytest

from calculator.api import MAX_REQUEST_BYTES, handle


@pytest.mark.parametrize("request_json, error", [
    # a JSON value that is not an object is a bad request, named as such
    ("[1, 2]", {"kind": "bad_request", "message": "the request must be a JSON object"}),
    ('"score"', {"kind": "bad_request", "message": "the request must be a JSON object"}),
    # deeper nesting than the parser can follow is bad JSON, said in the reader's terms
    ("[" * 50_000 + "]" * 50_000,
     {"kind": "bad_json", "message": "the request is nested too deeply"}),
])
def test_bad_request_messages(request_json, error):
    assert json.loads(handle(request_json)) == {"ok": False, "error": error}


def test_a_request_of_exactly_the_limit_is_read():
    """The limit is inclusive: a request of exactly MAX_REQUEST_BYTES bytes is parsed (here it
    then fails as an unknown op), one byte more is refused for its size."""
    base = '{"op": "x", "pad": ""}'
    exact = base.replace('""', '"' + "a" * (MAX_REQUEST_BYTES - len(base)) + '"')
    assert len(exact.encode("utf-8")) == MAX_REQUEST_BYTES
    assert json.loads(handle(exact))["error"]["message"].startswith("unknown op 'x'")
    over = exact.replace('"a', '"aa', 1)
    assert json.loads(handle(over))["error"] == {
        "kind": "bad_request", "message": "the request is larger than 100000 bytes"}


def test_non_ascii_text_in_a_reply_is_sent_as_itself():
    """A reply that encodes as UTF-8 is not escaped: an unknown field named 'é' shows as é."""
    text = handle('{"op": "score", "é": 1}')
    assert "'é'" in text and "\\u00e9" not in text
