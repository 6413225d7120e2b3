"""The result for people: plain text for terminals, and a short Markdown decision memo."""

from __future__ import annotations

from typing import Any, Mapping

from .data import catalogue
from .result import Result

__all__ = ["DEFAULT_SITE_URL", "headline_text", "render_markdown", "render_text"]

DEFAULT_SITE_URL = "https://outside-help.netlify.app/"  # keep in step with mkdocs.yml site_url
VERDICT_WORDS = {
    "clear": "clear fit",
    "leaning": "leaning",
    "close_call": "close call",
    "no_answers": "no answers yet",
}
MAX_CHANGES = 5


def _name(model_id: str) -> str:
    return catalogue().model(model_id).name


def headline_text(result: Result | Mapping[str, Any]) -> str:
    """One line: the recommendation or the close call, in words.

    >>> from calculator import score
    >>> headline_text(score({"work_type": "business_process", "direction": "provider"}))
    'Recommendation: BPO (leaning, 5.0 points ahead)'
    """
    data = result.to_dict() if isinstance(result, Result) else result
    if data["verdict"] == "no_answers":
        return "No recommendation yet: answer at least one question."
    if data["verdict"] == "close_call":
        combo = data["combination"]
        return f"Close call: {combo['label']} ({data['margin']:.1f} points apart)"
    word = VERDICT_WORDS[data["verdict"]]
    return f"Recommendation: {_name(data['recommendation'])} ({word}, {data['margin']:.1f} points ahead)"


def _answer_label(question_id: str, option_id: str | None) -> str:
    if option_id is None:
        return "(unanswered)"
    return catalogue().question(question_id).option(option_id).label


def _change_line(change: Mapping[str, Any]) -> str:
    if change["verdict"] == "close_call":
        outcome = "a close call between " + " and ".join(_name(m) for m in change["headline"].split("+"))
    else:
        outcome = _name(change["recommendation"])
    return f"If \u201c{change['prompt']}\u201d were \u201c{change['to_label']}\u201d: {outcome}"


def _link(site_url: str, guide: Mapping[str, str]) -> str:
    return site_url.rstrip("/") + "/" + guide["url"]


def render_text(result: Result, width: int = 30) -> str:
    """The result for a terminal: headline, score bars, reasons, warnings, what would change it."""
    data = result.to_dict()
    lines = [headline_text(data), ""]
    for model_id in data["ranking"]:
        value = data["scores"][model_id]
        bar = "#" * round(value / 100 * width)
        lines.append(f"  {_name(model_id):<20} {value:5.1f}  {bar}")
    conf = data["confidence"]
    lines.append("")
    lines.append(
        f"Confidence: {conf['level']} ({conf['answered']} of {conf['total']} questions answered; "
        f"wins in {data['what_would_change']['robustness']['share']:.0%} of perturbed weightings)"
    )
    sections = [
        ("Why", [r["text"] for r in data["reasons"]]),
        ("Working against it", [r["text"] for r in data["against"]]),
        ("Warnings", [w["text"] for w in data["warnings"]]),
        ("Before you choose", [f"{_name(g['model'])}: {g['text']}" for g in data["guardrails"]]),
        (
            "What would change the answer",
            [_change_line(c) for c in data["what_would_change"]["answer_changes"][:MAX_CHANGES]],
        ),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"{title}:"] + [f"  - {item}" for item in items]
    lines += ["", f"Share code: {data['share']}"]
    return "\n".join(lines) + "\n"


def render_markdown(result: Result, site_url: str = DEFAULT_SITE_URL) -> str:
    """A short decision memo in Markdown, with links back to the guides and to these answers.

    >>> from calculator import score
    >>> memo = render_markdown(score({"direction": "us"}))
    >>> memo.splitlines()[0]
    '# Decision memo: how to bring in outside help'
    >>> "calculator/?answers=v1d1" in memo
    True
    """
    data = result.to_dict()
    cat = catalogue()
    out = ["# Decision memo: how to bring in outside help", "", f"**{headline_text(data)}**", ""]
    if data["combination"]:
        out += [data["combination"]["text"], ""]
    out += ["| Model | Score (0-100) |", "| --- | ---: |"]
    out += [f"| {_name(m)} | {data['scores'][m]:.1f} |" for m in data["ranking"]]
    conf = data["confidence"]
    robust = data["what_would_change"]["robustness"]
    out += [
        "",
        f"Confidence: {conf['level']}. {conf['answered']} of {conf['total']} questions answered; "
        f"the recommendation wins in {robust['share']:.0%} of {robust['samples']} randomly "
        f"perturbed weightings.",
    ]

    def section(title: str, rows: list[tuple[str, Mapping[str, str] | None]]) -> None:
        if rows:
            out.extend(["", f"## {title}", ""])
            for text, guide in rows:
                out.append(f"- {text}" + (f" ([guide]({_link(site_url, guide)}))" if guide else ""))

    section("Why", [(r["text"], r["guide"]) for r in data["reasons"]])
    section("Working against it", [(r["text"], r["guide"]) for r in data["against"]])
    section("Warnings", [(w["text"], w["guide"]) for w in data["warnings"]])
    section(
        "Before you choose",
        [(f"{_name(g['model'])}: {g['text']}", g["guide"]) for g in data["guardrails"]],
    )
    changes = data["what_would_change"]["answer_changes"][:MAX_CHANGES]
    section("What would change the answer", [(_change_line(c), None) for c in changes])
    section(
        "Answers",
        [(f"{q.prompt} {_answer_label(q.id, data['answers'].get(q.id))}", None) for q in cat.questions],
    )
    section(
        "Changed weights",
        [
            (f"{cat.question(qid).prompt} weight {w} (default {cat.question(qid).weight})", None)
            for qid, w in data["weights"].items()
        ],
    )
    out += [
        "",
        f"[Open these answers in the calculator]({site_url.rstrip('/')}/calculator/?answers={data['share']})",
        "",
        f"_Model version {data['model_version']}. A first-pass screen: it does not judge vendors, "
        "prices, locations or contracts._",
    ]
    return "\n".join(out) + "\n"
