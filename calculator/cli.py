"""Command line: ``python -m calculator questions | card | score | cost | plan | providers``.

Bad input (not JSON, an unknown question or option, a mangled share code) prints one line
to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

from .card import model_card, questions_schema
from .cost import compare_costs
from .cost_view import cost_view
from .api import handle_request
from .errors import CalculatorError
from .plan import decode_plan, plan
from .plan_view import plan_memo, plan_view
from .providers import providers_schema
from .providers_view import memo_text
from .render import DEFAULT_SITE_URL, render_markdown, render_text
from .result import score
from .share import decode_share

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Which model fits: staff augmentation, managed services or BPO.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("questions", help="print the question schema as JSON")
    sub.add_parser("card", help="print the model card (every weight, effect and source) as JSON")
    p = sub.add_parser("score", help="score answers read as a JSON object from stdin or --answers")
    p.add_argument("--answers", help='answers as JSON, e.g. \'{"direction": "us"}\' (default: stdin)')
    p.add_argument("--weights", help='weight overrides as JSON, e.g. \'{"pricing": 0}\'')
    p.add_argument("--share", help="a share code such as v2k1d1 instead of --answers (v1 codes are carried over)")
    p.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    p.add_argument("--site-url", default=DEFAULT_SITE_URL, help="base URL for links in the memo")
    c = sub.add_parser("cost", help="compare what each model costs, from figures read as JSON from stdin or --figures")
    c.add_argument("--figures", help='cost figures as JSON, e.g. \'{"general": {"people": 4}}\' (default: stdin)')
    c.add_argument("--answers", help="answers as JSON, to set the fit beside the cost")
    c.add_argument("--share", help="a share code carrying answers and figures, instead of --figures/--answers")
    c.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    c.add_argument("--site-url", default=DEFAULT_SITE_URL, help="base URL for links in the memo")
    pl = sub.add_parser("plan", help="one plan for several workstreams, read as a JSON list from stdin or --workstreams")
    pl.add_argument("--workstreams", help='e.g. \'[{"name": "Payroll", "answers": {"kind": "business_process"}}]\'')
    pl.add_argument("--share", help="a plan link code (p1*...) instead of --workstreams")
    pl.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    pl.add_argument("--site-url", default=DEFAULT_SITE_URL, help="base URL for links in the memo")
    pv = sub.add_parser("providers", help="compare providers' proposals, read as a JSON object from stdin or --evaluation")
    pv.add_argument("--evaluation", help='e.g. \'{"model": "bpo", "providers": [...]}\' (default: stdin)')
    pv.add_argument("--share", help="an evaluation link code (e1....) instead of --evaluation")
    pv.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    pv.add_argument("--site-url", default=DEFAULT_SITE_URL, help="base URL for links in the memo")
    return parser


def _run_providers(args: argparse.Namespace, stdin: Any) -> str:
    request: dict[str, Any] = {"op": "providers", "site_url": args.site_url}
    if args.share is not None:
        if args.evaluation is not None:
            raise CalculatorError("give either --share or --evaluation, not both")
        request["share"] = args.share
    else:
        text = args.evaluation if args.evaluation is not None else stdin.read()
        request["evaluation"] = _json_arg(text, "the evaluation")
    reply = handle_request(request)
    if args.format == "markdown":
        return reply["memo"]
    if args.format == "text":
        return memo_text(reply["evaluation"], providers_schema()["price"]["method"]) + f"\nLink code: {reply['share']}\n"
    return json.dumps({"evaluation": reply["evaluation"], "share": reply["share"]}, indent=2, ensure_ascii=False) + "\n"


def _run_plan(args: argparse.Namespace, stdin: Any) -> str:
    notes: list[str] = []
    if args.share is not None:
        if args.workstreams is not None:
            raise CalculatorError("give either --share or --workstreams, not both")
        found, notes = decode_plan(args.share)
        workstreams = [w.to_dict() for w in found]
    else:
        workstreams = _json_arg(args.workstreams if args.workstreams is not None else stdin.read(), "the workstreams")
    p = plan(workstreams)
    if args.format == "markdown":
        return plan_memo(p, args.site_url, notes)
    view = plan_view(p, notes)
    if args.format == "text":
        lines = [view["summary"], ""]
        for row in view["rows"]:
            lines.append(f"- {row['name']}: {row['model']} ({row['verdict_label']})")
            for extra in (("waiting on " + "; ".join(row["waiting"])) if row["waiting"] else None, row["shift"], row["cost"]):
                if extra:
                    lines.append(f"    {extra}")
        for step in view["timeline"]:
            lines += ["", f"{step['label']}:"] + [f"  - {item}" for item in step["items"]]
        if view["cost"]:
            lines += ["", view["cost"]]
        lines += [f"- {n}" for n in view["notes"]]
        return "\n".join(lines) + "\n"
    return json.dumps({"plan": p, "plan_view": view}, indent=2, ensure_ascii=False) + "\n"


def _cost_text(view: dict) -> str:
    lines = [view["headline"], ""]
    heads = [col["label"] for col in view["columns"]] + [view["labels"]["total"]]
    width = max(len(h) for h in heads) + 2
    lines.append(f"  {'':<20}" + "".join(f"{h:>{width}}" for h in heads))
    for row in view["rows"]:
        cells = [row["cells"][col["id"]] for col in view["columns"]] + [row["total"] or row["note"]]
        lines.append(f"  {row['name']:<20}" + "".join(f"{cell:>{width}}" for cell in cells))
    if view["lines"]:
        lines += [""] + [f"- {line}" for line in view["lines"]]
    return "\n".join(lines) + "\n"


def _run_cost(args: argparse.Namespace, stdin: Any) -> str:
    if args.share is not None:
        if args.figures is not None or args.answers is not None:
            raise CalculatorError("give either --share or --figures/--answers, not both")
        shared = decode_share(args.share)
        figures, answers = shared.cost, shared.answers
    else:
        figures = _json_arg(args.figures if args.figures is not None else stdin.read(), "the cost figures")
        answers = _json_arg(args.answers, "--answers") if args.answers is not None else None
    cost = compare_costs(figures)
    fit = score(answers) if answers is not None else None
    if args.format == "markdown":
        if fit is None:
            raise CalculatorError("--format markdown writes the decision memo: give --answers or --share too")
        return render_markdown(fit, args.site_url, (), cost)
    view = cost_view(cost, fit.to_dict() if fit else None)
    if args.format == "text":
        return _cost_text(view)
    return json.dumps({"cost": cost, "cost_view": view}, indent=2, ensure_ascii=False) + "\n"


def _json_arg(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalculatorError(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
    except RecursionError:
        raise CalculatorError(f"{what} is nested too deeply") from None


def run(args: argparse.Namespace, stdin: Any) -> str:
    """Carry out one parsed command and return what to print."""
    if args.command == "questions":
        return json.dumps(questions_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.command == "card":
        return json.dumps(model_card(), indent=2, ensure_ascii=False) + "\n"
    if args.command == "cost":
        return _run_cost(args, stdin)
    if args.command == "plan":
        return _run_plan(args, stdin)
    if args.command == "providers":
        return _run_providers(args, stdin)
    notes: list[str] = []
    if args.share is not None:
        if args.answers is not None or args.weights is not None:
            raise CalculatorError("give either --share or --answers/--weights, not both")
        shared = decode_share(args.share)
        answers, weights, notes = shared.answers, shared.weights, shared.notes
    else:
        source = args.answers if args.answers is not None else stdin.read()
        answers = _json_arg(source, "the answers")
        weights = _json_arg(args.weights, "--weights") if args.weights is not None else None
    result = score(answers, weights)
    if args.format == "text":
        return render_text(result, notes)
    if args.format == "markdown":
        return render_markdown(result, args.site_url, notes)
    return json.dumps(result.to_dict() | {"link_notes": notes}, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None, stdin: Any = None, stdout: Any = None) -> int:
    """Run the CLI; returns the exit status (0 fine, 2 bad input)."""
    stdout = stdout or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage line and message (or --help)
        return int(exc.code or 0)
    try:
        output = run(args, stdin or sys.stdin)
    except CalculatorError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    stdout.write(output)
    return 0
