"""The model card laid out as an element tree (calculator/card_tree.py), engine only: no build.

Checked here: the exact markup of a small card written by hand (the page's styles and the
build's tests rely on these classes and ids), and over the real card every piece of its data
reaching the tree's text, every link starting at the place's site root and going to a guide
or source the card names, every heading at the place's level, and ids unique.
"""

from __future__ import annotations

import pytest

from calculator import model_card
from calculator.card_tree import card_tree, effect
from calculator.present import El, to_html, to_text
from calculator.view_trees import Place


def html(nodes) -> str:
    return "".join(to_html(node) for node in nodes)


def _guide(url: str) -> dict:
    page, anchor = url.split("/#")
    return {"page": f"{page}.md", "anchor": anchor, "url": url}


def _source(ident: str, cite: str) -> dict:
    return {"id": ident, "cite": cite, "guide": _guide(f"sources/#src-{ident}")}


SMALL = {
    "model_version": "9.1",
    "formula": "score = f(x)",
    "effect_range": [-2, 2],
    "weight_range": [0, 5],
    "total_weight": 3,
    "models": [{"id": "aug", "name": "staff augmentation", "short": "Aug"},
               {"id": "ms", "name": "managed services", "short": "MS"}],
    "questions": [{
        "id": "who_leads", "prompt": "Who leads?", "help": "The day to day.", "weight": 3, "core": True,
        "guide": _guide("guide/#who-leads"), "note": "Both agree.", "sources": [_source("a", "A & B")],
        "options": [
            {"id": "us", "label": "Us", "effects": {"aug": 2, "ms": -1}, "why": "We <lead>.",
             "basis": [_source("a", "A & B"), _source("c", "C (2020)")]},
            {"id": "them", "label": "Them", "effects": {"aug": 0, "ms": 1}, "why": "They lead.", "basis": []},
        ],
    }],
    "applies": [
        {"option": "build", "label": "Building", "models": ["aug"],
         "outside": [{"model": "ms", "text": "Not a service."}], "guide": _guide("other/#projects"),
         "basis": [_source("c", "C (2020)")]},
        {"option": "run", "label": "Running", "models": ["aug", "ms"], "outside": [], "guide": None, "basis": []},
    ],
    "steps": [{"id": "hand_over", "label": "Hand over direction", "guide": _guide("ready/#hand-over")}],
    "gates": [{
        "id": "provider_leads", "models": ["ms"], "step": "hand_over", "text": "You lead.",
        "when": [{"question": "who_leads", "prompt": "Who leads?", "options": ["us"], "labels": ["Us"]},
                 {"question": "size", "prompt": "How big?", "options": ["s", "m"], "labels": ["Small", "Mid"]}],
        "basis": [_source("a", "A & B")],
        "tolerated": [{"model": "aug", "text": "It is yours anyway."}], "tolerated_basis": [_source("c", "C (2020)")],
    }],
    "warnings": [{"id": "clash", "text": "These pull apart.", "guide": _guide("guide/#clash"), "models": [],
                  "when": [{"question": "who_leads", "prompt": "Who leads?", "options": ["them"],
                            "labels": ["Them"]}]}],
    "pointers": [{"id": "elsewhere", "text": "Look elsewhere.", "guide": _guide("other/#elsewhere"), "models": [],
                  "when": [{"question": "who_leads", "prompt": "Who leads?", "options": ["us", "them"],
                            "labels": ["Us", "Them"]},
                           {"question": "size", "prompt": "How big?", "options": ["s"], "labels": ["Small"]}]}],
    "tie_break": ["aug", "ms"],
    "thresholds": {"fits_above": 50, "close_call": 6, "leaning": 12, "provisional_below": 4,
                   "robustness_samples": 200, "robustness_spread": 0.5, "fill_in_samples": 100,
                   "robustness_seed": 7},
}
SMALL_PLACE = Place(heading=4, link_base="/docs/", guides={"guide/#who-leads": "Guide: Who leads the work"})

# Written by hand from the layout card_tree.py promises (the old model_card.html template's).
SMALL_HTML = (
    '<p>Model version <strong>9.1</strong>. 1 questions; effects run from \u22122 to +2, weights from 0 to 5 '
    '(3 in all by default). The score: <code>score = f(x)</code>.</p>'
    '<h4 class="ohc-card__question" id="card-who-leads">1. Who leads?</h4>'
    '<p>The day to day. Weight <strong>3</strong> of 5; the one deciding question. '
    '<a href="/docs/guide/#who-leads">Guide: Who leads the work</a></p>'
    '<div class="ohc-card__wrap"><table class="ohc-card__table">'
    '<caption>Effect of each answer, question 1</caption>'
    '<thead><tr><th scope="col">Answer</th><th scope="col">Aug</th><th scope="col">MS</th></tr></thead>'
    '<tbody>'
    '<tr><th scope="row">Us</th><td class="ohc-card__effect ohc-card__effect--plus">+2</td>'
    '<td class="ohc-card__effect ohc-card__effect--minus">\u22121</td></tr>'
    '<tr><th scope="row">Them</th><td class="ohc-card__effect ohc-card__effect--zero">0</td>'
    '<td class="ohc-card__effect ohc-card__effect--plus">+1</td></tr>'
    '</tbody></table></div>'
    '<ul class="ohc-card__why">'
    '<li><strong>Us:</strong> We &lt;lead&gt;. '
    '<span class="ohc-card__cite">(<a href="/docs/sources/#src-a">A &amp; B</a>; '
    '<a href="/docs/sources/#src-c">C (2020)</a>)</span></li>'
    '<li><strong>Them:</strong> They lead. <span class="ohc-card__cite">()</span></li>'
    '</ul>'
    '<p class="ohc-card__source"><strong>Sources:</strong> Both agree. '
    '(<a href="/docs/sources/#src-a">A &amp; B</a>)</p>'
    '<h4 id="card-applies">Which models apply to the work</h4>'
    '<p>A model that does not apply to the kind of work is never proposed, whatever the other answers say.</p>'
    '<ul>'
    '<li><strong>Building:</strong> staff augmentation. Not a service. '
    '<a href="/docs/other/#projects">Guide: projects</a> '
    '<span class="ohc-card__cite">(<a href="/docs/sources/#src-c">C (2020)</a>)</span></li>'
    '<li><strong>Running:</strong> staff augmentation, managed services.</li>'
    '</ul>'
    '<h4 id="card-gates">Readiness gates</h4>'
    '<p>A gated model is never recommended, paired or offered for now; the step lifts the gate.</p>'
    '<div class="ohc-card__wrap"><table class="ohc-card__table">'
    '<caption>Each gate: the models it holds back, the answers that trigger it and the step that lifts it</caption>'
    '<thead><tr><th scope="col">Models</th><th scope="col">When</th><th scope="col">Step, and why</th></tr></thead>'
    '<tbody><tr id="card-gate-provider-leads"><td>managed services</td>'
    '<td>Who leads? <em>Us</em>; How big? <em>Small or Mid</em></td>'
    '<td><a href="/docs/ready/#hand-over">Hand over direction</a>: You lead. '
    '<span class="ohc-card__cite">(<a href="/docs/sources/#src-a">A &amp; B</a>)</span> '
    'Not staff augmentation: It is yours anyway. '
    '<span class="ohc-card__cite">(<a href="/docs/sources/#src-c">C (2020)</a>)</span></td></tr></tbody>'
    '</table></div>'
    '<h4 id="card-warnings">Warnings: answers that pull against each other</h4>'
    '<div class="ohc-card__wrap"><table class="ohc-card__table">'
    '<caption>A warning shows when all its answers are given</caption>'
    '<thead><tr><th scope="col">When these answers are given</th><th scope="col">The calculator warns</th></tr></thead>'
    '<tbody><tr><td>Who leads? <em>Them</em></td>'
    '<td>These pull apart. <a href="/docs/guide/#clash">Guide: clash</a></td></tr></tbody>'
    '</table></div>'
    '<h4 id="card-pointers">Pointers: work none of the three is for</h4>'
    '<ul><li>When \u201cWho leads?\u201d is <em>Us or Them</em> and \u201cHow big?\u201d is <em>Small</em>: '
    'Look elsewhere. <a href="/docs/other/#elsewhere">Guide: elsewhere</a></li></ul>'
    '<h4 id="card-thresholds">Thresholds, ties and robustness</h4>'
    '<ul>'
    '<li>A model fits when it applies to the work and its score is above 50: the answers on balance argue for it. '
    'Only a ready model that fits is proposed; when none is ready and a gated one fits, the result names its '
    'steps, in order; when none fits, it says so.</li>'
    '<li>Close call: the top two ready models that fit less than 6 points apart, with answers arguing for each; '
    'leaning under 12 points; a clear fit from 12.</li>'
    '<li>Provisional with fewer than 4 answers.</li>'
    '<li>Equal scores go to the model that leaves more control with you: '
    'staff augmentation, then managed services.</li>'
    '<li>Robustness: 200 weightings with every weight multiplied by a random factor between 0.5 and 1.5, and 100 '
    'random ways to answer the unanswered questions; fixed seed 7, so the figures never change for the same '
    'answers.</li>'
    '</ul>'
)


def test_a_small_card_has_the_exact_markup() -> None:
    assert html(card_tree(SMALL, SMALL_PLACE)) == SMALL_HTML


def test_the_warnings_caption_says_when_some_warnings_need_a_provider_model() -> None:
    card = {**SMALL, "warnings": [{**SMALL["warnings"][0], "models": ["ms"]}]}
    assert ("<caption>A warning shows when all its answers are given (some only when a provider model is "
            "proposed)</caption>") in html(card_tree(card, SMALL_PLACE))


def test_a_deciding_question_says_how_many_there_are() -> None:
    """Counted from the card, not written in: the real card has four, this one has two."""
    second = {**SMALL["questions"][0], "id": "how_long", "prompt": "How long?"}
    card = {**SMALL, "questions": [SMALL["questions"][0], second]}
    assert html(card_tree(card, SMALL_PLACE)).count("; one of the two deciding questions. ") == 2
    real = model_card()
    assert html(card_tree(real, Place())).count("; one of the four deciding questions. ") == sum(
        q["core"] for q in real["questions"]) == 4


def test_effects_are_signed_with_a_true_minus() -> None:
    assert [effect(v) for v in (-2, -1, 0, 1, 2)] == ["\u22122", "\u22121", "0", "+1", "+2"]


# ----- the real card -------------------------------------------------------------------------

CARD = model_card()
GUIDE_TEXTS = {"how-to-choose/#who-directs": "Guide: Who directs the work"}


def _words(text: str) -> str:
    return " ".join(text.split())


def _elements(node):
    if isinstance(node, El):
        yield node
        for child in node.children:
            yield from _elements(child)


def _guide_urls(data) -> set[str]:
    """Every guide or source URL anywhere in the card's data."""
    if isinstance(data, dict):
        found = {data["url"]} if isinstance(data.get("url"), str) and "anchor" in data else set()
        return found.union(*(_guide_urls(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_guide_urls(v) for v in data))
    return set()


def _card_texts(card) -> list[str]:
    """Every piece of reader text the card's data holds that the page must show."""
    texts = []
    for q in card["questions"]:
        texts += [q["prompt"], q["help"], q["note"]]
        for o in q["options"]:
            texts += [o["label"], o["why"]]
    for a in card["applies"]:
        texts += [a["label"], *(x["text"] for x in a["outside"])]
    for g in card["gates"]:
        texts += [g["text"], *(t["text"] for t in g["tolerated"])]
        texts += [label for w in g["when"] for label in (w["prompt"], *w["labels"])]
    for note in card["warnings"] + card["pointers"]:
        texts += [note["text"], *(label for w in note["when"] for label in (w["prompt"], *w["labels"]))]
    texts += [s["label"] for s in card["steps"] if any(g["step"] == s["id"] for g in card["gates"])]
    texts += [m["name"] for m in card["models"]] + [m["short"] for m in card["models"]]
    texts += [s["cite"] for s in card["sources"] if s["id"] in _cited(card)]
    return [t for t in texts if t]


def _cited(card) -> set[str]:
    cited = set()
    for q in card["questions"]:
        cited |= {s["id"] for s in q["sources"]} | {s["id"] for o in q["options"] for s in o["basis"]}
    for row in card["applies"] + card["gates"]:
        cited |= {s["id"] for s in row["basis"]} | {s["id"] for s in row.get("tolerated_basis", [])}
    return cited


@pytest.mark.parametrize("heading, link_base", [(2, "/"), (3, "/docs/"), (6, "/a/b/")])
def test_the_real_card_shows_all_its_data_with_links_and_headings_where_the_place_says(heading, link_base) -> None:
    place = Place(heading=heading, link_base=link_base, guides=GUIDE_TEXTS)
    nodes = card_tree(CARD, place)
    text = _words(to_text(El("div", {}, nodes)))
    missing = [t for t in _card_texts(CARD) if _words(t) not in text]
    assert not missing, f"not shown: {missing[:5]}"

    elements = [el for node in nodes for el in _elements(node)]
    urls = _guide_urls(CARD)
    links = [el for el in elements if el.tag == "a"]
    assert links
    wrong = [el.attr("href") for el in links
             if not el.attr("href").startswith(link_base) or el.attr("href")[len(link_base):] not in urls]
    assert not wrong, f"links that are not the site root and a guide or source of the card: {wrong[:5]}"
    for url, label in GUIDE_TEXTS.items():
        assert any(el.attr("href") == link_base + url and el.children == (label,) for el in links)

    headings = [el for el in elements if el.tag[0] == "h" and el.tag[1:].isdigit()]
    assert {el.tag for el in headings} == {f"h{heading}"}
    assert len(headings) == len(CARD["questions"]) + 5
    ids = [el.attr("id") for el in elements if el.attr("id")]
    assert len(ids) == len(set(ids))
    assert {f"card-{q['id'].replace('_', '-')}" for q in CARD["questions"]} <= set(ids)
    assert {f"card-gate-{g['id'].replace('_', '-')}" for g in CARD["gates"]} <= set(ids)


def test_every_effect_of_the_real_card_is_in_its_table() -> None:
    nodes = card_tree(CARD, Place())
    cells = [el for node in nodes for el in _elements(node)
             if el.tag == "td" and "ohc-card__effect" in (el.attr("class") or "")]
    expected = [effect(o["effects"][m["id"]]) for q in CARD["questions"] for o in q["options"] for m in CARD["models"]]
    assert [cell.children[0] for cell in cells] == expected
