// The calculator's page controller. Loaded as a module on every page (mkdocs.yml extra_javascript);
// it does nothing on pages without a [data-calculator] element.
//
// The form and a result for the example answers are already in the page (rendered at build
// time from the engine's own view), so the reader sees a real result at first paint. This script
// starts the engine's worker (calculator-client.mjs) only after first paint and only once the
// calculator comes into view or the reader touches it. Each change is sent to the engine, and
// its display-ready view is painted (calculator-paint.mjs). Everything the result says comes
// from the engine; the messages below are about loading and copying, which only this page does.
//
// Contract: root [data-calculator][data-state=loading|ready|error]; radios name=question id,
// value=option id; weight selects [data-weight=question id][data-default]; cost fields
// [data-cost-group][data-cost-input] inside [data-calculator-cost] (a <details>);
// [data-calculator-result][data-recommendation=<model id>|hybrid|none].

import { Engine, LoadError, engineFor, latestOnly, mark, printOnly, siteRoot, siteUrlOf, startEach, supported } from "./calculator-client.mjs";
import { Links, paintCost, paintResult } from "./calculator-paint.mjs";

const SHARE_PARAM = "answers";
const COST_DELAY_MS = 300;   // typing figures: wait for a pause before asking the engine
const STEPS = {
  loadRuntime: "Loading the live calculator: Python (step 1 of 3)…",
  installCalculator: "Loading the live calculator: the scoring engine (step 2 of 3)…",
  ready: "The live calculator is ready: the result updates as you answer.",
};

class Calculator {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.dataset.calculatorConfig || "{}");
    const q = (selector) => root.querySelector(selector);
    this.form = q("[data-calculator-form]");
    this.result = q("[data-calculator-result]");
    this.body = q("[data-calculator-body]");
    this.costBox = q("[data-calculator-cost]");
    this.costResult = q("[data-calculator-cost-result]");
    this.costNote = q("[data-calculator-cost-note]");
    this.headline = q("[data-calculator-headline]");
    this.message = q("[data-calculator-message]");
    this.alert = q("[data-calculator-alert]");
    this.retryButton = q('[data-action="retry"]');
    this.copyStatus = q("[data-calculator-copy-status]");
    this.exampleNote = q("[data-calculator-example]");
    this.clearedNote = q("[data-calculator-cleared]");
    this.pageLink = q("[data-calculator-page-link]");
    this.planLink = q("[data-calculator-plan-link]");
    this.stickyText = q("[data-calculator-sticky-text]");
    this.weightsBox = q("[data-calculator-weights]");
    this.printMeta = q("[data-calculator-print-meta]");
    this.uid = root.id;
    this.engine = engineFor(this.config);
    this.links = new Links(siteRoot().pathname, location.pathname, this.config.guides);
    this.isExample = true;
    this.share = this.config.example ? this.config.example.share : "";
    this.memo = null;
    this.ask = latestOnly(this.engine, this.result, (error) =>
      this.problem(`The calculator stopped answering (${error.message}); reload the page to try again.`));
    this.loading = false;
    this.costTimer = null;
    this.linkValues = new URLSearchParams(location.search).getAll(SHARE_PARAM);
  }

  init() {
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", () => this.answered());
    if (this.costBox) {
      this.costBox.addEventListener("input", () => this.figuresChanged());
      this.costBox.addEventListener("change", () => this.figuresChanged());
      this.costBox.addEventListener("toggle", () => this.costToggled());
    }
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button && this.root.contains(button)) this.act(button.dataset.action);
    });
    addEventListener("beforeprint", () => this.fillPrintMeta());
    // The first interaction starts loading, if scrolling has not already.
    const touch = () => this.startSoon();
    for (const type of ["pointerdown", "focusin", "keydown"]) {
      this.root.addEventListener(type, touch, { once: true, passive: true });
    }
    this.engine.onProgress((step) => {
      if (this.root.dataset.state === "loading" && this.loading) this.say(STEPS[step] || "");
    });
    if (this.linkValues.length) {
      // A shared link: the pre-rendered example is not what the link holds, so say so and load
      // at once (after first paint) instead of waiting for the calculator to come into view.
      this.setStale(true);
      this.hide(this.exampleNote);
      this.say("Opening the answers from your link…");
      this.startSoon();
      return;
    }
    if (typeof IntersectionObserver !== "function") {
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
    this.engine.start().then(() => this.ready(), (error) => this.failed(error));
  }

  async ready() {
    mark("calculator:ready");
    this.setState("ready");
    this.say(STEPS.ready);
    for (const b of this.root.querySelectorAll('[data-action^="copy-"]')) b.disabled = false;
    const values = this.linkValues;
    this.linkValues = [];
    if (values.length) {
      const reply = await this.ask({ op: "open_link", values, site_url: siteUrlOf(this.config) });
      if (reply && reply.ok) {
        this.isExample = false;
        this.applyWeights(reply.result.weights || {});
        this.applyAnswers(reply.result.answers);
        this.applyFigures(reply.cost ? reply.cost.inputs : null);
        this.paint(reply);
        mark("calculator:first-answer");
        return;
      }
      if (reply) this.linkProblem(reply.error);
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

  // ----- reading and writing the form --------------------------------------------------------

  answered() {
    this.isExample = false;
    this.hide(this.exampleNote);
    this.hide(this.clearedNote);
    this.alertKind = null;   // the reader's own answers replace whatever a bad link said
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

  costFields() {
    return this.costBox ? this.costBox.querySelectorAll("[data-cost-input]") : [];
  }

  // The figures in the cost part, as the engine takes them: numbers, a choice, or nothing. A
  // field the browser cannot read as a number is sent as its text, so the engine names it.
  readFigures() {
    const figures = {};
    for (const field of this.costFields()) {
      const raw = field.value.trim();
      let value;
      if (field.tagName === "SELECT") {
        value = field.dataset.numeric === "true" ? Number(raw) : raw;
      } else if (field.validity && field.validity.badInput) {
        value = field.value || "not a number";
      } else if (raw === "") {
        continue;
      } else {
        value = Number(raw);
        if (!Number.isFinite(value)) value = raw;
      }
      (figures[field.dataset.costGroup] ||= {})[field.dataset.costInput] = value;
    }
    return figures;
  }

  applyFigures(inputs) {
    if (!inputs) return;
    for (const field of this.costFields()) {
      const value = (inputs[field.dataset.costGroup] || {})[field.dataset.costInput];
      field.value = value === undefined || value === null ? (field.tagName === "SELECT" ? field.value : "") : String(value);
    }
    if (this.costBox && Object.keys(inputs).length) {
      this.costBox.dataset.source = "reader";
      this.costBox.open = true;
    }
  }

  // The cost part counts once it is open (its fields start with the guide's example figures).
  costActive() {
    return Boolean(this.costBox && this.costBox.open);
  }

  costToggled() {
    if (this.costResult) this.costResult.hidden = !this.costActive();
    if (this.root.dataset.state === "ready") this.update();
    else this.startSoon();
  }

  figuresChanged() {
    if (this.costBox) this.costBox.dataset.source = "reader";
    this.isExample = false;
    clearTimeout(this.costTimer);
    this.costTimer = setTimeout(() => this.update(), COST_DELAY_MS);
  }

  clearFieldErrors() {
    for (const el of this.root.querySelectorAll("[data-cost-error]")) {
      el.textContent = "";
      el.hidden = true;
    }
    for (const field of this.costFields()) field.removeAttribute("aria-invalid");
  }

  fieldError(error) {
    const [group, input] = String(error.field || "").split(".");
    const field = this.costBox && this.costBox.querySelector(`[data-cost-group="${CSS.escape(group)}"][data-cost-input="${CSS.escape(input || "")}"]`);
    const slot = field && this.root.querySelector(`#${CSS.escape(field.id)}-error`);
    if (!field || !slot) return false;
    slot.textContent = error.message.replace(/^[a-z_]+\.[a-z_]+: /, "");
    slot.hidden = false;
    field.setAttribute("aria-invalid", "true");
    return true;
  }

  // ----- asking the engine -------------------------------------------------------------------

  async update() {
    if (this.root.dataset.state !== "ready") {
      this.setStale(true);
      if (this.root.dataset.state === "error") return;
      this.startSoon();
      return;
    }
    const request = { op: "score", answers: this.readAnswers(), weights: this.readWeights(), site_url: siteUrlOf(this.config) };
    if (this.costActive()) request.cost = this.readFigures();
    let reply = await this.ask(request);
    if (!reply) return;
    this.clearFieldErrors();
    if (!reply.ok && request.cost && reply.error.kind === "invalid_cost") {
      // A figure is wrong: say which, next to it, and keep the fit live without the figures.
      const shown = this.fieldError(reply.error);
      if (this.costNote) {
        this.costNote.textContent = shown ? "Fix the figure marked above to see the costs." : reply.error.message;
        this.costNote.hidden = false;
      }
      delete request.cost;
      reply = await this.ask(request);
      if (!reply) return;
      if (reply.ok) {
        this.paint(reply, { costError: true });
        return;
      }
    }
    if (reply.ok) {
      if (this.alertKind !== "link") this.hide(this.alert);
      this.paint(reply);
    } else {
      this.setStale(true);
      this.problem(`The calculator could not score these answers: ${reply.error.message}`);
    }
  }


  // ----- painting ----------------------------------------------------------------------------

  headingLevel() {
    const title = this.result.querySelector(".ohc-title");
    return title ? Number(title.tagName.slice(1)) : 2;
  }

  paint(reply, { costError = false } = {}) {
    const view = reply.view;
    this.result.dataset.recommendation = view.recommendation_attr;
    this.result.dataset.verdict = view.verdict;
    if (this.headline.textContent !== view.headline) this.headline.textContent = view.headline;
    if (this.stickyText) this.stickyText.textContent = view.headline;
    const options = { uid: this.uid, level: this.headingLevel(), links: this.links };
    this.body.replaceChildren(...paintResult(view, options));
    if (this.costResult) {
      if (reply.cost_view) {
        this.costResult.replaceChildren(...paintCost(reply.cost_view, options));
        if (this.costNote) this.hide(this.costNote);
      } else if (!costError) {
        this.costResult.replaceChildren();
        if (this.costNote) this.hide(this.costNote);
      }
      this.costResult.hidden = !this.costActive() || (!reply.cost_view && !costError);
    }
    this.memo = reply.memo;
    this.share = reply.share;
    this.setStale(false);
    const empty = view.state === "no_answers" && !reply.cost_view;
    if (!this.isExample) this.writeUrl(empty ? null : reply.share);
    for (const [el, base] of [[this.pageLink, null], [this.planLink, "add"]]) {
      if (!el) continue;
      const link = new URL(el.getAttribute("href"), location.href);
      const param = base || SHARE_PARAM;
      if (this.isExample || empty) link.searchParams.delete(param);
      else link.searchParams.set(param, reply.share);
      el.href = link.href;
    }
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
    } else if (action === "clear-figures") {
      for (const field of this.costFields()) if (field.tagName !== "SELECT") field.value = "";
      this.figuresChanged();
    } else if (action === "copy-link") {
      const url = new URL(location.href);
      url.hash = "";
      if (this.share) url.searchParams.set(SHARE_PARAM, this.share);
      this.copy(url.href, "Link copied: it opens the calculator with these answers.");
    } else if (action === "copy-summary") {
      if (this.memo) this.copy(this.memo, "Summary copied, as Markdown.");
    } else if (action === "print") {
      this.fillPrintMeta();
      printOnly();
    }
  }

  // What a printed copy needs to be traced back: the date and the link to these answers.
  fillPrintMeta() {
    if (!this.printMeta) return;
    const url = new URL(location.href);
    url.hash = "";
    if (this.share && !this.isExample) url.searchParams.set(SHARE_PARAM, this.share);
    const date = new Date().toISOString().slice(0, 10);
    this.printMeta.textContent = `Printed ${date} from ${url.href}`;
  }

  async copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (permissions, older browser): the classic way, then give up.
      const area = document.createElement("textarea");
      area.className = "ohc-offscreen";
      area.readOnly = true;
      area.setAttribute("aria-hidden", "true");
      area.tabIndex = -1;
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

  // The engine's sentence for the reader (what was wrong with the link), then what is shown.
  linkProblem(error) {
    const reason = error.reader || "This link's answers could not be read.";
    this.problem(`${reason} Showing the example answers instead; change any answer to start your own.`);
    this.alertKind = "link";
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

// ---------------------------------------------------------------------------------------------
// Start-up: on Material's document$ (instant navigation) if present, else DOMContentLoaded.
// ---------------------------------------------------------------------------------------------

startEach("[data-calculator]", "calculator", (root) => new Calculator(root).init());

export { Calculator, Engine };
