// The plan page's controller: up to eight named workstreams, each answered with the calculator's
// questions, planned by the engine in the same worker the calculator uses.
//
// The page holds the cards for the example plan and a result painted from the engine's plan view
// at build time; this script starts the engine after first paint, keeps the plan in the page
// address (?plan=), and can keep plans in this browser's local storage (never sent anywhere).
// Workstream names are the reader's text: they only ever go into input values and textContent.
//
// Contract: root [data-plan][data-state]; cards li[data-stream] inside [data-plan-streams], each
// with input[data-stream-name], select[data-stream-copy], select[data-question=<question id>];
// a <template data-plan-template> for new cards (ids use the placeholder "__N__").

import { LoadError, engineFor, latestOnly, mark, printOnly, siteRoot, siteUrlOf, startEach, supported } from "./calculator-client.mjs";
import { Links, h, paintPlan } from "./calculator-paint.mjs";

const PLAN_PARAM = "plan";
const ADD_PARAM = "add";
const STORE_KEY = "outside-help.plans.v1";
const MAX_SAVED = 10;
const DELAY_MS = 300;
const STEPS = {
  loadRuntime: "Loading the planner: Python (step 1 of 3)…",
  installCalculator: "Loading the planner: the engine (step 2 of 3)…",
  ready: "The planner is ready: the plan updates as you change a workstream.",
};

class Planner {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.dataset.planConfig || "{}");
    const q = (selector) => root.querySelector(selector);
    this.list = q("[data-plan-streams]");
    this.template = q("[data-plan-template]");
    this.body = q("[data-plan-body]");
    this.result = q("[data-plan-result]");
    this.message = q("[data-plan-message]");
    this.alert = q("[data-plan-alert]");
    this.status = q("[data-plan-status]");
    this.addButton = q('[data-action="add"]');
    this.savedBox = q("[data-plan-saved]");
    this.savedList = q("[data-plan-saved-list]");
    this.exampleNote = q("[data-plan-example]");
    this.printMeta = q("[data-plan-print-meta]");
    this.max = Number(this.config.maxWorkstreams) || 8;
    this.engine = engineFor(this.config);
    this.links = new Links(siteRoot().pathname, location.pathname, this.config.guides);
    this.extras = new WeakMap();   // card -> {weights, figures} carried over from a link
    this.ask = latestOnly(this.engine, this.result, (error) =>
      this.problem(`The planner stopped answering (${error.message}); reload the page to try again.`));
    this.timer = null;
    this.share = "";
    this.memo = "";
    this.isExample = true;
    this.counter = this.list.querySelectorAll("[data-stream]").length;
    const params = new URLSearchParams(location.search);
    this.linkPlan = params.get(PLAN_PARAM);
    this.linkAdd = params.get(ADD_PARAM);
  }

  init() {
    this.root.addEventListener("input", (event) => {
      if (event.target.matches("[data-stream-name]")) this.changed();
    });
    this.root.addEventListener("change", (event) => {
      if (event.target.matches("[data-stream-copy]")) this.copyAnswers(event.target);
      else if (event.target.closest("[data-stream]")) this.changed();
    });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button && this.root.contains(button)) this.act(button.dataset.action, button);
    });
    this.root.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
    addEventListener("beforeprint", () => this.fillPrintMeta());
    this.engine.onProgress((step) => {
      if (this.root.dataset.state === "loading") this.say(STEPS[step] || "");
    });
    this.renumber();
    this.showSaved();
    if (this.linkPlan || this.linkAdd) {
      this.result.dataset.stale = "";
      this.say("Opening the plan from your link…");
    }
    // The plan is the page's main content: start the engine right after first paint.
    requestAnimationFrame(() => setTimeout(() => this.load(), 0));
  }

  load() {
    this.root.dataset.state = "loading";
    if (!supported()) {
      this.failed(new LoadError("unsupported", "this browser lacks WebAssembly or module workers"));
      return;
    }
    this.say(STEPS[this.engine.step] || STEPS.loadRuntime);
    this.engine.start().then(() => this.ready(), (error) => this.failed(error));
  }

  async ready() {
    mark("plan:ready");
    this.root.dataset.state = "ready";
    this.say(STEPS.ready);
    for (const b of this.root.querySelectorAll('[data-action^="copy-"], [data-action="save"]')) b.disabled = false;
    if (this.linkPlan) {
      const reply = await this.ask({ op: "plan", share: this.linkPlan, site_url: siteUrlOf(this.config) });
      this.linkPlan = null;
      if (reply && reply.ok) {
        this.isExample = false;
        this.replaceCards(reply.plan.rows);
        this.paint(reply);
        return;
      }
      if (reply) this.problem(`${reply.error.reader || reply.error.message} Showing the example plan instead.`);
    }
    if (this.linkAdd) {
      const reply = await this.ask({ op: "open_link", values: [this.linkAdd], site_url: siteUrlOf(this.config) });
      this.linkAdd = null;
      if (reply && reply.ok) {
        if (this.isExample) this.replaceCards([]);
        this.isExample = false;
        this.addCard({ name: this.freeName("From the calculator"), answers: reply.result.answers,
          weights: reply.result.weights, figures: reply.cost ? reply.cost.inputs : {} });
      } else if (reply) {
        this.problem(`${reply.error.reader || reply.error.message} The workstream was not added.`);
      }
    }
    await this.update();
    mark("plan:first-plan");
  }

  failed(error) {
    this.root.dataset.state = "error";
    const reason = error instanceof LoadError ? error.message : "a download failed";
    console.warn("[plan] could not load:", reason);
    this.say(`The planner could not load (${reason}); the plan shown is the example, and the guides work as usual.`);
  }

  // ----- cards -------------------------------------------------------------------------------

  cards() {
    return [...this.list.querySelectorAll("[data-stream]")];
  }

  readCard(card) {
    const answers = {};
    for (const select of card.querySelectorAll("select[data-question]")) {
      if (select.value) answers[select.dataset.question] = select.value;
    }
    const extra = this.extras.get(card) || {};
    const item = { name: card.querySelector("[data-stream-name]").value, answers };
    if (extra.weights && Object.keys(extra.weights).length) item.weights = extra.weights;
    if (extra.figures && Object.keys(extra.figures).length) item.cost = extra.figures;
    return item;
  }

  fillCard(card, { name, answers, weights, figures }) {
    card.querySelector("[data-stream-name]").value = name;
    for (const select of card.querySelectorAll("select[data-question]")) {
      select.value = (answers || {})[select.dataset.question] || "";
    }
    this.extras.set(card, { weights: weights || {}, figures: figures || {} });
  }

  addCard(data) {
    if (this.cards().length >= this.max) return null;
    this.counter += 1;
    const fragment = this.template.content.cloneNode(true);
    const card = fragment.querySelector("[data-stream]");
    const id = `${this.root.id}-s${this.counter}`;
    for (const el of card.querySelectorAll("[id], [for], [aria-describedby]")) {
      for (const attr of ["id", "for", "aria-describedby"]) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replaceAll("__N__", id));
      }
    }
    this.list.append(card);
    this.fillCard(card, data);
    this.renumber();
    return card;
  }

  replaceCards(rows) {
    this.list.replaceChildren();
    for (const row of rows) {
      this.addCard({ name: row.name, answers: row.answers, weights: row.weights, figures: row.figures });
    }
    if (this.exampleNote) this.exampleNote.hidden = true;
  }

  freeName(base) {
    const taken = new Set(this.cards().map((card) => card.querySelector("[data-stream-name]").value.trim().toLowerCase()));
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base} ${n}`;
    return name;
  }

  // Numbers, counts, the "copy the answers of" lists and the add button follow the cards.
  renumber() {
    const cards = this.cards();
    cards.forEach((card, i) => {
      card.querySelector("[data-stream-number]").textContent = String(i + 1);
      const count = [...card.querySelectorAll("select[data-question]")].filter((s) => s.value).length;
      card.querySelector("[data-stream-count]").textContent = String(count);
      const copy = card.querySelector("[data-stream-copy]");
      const first = copy.options[0];
      copy.replaceChildren(first, ...cards.filter((other) => other !== card).map((other) => {
        const option = document.createElement("option");
        option.value = other.querySelector("[data-stream-name]").id;
        option.textContent = other.querySelector("[data-stream-name]").value || `Workstream ${cards.indexOf(other) + 1}`;
        return option;
      }));
      copy.value = "";
      card.querySelector('[data-action="remove"]').disabled = cards.length === 1;
    });
    if (this.addButton) this.addButton.disabled = cards.length >= this.max;
  }

  copyAnswers(select) {
    const card = select.closest("[data-stream]");
    const source = select.value && this.root.querySelector(`#${CSS.escape(select.value)}`);
    if (source) {
      const from = this.readCard(source.closest("[data-stream]"));
      this.fillCard(card, { ...this.readCard(card), answers: from.answers });
      card.querySelector("[data-stream-answers]").open = true;
    }
    this.changed();
  }

  changed() {
    this.isExample = false;
    if (this.exampleNote) this.exampleNote.hidden = true;
    this.renumber();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), DELAY_MS);
  }

  // ----- the engine --------------------------------------------------------------------------


  async update() {
    if (this.root.dataset.state !== "ready") {
      this.result.dataset.stale = "";
      return;
    }
    const workstreams = this.cards().map((card) => this.readCard(card));
    const reply = await this.ask({ op: "plan", workstreams, site_url: siteUrlOf(this.config) });
    if (!reply) return;
    for (const el of this.root.querySelectorAll("[data-stream-error]")) {
      el.hidden = true;
      el.textContent = "";
    }
    if (reply.ok) {
      this.alert.hidden = true;
      this.paint(reply);
      return;
    }
    // A problem in one workstream is shown next to it; the plan keeps its last good state.
    const match = /^workstreams\[(\d+)\]/.exec(reply.error.field || "");
    const card = match && this.cards()[Number(match[1])];
    const slot = card && card.querySelector("[data-stream-error]");
    if (slot) {
      slot.textContent = reply.error.message.replace(/^plan: workstream \d+( \([^)]*\))?: /, "");
      slot.hidden = false;
    } else {
      this.problem(reply.error.message.replace(/^plan: /, ""));
    }
    this.result.dataset.stale = "";
  }

  paint(reply) {
    const level = Number(this.result.querySelector(".ohc-title").tagName.slice(1));
    this.body.replaceChildren(...paintPlan(reply.plan_view, { level, links: this.links }));
    delete this.result.dataset.stale;
    this.share = reply.plan.share;
    this.memo = reply.memo;
    if (!this.isExample) {
      const url = new URL(location.href);
      url.searchParams.delete(ADD_PARAM);
      url.searchParams.set(PLAN_PARAM, this.share);
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }
  }


  // ----- actions -----------------------------------------------------------------------------

  act(action, button) {
    if (action === "add") {
      const card = this.addCard({ name: this.freeName(`Workstream ${this.cards().length + 1}`), answers: {} });
      if (card) {
        card.querySelector("[data-stream-name]").focus();
        card.querySelector("[data-stream-name]").select();
        this.changed();
      }
    } else if (action === "remove") {
      const card = button.closest("[data-stream]");
      const cards = this.cards();
      if (cards.length > 1) {
        const next = cards[cards.indexOf(card) + 1] || cards[cards.indexOf(card) - 1];
        card.remove();
        next.querySelector("[data-stream-name]").focus();
        this.changed();
      }
    } else if (action === "copy-link") {
      this.copy(this.planUrl(), "Link copied: it opens this plan.");
    } else if (action === "copy-memo") {
      if (this.memo) this.copy(this.memo, "Plan copied, as Markdown.");
    } else if (action === "print") {
      this.fillPrintMeta();
      printOnly();
    } else if (action === "save") {
      this.save();
    } else if (action === "open-saved") {
      location.assign(this.planUrl(button.dataset.share));
    } else if (action === "delete-saved") {
      this.store(this.stored().filter((item) => item.share !== button.dataset.share));
      this.showSaved();
      this.note("Deleted from this browser.");
    } else if (action === "delete-all-saved") {
      this.store([]);
      this.showSaved();
      this.note("Every plan saved in this browser is deleted.");
    }
  }

  planUrl(share = this.share) {
    const url = new URL(location.href);
    url.hash = "";
    url.search = "";
    if (share) url.searchParams.set(PLAN_PARAM, share);
    return url.href;
  }

  fillPrintMeta() {
    if (!this.printMeta) return;
    this.printMeta.textContent = `Printed ${new Date().toISOString().slice(0, 10)} from ${this.planUrl()}`;
  }

  async copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      this.note(done);
    } catch {
      this.note("Your browser did not allow copying; the address bar holds the link to this plan.");
    }
  }

  note(text) {
    if (this.status) this.status.textContent = text;
  }

  // ----- this device's saved plans (localStorage: never sent anywhere) -------------------------

  stored() {
    try {
      const items = JSON.parse(localStorage.getItem(STORE_KEY) || "[]");
      return Array.isArray(items) ? items.filter((i) => i && typeof i.share === "string" && typeof i.names === "string") : [];
    } catch {
      return [];
    }
  }

  store(items) {
    try {
      if (items.length) localStorage.setItem(STORE_KEY, JSON.stringify(items));
      else localStorage.removeItem(STORE_KEY);
      return true;
    } catch {
      this.note("This browser does not let the page keep plans (storage is off or full); copy the link instead.");
      return false;
    }
  }

  save() {
    if (!this.share) return;
    const names = this.cards().map((card) => card.querySelector("[data-stream-name]").value.trim()).join(", ");
    const items = [{ share: this.share, names, saved: new Date().toISOString().slice(0, 10) },
      ...this.stored().filter((item) => item.share !== this.share)].slice(0, MAX_SAVED);
    if (this.store(items)) {
      this.showSaved();
      this.note("Saved in this browser on this device only.");
    }
  }

  showSaved() {
    if (!this.savedBox) return;
    const items = this.stored();
    this.savedBox.hidden = items.length === 0;
    this.savedList.replaceChildren(...items.map((item) => h("li", null,
      h("span", { class: "ohp-saved__names" }, item.names || "(unnamed plan)"), ` (saved ${item.saved || "earlier"}) `,
      h("button", { type: "button", class: "ohc-button", "data-action": "open-saved", "data-share": item.share }, "Open"), " ",
      h("button", { type: "button", class: "ohc-button", "data-action": "delete-saved", "data-share": item.share }, "Delete"))));
  }

  say(text) {
    if (this.message.textContent !== text) this.message.textContent = text;
  }

  problem(text) {
    this.alert.textContent = text;
    this.alert.hidden = false;
  }
}

startEach("[data-plan]", "plan", (root) => new Planner(root).init());
