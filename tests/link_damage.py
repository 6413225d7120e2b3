"""Generated links and every single-character damage to them, shared by the tests and by
bench/fuzz_links.py (issue 19: "of 111,112 single-character substitutions, deletions,
insertions, swaps and truncations ... 35.1% open silently as different data")."""

from __future__ import annotations

import random
import string
from typing import Any, Iterator

from calculator import CalculatorError, catalogue, check_answers, decode_share, encode_share
from calculator.cost import check_cost, cost_inputs, sections
from calculator.plan import Workstream, decode_plan, encode_plan

__all__ = ["ALPHABET", "DAMAGE_ALPHABET", "OPS", "damages", "hostile_request", "random_figures", "random_link", "random_plan", "v2_link", "p1_link",
           "opens_as", "plan_opens_as"]

# Every character a link can hold, and a few a copy can bring in.
ALPHABET = string.ascii_letters + string.digits + ".-*_" + " %"
# The characters `damages` substitutes and inserts by default. `make mutate` narrows it to one of
# each kind of character (tests/support/mutate_profile.py): every mutant runs these tests, and the
# full alphabet makes a surviving mutant cost minutes; `make test` always uses the full one.
DAMAGE_ALPHABET = ALPHABET


def damages(link: str, alphabet: str | None = None) -> Iterator[tuple[str, str]]:
    """(kind, damaged link) for every single substitution, deletion, insertion, adjacent swap
    and truncation of `link`; a change that gives back the same text is skipped."""
    alphabet = DAMAGE_ALPHABET if alphabet is None else alphabet
    n = len(link)
    for i in range(n):
        for ch in alphabet:
            if ch != link[i]:
                yield "substitution", link[:i] + ch + link[i + 1:]
        yield "deletion", link[:i] + link[i + 1:]
        if i + 1 < n and link[i] != link[i + 1]:
            yield "swap", link[:i] + link[i + 1] + link[i] + link[i + 2:]
        if i:
            yield "truncation", link[:i]
    for i in range(n + 1):
        for ch in alphabet:
            text = link[:i] + ch + link[i:]
            if text.strip() != link:
                yield "insertion", text


def _value(rng: random.Random, item: Any) -> Any:
    if item.choices is not None:
        return rng.choice(item.choices)
    if item.whole:
        return rng.randint(int(item.min), int(item.max))
    top = min(item.max, rng.choice([10, 1000, 100_000, item.max]))
    kind = rng.random()
    if kind < 0.4:
        return rng.randint(int(item.min), int(top))
    if kind < 0.7:
        return round(rng.uniform(item.min, top), rng.randint(1, 3))
    return rng.uniform(item.min, top)  # a full-precision float: 17 significant digits


def random_figures(rng: random.Random) -> dict[str, dict[str, Any]]:
    """Cost figures that check_cost accepts, with some of every group: drawn at random, then
    every figure check_cost names as a problem (a price given twice, a rate without the number
    of people ...) is dropped until none is left."""
    figures: dict[str, dict[str, Any]] = {}
    for item in cost_inputs():
        if rng.random() < 0.45:
            figures.setdefault(item.group, {})[item.id] = _value(rng, item)
    for _ in range(20):
        try:
            return check_cost(figures)
        except CalculatorError as exc:
            for problem in exc.errors or []:
                group, _, input_id = problem["field"].partition(".")
                figures.get(group, {}).pop(input_id, None)
    return {}


def _random_answers(rng: random.Random) -> tuple[dict[str, str], dict[str, int]]:
    cat = catalogue()
    answers = {q.id: rng.choice(q.options).id for q in cat.questions if rng.random() < 0.6}
    weights = {q.id: rng.randint(0, 5) for q in cat.questions if rng.random() < 0.15}
    return check_answers(answers), weights


def random_link(rng: random.Random, with_cost: bool = True) -> tuple[str, tuple[Any, ...]]:
    """A v3 link and what it holds."""
    answers, weights = _random_answers(rng)
    figures = random_figures(rng) if with_cost else {}
    return encode_share(answers, weights, figures), (answers, weights, figures)


def _v2_body(answers: dict[str, str], weights: dict[str, int], figures: dict[str, dict[str, Any]]) -> str:
    """The v2 encoder as it was (calculator 2026.11): figures to six decimals, the horizon as its
    position among 12, 24 and 36 months."""
    cat = catalogue()
    parts = [q.key + q.option(answers[q.id]).key for q in cat.questions if q.id in answers]
    changed = [q for q in cat.questions if q.id in weights]
    if changed:
        parts += ["W"] + [f"{q.key}{weights[q.id]}" for q in changed]
    for group, letter in sections().items():
        written = []
        for item in cost_inputs():
            value = figures.get(group, {}).get(item.id)
            if item.group != group or value is None:
                continue
            if item.id == "horizon_months":
                text = str([12, 24, 36].index(value))
            elif item.choices:
                text = str(item.choices.index(value))
            elif isinstance(value, float) and value.is_integer() or isinstance(value, int):
                text = str(int(value))
            else:
                text = f"{value:.6f}".rstrip("0").rstrip(".")
            written.append(item.key + text)
        if written:
            parts.append(letter + "".join(written))
    return "".join(parts)


def v2_link(rng: random.Random) -> tuple[str, tuple[Any, ...]]:
    """A link as the v2 format wrote it (no check), and what it opens as today."""
    answers, weights = _random_answers(rng)
    figures = random_figures(rng)
    if "horizon_months" in figures.get("general", {}):
        figures["general"]["horizon_months"] = rng.choice([12, 24, 36])
    link = "v2" + _v2_body(answers, weights, figures)
    shared = decode_share(link)
    return link, (shared.answers, shared.weights, shared.cost)


def random_plan(rng: random.Random, count: int | None = None) -> tuple[str, list[Workstream]]:
    """A p2 plan link and its workstreams."""
    names = ["Payroll", "Service desk", "Roadmap", "Billing rebuild", "Claims", "Data platform", "Support",
             "Accounts payable", "Mobile app", "Security operations"]
    count = count or rng.randint(1, 4)
    chosen = rng.sample(names, count)
    workstreams = []
    for name in chosen:
        answers, weights = _random_answers(rng)
        workstreams.append(Workstream(name, answers, weights, random_figures(rng) if rng.random() < 0.5 else {}))
    return encode_plan(workstreams), workstreams


def p1_link(rng: random.Random) -> tuple[str, list[Workstream]]:
    """A plan link as the p1 format wrote it (no count, no checks, v2 bodies)."""
    import base64

    parts = ["p1"]
    workstreams = []
    for name in rng.sample(["Payroll", "Service desk", "Roadmap", "Claims", "Support"], rng.randint(1, 3)):
        link, (answers, weights, figures) = v2_link(rng)
        parts += [base64.urlsafe_b64encode(name.encode()).decode().rstrip("="), link.removeprefix("v2")]
        workstreams.append(Workstream(name, answers, weights, figures))
    return "*".join(parts), workstreams


def opens_as(text: str) -> tuple[Any, ...] | None:
    """What a result link opens as (answers, weights, figures, notes), or None when refused."""
    try:
        shared = decode_share(text)
    except CalculatorError:
        return None
    return shared.answers, shared.weights, shared.cost, shared.notes


def plan_opens_as(text: str) -> tuple[list[Workstream], list[str]] | None:
    try:
        return decode_plan(text)
    except CalculatorError:
        return None


# ---------------------------------------------------------------------------------------------
# Requests for every API op, most of them carrying damaged or hostile links and values
# ---------------------------------------------------------------------------------------------

OPS = ("questions", "card", "cost_inputs", "cost", "score", "open_link", "plan", "not_an_op")
HOSTILE_VALUES: list[Any] = [
    -5, -0.0, 1e309, -1e309, float("nan"), 10 ** 400, 10 ** 30, 1e-9, 5e-324, 2.5, True, None, "4", "", [], {},
    "\ud800", "\x1b[31m", "\u202e", "💥" * 50, "x" * 5000,
]
HOSTILE_NAMES = ["[bank login](https://evil.example/login)", "<img src=x onerror=alert(1)>", "<!--", "-->",
                 "# Heading", "\u202eevil", "a\x00b", "👩‍💻 team", "می‌شود", "x" * 61, "", "   ", "\u200d",
                 "\ud800", 7, None]
HOSTILE_URLS = ["//evil.example/", "/\\evil.example/", "javascript:alert(1)", "https://a.example/\n<b>",
                "https://ok.example/", "/", "http://[::1]/", "x" * 3000, 5]


def _damaged(rng: random.Random, link: str) -> str:
    """One random single-character slip (or cut) of `link`, sometimes with a hostile character."""
    chars = rng.choice([ALPHABET, "\x00\u202e\ud800é😀<>\"'&\n"])
    i = rng.randrange(len(link))
    kind = rng.choice(["substitution", "deletion", "insertion", "swap", "truncation"])
    if kind == "substitution":
        return link[:i] + rng.choice(chars) + link[i + 1:]
    if kind == "deletion":
        return link[:i] + link[i + 1:]
    if kind == "insertion":
        return link[:i] + rng.choice(chars) + link[i:]
    if kind == "swap" and i + 1 < len(link):
        return link[:i] + link[i + 1] + link[i] + link[i + 2:]
    return link[: max(i, 1)]


def _huge_json(rng: random.Random) -> str:
    """Raw JSON text no json.dumps would write: 5,000-digit integers, 1e999, lone surrogates."""
    return rng.choice([
        '{"op": "cost", "cost": {"general": {"people": ' + "9" * 5000 + "}}}",
        '{"op": "cost", "cost": {"general": {"people": 1e999}}}',
        '{"op": "score", "answers": {"\\ud800": "\\udfff"}}',
        '{"op": "score", "weights": {"kind": ' + "1" * 4400 + "}}",
        '{"op": "plan", "share": "p' + "1" * 4301 + '"}',
        '{"op": "open_link", "values": ["v' + "2" * 4400 + '"]}',
        "[" * 50_000,
        '{"op": "score", "share": "v2d1", "share": "v3"}',
        "\ufeff{}",
        "",
        '{"op": "score", "answers": {}, "site_url": "\\u0000"}',
    ])


def hostile_request(rng: random.Random, op: str) -> str:
    """One request for `op` as JSON text: mostly damaged links and hostile values."""
    import json

    if op in ("questions", "card", "cost_inputs"):
        return json.dumps({"op": op} if rng.random() < 0.8 else {"op": op, "extra": rng.choice(HOSTILE_VALUES)})
    if op == "not_an_op":
        return _huge_json(rng) if rng.random() < 0.5 else json.dumps(
            rng.choice([{"op": rng.choice(HOSTILE_VALUES)}, [], "score", {"op": "score", "answers": rng.choice(HOSTILE_VALUES)}]))
    if op == "cost":
        figures = random_figures(rng)
        if rng.random() < 0.6 and figures:
            group = rng.choice(list(figures))
            key = rng.choice([x.id for x in cost_inputs() if x.group == group] + ["colour"])
            figures[group][key] = rng.choice(HOSTILE_VALUES)
        request: dict[str, Any] = {"op": "cost", "cost": figures}
        if rng.random() < 0.3:
            request["answers"] = _random_answers(rng)[0]
        return json.dumps(request)
    if op in ("score", "open_link"):
        link = random_link(rng)[0] if rng.random() < 0.7 else v2_link(rng)[0]
        if rng.random() < 0.85:
            link = _damaged(rng, link)
        elif rng.random() < 0.5:
            link = f"https://outside-help.netlify.app/calculator/?answers={link}"
        request = {"op": op, "share": link} if op == "score" else {"op": op, "values": [link] * rng.choice([1, 1, 1, 2])}
        if rng.random() < 0.2:
            request["site_url"] = rng.choice(HOSTILE_URLS)
        return json.dumps(request)
    # plan
    if rng.random() < 0.6:
        link = random_plan(rng)[0] if rng.random() < 0.7 else p1_link(rng)[0]
        if rng.random() < 0.85:
            link = _damaged(rng, link)
        request = {"op": "plan", "share": link}
    else:
        workstreams = []
        for i in range(rng.randint(0, 9)):
            name = rng.choice(HOSTILE_NAMES) if rng.random() < 0.4 else f"Stream {i}"
            workstreams.append({"name": name, "answers": _random_answers(rng)[0],
                                "cost": random_figures(rng) if rng.random() < 0.3 else {}})
        request = {"op": "plan", "workstreams": workstreams}
    if rng.random() < 0.2:
        request["site_url"] = rng.choice(HOSTILE_URLS)
    return json.dumps(request)
