"""The command line: JSON, text and Markdown output, and exit status 2 on bad input.

The tests call `calculator.cli.main` in this process, with its own streams, so `make mutate`
sees which of the CLI's functions they reach; one test runs `python -m calculator` as a reader
does, and tests/engine/test_cli_hostile.py runs it under hostile streams and encodings."""

import contextlib
import io
import json
import pathlib
import subprocess
import sys
from types import SimpleNamespace

import pytest

from calculator.cli import main

ROOT = pathlib.Path(__file__).parents[2]


def run(*args, stdin=""):
    """The CLI's exit status and what it wrote to standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args), stdin=io.StringIO(stdin), stdout=out)
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


@pytest.mark.subprocess
def test_the_module_runs_as_python_m_calculator():
    """`python -m calculator questions` in a child process: exit 0 and the schema on stdout."""
    out = subprocess.run([sys.executable, "-m", "calculator", "questions"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0 and out.stderr == ""
    assert [q["id"] for q in json.loads(out.stdout)["questions"]][:2] == ["kind", "direction"]


def test_questions_prints_the_schema_as_json():
    """`questions` prints an object with a questions list."""
    out = run("questions")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert [q["id"] for q in data["questions"]][:2] == ["kind", "direction"]


def test_score_reads_answers_from_stdin():
    """`score` reads a JSON object on stdin and prints the recommendation and the three scores."""
    out = run("score", stdin='{"kind": "business_process", "process_maturity": "documented"}')
    data = json.loads(out.stdout)
    assert out.returncode == 0 and data["recommendation"] == "bpo" and data["verdict"] == "provisional"
    assert set(data["scores"]) == {"staff_augmentation", "managed_services", "bpo"}


def test_score_accepts_answers_option_and_share_code():
    """--answers and --share give the same result for the same answers."""
    by_json = json.loads(run("score", "--answers", '{"direction": "us"}').stdout)
    by_share = json.loads(run("score", "--share", "v3d1-41dF").stdout)
    assert by_json == by_share
    old = json.loads(run("score", "--share", "v2d1").stdout)  # an older code: same result, and a note
    assert old["link_notes"][-1].startswith("This link was made before links carried a check")
    assert {k: v for k, v in old.items() if k != "link_notes"} == {k: v for k, v in by_json.items() if k != "link_notes"}


def test_an_old_share_code_is_carried_over_with_its_notes():
    """A v1 code opens, and the text output says which answers read differently now."""
    out = run("score", "--share", "v1k1d1", "--format", "text")
    assert out.returncode == 0
    assert "This link was made with an earlier version of the calculator" in out.stdout
    assert "“Roles on our own team” is now" in out.stdout


def test_text_and_markdown_formats_are_for_people():
    """--format text gives each model's score on a line; --format markdown is a memo with a link
    back to the answers."""
    text = run("score", "--format", "text", "--answers", '{"direction": "us"}').stdout
    assert text.startswith("Provisional: staff augmentation leads so far")
    scores = [line for line in text.splitlines() if line.endswith(" of 100") or " of 100 " in line]
    assert [line.split(" of 100")[0].rsplit(" ", 1)[0] for line in scores] == ["Staff augmentation", "Managed services", "BPO"]
    memo = run("score", "--format", "markdown", "--answers", '{"direction": "us"}').stdout
    assert "## Why staff augmentation" in memo and "calculator/?answers=v3d1-41dF" in memo


def test_bad_input_exits_2_with_one_line():
    """Unknown question, unknown option, mangled code and non-JSON input each exit 2 with one line."""
    for args, stdin, words in [
        ((), '{"budget": "high"}', "unknown question 'budget'"),
        ((), '{"direction": "boss"}', "unknown option 'boss' for question 'direction'"),
        ((), "direction=us", "could not read the answers as JSON"),
        (("--share", "v2d9"), "", "option 9 does not exist for question 'direction'"),
    ]:
        out = run("score", *args, stdin=stdin)
        assert out.returncode == 2
        assert out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], out.stderr


def test_cost_compares_figures_as_json_text_and_memo():
    """`cost` reads figures (stdin or --figures), prints JSON or a table; markdown needs answers."""
    figures = '{"general": {"people": 2, "currency": "£"}, "staff_augmentation": {"rate_per_person_month": 5000}, "managed_services": {"fee_per_month": 12000}}'
    data = json.loads(run("cost", stdin=figures).stdout)
    assert data["cost"]["cheapest"] == ["staff_augmentation"]
    text = run("cost", "--format", "text", "--figures", figures).stdout
    assert text.startswith("Cheapest for your figures: staff augmentation (£240,000 over 24 months)")
    memo = run("cost", "--format", "markdown", "--figures", figures, "--answers", '{"direction": "us"}').stdout
    assert "## What it will cost" in memo and "| Staff augmentation (cheapest) | £240,000 |" in memo
    bad = run("cost", "--figures", '{"bpo": {"price_per_transaction": -2}}')
    assert bad.returncode == 2 and "Price per transaction: -2 is less than 0" in bad.stderr


def test_plan_reads_workstreams_and_prints_a_plan():
    """`plan` reads a JSON list of workstreams and prints the plan as JSON, text or a memo."""
    workstreams = '[{"name": "Payroll", "answers": {"kind": "business_process", "process_maturity": "undocumented", "direction": "provider", "governance": "yes", "service_levels": "yes", "duration": "ongoing"}}]'
    data = json.loads(run("plan", stdin=workstreams).stdout)
    assert data["plan"]["rows"][0]["name"] == "Payroll"
    text = run("plan", "--format", "text", "--workstreams", workstreams).stdout
    assert text.startswith("The plan: Payroll kept as it is until the process is documented, then BPO.")
    memo = run("plan", "--format", "markdown", "--share", data["plan"]["share"]).stdout
    assert memo.startswith("# Plan: outside help") and "plan/?plan=p2*1*" in memo
    bad = run("plan", stdin='[{"name": "", "answers": {}}]')
    assert bad.returncode == 2 and "give the workstream a name" in bad.stderr
