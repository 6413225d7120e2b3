"""The mutation score per engine module, and every surviving mutant, from mutmut's results.

`make mutate` runs mutmut (configured in pyproject.toml's [tool.mutmut]) and then this script,
which reads what mutmut wrote under mutants/ (one `<module>.py.meta` JSON file per module, its
`exit_code_by_key` giving each mutant's outcome) and prints:

- a table per module: killed / total, survivors, untested, the score (killed over every mutant
  that was run or had no test; mutants judged equivalent are taken out of the total), and
  whether the module meets its goal (85% engine-wide, 95% for the modules that decide);
- each surviving mutant that is not judged equivalent, with the line it changes.

Mutants judged equivalent (no test can tell them from the original) are listed, each with why,
in bench/mutants_equivalent.md: a table of function, the changed line before and after, and the
reason. They are matched by function and change, not by mutmut's numbering (which shifts when
the code around them changes).

    python -m bench.mutation_report            # after `mutmut run`
    python -m bench.mutation_report --all      # also list survivors judged equivalent
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DECIDING", "GOAL_DECIDING", "GOAL_ENGINE", "Change", "equivalent_kind", "equivalents", "estimate", "main",
           "results"]

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT_FILE = Path(__file__).resolve().parent / "mutants_equivalent.md"

# The modules whose mutants change the advice, a link or a cost figure (issue 18): the decision
# rules, the gates and data checks, confidence, the scoring arithmetic, the cost arithmetic and
# the share codecs (result links v1 to v3, plan links p1 and p2, evaluation links e1).
DECIDING = ("decide", "data", "result", "checks", "cost", "share", "share_v1", "plan", "share_providers")
GOAL_ENGINE = 0.85
GOAL_DECIDING = 0.95

# mutmut's exit codes (mutmut/stats.py status_by_exit_code): which count as killed.
KILLED = {1, 3, 36, 24, -24, 152, 255, 37, -11, -9}  # failed, pytest error, timeout, type check, crash
SURVIVED = {0}
NO_TESTS = {5, 33}
NOT_RUN = {None, 2, 34}  # not checked yet, interrupted, skipped


@dataclass(frozen=True)
class Change:
    """One mutant: its module, function, and the lines it changes."""

    name: str
    module: str
    function: str
    before: str
    after: str

    @property
    def shown(self) -> str:
        return f"{self.before}  ->  {self.after}"


@dataclass
class Tally:
    killed: int = 0
    survived: list[Change] = field(default_factory=list)
    untested: list[Change] = field(default_factory=list)
    equivalent: int = 0
    not_run: int = 0
    rows_used: set[tuple[str, str, str]] = field(default_factory=set)  # table rows it matched

    @property
    def counted(self) -> int:
        return self.killed + len(self.survived) + len(self.untested)

    @property
    def score(self) -> float | None:
        return self.killed / self.counted if self.counted else None


def _function_of(name: str) -> str:
    """`calculator.decide.x_rules__mutmut_3` -> `calculator.decide.x_rules`."""
    return name.rsplit("__mutmut_", 1)[0]


def _sources(path: Path) -> dict[str, str]:
    """Every function and method in a mutated file, by its name there (methods as Class.name)."""
    text = path.read_text("utf-8")
    lines = text.splitlines()

    def segment(node: ast.FunctionDef) -> str:
        return "\n".join(lines[node.lineno - 1 : node.end_lineno])

    found: dict[str, str] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = segment(item)
        elif isinstance(node, ast.FunctionDef):
            found[node.name] = segment(node)
    return found


_MUTMUT_SUFFIX = re.compile(r"__mutmut_(?:orig|\d+)(?=\()")


def _change(name: str, module: str, sources: dict[str, str]) -> Change:
    """What the mutant changes: the differing lines of its function against the original."""
    local = name.split(f"calculator.{module}.", 1)[1]
    # Methods are mangled as xǁClassǁmethod__mutmut_N; functions as x_name__mutmut_N.
    if local.startswith("xǁ"):
        cls, method = local[2:].split("ǁ", 1)
        mutant_key, orig_key = f"{cls}.xǁ{cls}ǁ{method}", f"{cls}.xǁ{cls}ǁ{_function_of(method)}__mutmut_orig"
    else:
        mutant_key, orig_key = local, f"{_function_of(local)}__mutmut_orig"
    mutant, original = sources.get(mutant_key, ""), sources.get(orig_key, "")
    # The two copies' names differ (__mutmut_orig, __mutmut_7): taken out, so that a change on
    # the def line itself (a default argument) shows like any other.
    old, new = ([_MUTMUT_SUFFIX.sub("", line, count=1) for line in text.splitlines()] for text in (original, mutant))
    if len(old) == len(new):  # nearly every mutant changes lines in place
        pairs = [(a, b) for a, b in zip(old, new) if a != b]
        before, after = [a.strip() for a, _ in pairs], [b.strip() for _, b in pairs]
    else:
        diff = list(difflib.unified_diff(old, new, lineterm="", n=0))[2:]
        before = [x[1:].strip() for x in diff if x.startswith("-")]
        after = [x[1:].strip() for x in diff if x.startswith("+")]
    return Change(name, module, _function_of(name), " / ".join(before), " / ".join(after))


def equivalents(path: Path = EQUIVALENT_FILE) -> dict[tuple[str, str, str], str]:
    """(function, before, after) -> why, from the table in bench/mutants_equivalent.md."""
    found: dict[tuple[str, str, str], str] = {}
    if not path.exists():
        return found
    for line in path.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == 4 and cells[0].startswith("`calculator."):
            function, before, after, why = (c.strip("`") if i < 3 else c for i, c in enumerate(cells))
            found[(function, before.replace("\\|", "|"), after.replace("\\|", "|"))] = why
    return found


# Kinds of mutant that are equivalent wherever they occur (bench/mutants_equivalent.md, "Kinds"):
# each a single change of one line, recognised from the line before and after.
_EL_ATTRS = re.compile(r"""El\((?:f?"[^"]*"|f?'[^']*'), $""")
_CODECS = {"ascii", "utf-8", "utf-8-sig"}


def _differing(before: str, after: str) -> tuple[str, str, str]:
    """The common start, and what differs in `before` and in `after` between the common ends."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[:start], before[start:len(before) - end], after[start:len(after) - end]


def equivalent_kind(change: Change) -> str | None:
    """The kind of equivalent mutant this change is, or None:

    - "no attributes": an element made with attributes ``None`` instead of ``{}``
      (``El("td", {}, [...])`` -> ``El("td", None, [...])``): present.El takes no attributes and
      None alike;
    - "codec name": a codec name changed only in case (``"utf-8"`` -> ``"UTF-8"``): Python's codec
      names are case-insensitive.
    """
    if " / " in change.before or " / " in change.after:
        return None
    start, was, now = _differing(change.before, change.after)
    if (was, now) == ("{}", "None") and _EL_ATTRS.search(start):
        return "no attributes"
    if change.after.lower() == change.before.lower() and change.after != change.before:
        for literal in re.finditer(r'"([^"]*)"', change.before):
            if literal.start() <= len(start) < literal.end() and literal.group(1).lower() in _CODECS:
                return "codec name"
    return None


def results(mutants: Path = MUTANTS) -> dict[str, Tally]:
    """Each engine module's tally, from mutmut's .meta files."""
    known = equivalents()
    tallies: dict[str, Tally] = {}
    for meta in sorted((mutants / "calculator").glob("*.py.meta")):
        module = meta.name.removesuffix(".py.meta")
        if not (ROOT / "calculator" / f"{module}.py").exists():
            continue  # left from a run before the module was renamed or removed
        try:
            codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        except (json.JSONDecodeError, KeyError):
            # mutmut rewrites these files as it goes: a run still going may be caught mid-write.
            print(f"note: {meta} could not be read (mutmut may be writing it); {module} left out of "
                  "this report: run it again", file=sys.stderr)
            continue
        if not codes:
            continue
        tally = tallies.setdefault(module, Tally())
        sources: dict[str, str] | None = None  # parsed only when the module has a survivor
        for name, code in sorted(codes.items(), key=lambda kv: _natural(kv[0])):
            if code in KILLED:
                tally.killed += 1
            elif code in NOT_RUN:
                tally.not_run += 1
            else:
                sources = sources if sources is not None else _sources(meta.with_suffix(""))
                change = _change(name, module, sources)
                row = (change.function, change.before, change.after)
                if row in known or equivalent_kind(change):
                    tally.equivalent += 1
                    tally.rows_used.add(row)
                elif code in NO_TESTS:
                    tally.untested.append(change)
                else:  # survived, or suspicious (slow or flaky): not a kill either way
                    tally.survived.append(change)
    return tallies


def estimate(tallies: dict[str, Tally], modules: list[str]) -> tuple[float, float, float] | None:
    """The score of these modules together, estimated when some are only partly run: each
    module's score on the mutants run, weighted by its number of mutants, as a stratified sample
    (the mutants run in a partly run module taken as a random sample of it, as `make
    mutate-sample` draws them). Returns (estimate, low, high) with a 95% interval, or None when a
    module has no mutant run. The spread per module uses the Agresti-Coull adjusted proportion
    (so a module with every sampled mutant killed still counts some doubt) and the finite
    population correction (a module run in full adds none)."""
    strata = [tallies[m] for m in modules if m in tallies]
    if not strata or any(t.counted == 0 for t in strata):
        return None
    total = sum(t.counted + t.not_run for t in strata)
    value = variance = 0.0
    for t in strata:
        size, n = t.counted + t.not_run, t.counted
        share = size / total
        value += share * t.killed / n
        adjusted = (t.killed + 2) / (n + 4)
        correction = (size - n) / (size - 1) if size > 1 else 0.0
        variance += share ** 2 * adjusted * (1 - adjusted) / n * correction
    spread = 1.96 * variance ** 0.5
    return value, max(0.0, value - spread), min(1.0, value + spread)


def _natural(name: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=Path, default=MUTANTS, help="mutmut's output folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is not met")
    args = parser.parse_args(argv)
    if not (args.mutants / "calculator").is_dir():
        print(f"error: no mutmut results in {args.mutants}/calculator; run `make mutate` first", file=sys.stderr)
        return 2
    tallies = results(args.mutants)
    print(f"{'module':<12} {'killed':>7} {'total':>6} {'survived':>9} {'no test':>8} {'equiv.':>7} "
          f"{'not run':>8} {'score':>7}  goal")
    engine = Tally()
    deciding = Tally()
    met = True
    for module, t in tallies.items():
        goal = GOAL_DECIDING if module in DECIDING else GOAL_ENGINE
        ok = t.score is not None and t.score >= goal
        met &= ok and not t.not_run
        status = "not run" if t.score is None else ("ok" if ok else "BELOW") + ("" if not t.not_run else ", partial")
        print(f"{module:<12} {t.killed:>7} {t.counted:>6} {len(t.survived):>9} {len(t.untested):>8} "
              f"{t.equivalent:>7} {t.not_run:>8} {_pct(t.score):>7}  {status} {goal:.0%}"
              + ("  (deciding)" if module in DECIDING else ""))
        for total in (engine, deciding) if module in DECIDING else (engine,):
            total.killed += t.killed
            total.survived += t.survived
            total.untested += t.untested
            total.equivalent += t.equivalent
            total.not_run += t.not_run
    for label, t, goal in (("deciding", deciding, GOAL_DECIDING), ("engine", engine, GOAL_ENGINE)):
        ok = t.score is not None and t.score >= goal
        met &= ok and not t.not_run
        print(f"{label:<12} {t.killed:>7} {t.counted:>6} {len(t.survived):>9} {len(t.untested):>8} "
              f"{t.equivalent:>7} {t.not_run:>8} {_pct(t.score):>7}  {'ok' if ok else 'BELOW'} {goal:.0%}"
              + (f" (of the {t.counted} mutants run; {t.not_run} not run yet)" if t.not_run else ""))
    if engine.not_run:
        print("\nEstimated from the mutants run (a partly run module's run mutants taken as a random sample of "
              "it, as `make mutate-sample` draws them; a stopped `make mutate` runs the quickest first):")
        for label, modules in (("deciding", [m for m in tallies if m in DECIDING]), ("engine", list(tallies))):
            found = estimate(tallies, modules)
            if found is None:
                unrun = ", ".join(m for m in modules if tallies[m].counted == 0)
                print(f"  {label:<10} not estimated: no mutant of {unrun} has been run")
            else:
                value, low, high = found
                goal = GOAL_DECIDING if label == "deciding" else GOAL_ENGINE
                verdict = "ok" if low >= goal else "BELOW" if high < goal else "not yet known"
                print(f"  {label:<10} {_pct(value)} (95% interval {_pct(low).strip()} to {_pct(high).strip()})  "
                      f"{verdict} {goal:.0%}")
    # A row no surviving mutant matches argues for a change that is gone (the code changed) or
    # now killed: it would silently excuse a future mutant that happens to match it.
    used = set().union(*(t.rows_used for t in tallies.values()))
    modules = {f"calculator.{m}." for m in tallies}
    stale = [row for row in equivalents() if row not in used and any(row[0].startswith(m) for m in modules)]
    if stale:
        print(f"\nRows of {EQUIVALENT_FILE.relative_to(ROOT)} that no surviving mutant matches ({len(stale)}; "
              "delete each, or correct its cells):")
        for function, before, after in stale:
            print(f"  {function}\n      {before}  ->  {after}")
    left = [c for t in tallies.values() for c in t.survived + t.untested]
    if left:
        print(f"\nSurviving mutants ({len(left)}; kill each with a test, or list it in "
              f"{EQUIVALENT_FILE.relative_to(ROOT)} with why it is equivalent):")
        for change in left:
            status = "no test" if any(change is c for t in tallies.values() for c in t.untested) else "survived"
            print(f"  {change.name}  [{status}]\n      {change.shown}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
