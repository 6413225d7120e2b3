"""Hostile input for the engine: thousands of generated share strings, JSON requests and CLI runs.

Contract under test (issue 5): every input gives either a result or the engine's own clear error:
`calculator.CalculatorError` from `decode_share`, `{"ok": false, "error": {...}}` from
`calculator.api.handle`, exit status 2 with one `error: ...` line from the CLI. Anything else (a
TypeError, a KeyError, an `internal_error` reply, a crash) is a bug.

The engine is pure and fast, so each property runs thousands of examples; Hypothesis keeps the
failing ones in .hypothesis/ and replays them first.
"""

from __future__ import annotations

import contextlib
import io
import json
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import calculator
from calculator import CalculatorError, api, catalogue, decode_share, encode_share, open_link
from calculator import cli
from calculator.share_v1 import v1_table

# Cheap properties (the decoder, malformed requests) run 3000 examples each; properties that
# mostly end in a full score (1-2 ms each natively, most of it the robustness sampling) run 1000.
MANY = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CAT = catalogue()
QUESTIONS = {q.id: q for q in CAT.questions}
QUESTION_IDS = sorted(QUESTIONS)
OPTION_IDS = sorted({o.id for q in CAT.questions for o in q.options})
KEYS = "".join(q.key for q in CAT.questions)
QUESTION_IDS_IN_ORDER = [q.id for q in CAT.questions]

# --------------------------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------------------------

# Text that looks like a share string: mostly the share alphabet, with some hostile characters.
SHARE_ALPHABET = string.ascii_lowercase + string.digits + "vW"
HOSTILE = "<>\"'&;=%?#/\\ \t\n\x00\u202e\u0661\u00b2\ufeff\U0001f600"
share_like = st.builds(
    lambda prefix, body: prefix + body,
    st.sampled_from(["v2", "v2", "v1", "v1", "v", "v0", "v3", "v02", "V2", "", "2", "v٢"]),
    st.text(alphabet=st.sampled_from(SHARE_ALPHABET + HOSTILE), max_size=60),
)
# Well-formed pairs, including unknown keys and out-of-range digits, sometimes with a W section.
share_pairs = st.builds(
    lambda version, pairs, wpairs, with_w: version + "".join(pairs) + ("W" + "".join(wpairs) if with_w else ""),
    st.sampled_from(["v2", "v1"]),
    st.lists(st.builds(str.__add__, st.sampled_from(string.ascii_lowercase), st.sampled_from(string.digits)), max_size=16),
    st.lists(st.builds(str.__add__, st.sampled_from(string.ascii_lowercase), st.sampled_from(string.digits)), max_size=16),
    st.booleans(),
)
# Pairs made of real question and option keys, in any order, repeats allowed (a repeat is an error),
# in today's format (v2) and in the v1 format that old links use.
REAL_PAIRS = [q.key + o.key for q in CAT.questions for o in q.options]
V1_KEYS = v1_table()[0]
V1_PAIRS = [qk + ok for qk, (_, options) in V1_KEYS.items() for ok in options]
real_pairs = st.one_of(
    st.builds(
        lambda pairs, wpairs: "v2" + "".join(pairs) + ("W" + "".join(wpairs) if wpairs else ""),
        st.lists(st.sampled_from(REAL_PAIRS), max_size=len(KEYS)),
        st.lists(st.builds(str.__add__, st.sampled_from(KEYS), st.sampled_from("0123456")), max_size=4),
    ),
    st.builds(
        lambda pairs, wpairs: "v1" + "".join(pairs) + ("W" + "".join(wpairs) if wpairs else ""),
        st.lists(st.sampled_from(V1_PAIRS), max_size=len(V1_KEYS)),
        st.lists(st.builds(str.__add__, st.sampled_from("".join(V1_KEYS)), st.sampled_from("0123456")), max_size=4),
    ),
)
any_text = st.text(max_size=300)

@st.composite
def answers_and_weights(draw):
    """Answers (question id -> option id) and weight overrides (question id -> 0..5)."""
    ids = draw(st.lists(st.sampled_from(QUESTION_IDS), unique=True, max_size=len(QUESTION_IDS)))
    answers = {qid: draw(st.sampled_from([o.id for o in QUESTIONS[qid].options])) for qid in ids}
    wids = draw(st.lists(st.sampled_from(QUESTION_IDS), unique=True, max_size=len(QUESTION_IDS)))
    weights = {qid: draw(st.integers(0, 5)) for qid in wids}
    return answers, weights


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(QUESTION_IDS + OPTION_IDS + ["", "__proto__", "constructor", "<script>alert(1)</script>"]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=20), st.sampled_from(QUESTION_IDS)), children, max_size=5),
    ),
    max_leaves=20,
)
# An answers object: real question ids with real, wrong or odd option values, plus junk keys.
answers_like = st.dictionaries(
    st.one_of(st.sampled_from(QUESTION_IDS), st.text(max_size=20)),
    st.one_of(st.sampled_from(OPTION_IDS), json_values),
    max_size=8,
)
weights_like = st.one_of(
    st.none(),
    json_values,
    st.dictionaries(
        st.one_of(st.sampled_from(QUESTION_IDS), st.text(max_size=20)),
        st.one_of(st.integers(-3, 8), st.floats(allow_nan=True), st.booleans(), st.text(max_size=5), json_values),
        max_size=8,
    ),
)
score_requests = st.fixed_dictionaries(
    {"op": st.sampled_from(["score", "score", "score", "questions", "card", "Score", "", None])},
    optional={
        "answers": st.one_of(answers_like, json_values),
        "weights": weights_like,
        "share": st.one_of(share_like, share_pairs, json_values),
        "site_url": st.one_of(st.sampled_from(["/", "https://x.example/", "javascript:alert(1)"]), json_values),
        "extra": json_values,
    },
)


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def assert_clear_error(exc: CalculatorError, link: bool = False) -> None:
    """The engine's own error: a one-line, non-empty message and a kind; for a share link,
    also a one-line sentence for the reader."""
    assert type(exc) is CalculatorError
    assert isinstance(exc.message, str) and exc.message.strip(), "empty error message"
    assert "\n" not in exc.message, f"multi-line error message: {exc.message!r}"
    assert isinstance(exc.kind, str) and exc.kind and exc.kind != "internal_error"
    if link:
        assert exc.reader and "\n" not in exc.reader and exc.reader.endswith("."), exc


def assert_decoded(decoded) -> None:
    answers, weights = decoded.answers, decoded.weights
    assert decoded.version in (1, 2) and all(isinstance(n, str) and n for n in decoded.notes)
    assert isinstance(answers, dict) and isinstance(weights, dict)
    for qid, oid in answers.items():
        assert oid in {o.id for o in QUESTIONS[qid].options}
    for qid, w in weights.items():
        assert qid in QUESTIONS and type(w) is int and 0 <= w <= 5


def assert_reply(reply: str) -> dict:
    """`handle`'s reply: JSON with a result, or the engine's error (never an internal one)."""
    assert isinstance(reply, str)
    data = json.loads(reply)
    assert isinstance(data, dict) and data.get("ok") in (True, False)
    if data["ok"]:
        assert set(data) & {"result", "questions", "card"}
    else:
        error = data["error"]
        assert error["kind"] != "internal_error", f"engine bug: {error['message']}"
        assert isinstance(error["message"], str) and error["message"].strip()
        assert "\n" not in error["message"]
    return data


def decode_or_error(text):
    try:
        decoded = decode_share(text)
    except CalculatorError as exc:
        assert_clear_error(exc, link=True)
        return None
    assert_decoded(decoded)
    return decoded


# --------------------------------------------------------------------------------------------
# The share-string decoder
# --------------------------------------------------------------------------------------------

@MANY
@given(st.one_of(share_like, share_pairs, real_pairs, any_text))
@example("")
@example("v1")
@example("v2")
@example("v2" + "k1" * 5000)                      # oversized (~10 kB)
@example("v2k")                                   # truncated
@example("v2k1k2")                                # repeated question
@example("v1" + "k1" * 5000)
@example("v1k")                                   # truncated
@example("v1k1W")                                 # empty weights section
@example("v1k1WWr1")                              # two W markers
@example("v1k1k2")                                # repeated question
@example("v1z1")                                  # unknown question key
@example("v1k9")                                  # unknown option
@example("v1Wr9")                                 # weight out of range
@example("v99999999999999999999999999")          # huge version number
@example("v1k\u0661")                             # a non-ASCII digit
@example("<script>alert(1)</script>")
@example('"><img src=x onerror=alert(1)>')
def test_decode_share_gives_answers_or_a_clear_error(text):
    decode_or_error(text)


@settings(max_examples=300, deadline=None)
@given(json_values.filter(lambda v: not isinstance(v, str)))
@example(b"v1k1")
@example(["v1k1"])
def test_decode_share_rejects_non_text(value):
    with pytest.raises(CalculatorError) as info:
        decode_share(value)
    assert_clear_error(info.value)


@SOME
@given(answers_and_weights())
def test_share_round_trip(aw):
    answers, weights = aw
    text = encode_share(answers, weights)
    # safe in a URL without escaping: letters and digits, then '-' and the check (issue 19)
    assert text.isascii() and text.replace("-", "", 1).isalnum() and text[-5] == "-", text
    decoded = decode_share(text)
    assert (decoded.answers, decoded.weights) == (calculator.check_answers(answers), weights | {})
    assert list(decoded.weights) == [q for q in QUESTION_IDS_IN_ORDER if q in weights]


@SOME
@given(st.one_of(real_pairs, share_pairs))
def test_a_decoded_share_encodes_back_to_an_equivalent_one(text):
    decoded = decode_or_error(text)
    if decoded is not None:
        again = decode_share(encode_share(decoded.answers, decoded.weights))
        assert (again.answers, again.weights) == (decoded.answers, decoded.weights)


@SOME
@given(st.lists(st.one_of(share_like, real_pairs, any_text), max_size=4))
@example([])
@example(["v2d1", "v2d1"])
def test_open_link_reads_one_answers_part_or_explains_in_words(values):
    """Whatever a page address holds, the reader gets answers or one plain sentence."""
    try:
        assert_decoded(open_link(values))
    except CalculatorError as exc:
        assert_clear_error(exc, link=True)


# --------------------------------------------------------------------------------------------
# The JSON API the browser's worker calls
# --------------------------------------------------------------------------------------------

@SOME
@given(score_requests)
def test_handle_random_requests(request):
    try:
        request_json = json.dumps(request)          # NaN and Infinity pass through as in JS-less JSON
    except (ValueError, TypeError):
        return
    assert_reply(api.handle(request_json))


@SOME
@given(st.fixed_dictionaries({"op": st.just("score"), "answers": answers_like}, optional={"weights": weights_like}))
def test_handle_random_answers(request):
    data = assert_reply(api.handle(json.dumps(request)))
    if data["ok"]:
        # Only real question ids with real option ids (or null: unanswered) get a result.
        for qid, oid in request["answers"].items():
            assert qid in QUESTIONS and (oid is None or oid in {o.id for o in QUESTIONS[qid].options})


@MANY
@given(st.one_of(share_like, share_pairs, real_pairs))
def test_handle_share_requests(share):
    data = assert_reply(api.handle(json.dumps({"op": "score", "share": share})))
    assert data["ok"] == (decode_or_error(share) is not None)


@SOME
@given(json_values)
def test_handle_any_json_value(value):
    try:
        text = json.dumps(value)
    except (ValueError, TypeError):
        return
    assert_reply(api.handle(text))


@MANY
@given(st.one_of(any_text, st.text(alphabet='{}[]":,0123456789.eE-+ntrufalsNI\\ ', max_size=80)))
@example("")
@example("[" * 100_000)                  # deep nesting
@example('{"op": "score", "answers": ' + "[" * 5000 + "]" * 5000 + "}")
@example('{"op": "score", "answers": {"direction": "us", "direction": "provider"}}')
@example('{"op": "score", "weights": {"pricing": NaN}}')
@example('{"op": "score", "weights": {"pricing": 1e999}}')
@example('{"op": "score", "answers": {}, "weights": {"pricing": 12345678901234567890123456789}}')
@example('{"op": "score", "share": "' + "k1" * 60_000 + '"}')   # over the size limit
@example('{"op": "score", "answers": {"\\ud800": "us"}}')      # a lone surrogate
def test_handle_random_text(text):
    assert_reply(api.handle(text))


@pytest.mark.parametrize("value", [None, b'{"op": "questions"}', 42, ["op"], {"op": "score"}])
def test_handle_non_string_requests(value):
    data = assert_reply(api.handle(value))
    assert data["ok"] is False


# --------------------------------------------------------------------------------------------
# The CLI's score path (`python -m calculator score`), through its own function
# --------------------------------------------------------------------------------------------

def run_cli(argv, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = cli.main(argv, stdin=io.StringIO(stdin_text), stdout=out)
    assert status in (0, 2), status
    if status == 2:
        lines = err.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and len(lines[0]) > len("error: ")
        assert "Traceback" not in err.getvalue()
    else:
        assert out.getvalue().strip()
    return status


def _dumps(value) -> str:
    try:
        return json.dumps(value)
    except (ValueError, TypeError):
        return "{}"


@SOME
@given(
    st.one_of(answers_like.map(_dumps), json_values.map(_dumps), any_text),
    st.one_of(st.none(), weights_like.map(_dumps), any_text),
    st.sampled_from(["json", "text", "markdown"]),
    st.booleans(),
)
def test_cli_score_answers(answers, weights, fmt, via_stdin):
    # `--opt=value`, so a value starting with "-" is still that option's value.
    argv = ["score", f"--format={fmt}"]
    if weights is not None:
        argv.append(f"--weights={weights}")
    if via_stdin:
        run_cli(argv, answers)
    else:
        run_cli([*argv, f"--answers={answers}"])


@SOME
@given(st.one_of(share_like, share_pairs, real_pairs), st.sampled_from(["json", "text", "markdown"]))
def test_cli_score_share(share, fmt):
    status = run_cli(["score", f"--share={share}", f"--format={fmt}"])
    assert (status == 0) == (decode_or_error(share) is not None)


def test_engine_exports_its_error_type():
    assert calculator.CalculatorError is CalculatorError
    assert issubclass(CalculatorError, ValueError)
