// The provider comparison's controller (docs/compare-providers.md): the reader fixes a model,
// criteria and weights, then enters up to eight proposals; the engine (calculator.api, op
// "providers", in the same worker the calculator uses) evaluates them, and its view, an element
// tree, is mounted with present.mjs. There is no painter here: every sentence of the result
// comes from the engine (calculator/providers_view.py).
//
// The page holds the form's frame and the engine's view of the worked example, rendered at build
// time. This script starts the engine after first paint, opens the page address's evaluation
// (?evaluation=e1...) or the worked example, builds the form's rows from the engine's
// provider_criteria and cost_inputs replies, and keeps the evaluation in the address. Names,
// labels and notes are the reader's text: they only go into input values and textContent.
//
// Contract: root [data-providers][data-state] with data-providers-config (runtime files, siteUrl,
// example: the worked example's link code); the elements named data-pv-* in
// build/outside_help_build/templates/providers.html; buttons carry data-action.

import { LoadError, engineFor, mark, supported } from "./calculator-client.mjs";
import { deviceStore, latestOnly, memoAddress, nextFrame, placeOf, printOnly, startEach } from "./page-kit.mjs";
import { mountInto } from "./present.mjs";

const PARAM = "evaluation";
const STORE_KEY = "outside-help.evaluations.v1";
const MAX_SAVED = 10;
const DELAY_MS = 300;
const STEPS = {
  loadRuntime: "Loading the comparison: Python (step 1 of 3)…",
  installCalculator: "Loading the comparison: the engine (step 2 of 3)…",
  ready: "The comparison is ready: the evaluation updates as you change a figure.",
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

class Comparison {
  constructor(root) {
    this.root = root;
    this.config = JSON.parse(root.dataset.providersConfig || "{}");
    const q = (selector) => root.querySelector(selector);
    this.form = q("form");
    this.model = q("[data-pv-model]");
    this.priceWeight = q("[data-pv-price-weight]");
    this.criteriaBox = q("[data-pv-criteria]");
    this.newLabel = q("[data-pv-new-label]");
    this.newKind = q("[data-pv-new-kind]");
    this.fixedNote = q("[data-pv-fixed]");
    this.generalBox = q("[data-pv-general]");
    this.locked = q("[data-pv-locked]");
    this.list = q("[data-pv-providers]");
    this.body = q("[data-pv-body]");
    this.result = q("[data-pv-result]");
    this.place = placeOf(root, this.config, this.result.querySelector(".ohc-title"));
    this.message = q("[data-pv-message]");
    this.alert = q("[data-pv-alert]");
    this.status = q("[data-pv-status]");
    this.exampleNote = q("[data-pv-example]");
    this.printMeta = q("[data-pv-print-meta]");
    this.savedBox = q("[data-pv-saved]");
    this.savedList = q("[data-pv-saved-list]");
    this.engine = engineFor(this.config);
    this.ask = latestOnly(this.engine, this.result, (error) =>
      this.problem(`The comparison stopped answering (${error.message}); reload the page to try again.`));
    this.state = null;       // the evaluation request, as calculator/providers.py reads it
    this.schema = null;      // the engine's provider_criteria reply
    this.inputs = [];        // the engine's cost inputs
    this.share = "";
    this.memo = "";
    this.isExample = true;
    this.timer = null;
    this.counter = 0;
    this.building = false;             // the form is being built (in slices, the first time)
    this.showsBuiltExample = true;     // the evaluation shown is the build's worked example
    this.changedWhileBuilding = false;
    this.linkCode = new URLSearchParams(location.search).get(PARAM);
  }

  init() {
    this.root.addEventListener("input", (event) => {
      if (event.target.closest("[data-pv-provider], [data-pv-criteria], [data-pv-general]")
          || event.target === this.priceWeight) this.changed();
    });
    this.root.addEventListener("change", (event) => {
      if (event.target === this.model) this.changeModel();
      else if (event.target.closest("form") && event.target !== this.newLabel && event.target !== this.newKind) this.changed();
    });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button && this.root.contains(button)) this.act(button.dataset.action, button);
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    addEventListener("beforeprint", () => this.fillPrintMeta());
    this.engine.onProgress((step) => {
      if (this.root.dataset.state === "loading") this.say(STEPS[step] || "");
    });
    this.showSaved();
    if (this.linkCode) {
      this.result.dataset.stale = "";
      this.say("Opening the evaluation from your link…");
    }
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

  failed(error) {
    this.root.dataset.state = "error";
    const reason = error instanceof LoadError ? error.message : "a download failed";
    console.warn("[providers] could not load:", reason);
    this.say(`The comparison could not load (${reason}); the evaluation shown is the worked example, and the guides work as usual.`);
  }

  async ready() {
    const [criteria, costs] = await Promise.all([
      this.engine.call({ op: "provider_criteria" }), this.engine.call({ op: "cost_inputs" })]);
    this.schema = criteria.provider_criteria;
    this.inputs = costs.cost_inputs.inputs;
    this.known = new Map();
    for (const list of Object.values(this.schema.criteria)) for (const c of list) this.known.set(c.id, c);
    this.model.replaceChildren(...this.schema.models.map((m) => el("option", { value: m.id }, m.name)));
    let reply = null;
    if (this.linkCode) {
      reply = await this.ask(this.request({ share: this.linkCode }));
      if (reply && !reply.ok) {
        this.problem(`${reply.error.reader || reply.error.message} Showing the worked example instead.`);
        reply = null;
      } else if (reply) {
        this.isExample = false;
      }
    }
    if (!reply) reply = await this.ask(this.request({ share: this.config.example }));
    if (!reply || !reply.ok) return;
    this.state = reply.evaluation.input;
    if (this.exampleNote) this.exampleNote.hidden = !this.isExample;
    // The first build is done in slices (the form's parts, each proposal, then the evaluation), so
    // a phone stays responsive while it happens; the page is "ready" once all of it is there.
    for (const b of this.root.querySelectorAll("[data-action]")) b.disabled = false;
    for (const f of this.root.querySelectorAll("[data-pv-model], [data-pv-price-weight], [data-pv-new-label], [data-pv-new-kind]")) f.disabled = false;
    // build() then disables what stays fixed (fixed criteria, the provider limit); clicks and
    // a change of model wait until it is done (act and changeModel return while building).
    await this.build({ slices: true });
    await nextFrame();
    // The worked example is already on the page, as the build rendered it from the same engine
    // (tested equal to what mounting the engine's view gives): keep it rather than lay it out again.
    this.paint(reply, { mount: !(this.isExample && this.showsBuiltExample) });
    this.root.dataset.state = "ready";
    this.say(STEPS.ready);
    mark("providers:first-evaluation");
    if (this.changedWhileBuilding) this.changed();
  }

  request(extra) {
    return { op: "providers", ...memoAddress(this.config), page: this.place, ...extra };
  }

  // ----- the form ------------------------------------------------------------------------------

  info(id) {
    return this.known.get(id) || null;
  }

  criteria() {
    return this.state.criteria.map((c) => {
      const known = this.info(c.id);
      const kind = known && !c.label ? known.kind : c.kind;
      return { ...c, kind, label: known && !c.label ? known.label : c.label, known };
    });
  }

  // Build the form from the state. With `slices`, yield between its parts (the first build);
  // without, it runs at once (an async function that never awaits finishes before it returns).
  async build({ slices = false } = {}) {
    const s = this.state;
    this.building = true;
    try {
      this.model.value = s.model;
      this.priceWeight.value = String(s.price_weight);
      this.buildCriteria();
      if (slices) await nextFrame();
      this.buildGeneral();
      const cards = [];
      for (const p of s.providers) {
        if (slices) await nextFrame();
        cards.push(this.card(p));
      }
      if (slices) await nextFrame();
      this.list.replaceChildren(...cards);
      this.lock();
    } finally {
      this.building = false;
    }
  }

  buildCriteria() {
    const fixed = Boolean(this.state.fixed_on);
    const rows = this.criteria().map((c, i) => {
      const id = `${this.root.id}-w${i}`;
      const weight = c.kind === "scored"
        ? el("input", { id, type: "number", inputmode: "numeric", min: 0, max: this.schema.limits.weight, step: 1,
          value: c.weight ?? 0, "data-pv-weight": c.id, disabled: fixed })
        : el("span", {}, "Pass or fail");
      return el("tr", { "data-criterion": c.id },
        el("th", { scope: "row" }, el("label", { for: c.kind === "scored" ? id : null }, c.label),
          c.known ? el("small", { class: "ohv-help" }, ` ${c.known.strong}`) : null),
        el("td", {}, weight),
        el("td", {}, el("button", { type: "button", class: "ohc-button", "data-action": "remove-criterion",
          "data-id": c.id, disabled: fixed, "aria-label": `Remove ${c.label}` }, "Remove")));
    });
    this.criteriaBox.replaceChildren(el("table", {},
      el("caption", {}, "Criteria and their weights"),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Criterion"), el("th", { scope: "col" }, "Weight"),
        el("th", { scope: "col" }, el("span", { class: "md-visually-hidden" }, "Remove")))),
      el("tbody", {}, ...rows)));
    for (const f of [this.newLabel, this.newKind, this.model, this.priceWeight]) f.disabled = fixed;
    this.root.querySelector('[data-action="add-criterion"]').disabled = fixed;
    this.root.querySelector('[data-action="fix"]').hidden = fixed;
    this.root.querySelector('[data-action="unfix"]').hidden = !fixed;
    this.fixedNote.textContent = fixed
      ? `Fixed on ${this.state.fixed_on}. Changing them now is recorded in the memo.`
      : "Not fixed yet.";
  }

  buildGeneral() {
    const general = (this.state.cost && this.state.cost.general) || {};
    const wanted = ["horizon_months", "currency", "hour_cost", "people", "volume", "current_monthly_cost"];
    const fields = this.inputs.filter((x) => x.group === "general" && wanted.includes(x.id)).map((x) => {
      const id = `${this.root.id}-g-${x.id}`;
      const value = general[x.id] ?? (x.choices ? x.default : "");
      const field = x.choices
        ? el("select", { id, "data-pv-general-input": x.id }, ...x.choices.map((c) =>
          el("option", { value: String(c), selected: String(c) === String(value) }, c === "" ? "(none)" : String(c))))
        : el("input", { id, type: "number", inputmode: "decimal", min: x.min, max: x.max, step: x.step,
          value, "data-pv-general-input": x.id });
      return el("p", { class: "ohv-field" }, el("label", { for: id }, x.label), field,
        x.unit_label ? el("small", {}, x.unit_label) : null);
    });
    this.generalBox.replaceChildren(...fields);
  }

  card(p) {
    this.counter += 1;
    const prefix = `${this.root.id}-p${this.counter}`;
    const nameId = `${prefix}-name`;
    const rows = this.criteria().map((c) => {
      const id = `${prefix}-${c.id}`;
      let field;
      if (c.kind === "scored") {
        const anchors = c.known ? c.known.anchors : null;
        const value = p.scores && p.scores[c.id] !== undefined ? String(p.scores[c.id]) : "";
        field = el("select", { id, "data-pv-score": c.id },
          el("option", { value: "", selected: value === "" }, "Score…"),
          ...[0, 1, 2, 3, 4, 5].map((n) => el("option", { value: String(n), selected: value === String(n) },
            anchors && anchors[String(n)] ? `${n}: ${anchors[String(n)]}` : String(n))));
      } else {
        const value = p.passes && c.id in p.passes ? (p.passes[c.id] ? "pass" : "fail") : "";
        field = el("select", { id, "data-pv-pass": c.id },
          el("option", { value: "", selected: value === "" }, "Pass or fail…"),
          el("option", { value: "pass", selected: value === "pass" }, "Pass"),
          el("option", { value: "fail", selected: value === "fail" }, "Fail"));
      }
      const note = el("input", { type: "text", maxlength: this.schema.limits.note, "data-pv-note": c.id,
        "aria-label": `Evidence for ${c.label}`, placeholder: "Evidence (one line)",
        value: (p.notes && p.notes[c.id]) || "" });
      return el("div", { class: "ohv-field" }, el("label", { for: id }, c.label), field, note);
    });
    const prices = this.inputs.filter((x) => x.group === this.state.model).map((x) => {
      const id = `${prefix}-price-${x.id}`;
      return el("p", { class: "ohv-field" }, el("label", { for: id }, x.label),
        el("input", { id, type: "number", inputmode: "decimal", min: x.min, max: x.max, step: x.step,
          value: p.price && p.price[x.id] !== undefined ? p.price[x.id] : "", "data-pv-price": x.id }),
        x.unit_label ? el("small", {}, x.unit_label) : null);
    });
    return el("li", { "data-pv-provider": "" },
      el("p", { class: "ohv-field" }, el("label", { for: nameId }, "Provider's name"),
        el("input", { id: nameId, type: "text", maxlength: this.schema.limits.name, value: p.name || "",
          "data-pv-name": "" }),
        el("button", { type: "button", class: "ohc-button", "data-action": "remove-provider" }, "Remove")),
      el("div", { class: "ohv-provider__grid" }, ...rows),
      el("details", {}, el("summary", {}, "Price and your time"), ...prices));
  }

  lock() {
    const fixed = Boolean(this.state.fixed_on);
    const locked = !fixed && this.state.providers.length === 0;
    this.locked.hidden = !locked;
    this.root.querySelector('[data-action="add-provider"]').disabled =
      locked || this.state.providers.length >= this.schema.limits.providers;
  }

  // Read the form back into the request.
  read() {
    const s = this.state;
    s.price_weight = this.priceWeight.value === "" ? this.priceWeight.value : Number(this.priceWeight.value);
    for (const input of this.criteriaBox.querySelectorAll("[data-pv-weight]")) {
      const c = s.criteria.find((x) => x.id === input.dataset.pvWeight);
      if (c) c.weight = input.value === "" ? input.value : Number(input.value);
    }
    const general = {};
    for (const f of this.generalBox.querySelectorAll("[data-pv-general-input]")) {
      const x = this.inputs.find((i) => i.group === "general" && i.id === f.dataset.pvGeneralInput);
      if (f.value === "") continue;
      if (x.choices) {
        const chosen = x.choices.find((c) => String(c) === f.value);
        if (chosen !== undefined && chosen !== x.default) general[x.id] = chosen;
      } else {
        general[x.id] = Number(f.value);
      }
    }
    if (Object.keys(general).length) s.cost = { general };
    else delete s.cost;
    s.providers = [...this.list.querySelectorAll("[data-pv-provider]")].map((card) => {
      const p = { name: card.querySelector("[data-pv-name]").value, scores: {}, passes: {}, notes: {}, price: {} };
      for (const f of card.querySelectorAll("[data-pv-score]")) if (f.value !== "") p.scores[f.dataset.pvScore] = Number(f.value);
      for (const f of card.querySelectorAll("[data-pv-pass]")) if (f.value !== "") p.passes[f.dataset.pvPass] = f.value === "pass";
      for (const f of card.querySelectorAll("[data-pv-note]")) if (f.value.trim()) p.notes[f.dataset.pvNote] = f.value;
      for (const f of card.querySelectorAll("[data-pv-price]")) if (f.value !== "") p.price[f.dataset.pvPrice] = Number(f.value);
      return p;
    });
  }

  changed() {
    if (!this.state) return;
    if (this.building) {   // the form is half built: read it once it is whole
      this.changedWhileBuilding = true;
      return;
    }
    this.changedWhileBuilding = false;
    this.read();
    this.leaveExample();
    this.lock();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), DELAY_MS);
  }

  leaveExample() {
    if (!this.isExample) return;
    this.isExample = false;
    if (this.exampleNote) this.exampleNote.hidden = true;
  }

  changeModel() {
    if (this.building) {   // in the moment the form is first built: keep the model it is built for
      this.model.value = this.state.model;
      return;
    }
    this.state.model = this.model.value;
    this.state.criteria = this.schema.criteria[this.model.value].map((c) =>
      (c.kind === "scored" ? { id: c.id, weight: c.weight } : { id: c.id }));
    this.state.providers = this.state.providers.map((p) => ({ name: p.name, scores: {}, passes: {}, notes: {}, price: {} }));
    this.build();
    this.changed();
  }

  // ----- the engine ----------------------------------------------------------------------------

  async update() {
    if (this.root.dataset.state !== "ready") return;
    for (const f of this.root.querySelectorAll("[aria-invalid]")) f.removeAttribute("aria-invalid");
    if (this.state.providers.length === 0) {
      this.result.dataset.stale = "";
      this.say("Add a provider's proposal to see the evaluation.");
      return;
    }
    const reply = await this.ask(this.request({ evaluation: this.state }));
    if (!reply) return;
    if (reply.ok) {
      this.alert.hidden = true;
      this.say(STEPS.ready);
      this.paint(reply);
      return;
    }
    // The engine's one error, naming the field in words; the field itself is marked.
    this.problem(reply.error.message.charAt(0).toUpperCase() + reply.error.message.slice(1));
    this.mark(reply.error.field || "");
    this.result.dataset.stale = "";
  }

  mark(field) {
    const match = /^providers\[(\d+)\](?:\.(scores|passes|notes|price|name)(?:\.(\w+))?)?/.exec(field);
    let target = null;
    if (match) {
      const card = this.list.querySelectorAll("[data-pv-provider]")[Number(match[1])];
      const attr = { scores: "data-pv-score", passes: "data-pv-pass", notes: "data-pv-note", price: "data-pv-price" }[match[2]];
      if (card && match[2] === "name") target = card.querySelector("[data-pv-name]");
      else if (card && attr && match[3]) target = card.querySelector(`[${attr}="${CSS.escape(match[3])}"]`);
      else if (card && attr) target = card.querySelector(`[${attr}]`);
    } else if (field === "price_weight") {
      target = this.priceWeight;
    } else {
      const weight = /^criteria\[(\d+)\]/.exec(field);
      if (weight) target = this.criteriaBox.querySelectorAll("tbody tr")[Number(weight[1])]?.querySelector("input");
    }
    if (target) target.setAttribute("aria-invalid", "true");
  }

  paint(reply, { mount = true } = {}) {
    if (mount) {
      mountInto(this.body, reply.view);
      this.showsBuiltExample = false;
    }
    delete this.result.dataset.stale;
    this.share = reply.share;
    this.memo = reply.memo;
    if (!this.isExample) {
      const url = new URL(location.href);
      url.searchParams.set(PARAM, this.share);
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    }
  }

  // ----- actions ---------------------------------------------------------------------------------

  act(action, button) {
    if (this.building) return;   // a click in the moment the form is first built
    if (action === "fix") {
      this.state.fixed_on = today();
      this.buildCriteria();
      this.changed();
      this.note(`Criteria and weights fixed on ${this.state.fixed_on}: you can enter the proposals now.`);
      if (!this.state.providers.length) this.act("add-provider");
    } else if (action === "unfix") {
      delete this.state.fixed_on;
      this.buildCriteria();
      this.changed();
      this.note("Criteria unlocked: the memo will say they were not fixed before scoring.");
    } else if (action === "add-criterion") {
      const label = this.newLabel.value.trim();
      if (!label) {
        this.newLabel.focus();
        return;
      }
      let n = 1;
      while (this.state.criteria.some((c) => c.id === `own${n}`)) n += 1;
      const kind = this.newKind.value;
      this.state.criteria.push(kind === "scored" ? { id: `own${n}`, label, kind, weight: 5 } : { id: `own${n}`, label, kind });
      this.newLabel.value = "";
      this.build();
      this.changed();
    } else if (action === "remove-criterion") {
      this.state.criteria = this.state.criteria.filter((c) => c.id !== button.dataset.id);
      this.build();
      this.changed();
    } else if (action === "add-provider") {
      if (this.state.providers.length >= this.schema.limits.providers) return;
      const taken = new Set(this.state.providers.map((p) => p.name.trim().toLowerCase()));
      let n = this.state.providers.length + 1;
      while (taken.has(`provider ${n}`)) n += 1;
      const card = this.card({ name: `Provider ${n}` });
      this.list.append(card);
      this.changed();
      const name = card.querySelector("[data-pv-name]");
      name.focus();
      name.select();
    } else if (action === "remove-provider") {
      button.closest("[data-pv-provider]").remove();
      this.changed();
    } else if (action === "new") {
      const model = this.state.model;
      this.state = { model, price_weight: this.schema.price.weight, criteria: [], providers: [] };
      this.isExample = true;
      this.leaveExample();
      this.changeModel();
      history.replaceState(history.state, "", this.url(""));
      this.model.focus();
    } else if (action === "copy-link") {
      this.copy(this.url(), "Link copied: it opens this evaluation.");
    } else if (action === "copy-memo") {
      if (this.memo) this.copy(this.memo, "Evaluation copied, as Markdown.");
    } else if (action === "print") {
      this.fillPrintMeta();
      printOnly();
    } else if (action === "save") {
      this.save();
    } else if (action === "open-saved") {
      location.assign(this.url(button.dataset.share));
    } else if (action === "delete-saved") {
      this.store(this.stored().filter((item) => item.share !== button.dataset.share));
      this.showSaved();
      this.note("Deleted from this browser.");
    } else if (action === "delete-all-saved") {
      this.store([]);
      this.showSaved();
      this.note("Every evaluation saved in this browser is deleted.");
    }
  }

  url(share = this.share) {
    const url = new URL(location.href);
    url.hash = "";
    url.search = "";
    if (share) url.searchParams.set(PARAM, share);
    return url.href;
  }

  fillPrintMeta() {
    if (this.printMeta) this.printMeta.textContent = `Printed ${today()} from ${this.url()}`;
  }

  async copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      this.note(done);
    } catch {
      this.note("Your browser did not allow copying; the address bar holds the link to this evaluation.");
    }
  }

  note(text) {
    if (this.status) this.status.textContent = text;
  }

  say(text) {
    if (this.message.textContent !== text) this.message.textContent = text;
  }

  problem(text) {
    this.alert.textContent = text;
    this.alert.hidden = false;
  }

  // ----- this device's saved evaluations (localStorage: never sent anywhere) --------------------

  stored() {
    return deviceStore(STORE_KEY, "evaluations", (text) => this.note(text)).list();
  }

  store(items) {
    return deviceStore(STORE_KEY, "evaluations", (text) => this.note(text)).save(items);
  }

  save() {
    if (!this.share) return;
    const names = this.state.providers.map((p) => p.name.trim()).join(", ");
    const items = [{ share: this.share, names, saved: today() },
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
    this.savedList.replaceChildren(...items.map((item) => el("li", {},
      el("span", { class: "ohp-saved__names" }, item.names || "(no providers)"), ` (saved ${item.saved || "earlier"}) `,
      el("button", { type: "button", class: "ohc-button", "data-action": "open-saved", "data-share": item.share }, "Open"), " ",
      el("button", { type: "button", class: "ohc-button", "data-action": "delete-saved", "data-share": item.share }, "Delete"))));
  }
}

startEach("[data-providers]", "providers", (root) => new Comparison(root).init());
