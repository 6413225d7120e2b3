// The site's one page script (mkdocs.yml extra_javascript). It loads the calculator's, the
// planner's or the provider comparison's controller only on a page that has one, so a guide
// page runs a few lines and no more.
// Module scripts run once the document is parsed, so the elements are already there.

if (document.querySelector("[data-calculator]")) import("./calculator.mjs");
if (document.querySelector("[data-plan]")) import("./plan.mjs");
if (document.querySelector("[data-providers]")) import("./providers.mjs");
