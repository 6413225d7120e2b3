"""bench/mutation_report.py reads mutmut's results: scores per module, survivors with their
changed line, and mutants judged equivalent left out (matched by function and change)."""

from __future__ import annotations

import json

from bench import mutation_report as report

MUTATED = '''\
def x_rules__mutmut_orig(a, b):
    return a < b


def x_rules__mutmut_1(a, b):
    return a <= b


def x_rules__mutmut_2(a, b):
    return a > b


def x_rules__mutmut_3(a, b):
    return None


class Compiled:
    def xǁCompiledǁpicks__mutmut_orig(self):
        return 1

    def xǁCompiledǁpicks__mutmut_1(self):
        return 2
'''


def _mutants(tmp_path, codes):
    folder = tmp_path / "mutants" / "calculator"
    folder.mkdir(parents=True)
    (folder / "decide.py").write_text(MUTATED, encoding="utf-8")
    meta = {"exit_code_by_key": codes, "durations_by_key": {}, "estimated_durations_by_key": {}}
    (folder / "decide.py.meta").write_text(json.dumps(meta), encoding="utf-8")
    return tmp_path / "mutants"


def test_scores_and_survivors_with_their_changed_lines(tmp_path, monkeypatch):
    mutants = _mutants(tmp_path, {
        "calculator.decide.x_rules__mutmut_1": 0, "calculator.decide.x_rules__mutmut_2": 1,
        "calculator.decide.x_rules__mutmut_3": 33, "calculator.decide.xǁCompiledǁpicks__mutmut_1": 36,
    })
    monkeypatch.setattr(report, "equivalents", lambda: {})
    tally = report.results(mutants)["decide"]
    assert (tally.killed, len(tally.survived), len(tally.untested), tally.counted) == (2, 1, 1, 4)
    assert tally.score == 0.5
    (survivor,) = tally.survived
    assert (survivor.function, survivor.before, survivor.after) == ("calculator.decide.x_rules", "return a < b", "return a <= b")
    assert tally.untested[0].after == "return None"


def test_equivalent_mutants_are_matched_by_change_and_left_out(tmp_path, monkeypatch):
    mutants = _mutants(tmp_path, {"calculator.decide.x_rules__mutmut_1": 0, "calculator.decide.x_rules__mutmut_2": 1})
    table = tmp_path / "equivalent.md"
    table.write_text("| function | before | after | why |\n| --- | --- | --- | --- |\n"
                     "| `calculator.decide.x_rules` | `return a < b` | `return a <= b` | never equal |\n", encoding="utf-8")
    found = report.equivalents(table)
    assert found == {("calculator.decide.x_rules", "return a < b", "return a <= b"): "never equal"}
    monkeypatch.setattr(report, "equivalents", lambda: found)
    tally = report.results(mutants)["decide"]
    assert (tally.killed, tally.survived, tally.equivalent, tally.score) == (1, [], 1, 1.0)


def test_the_equivalent_list_parses(tmp_path):
    """Every row of bench/mutants_equivalent.md is read (none silently dropped)."""
    rows = [line for line in report.EQUIVALENT_FILE.read_text("utf-8").splitlines() if line.startswith("| `calculator.")]
    assert len(report.equivalents()) == len(rows)
