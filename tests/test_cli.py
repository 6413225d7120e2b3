"""The command line: JSON, text and Markdown output, and exit status 2 on bad input."""

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).parent.parent


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "calculator", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def test_questions_prints_the_schema_as_json():
    """`questions` prints an object with a questions list."""
    out = run("questions")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert [q["id"] for q in data["questions"]][:2] == ["work_type", "direction"]


def test_score_reads_answers_from_stdin():
    """`score` reads a JSON object on stdin and prints recommendation and the three scores."""
    out = run("score", stdin='{"work_type": "business_process", "process_maturity": "documented"}')
    data = json.loads(out.stdout)
    assert out.returncode == 0 and data["recommendation"] == "bpo"
    assert set(data["scores"]) == {"staff_augmentation", "managed_services", "bpo"}


def test_score_accepts_answers_option_and_share_code():
    """--answers and --share give the same result for the same answers."""
    by_json = json.loads(run("score", "--answers", '{"direction": "us"}').stdout)
    by_share = json.loads(run("score", "--share", "v1d1").stdout)
    assert by_json == by_share


def test_text_and_markdown_formats_are_for_people():
    """--format text shows bars; --format markdown is a memo with a link back to the answers."""
    text = run("score", "--format", "text", "--answers", '{"direction": "us"}').stdout
    assert text.startswith("Recommendation: Staff augmentation") and "#" in text
    memo = run("score", "--format", "markdown", "--answers", '{"direction": "us"}').stdout
    assert "## Why" in memo and "calculator/?answers=v1d1" in memo


def test_bad_input_exits_2_with_one_line():
    """Unknown question, unknown option and non-JSON input each exit 2 with a one-line message."""
    for stdin, words in [
        ('{"budget": "high"}', "unknown question 'budget'"),
        ('{"direction": "boss"}', "unknown option 'boss' for question 'direction'"),
        ("direction=us", "not valid JSON"),
    ]:
        out = run("score", stdin=stdin)
        assert out.returncode == 2
        assert out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], out.stderr
