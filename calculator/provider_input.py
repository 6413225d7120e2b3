"""The provider evaluation's input, checked: the model, the criteria (defaults, re-weighted,
removed or the reader's own), the quality/price split, the shared figures and up to eight
proposals. Every problem is one CalculatorError of kind ``invalid_evaluation`` whose message
names the field in words and whose ``field`` says where it is (``providers[1].scores.references``).

>>> check_evaluation({"model": "bpo", "providers": []})
Traceback (most recent call last):
...
calculator.errors.CalculatorError: give at least one provider's proposal (a list under providers)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .cost import check_cost, compare_costs, cost_inputs
from .errors import CalculatorError
from .provider_criteria import MAX_WEIGHT, Criterion, defaults, provider_data
from .checks import has_hidden_character, has_visible_character, json_type

__all__ = ["CENT", "MAX_CRITERIA", "MAX_LABEL", "MAX_NAME", "MAX_NOTE", "MAX_PROVIDERS", "MAX_SCORE", "Chosen",
           "Evaluation", "Proposal", "check_evaluation", "cost_words", "invalid"]

MAX_PROVIDERS = 8
MAX_CRITERIA = 30
MAX_SCORE = 5
MAX_NAME = 60
MAX_NOTE = 200
MAX_LABEL = 80
CENT = 100          # whole-life costs are compared to the cent
_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_FIELDS = {"model", "fixed_on", "price_weight", "price_method", "criteria", "cost", "providers"}
_PROVIDER_FIELDS = {"name", "scores", "notes", "passes", "price"}


def invalid(message: str, field: str) -> CalculatorError:
    """The one error of a bad evaluation: the message in words and the field it is about."""
    return CalculatorError(message, kind="invalid_evaluation", field=field)


@dataclass(frozen=True)
class Chosen:
    """A criterion as this evaluation uses it: a default (``known``) or the reader's own."""

    id: str
    label: str
    kind: str
    weight: int                 # 0 for pass/fail
    known: Criterion | None


@dataclass(frozen=True)
class Proposal:
    name: str
    scores: dict[str, int]
    notes: dict[str, str]
    passes: dict[str, bool]
    price: dict[str, Any]


@dataclass(frozen=True)
class Evaluation:
    model: str
    fixed_on: str | None
    price_weight: int
    price_method: str
    criteria: tuple[Chosen, ...]
    general: dict[str, Any]
    proposals: tuple[Proposal, ...]

    def to_dict(self) -> dict[str, Any]:
        """The checked input, in the form check_evaluation reads (what links carry)."""
        out: dict[str, Any] = {"model": self.model, "price_weight": self.price_weight,
                               "price_method": self.price_method}
        if self.fixed_on:
            out["fixed_on"] = self.fixed_on
        out["criteria"] = [
            {"id": c.id, "weight": c.weight} if c.known and c.kind == "scored" else
            {"id": c.id} if c.known else
            {"id": c.id, "label": c.label, "kind": c.kind, **({"weight": c.weight} if c.kind == "scored" else {})}
            for c in self.criteria
        ]
        if self.general:
            out["cost"] = {"general": dict(self.general)}
        out["providers"] = [
            {"name": p.name, "scores": dict(p.scores), "notes": dict(p.notes), "passes": dict(p.passes),
             "price": dict(p.price)}
            for p in self.proposals
        ]
        return out


# ----- checking the input -----------------------------------------------------------------------

def _whole(value: Any, low: int, high: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and float(value).is_integer() \
        and low <= value <= high


def _label_text(value: Any, longest: int) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text if 0 < len(text) <= longest else None


# A provider's name, a criterion's name and an evidence note are shown on the page, in the memo
# and on a terminal, and carried in links others open: as for a plan's workstream names
# (plan.check_name), a character that acts instead of showing (a colour, a reversed line, a lone
# surrogate that cannot be written) is refused, naming the field.
def _shown_text(text: str, what: str, field: str) -> str:
    if has_hidden_character(text):
        raise invalid(f"{what} has a control or invisible character that could change how it reads", field)
    if not has_visible_character(text):
        raise invalid(f"{what} has no visible character", field)
    return text


def _check_criteria(model: str, raw: Any) -> tuple[Chosen, ...]:
    if raw is None:
        return tuple(Chosen(c.id, c.label, c.kind, c.weights.get(model, 0), c) for c in defaults(model))
    if not isinstance(raw, list):
        raise invalid(f"the criteria must be a list, not {json_type(raw)}", "criteria")
    if len(raw) > MAX_CRITERIA:
        raise invalid(f"an evaluation has at most {MAX_CRITERIA} criteria; this one has {len(raw)}", "criteria")
    known = {c.id: c for c in provider_data().criteria}
    chosen: list[Chosen] = []
    for i, item in enumerate(raw):
        field = f"criteria[{i}]"
        if not isinstance(item, dict):
            raise invalid(f"criterion {i + 1} must be an object with an id, not {json_type(item)}", field)
        cid = item.get("id")
        if not isinstance(cid, str) or not _ID.match(cid):
            raise invalid(f"criterion {i + 1}: its id must be lower-case letters, digits and underscores "
                          f"(up to 32), starting with a letter", f"{field}.id")
        extra = sorted(str(k) for k in item if k not in {"id", "weight", "label", "kind"})
        if extra:
            raise invalid(f"criterion {i + 1}: unknown field(s) {', '.join(extra)}", field)
        if "label" in item or "kind" in item:
            if cid in known:
                raise invalid(f"criterion {i + 1}: {cid!r} is one of the site's criteria; give your own "
                              f"criterion another id", f"{field}.id")
            label = _label_text(item.get("label"), MAX_LABEL)
            if label is None:
                raise invalid(f"criterion {i + 1}: its name must be text of 1 to {MAX_LABEL} characters", f"{field}.label")
            _shown_text(label, f"criterion {i + 1}: its name", f"{field}.label")
            kind = item.get("kind")
            if kind not in ("scored", "pass_fail"):
                raise invalid(f"criterion “{label}”: its kind must be scored or pass_fail", f"{field}.kind")
            base = None
        else:
            if cid not in known:
                raise invalid(f"criterion {i + 1}: unknown criterion {cid!r}; give your own criterion a name and a kind",
                              f"{field}.id")
            base = known[cid]
            label, kind = base.label, base.kind
        if kind == "scored":
            weight = item.get("weight", base.weights.get(model) if base else None)
            if weight is None:
                raise invalid(f"criterion “{label}”: give it a weight (a whole number from 0 to {MAX_WEIGHT})",
                              f"{field}.weight")
            if not _whole(weight, 0, MAX_WEIGHT):
                raise invalid(f"criterion “{label}”: its weight must be a whole number from 0 to {MAX_WEIGHT}, got {weight!r}",
                              f"{field}.weight")
            weight = int(weight)
        else:
            if item.get("weight") not in (None, 0):
                raise invalid(f"criterion “{label}” is pass/fail: it has no weight", f"{field}.weight")
            weight = 0
        chosen.append(Chosen(cid, label, kind, weight, base))
    ids = [c.id for c in chosen]
    labels = [c.label.casefold() for c in chosen]
    for values, what in ((ids, "id"), (labels, "name")):
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise invalid(f"two criteria have the same {what}: {', '.join(repeated)}", "criteria")
    if sum(c.weight for c in chosen if c.kind == "scored") <= 0:
        raise invalid("the scored criteria's weights add up to 0: give at least one scored criterion a weight above 0",
                      "criteria")
    return tuple(chosen)


def _check_general(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - {"general"}:
        raise invalid("the shared figures must be an object with one group, general (the provider's own "
                      "prices go with each provider)", "cost")
    general = raw.get("general") or {}
    try:
        checked = compare_costs({"general": general})["inputs"]
    except CalculatorError as exc:
        raise invalid(f"shared figures: {cost_words(exc)}", f"cost.{exc.field or 'general'}") from None
    return dict(checked.get("general", {}))


def cost_words(exc: CalculatorError) -> str:
    """The cost module's message with the figure's label in words instead of its field name."""
    message = exc.message
    for item in cost_inputs():
        prefix = f"{item.field}: "
        if message.startswith(prefix):
            return f"“{item.label}” {message[len(prefix):]}"
    return message


def _check_proposal(i: int, raw: Any, criteria: Sequence[Chosen], model: str, general: dict[str, Any]) -> Proposal:
    field = f"providers[{i}]"
    if not isinstance(raw, dict):
        raise invalid(f"provider {i + 1} must be an object with a name, scores and a price, not {json_type(raw)}", field)
    extra = sorted(str(k) for k in raw if k not in _PROVIDER_FIELDS)
    if extra:
        raise invalid(f"provider {i + 1}: unknown field(s) {', '.join(extra)}", field)
    name = _label_text(raw.get("name"), MAX_NAME)
    if name is None:
        raise invalid(f"provider {i + 1}: its name must be text of 1 to {MAX_NAME} characters", f"{field}.name")
    _shown_text(name, f"provider {i + 1}: its name", f"{field}.name")
    who = f"provider “{name}”"
    parts = {}
    for part in ("scores", "notes", "passes", "price"):
        value = raw.get(part) or {}
        if not isinstance(value, dict):
            raise invalid(f"{who}: {part} must be an object, not {json_type(value)}", f"{field}.{part}")
        parts[part] = value
    by_id = {c.id: c for c in criteria}
    for part, kind in (("scores", "scored"), ("passes", "pass_fail"), ("notes", None)):
        for cid in parts[part]:
            c = by_id.get(cid)
            if c is None or (kind and c.kind != kind):
                what = "a scored criterion" if kind == "scored" else "a pass/fail criterion" if kind else "a criterion"
                raise invalid(f"{who}: {part} names {cid!r}, which is not {what} of this evaluation", f"{field}.{part}")
    scores: dict[str, int] = {}
    passes: dict[str, bool] = {}
    notes: dict[str, str] = {}
    for c in criteria:
        where = f"{field}.{'scores' if c.kind == 'scored' else 'passes'}.{c.id}"
        if c.kind == "scored":
            value = parts["scores"].get(c.id)
            if value is None:
                raise invalid(f"{who}: give a score from 0 to {MAX_SCORE} for “{c.label}”", where)
            if not _whole(value, 0, MAX_SCORE):
                raise invalid(f"{who}: the score for “{c.label}” must be a whole number from 0 to {MAX_SCORE}, got {value!r}",
                              where)
            scores[c.id] = int(value)
        else:
            value = parts["passes"].get(c.id)
            if not isinstance(value, bool):
                raise invalid(f"{who}: answer pass or fail for “{c.label}”", where)
            passes[c.id] = value
        note = parts["notes"].get(c.id)
        if note is not None:
            if not isinstance(note, str) or len(note) > MAX_NOTE or "\n" in note.strip():
                raise invalid(f"{who}: the evidence note for “{c.label}” must be one line of at most {MAX_NOTE} characters",
                              f"{field}.notes.{c.id}")
            if note.strip():
                notes[c.id] = _shown_text(note.strip(), f"{who}: the evidence note for “{c.label}”",
                                          f"{field}.notes.{c.id}")
    allowed = {x.id for x in cost_inputs() if x.group == model}
    for key in parts["price"]:
        if key not in allowed:
            raise invalid(f"{who}: the price has {key!r}, which is not a {provider_data().models[model]} price figure; "
                          f"allowed: {', '.join(sorted(allowed))}", f"{field}.price")
    # The price as the cost module checks it with the shared figures (a negative fee, text, NaN,
    # hours without the cost of an hour), here rather than only when the whole-life cost is worked
    # out: a link code is made only from a checked evaluation, and a link carrying a bad price is
    # refused when it is opened, with the reader's sentence.
    try:
        check_cost({"general": general, model: dict(parts["price"])})
    except CalculatorError as exc:
        raise invalid(f"{who}: {cost_words(exc)}", f"{field}.price") from None
    return Proposal(name, scores, notes, passes, dict(parts["price"]))


def check_evaluation(request: Any) -> Evaluation:
    """Check an evaluation request; every problem is one CalculatorError naming the field."""
    if not isinstance(request, Mapping):
        raise invalid(f"the evaluation must be a JSON object, not {json_type(request)}", "evaluation")
    extra = sorted(str(k) for k in request if k not in _FIELDS and k != "op")
    if extra:
        raise invalid(f"unknown field(s) in the evaluation: {', '.join(extra)}", "evaluation")
    data = provider_data()
    model = request.get("model")
    if model not in data.models:
        raise invalid(f"the model must be one of {', '.join(data.models)}, not {model!r}", "model")
    fixed_on = request.get("fixed_on")
    if fixed_on is not None:
        try:
            if not isinstance(fixed_on, str) or len(fixed_on) != 10:
                raise ValueError
            datetime.date.fromisoformat(fixed_on)
        except ValueError:
            raise invalid(f"the date the criteria were fixed must be a date like 2026-12-05, not {fixed_on!r}",
                          "fixed_on") from None
    price_weight = request.get("price_weight", data.price_weight)
    if not _whole(price_weight, 0, 100):
        raise invalid(f"the price weight must be a whole number from 0 to 100 (quality gets the rest), got {price_weight!r}",
                      "price_weight")
    method = request.get("price_method", data.default_method)
    if method not in data.methods:
        raise invalid(f"the price-scoring method must be one of {', '.join(data.methods)}, not {method!r}", "price_method")
    criteria = _check_criteria(model, request.get("criteria"))
    general = _check_general(request.get("cost"))
    raw = request.get("providers")
    if not isinstance(raw, list) or not raw:
        raise invalid("give at least one provider's proposal (a list under providers)", "providers")
    if len(raw) > MAX_PROVIDERS:
        raise invalid(f"an evaluation compares at most {MAX_PROVIDERS} providers; this one has {len(raw)}", "providers")
    proposals = tuple(_check_proposal(i, p, criteria, model, general) for i, p in enumerate(raw))
    names = [p.name.casefold() for p in proposals]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise invalid(f"two providers are called “{proposals[i].name}”: give each a different name",
                          f"providers[{i}].name")
    return Evaluation(model, fixed_on, int(price_weight), method, criteria, general, proposals)
