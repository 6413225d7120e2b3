"""Load and check the question data in ``questions.toml``: the engine's one source of truth.

The data is read once, checked thoroughly (a mistake in it is a bug that should stop the build
loudly, not skew scores quietly) and kept as frozen dataclasses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from ._datafile import read_toml
from .errors import CalculatorError

__all__ = [
    "Catalogue",
    "Combination",
    "Gate",
    "Guide",
    "Model",
    "Option",
    "Question",
    "Source",
    "Step",
    "Thresholds",
    "Warning",
    "catalogue",
    "parse_catalogue",
]

SCHEMA = 2
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
    def parse(cls, text: Any, where: str = "guide") -> Guide:
        match = _GUIDE.match(text) if isinstance(text, str) else None
        if match is None:
            raise _data_error(f"{where}: guide link {text!r} must look like 'page.md#anchor'")
        return cls(match["page"], match["anchor"])

    @property
    def url(self) -> str:
        """The section's URL relative to the site root (directory URLs)."""
        path = self.page.removesuffix(".md")
        if path == "index" or path.endswith("/index"):
            path = path.removesuffix("index")
        else:
            path += "/"
        return f"{path}#{self.anchor}"

    def to_dict(self) -> dict[str, str]:
        return {"page": self.page, "anchor": self.anchor, "url": self.url}


@dataclass(frozen=True)
class Source:
    """Where a direction comes from: an article, a study, or our own judgement."""

    id: str
    cite: str
    guide: Guide


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
    reason: str  # the sentence the result shows when this answer is a reason
    why: str  # why the effects are what they are
    basis: tuple[str, ...]  # source ids behind `why`
    effects: Mapping[str, int]  # model id -> effect in -2..+2
    part: str | None  # the part of the work this answer describes (close calls)
    applies: tuple[str, ...] | None = None  # the models that apply to this kind of work
    outside: Mapping[str, str] = MappingProxyType({})  # model id -> why it does not apply
    outside_guide: Guide | None = None  # where to look instead
    outside_basis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    key: str
    prompt: str
    help: str
    weight: int
    core: bool
    categories: bool  # options are kinds, not points on a scale
    guide: Guide
    sources: tuple[str, ...]
    note: str
    options: tuple[Option, ...]
    matures: tuple[str, ...] = ()  # option ids in the order the answer moves as the work matures
    matured: str | None = None  # "once the scope settles"
    lever: bool = True  # False: describes the work; never offered as a change to make
    weak: bool = False  # a weak signal: last in "answer these next"

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

    def index(self, option_id: str) -> int:
        """The option's position in the question (0-based)."""
        return [o.id for o in self.options].index(option_id)

    def distance(self, first: int, second: int) -> int:
        """How far apart two options are: steps along the scale, or 1 between two kinds."""
        if first == second:
            return 0
        return 1 if self.categories else abs(first - second)


@dataclass(frozen=True)
class Step:
    """What a reader does to lift a gate."""

    id: str
    label: str
    once: str
    guide: Guide
    interim: str | None = None  # what people joining your team could do meanwhile


@dataclass(frozen=True)
class Gate:
    """A model not to choose as things stand; fires when every question in `when` has one of
    its listed answers. One [[gates]] entry naming several models gives one Gate per model
    (same id)."""

    id: str
    model: str
    when: Mapping[str, tuple[str, ...]]
    step: str
    text: str
    basis: tuple[str, ...]
    tolerated: Mapping[str, str] = MappingProxyType({})  # model id -> why it is not held back
    tolerated_basis: tuple[str, ...] = ()

    def fires(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(q) in options for q, options in self.when.items())


@dataclass(frozen=True)
class Warning:
    """A note beside the result, never part of the score: answers that pull against each
    other (warnings), or answers describing work none of the models is for (pointers).
    It fires when every question in `when` has one of its listed answers; `models` limits it
    to results that propose one of those models."""

    id: str
    when: Mapping[str, tuple[str, ...]]
    text: str
    guide: Guide
    models: tuple[str, ...]

    def fires(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(q) in options for q, options in self.when.items())


@dataclass(frozen=True)
class Combination:
    models: frozenset[str]
    guide: Guide


@dataclass(frozen=True)
class Thresholds:
    close_call: float
    leaning: float
    provisional_below: int
    fits_above: float
    robustness_samples: int
    robustness_spread: float
    fill_in_samples: int
    robustness_seed: int


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per loaded file
class Catalogue:
    """Everything in questions.toml, checked."""

    schema: int
    model_version: str
    interim_model: str
    models: tuple[Model, ...]
    tie_break: tuple[str, ...]
    thresholds: Thresholds
    sources: tuple[Source, ...]
    combinations: tuple[Combination, ...]
    questions: tuple[Question, ...]
    steps: tuple[Step, ...]
    gates: tuple[Gate, ...]
    warnings: tuple[Warning, ...]
    pointers: tuple[Warning, ...]

    @functools.cached_property
    def model_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.models)

    @functools.cached_property
    def kind_question(self) -> Question | None:
        """The question whose options say which models apply to the work (`applies`)."""
        return next((q for q in self.questions if q.options[0].applies is not None), None)

    def applicable(self, answers: Mapping[str, str]) -> tuple[str, ...]:
        """The models that apply to the work as answered (all of them until it is answered)."""
        kind = self.kind_question
        if kind is None or kind.id not in answers:
            return self.model_ids
        return kind.option(answers[kind.id]).applies

    @functools.cached_property
    def total_weight(self) -> int:
        """The sum of the default weights."""
        return sum(q.weight for q in self.questions)

    def model(self, model_id: str) -> Model:
        return next(m for m in self.models if m.id == model_id)

    def name(self, model_id: str) -> str:
        return self.model(model_id).name

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

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def combination(self, first: str, second: str) -> Combination:
        pair = frozenset((first, second))
        return next(c for c in self.combinations if c.models == pair)

    def guides(self) -> list[tuple[str, Guide]]:
        """Every guide link in the data, with where it is used (for the site's link checks)."""
        found = [(f"model {m.id}", m.guide) for m in self.models]
        found += [(f"source {s.id}", s.guide) for s in self.sources]
        found += [(f"question {q.id}", q.guide) for q in self.questions]
        found += [(f"combination {'+'.join(sorted(c.models))}", c.guide) for c in self.combinations]
        found += [(f"step {s.id}", s.guide) for s in self.steps]
        found += [(f"warning {w.id}", w.guide) for w in self.warnings]
        found += [(f"pointer {p.id}", p.guide) for p in self.pointers]
        found += [(f"option {q.id}.{o.id} outside", o.outside_guide)
                  for q in self.questions for o in q.options if o.outside_guide]
        return found


def _data_error(message: str) -> CalculatorError:
    return CalculatorError(f"questions.toml: {message}", kind="bad_data")


def _require(table: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = table.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _data_error(f"{where}: '{key}' must be a {kind.__name__}, got {value!r}")
    return value


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = _require(table, key, str, where)
    if not value.strip():
        raise _data_error(f"{where}: '{key}' is empty")
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


def _source_ids(table: Mapping[str, Any], key: str, where: str, known: set[str]) -> tuple[str, ...]:
    ids = _require(table, key, list, where)
    if not ids:
        raise _data_error(f"{where}: '{key}' names no source")
    for source_id in ids:
        if source_id not in known:
            raise _data_error(f"{where}: unknown source {source_id!r} in '{key}'; known: {', '.join(sorted(known))}")
    return tuple(ids)


def _parse_models(raw: Mapping[str, Any]) -> tuple[Model, ...]:
    models = []
    for i, table in enumerate(raw.get("models", [])):
        where = f"models[{i}]"
        models.append(
            Model(
                id=_identifier(table, where),
                name=_text(table, "name", where),
                short=_text(table, "short", where),
                summary=_text(table, "summary", where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
            )
        )
    if len(models) < 2:
        raise _data_error("at least two models are needed")
    if len(models) > 8:  # robustness.py keeps a sample's gated models as the bits of one byte
        raise _data_error("at most eight models are allowed")
    _unique([m.id for m in models], "model id")
    return tuple(models)


def _parse_sources(raw: Mapping[str, Any]) -> tuple[Source, ...]:
    sources = []
    for i, table in enumerate(raw.get("sources", [])):
        where = f"sources[{i}]"
        sources.append(
            Source(
                id=_identifier(table, where),
                cite=_text(table, "cite", where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
            )
        )
    _unique([s.id for s in sources], "source id")
    if "judgement" not in {s.id for s in sources}:
        raise _data_error("sources must include 'judgement' (our own judgement, labelled as such)")
    return tuple(sources)


def _parse_option(
    table: Mapping[str, Any], where: str, model_ids: tuple[str, ...], source_ids: set[str]
) -> Option:
    effects = _require(table, "effects", dict, where)
    if set(effects) != set(model_ids):
        raise _data_error(f"{where}: effects must name exactly {', '.join(model_ids)}")
    for model_id, effect in effects.items():
        if not isinstance(effect, int) or isinstance(effect, bool) or effect not in EFFECT_RANGE:
            raise _data_error(f"{where}: effect on {model_id} must be a whole number from -2 to 2")
    key = _require(table, "key", str, where)
    if not _OPTION_KEY.match(key):
        raise _data_error(f"{where}: option key {key!r} must be one digit 1-9")
    part = table.get("part")
    if part is not None and (not isinstance(part, str) or not part.strip()):
        raise _data_error(f"{where}: 'part' must be a non-empty string when given")
    applies = table.get("applies")
    outside: dict[str, str] = {}
    outside_guide = None
    outside_basis: tuple[str, ...] = ()
    if applies is not None:
        if not isinstance(applies, list) or not applies or not set(applies) <= set(model_ids) or len(set(applies)) < len(applies):
            raise _data_error(f"{where}: 'applies' must list one or more model ids, each once")
        applies = tuple(m for m in model_ids if m in applies)
        outside = _require(table, "outside", dict, where) if len(applies) < len(model_ids) else table.get("outside", {})
        if set(outside) != set(model_ids) - set(applies) or not all(isinstance(t, str) and t.strip() for t in outside.values()):
            raise _data_error(f"{where}: 'outside' must say, for each model that does not apply, why not")
        if outside:
            outside_guide = Guide.parse(_require(table, "outside_guide", str, where), where)
            outside_basis = _source_ids(table, "outside_basis", where, source_ids)
    elif "outside" in table:
        raise _data_error(f"{where}: 'outside' needs 'applies'")
    return Option(
        id=_identifier(table, where),
        key=key,
        label=_text(table, "label", where),
        reason=_text(table, "reason", where),
        why=_text(table, "why", where),
        basis=_source_ids(table, "basis", where, source_ids),
        effects=MappingProxyType({m: effects[m] for m in model_ids}),
        part=part,
        applies=applies,
        outside=MappingProxyType({m: outside[m] for m in model_ids if m in outside}),
        outside_guide=outside_guide,
        outside_basis=outside_basis,
    )


def _parse_questions(
    raw: Mapping[str, Any], model_ids: tuple[str, ...], source_ids: set[str]
) -> tuple[Question, ...]:
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
        core = table.get("core", False)
        categories = table.get("categories", False)
        lever = table.get("lever", True)
        weak = table.get("weak", False)
        if not all(isinstance(flag, bool) for flag in (core, categories, lever, weak)):
            raise _data_error(f"{where}: 'core', 'categories', 'lever' and 'weak' must be true or false")
        options = tuple(
            _parse_option(o, f"{where} option {j}", model_ids, source_ids)
            for j, o in enumerate(table.get("options", []))
        )
        if len(options) < 2:
            raise _data_error(f"{where}: needs at least two options")
        if len({o.applies is None for o in options}) > 1:
            raise _data_error(f"{where}: 'applies' must be on every option or on none")
        _unique([o.id for o in options], f"{where}: option id")
        _unique([o.key for o in options], f"{where}: option key")
        matures = table.get("matures", [])
        matured = table.get("matured")
        if matures or matured is not None:
            if sorted(matures) != sorted(o.id for o in options) or not isinstance(matured, str) or not matured:
                raise _data_error(f"{where}: 'matures' must list every option once, with a 'matured' phrase")
        questions.append(
            Question(
                id=qid,
                key=key,
                prompt=_text(table, "prompt", where),
                help=_text(table, "help", where),
                weight=weight,
                core=core,
                categories=categories,
                guide=Guide.parse(_require(table, "guide", str, where), where),
                sources=_source_ids(table, "sources", where, source_ids),
                note=_text(table, "note", where),
                options=options,
                matures=tuple(matures),
                matured=matured,
                lever=lever,
                weak=weak,
            )
        )
    if not questions:
        raise _data_error("no questions")
    _unique([q.id for q in questions], "question id")
    _unique([q.key for q in questions], "question key")
    if sum(q.options[0].applies is not None for q in questions) > 1:
        raise _data_error("only one question (the kind of work) may say which models apply")
    return tuple(questions)


def _parse_when(
    table: Mapping[str, Any], where: str, questions: tuple[Question, ...], lists: bool = False
) -> Mapping[str, Any]:
    """`when`: question id -> option id (or, with `lists`, a list of option ids: any of them)."""
    by_id = {q.id: q for q in questions}
    when = _require(table, "when", dict, where)
    if not when:
        raise _data_error(f"{where}: 'when' names no answers")
    parsed: dict[str, Any] = {}
    for qid, value in when.items():
        if qid not in by_id:
            raise _data_error(f"{where}: unknown question {qid!r}")
        options = value if lists and isinstance(value, list) else [value]
        if not options:
            raise _data_error(f"{where}: question {qid!r} lists no options")
        for oid in options:
            if oid not in {o.id for o in by_id[qid].options}:
                raise _data_error(f"{where}: question {qid!r} has no option {oid!r}")
        parsed[qid] = tuple(options) if lists else value
    return MappingProxyType(parsed)


def _parse_steps(raw: Mapping[str, Any]) -> tuple[Step, ...]:
    steps = []
    for i, table in enumerate(raw.get("steps", [])):
        where = f"steps[{i}]"
        steps.append(
            Step(
                id=_identifier(table, where),
                label=_text(table, "label", where),
                once=_text(table, "once", where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
                interim=_text(table, "interim", where) if "interim" in table else None,
            )
        )
    _unique([s.id for s in steps], "step id")
    return tuple(steps)


def _towards(old: Option, new: Option, model: str) -> bool:
    """Whether changing `old` to `new` moves the answer towards `model`: its effect minus each
    rival's effect does not fall for any rival (and `new` is a different option)."""
    if old is new:
        return False
    return all(
        new.effects[model] - new.effects[rival] >= old.effects[model] - old.effects[rival]
        for rival in new.effects
        if rival != model
    )


def _parse_gates(
    raw: Mapping[str, Any],
    questions: tuple[Question, ...],
    model_ids: tuple[str, ...],
    steps: tuple[Step, ...],
    source_ids: set[str],
) -> tuple[Gate, ...]:
    by_id = {q.id: q for q in questions}
    step_ids = {s.id for s in steps}
    gates = []
    for i, table in enumerate(raw.get("gates", [])):
        where = f"gates[{i}]"
        gate_id = _identifier(table, where)
        where = f"gate {gate_id}"
        models = _require(table, "models", list, where)
        if not models or not set(models) <= set(model_ids) or len(set(models)) < len(models):
            raise _data_error(f"{where}: 'models' must list one or more model ids, each once")
        step = _require(table, "step", str, where)
        if step not in step_ids:
            raise _data_error(f"{where}: unknown step {step!r}")
        when = _parse_when(table, where, questions, lists=True)
        # A gate must never fire because an answer moved towards its model: that would make
        # "more in favour of X" produce "X is not ready". Every answer that can be reached by a
        # move towards the model from one that does not trigger the gate must not trigger it.
        for model in models:
            for qid, triggers in when.items():
                question = by_id[qid]
                for oid in triggers:
                    trigger = question.option(oid)
                    for other in question.options:
                        if other.id not in triggers and _towards(other, trigger, model):
                            raise _data_error(
                                f"{where}: answering {qid!r} with {oid!r} instead of {other.id!r} moves "
                                f"towards {model}, so it cannot be what gates {model}"
                            )
        tolerated = table.get("tolerated", {})
        if not isinstance(tolerated, dict) or set(tolerated) & set(models) or not set(tolerated) <= set(model_ids) \
                or not all(isinstance(t, str) and t.strip() for t in tolerated.values()):
            raise _data_error(f"{where}: 'tolerated' must say, for models it does not hold back, why not")
        tolerated_basis = _source_ids(table, "tolerated_basis", where, source_ids) if tolerated else ()
        text = _text(table, "text", where)
        basis = _source_ids(table, "basis", where, source_ids)
        for model in model_ids:
            if model in models:
                gates.append(Gate(
                    id=gate_id, model=model, when=when, step=step, text=text, basis=basis,
                    tolerated=MappingProxyType(dict(tolerated)), tolerated_basis=tolerated_basis,
                ))
    _unique([table.get("id") for table in raw.get("gates", [])], "gate id")
    _unique([f"{g.id} {g.model}" for g in gates], "gate")
    unused = step_ids - {g.step for g in gates}
    if unused:
        raise _data_error(f"steps never used by a gate: {', '.join(sorted(unused))}")
    return tuple(gates)


def _parse_warnings(
    raw: Mapping[str, Any], questions: tuple[Question, ...], model_ids: tuple[str, ...], section: str
) -> tuple[Warning, ...]:
    warnings = []
    for i, table in enumerate(raw.get(section, [])):
        where = f"{section}[{i}]"
        warning_id = _identifier(table, where)
        where = f"{section[:-1]} {warning_id}"
        models = table.get("models", [])
        if not isinstance(models, list) or not set(models) <= set(model_ids):
            raise _data_error(f"{where}: 'models' must list model ids")
        warnings.append(
            Warning(
                id=warning_id,
                when=_parse_when(table, where, questions, lists=True),
                text=_text(table, "text", where),
                guide=Guide.parse(_require(table, "guide", str, where), where),
                models=tuple(models),
            )
        )
    _unique([w.id for w in warnings], f"{section[:-1]} id")
    return tuple(warnings)


def _parse_thresholds(raw: Mapping[str, Any]) -> Thresholds:
    t = _require(raw, "thresholds", dict, "top level")
    th = Thresholds(
        close_call=float(_require(t, "close_call", float, "thresholds")),
        leaning=float(_require(t, "leaning", float, "thresholds")),
        provisional_below=_require(t, "provisional_below", int, "thresholds"),
        fits_above=float(_require(t, "fits_above", float, "thresholds")),
        robustness_samples=_require(t, "robustness_samples", int, "thresholds"),
        robustness_spread=float(_require(t, "robustness_spread", float, "thresholds")),
        fill_in_samples=_require(t, "fill_in_samples", int, "thresholds"),
        robustness_seed=_require(t, "robustness_seed", int, "thresholds"),
    )
    if not 0 < th.close_call < th.leaning:
        raise _data_error("thresholds: need 0 < close_call < leaning")
    if not 0 <= th.robustness_spread < 1 or th.robustness_samples < 1 or th.fill_in_samples < 1:
        raise _data_error("thresholds: need 0 <= robustness_spread < 1 and at least one sample of each kind")
    if th.provisional_below < 1:
        raise _data_error("thresholds: provisional_below must be at least 1")
    if not 0 <= th.fits_above < 100:
        raise _data_error("thresholds: fits_above must be a score from 0 to under 100")
    return th


def parse_catalogue(raw: Mapping[str, Any]) -> Catalogue:
    """Check parsed TOML data and build the catalogue; a CalculatorError names any mistake."""
    if raw.get("schema") != SCHEMA:
        raise _data_error(f"schema must be {SCHEMA}, got {raw.get('schema')!r}")
    models = _parse_models(raw)
    model_ids = tuple(m.id for m in models)
    tie_break = tuple(_require(raw, "tie_break", list, "top level"))
    if sorted(tie_break) != sorted(model_ids):
        raise _data_error("tie_break must list every model exactly once")
    sources = _parse_sources(raw)
    source_ids = {s.id for s in sources}
    combinations = []
    for i, table in enumerate(raw.get("combinations", [])):
        where = f"combinations[{i}]"
        pair = frozenset(_require(table, "models", list, where))
        if len(pair) != 2 or not pair <= set(model_ids):
            raise _data_error(f"{where}: models must be two different model ids")
        combinations.append(Combination(pair, Guide.parse(_require(table, "guide", str, where), where)))
    pairs = {c.models for c in combinations}
    for a in model_ids:
        for b in model_ids:
            if a < b and frozenset((a, b)) not in pairs:
                raise _data_error(f"no combination for {a} and {b}")
    questions = _parse_questions(raw, model_ids, source_ids)
    steps = _parse_steps(raw)
    interim_model = _require(raw, "interim_model", str, "top level")
    if interim_model not in model_ids:
        raise _data_error(f"interim_model: unknown model {interim_model!r}")
    return Catalogue(
        schema=SCHEMA,
        model_version=_text(raw, "model_version", "top level"),
        interim_model=interim_model,
        models=models,
        tie_break=tie_break,
        thresholds=_parse_thresholds(raw),
        sources=sources,
        combinations=tuple(combinations),
        questions=questions,
        steps=steps,
        gates=_parse_gates(raw, questions, model_ids, steps, source_ids),
        warnings=_parse_warnings(raw, questions, model_ids, "warnings"),
        pointers=_parse_warnings(raw, questions, model_ids, "pointers"),
    )


@functools.cache
def catalogue() -> Catalogue:
    """The checked contents of the packaged questions.toml (read once).

    >>> [m.id for m in catalogue().models]
    ['staff_augmentation', 'managed_services', 'bpo']
    """
    return parse_catalogue(read_toml("questions.toml"))
