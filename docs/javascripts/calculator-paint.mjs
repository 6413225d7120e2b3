// Painters: the engine's display-ready views (calculator/view.py, cost_view.py, plan_view.py)
// turned into DOM, with textContent only (never innerHTML with data).
//
// They word nothing themselves: every sentence comes from the engine's view. The build paints the
// same views with Jinja templates (build/.../templates/result.html, cost.html) for the result at
// first paint, in exactly this markup; tests/browser compare the two for the example answers.

const SVG = "http://www.w3.org/2000/svg";

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAll(el, attrs);
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  setAll(el, attrs);
  append(el, children);
  return el;
}

function setAll(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) el.setAttribute(name, String(value));
  }
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

// Where painted links point. `root` is the site root's path ("/"); `page` is the current page's
// path, so that a link to a section of this very page stays a fragment (no reload: the reader's
// answers stay where they are). `titles` maps a guide URL to its link text ("Guide: ...").
export class Links {
  constructor(root, page, titles) {
    this.root = root.endsWith("/") ? root : `${root}/`;
    this.page = page;
    this.titles = titles || {};
  }

  href(url) {
    const [path, anchor] = url.split("#");
    const target = this.root + path;
    return target === this.page && anchor ? `#${anchor}` : `${target}${anchor ? `#${anchor}` : ""}`;
  }

  guide(guide) {
    if (!guide) return null;
    const text = this.titles[guide.url] || `Guide: ${guide.url.split("#")[1].replace(/-/g, " ")}`;
    return h("a", { href: this.href(guide.url) }, text);
  }
}

function items(list, links) {
  return h("ul", null, list.map((item) => h("li", null,
    item.text,
    item.note ? [" ", h("span", { class: "ohc-item-note" }, `(${item.note})`)] : null,
    item.guide ? [" ", links.guide(item.guide)] : null)));
}

// The result body: verdict and outcome, scores, confidence, then each section of the view.
export function paintResult(view, { uid, level, links }) {
  const out = [];
  out.push(h("p", { class: "ohc-verdict", "data-section": "verdict" },
    h("span", { class: `ohc-badge ohc-badge--${view.verdict}` }, view.verdict_label), " ", view.outcome));
  out.push(h("div", { class: "ohc-scores", "data-section": "scores" }, view.scores.map((row) => {
    const id = `${uid}-score-${row.model}`;
    const classes = ["ohc-score"];
    if (row.top) classes.push("ohc-score--top");
    if (row.status) classes.push(`ohc-score--${row.status}`);
    return h("div", { class: classes.join(" "), "data-model": row.model },
      h("label", { class: "ohc-score__name", for: id }, row.name),
      h("meter", { class: "ohc-score__bar", id, min: 0, max: 100, value: row.value }, `${row.display} of 100`),
      h("span", { class: "ohc-score__value" }, row.display),
      row.note ? h("span", { class: "ohc-score__note" }, row.note) : null);
  })));
  if (view.confidence) out.push(h("p", { class: "ohc-confidence", "data-section": "confidence" }, view.confidence));
  for (const section of view.sections) {
    out.push(h("div", {
      class: section.tone ? `ohc-section ohc-section--${section.tone}` : "ohc-section",
      "data-section": section.id,
    }, h(`h${level + 1}`, { class: "ohc-subtitle" }, section.title), items(section.items, links)));
  }
  return out;
}

// The cost comparison: headline, chart (one SVG bar per model, in percent of the widest), the
// same figures as a table, then the sentences.
export function paintCost(view, { uid, level }) {
  const out = [h("p", { class: "ohc-cost__headline", "data-section": "cost-headline" }, h("strong", null, view.headline))];
  if (view.chart.bars.length) {
    out.push(h("figure", { class: "ohc-chart", "data-section": "cost-chart", "aria-labelledby": `${uid}-chart-title` },
      h("figcaption", { class: "ohc-chart__title", id: `${uid}-chart-title` }, view.chart.title),
      h("ul", { class: "ohc-chart__legend" }, view.legend.map((entry) => h("li", null,
        h("span", { class: `ohc-swatch ohc-swatch--${entry.line}`, "aria-hidden": "true" }), entry.label))),
      h("div", { class: "ohc-chart__bars" }, view.chart.bars.map((bar) => h("div", { class: "ohc-chart__row", "data-model": bar.model },
        h("p", { class: "ohc-chart__label" }, `${bar.name}: `, h("strong", null, bar.total),
          bar.note ? [" ", h("span", { class: "ohc-item-note" }, `(${bar.note})`)] : null),
        s("svg", {
          class: "ohc-chart__bar", viewBox: "0 0 100 8", preserveAspectRatio: "none", role: "img",
          "aria-label": `${bar.name}: ${bar.segments.map((seg) => `${seg.label.toLowerCase()} ${seg.value}`).join(", ")}`,
        }, bar.segments.map((seg) => s("rect", {
          class: `ohc-seg ohc-seg--${seg.line}`, x: seg.x, y: 0, width: seg.width, height: 8,
        }, s("title", null, `${seg.label}: ${seg.value}`)))))))));
  }
  const labels = view.labels;
  out.push(h("div", { class: "ohc-cost-table", "data-section": "cost-table" },
    h("table", null,
      h("caption", null, labels.caption),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, labels.model),
        view.columns.map((col) => h("th", { scope: "col" }, col.label)), h("th", { scope: "col" }, labels.total))),
      h("tbody", null, view.rows.map((row) => h("tr", { "data-model": row.model, "data-status": row.status },
        h("th", { scope: "row" }, row.name, row.note ? [" ", h("span", { class: "ohc-item-note" }, `(${row.note})`)] : null),
        view.columns.map((col) => h("td", { "data-label": col.label }, row.cells[col.id])),
        h("td", { "data-label": labels.total }, row.total)))))));
  if (view.lines.length) {
    out.push(h("div", { class: "ohc-section", "data-section": "cost-notes" },
      h(`h${level + 1}`, { class: "ohc-subtitle" }, labels.notes),
      h("ul", null, view.lines.map((line) => h("li", null, line)))));
  }
  return out;
}

// A plan: the summary, one row per workstream, the steps in order, the cost, and any notes
// about a plan link that could not be read whole.
export function paintPlan(view, { level, links }) {
  const out = [h("p", { class: "ohp-summary", "data-section": "plan-summary" }, h("strong", null, view.summary))];
  const [, modelLabel, waitingLabel, shiftLabel] = view.columns;
  out.push(h("div", { class: "ohc-cost-table ohp-table", "data-section": "plan-table" }, h("table", null,
    h("caption", null, view.caption),
    h("thead", null, h("tr", null, view.columns.map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", null, view.rows.map((row) => h("tr", null,
      h("th", { scope: "row" }, row.name),
      h("td", { "data-label": modelLabel }, row.model, " ", h("span", { class: "ohc-item-note" }, `(${row.verdict_label})`),
        row.reason ? [h("br"), h("span", { class: "ohp-reason" }, row.reason)] : null,
        row.cautions.map((caution) => [h("br"), h("span", { class: "ohp-caution" }, caution)])),
      h("td", { "data-label": waitingLabel }, row.waiting_text),
      h("td", { "data-label": shiftLabel }, row.shift_text)))))));
  for (const step of view.timeline) {
    out.push(h("div", { class: "ohc-section", "data-section": "plan-step" },
      h(`h${level + 1}`, { class: "ohc-subtitle" }, step.label),
      h("ul", null, step.items.map((item) => h("li", null, item)),
        step.guide ? h("li", null, links.guide(step.guide)) : null)));
  }
  if (view.cost) out.push(h("p", { class: "ohp-cost", "data-section": "plan-cost" }, view.cost));
  if (view.notes.length) {
    out.push(h("div", { class: "ohc-section ohc-section--info", "data-section": "plan-notes" },
      h(`h${level + 1}`, { class: "ohc-subtitle" }, view.notes_title),
      h("ul", null, view.notes.map((note) => h("li", null, note)))));
  }
  return out;
}
