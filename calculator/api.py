"""JSON in, JSON out: the single entry point the browser's web worker calls.

Requests (a JSON object):

- ``{"op": "questions"}`` returns ``{"ok": true, "questions": <questions_schema()>}``
- ``{"op": "card"}`` returns ``{"ok": true, "card": <model_card()>}``
- ``{"op": "score", "answers": {...}, "weights": {...}}`` or ``{"op": "score", "share": "v3..."}``
  returns ``{"ok": true, "result": {...}, "view": {...}, "memo": "<Markdown>", "link": {...}}``
- ``{"op": "open_link", "values": ["v3..."]}``: every value of the page address's ``answers``
  parameter, exactly as the page found them (or a whole pasted address); the same reply as
  ``score``, or an error whose ``reader`` sentence says what was wrong with the link.
- ``{"op": "cost_inputs"}`` returns ``{"ok": true, "cost_inputs": <cost_schema()>}``
- ``{"op": "cost", "cost": {group: {input: number}}, "answers"?: {...}, "weights"?: {...}}``
  returns ``{"ok": true, "cost": {...}, "cost_view": {...}}``: the cost comparison (with the fit
  for the answers beside it, when given).
- ``{"op": "provider_criteria"}`` returns ``{"ok": true, "provider_criteria": <providers_schema()>}``:
  the models, each model's default criteria, the price split and method, and the limits.
- ``{"op": "providers", "evaluation": {...}}`` or ``{"op": "providers", "share": "e1..."}`` returns
  ``{"ok": true, "evaluation": {...}, "view": <element tree>, "memo": "<Markdown>", "share": "e1..."}``:
  a provider evaluation (calculator/providers.py), its view as an element tree
  (calculator/present.py's JSON form, laid out for the optional ``"page"`` as below: its links
  start at ``link_base``, "/" by default, and its section headings are at ``heading``) and its
  memo (links to the optional ``"site_url"``).
- ``{"op": "plan", "workstreams": [{"name", "answers", "weights"?, "cost"?}, ...]}`` or
  ``{"op": "plan", "share": "p2*..."}`` returns ``{"ok": true, "plan": {...}, "plan_view": {...},
  "memo": "<Markdown>"}``; a plan link that could be read in part gives the part, with notes.

``score``, ``open_link``, ``cost`` and ``plan`` take an optional ``"page"`` (where the result is
shown: ``{"uid", "heading", "link_base", "guides"}``, calculator/view_trees.py); the reply then
also has ``"tree"``, the views as element trees (present.py's JSON form) for the page to mount:
``{"result", "cost"?}`` for a score, ``{"cost"}`` for a cost, ``{"plan"}`` for a plan. The build
asks for the same trees for the result at first paint.

``score``, ``open_link`` and ``plan`` take an optional ``"memo": false``: the reply then has no
``"memo"`` (the page asks for it only when the reader copies it, so an answer is not kept waiting
for a memo nobody reads).

``score`` takes an optional ``"cost"`` (the same figures); its reply then also has ``cost`` and
``cost_view`` (with the fit beside the cost), and ``share`` carries the figures too. ``score``
and ``open_link`` take an optional ``"site_url"`` and ``"pages"`` (where the site's tools are,
calculator/addresses.py; ``plan`` and ``providers`` take them too) for the memo's links. ``link`` says which
share format the answers came in and what changed if it was an older one; ``share`` is the code
for the page address.

Any problem returns ``{"ok": false, "error": {"message": ..., "kind": ..., ...}}`` (``errors``:
every problem found, each ``{"field", "message"}``, where one request can have several);
``handle`` never raises, and its reply is always valid UTF-8 JSON (a lone surrogate in the
request comes back escaped). An error of kind ``internal_error`` is a bug in the engine, never
the reader's fault. The command line (calculator/cli.py) builds its requests and reads its
replies here, so both apply the same rules.
"""

from __future__ import annotations

import json
from typing import Any

from .card import model_card, questions_schema
from .cost import compare_costs, cost_schema
from .cost_view import cost_view
from .errors import CalculatorError, clean_line, shown
from .plan import decode_plan, plan
from .plan_view import plan_view
from .present import to_json
from .previous import advice_then
from .providers import evaluate, providers_schema
from .addresses import Address, read_address
from .providers_view import memo_markdown, providers_view
from .render import plan_memo, render_markdown
from .result import score
from .share import SHARE_VERSION, Shared, decode_share, encode_share, open_link
from .share_providers import decode_evaluation, encode_evaluation
from .view import advice_note, result_view
from .view_trees import Place, cost_tree, plan_tree, read_place, result_tree

__all__ = ["MAX_REQUEST_BYTES", "handle", "handle_request"]

MAX_REQUEST_BYTES = 100_000
_FIELDS = {
    "questions": {"op"},
    "card": {"op"},
    "score": {"op", "answers", "weights", "share", "site_url", "pages", "cost", "page", "memo"},
    "open_link": {"op", "values", "site_url", "pages", "page", "memo"},
    "cost_inputs": {"op"},
    "cost": {"op", "cost", "answers", "weights", "page"},
    "plan": {"op", "workstreams", "share", "site_url", "pages", "page", "memo"},
    "provider_criteria": {"op"},
    "providers": {"op", "evaluation", "share", "site_url", "pages", "page"},
}


# Links of share versions up to this one were made by the previous model (previous.py).
LAST_VERSION_OF_PREVIOUS_MODEL = 2


def _trees(place: Place | None, **trees: tuple[Any, Any]) -> dict[str, Any]:
    """The ``tree`` part of a reply: each view laid out for its place (none without a place)."""
    if place is None:
        return {}
    return {"tree": {name: [to_json(node) for node in lay_out(view, place)]
                     for name, (lay_out, view) in trees.items() if view is not None}}


def _wants_memo(request: dict[str, Any]) -> bool:
    memo = request.get("memo", True)
    if not isinstance(memo, bool):
        raise CalculatorError("memo must be true or false", kind="bad_request", field="memo")
    return memo


def _scored(shared: Shared, address: Address, place: Place | None, memo: bool) -> dict[str, Any]:
    result = score(shared.answers, shared.weights)
    cost = compare_costs(shared.cost)
    fit = result.to_dict()
    notes = list(shared.notes)
    if shared.version <= LAST_VERSION_OF_PREVIOUS_MODEL:
        then = advice_then(result)
        if then is not None:
            notes.append(advice_note(then))
    view = result_view(result, notes)
    reply = {
        "ok": True,
        "result": fit,
        "view": view,
        "link": {"version": shared.version, "notes": notes},
        "share": encode_share(result.answers, result.weights, cost["inputs"]),
    }
    if cost["entered"]:
        reply["cost"] = cost
        reply["cost_view"] = cost_view(cost, fit)
    if memo:
        reply["memo"] = render_markdown(result, address.site_url, notes, cost, view=view,
                                        shown_cost=reply.get("cost_view"), pages=address.pages)
    reply.update(_trees(place, result=(result_tree, view), cost=(cost_tree, reply.get("cost_view"))))
    return reply


def _planned(request: dict[str, Any], address: Address, place: Place | None, memo: bool) -> dict[str, Any]:
    notes: list[str] = []
    if "share" in request:
        if "workstreams" in request:
            raise CalculatorError("give either 'share' or 'workstreams', not both", kind="bad_request")
        found, notes = decode_plan(request["share"])
        workstreams = [w.to_dict() for w in found]
    else:
        workstreams = request.get("workstreams")
    p = plan(workstreams)
    view = plan_view(p, notes)
    reply = {"ok": True, "plan": p, "plan_view": view, **_trees(place, plan=(plan_tree, view))}
    if memo:
        reply["memo"] = plan_memo(p, address.site_url, notes, address.pages)
    return reply


def _evaluated(request: dict[str, Any], address: Address, place: Place | None) -> dict[str, Any]:
    place = place or Place()
    if "share" in request:
        if "evaluation" in request:
            raise CalculatorError("give either 'share' or 'evaluation', not both", kind="bad_request")
        evaluation = decode_evaluation(request["share"])
    else:
        evaluation = request.get("evaluation")
    result = evaluate(evaluation)
    share = encode_evaluation(result["input"])
    method = providers_schema()["price"]["method"]
    return {
        "ok": True,
        "evaluation": result,
        "view": to_json(providers_view(result, method, place.link_base, place.heading)),
        "memo": memo_markdown(result, method, address.site_url, address.link("providers", share)),
        "share": share,
    }


def handle_request(request: Any) -> dict[str, Any]:
    """Answer one parsed request; raises CalculatorError on bad input."""
    if not isinstance(request, dict):
        raise CalculatorError("the request must be a JSON object", kind="bad_request")
    op = request.get("op")
    if not isinstance(op, str) or op not in _FIELDS:
        raise CalculatorError(
            f"unknown op {shown(op)}; expected one of: {', '.join(_FIELDS)}", kind="bad_request"
        )
    unknown = sorted(shown(k) for k in request if k not in _FIELDS[op])
    if unknown:
        raise CalculatorError(f"unknown field(s) for {op!r}: {', '.join(unknown[:5])}"
                              + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""), kind="bad_request")
    if op == "questions":
        return {"ok": True, "questions": questions_schema()}
    if op == "card":
        return {"ok": True, "card": model_card()}
    if op == "cost_inputs":
        return {"ok": True, "cost_inputs": cost_schema()}
    if op == "provider_criteria":
        return {"ok": True, "provider_criteria": providers_schema()}
    place = read_place(request["page"]) if "page" in request else None
    if op == "cost":
        cost = compare_costs(request.get("cost"))
        fit = score(request["answers"], request.get("weights")).to_dict() if "answers" in request else None
        view = cost_view(cost, fit)
        return {"ok": True, "cost": cost, "cost_view": view, **_trees(place, cost=(cost_tree, view))}
    address = read_address(request)
    if op == "providers":
        return _evaluated(request, address, place)
    memo = _wants_memo(request)
    if op == "plan":
        return _planned(request, address, place, memo)
    if op == "open_link":
        return _scored(open_link(request.get("values")), address, place, memo)
    if "share" in request:
        if "answers" in request or "weights" in request or "cost" in request:
            raise CalculatorError("give either 'share' or 'answers'/'weights'/'cost', not both", kind="bad_request")
        shared = decode_share(request["share"])
    else:
        shared = Shared(request.get("answers", {}), request.get("weights"), SHARE_VERSION, [],
                        request.get("cost") or {})
    return _scored(shared, address, place, memo)


def handle(request_json: str) -> str:
    """Answer a JSON request with a JSON reply; never raises.

    >>> json.loads(handle('{"op": "score", "share": "v3d1-41dF"}'))["result"]["recommendation"]
    'staff_augmentation'
    >>> json.loads(handle('{"op": "score", "answers": {"color": "red"}}'))["error"]["kind"]
    'unknown_question'
    >>> json.loads(handle('not json'))["error"]["message"]
    'the request is not valid JSON: Expecting value at line 1, column 1'
    """
    try:
        if not isinstance(request_json, str):
            raise CalculatorError("the request must be a JSON string", kind="bad_request")
        if len(request_json.encode("utf-8", "replace")) > MAX_REQUEST_BYTES:
            raise CalculatorError(f"the request is larger than {MAX_REQUEST_BYTES} bytes", kind="bad_request")
        try:
            request = json.loads(request_json)
        except json.JSONDecodeError as exc:
            raise CalculatorError(
                f"the request is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                kind="bad_json",
            ) from None
        except RecursionError:
            raise CalculatorError("the request is nested too deeply", kind="bad_json") from None
        except ValueError:  # an integer past Python's int-string limit (4,300 digits)
            raise CalculatorError("the request has a number with far more digits than any figure the calculator "
                                  "takes", kind="bad_json") from None
        reply = handle_request(request)
    except CalculatorError as exc:
        reply = {"ok": False, "error": exc.to_dict()}
    except Exception as exc:  # a bug: report it as such instead of crashing the worker
        reply = {
            "ok": False,
            "error": {"message": clean_line(f"internal error: {type(exc).__name__}: {exc}"), "kind": "internal_error"},
        }
    text = json.dumps(reply, sort_keys=True, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate the request carried into the reply: send it escaped
        text = json.dumps(reply, sort_keys=True, ensure_ascii=True)
    return text
