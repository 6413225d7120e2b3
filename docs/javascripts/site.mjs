// The site's one page script (mkdocs.yml extra_javascript). It loads the calculator's or the
// planner's controller only on a page that has one, so a guide page runs a few lines and no more.
// Module scripts run once the document is parsed, so the elements are already there.

if (document.querySelector("[data-calculator]")) import("./calculator.mjs");
if (document.querySelector("[data-plan]")) import("./plan.mjs");
