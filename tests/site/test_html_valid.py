"""Every built page is valid HTML: html-validate (npm) with the repo's .htmlvalidate.cjs.

The config starts from html-validate's `recommended` preset. Each rule it relaxes is
explained next to the rule in that file. One html-validate process checks every page of the
site that the `built_site` fixture (tests/conftest.py) builds once per session.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from outside_help_build import paths

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".htmlvalidate.cjs"
HTML_VALIDATE = ROOT / "node_modules" / "html-validate" / "bin" / "html-validate.mjs"

pytestmark = pytest.mark.site


def _node() -> str:
    """html-validate 11 needs Node >= 22 (fs.globSync): the npm-pinned one, as the build uses."""
    if not paths.has_node(ROOT):
        pytest.fail("node is not installed (run `make setup`)")
    return paths.node(ROOT)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in Path(site).rglob("*.html") if p.is_file())


def test_config_explains_every_relaxed_rule():
    """Every rule the config turns off or relaxes has a comment just above it."""
    lines = CONFIG.read_text(encoding="utf-8").splitlines()
    in_rules = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("rules:"):
            in_rules = True
            continue
        if in_rules and stripped.startswith("},"):
            break
        if in_rules and stripped.startswith('"') and ":" in stripped:
            # Rules listed together may share the comment block just above them.
            above = number - 1
            while lines[above].strip().startswith('"'):
                above -= 1
            assert lines[above].strip().startswith("//"), f"rule without an explanation: {stripped}"


def test_every_built_page_is_valid_html(built_site, tmp_path):
    if not HTML_VALIDATE.is_file():
        pytest.fail("html-validate is not installed (run `npm ci`)")
    pages = _pages(built_site)
    assert pages, f"no HTML pages in {built_site}"
    # The report goes to a file: Node may exit before a large report piped to stdout is flushed.
    report_file = tmp_path / "html-validate.json"
    result = subprocess.run(
        [_node(), str(HTML_VALIDATE), "--config", str(CONFIG),
         "--formatter", f"json={report_file}", *map(str, pages)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    if result.returncode not in (0, 1) or not report_file.is_file():
        pytest.fail(f"html-validate did not run (exit {result.returncode}):\n{result.stderr}")
    problems = []
    for report in json.loads(report_file.read_text(encoding="utf-8")):
        page = Path(report["filePath"]).relative_to(built_site)
        for message in report["messages"]:
            problems.append(
                f"{page}:{message['line']}:{message['column']} {message['ruleId']}: "
                f"{message['message']} ({message.get('selector') or ''})"
            )
    assert not problems, f"{len(problems)} HTML problems:\n" + "\n".join(problems[:60])
    assert result.returncode == 0, result.stderr
