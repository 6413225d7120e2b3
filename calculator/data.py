"""Load and check the question data in ``questions.toml``: the engine's one source of truth.

The data is read once, checked thoroughly (a mistake in it is a bug that should stop the build
loudly, not skew scores quietly) and kept as frozen dataclasses.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from .errors import CalculatorError

__all__ = [
    "Catalogue",
    "Combination",
    "Guide",
    "Model",
    "Option",
    "Question",
    "Rule",
    "Thresholds",
    "catalogue",
    "parse_catalogue",
]

EFFECT_RANGE = range(-2, 3)  # -2 .. +2
WEIGHT_RANGE = range(0, 6)  # 0 .. 5
_GUIDE = re.compile(r"^(?P<page>[a-z0-9][a-z0-9/_-]*\.md)#(?P<anchor>[a-z0-9][a-z0-9-]*)$")
_QUESTION_KEY = re.compile(r"^[a-z]$")
_OPTION_KEY = re.compile(r"^[1-9]$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Guide:
    """A section of the guides: a Markdown page and an explicit heading anchor.

    >>> Guide.parse("models/bpo.md#when-bpo-is-wrong").url
    'models/bpo/#when-bpo-is-wrong'
    >>> Guide.parse("index.md#top").url
    '#top'
    """

    page: str
    anchor: str

    @classmethod
    def parse(cls, text: str, where: str = "guide") -> Guide:
        match = _GUIDE.match(text) if isinstance(text, str) else None
        if match is None:
            raise _data_error(f"{where}: guide link {text!r} must look like 'page.md#anchor'")
        return cls(match["page"], match["anchor"])

    @property
    def url(self) -> str:
        """The section's URL relative to the site root (MkDocs directory URLs)."""
        path = self.page.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            path = path.removesuffix("index")
        else:
            path += "/"
        return f"{path}#{self.anchor}"

    def to_dict(self) -> dict[str, str]:
        return {"page": self.page, "anchor": self.anchor, "url": self.url}


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    short: str
    summary: str
    guide: Guide


@dataclass(frozen=True)
class Option:
    id: str
    key: str
    label: str
    reason: str
    effects: Mapping[str, int]  # model id -> effect in -2..+2


@dataclass(frozen=True)
class Question:
    id: str
    key: str
    prompt: str
    help: str
    weight: int
    guide: Guide
    source: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option:
        """The option with this id, or a CalculatorError naming the allowed ones."""
        for option in self.options:
            if option.id == option_id:
                return option
        allowed = [o.id for o in self.options]
        raise CalculatorError(
            f"unknown option {option_id!r} for question {self.id!r}; "
            f"allowed options: {', '.join(allowed)}",
            kind="unknown_option",
            question=self.id,
            allowed=allowed,
        )


@dataclass(frozen=True)
class Rule:
    """A warning (contradictory answers) or a guardrail (a model not to choose as things stand)."""

    id: str
    when: Mapping[str, str]  # question id -> option id; the rule fires when all are given
    text: str
    guide: Guide
    model: str | None = None  # guardrails only

    def fires(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(q) == o for q, o in self.when.items())


@dataclass(frozen=True)
class Combination:
    models: frozenset[str]
    label: str
    text: str
    guide: Guide


@dataclass(frozen=True)
class Thresholds:
    close_call: float
    leaning: float
    robustness_samples: int
    robustness_spread: float
    robustness_seed: int


@dataclass(frozen=True)
class Catalogue:
    """Everything in questions.toml, checked."""

    schema: int
    model_version: str
    models: tuple[Model, ...]
    tie_break: tuple[str, ...]
    thresholds: Thresholds
    combinations: tuple[Combination, ...]
    questions: tuple[Question, ...]
    warnings: tuple[Rule, ...]
    guardrails: tuple[Rule, ...]

    @functools.cached_property
    def model_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.models)

    def model(self, model_id: str) -> Model:
        return next(m for m in self.models if m.id == model_id)

    def question(self, question_id: str) -> Question:
        """The question with this id, or a CalculatorError naming the known ones."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = [q.id for q in self.questions]
        raise CalculatorError(
            f"unknown question {question_id!r}; known questions: {', '.join(known)}",
            kind="unknown_question",
            question=str(question_id),
            allowed=known,
        )

    def combination(self, first: str, second: str) -> Combination:
        pair = frozenset((first, second))
        return next(c for c in self.combinations if c.models == pair)

    def guides(self) -> list[tuple[str, Guide]]:
        """Every guide link in the data, with where it is used (for the site's link checks)."""
        found = [(f"model {m.id}", m.guide) for m in self.models]
        found += [(f"question {q.id}", q.guide) for q in self.questions]
        found += [(f"combination {c.label!r}", c.guide) for c in self.combinations]
        found += [(f"warning {r.id}", r.guide) for r in self.warnings]
        found += [(f"guardrail {r.id}", r.guide) for r in self.guardrails]
        return found


def _data_error(message: str) -> CalculatorError:
    return CalculatorError(f"questions.toml: {message}", kind="bad_data")


def _require(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = table.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _data_error(f"{where}: '{key}' must be a {kind.__name__}, got {value!r}")
    return value


def _identifier(table: Mapping[str, Any], where: str) -> str:
    value = _require(table, "id", str, where)
    if not _ID.match(value):
        raise _data_error(f"{where}: id {value!r} must be lower_snake_case")
    return value


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise _data_error(f"{what} {value!r} is used twice")
        seen.add(value)


def _parse_models(raw: Mapping[str, Any]) -> tuple[Model, ...]:
    models = []
    for i, table in enumerate(raw.get("models", [])):
        where = f"models[{i}]"
        models.append(
            Model(
                id=_identifier(table, where),
                name=_require(table, "name", str, where),
                short=_require(table, "short", str, where),
                summary=_require(table, "summary", str, where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
            )
        )
    if len(models) < 2:
        raise _data_error("at least two models are needed")
    _unique([m.id for m in models], "model id")
    return tuple(models)


def _parse_option(table: Mapping[str, Any], where: str, model_ids: tuple[str, ...]) -> Option:
    effects = _require(table, "effects", dict, where)
    if set(effects) != set(model_ids):
        raise _data_error(f"{where}: effects must name exactly {', '.join(model_ids)}")
    for model_id, effect in effects.items():
        if not isinstance(effect, int) or isinstance(effect, bool) or effect not in EFFECT_RANGE:
            raise _data_error(f"{where}: effect on {model_id} must be a whole number from -2 to 2")
    key = _require(table, "key", str, where)
    if not _OPTION_KEY.match(key):
        raise _data_error(f"{where}: option key {key!r} must be one digit 1-9")
    return Option(
        id=_identifier(table, where),
        key=key,
        label=_require(table, "label", str, where),
        reason=_require(table, "reason", str, where),
        effects=MappingProxyType({m: effects[m] for m in model_ids}),
    )


def _parse_questions(raw: Mapping[str, Any], model_ids: tuple[str, ...]) -> tuple[Question, ...]:
    questions = []
    for i, table in enumerate(raw.get("questions", [])):
        where = f"questions[{i}]"
        qid = _identifier(table, where)
        where = f"question {qid}"
        key = _require(table, "key", str, where)
        if not _QUESTION_KEY.match(key):
            raise _data_error(f"{where}: key {key!r} must be one lower-case letter")
        weight = _require(table, "weight", int, where)
        if weight not in WEIGHT_RANGE:
            raise _data_error(f"{where}: weight must be a whole number from 0 to 5")
        options = tuple(
            _parse_option(o, f"{where} option {j}", model_ids)
            for j, o in enumerate(table.get("options", []))
        )
        if len(options) < 2:
            raise _data_error(f"{where}: needs at least two options")
        _unique([o.id for o in options], f"{where}: option id")
        _unique([o.key for o in options], f"{where}: option key")
        questions.append(
            Question(
                id=qid,
                key=key,
                prompt=_require(table, "prompt", str, where),
                help=_require(table, "help", str, where),
                weight=weight,
                guide=Guide.parse(_require(table, "guide", str, where), where),
                source=_require(table, "source", str, where),
                options=options,
            )
        )
    if not questions:
        raise _data_error("no questions")
    _unique([q.id for q in questions], "question id")
    _unique([q.key for q in questions], "question key")
    return tuple(questions)


def _parse_rules(
    raw: Mapping[str, Any], section: str, questions: tuple[Question, ...], model_ids: tuple[str, ...]
) -> tuple[Rule, ...]:
    by_id = {q.id: q for q in questions}
    rules = []
    for i, table in enumerate(raw.get(section, [])):
        where = f"{section}[{i}]"
        rule_id = _identifier(table, where)
        where = f"{section[:-1]} {rule_id}"
        when = _require(table, "when", dict, where)
        if not when:
            raise _data_error(f"{where}: 'when' names no answers")
        for qid, oid in when.items():
            if qid not in by_id:
                raise _data_error(f"{where}: unknown question {qid!r}")
            if oid not in {o.id for o in by_id[qid].options}:
                raise _data_error(f"{where}: question {qid!r} has no option {oid!r}")
        model = None
        if section == "guardrails":
            model = _require(table, "model", str, where)
            if model not in model_ids:
                raise _data_error(f"{where}: unknown model {model!r}")
        rules.append(
            Rule(
                id=rule_id,
                when=MappingProxyType(dict(when)),
                text=_require(table, "text", str, where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
                model=model,
            )
        )
    _unique([r.id for r in rules], f"{section[:-1]} id")
    return tuple(rules)


def parse_catalogue(raw: Mapping[str, Any]) -> Catalogue:
    """Check parsed TOML data and build the catalogue; a CalculatorError names any mistake."""
    if raw.get("schema") != 1:
        raise _data_error(f"schema must be 1, got {raw.get('schema')!r}")
    models = _parse_models(raw)
    model_ids = tuple(m.id for m in models)
    tie_break = tuple(_require(raw, "tie_break", list, "top level"))
    if sorted(tie_break) != sorted(model_ids):
        raise _data_error("tie_break must list every model exactly once")
    t = _require(raw, "thresholds", dict, "top level")
    thresholds = Thresholds(
        close_call=float(_require(t, "close_call", float, "thresholds")),
        leaning=float(_require(t, "leaning", float, "thresholds")),
        robustness_samples=_require(t, "robustness_samples", int, "thresholds"),
        robustness_spread=float(_require(t, "robustness_spread", float, "thresholds")),
        robustness_seed=_require(t, "robustness_seed", int, "thresholds"),
    )
    if not 0 < thresholds.close_call < thresholds.leaning:
        raise _data_error("thresholds: need 0 < close_call < leaning")
    if not 0 <= thresholds.robustness_spread < 1 or thresholds.robustness_samples < 1:
        raise _data_error("thresholds: need 0 <= robustness_spread < 1 and robustness_samples >= 1")
    combinations = []
    for i, table in enumerate(raw.get("combinations", [])):
        where = f"combinations[{i}]"
        pair = frozenset(_require(table, "models", list, where))
        if len(pair) != 2 or not pair <= set(model_ids):
            raise _data_error(f"{where}: models must be two different model ids")
        combinations.append(
            Combination(
                models=pair,
                label=_require(table, "label", str, where),
                text=_require(table, "text", str, where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
            )
        )
    pairs = {c.models for c in combinations}
    for a in model_ids:
        for b in model_ids:
            if a < b and frozenset((a, b)) not in pairs:
                raise _data_error(f"no combination for {a} and {b}")
    questions = _parse_questions(raw, model_ids)
    return Catalogue(
        schema=1,
        model_version=_require(raw, "model_version", str, "top level"),
        models=models,
        tie_break=tie_break,
        thresholds=thresholds,
        combinations=tuple(combinations),
        questions=questions,
        warnings=_parse_rules(raw, "warnings", questions, model_ids),
        guardrails=_parse_rules(raw, "guardrails", questions, model_ids),
    )


@functools.cache
def catalogue() -> Catalogue:
    """The checked contents of the packaged questions.toml (read once).

    >>> [m.id for m in catalogue().models]
    ['staff_augmentation', 'managed_services', 'bpo']
    """
    text = importlib.resources.files(__package__).joinpath("questions.toml").read_text("utf-8")
    return parse_catalogue(tomllib.loads(text))
