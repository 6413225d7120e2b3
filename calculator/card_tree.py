"""The model card laid out as an element tree: every sentence the method page shows around the
card's data, written once.

:func:`calculator.card.model_card` gives the card as data (every question, option, effect,
weight, gate, warning, pointer, threshold and source, worded in questions.toml); the functions
here lay that data out as a tree of :class:`~calculator.present.El` and word what the data does
not say itself (headings, captions, column heads, the sentences about applicability, gates and
thresholds). The build turns the tree into HTML with ``present.to_html`` and prints it in the
model card's page shell (build/outside_help_build/templates/model_card.html), in place of the
``<!-- outside-help: model-card -->`` marker on docs/method.md.

Where the card is shown is a :class:`~calculator.view_trees.Place`: its ``heading`` is the level
of the card's headings, ``link_base`` starts every link and ``guides`` gives each guide link its
text. Every source is cited as a link to its entry on the sources page.

>>> effect(2), effect(0), effect(-1)
('+2', '0', '−1')
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .present import El, Node
from .view_trees import Place

__all__ = ["card_tree", "effect"]


def effect(value: int) -> str:
    """An answer's effect on a model as the card prints it: +2, 0, −1 (a minus sign, not a hyphen)."""
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


def _tone(value: int) -> str:
    return "plus" if value > 0 else ("minus" if value < 0 else "zero")


def _anchor(prefix: str, ident: str) -> str:
    """A heading's or row's id on the page: "card-" and the data's id with '-' for '_'."""
    return f"{prefix}{ident.replace('_', '-')}"


def _joined(parts: Iterable[Node | list[Node]], between: str) -> list[Node]:
    """The parts with `between` between each two (a part may be several nodes)."""
    out: list[Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(between)
        out += part if isinstance(part, list) else [part]
    return out


def _sources(place: Place, sources: Iterable[Mapping[str, Any]]) -> list[Node]:
    """Sources in brackets, each a link to its entry: "(Elysiate; Ellison (2026))"."""
    links = [El("a", {"href": place.href(s["guide"]["url"])}, [s["cite"]]) for s in sources]
    return ["(", *_joined(links, "; "), ")"]


def _cites(place: Place, sources: Iterable[Mapping[str, Any]]) -> El:
    """The sources of one statement, after it (set smaller than the statement)."""
    return El("span", {"class": "ohc-card__cite"}, _sources(place, sources))


def _when(rows: Iterable[Mapping[str, Any]]) -> list[Node]:
    """A rule's answers: each question's prompt and its options in italics, "; " between them."""
    return _joined(([f"{row['prompt']} ", El("em", {}, [" or ".join(row["labels"])])] for row in rows), "; ")


def _table(caption: str, heads: Iterable[str], rows: Iterable[El]) -> El:
    """A table of the card, in a wrapper that scrolls on a narrow screen."""
    return El("div", {"class": "ohc-card__wrap"}, [El("table", {"class": "ohc-card__table"}, [
        El("caption", {}, [caption]),
        El("thead", {}, [El("tr", {}, [El("th", {"scope": "col"}, [head]) for head in heads])]),
        El("tbody", {}, rows),
    ])])


def card_tree(card: Mapping[str, Any], place: Place) -> list[Node]:
    """The whole model card (``model_card()``'s data) for the page at `place`: the summary, each
    question with its effects, rationales and sources, which models apply to each kind of work,
    the gates, warnings and pointers, and the thresholds."""
    names = {m["id"]: m["name"] for m in card["models"]}
    steps = {s["id"]: s for s in card["steps"]}
    low, high = card["effect_range"]
    least, most = card["weight_range"]
    out: list[Node] = [El("p", {}, [
        "Model version ", El("strong", {}, [card["model_version"]]),
        f". {len(card['questions'])} questions; effects run from {effect(low)} to {effect(high)}, weights from "
        f"{least} to {most} ({card['total_weight']} in all by default). The score: ",
        El("code", {}, [card["formula"]]), "."])]
    for number, question in enumerate(card["questions"], 1):
        out += _question(card, number, question, place)
    out += _applies(card, names, place)
    out += _gates(card, names, steps, place)
    out += _warnings(card, place)
    out += _pointers(card, place)
    out += _thresholds(card, names, place)
    return out


_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _heading(place: Place, ident: str, text: str, cls: str | None = None) -> El:
    return El(f"h{place.heading}", {"class": cls, "id": ident}, [text])


def _question(card: Mapping[str, Any], number: int, q: Mapping[str, Any], place: Place) -> list[Node]:
    """One question: its prompt as a heading, its help and weight, the effect of each answer on
    each model, why each answer has those effects, and the question's sources."""
    models = card["models"]
    deciding = sum(1 for other in card["questions"] if other["core"])
    core = "" if not q["core"] else ("; the one deciding question" if deciding == 1 else
                                     f"; one of the {_NUMBERS.get(deciding, str(deciding))} deciding questions")
    return [
        _heading(place, _anchor("card-", q["id"]), f"{number}. {q['prompt']}", "ohc-card__question"),
        El("p", {}, [f"{q['help']} Weight ", El("strong", {}, [str(q["weight"])]),
                     f" of {card['weight_range'][1]}{core}. ", place.guide(q["guide"])]),
        _table(f"Effect of each answer, question {number}", ["Answer", *(m["short"] for m in models)], [
            El("tr", {}, [El("th", {"scope": "row"}, [o["label"]]),
                          *(El("td", {"class": f"ohc-card__effect ohc-card__effect--{_tone(o['effects'][m['id']])}"},
                               [effect(o["effects"][m["id"]])]) for m in models)])
            for o in q["options"]]),
        El("ul", {"class": "ohc-card__why"}, [
            El("li", {}, [El("strong", {}, [f"{o['label']}:"]), f" {o['why']} ", _cites(place, o["basis"])])
            for o in q["options"]]),
        El("p", {"class": "ohc-card__source"}, [El("strong", {}, ["Sources:"]), f" {q['note']} ",
                                                 *_sources(place, q["sources"])]),
    ]


def _applies(card: Mapping[str, Any], names: Mapping[str, str], place: Place) -> list[Node]:
    """Which models apply to each kind of work, and why each other model does not."""
    items = []
    for a in card["applies"]:
        guide = [" ", place.guide(a["guide"]), " ", _cites(place, a["basis"])] if a["guide"] else []
        items.append(El("li", {}, [
            El("strong", {}, [f"{a['label']}:"]),
            " " + ", ".join(names[m] for m in a["models"]) + "." + "".join(f" {x['text']}" for x in a["outside"]),
            *guide]))
    return [
        _heading(place, "card-applies", "Which models apply to the work"),
        El("p", {}, ["A model that does not apply to the kind of work is never proposed, whatever the other "
                     "answers say."]),
        El("ul", {}, items),
    ]


def _gates(card: Mapping[str, Any], names: Mapping[str, str], steps: Mapping[str, Any], place: Place) -> list[Node]:
    """Each readiness gate: the models it holds back, the answers that trigger it, the step that
    lifts it and why, and the models it does not hold back."""
    rows = []
    for g in card["gates"]:
        step = steps[g["step"]]
        tolerated = [node for t in g["tolerated"]
                     for node in (f" Not {names[t['model']]}: {t['text']} ", _cites(place, g["tolerated_basis"]))]
        rows.append(El("tr", {"id": _anchor("card-gate-", g["id"])}, [
            El("td", {}, [", ".join(names[m] for m in g["models"])]),
            El("td", {}, _when(g["when"])),
            El("td", {}, [El("a", {"href": place.href(step["guide"]["url"])}, [step["label"]]),
                          f": {g['text']} ", _cites(place, g["basis"]), *tolerated]),
        ]))
    return [
        _heading(place, "card-gates", "Readiness gates"),
        El("p", {}, ["A gated model is never recommended, paired or offered for now; the step lifts the gate."]),
        _table("Each gate: the models it holds back, the answers that trigger it and the step that lifts it",
               ["Models", "When", "Step, and why"], rows),
    ]


def _warnings(card: Mapping[str, Any], place: Place) -> list[Node]:
    """Each warning: the answers that show it and what it says."""
    some = " (some only when a provider model is proposed)" if any(w["models"] for w in card["warnings"]) else ""
    return [
        _heading(place, "card-warnings", "Warnings: answers that pull against each other"),
        _table(f"A warning shows when all its answers are given{some}",
               ["When these answers are given", "The calculator warns"],
               [El("tr", {}, [El("td", {}, _when(w["when"])),
                              El("td", {}, [f"{w['text']} ", place.guide(w["guide"])])])
                for w in card["warnings"]]),
    ]


def _pointers(card: Mapping[str, Any], place: Place) -> list[Node]:
    """Each pointer: the answers that show it and where it points."""
    items = []
    for p in card["pointers"]:
        when = _joined(([f"\u201c{x['prompt']}\u201d is ", El("em", {}, [" or ".join(x["labels"])])]
                        for x in p["when"]), " and ")
        items.append(El("li", {}, ["When ", *when, f": {p['text']} ", place.guide(p["guide"])]))
    return [_heading(place, "card-pointers", "Pointers: work none of the three is for"), El("ul", {}, items)]


def _thresholds(card: Mapping[str, Any], names: Mapping[str, str], place: Place) -> list[Node]:
    """The thresholds of the verdict, the tie-break order and how robustness is measured."""
    th = card["thresholds"]
    spread = th["robustness_spread"]
    lines = [
        f"A model fits when it applies to the work and its score is above {th['fits_above']}: the answers on "
        "balance argue for it. Only a ready model that fits is proposed; when none is ready and a gated one fits, "
        "the result names its steps, in order; when none fits, it says so.",
        f"Close call: the top two ready models that fit less than {th['close_call']} points apart, with answers "
        f"arguing for each; leaning under {th['leaning']} points; a clear fit from {th['leaning']}.",
        f"Provisional with fewer than {th['provisional_below']} answers.",
        "Equal scores go to the model that leaves more control with you: "
        + ", then ".join(names[m] for m in card["tie_break"]) + ".",
        f"Robustness: {th['robustness_samples']} weightings with every weight multiplied by a random factor "
        f"between {1 - spread} and {1 + spread}, and {th['fill_in_samples']} random ways to answer the "
        f"unanswered questions; fixed seed {th['robustness_seed']}, so the figures never change for the same "
        "answers.",
    ]
    return [_heading(place, "card-thresholds", "Thresholds, ties and robustness"),
            El("ul", {}, [El("li", {}, [line]) for line in lines])]
