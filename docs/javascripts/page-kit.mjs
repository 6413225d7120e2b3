// What the calculator's and the planner's pages share: starting the engine and saying how that
// goes, the result's state (where the reader is looking: the top of the form and the sticky bar),
// warnings that stay until the reader acts, the page address, the clipboard and printing.
// The engine's client (calculator-client.mjs) only talks to the worker; the words below are the
// page's own (loading, copying, printing), never the engine's: a result's words come from the
// engine, and its errors reach the page as a kind and a field, never as a sentence to parse.
//
// Contract (templates calculator.html and plan.html): the root carries data-state
// (loading | ready | error: the engine) and data-result (example | live | updating | stale |
// failed: what the result shown is); inside it [data-page-state] (the state line at the top of
// the form, with [data-page-state-text] and a Retry button [data-action="retry"]),
// [data-page-state-label] (the word in the sticky bar), [data-page-alert] (warnings) and
// [data-page-copy-status] (what copying did).

import { LoadError, mark, siteRoot, supported } from "./calculator-client.mjs";
import { mountInto } from "./present.mjs";

// Why the engine could not start, by LoadError kind, in plain words (the technical reason goes to
// the console only). "timeout" says how long, which the reader can judge.
const FAILURE = {
  unsupported: () => "this browser cannot run it (it needs WebAssembly and module workers)",
  timeout: (error) => error.message,
  download: () => "part of it could not be downloaded (a network problem, or a blocker or a setting that stops WebAssembly)",
  load: () => "it could not start in this browser (a network problem, or a blocker or a setting that stops WebAssembly)",
};

// Address values waiting to be written (PageKit.setAddress).
let pendingAddress = {};
let addressSoon = false;

// The word the sticky bar shows for each state of the result.
const LABELS = {
  example: "Example",
  live: "Live",
  updating: "Updating…",
  stale: "Out of date",
  failed: "Not live",
};

export class PageKit {
  // root: the controller's element; engine: its Engine; words: the page's own sentences, as
  // functions of what they depend on (see calculator.mjs and plan.mjs); onReady: called once the
  // engine answers.
  constructor(root, { engine, words, label, onReady }) {
    this.root = root;
    this.engine = engine;
    this.words = words;
    this.label = label;
    this.onReady = onReady;
    const q = (selector) => root.querySelector(selector);
    this.stateText = q("[data-page-state-text]");
    this.stateLabels = root.querySelectorAll("[data-page-state-label]");
    this.retryButton = q('[data-action="retry"]');
    this.alert = q("[data-page-alert]");
    this.copyStatus = q("[data-page-copy-status]");
    this.loading = false;
    this.started = false;    // the engine answers
    this.alertKind = null;
    this.failure = "";
    this.before = null;      // the result's state before a failure
    engine.onProgress((step) => {
      if (this.loading && root.dataset.state === "loading") this.show(root.dataset.result, this.words.step(step));
    });
  }

  // ----- the engine --------------------------------------------------------------------------

  // Start the engine (once; again after a failure, through Retry).
  load() {
    if (this.loading) return;
    this.loading = true;
    this.root.dataset.state = "loading";
    this.failure = "";
    if (this.retryButton) this.retryButton.hidden = true;
    if (!supported()) {
      this.failed(new LoadError("unsupported", "no WebAssembly or module workers"));
      return;
    }
    mark(`${this.label}:load-start`);
    // After a failure (Retry), the result is again what it was before: the example, or out of date.
    const state = this.root.dataset.result === "failed" ? this.before || "example" : this.root.dataset.result;
    this.show(state, this.words.step(this.engine.step));
    this.engine.start().then(async () => {
      this.loading = false;
      this.started = true;
      for (const b of this.root.querySelectorAll("[data-needs-engine]")) b.disabled = false;
      // data-state says "ready" only once the page shows what its link holds (or the example):
      // a reader, or a test, acting on "ready" must not have the form reset under them.
      try {
        await this.onReady();
      } finally {
        if (this.started) this.root.dataset.state = "ready";
      }
    }, (error) => this.failed(error));
  }

  retry() {
    this.engine.stop();
    this.hideAlert("engine");
    this.load();
  }

  failed(error) {
    this.loading = false;
    this.started = false;
    this.root.dataset.state = "error";
    const kind = error instanceof LoadError && FAILURE[error.kind] ? error.kind : "load";
    console.warn(`[${this.label}] could not load:`, error && error.message);
    this.failure = FAILURE[kind](error);
    if (this.retryButton) this.retryButton.hidden = kind === "unsupported";
    this.fail();
  }

  // Say that the engine is not live, remembering what the result was before.
  fail() {
    if (this.root.dataset.result !== "failed") this.before = this.root.dataset.result;
    this.show("failed");
  }

  // The engine stopped answering after it had started (a crash in the worker).
  stopped(error) {
    console.warn(`[${this.label}] stopped answering:`, error && error.message);
    this.started = false;
    this.root.dataset.state = "error";
    this.failure = "it stopped answering";
    if (this.retryButton) this.retryButton.hidden = false;
    this.fail();
  }

  // The engine answers (true from start until a failure; the page may still be opening a link).
  ready() {
    return this.started;
  }

  // ----- the result's state, where the reader is looking ---------------------------------------

  // state: example | live | updating | stale | failed. The sentence comes from the page's words
  // unless given (loading steps). A failure keeps its sentence until Retry.
  show(state, text) {
    this.root.dataset.result = state;
    const sentence = state === "failed" ? this.words.failed(this.failure) : (text || this.words[state]());
    if (this.stateText && this.stateText.textContent !== sentence) this.stateText.textContent = sentence;
    for (const el of this.stateLabels) el.textContent = LABELS[state];
  }

  // ----- warnings: they stay until the reader acts -------------------------------------------

  warn(text, kind) {
    this.alert.textContent = text;
    this.alert.hidden = false;
    this.alertKind = kind;
  }

  // Hide the warning of this kind (any kind when none is given).
  hideAlert(kind) {
    if (kind && this.alertKind !== kind) return;
    this.alert.hidden = true;
    this.alertKind = null;
  }

  // ----- the page address ----------------------------------------------------------------------

  static params(name) {
    return new URLSearchParams(location.search).getAll(name);
  }

  // Set (a string) or drop (null) query parameters in place, without a new history entry.
  // The address is written once the browser is idle (within half a second), the latest values
  // winning: writing it costs the browser a few milliseconds each time (it is saved for the
  // session), which the reader should not wait for before the result shows.
  static setAddress(values) {
    pendingAddress = { ...pendingAddress, ...values };
    if (addressSoon) return;
    addressSoon = true;
    whenIdle(() => {
      const url = new URL(location.href);
      for (const [name, value] of Object.entries(pendingAddress)) {
        if (value) url.searchParams.set(name, value);
        else url.searchParams.delete(name);
      }
      pendingAddress = {};
      addressSoon = false;
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    });
  }

  // This page's address with only the given parameters (no fragment): what a copied link opens.
  static address(values) {
    const url = new URL(location.href);
    url.hash = "";
    url.search = "";
    for (const [name, value] of Object.entries(values)) if (value) url.searchParams.set(name, value);
    return url.href;
  }

  // ----- clipboard and print -------------------------------------------------------------------

  // `text`: a string, or a promise of one (a memo the engine is still wording). A promise goes to
  // the clipboard inside this very click, as a ClipboardItem: a text made after the click is
  // refused by some browsers (Safari) otherwise.
  async copy(text, done, refused) {
    let ok = true;
    try {
      if (typeof text !== "string" && typeof ClipboardItem === "function" && navigator.clipboard.write) {
        const blob = Promise.resolve(text).then((made) => new Blob([made], { type: "text/plain" }));
        await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
      } else {
        await navigator.clipboard.writeText(await text);
      }
    } catch {
      // Clipboard API refused (permissions, an older browser): the classic way, then give up.
      try {
        text = await text;
      } catch {
        this.note(refused);
        return;
      }
      const area = document.createElement("textarea");
      area.className = "ohc-offscreen";
      area.readOnly = true;
      area.setAttribute("aria-hidden", "true");
      area.tabIndex = -1;
      area.value = text;
      this.root.append(area);
      area.select();
      try { ok = document.execCommand("copy"); } catch { ok = false; }
      area.remove();
    }
    this.note(ok ? done : refused);
  }

  note(text) {
    if (this.copyStatus) this.copyStatus.textContent = text;
  }

  // Print only this calculator or plan (calculator.css hides the rest of the page while the html
  // element has the class), with the date and the link that reopens it.
  print(meta, link) {
    this.printMeta(meta, link);
    printOnly();
  }

  // What a printed copy needs to be traced back: the date and the link (also for Ctrl+P).
  printMeta(meta, link) {
    if (meta) meta.textContent = `Printed ${new Date().toISOString().slice(0, 10)} from ${link}`;
  }
}

// Items kept on this device (localStorage, never sent anywhere): each with a `share` link code
// and the `names` it shows. A browser that refuses storage gets `refused` called with a sentence
// naming what could not be kept.
export function deviceStore(key, what, refused) {
  return {
    list() {
      try {
        const items = JSON.parse(localStorage.getItem(key) || "[]");
        return Array.isArray(items) ? items.filter((i) => i && typeof i.share === "string" && typeof i.names === "string") : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try {
        if (items.length) localStorage.setItem(key, JSON.stringify(items));
        else localStorage.removeItem(key);
        return true;
      } catch {
        refused(`This browser does not let the page keep ${what} (storage is off or full); copy the link instead.`);
        return false;
      }
    },
  };
}

// Print only the tool whose page is printing (calculator.css hides the rest of the page while the
// html element has the class).
export function printOnly() {
  const html = document.documentElement;
  html.classList.add("ohc-printing");
  addEventListener("afterprint", () => html.classList.remove("ohc-printing"), { once: true });
  window.print();
}

// Start a controller on every element matching `selector`, once each: now, and again after each
// of Material's instant navigations (document$) when the theme has them. A controller that
// throws marks its element data-state="error" (calculator.css shows the page's own fallback) and
// is logged, so one broken element never stops the others.
export function startEach(selector, label, start) {
  const started = new WeakSet();
  const startAll = () => {
    for (const root of document.querySelectorAll(selector)) {
      if (started.has(root)) continue;
      started.add(root);
      try {
        start(root);
      } catch (error) {
        root.dataset.state = "error";
        console.warn(`[${label}] could not start:`, error);
      }
    }
  };
  if (globalThis.document$ && typeof globalThis.document$.subscribe === "function") {
    globalThis.document$.subscribe(() => startAll());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll, { once: true });
  } else {
    startAll();
  }
}

// Ask `engine` so that only the reply to the latest question counts: an earlier one still in
// flight resolves to null. While the latest question is out the result carries aria-busy and the
// page says "updating" (after a short pause, so a quick answer does not flicker); if the engine
// fails, `onError(error)` is told (for the latest question only) and null returned.
export function latestOnly(engine, busy, onError, onBusy = () => {}) {
  let latest = 0;
  return async (request) => {
    const mine = ++latest;
    busy.setAttribute("aria-busy", "true");
    const slow = setTimeout(() => { if (mine === latest) onBusy(); }, 150);
    try {
      const reply = await engine.call(request);
      return mine === latest ? reply : null;
    } catch (error) {
      if (mine === latest) onError(error);
      return null;
    } finally {
      clearTimeout(slow);
      if (mine === latest) busy.removeAttribute("aria-busy");
    }
  };
}

// Replies asked for before they are needed, kept by their request (the same JSON, word for word:
// the engine answers one request alike every time, its figures seeded). Two ways a reply is
// asked for early:
// - foresee(request): a press on an answer (pointerdown) asks for the result with that answer at
//   once; a tap lasts some tens of milliseconds, so when the press ends and the answer changes,
//   the reply is on its way or already there.
// - guess(requests): once a result is painted, the changes the reader is likeliest to make next,
//   best first. They are asked one at a time, each only once the one before is answered, so the
//   worker (one thread, requests in order) keeps a reader's own question waiting behind one guess
//   at most; a new list replaces the guesses not yet asked.
// `call` hands over a kept reply for the very same request, already answered or on its way: when
// the change was foreseen, the result follows in the change's own task. Any other request is asked
// and its reply kept too, so going back to earlier answers is immediate as well. The last `keep`
// replies are kept; a reply that failed to arrive (the worker stopped) is not.
export class Foresight {
  constructor(engine, keep = 48) {
    this.engine = engine;
    this.keep = keep;
    this.kept = new Map();     // request JSON -> promise of its reply, the most recently used last
    this.queue = [];           // [JSON, request] of the guesses not yet asked
    this.guessing = false;
  }

  call(request) {
    return this.ask(JSON.stringify(request), request);
  }

  foresee(request) {
    this.ask(JSON.stringify(request), request).catch(() => {});   // a failure is reported to whoever takes it
  }

  guess(requests) {
    this.queue = requests.map((request) => [JSON.stringify(request), request]);
    if (!this.guessing) this.askGuesses();
  }

  async askGuesses() {
    this.guessing = true;
    while (this.queue.length) {
      const [key, request] = this.queue.shift();
      if (!this.kept.has(key)) await this.ask(key, request).catch(() => {});
    }
    this.guessing = false;
  }

  ask(key, request) {
    let reply = this.kept.get(key);
    if (reply) {
      this.kept.delete(key);   // used: now the most recent
    } else {
      reply = this.engine.call(request);
      reply.catch(() => { if (this.kept.get(key) === reply) this.kept.delete(key); });
    }
    this.kept.set(key, reply);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.keep) break;
      this.kept.delete(oldest);
    }
    return reply;
  }
}

// Where a memo's links go (calculator/addresses.py): the site's address (the page's configured
// site URL when it is an http(s) URL or a path, else the root) and its tools' pages as the build
// found them. Spread into each request that can make a memo.
export function memoAddress(config) {
  const url = config.siteUrl;
  const address = { site_url: typeof url === "string" && /^(https?:\/\/|\/)/.test(url) ? url : "/" };
  if (config.pages && typeof config.pages === "object") address.pages = config.pages;
  return address;
}

// Start after first paint: a frame callback runs just before the next paint, and the timeout it
// sets runs after it.
export function afterPaint(run) {
  requestAnimationFrame(() => setTimeout(run, 0));
}

// Run when the browser has nothing else to do, or after half a second at the latest.
export function whenIdle(run) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 50);
}

// Resolve once the browser has painted: long work is done in slices with `await nextFrame()`
// between them, so the page is laid out and painted, and input handled, between slices instead of
// all at once (a mid-range phone runs scripts and layout at about a quarter of a desktop's speed;
// the budget is 50 ms a task there).
export function nextFrame() {
  return new Promise((resolve) => afterPaint(resolve));
}

// ----- the engine's views ----------------------------------------------------------------------

// The memo (Markdown) for the result shown, worded by the engine only when the reader copies it,
// not on every answer: the page's requests say `memo: false`, and `remember` keeps the request
// behind the result shown; `text()` is a promise of its memo, asked for once.
export class Memo {
  constructor(engine) {
    this.engine = engine;
    this.request = null;
    this.pending = null;
  }

  remember(request) {
    const { page, ...rest } = request;
    this.request = { ...rest, memo: true };
    this.pending = null;
  }

  text() {
    if (!this.request) return Promise.reject(new Error("no result yet"));
    if (!this.pending) {
      this.pending = this.engine.call(this.request).then((reply) => {
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.memo;
      }).catch((error) => {
        this.pending = null;   // asked again on the next copy
        throw error;
      });
    }
    return this.pending;
  }
}

// Where the engine lays out a view for this page (calculator/view_trees.py's Place, the build
// sends the same): the tool's id, the level of the view's section headings (one below `title`,
// the tool's own heading), the site root's path and the link text of each guide section.
export function placeOf(root, config, title) {
  return {
    uid: root.id,
    heading: Number(title.tagName.slice(1)) + 1,
    link_base: siteRoot().pathname,
    guides: config.guides || {},
  };
}

// Show the engine's element tree in `target` (present.mjs mounts it; a refused tree leaves the
// target as it was), with links to sections of this very page kept on the page.
export function showTree(target, nodes) {
  mountInto(target, nodes, (node) => { if (node.querySelectorAll) stayOnPage(node); });
}

// A link to a section of this page becomes a fragment, so following it keeps the reader's answers
// (the address has them in its query, which the built link does not). The build cannot do this:
// not every generator tells it which page it is rendering, so its links start at the site root.
export function stayOnPage(container) {
  for (const link of container.querySelectorAll("a[href]")) {
    const url = new URL(link.getAttribute("href"), location.href);
    if (url.origin === location.origin && url.pathname === location.pathname && url.hash) {
      link.setAttribute("href", url.hash);
    }
  }
}

// An element with attributes and children (text or nodes), for the page's own controls.
export function h(tag, attrs, ...children) {
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
