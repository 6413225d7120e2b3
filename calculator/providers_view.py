"""The provider evaluation as a reader sees it, worded once: an element tree (calculator/present.py)
that the build serialises to HTML, the browser mounts (docs/javascripts/present.mjs), and the
memo and the command line turn into Markdown and plain text with the generic renderers.

Sections, in reading order (each a ``section`` with ``data-section``): the headline, the
ranking, the sensitivity (what would change the winner, cautions), the exclusions, how the
evaluation was set (when the criteria were fixed, the split, the price method, the criteria and
their weights), the scores with their evidence notes, and notes on the costs.

Links start with ``link_base``: the site root's path for the page (the build and the browser
pass the same one, so both make the same tree), or the site's address for a memo.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .cost_view import LINE_LABELS, money
from .present import El, Node, to_markdown, to_text
from .view import join_words, percent

__all__ = ["memo_markdown", "memo_text", "providers_view"]

TITLE = "Provider evaluation"
def _points(value: float) -> str:
    """Points as the tables show them: one decimal place (81.46 -> '81.5')."""
    return f"{value:.1f}"


def _exact(value: float, currency: str) -> str:
    """A flipping cost to the cent, because the boundary is exact to the cent."""
    return f"{currency}{value:,.2f}"


def _href(link_base: str, guide: str) -> str:
    """'sources.md#src-x' as a link from the site root: '<base>/sources/#src-x'."""
    page, _, anchor = guide.partition("#")
    path = "" if page == "index.md" else page[: -len(".md")] + "/"
    return f"{link_base.rstrip('/')}/{path}" + (f"#{anchor}" if anchor else "")


def _scroll_box(table: El) -> El:
    """A wide table in a box that scrolls sideways on a phone; the box takes keyboard focus so it
    can be scrolled without a mouse (axe: scrollable-region-focusable). No landmark role: a page
    may show two evaluations (the tool and a worked example), and landmarks must be unique."""
    return El("div", {"class": "ohv-table", "tabindex": "0"}, [table])


def _quoted(label: str) -> str:
    return f"“{label}”"


def _section(sid: str, title: str | None, body: Sequence[Node | None], level: int) -> El:
    heading = El(f"h{level}", {}, [title]) if title else None
    return El("section", {"data-section": sid, "class": f"ohv-section ohv-section--{sid}"}, [heading, *body])


def _headline(r: Mapping[str, Any]) -> str:
    ranked = r["ranked"]
    if not ranked:
        return "Every proposal fails at least one pass/fail criterion, so none can be ranked."
    if r["tied"]:
        return f"{join_words(r['tied'])} tie for first place on {_points(ranked[0]['total'])} of 100."
    first = ranked[0]
    if len(ranked) == 1:
        return f"{first['name']} is the only proposal that passes every gate: {_points(first['total'])} of 100."
    return (f"{first['name']} has the highest total: {_points(first['total'])} of 100, "
            f"{_points(r['margin'])} points ahead of {ranked[1]['name']}.")


def _ranking(r: Mapping[str, Any], level: int) -> El | None:
    if not r["ranked"]:
        return None
    cur = r["currency"]
    head = ["Rank", "Provider", f"Quality (of {r['quality_weight']})", f"Whole-life cost ({r['horizon_months']} months)",
            f"Price score (of {r['price_weight']})", "Total (of 100)"]
    rows = [El("tr", {"data-provider": p["name"], "data-rank": p["rank"]}, [
        El("td", {}, [str(p["rank"])]), El("th", {"scope": "row"}, [p["name"]]),
        El("td", {}, [_points(p["quality"])]), El("td", {}, [money(p["cost"], cur)]),
        El("td", {}, [_points(p["price_score"])]), El("td", {}, [El("strong", {}, [_points(p["total"])])]),
    ]) for p in r["ranked"]]
    table = El("table", {}, [
        El("caption", {}, ["Proposals that pass every gate, highest total first"]),
        El("thead", {}, [El("tr", {}, [El("th", {"scope": "col"}, [h]) for h in head])]),
        El("tbody", {}, rows),
    ])
    return _section("ranking", "Ranking", [_scroll_box(table)], level)


def _sensitivity(r: Mapping[str, Any], link_base: str, level: int) -> El | None:
    if not r["ranked"]:
        return None
    cur = r["currency"]
    items: list[Node] = []
    winner = r["winner"]
    if winner and len(r["ranked"]) > 1:
        flip = r["weight_flip"]
        if flip is None:
            items.append("No change to a single weight (from 0 to 100), nor to the quality/price split, puts "
                         f"another provider ahead of {winner}.")
        elif flip["criterion"] == "price":
            items.append(f"Moving the price weight from {flip['from']} to {flip['to']} points (quality "
                         f"{100 - flip['to']}) would put {flip['leader']} first; no smaller change to a single "
                         "weight does.")
        else:
            items.append(f"Changing the weight of {_quoted(flip['label'])} from {flip['from']} to {flip['to']} "
                         f"would put {flip['leader']} first; no smaller change to a single weight does.")
        flip = r["price_flip"]
        if flip is None:
            items.append(f"No change to a single provider's cost puts another provider ahead of {winner}.")
        else:
            change = percent(flip["relative"])
            if flip["provider"] == winner:
                items.append(f"If {winner}'s whole-life cost rose from {_exact(flip['from'], cur)} to "
                             f"{_exact(flip['to'], cur)} ({change} more), {flip['leader']} would be first.")
            else:
                items.append(f"If {flip['provider']}'s whole-life cost fell from {_exact(flip['from'], cur)} to "
                             f"{_exact(flip['to'], cur)} ({change} less), {flip['leader']} would be first.")
        rests = r["rests_on"]
        if rests:
            labels = join_words([_quoted(x["label"]) for x in rests])
            which = "it" if len(rests) == 1 else "any one of them"
            items.append(El("strong", {}, [f"{winner}'s lead rests on {'' if len(rests) == 1 else 'each of '}{labels}: "
                                           f"without {which}, another provider would be first. "
                                           "Check the scores there before relying on the result."]))
        if r["wins_on_price"]:
            better = r["wins_on_price"]["higher_quality"]
            items.append(f"{winner} wins on price: {join_words(better)} {'has' if len(better) == 1 else 'have'} "
                         "a higher quality score. Make sure the lower price buys the service you need.")
    rule = r["low_price_rule"]  # where the flag's trigger and the duty to ask come from
    for low in r["low_prices"]:
        items.append(El("span", {}, [
            f"{low['provider']}'s whole-life cost ({money(low['cost'], cur)}) is {percent(low['below'])} below the "
            f"adjusted average of {money(low['adjusted_average'], cur)} (the average without the highest). "
            "Ask how the price is made up before relying on it: public buyers must ask for an explanation of a "
            "price that looks abnormally low. ",
            El("a", {"href": _href(link_base, rule["rule_guide"])}, [f"Source: {rule['rule_cite']}"]),
            "; ",
            El("a", {"href": _href(link_base, rule["basis_guide"])},
               [f"the {percent(rule['below'])} trigger: {rule['basis_cite']}"]),
            ".",
        ]))
    if not items:
        return None
    return _section("sensitivity", "What would change the result", [El("ul", {}, [El("li", {}, [i]) for i in items])], level)


def _excluded(r: Mapping[str, Any], level: int) -> El | None:
    if not r["excluded"]:
        return None
    items = [El("li", {"data-provider": e["name"]}, [
        El("strong", {}, [e["name"]]),
        f": fails {join_words([_quoted(f['label']) for f in e['failed']])}, so it is not scored or ranked.",
    ]) for e in r["excluded"]]
    return _section("excluded", "Excluded", [El("ul", {}, items)], level)


def _setup(r: Mapping[str, Any], method: Mapping[str, Any], link_base: str, level: int) -> El:
    fixed = (f"Criteria and weights fixed on {r['fixed_on']}, before the proposals were scored."
             if r["fixed_on"] else
             "The criteria and weights were not recorded as fixed before scoring. Fix them before reading the "
             "proposals, so that no weight can be tuned to favour one.")
    split = (f"{r['model_name']} proposals. Quality {r['quality_weight']} points, price {r['price_weight']} points, "
             f"over {r['horizon_months']} months.")
    rows = []
    for c in r["criteria"]:
        basis: Node = "Your own" if c["custom"] else El("a", {"href": _href(link_base, c["basis_guide"])}, [c["basis_cite"]])
        rows.append(El("tr", {"data-criterion": c["id"]}, [
            El("th", {"scope": "row"}, [c["label"]]),
            El("td", {}, ["Pass or fail" if c["kind"] == "pass_fail" else "Scored 0 to 5"]),
            El("td", {}, ["" if c["kind"] == "pass_fail" else str(c["weight"])]),
            El("td", {}, ["" if c["kind"] == "pass_fail" else f"{c['share']:g}%"]),
            El("td", {}, [basis]),
        ]))
    table = El("table", {}, [
        El("caption", {}, ["Criteria and weights"]),
        El("thead", {}, [El("tr", {}, [El("th", {"scope": "col"}, [h]) for h in
                                       ("Criterion", "Kind", "Weight", "Share of quality", "Basis")])]),
        El("tbody", {}, rows),
    ])
    return _section("setup", "How the evaluation was set", [
        El("p", {"data-section": "fixed"}, [El("strong", {}, [fixed])]),
        El("p", {}, [split]),
        El("p", {}, [El("strong", {}, [f"{method['name']}."]), f" {method['formula'][0].upper()}{method['formula'][1:]}. ",
                     method["explanation"], " ",
                     El("a", {"href": _href(link_base, method["basis_guide"])}, [f"Source: {method['basis_cite']}"]), "."]),
        _scroll_box(table),
    ], level)


def _scores(r: Mapping[str, Any], level: int) -> El | None:
    everyone = r["ranked"] + r["excluded"]
    if not everyone:
        return None
    rows = []
    for c in r["criteria"]:
        cells: list[Node] = [El("th", {"scope": "row"}, [c["label"]])]
        for p in everyone:
            if c["kind"] == "pass_fail":
                shown = "Pass" if p["passes"][c["id"]] else "Fail"
            else:
                shown = str(p["scores"][c["id"]])
            note = p["notes"].get(c["id"])
            cells.append(El("td", {}, [El("strong", {}, [shown]), *([" ", El("small", {}, [note])] if note else [])]))
        rows.append(El("tr", {"data-criterion": c["id"]}, cells))
    table = El("table", {}, [
        El("caption", {}, ["Scores (0 to 5) and gates, with the evidence noted for each"]),
        El("thead", {}, [El("tr", {}, [El("th", {"scope": "col"}, ["Criterion"])]
                                    + [El("th", {"scope": "col"}, [p["name"]]) for p in everyone])]),
        El("tbody", {}, rows),
    ])
    return _section("scores", "Scores and evidence", [_scroll_box(table)], level)


def _cost_notes(r: Mapping[str, Any], level: int) -> El | None:
    items = []
    for p in r["ranked"]:
        if p["missing"]:
            lines = join_words([LINE_LABELS[m].lower() for m in p["missing"]])
            items.append(El("li", {}, [f"{p['name']}: no figures entered for {lines}; they count as nothing in its cost."]))
    if not items:
        return None
    return _section("cost-notes", "About the costs", [El("ul", {}, items)], level)


def providers_view(r: Mapping[str, Any], method: Mapping[str, Any], link_base: str = "/", level: int = 3) -> El:
    """The whole evaluation as one tree; ``method`` is the price method as providers_schema() gives it."""
    return El("div", {"class": "ohv", "data-section": "evaluation"}, [
        El("p", {"class": "ohv-headline", "data-section": "headline"}, [El("strong", {}, [_headline(r)])]),
        _ranking(r, level),
        _sensitivity(r, link_base, level),
        _excluded(r, level),
        _setup(r, method, link_base, level),
        _scores(r, level),
        _cost_notes(r, level),
    ])


def memo_markdown(r: Mapping[str, Any], method: Mapping[str, Any], site_url: str, link: str | None) -> str:
    """The evaluation memo in Markdown: a title, the tree (links to the site's address) and the link."""
    body = to_markdown(providers_view(r, method, site_url, level=3), heading_offset=-1)
    tail = f"\n[Open this evaluation]({link})\n" if link else ""
    return f"# {TITLE}\n\n{body}{tail}"


def memo_text(r: Mapping[str, Any], method: Mapping[str, Any]) -> str:
    """The evaluation as plain text, for the command line."""
    return to_text(providers_view(r, method, "/", level=3))
