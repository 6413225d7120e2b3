"""The command line under hostile input and hostile surroundings (issue 19): whatever stdin,
stdout, stderr and the terminal's encoding are, it exits 0 or 2, prints at most one line on
stderr, and never a traceback."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

pytestmark = pytest.mark.subprocess

ROOT = pathlib.Path(__file__).parents[2]
PY = sys.executable
FIGURES = '{"general": {"people": 2, "currency": "£"}, "staff_augmentation": {"rate_per_person_month": 5000}}'

# (case, shell command run with bash from the project root (after `python -m calculator`, or
#  where it says {calc}), stdin bytes, environment changes,
#  expected exit status, what stderr must hold: "" = nothing, else words in its one line)
CASES = [
    ("answers on stdin", "score", b'{"direction": "us"}', {}, 0, ""),
    ("stdin with a UTF-8 byte-order mark", "score", b'\xef\xbb\xbf{"direction": "us"}', {}, 0, ""),
    ("stdin closed", "score <&-", None, {}, 2, "standard input"),
    ("stdin empty", "score", b"", {}, 2, "standard input, and it is empty"),
    ("stdin not UTF-8", "score", b'{"direction": "\xff\xfe"}', {}, 2, "not UTF-8"),
    ("stdin larger than 10 MB", "score", b"[" * 10_000_001, {}, 2, "larger than"),
    ("stdin nested 100,000 deep", "score", b"[" * 100_000, {}, 2, "nested too deeply"),
    ("an integer of 5,000 digits", "cost", b'{"general": {"people": ' + b"9" * 5000 + b"}}", {}, 2, "digits"),
    ("a figure of 1e309", "cost", b'{"general": {"people": 1e309}}', {}, 2, "Size of the work, in people"),
    ("1 followed by 309 zeros", "cost", b'{"general": {"people": 1' + b"0" * 309 + b"}}", {}, 2, "far above"),
    ("a lone surrogate in a key", "score", b'{"\\ud800": "x"}', {}, 2, "\\ud800"),
    ("a terminal escape in a share code", "score --share $'v2\\x1b[31mred'", None, {}, 2, "\\x1b"),
    ("an undecodable byte in an argument", "score --share $'v2\\xff'", None, {"LANG": "C", "LC_ALL": "C"}, 2, "share link"),
    ("'p' and 4,301 digits as a plan link", f"plan --share p{'1' * 4301}", None, {}, 2, "plan link"),
    ("a 60,000-character share code", f"score --share v2{'k1' * 30_000}", None, {}, 2, "characters long"),
    ("site URL //evil.example/", "score --answers '{}' --site-url //evil.example/", None, {}, 2, "site_url"),
    ("site URL with a newline", "score --answers '{}' --site-url $'https://a.example/\\n<b>'", None, {}, 2, "site_url"),
    ("an unknown option", "score --colour red", None, {}, 2, "unrecognized arguments"),
    ("no command", "", None, {}, 2, "required"),
    ("--help", "--help", None, {}, 0, ""),
    ("stdout closed", "questions >&-", None, {}, 2, "standard output"),
    ("stdout is /dev/full", "questions >/dev/full", None, {}, 2, "No space left on device"),
    ("stdout to a reader that has stopped (| true)", "(sleep 1; {calc} card) | true; exit ${PIPESTATUS[0]}", None, {}, 0, ""),
    ("stderr closed on an error", "score --share v9 2>&-", None, {}, 2, None),
    ("pounds with LANG=C", f"cost --format text --figures '{FIGURES}'", None, {"LANG": "C", "LC_ALL": "C"}, 0, ""),
    ("pounds with PYTHONIOENCODING=ascii", f"cost --format text --figures '{FIGURES}'", None,
     {"PYTHONIOENCODING": "ascii"}, 0, ""),
    ("an error with PYTHONIOENCODING=ascii", "plan --workstreams '[{\"name\": \"Paie ☃\", \"answers\": 3}]'", None,
     {"PYTHONIOENCODING": "ascii"}, 2, "Paie ☃"),
    ("a pasted calculator address", "score --share 'https://outside-help.netlify.app/calculator/?answers=v2d1'", None,
     {}, 0, ""),
]


def run_case(command: str, stdin: bytes | None, env: dict[str, str]) -> subprocess.CompletedProcess:
    calc = f"{PY} -m calculator"
    script = command.replace("{calc}", calc) if "{calc}" in command else f"{calc} {command}"
    return subprocess.run(["bash", "-c", script], input=stdin, capture_output=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **env}, stdin=None if stdin is not None else subprocess.DEVNULL)


@pytest.mark.parametrize("case, command, stdin, env, status, words", CASES, ids=[c[0] for c in CASES])
def test_the_command_line_exits_0_or_2_with_at_most_one_line(case, command, stdin, env, status, words):
    out = run_case(command, stdin, env)
    assert out.returncode == status, (case, out.returncode, out.stderr[-500:])
    assert b"Traceback" not in out.stderr and b"Exception ignored" not in out.stderr
    if words is None:
        return
    err = out.stderr.decode("utf-8")
    if not words:
        assert err == "", err
        if status == 0 and ">" not in command and "|" not in command:
            assert out.stdout.decode("utf-8")  # the output is UTF-8 whatever the locale
        return
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert words in err and "\x1b" not in err and len(err) < 1200, err


def test_pounds_are_written_as_utf8_whatever_the_terminal_encoding():
    out = run_case(f"cost --format text --figures '{FIGURES}'", None, {"PYTHONIOENCODING": "ascii", "LANG": "C"})
    assert "£240,000" in out.stdout.decode("utf-8")
