// The requests a freshly started engine answers before the reader's first (issue 23).
//
// Python's first score after a start took five to seven times as long as the next ones (34 ms
// against 4 to 7 in Node.js on the desktop): the browser compiles each of the interpreter's
// WebAssembly functions only when it is first called (and the hot ones again, optimised), and
// Python specialises its byte code as it runs it. So after the engine's first request the worker
// (calculator-worker.mjs) runs a few scores of answers nobody gave, each question's first, second
// and third option in turn, laid out for a page and one with its memo, and only then takes the
// start-up snapshot: the reader's first answer does not pay for those first runs, and a visit
// restored from the snapshot starts with Python's byte code specialised. They say nothing about
// the reader; the snapshot's random state is reseeded when it is restored.
//
// Then it asks once for each thing the engine reads from a data file of its package only when
// first asked (questions.toml is read by the worker's first request): the model card, the cost
// inputs (cost_inputs.toml), the provider criteria (provider_criteria.toml) and a link from
// before December 2026 (share_v1.toml, and the module that reads it). An interpreter restored
// from the snapshot then holds all of it and answers before the wheel's files are unpacked again,
// which the worker does once the reader's first answers are out.
//
// tests/node/run_engine.mjs --snapshot runs the same ones, so the parity tests answer from an
// interpreter prepared as the worker's is; it never unpacks the files after restoring it, so
// tests/build/test_pyodide_parity.py shows that no kind of request needs them.

const PLACE = { uid: "ohc-warm-up", heading: 2, link_base: "/", guides: {} };
const ROUNDS = 3;
// The README's example of a link from before December 2026 (v1: the kind of work, who directs).
const OLD_LINK = "v1k1d1";
const READS = [
  { op: "card" },
  { op: "cost_inputs" },
  { op: "provider_criteria" },
  { op: "open_link", values: [OLD_LINK], memo: false },
];

// `schema`: the engine's questions reply (`questions` of {"op": "questions"}). Request strings
// for calculator.api.handle: the scores, then the requests that read the other data files.
export function warmUpRequests(schema) {
  const questions = schema && Array.isArray(schema.questions) ? schema.questions : [];
  const requests = [];
  for (let round = 0; round < ROUNDS; round++) {
    const answers = {};
    for (const question of questions) {
      const options = question.options || [];
      if (options.length) answers[question.id] = options[round % options.length].id;
    }
    requests.push(JSON.stringify({ op: "score", answers, page: PLACE, memo: round === 0 }));
  }
  return [...requests, ...READS.map((request) => JSON.stringify(request))];
}

// Run them through `handle` (calculator.api.handle); a reply that is not ok is the engine failing
// a request it must answer, and is thrown as an Error naming the request.
export function warmUp(handle, schema) {
  warmUpRequests(schema).forEach((request, i) => {
    const reply = JSON.parse(handle(request));
    if (!reply.ok) {
      const what = i < ROUNDS ? `score ${i + 1}` : `request ${JSON.stringify(JSON.parse(request).op)}`;
      throw new Error(`the calculator failed its warm-up ${what}: ${reply.error && reply.error.message}`);
    }
  });
}
