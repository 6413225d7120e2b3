// The calculator's page controller, started by site.mjs on pages with a [data-calculator] element.
//
// The form and a result for the example answers are already in the page (rendered at build
// time from the engine's own view), so the reader sees a real result at first paint. The engine
// starts (page-kit.mjs) only after first paint and only once the calculator comes into view or
// the reader touches it. Each change is sent to the engine, which lays out its views as element
// trees for this page (calculator/view_trees.py); the page mounts them (present.mjs).
// Everything the result says comes from the engine; the sentences below
// say what state the result is in, which only this page knows.
//
// Contract: root [data-calculator][data-state=loading|ready|error][data-result] (page-kit.mjs);
// radios name=question id, value=option id; weight selects [data-weight=question id]
// [data-default]; cost fields [data-cost-group][data-cost-input] inside [data-calculator-cost]
// (a <details>), each with an error slot #<field id>-error;
// [data-calculator-result][data-recommendation=<model id>|hybrid|none].

import { Engine, engineFor, mark } from "./calculator-client.mjs";
import { FirstTaps } from "./first-taps.mjs";
import {
  Foresight, Memo, PageKit, afterPaint, latestOnly, memoAddress, placeOf, showTree, startEach, stayOnPage, whenIdle,
} from "./page-kit.mjs";

const SHARE_PARAM = "answers";
const PLAN_ADD_PARAM = "add";
const COST_DELAY_MS = 300;   // typing figures: wait for a pause before asking the engine
// How many of the likeliest next changes are asked for once a reader's result is painted (page-
// kit's Foresight): the other answers to the question just changed and to the few after it. Each
// is a score in the worker, 6 to 30 ms of Python on our desktop (bench/calculator_load.py), so 12
// take 0.1 to 0.3 s of the worker's thread there, about four times that on a mid-range phone.
const GUESSES = 12;
// How long the answers stay as they are before the page asks for those guesses: a quick run of
// changes (arrow keys through a question's answers, a script) is not kept waiting behind guesses
// the worker would answer first.
const GUESS_AFTER_MS = 250;

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
    this.exampleNote = q("[data-calculator-example]");
    this.clearedNote = q("[data-calculator-cleared]");
    this.pageLinks = root.querySelectorAll("[data-calculator-page-link]");
    this.planLinks = root.querySelectorAll("[data-calculator-plan-link], [data-calculator-next-plan]");
    this.stickyText = q("[data-calculator-sticky-text]");
    this.weightsBox = q("[data-calculator-weights]");
    this.printMeta = q("[data-calculator-print-meta]");
    this.engine = engineFor(this.config);
    this.place = placeOf(root, this.config, this.result.querySelector(".ohc-title"));
    stayOnPage(this.result);
    this.isExample = true;
    this.share = this.config.example ? this.config.example.share : "";
    this.memo = new Memo(this.engine);
    this.kit = new PageKit(root, {
      engine: this.engine, label: "calculator", words: this.words(), onReady: () => this.ready(),
    });
    this.foresight = new Foresight(this.engine);
    this.ask = latestOnly(this.foresight, this.result, (error) => this.kit.stopped(error),
      () => this.kit.show("updating"));
    this.costTimer = null;
    this.changedField = null;    // the cost field the reader changed last
    this.goodFigures = null;     // the last figures the engine accepted (kept in the address)
    this.linkValues = PageKit.params(SHARE_PARAM);
    this.firstTaps = new FirstTaps(this.config);
    this.updates = 0;            // each update's number: only the latest paints
    this.lastQuestion = null;    // the question whose answer the reader changed last
    this.guessTimer = null;
  }

  // The page's sentences about the result's state (page-kit.mjs shows them).
  words() {
    const mine = () => (this.isExample ? "the example answers" : "the example answers, not yours");
    const now = {
      example: "The result is for the example answers.",
      stale: "The result shown does not follow your latest answers yet.",
      live: "The result follows your answers.",   // a first tap answered before Python runs
    };
    return {
      example: () => "The result is for the example answers: change any answer to make it yours.",
      live: () => "Live: the result follows your answers.",
      updating: () => "Updating the result…",
      stale: () => (this.kit.ready() ? now.stale : `${now.stale} It will follow your answers once the live calculator has started.`),
      failed: (reason) => `The live calculator could not load: ${reason}. The result shown is for ${mine()}; the guides work as usual.`,
      step: (step) => {
        const what = step === "installCalculator" ? "the scoring engine" : "Python";
        return `${now[this.root.dataset.result] || now.example} Starting the live calculator (loading ${what})…`;
      },
    };
  }

  init() {
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", (event) => this.answered(event.target));
    this.form.addEventListener("pointerdown", (event) => this.foresee(event.target), { passive: true });
    if (this.costBox) {
      const changed = (event) => this.figuresChanged(event.target);
      this.costBox.addEventListener("input", changed);
      this.costBox.addEventListener("change", changed);
      this.costBox.addEventListener("toggle", () => this.costToggled());
    }
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button && this.root.contains(button)) this.act(button.dataset.action);
    });
    addEventListener("beforeprint", () => this.kit.printMeta(this.printMeta, this.link(!this.isExample)));
    // The first interaction starts loading, if scrolling has not already, and fetches the
    // replies for the first tap (first-taps.mjs) while Python loads.
    const touch = () => {
      this.startSoon();
      if (!this.kit.ready() && !this.linkValues.length) this.firstTaps.load();
    };
    for (const type of ["pointerdown", "focusin", "keydown"]) {
      this.root.addEventListener(type, touch, { once: true, passive: true });
    }
    // Answers changed before this script ran (a tap while the page was still loading, or the
    // browser restoring the form on Back) are the reader's: the example result no longer fits.
    const early = [...this.form.querySelectorAll('input[type="radio"]')].some((r) => r.checked !== r.defaultChecked);
    if (early && !this.linkValues.length) {
      this.answered();
      return;
    }
    if (this.linkValues.length) {
      // A shared link: the pre-rendered example is not what the link holds, so say so and load
      // at once (after first paint) instead of waiting for the calculator to come into view.
      this.hide(this.exampleNote);
      this.kit.show("stale", "Opening the answers from your link…");
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
    afterPaint(() => this.kit.load());   // never before first paint
  }

  async ready() {
    mark("calculator:ready");
    const values = this.linkValues;
    this.linkValues = [];
    if (values.length) {
      const request = { op: "open_link", values, ...memoAddress(this.config), page: this.place, memo: false };
      const reply = await this.ask(request);
      if (reply && reply.ok) {
        this.isExample = false;
        this.applyWeights(reply.result.weights || {});
        this.applyAnswers(reply.result.answers);
        this.applyFigures(reply.cost ? reply.cost.inputs : null);
        if (reply.cost) this.goodFigures = reply.cost.inputs;
        this.paint(reply);
        this.memo.remember(request);
        mark("calculator:first-answer");
        this.guessSoon(this.updates);   // whoever opens a shared link may well change its answers
        return;
      }
      if (reply) this.linkProblem(reply.error);
    }
    await this.update();
    mark("calculator:first-answer");
  }

  // What the engine is asked for these answers and the form's weights and figures.
  scoreRequest(answers) {
    const request = {
      op: "score", answers, weights: this.readWeights(), ...memoAddress(this.config), page: this.place, memo: false,
    };
    if (this.costActive()) request.cost = this.readFigures();
    return request;
  }

  // A press on an answer not yet chosen: ask for the result it would give now (page-kit's
  // Foresight), so the result can follow as soon as the press ends and the answer changes.
  foresee(target) {
    if (!this.kit.ready() || !(target instanceof Element)) return;
    const label = target.closest("label");
    const input = target.matches('input[type="radio"]') ? target : label && label.control;
    if (!input || input.type !== "radio" || input.checked || input.form !== this.form) return;
    this.foresight.foresee(this.scoreRequest(this.readAnswers(input)));
  }

  // Guess the reader's next change, if the result painted by update number `mine` (or, for a
  // shared link's, the one before the first update) still stands GUESS_AFTER_MS later, once the
  // browser is idle.
  guessSoon(mine) {
    clearTimeout(this.guessTimer);
    this.guessTimer = setTimeout(() => whenIdle(() => {
      if (mine === this.updates) this.foresight.guess(this.nextRequests());
    }), GUESS_AFTER_MS);
  }

  // The requests for the changes a reader is likeliest to make next, best first: another answer
  // to the question changed last (comparing), then the answers to the questions after it, in the
  // form's order (reading on), wrapping round; from the first question when none has changed yet
  // (a shared link's answers); GUESSES of them.
  nextRequests() {
    const radios = [...this.form.querySelectorAll('input[type="radio"]')];
    const names = [...new Set(radios.map((input) => input.name))];
    const first = Math.max(0, names.indexOf(this.lastQuestion));
    const place = (input) => (names.indexOf(input.name) - first + names.length) % names.length;
    return radios.filter((input) => !input.checked)
      .sort((a, b) => place(a) - place(b))   // stable: each question's answers keep the form's order
      .slice(0, GUESSES)
      .map((input) => this.scoreRequest(this.readAnswers(input)));
  }

  // ----- reading and writing the form --------------------------------------------------------

  answered(input = null) {
    if (input && input.type === "radio") this.lastQuestion = input.name;
    this.isExample = false;
    this.hide(this.exampleNote);
    this.hide(this.clearedNote);
    this.kit.hideAlert("link");   // the reader's own answers replace whatever a bad link said
    this.update();
  }

  // The checked answers in the form's order; with `pressed`, as they will be once it is chosen.
  readAnswers(pressed = null) {
    const answers = {};
    for (const input of this.form.querySelectorAll('input[type="radio"]')) {
      if (pressed && input.name === pressed.name ? input === pressed : input.checked) answers[input.name] = input.value;
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
    if (this.kit.ready()) this.update();
    else this.startSoon();
  }

  figuresChanged(field) {
    if (this.costBox) this.costBox.dataset.source = "reader";
    if (field && field.matches && field.matches("[data-cost-input]")) this.changedField = field;
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

  // The engine names the wrong figure by its field ("group.input") and words the problem with the
  // field's label. A figure the reader has just emptied is where the problem is, even when the
  // engine names the figure that needs it: the message goes there.
  fieldError(error) {
    const [group, input] = String(error.field || "").split(".");
    let field = this.costBox && this.costBox.querySelector(`[data-cost-group="${CSS.escape(group)}"][data-cost-input="${CSS.escape(input || "")}"]`);
    const emptied = this.changedField;
    if (emptied && emptied !== field && emptied.value.trim() === "" && this.root.contains(emptied)) field = emptied;
    const slot = field && this.root.querySelector(`#${CSS.escape(field.id)}-error`);
    if (!field || !slot) return false;
    slot.textContent = error.detail || error.message;
    slot.hidden = false;
    field.setAttribute("aria-invalid", "true");
    return true;
  }

  // ----- asking the engine -------------------------------------------------------------------

  async update() {
    const mine = ++this.updates;
    if (!this.kit.ready()) {
      if (this.root.dataset.state === "error") {   // the failure stays said, with Retry
        this.kit.show("failed");
        return;
      }
      if (!this.isExample) this.kit.show("stale");
      this.startSoon();
      // The engine's reply made at build time, when this is the example with one answer changed
      // (not while a shared link waits to be opened: its answers replace the form's).
      if (this.linkValues.length) return;
      const request = this.scoreRequest(this.readAnswers());
      const reply = await this.firstTaps.reply(request);
      if (reply && mine === this.updates && !this.kit.ready()) {
        this.paint(reply);
        this.memo.remember(request);
      }
      return;
    }
    this.foresight.guess([]);   // the guesses not yet asked were for the answers before this change
    const request = this.scoreRequest(this.readAnswers());
    let reply = await this.ask(request);
    if (!reply) return;
    this.clearFieldErrors();
    let costError = false;
    if (!reply.ok && request.cost && reply.error.kind === "invalid_cost") {
      // A figure is wrong: say which, next to it, and keep the result (and the address) on the
      // last figures the engine accepted, so a reload brings back the reader's good figures.
      const shown = this.fieldError(reply.error);
      costError = true;
      if (this.costNote) {
        const fix = shown ? "Fix the figure marked in the cost part" : `${reply.error.message}.`;
        this.costNote.textContent = this.goodFigures
          ? `${fix}: the costs below are for your last good figures.` : `${fix} to see the costs.`;
        this.costNote.hidden = false;
      }
      if (this.goodFigures) request.cost = this.goodFigures;
      else delete request.cost;
      reply = await this.ask(request);
      if (!reply) return;
    } else if (reply.ok && request.cost) {
      this.goodFigures = request.cost;
    }
    if (reply.ok) {
      this.kit.hideAlert("engine");
      this.paint(reply, { costError });
      this.memo.remember(request);
      if (!this.isExample) this.guessSoon(mine);
    } else {
      this.kit.show("stale");
      this.kit.warn(`The calculator could not score these answers: ${reply.error.detail || reply.error.message}`, "engine");
    }
  }

  // ----- painting ----------------------------------------------------------------------------

  paint(reply, { costError = false } = {}) {
    const view = reply.view;
    this.result.dataset.recommendation = view.recommendation_attr;
    this.result.dataset.verdict = view.verdict;
    if (this.headline.textContent !== view.headline) this.headline.textContent = view.headline;
    if (this.stickyText) this.stickyText.textContent = view.headline;
    showTree(this.body, reply.tree.result);
    if (this.costResult) {
      if (reply.tree.cost) showTree(this.costResult, reply.tree.cost);
      else if (!costError) this.costResult.replaceChildren();
      if (this.costNote && !costError) this.hide(this.costNote);
      this.costResult.hidden = !this.costActive() || (!reply.cost_view && !costError);
    }
    this.share = reply.share;
    this.kit.show(this.isExample ? "example" : "live");
    const empty = view.state === "no_answers" && !reply.cost_view;
    const mine = !this.isExample && !empty;
    if (!this.isExample) PageKit.setAddress({ [SHARE_PARAM]: mine ? reply.share : null });
    for (const [links, param] of [[this.pageLinks, SHARE_PARAM], [this.planLinks, PLAN_ADD_PARAM]]) {
      for (const el of links) {
        const link = new URL(el.getAttribute("href"), location.href);
        if (mine) link.searchParams.set(param, reply.share);
        else link.searchParams.delete(param);
        el.href = link.href;
      }
    }
  }

  // The link that reopens these answers (or the bare page for the example).
  link(withShare = true) {
    return PageKit.address({ [SHARE_PARAM]: withShare ? this.share : null });
  }

  // ----- actions -----------------------------------------------------------------------------

  act(action) {
    if (action === "retry") {
      this.kit.retry();
    } else if (action === "clear") {
      for (const input of this.form.querySelectorAll('input[type="radio"]')) input.checked = false;
      this.isExample = false;
      this.hide(this.exampleNote);
      this.clearedNote.hidden = false;
      this.kit.hideAlert("link");
      const first = this.form.querySelector('input[type="radio"]');
      if (first) first.focus();
      this.update();
    } else if (action === "reset-weights") {
      this.applyWeights({});
      this.update();
    } else if (action === "clear-figures") {
      for (const field of this.costFields()) if (field.tagName !== "SELECT") field.value = "";
      this.figuresChanged(null);
    } else if (action === "copy-link") {
      this.kit.copy(this.link(), "Link copied: it opens the calculator with these answers.",
        "Your browser did not allow copying; the link in the address bar holds your answers.");
    } else if (action === "copy-summary") {
      this.kit.copy(this.memo.text(), "Summary copied, as Markdown.",
        "Your browser did not allow copying; use Print, or copy the link in the address bar.");
    } else if (action === "print") {
      this.kit.print(this.printMeta, this.link(!this.isExample));
    }
  }

  // ----- messages ----------------------------------------------------------------------------

  // The engine's sentence for the reader (what was wrong with the link), then what is shown. It
  // stays until the reader changes an answer.
  linkProblem(error) {
    const reason = error.reader || "This link's answers could not be read.";
    this.kit.warn(`${reason} Showing the example answers instead; change any answer to start your own.`, "link");
    this.exampleNote.hidden = false;
    this.isExample = true;
  }

  hide(el) {
    if (el) el.hidden = true;
  }
}

startEach("[data-calculator]", "calculator", (root) => new Calculator(root).init());

export { Calculator, Engine };
