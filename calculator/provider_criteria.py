"""The provider comparison's default criteria and price scoring, read from
provider_criteria.toml and checked loudly: a mistake in the file is a CalculatorError of kind
``bad_data`` naming the entry, raised on first use (and by tests/engine/test_provider_criteria.py).

>>> [c.id for c in defaults("bpo") if c.kind == "pass_fail"]
['processor_terms', 'data_location', 'security_certificate']
>>> sum(c.weights["bpo"] for c in defaults("bpo") if c.kind == "scored")
100
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Mapping

from ._datafile import read_toml
from .errors import CalculatorError

__all__ = ["ANCHOR_SCORES", "KINDS", "MAX_WEIGHT", "Criterion", "Method", "ProviderData", "defaults",
           "provider_data"]

KINDS = ("scored", "pass_fail")
ANCHOR_SCORES = (0, 3, 5)
MAX_WEIGHT = 100
_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_KEY = re.compile(r"^[a-z]{2}$")
_GUIDE = re.compile(r"^[a-z0-9/_-]+\.md#[a-z0-9-]+$")


@dataclass(frozen=True)
class Criterion:
    id: str
    key: str
    label: str
    strong: str
    kind: str                          # "scored" or "pass_fail"
    weights: Mapping[str, int]         # scored: default weight per model it applies to
    models: tuple[str, ...]            # the models it applies to
    anchors: Mapping[int, str]         # scored: what earns 0, 3 and 5
    rationale: str
    basis: str                         # "judgement" or a source id
    guide: str                         # where on the site it comes from


@dataclass(frozen=True)
class Method:
    id: str
    name: str
    formula: str
    explanation: str
    basis: str


@dataclass(frozen=True)
class ProviderData:
    criteria: tuple[Criterion, ...]
    methods: Mapping[str, Method]
    default_method: str
    price_weight: int
    price_weight_rationale: str
    price_weight_basis: str
    low_price_fraction: float
    low_price_min: int
    low_price_basis: str
    low_price_rule_basis: str
    models: Mapping[str, str]          # model id -> its name
    sources: Mapping[str, tuple[str, str]]   # source id -> (citation, guide URL)


def _bad(message: str) -> CalculatorError:
    return CalculatorError(f"provider_criteria.toml: {message}", kind="bad_data")


def _text(table: Mapping[str, Any], name: str, where: str, longest: int) -> str:
    value = table.get(name)
    if not isinstance(value, str) or not value.strip() or len(value) > longest:
        raise _bad(f"{where}: {name} must be text of 1 to {longest} characters")
    return value


def _criterion(t: Mapping[str, Any], where: str, models: Mapping[str, str], sources: Mapping[str, Any]) -> Criterion:
    known = {"id", "key", "label", "strong", "kind", "weights", "models", "anchors", "rationale", "basis", "guide"}
    extra = sorted(set(t) - known)
    if extra:
        raise _bad(f"{where}: unknown field(s) {', '.join(extra)}")
    cid = _text(t, "id", where, 32)
    if not _ID.match(cid):
        raise _bad(f"{where}: id {cid!r} must be lower-case letters, digits and underscores")
    where = f"criterion {cid!r}"
    key = _text(t, "key", where, 2)
    if not _KEY.match(key):
        raise _bad(f"{where}: key {key!r} must be two lower-case letters")
    kind = t.get("kind")
    if kind not in KINDS:
        raise _bad(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    weights: dict[str, int] = {}
    anchors: dict[int, str] = {}
    if kind == "scored":
        if "models" in t:
            raise _bad(f"{where}: a scored criterion names its models through its weights")
        raw = t.get("weights")
        if not isinstance(raw, dict) or not raw:
            raise _bad(f"{where}: a scored criterion needs weights per model")
        for model, weight in raw.items():
            if model not in models:
                raise _bad(f"{where}: weights name unknown model {model!r}")
            if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= MAX_WEIGHT:
                raise _bad(f"{where}: the weight for {model} must be a whole number from 1 to {MAX_WEIGHT}")
            weights[model] = weight
        raw_anchors = t.get("anchors")
        if not isinstance(raw_anchors, dict) or set(raw_anchors) != {str(s) for s in ANCHOR_SCORES}:
            raise _bad(f"{where}: anchors must describe exactly the scores 0, 3 and 5")
        anchors = {int(s): _text(raw_anchors, s, f"{where} anchor {s}", 200) for s in raw_anchors}
        applies = tuple(m for m in models if m in weights)
    else:
        if "weights" in t or "anchors" in t:
            raise _bad(f"{where}: a pass/fail criterion has no weights or anchors")
        raw_models = t.get("models")
        if not isinstance(raw_models, list) or not raw_models or any(m not in models for m in raw_models):
            raise _bad(f"{where}: models must list one or more of {', '.join(models)}")
        applies = tuple(m for m in models if m in raw_models)
    basis = _text(t, "basis", where, 60)
    if basis not in sources:
        raise _bad(f"{where}: basis {basis!r} is not in [sources]")
    guide = _text(t, "guide", where, 120)
    if not _GUIDE.match(guide):
        raise _bad(f"{where}: guide {guide!r} must be a page and an anchor, e.g. page.md#section")
    return Criterion(id=cid, key=key, label=_text(t, "label", where, 80), strong=_text(t, "strong", where, 300),
                     kind=kind, weights=weights, models=applies, anchors=anchors,
                     rationale=_text(t, "rationale", where, 400), basis=basis, guide=guide)


def parse(raw: Mapping[str, Any]) -> ProviderData:
    """Check the file's parsed contents; every problem names its entry."""
    if raw.get("schema") != 1:
        raise _bad("schema must be 1")
    models = raw.get("models")
    if not isinstance(models, dict) or not models:
        raise _bad("[models] must name each model")
    sources: dict[str, tuple[str, str]] = {}
    for sid, entry in (raw.get("sources") or {}).items():
        if not isinstance(entry, dict):
            raise _bad(f"source {sid!r} must be a table with cite and guide")
        guide = _text(entry, "guide", f"source {sid!r}", 120)
        if not _GUIDE.match(guide):
            raise _bad(f"source {sid!r}: guide {guide!r} must be a page and an anchor")
        sources[sid] = (_text(entry, "cite", f"source {sid!r}", 120), guide)
    if "judgement" not in sources:
        raise _bad("[sources] must include judgement (our own judgement, labelled as such)")
    criteria = tuple(_criterion(t, f"criteria[{i}]", models, sources) for i, t in enumerate(raw.get("criteria", [])))
    for attr in ("id", "key"):
        values = [getattr(c, attr) for c in criteria]
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise _bad(f"two criteria share the {attr} {', '.join(repeated)}")
    for model in models:
        mine = [c for c in criteria if model in c.models]
        if not any(c.kind == "scored" for c in mine):
            raise _bad(f"model {model!r} has no scored criterion")
        labels = [c.label.casefold() for c in mine]
        if len(labels) != len(set(labels)):
            raise _bad(f"two criteria for {model!r} share a label")
    methods = {}
    for mid, t in (raw.get("methods") or {}).items():
        where = f"method {mid!r}"
        basis = _text(t, "basis", where, 60)
        if basis not in sources:
            raise _bad(f"{where}: basis {basis!r} is not in [sources]")
        methods[mid] = Method(mid, _text(t, "name", where, 80), _text(t, "formula", where, 200),
                              _text(t, "explanation", where, 800), basis)
    price = raw.get("price") or {}
    if price.get("method") not in methods:
        raise _bad("[price] method must name one of [methods]")
    weight = price.get("default_weight")
    if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
        raise _bad("[price] default_weight must be a whole number from 0 to 100")
    low = raw.get("low_price") or {}
    fraction = low.get("below_adjusted_average")
    if not isinstance(fraction, float) or not 0 < fraction < 1:
        raise _bad("[low_price] below_adjusted_average must be a fraction between 0 and 1")
    least = low.get("min_proposals")
    if isinstance(least, bool) or not isinstance(least, int) or least < 3:
        raise _bad("[low_price] min_proposals must be a whole number of at least 3")
    for name in ("weight_basis",):
        if price.get(name) not in sources:
            raise _bad(f"[price] {name} is not in [sources]")
    for name in ("basis", "rule_basis"):
        if low.get(name) not in sources:
            raise _bad(f"[low_price] {name} is not in [sources]")
    return ProviderData(
        criteria=criteria, methods=methods, default_method=price["method"], price_weight=weight,
        price_weight_rationale=_text(price, "weight_rationale", "[price]", 600),
        price_weight_basis=price["weight_basis"], low_price_fraction=fraction, low_price_min=least,
        low_price_basis=low["basis"], low_price_rule_basis=low["rule_basis"],
        models=dict(models), sources=sources,
    )


@functools.cache
def provider_data() -> ProviderData:
    """The checked contents of the packaged provider_criteria.toml (read once)."""
    return parse(read_toml("provider_criteria.toml"))


def defaults(model: str) -> tuple[Criterion, ...]:
    """The default criteria for one model, gates first, in the file's order."""
    mine = [c for c in provider_data().criteria if model in c.models]
    return tuple([c for c in mine if c.kind == "pass_fail"] + [c for c in mine if c.kind == "scored"])
