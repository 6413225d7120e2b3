"""The provider evaluation everywhere the engine runs: the API op, the command line, the link
code (checked, versioned, exact), and the view built on the presentation layer."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.api import handle
from calculator.cli import main
from calculator.errors import CalculatorError
from calculator.present import from_json, to_html, to_text
from calculator.providers import evaluate
from calculator.share_providers import decode_evaluation, encode_evaluation

HOSTILE = '<img src=x onerror=alert(1)> **Acme** | "Ltd"'
EVALUATION = {
    "model": "managed_services", "fixed_on": "2026-12-01", "price_weight": 40,
    "criteria": [{"id": "processor_terms"}, {"id": "service_levels", "weight": 3}, {"id": "transition_plan", "weight": 1},
                 {"id": "own_tools", "label": "Works in our <ticket> tool", "kind": "pass_fail"}],
    "cost": {"general": {"currency": "£", "hour_cost": 55.5}},
    "providers": [
        {"name": HOSTILE, "scores": {"service_levels": 5, "transition_plan": 1},
         "passes": {"processor_terms": True, "own_tools": True}, "notes": {"service_levels": "Four SLAs; *credits* capped"},
         "price": {"fee_per_month": 1000.1, "governance_hours": 2.5}},
        {"name": "Beacon", "scores": {"service_levels": 3, "transition_plan": 5},
         "passes": {"processor_terms": True, "own_tools": True}, "price": {"fee_per_month": 800}},
        {"name": "Cobalt", "scores": {"service_levels": 4, "transition_plan": 4},
         "passes": {"processor_terms": True, "own_tools": False}, "price": {"fee_per_month": 700}},
    ],
}


def ask(request: dict) -> dict:
    return json.loads(handle(json.dumps(request)))


def test_the_api_op_gives_the_evaluation_its_view_memo_and_link() -> None:
    reply = ask({"op": "providers", "evaluation": EVALUATION, "site_url": "https://example.org/", "page": {"link_base": "/docs/"}})
    assert reply["ok"], reply
    assert [e["name"] for e in reply["evaluation"]["excluded"]] == ["Cobalt"]
    tree = from_json(reply["view"])
    page = to_html(tree)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="/docs/sources/#src-bid-evaluation-2021"' in page
    assert "Criteria and weights fixed on 2026-12-01" in to_text(tree)
    assert reply["memo"].startswith("# Provider evaluation")
    assert "&lt;img src=x onerror=alert(1)&gt; \\*\\*Acme\\*\\* &#124;" in reply["memo"]
    assert f"(https://example.org/compare-providers/?evaluation={reply['share']})" in reply["memo"]
    reopened = ask({"op": "providers", "share": reply["share"], "page": {"link_base": "/docs/"}})
    assert reopened["evaluation"] == reply["evaluation"] and reopened["view"] == reply["view"]
    assert ask({"op": "provider_criteria"})["provider_criteria"]["limits"]["providers"] == 8


def test_the_api_reports_bad_input_as_one_error_with_its_field() -> None:
    bad = json.loads(json.dumps(EVALUATION))
    bad["providers"][1]["scores"]["service_levels"] = 6
    error = ask({"op": "providers", "evaluation": bad})["error"]
    assert error["kind"] == "invalid_evaluation" and error["field"] == "providers[1].scores.service_levels"
    assert ask({"op": "providers", "evaluation": EVALUATION, "share": "e1.x"})["error"]["kind"] == "bad_request"
    error = ask({"op": "providers", "share": "e1.00000000eNoLAAA"})["error"]
    assert error["kind"] == "bad_share" and "damaged" in error["reader"]


def run_cli(args, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    import contextlib
    with contextlib.redirect_stderr(err):
        code = main(args, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_prints_text_markdown_and_json() -> None:
    code, text, _ = run_cli(["providers", "--format", "text"], json.dumps(EVALUATION))
    assert code == 0 and text.startswith("Beacon has the highest total") and "Link code: e1." in text
    share = text.rsplit("Link code: ", 1)[1].strip()
    code, markdown, _ = run_cli(["providers", "--share", share, "--format", "markdown", "--site-url", "https://x.org/"])
    assert code == 0 and "## Ranking" in markdown and "https://x.org/compare-providers/?evaluation=" in markdown
    code, out, _ = run_cli(["providers", "--evaluation", json.dumps(EVALUATION)])
    assert code == 0 and json.loads(out)["share"] == share


@pytest.mark.parametrize("args, stdin, words", [
    (["providers"], "{not json", "could not read the evaluation as JSON"),
    (["providers"], json.dumps({**EVALUATION, "price_weight": "forty"}), "the price weight must be a whole number"),
    (["providers", "--share", "e1.zzzzzzzzAAAA"], "", "evaluation link: the code does not decode"),
])
def test_bad_input_on_the_command_line_exits_2_with_one_line(args, stdin, words) -> None:
    code, out, err = run_cli(args, stdin)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err


def test_every_damaged_character_of_a_link_is_detected() -> None:
    code = encode_evaluation(EVALUATION)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for i in range(3, len(code)):
        other = alphabet[(alphabet.index(code[i]) + 7) % len(alphabet)] if code[i] in alphabet else "A"
        damaged = code[:i] + other + code[i + 1:]
        with pytest.raises(CalculatorError) as caught:
            decode_evaluation(damaged)
        assert caught.value.kind == "bad_share", damaged
    for cut in (1, 5, len(code) // 2):
        with pytest.raises(CalculatorError):
            decode_evaluation(code[:-cut])


def test_a_link_from_a_newer_version_says_so() -> None:
    with pytest.raises(CalculatorError) as caught:
        decode_evaluation("e7.0000000012345678")
    assert caught.value.reader == "This evaluation link was made by a newer version of the page (version 7)."


figures = st.one_of(st.integers(0, 10**6), st.floats(0, 10**6, allow_nan=False).map(lambda x: round(x, 2)),
                    st.decimals(0, 10**5, places=3).map(float))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(figures.filter(lambda x: x > 0), figures, st.integers(0, 5), st.text(max_size=30)),
                min_size=1, max_size=8),
       st.sampled_from([None, 12, 24, 36]), st.integers(0, 100))
def test_figures_survive_a_link_exactly(rows, horizon, price_weight) -> None:
    ev = {"model": "managed_services", "price_weight": price_weight,
          "criteria": [{"id": "service_levels", "weight": 2}, {"id": "exit_terms", "weight": 1}],
          "providers": [{"name": f"P{i} {note}".strip()[:60], "scores": {"service_levels": s, "exit_terms": 5 - s},
                         "notes": {"exit_terms": " ".join(note.split())} if note.strip() else {},
                         "price": {"fee_per_month": fee, "transition_fee": one_off}}
                        for i, (fee, one_off, s, note) in enumerate(rows)]}
    if horizon:
        ev["cost"] = {"general": {"horizon_months": horizon}}
    try:
        checked = evaluate(ev)
    except CalculatorError:
        return   # e.g. two names the same once trimmed: not a link anyone can make
    back = decode_evaluation(encode_evaluation(ev))
    assert back == checked["input"]
    assert evaluate(back) == checked
    for mine, theirs in zip(checked["input"]["providers"], back["providers"]):
        assert repr(mine["price"]["fee_per_month"]) == repr(theirs["price"]["fee_per_month"])
