"""Command line: ``python -m calculator questions | card | score | cost | plan | providers``.

Every command builds one request for calculator.api and prints its reply (JSON, or the reply's
view painted as text or Markdown), so the command line and the page follow the same rules for
share codes, plan links, figures and site addresses.

Whatever the input and the terminal, it ends in one of two ways: exit status 0 with the output
on stdout, or exit status 2 with one line on stderr that starts with ``error:`` (bad input, an
output that cannot be written). It reads stdin as bytes (UTF-8, with or without a byte-order
mark) and writes UTF-8 whatever the locale says; a reader that stops reading early (``| head``)
ends it quietly with status 0.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from typing import Any, NoReturn, Sequence

from .api import handle_request
from .errors import CalculatorError, clean_line
from .providers import providers_schema
from .providers_view import memo_text
from .addresses import DEFAULT_SITE_URL
from .render import cost_text, plan_text, text_from_view

__all__ = ["main"]

MAX_INPUT_BYTES = 10_000_000  # far more than any answers, figures or plan; a bigger input is refused


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (``error: ...``) and status 2, like every other."""

    def error(self, message: str) -> NoReturn:
        raise CalculatorError(f"{message} (see: python -m calculator --help)")

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse (3.13) drops an OSError from writing the help; let it through, so help that
        # cannot be written (a full disk) ends with status 2 and a line saying so, as output does.
        if message:
            (file or sys.stdout).write(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m calculator",
        description="Which model fits: staff augmentation, managed services or BPO.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("questions", help="print the question schema as JSON")
    sub.add_parser("card", help="print the model card (every weight, effect and source) as JSON")
    p = sub.add_parser("score", help="score answers read as a JSON object from stdin or --answers")
    p.add_argument("--answers", help='answers as JSON, e.g. \'{"direction": "us"}\' (default: stdin)')
    p.add_argument("--weights", help='weight overrides as JSON, e.g. \'{"pricing": 0}\'')
    p.add_argument("--share", help="a share code such as v3k1d1-... (or a whole calculator address) instead of "
                                   "--answers; older v1 and v2 codes are carried over")
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
    pl.add_argument("--share", help="a plan link code (p2*...) or a whole planner address, instead of --workstreams")
    pl.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    pl.add_argument("--site-url", default=DEFAULT_SITE_URL, help="base URL for links in the memo")
    pv = sub.add_parser("providers", help="compare providers' proposals, read as a JSON object from stdin or --evaluation")
    pv.add_argument("--evaluation", help='e.g. \'{"model": "bpo", "providers": [...]}\' (default: stdin)')
    pv.add_argument("--share", help="an evaluation link code (e1....) instead of --evaluation")
    pv.add_argument("--format", choices=["json", "text", "markdown"], default="json")
    pv.add_argument("--site-url", default=DEFAULT_SITE_URL, help="base URL for links in the memo")
    return parser


def _json_arg(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalculatorError(f"could not read {what} as JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise CalculatorError(f"could not read {what}: it is nested too deeply") from None
    except ValueError:  # an integer past Python's int-string limit
        raise CalculatorError(f"could not read {what}: it has a number with far more digits than any figure the "
                              "calculator takes") from None


class _Input:
    """Standard input, read once as UTF-8 bytes when a command needs it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def json(self, what: str) -> Any:
        stream = self.stream
        if stream is None:
            raise CalculatorError(f"expected {what} on standard input, and it is closed")
        try:
            raw = stream.buffer.read(MAX_INPUT_BYTES + 1) if hasattr(stream, "buffer") else stream.read(MAX_INPUT_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise CalculatorError(f"standard input could not be read ({exc.__class__.__name__})") from None
        if isinstance(raw, str):
            try:  # a text stream: bytes it could not decode come back as they were read
                raw = raw.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError as exc:  # a surrogate no byte stands for
                raise CalculatorError(f"standard input is not UTF-8 text (character {exc.start + 1})") from None
        if len(raw) > MAX_INPUT_BYTES:
            raise CalculatorError(f"standard input is larger than {MAX_INPUT_BYTES:,} bytes")
        mark = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        try:
            text = raw[mark:].decode("utf-8")
        except UnicodeDecodeError as exc:  # counted in the input's bytes, the mark included
            raise CalculatorError(f"standard input is not UTF-8 text (byte {mark + exc.start + 1})") from None
        if not text.strip():
            raise CalculatorError(f"expected {what} on standard input, and it is empty")
        return _json_arg(text, what)


def _request(args: argparse.Namespace, stdin: _Input) -> dict[str, Any]:
    """The API request a command stands for."""
    if args.command in ("questions", "card"):
        return {"op": args.command}
    if args.command == "providers":
        if args.share is not None:
            if args.evaluation is not None:
                raise CalculatorError("give either --share or --evaluation, not both")
            return {"op": "providers", "share": args.share, "site_url": args.site_url}
        return {"op": "providers", "site_url": args.site_url,
                "evaluation": _json_arg(args.evaluation, "the evaluation") if args.evaluation is not None
                else stdin.json("the evaluation")}
    if args.command == "plan":
        if args.share is not None:
            if args.workstreams is not None:
                raise CalculatorError("give either --share or --workstreams, not both")
            request = {"op": "plan", "share": args.share}
        else:
            request = {"op": "plan", "workstreams": _json_arg(args.workstreams, "the workstreams")
                       if args.workstreams is not None else stdin.json("the workstreams")}
        return request | {"site_url": args.site_url}
    if args.command == "cost":
        if args.share is not None:
            if args.figures is not None or args.answers is not None:
                raise CalculatorError("give either --share or --figures/--answers, not both")
            return {"op": "score", "share": args.share, "site_url": args.site_url}
        figures = (_json_arg(args.figures, "the cost figures") if args.figures is not None
                   else stdin.json("the cost figures"))
        if args.format == "markdown":
            if args.answers is None:
                raise CalculatorError("--format markdown writes the decision memo: give --answers or --share too")
            return {"op": "score", "answers": _json_arg(args.answers, "--answers"), "cost": figures,
                    "site_url": args.site_url}
        request = {"op": "cost", "cost": figures}
        if args.answers is not None:
            request["answers"] = _json_arg(args.answers, "--answers")
        return request
    if args.share is not None:
        if args.answers is not None or args.weights is not None:
            raise CalculatorError("give either --share or --answers/--weights, not both")
        return {"op": "score", "share": args.share, "site_url": args.site_url}
    request = {"op": "score", "answers": _json_arg(args.answers, "the answers") if args.answers is not None
               else stdin.json("the answers"), "site_url": args.site_url}
    if args.weights is not None:
        request["weights"] = _json_arg(args.weights, "--weights")
    return request


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _output(args: argparse.Namespace, reply: dict[str, Any]) -> str:
    """What to print for a reply, in the chosen format."""
    if args.command == "questions":
        return _dump(reply["questions"])
    if args.command == "card":
        return _dump(reply["card"])
    if args.command == "providers":
        if args.format == "markdown":
            return reply["memo"]
        if args.format == "text":
            return memo_text(reply["evaluation"], providers_schema()["price"]["method"]) + f"\nLink code: {reply['share']}\n"
        return _dump({"evaluation": reply["evaluation"], "share": reply["share"]})
    if args.command == "plan":
        if args.format == "markdown":
            return reply["memo"]
        if args.format == "text":
            return plan_text(reply["plan_view"])
        return _dump({"plan": reply["plan"], "plan_view": reply["plan_view"]})
    if args.command == "cost":
        if args.format == "markdown":
            return reply["memo"]
        if "cost" not in reply:  # a share code without figures
            raise CalculatorError("this share code carries no cost figures")
        if args.format == "text":
            return cost_text(reply["cost_view"])
        return _dump({"cost": reply["cost"], "cost_view": reply["cost_view"]})
    if args.format == "text":
        return text_from_view(reply["view"], reply["share"])
    if args.format == "markdown":
        return reply["memo"]
    return _dump(reply["result"] | {"link_notes": reply["link"]["notes"]})


def run(args: argparse.Namespace, stdin: Any) -> str:
    """Carry out one parsed command and return what to print."""
    return _output(args, handle_request(_request(args, _Input(stdin))))


def _say(line: str) -> None:
    """One line on stderr, as UTF-8 whatever the locale; nothing if stderr is gone."""
    data = (clean_line(line) + "\n").encode("utf-8", "backslashreplace")
    try:
        if sys.stderr is not None and hasattr(sys.stderr, "buffer"):
            sys.stderr.flush()
            sys.stderr.buffer.write(data)
            sys.stderr.buffer.flush()
        elif sys.stderr is not None:
            sys.stderr.write(data.decode("utf-8"))
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a failed write: point stdout at /dev/null so the interpreter's final flush of what
    is still buffered cannot print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    finally:
        os.close(devnull)


def _write(output: str, stdout: Any) -> int:
    if stdout is not None:  # a caller's own stream (tests)
        stdout.write(output)
        return 0
    if sys.stdout is None:
        _say("error: standard output is closed, so the result cannot be written")
        return 2
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(output.encode("utf-8", "backslashreplace"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader stopped reading (| head): nothing more is wanted
        _silence_stdout()
        return 0
    except (OSError, ValueError) as exc:
        _silence_stdout()
        reason = os.strerror(exc.errno) if isinstance(exc, OSError) and exc.errno else "it is closed"
        _say(f"error: the result could not be written to standard output ({reason})")
        return 2
    return 0


def main(argv: Sequence[str] | None = None, stdin: Any = None, stdout: Any = None) -> int:
    """Run the CLI; returns the exit status (0 fine, 2 bad input or output that cannot be written)."""
    try:
        args = _help_or_args(argv)
        if isinstance(args, int):
            return args
        output = run(args, stdin if stdin is not None else sys.stdin)
    except CalculatorError as exc:
        _say(f"error: {exc.message}")
        return 2
    return _write(output, stdout)


def _help_or_args(argv: Sequence[str] | None) -> argparse.Namespace | int:
    """The parsed command line, or the exit status once the help has been printed (or could not
    be). A mistake raises CalculatorError."""
    try:
        return _parser().parse_args(argv)
    except SystemExit as exc:  # --help: argparse has printed it
        return 0 if exc.code in (0, None) else 2
    except BrokenPipeError:  # --help to a reader that stopped reading
        _silence_stdout()
        return 0
    except OSError as exc:  # --help to a full disk
        _silence_stdout()
        reason = os.strerror(exc.errno) if exc.errno else "it is closed"
        _say(f"error: the help could not be written to standard output ({reason})")
        return 2
