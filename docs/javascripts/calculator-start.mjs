// Starts the calculator's engine as early as the page allows (issue 23: answers that respond at
// once on a phone). Loaded `async` from the <head> of the pages whose calculator or planner is
// the page itself (overrides/main.html), so it runs while the page is still being parsed and
// before the theme's scripts. The template copies the calculator's runtime config onto the
// script tag (data-calculator-early), so the worker starts at once, while the parser still
// waits for the stylesheets; without it (a template that could not copy it) it starts when the
// parser inserts the calculator's element. Either way Python downloads and starts while the
// page does its own work. Guide pages with the calculator inline do not load it: their
// calculator starts when it comes into view (calculator.mjs), so a reader who never scrolls to
// it downloads nothing.
//
// The controllers (calculator.mjs, plan.mjs) get the same Engine (engineFor keeps one per
// lockfile) and wait on the same start; they report any failure, so none is reported here.

import { engineFor, supported } from "./calculator-client.mjs";

const SELECTOR = '[data-calculator][data-variant="page"][data-calculator-config], [data-plan-config]';

function startWith(text) {
  let config;
  try {
    config = JSON.parse(text || "{}");
  } catch {
    return false;   // the controller reports a broken config
  }
  if (!config.runtime || !supported()) return false;
  engineFor(config).start().catch(() => {});
  return true;
}

function startFirst() {
  const root = document.querySelector(SELECTOR);
  return root ? startWith(root.dataset.calculatorConfig || root.dataset.planConfig) : false;
}

const early = document.querySelector("script[data-calculator-early]");
if (!(early && startWith(early.dataset.calculatorEarly)) && !startFirst() && document.readyState === "loading") {
  const watch = new MutationObserver(() => {
    if (startFirst()) watch.disconnect();
  });
  watch.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => watch.disconnect(), { once: true });
}
