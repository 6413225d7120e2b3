// The calculator's page script. Loaded as a module on every page (mkdocs.yml extra_javascript);
// it does nothing on pages without a [data-calculator] element.
//
// The form and a result for the example answers are already in the page (rendered at build time
// by build/hooks.py), so the reader sees a real result at first paint. This script starts a
// module worker (calculator-worker.mjs) that loads Pyodide and the engine, but only after first
// paint and only once the calculator comes into view or the reader touches it, whichever is
// first. Each answer is then scored by the engine and the result rebuilt with textContent
// (never innerHTML with data), in the same markup as build/templates/result.html.
//
// Contract: root [data-calculator][data-state=loading|ready|error]; radios name=question id,
// value=option id; weight selects [data-weight=question id][data-default=its default weight]
// inside [data-calculator-weights] (a <details>); [data-calculator-result]
// [data-recommendation=<model id>|hybrid].

const WORKER_URL = new URL("./calculator-worker.mjs", import.meta.url);
const DEFAULT_TIMEOUT_MS = 30000;
const MAX_SHARE_PARAM = 300;   // longer than any real share string; longer values are not sent
const SHARE_PARAM = "answers";
const STEPS = {
  loadRuntime: "Loading the live calculator: Python (step 1 of 3)…",
  installCalculator: "Loading the live calculator: the scoring engine (step 2 of 3)…",
  ready: "The live calculator is ready: the result updates as you answer.",
};
const VERDICT_WORDS = {
  clear: "clear fit",
  leaning: "leaning",
  close_call: "close call",
  no_answers: "no answers yet",
};

// ---------------------------------------------------------------------------------------------
// The engine: one module worker per page (shared by every calculator on it), matched by id.
// ---------------------------------------------------------------------------------------------

class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;   // "unsupported" | "timeout" | "load"
  }
}

class Engine {
  constructor(indexURL, lockFileURL, stdLibURL) {
    this.indexURL = indexURL;
    this.lockFileURL = lockFileURL;
    this.stdLibURL = stdLibURL;
    this.worker = null;
    this.ready = null;        // promise of start-up
    this.pending = new Map(); // id -> {resolve, reject}
    this.nextId = 1;
    this.listeners = new Set();
    this.step = null;
    this.failStart = null;
    this.beat = null;
    this.bytes = 0;
  }

  onProgress(listener) {
    this.listeners.add(listener);
    if (this.step) listener(this.step);
  }

  // Start the worker. The timeout counts silence, not total time: every progress message from
  // the worker (a step, or data arriving on a download) restarts it, so a slow connection loads
  // while a hang (a wrong MIME type or a CSP gap makes loadPyodide wait for ever) is caught.
  start(timeoutMs) {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve, reject) => {
      let settled = false;
      let timer = null;
      const finish = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.failStart = null;
        this.beat = null;
        if (error) {
          this.stop();
          reject(error);
        } else {
          resolve();
        }
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new LoadError(
          "timeout", `it stopped making progress for ${Math.round(timeoutMs / 1000)} seconds`,
        )), timeoutMs);
      };
      this.failStart = (error) => finish(error);
      this.beat = arm;
      arm();
      try {
        this.worker = new Worker(WORKER_URL, { type: "module", name: "calculator" });
      } catch (error) {
        finish(new LoadError("load", `its worker could not start: ${error.message}`));
        return;
      }
      this.worker.addEventListener("message", (event) => this.receive(event.data));
      this.worker.addEventListener("error", (event) => {
        event.preventDefault();
        finish(new LoadError("load", event.message || "its worker script could not be loaded"));
      });
      this.send({
        type: "start", indexURL: this.indexURL, lockFileURL: this.lockFileURL, stdLibURL: this.stdLibURL,
      })
        .then(() => finish(null), (error) => finish(new LoadError("load", error.message)));
    });
    return this.ready;
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.step = null;
    for (const { reject } of this.pending.values()) reject(new Error("the calculator was stopped"));
    this.pending.clear();
  }

  send(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  receive(data) {
    if (!data || typeof data !== "object") return;
    if (data.type === "progress") {
      if (this.beat) this.beat();
      this.bytes = data.bytes;
      if (data.step === this.step) return;
      this.step = data.step;
      mark(`calculator:${data.step}`);
      for (const listener of this.listeners) listener(data.step);
      return;
    }
    if (data.type === "fatal") {
      console.warn("[calculator] worker error:", data.error && data.error.message);
      if (this.failStart) this.failStart(new LoadError("load", data.error.message));
      return;
    }
    const waiting = this.pending.get(data.id);
    if (!waiting) return;
    // How long Python took, for the benchmark (bench/calculator_load.py reads these marks).
    if (typeof data.ms === "number") performance.mark("calculator:engine-call", { detail: data.ms });
    this.pending.delete(data.id);
    if (data.ok) waiting.resolve(data.response);
    else waiting.reject(new Error(data.error ? data.error.message : "unknown error"));
  }

  async call(request) {
    await this.ready;
    return JSON.parse(await this.send({ type: "call", request: JSON.stringify(request) }));
  }
}

const engines = new Map();   // lockfile URL -> Engine (survives Material's instant navigation)

function engineFor(config) {
  const indexURL = new URL(`${config.base}/${config.runtime}`, document.baseURI).href;
  const lockFileURL = new URL(`${config.base}/${config.lockfile}`, document.baseURI).href;
  // The trimmed standard library (build/stdlib.py); without it Pyodide loads its full one.
  const stdLibURL = config.stdlib ? new URL(`${config.base}/${config.stdlib}`, document.baseURI).href : undefined;
  if (!engines.has(lockFileURL)) engines.set(lockFileURL, new Engine(indexURL, lockFileURL, stdLibURL));
  return engines.get(lockFileURL);
}

function supported() {
  return typeof WebAssembly === "object" && typeof Worker === "function"
    && typeof IntersectionObserver === "function";
}

function timeoutMs() {
  // Tests may shorten the timeout with an init script; readers always get the default.
  const override = Number(globalThis.OH_CALCULATOR_TIMEOUT_MS);
  return override > 0 ? override : DEFAULT_TIMEOUT_MS;
}

function mark(name) {
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}

// ---------------------------------------------------------------------------------------------
// Markup helpers: elements with text children only.
// ---------------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const fmt1 = (value) => Number(value).toFixed(1);
const percent = (share) => `${Math.floor(share * 100 + 0.5)}%`;

// ---------------------------------------------------------------------------------------------
// One calculator on the page.
// ---------------------------------------------------------------------------------------------

class Calculator {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.dataset.calculatorConfig || "{}");
    const q = (selector) => root.querySelector(selector);
    this.form = q("[data-calculator-form]");
    this.result = q("[data-calculator-result]");
    this.body = q("[data-calculator-body]");
    this.headline = q("[data-calculator-headline]");
    this.message = q("[data-calculator-message]");
    this.alert = q("[data-calculator-alert]");
    this.retryButton = q('[data-action="retry"]');
    this.copyStatus = q("[data-calculator-copy-status]");
    this.exampleNote = q("[data-calculator-example]");
    this.clearedNote = q("[data-calculator-cleared]");
    this.pageLink = q("[data-calculator-page-link]");
    this.stickyText = q("[data-calculator-sticky-text]");
    this.weightsBox = q("[data-calculator-weights]");
    this.uid = root.id;
    this.engine = engineFor(this.config);
    this.models = (this.config.models || []).map((m) => m.id);   // display order, as pre-rendered
    this.names = Object.fromEntries((this.config.models || []).map((m) => [m.id, m.name]));
    this.isExample = true;
    this.weightProblem = false;
    this.share = this.config.example ? this.config.example.share : "";
    this.memo = null;
    this.seq = 0;
    this.loading = false;
    this.fromLink = readShareParam();
  }

  init() {
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", () => this.answered());
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button && this.root.contains(button)) this.act(button.dataset.action);
    });
    // The first interaction starts loading, if scrolling has not already.
    const touch = () => this.startSoon();
    for (const type of ["pointerdown", "focusin", "keydown"]) {
      this.root.addEventListener(type, touch, { once: true, passive: true });
    }
    this.engine.onProgress((step) => {
      if (this.root.dataset.state === "loading" && this.loading) this.say(STEPS[step] || "");
    });
    if (this.fromLink) {
      // A shared link: the pre-rendered example is not what the link holds, so say so and load
      // at once (after first paint) instead of waiting for the calculator to come into view.
      this.setStale(true);
      this.hide(this.exampleNote);
      this.say("Opening the answers from your link…");
      this.startSoon();
      return;
    }
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.startSoon();
    }, { rootMargin: "200px 0px" });
    this.observer.observe(this.root);
  }

  // ----- loading -----------------------------------------------------------------------------

  startSoon() {
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.observer) this.observer.disconnect();
    // Never before first paint: a frame callback runs just before the next paint, and the
    // timeout it sets runs after it.
    requestAnimationFrame(() => setTimeout(() => this.load(), 0));
  }

  load() {
    if (this.loading) return;
    this.loading = true;
    this.setState("loading");
    this.retryButton.hidden = true;
    if (!supported()) {
      this.failed(new LoadError("unsupported", "this browser lacks WebAssembly or module workers"));
      return;
    }
    mark("calculator:load-start");
    this.say(STEPS[this.engine.step] || STEPS.loadRuntime);
    this.engine.start(timeoutMs()).then(() => this.ready(), (error) => this.failed(error));
  }

  async ready() {
    mark("calculator:ready");
    this.setState("ready");
    this.say(STEPS.ready);
    for (const b of this.root.querySelectorAll('[data-action^="copy-"]')) b.disabled = false;
    const link = this.fromLink;
    this.fromLink = null;
    if (link && link.share !== undefined) {
      const reply = await this.ask({ op: "score", share: link.share, site_url: this.siteUrl() });
      if (reply && reply.ok) {
        this.isExample = false;
        this.applyWeights(reply.result.weights || {});
        this.applyAnswers(reply.result.answers);
        this.show(reply);
        mark("calculator:first-answer");
        return;
      }
      if (reply) this.linkProblem(reply.error.message);
    } else if (link && link.error) {
      this.linkProblem(link.error);
    }
    await this.update();
    mark("calculator:first-answer");
  }

  failed(error) {
    this.loading = false;
    this.setState("error");
    const reason = error instanceof LoadError ? error.message : "a download failed";
    const mine = this.isExample ? "the example answers" : "the example answers, not yours";
    if (error && error.kind === "unsupported") {
      this.say(`This browser cannot run the live calculator (${reason}); the result shown is for ${mine}, and the guides work as usual.`);
    } else {
      console.warn("[calculator] could not load:", error && error.message);
      this.say(`The live calculator could not load (${reason}); the result shown is for ${mine}, and the guides work as usual.`);
      this.retryButton.hidden = false;
    }
    this.setStale(!this.isExample);
  }

  // ----- answers -----------------------------------------------------------------------------

  answered() {
    this.isExample = false;
    this.hide(this.exampleNote);
    this.hide(this.clearedNote);
    this.update();
  }

  readAnswers() {
    const answers = {};
    for (const input of this.form.querySelectorAll('input[type="radio"]:checked')) {
      answers[input.name] = input.value;
    }
    return answers;
  }

  weightSelects() {
    return this.form.querySelectorAll("select[data-weight]");
  }

  // Only the weights that differ from their defaults (the engine would drop the others anyway).
  readWeights() {
    const weights = {};
    for (const select of this.weightSelects()) {
      const value = Number(select.value);
      if (Number.isInteger(value) && select.value !== select.dataset.default) weights[select.dataset.weight] = value;
    }
    return weights;
  }

  // Set every select to the given weight or its default; open the section if any differs.
  applyWeights(weights) {
    let changed = false;
    for (const select of this.weightSelects()) {
      const given = weights[select.dataset.weight];
      select.value = given === undefined ? select.dataset.default : String(given);
      if (select.value !== select.dataset.default) changed = true;
    }
    if (changed && this.weightsBox) this.weightsBox.open = true;
  }

  applyAnswers(answers) {
    for (const input of this.form.querySelectorAll('input[type="radio"]')) {
      input.checked = answers[input.name] === input.value;
    }
    this.hide(this.exampleNote);
    this.hide(this.clearedNote);
  }

  async update() {
    if (this.root.dataset.state !== "ready") {
      this.setStale(true);
      if (this.root.dataset.state === "error") return;
      this.startSoon();
      return;
    }
    const weights = this.readWeights();
    const reply = await this.ask({
      op: "score", answers: this.readAnswers(), weights, site_url: this.siteUrl(),
    });
    if (!reply) return;
    if (reply.ok) {
      if (this.weightProblem) this.hide(this.alert);
      this.weightProblem = false;
      this.show(reply);
    } else {
      this.weightProblem = reply.error.kind === "invalid_weights";
      this.setStale(true);
      this.problem(`The calculator could not score these answers: ${reply.error.message}`);
    }
  }

  // Ask the engine; only the reply to the latest question is used (older ones are dropped).
  async ask(request) {
    const seq = ++this.seq;
    this.result.setAttribute("aria-busy", "true");
    try {
      const reply = await this.engine.call(request);
      return seq === this.seq ? reply : null;
    } catch (error) {
      if (seq === this.seq) this.problem(`The calculator stopped answering (${error.message}); reload the page to try again.`);
      return null;
    } finally {
      if (seq === this.seq) this.result.removeAttribute("aria-busy");
    }
  }

  siteUrl() {
    const url = this.config.siteUrl;
    return typeof url === "string" && /^(https?:\/\/|\/)/.test(url) ? url : "/";
  }

  // ----- rendering ---------------------------------------------------------------------------

  show(reply) {
    const r = reply.result;
    this.result.dataset.recommendation = r.close_call ? "hybrid" : r.recommendation;
    this.result.dataset.verdict = r.verdict;
    if (this.headline.textContent !== reply.headline) this.headline.textContent = reply.headline;
    if (this.stickyText) this.stickyText.textContent = reply.headline;
    this.body.replaceChildren(...this.renderBody(r));
    this.memo = reply.memo;
    this.share = r.share;
    this.setStale(false);
    if (!this.isExample) this.writeUrl(r.verdict === "no_answers" ? null : r.share);
    if (this.pageLink) {
      const link = new URL(this.pageLink.getAttribute("href"), location.href);
      if (this.isExample || r.verdict === "no_answers") link.searchParams.delete(SHARE_PARAM);
      else link.searchParams.set(SHARE_PARAM, r.share);
      this.pageLink.href = link.href;
    }
  }

  name(model) {
    return this.names[model] || model;
  }

  guideLink(guide) {
    const title = (this.config.guides && this.config.guides[guide.url]) || guide.anchor.replace(/-/g, " ");
    return h("a", { href: `${this.config.base}/${guide.url}` }, `Guide: ${title}`);
  }

  outcome(change) {
    if (change.verdict === "close_call") {
      return `a close call between ${change.headline.split("+").map((m) => this.name(m)).join(" and ")}`;
    }
    return `${this.name(change.recommendation)} (${VERDICT_WORDS[change.verdict]})`;
  }

  // The same markup as build/templates/result.html.
  renderBody(r) {
    const out = [];
    const sub = Number(this.headingLevel()) + 1;
    const section = (name, title, items, warn) => h("div",
      { class: warn ? "ohc-section ohc-section--warn" : "ohc-section", "data-section": name },
      h(`h${sub}`, { class: "ohc-subtitle" }, title),
      h("ul", null, items));
    if (r.combination) {
      const c = r.combination;
      out.push(h("div", { class: "ohc-combination", "data-section": "combination" },
        h("p", null, h("strong", null, `${c.label}.`), " ", c.text, " ", this.guideLink(c.guide))));
    }
    const top = r.verdict === "no_answers" ? [] : r.ranking.slice(0, r.close_call ? 2 : 1);
    out.push(h("div", { class: "ohc-scores", "data-section": "scores" },
      this.models.map((model) => {
        const id = `${this.uid}-score-${model}`;
        const value = r.scores[model];
        return h("div", { class: top.includes(model) ? "ohc-score ohc-score--top" : "ohc-score", "data-model": model },
          h("label", { class: "ohc-score__name", for: id }, this.name(model)),
          h("meter", { class: "ohc-score__bar", id, min: 0, max: 100, value }, `${fmt1(value)} of 100`),
          h("span", { class: "ohc-score__value" }, fmt1(value)));
      })));
    if (r.verdict !== "no_answers") {
      const c = r.confidence;
      const rob = r.what_would_change.robustness;
      out.push(h("p", { class: "ohc-confidence", "data-section": "confidence" },
        "Confidence: ", h("strong", null, c.level),
        `. ${c.answered} of ${c.total} questions answered; ${this.name(r.recommendation)} comes first in `
        + `${percent(rob.share)} of ${rob.samples} randomly varied weightings.`));
    }
    const changed = Object.keys(r.weights || {}).length;
    if (changed) {
      out.push(h("p", { class: "ohc-note", "data-section": "weights" },
        `This result uses changed weights for ${changed} ${changed === 1 ? "question" : "questions"}; see “Adjust how much each question counts” above the result.`));
    }
    const linked = (x) => h("li", null, x.text, " ", this.guideLink(x.guide));
    if (r.reasons.length) out.push(section("reasons", `What points to ${this.name(r.recommendation)}`, r.reasons.map(linked)));
    if (r.against.length) out.push(section("against", "What points away from it", r.against.map(linked)));
    if (r.warnings.length) out.push(section("warnings", "Answers that pull against each other", r.warnings.map(linked), true));
    if (r.guardrails.length) {
      out.push(section("guardrails", "Before you choose", r.guardrails.map((x) => h("li", null,
        h("strong", null, `${this.name(x.model)}:`), " ", x.text, " ", this.guideLink(x.guide))), true));
    }
    const changes = r.what_would_change.answer_changes.slice(0, this.config.maxChanges || 5);
    if (changes.length) {
      out.push(section("changes", "What would change the result", changes.map((x) => h("li", null,
        `${x.from === null || x.from === undefined ? "Answering" : "Changing"} “${x.prompt}” to “${x.to_label}”: ${this.outcome(x)}.`))));
    }
    return out;
  }

  headingLevel() {
    const title = this.result.querySelector(".ohc-title");
    return title ? title.tagName.slice(1) : "2";
  }

  // ----- actions -----------------------------------------------------------------------------

  act(action) {
    if (action === "retry") {
      this.engine.stop();
      this.hide(this.alert);
      this.load();
    } else if (action === "clear") {
      for (const input of this.form.querySelectorAll('input[type="radio"]')) input.checked = false;
      this.isExample = false;
      this.hide(this.exampleNote);
      this.clearedNote.hidden = false;
      const first = this.form.querySelector('input[type="radio"]');
      if (first) first.focus();
      this.update();
    } else if (action === "reset-weights") {
      this.applyWeights({});
      this.update();
    } else if (action === "copy-link") {
      const url = new URL(location.href);
      url.hash = "";
      if (this.share && this.share !== "v1") url.searchParams.set(SHARE_PARAM, this.share);
      else url.searchParams.delete(SHARE_PARAM);
      this.copy(url.href, "Link copied: it opens the calculator with these answers.");
    } else if (action === "copy-summary") {
      if (this.memo) this.copy(this.memo, "Summary copied, as Markdown.");
    } else if (action === "print") {
      window.print();
    }
  }

  async copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (permissions, older browser): the classic way, then give up.
      const area = h("textarea", { class: "ohc-offscreen", readonly: "", "aria-hidden": "true", tabindex: "-1" });
      area.value = text;
      this.root.append(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch { ok = false; }
      area.remove();
      if (!ok) {
        this.copyStatus.textContent = "Your browser did not allow copying; the link in the address bar holds your answers.";
        return;
      }
    }
    this.copyStatus.textContent = done;
  }

  // ----- state and messages ------------------------------------------------------------------

  setState(state) {
    this.root.dataset.state = state;
  }

  setStale(stale) {
    if (stale) this.result.dataset.stale = "";
    else delete this.result.dataset.stale;
  }

  say(text) {
    if (this.message.textContent !== text) this.message.textContent = text;
  }

  problem(text) {
    this.alert.textContent = text;
    this.alert.hidden = false;
  }

  linkProblem(message) {
    const detail = String(message).replace(/^share link:\s*/, "");
    this.problem(`The answers in this link could not be read (${detail}); showing the example answers instead, so change any answer to start your own.`);
    this.exampleNote.hidden = false;
    this.isExample = true;
  }

  hide(el) {
    if (el) el.hidden = true;
  }

  writeUrl(share) {
    const url = new URL(location.href);
    if (share) url.searchParams.set(SHARE_PARAM, share);
    else url.searchParams.delete(SHARE_PARAM);
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }
}

// The answers in the page's URL: null, {share}, or {error} for a link that cannot be sent as is.
function readShareParam() {
  const values = new URLSearchParams(location.search).getAll(SHARE_PARAM);
  if (values.length === 0) return null;
  if (values.length > 1) return { error: `it has ${values.length} “${SHARE_PARAM}” parts, and a calculator link has one` };
  if (values[0].length > MAX_SHARE_PARAM) return { error: `its answers are ${values[0].length} characters long, far longer than any calculator link` };
  return { share: values[0] };
}

// ---------------------------------------------------------------------------------------------
// Start-up: on Material's document$ (instant navigation) if present, else DOMContentLoaded.
// ---------------------------------------------------------------------------------------------

const started = new WeakSet();

function initAll() {
  for (const root of document.querySelectorAll("[data-calculator]")) {
    if (started.has(root)) continue;
    started.add(root);
    try {
      new Calculator(root).init();
    } catch (error) {
      root.dataset.state = "error";
      console.warn("[calculator] could not start:", error);
    }
  }
}

if (globalThis.document$ && typeof globalThis.document$.subscribe === "function") {
  globalThis.document$.subscribe(() => initAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", initAll, { once: true });
} else {
  initAll();
}
