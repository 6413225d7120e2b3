"""What the engine does, as data: the question schema for forms and the full model card."""

from __future__ import annotations

from typing import Any

from .data import catalogue
from .share import SHARE_VERSION

__all__ = ["model_card", "questions_schema"]

FORMULA = "score = 50 + 50 x (sum of weight x effect) / (2 x sum of all weights)"


def _models() -> list[dict[str, Any]]:
    return [
        {"id": m.id, "name": m.name, "short": m.short, "summary": m.summary, "guide": m.guide.to_dict()}
        for m in catalogue().models
    ]


def questions_schema() -> dict[str, Any]:
    """The questions and options a form needs (no effects), as JSON-ready data.

    >>> schema = questions_schema()
    >>> schema["questions"][0]["id"], [o["id"] for o in schema["questions"][0]["options"]]
    ('work_type', ['team_roles', 'it_service', 'business_process'])
    """
    cat = catalogue()
    return {
        "model_version": cat.model_version,
        "share_version": SHARE_VERSION,
        "models": _models(),
        "questions": [
            {
                "id": q.id,
                "key": q.key,
                "prompt": q.prompt,
                "help": q.help,
                "weight": q.weight,
                "guide": q.guide.to_dict(),
                "options": [{"id": o.id, "key": o.key, "label": o.label} for o in q.options],
            }
            for q in cat.questions
        ],
    }


def model_card() -> dict[str, Any]:
    """Every question, option, effect, weight, threshold, rule and source the engine uses.

    >>> card = model_card()
    >>> card["questions"][1]["options"][0]["effects"]
    {'staff_augmentation': 2, 'managed_services': -1, 'bpo': -2}
    """
    cat = catalogue()
    th = cat.thresholds
    schema = questions_schema()
    for q_data, q in zip(schema["questions"], cat.questions):
        q_data["source"] = q.source
        for o_data, o in zip(q_data["options"], q.options):
            o_data["effects"] = dict(o.effects)
            o_data["reason"] = o.reason

    def rules(items):
        return [
            {"id": r.id, "when": dict(r.when), "text": r.text, "guide": r.guide.to_dict()}
            | ({"model": r.model} if r.model else {})
            for r in items
        ]

    return schema | {
        "formula": FORMULA,
        "effect_range": [-2, 2],
        "weight_range": [0, 5],
        "tie_break": list(cat.tie_break),
        "thresholds": {
            "close_call": th.close_call,
            "leaning": th.leaning,
            "robustness_samples": th.robustness_samples,
            "robustness_spread": th.robustness_spread,
            "robustness_seed": th.robustness_seed,
        },
        "combinations": [
            {
                "models": sorted(c.models, key=cat.tie_break.index),
                "label": c.label,
                "text": c.text,
                "guide": c.guide.to_dict(),
            }
            for c in cat.combinations
        ],
        "warnings": rules(cat.warnings),
        "guardrails": rules(cat.guardrails),
    }
