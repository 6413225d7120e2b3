// The plan page's controller: up to eight named workstreams, each answered with the calculator's
// questions, planned by the engine in the same worker the calculator uses.
//
// The page holds the cards for the example plan and the engine's plan for it, laid out at build
// time (the engine's tree, calculator/view_trees.py; the page mounts the same trees later); the
// engine starts after first paint (page-kit.mjs, which also says what state
// the plan is in), the plan is kept in the page address (?plan=), and plans can be kept in this
// browser's local storage (never sent anywhere). Workstream names are the reader's text: they
// only ever go into input values and textContent.
//
// Contract: root [data-plan][data-state][data-result] (page-kit.mjs); cards li[data-stream] inside
// [data-plan-streams], each with input[data-stream-name], select[data-stream-copy],
// select[data-question=<question id>], an error slot [data-stream-error]; a
// <template data-plan-template> for new cards (ids use the placeholder "__N__").

import { engineFor, mark } from "./calculator-client.mjs";
import { Memo, PageKit, afterPaint, deviceStore, h, latestOnly, memoAddress, placeOf, showTree, startEach, stayOnPage } from "./page-kit.mjs";

const PLAN_PARAM = "plan";
const ADD_PARAM = "add";
const STORE_KEY = "outside-help.plans.v1";
const MAX_SAVED = 10;
const DELAY_MS = 300;
// The engine names a workstream's problem by its place: "workstreams[<index>]…".
const WORKSTREAM_FIELD = /^workstreams\[(\d+)\]/;

class Planner {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.dataset.planConfig || "{}");
    const q = (selector) => root.querySelector(selector);
    this.list = q("[data-plan-streams]");
    this.template = q("[data-plan-template]");
    this.body = q("[data-plan-body]");
    this.result = q("[data-plan-result]");
    this.addButton = q('[data-action="add"]');
    this.savedBox = q("[data-plan-saved]");
    this.savedList = q("[data-plan-saved-list]");
    this.exampleNote = q("[data-plan-example]");
    this.printMeta = q("[data-plan-print-meta]");
    this.stickyText = q("[data-plan-sticky-text]");
    this.max = Number(this.config.maxWorkstreams) || 8;
    this.engine = engineFor(this.config);
    this.place = placeOf(root, this.config, this.result.querySelector(".ohc-title"));
    stayOnPage(this.result);
    this.extras = new WeakMap();   // card -> {weights, figures} carried over from a link
    this.kit = new PageKit(root, {
      engine: this.engine, label: "plan", words: this.words(), onReady: () => this.ready(),
    });
    this.ask = latestOnly(this.engine, this.result, (error) => this.kit.stopped(error),
      () => this.kit.show("updating"));
    this.timer = null;
    this.share = "";
    this.memo = new Memo(this.engine);
    this.isExample = true;
    this.counter = this.list.querySelectorAll("[data-stream]").length;
    this.linkPlan = PageKit.params(PLAN_PARAM)[0] || null;
    this.linkAdd = PageKit.params(ADD_PARAM)[0] || null;
  }

  // The page's sentences about the plan's state (page-kit.mjs shows them).
  words() {
    const now = {
      example: "The plan below is the example.",
      stale: "The plan shown does not follow your latest changes yet.",
    };
    return {
      example: () => "The plan below is the example: rename, change or remove its workstreams to make it yours.",
      live: () => "Live: the plan follows your workstreams.",
      updating: () => "Updating the plan…",
      stale: () => (this.kit.ready() ? `${now.stale} Fix the workstream marked above and it will.`
        : `${now.stale} It will follow your changes once the planner has started.`),
      failed: (reason) => `The planner could not load: ${reason}. The plan shown is ${this.isExample ? "the example" : "the example, not yours"}; the guides work as usual.`,
      step: (step) => {
        const what = step === "installCalculator" ? "the engine" : "Python";
        return `${now[this.root.dataset.result] || now.example} Starting the planner (loading ${what})…`;
      },
    };
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
    addEventListener("beforeprint", () => this.kit.printMeta(this.printMeta, this.planUrl()));
    this.renumber();
    this.showSaved();
    if (this.linkPlan || this.linkAdd) this.kit.show("stale", "Opening the plan from your link…");
    // The plan is the page's main content: start the engine right after first paint.
    afterPaint(() => this.kit.load());
  }

  async ready() {
    mark("plan:ready");
    if (this.linkPlan) {
      const request = { op: "plan", share: this.linkPlan, ...memoAddress(this.config), page: this.place, memo: false };
      const reply = await this.ask(request);
      this.linkPlan = null;
      if (reply && reply.ok) {
        this.isExample = false;
        this.replaceCards(reply.plan.rows);
        this.paint(reply);
        this.memo.remember(request);
        return;
      }
      // The warning stays until the reader changes the plan: the example below is not theirs.
      if (reply) this.kit.warn(`${reply.error.reader || reply.error.message} Showing the example plan instead; change it to make your own.`, "link");
    }
    if (this.linkAdd) {
      const reply = await this.ask({ op: "open_link", values: [this.linkAdd], ...memoAddress(this.config) });
      this.linkAdd = null;
      if (reply && reply.ok) {
        if (this.isExample) this.replaceCards([]);
        this.isExample = false;
        this.addCard({ name: this.freeName("From the calculator"), answers: reply.result.answers,
          weights: reply.result.weights, figures: reply.cost ? reply.cost.inputs : {} });
      } else if (reply) {
        this.kit.warn(`${reply.error.reader || reply.error.message} The workstream was not added.`, "link");
      }
    }
    await this.update();
    mark("plan:first-plan");
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
    this.kit.hideAlert("link");   // the reader's own plan replaces whatever a bad link said
    this.renumber();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), DELAY_MS);
  }

  // ----- the engine --------------------------------------------------------------------------

  async update() {
    if (!this.kit.ready()) {
      this.kit.show(this.root.dataset.state === "error" ? "failed" : "stale");
      return;
    }
    const workstreams = this.cards().map((card) => this.readCard(card));
    const request = { op: "plan", workstreams, ...memoAddress(this.config), page: this.place, memo: false };
    const reply = await this.ask(request);
    if (!reply) return;
    for (const el of this.root.querySelectorAll("[data-stream-error]")) {
      el.hidden = true;
      el.textContent = "";
    }
    if (reply.ok) {
      this.kit.hideAlert("engine");
      this.paint(reply);
      this.memo.remember(request);
      return;
    }
    // A problem in one workstream is shown next to it, in the engine's words without the place
    // (error.detail); the plan keeps its last good state, marked out of date.
    const match = WORKSTREAM_FIELD.exec(reply.error.field || "");
    const card = match && this.cards()[Number(match[1])];
    const slot = card && card.querySelector("[data-stream-error]");
    if (slot) {
      slot.textContent = reply.error.detail || reply.error.message;
      slot.hidden = false;
    } else {
      this.kit.warn(reply.error.detail || reply.error.message, "engine");
    }
    this.kit.show("stale");
  }

  paint(reply) {
    showTree(this.body, reply.tree.plan);
    if (this.stickyText) this.stickyText.textContent = reply.plan_view.summary;
    this.share = reply.plan.share;
    this.kit.show(this.isExample ? "example" : "live");
    if (!this.isExample) PageKit.setAddress({ [ADD_PARAM]: null, [PLAN_PARAM]: this.share });
  }

  // ----- actions -----------------------------------------------------------------------------

  act(action, button) {
    if (action === "retry") {
      this.kit.retry();
    } else if (action === "add") {
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
      this.kit.copy(this.planUrl(), "Link copied: it opens this plan.",
        "Your browser did not allow copying; the address bar holds the link to this plan.");
    } else if (action === "copy-memo") {
      this.kit.copy(this.memo.text(), "Plan copied, as Markdown.",
        "Your browser did not allow copying; use Print, or copy the link in the address bar.");
    } else if (action === "print") {
      this.kit.print(this.printMeta, this.planUrl());
    } else if (action === "save") {
      this.save();
    } else if (action === "open-saved") {
      location.assign(this.planUrl(button.dataset.share));
    } else if (action === "delete-saved") {
      this.store(this.stored().filter((item) => item.share !== button.dataset.share));
      this.showSaved();
      this.kit.note("Deleted from this browser.");
    } else if (action === "delete-all-saved") {
      this.store([]);
      this.showSaved();
      this.kit.note("Every plan saved in this browser is deleted.");
    }
  }

  planUrl(share = this.share) {
    return PageKit.address({ [PLAN_PARAM]: share });
  }

  // ----- this device's saved plans (localStorage: never sent anywhere) -------------------------

  stored() {
    return deviceStore(STORE_KEY, "plans", (text) => this.kit.note(text)).list();
  }

  store(items) {
    return deviceStore(STORE_KEY, "plans", (text) => this.kit.note(text)).save(items);
  }

  save() {
    if (!this.share) return;
    const names = this.cards().map((card) => card.querySelector("[data-stream-name]").value.trim()).join(", ");
    const items = [{ share: this.share, names, saved: new Date().toISOString().slice(0, 10) },
      ...this.stored().filter((item) => item.share !== this.share)].slice(0, MAX_SAVED);
    if (this.store(items)) {
      this.showSaved();
      this.kit.note("Saved in this browser on this device only.");
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
}

startEach("[data-plan]", "plan", (root) => new Planner(root).init());
