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


def x_shown__mutmut_orig(a, memo=True):
    return a


def x_shown__mutmut_1(a, memo=False):
    return a


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


def test_the_estimate_weights_each_module_by_its_mutants_and_only_a_sample_adds_doubt():
    """A: 100 mutants, all run, 90 killed; B: 1,000 mutants, 100 run (a sample), 80 killed.
    Estimate 100/1100 * 0.9 + 1000/1100 * 0.8 = 0.8091. Only B adds spread: Agresti-Coull
    p = 82/104, variance (1000/1100)^2 * p(1 - p)/100 * (900/999) = 0.001244, so 1.96 * sd = 0.0691."""
    a = report.Tally(killed=90, survived=[None] * 10)
    b = report.Tally(killed=80, survived=[None] * 20, not_run=900)
    value, low, high = report.estimate({"a": a, "b": b}, ["a", "b"])
    assert round(value, 4) == 0.8091
    assert (round(low, 3), round(high, 3)) == (0.740, 0.878)
    # Both run in full: the estimate is the exact score, with no spread.
    b_full = report.Tally(killed=800, survived=[None] * 200)
    assert report.estimate({"a": a, "b": b_full}, ["a", "b"]) == (890 / 1100, 890 / 1100, 890 / 1100)
    # A module with nothing run cannot be estimated.
    assert report.estimate({"a": a, "c": report.Tally(not_run=5)}, ["a", "c"]) is None


def test_the_sample_draws_only_mutants_not_run_yet_the_same_way_each_time(tmp_path, monkeypatch, capsys):
    from bench import mutation_sample

    codes = {f"calculator.decide.x_rules__mutmut_{i}": (None if i % 3 else 1) for i in range(1, 31)}
    mutants = _mutants(tmp_path, codes)
    monkeypatch.setattr(mutation_sample, "ROOT", tmp_path)   # the module must exist in calculator/
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "decide.py").write_text("", encoding="utf-8")
    pool = mutation_sample.not_run(mutants)
    assert len(pool) == 20 and all(codes[name] is None for name in pool)
    assert mutation_sample.not_run(mutants, ["plan"]) == []
    drawn = []
    for _ in range(2):
        assert mutation_sample.main(["--size", "5", "--mutants", str(mutants)]) == 0
        drawn.append(capsys.readouterr().out.split())
    assert drawn[0] == drawn[1] and len(drawn[0]) == 5 and set(drawn[0]) <= set(pool)
    assert mutation_sample.main(["--size", "0", "--mutants", str(mutants)]) == 2


def test_survivors_are_those_that_survived_or_reached_no_test(tmp_path, monkeypatch, capsys):
    """`make mutate-survivors` runs again exactly these: not the killed, not those never run."""
    from bench import mutation_sample

    codes = {"calculator.decide.x_rules__mutmut_1": 0, "calculator.decide.x_rules__mutmut_2": 1,
             "calculator.decide.x_rules__mutmut_3": None, "calculator.decide.x_rules__mutmut_4": 33,
             "calculator.decide.x_rules__mutmut_5": 36}
    mutants = _mutants(tmp_path, codes)
    monkeypatch.setattr(mutation_sample, "ROOT", tmp_path)
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "decide.py").write_text("", encoding="utf-8")
    assert mutation_sample.main(["--survivors", "--mutants", str(mutants)]) == 0
    assert capsys.readouterr().out.split() == ["calculator.decide.x_rules__mutmut_1", "calculator.decide.x_rules__mutmut_4"]
    assert mutation_sample.survivors(mutants, ["plan"]) == []


def test_the_kinds_of_equivalent_mutant_are_recognised_and_nothing_else():
    """An element made with None for {} and a codec name in capitals are equivalent anywhere;
    the same change elsewhere, or any other change to those lines, is not."""
    def kind(before, after):
        return report.equivalent_kind(report.Change("n", "m", "f", before, after))

    assert kind('El("td", {}, [x]),', 'El("td", None, [x]),') == "no attributes"
    assert kind('heading = El(f"h{level}", {}, [t]) if t else None',
                'heading = El(f"h{level}", None, [t]) if t else None') == "no attributes"
    assert kind('raw.decode("utf-8-sig")', 'raw.decode("UTF-8-SIG")') == "codec name"
    assert kind('out.decode("utf-8", "replace")', 'out.decode("UTF-8", "replace")') == "codec name"
    for before, after in [('x = f("td", {}, [x])', 'x = f("td", None, [x])'), ("d = {}", "d = None"),
                          ('El("td", {}, [x])', 'El("td", {}, [])'), ('El("td", {}, [x])', 'El("TD", {}, [x])'),
                          ('s.encode("utf-8", "replace")', 's.encode("utf-8", "REPLACE")'),
                          ('s.encode("utf-8")', 's.encode("XXutf-8XX")'),
                          ('El("td", {}, [x]) / y', 'El("td", None, [x]) / y')]:
        assert kind(before, after) is None, (before, after)


def test_a_change_on_the_def_line_shows_as_its_line(tmp_path, monkeypatch):
    """A changed default argument is on the def line, whose function names differ between the
    two copies; the names are left out, so the change shows, not two empty sides."""
    mutants = _mutants(tmp_path, {"calculator.decide.x_shown__mutmut_1": 0})
    monkeypatch.setattr(report, "equivalents", lambda: {})
    (survivor,) = report.results(mutants)["decide"].survived
    assert (survivor.before, survivor.after) == ("def x_shown(a, memo=True):", "def x_shown(a, memo=False):")


def test_a_row_no_surviving_mutant_matches_is_reported_as_stale(tmp_path, monkeypatch, capsys):
    """A row whose mutant is gone or killed would excuse any later mutant that happens to match
    it: the report names it, and names no row that still matches."""
    mutants = _mutants(tmp_path, {"calculator.decide.x_rules__mutmut_1": 0, "calculator.decide.x_rules__mutmut_2": 1})
    table = tmp_path / "equivalent.md"
    table.write_text("| function | before | after | why |\n| --- | --- | --- | --- |\n"
                     "| `calculator.decide.x_rules` | `return a < b` | `return a <= b` | never equal |\n"
                     "| `calculator.decide.x_rules` | `return a < b` | `return a > b` | killed now |\n"
                     "| `calculator.cost.x_other` | `x` | `y` | a module this run did not reach |\n", encoding="utf-8")
    found = report.equivalents(table)
    monkeypatch.setattr(report, "equivalents", lambda: found)
    assert report.main(["--mutants", str(mutants)]) == 0
    out = capsys.readouterr().out
    stale = out.split("that no surviving mutant matches (1;", 1)[1]
    assert "return a < b  ->  return a > b" in stale
    assert "return a <= b" not in stale and "x_other" not in stale
