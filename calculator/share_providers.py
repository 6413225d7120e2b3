"""A provider evaluation as a checked, versioned link code, and back.

Format (version 1)::

    e1 . <checksum> <data>

``<data>`` is the evaluation as a compact JSON array, compressed with zlib and written in
base64url without padding; ``<checksum>`` is the CRC-32 of the uncompressed JSON as eight
lower-case hex digits, so a code that was cut short or changed in copying is detected instead of
opening a different evaluation. The array holds, in order: the model's position in the criteria
file's [models], the date the criteria were fixed ("" if none), the price weight, the price
method's position, the criteria, the shared figures, and the providers::

    criteria     [key, weight] a scored default (its two-letter key), [key] a pass/fail default,
                 [id, label, 0 | 1, weight] the reader's own (0 scored, 1 pass/fail; weight 0 for pass/fail)
    shared       {cost key letter: figure} (the cost module's general group)
    providers    [name, [score or 1/0 per criterion, in order], {criterion position: note},
                  {price key letter: figure}]

Figures are written as JSON numbers, which Python and JavaScript both print as the shortest
decimal that reads back as the same number, so every figure survives a link exactly. Keys and
letters are fixed in provider_criteria.toml and cost_inputs.toml, so rewording a criterion never
breaks a link. A later version gets its own prefix (e2...) and a reader for e1 stays here.

Kept apart from share.py on purpose (self-contained) so the link formats can be unified later.

>>> code = encode_evaluation({"model": "bpo", "criteria": [{"id": "comparable_processes", "weight": 2}],
...     "providers": [{"name": "Acme", "scores": {"comparable_processes": 4}, "price": {"price_per_fte_month": 2500.5}}],
...     "cost": {"general": {"people": 3}}})
>>> code[:2], decode_evaluation(code)["providers"][0]["price"]
('e1', {'price_per_fte_month': 2500.5})
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any, Callable

from .cost import cost_inputs
from .errors import CalculatorError
from .provider_criteria import provider_data
from .providers import check_evaluation

__all__ = ["EVALUATION_PREFIX", "MAX_CODE_LENGTH", "decode_evaluation", "encode_evaluation"]

EVALUATION_PREFIX = "e"
VERSION = 1
MAX_CODE_LENGTH = 60_000          # 8 providers x 30 criteria with every note at its longest fit well under
MAX_JSON_BYTES = 200_000          # what a code may expand to; more is not a code we made

READER = {
    "damaged": "This evaluation link is damaged: part of it may have been cut off or changed when it was copied.",
    "not_ours": "This link's evaluation is not in a form this page makes.",
    "version": "This evaluation link was made by a newer version of the page (version {version}).",
    "stale": "This evaluation link no longer fits the site's criteria: {problem}",
}


def _error(kind_of_problem: str, message: str, **fmt: Any) -> CalculatorError:
    return CalculatorError(f"evaluation link: {message}", kind="bad_share", field="share",
                           reader=READER[kind_of_problem].format(**fmt))


def _letters(model: str) -> tuple[dict[str, str], dict[str, str]]:
    """(id -> key letter) for the model's price figures and for the shared (general) figures."""
    price = {x.id: x.key for x in cost_inputs() if x.group == model}
    general = {x.id: x.key for x in cost_inputs() if x.group == "general"}
    return price, general


def _pack(ev: dict[str, Any]) -> list[Any]:
    data = provider_data()
    known = {c.id: c for c in data.criteria}
    models, methods = list(data.models), list(data.methods)
    criteria = []
    for c in ev["criteria"]:
        if c["id"] in known:
            base = known[c["id"]]
            criteria.append([base.key, c["weight"]] if base.kind == "scored" else [base.key])
        else:
            criteria.append([c["id"], c["label"], 0 if c["kind"] == "scored" else 1, c.get("weight", 0)])
    price_keys, general_keys = _letters(ev["model"])
    kinds = {c["id"]: (known[c["id"]].kind if c["id"] in known else c["kind"]) for c in ev["criteria"]}
    providers = []
    for p in ev["providers"]:
        marks = [p["scores"][c["id"]] if kinds[c["id"]] == "scored" else int(p["passes"][c["id"]]) for c in ev["criteria"]]
        notes = {str(i): p["notes"][c["id"]] for i, c in enumerate(ev["criteria"]) if c["id"] in p["notes"]}
        providers.append([p["name"], marks, notes, {price_keys[k]: v for k, v in p["price"].items()}])
    general = {general_keys[k]: v for k, v in (ev.get("cost") or {}).get("general", {}).items()}
    return [models.index(ev["model"]), ev.get("fixed_on") or "", ev["price_weight"], methods.index(ev["price_method"]),
            criteria, general, providers]


def encode_evaluation(request: Any) -> str:
    """The link code for an evaluation (checked first, so only a valid evaluation gets a code)."""
    ev = check_evaluation(request).to_dict()
    text = json.dumps(_pack(ev), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    data = base64.urlsafe_b64encode(zlib.compress(text, 9)).rstrip(b"=").decode("ascii")
    return f"{EVALUATION_PREFIX}{VERSION}.{zlib.crc32(text):08x}{data}"


def _unpack_v1(packed: Any) -> dict[str, Any]:
    """Version 1's array back into an evaluation request (check_evaluation checks the rest)."""
    data = provider_data()
    if not isinstance(packed, list) or len(packed) != 7:
        raise ValueError("not seven parts")
    model_at, fixed_on, price_weight, method_at, criteria, general, providers = packed
    models, methods = list(data.models), list(data.methods)
    model, method = models[model_at], methods[method_at]
    by_key = {c.key: c for c in data.criteria}
    out_criteria, ids = [], []
    for c in criteria:
        if len(c) in (1, 2):
            base = by_key[c[0]]
            out_criteria.append({"id": base.id, "weight": c[1]} if base.kind == "scored" else {"id": base.id})
            ids.append((base.id, base.kind))
        else:
            cid, label, kind, weight = c
            kind = ("scored", "pass_fail")[kind]
            out_criteria.append({"id": cid, "label": label, "kind": kind, **({"weight": weight} if kind == "scored" else {})})
            ids.append((cid, kind))
    price_keys, general_keys = _letters(model)
    price_ids = {v: k for k, v in price_keys.items()}
    general_ids = {v: k for k, v in general_keys.items()}
    out_providers = []
    for name, marks, notes, price in providers:
        if len(marks) != len(ids):
            raise ValueError("a provider's marks do not match the criteria")
        out_providers.append({
            "name": name,
            "scores": {cid: m for (cid, kind), m in zip(ids, marks) if kind == "scored"},
            "passes": {cid: bool(m) for (cid, kind), m in zip(ids, marks) if kind == "pass_fail" and m in (0, 1)},
            "notes": {ids[int(i)][0]: note for i, note in notes.items()},
            "price": {price_ids[k]: v for k, v in price.items()},
        })
    request: dict[str, Any] = {"model": model, "price_weight": price_weight, "price_method": method,
                               "criteria": out_criteria, "providers": out_providers}
    if fixed_on:
        request["fixed_on"] = fixed_on
    if general:
        request["cost"] = {"general": {general_ids[k]: v for k, v in general.items()}}
    return request


UNPACKERS: dict[int, Callable[[Any], dict[str, Any]]] = {1: _unpack_v1}


def decode_evaluation(code: Any) -> dict[str, Any]:
    """The evaluation request a link code holds, checked; a damaged or foreign code is one
    CalculatorError (kind ``bad_share``) whose ``reader`` says what happened in plain words."""
    if not isinstance(code, str) or not code.startswith(EVALUATION_PREFIX) or len(code) < 12:
        raise _error("not_ours", "a code starts with e1 and is longer than this")
    if len(code) > MAX_CODE_LENGTH:
        raise _error("damaged", f"the code is longer than {MAX_CODE_LENGTH} characters")
    version_text, dot, rest = code[1:].partition(".")
    if not dot or not version_text.isdigit() or len(version_text) > 3:
        raise _error("not_ours", "no version number and '.' after the e")
    version = int(version_text)
    if version not in UNPACKERS:
        raise _error("version", f"unknown version {version}", version=version)
    checksum, data = rest[:8], rest[8:]
    try:
        expected = int(checksum, 16)
        raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
        # Only the one spelling this module writes: a changed unused bit or a changed case of a
        # checksum digit would otherwise read as the same code.
        if f"{expected:08x}" != checksum or base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii") != data:
            raise ValueError("not written as this module writes it")
        inflate = zlib.decompressobj()
        text = inflate.decompress(raw, MAX_JSON_BYTES)
        # Nothing may follow the compressed data: text stuck on the end of a link is damage too.
        if inflate.unconsumed_tail or inflate.unused_data or not inflate.eof:
            raise ValueError("does not inflate to a whole code")
    except (ValueError, binascii.Error, zlib.error):
        raise _error("damaged", "the code does not decode") from None
    if zlib.crc32(text) != expected:
        raise _error("damaged", "the checksum does not match")
    try:
        request = UNPACKERS[version](json.loads(text.decode("utf-8")))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise _error("damaged", "the code's contents are not an evaluation") from None
    try:
        check_evaluation(request)
    except CalculatorError as exc:
        raise _error("stale", exc.message, problem=exc.message) from None
    return request
