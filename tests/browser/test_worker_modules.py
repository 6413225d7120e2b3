"""The two small modules the calculator's worker loads beside Pyodide, run in Chromium as the worker
runs them: calculator-snapshot.mjs, which packs the start-up snapshot for Cache Storage (its zero
pages left out) and must give back exactly what it was given or refuse with a reason; and
calculator-warmup.mjs, whose scores warm a fresh engine and must be requests the engine answers."""

from __future__ import annotations

import json

import pytest

from calculator import api
from tests.support.browser import SITE_MODULE

PAGE = "calculator/"

# Round trips through pack and unpack: lengths around the page size (4 KiB), all-zero memory,
# memory with no zero page, and pages used at their first, middle or last byte only.
ROUND_TRIPS = """async () => {
  const { pack, unpack, PAGE } = await (""" + SITE_MODULE + """)("calculator-snapshot.mjs");
  const cases = [];
  const filled = (n, at) => { const a = new Uint8Array(n); for (const i of at(n)) if (i >= 0 && i < n) a[i] = 0xA5; return a; };
  for (const n of [0, 1, 3, 4, 5, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE + 2, 10 * PAGE]) {
    cases.push(["zeros " + n, new Uint8Array(n)]);
    cases.push(["full " + n, new Uint8Array(n).fill(7)]);
    cases.push(["last byte " + n, filled(n, (m) => [m - 1])]);
    cases.push(["every third page, middle " + n, filled(n, (m) => Array.from({ length: Math.ceil(m / PAGE) }, (_, p) => p % 3 ? -1 : p * PAGE + 2049))]);
  }
  return cases.map(([name, data]) => {
    const body = pack(data);
    const back = unpack(body);
    const same = back.length === data.length && back.every((b, i) => b === data[i]);
    const pages = Math.ceil(data.length / PAGE);
    let used = 0;
    for (let p = 0; p < pages; p++) if (data.subarray(p * PAGE, (p + 1) * PAGE).some((b) => b !== 0)) used++;
    return { name, same, stored: body.length, length: data.length, used, pages };
  });
}"""


def test_a_packed_snapshot_unpacks_to_the_same_bytes_with_its_zero_pages_left_out(page, site_server):
    page.goto(site_server + PAGE)
    cases = page.evaluate(ROUND_TRIPS)
    assert len(cases) == 40
    for case in cases:
        assert case["same"], case
        header = 12 + (case["pages"] + 7) // 8
        # Only the used pages are stored (a page is 4,096 bytes; the last may be shorter).
        assert case["stored"] <= header + case["used"] * 4096, case
        if case["used"] == 0:
            assert case["stored"] == header, case


REFUSALS = """async () => {
  const { pack, unpack, sha256 } = await (""" + SITE_MODULE + """)("calculator-snapshot.mjs");
  const data = new Uint8Array(5 * 4096 + 10).map((_, i) => (i % 3 ? 0 : i & 255));
  const body = pack(data);
  const bad = {
    "empty": new Uint8Array(0),
    "wrong magic": Object.assign(body.slice(), { 0: 0x47 }),
    "page size changed": (() => { const b = body.slice(); new DataView(b.buffer).setUint32(8, 1024, true); return b; })(),
    "cut in the page map": body.slice(0, 12),
    "cut in a page": body.slice(0, body.length - 1),
    "bytes after the last page": (() => { const b = new Uint8Array(body.length + 3); b.set(body); return b; })(),
  };
  const out = {};
  for (const [name, b] of Object.entries(bad)) {
    try { unpack(b); out[name] = null; } catch (e) { out[name] = [e.constructor.name, e.message]; }
  }
  out.digest = await sha256(new TextEncoder().encode("abc"));
  return out;
}"""


def test_a_damaged_snapshot_body_is_refused_with_what_is_wrong(page, site_server):
    page.goto(site_server + PAGE)
    out = page.evaluate(REFUSALS)
    expected = {
        "empty": "shorter than its header",
        "wrong magic": 'starts with "GHS1", not "OHS1"',
        "page size changed": "page size is 1024, not 4096",
        "cut in the page map": "ends inside its page map",
        "cut in a page": "ends inside page 6 of 6",
        "bytes after the last page": "has 3 bytes after its last page",
    }
    for name, words in expected.items():
        assert out[name] is not None, f"{name}: accepted"
        kind, message = out[name]
        assert kind == "SnapshotFormatError" and words in message, (name, message)
    # The standard SHA-256 test vector (FIPS 180-2, "abc").
    assert out["digest"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_the_warm_up_scores_are_requests_the_engine_answers_across_its_verdicts(page, site_server):
    page.goto(site_server + PAGE)
    schema = json.loads(api.handle(json.dumps({"op": "questions"})))["questions"]
    requests = page.evaluate("""async (schema) => {
        const { warmUpRequests } = await (""" + SITE_MODULE + """)("calculator-warmup.mjs");
        return warmUpRequests(schema);
    }""", schema)
    assert len(requests) == 7
    replies = [json.loads(api.handle(request)) for request in requests]
    assert all(reply["ok"] for reply in replies), [r.get("error") for r in replies]
    # Then one of each request that reads a data file the scores do not (a restored worker answers
    # before its files are unpacked: tests/build/test_pyodide_parity.py's snapshot case).
    assert [json.loads(r)["op"] for r in requests[3:]] == ["card", "cost_inputs", "provider_criteria", "open_link"]
    assert replies[6]["link"]["version"] == 1, "the old link is read as a v1 link"
    requests, replies = requests[:3], replies[:3]
    questions = {q["id"] for q in schema["questions"]}
    assert all(set(json.loads(r)["answers"]) == questions for r in requests), "every question answered"
    # The rounds take different paths through the engine: a clear lead and a readiness gate, and
    # one lays out the memo too.
    assert {"clear", "not_ready"} <= {reply["view"]["verdict"] for reply in replies}
    assert [("memo" in reply) for reply in replies] == [True, False, False]
    assert all(reply["tree"]["result"] for reply in replies), "each is laid out for a page"


@pytest.mark.parametrize("schema", [None, {}, {"questions": []}])
def test_a_warm_up_on_a_schema_without_questions_still_asks_for_scores(page, site_server, schema):
    page.goto(site_server + PAGE)
    requests = page.evaluate("""async (schema) => {
        const { warmUpRequests } = await (""" + SITE_MODULE + """)("calculator-warmup.mjs");
        return warmUpRequests(schema);
    }""", schema)
    assert [json.loads(r).get("answers") for r in requests[:3]] == [{}, {}, {}]
    assert all(json.loads(api.handle(r))["ok"] for r in requests)


# warmUp with an engine that answers `ok` until its request number `fails` (from 1), then refuses
# with `message`: what the start is stopped with.
REFUSED = """async ([fails, message]) => {
    const { warmUp } = await (""" + SITE_MODULE + """)("calculator-warmup.mjs");
    let n = 0;
    const handle = () => JSON.stringify(++n < fails ? { ok: true } : { ok: false, error: { message } });
    try { warmUp(handle, { questions: [] }); return null; } catch (e) { return e.message; }
}"""


def test_a_warm_up_request_the_engine_refuses_stops_the_start_naming_it(page, site_server):
    page.goto(site_server + PAGE)
    assert page.evaluate(REFUSED, [2, "answers: unknown question 'x'"]) == \
        "the calculator failed its warm-up score 2: answers: unknown question 'x'"
    assert page.evaluate(REFUSED, [5, "cost_inputs.toml: not valid TOML"]) == \
        'the calculator failed its warm-up request "cost_inputs": cost_inputs.toml: not valid TOML'
