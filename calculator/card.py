"""What the engine does, as data: the question schema for forms and the full model card."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .data import Catalogue, catalogue
from .share import MAX_SHARE_LENGTH, SHARE_VERSION

__all__ = ["FORMULA", "model_card", "questions_schema"]

FORMULA = "score = 50 + 50 x (sum of weight x effect) / (2 x sum of all weights)"


def _models(cat: Catalogue) -> list[dict[str, Any]]:
    return [
        {"id": m.id, "name": m.name, "short": m.short, "summary": m.summary, "guide": m.guide.to_dict()}
        for m in cat.models
    ]


def questions_schema() -> dict[str, Any]:
    """The questions and options a form needs (no effects), as JSON-ready data.

    >>> schema = questions_schema()
    >>> schema["questions"][0]["id"], [o["id"] for o in schema["questions"][0]["options"]]
    ('kind', ['build', 'tech_service', 'business_process'])
    """
    cat = catalogue()
    return {
        "model_version": cat.model_version,
        "share_version": SHARE_VERSION,
        "max_share_length": MAX_SHARE_LENGTH,
        "models": _models(cat),
        "questions": [
            {
                "id": q.id,
                "key": q.key,
                "prompt": q.prompt,
                "help": q.help,
                "weight": q.weight,
                "core": q.core,
                "guide": q.guide.to_dict(),
                "options": [{"id": o.id, "key": o.key, "label": o.label} for o in q.options],
            }
            for q in cat.questions
        ],
    }


def _cites(cat: Catalogue, ids: Iterable[str]) -> list[dict[str, Any]]:
    return [{"id": s, "cite": cat.source(s).cite, "guide": cat.source(s).guide.to_dict()} for s in ids]


def _when(cat: Catalogue, when: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A rule's answers in words: each question's prompt and the labels of its options."""
    rows = []
    for qid, value in when.items():
        question = cat.question(qid)
        options = value if isinstance(value, tuple) else (value,)
        rows.append({
            "question": qid,
            "prompt": question.prompt,
            "options": list(options),
            "labels": [question.option(o).label for o in options],
        })
    return rows


def _gates(cat) -> list[dict[str, Any]]:
    """One row per gate of the data, with every model it holds back and those it does not."""
    rows: dict[str, dict[str, Any]] = {}
    for g in cat.gates:
        row = rows.setdefault(g.id, {
            "id": g.id, "models": [], "when": _when(cat, g.when), "step": g.step, "text": g.text,
            "basis": _cites(cat, g.basis),
            "tolerated": [{"model": m, "text": t} for m, t in g.tolerated.items()],
            "tolerated_basis": _cites(cat, g.tolerated_basis),
        })
        row["models"].append(g.model)
    return list(rows.values())


def _applies(cat) -> list[dict[str, Any]]:
    """Which models apply to each kind of work, and why the others do not."""
    kind = cat.kind_question
    if kind is None:
        return []
    return [
        {"option": o.id, "label": o.label, "models": list(o.applies),
         "outside": [{"model": m, "text": t} for m, t in o.outside.items()],
         "guide": o.outside_guide.to_dict() if o.outside_guide else None, "basis": _cites(cat, o.outside_basis)}
        for o in kind.options
    ]


def model_card() -> dict[str, Any]:
    """Every question, option, effect, weight, threshold, gate, rule and source the engine uses.

    >>> card = model_card()
    >>> card["questions"][1]["options"][0]["effects"]
    {'staff_augmentation': 2, 'managed_services': -2, 'bpo': -2}
    """
    cat = catalogue()
    th = cat.thresholds
    schema = questions_schema()
    for q_data, q in zip(schema["questions"], cat.questions):
        q_data["note"] = q.note
        q_data["sources"] = _cites(cat, q.sources)
        for o_data, o in zip(q_data["options"], q.options):
            o_data["effects"] = dict(o.effects)
            o_data["reason"] = o.reason
            o_data["why"] = o.why
            o_data["basis"] = _cites(cat, o.basis)

    def notes(items):
        return [
            {"id": x.id, "when": _when(cat, x.when), "text": x.text, "guide": x.guide.to_dict(),
             "models": list(x.models)}
            for x in items
        ]

    return schema | {
        "formula": FORMULA,
        "effect_range": [-2, 2],
        "weight_range": [0, 5],
        "total_weight": cat.total_weight,
        "tie_break": list(cat.tie_break),
        "thresholds": {
            "fits_above": th.fits_above,
            "close_call": th.close_call,
            "leaning": th.leaning,
            "provisional_below": th.provisional_below,
            "robustness_samples": th.robustness_samples,
            "robustness_spread": th.robustness_spread,
            "fill_in_samples": th.fill_in_samples,
            "robustness_seed": th.robustness_seed,
        },
        "sources": [{"id": s.id, "cite": s.cite, "guide": s.guide.to_dict()} for s in cat.sources],
        "combinations": [
            {"models": sorted(c.models, key=cat.tie_break.index), "guide": c.guide.to_dict()}
            for c in cat.combinations
        ],
        "steps": [
            {"id": s.id, "label": s.label, "once": s.once, "guide": s.guide.to_dict(), "interim": s.interim}
            for s in cat.steps
        ],
        "interim_model": cat.interim_model,
        "applies": _applies(cat),
        "gates": _gates(cat),
        "warnings": notes(cat.warnings),
        "pointers": notes(cat.pointers),
    }
