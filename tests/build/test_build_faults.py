"""Build-time faults fail the build command (`make build`) with a message naming the cause.

Each test copies the project's build inputs (mkdocs.yml, docs/, overrides/, calculator/,
pyproject.toml and the few files the wheel build reads) into a temp folder, injects one fault,
runs `python -m outside_help_build build` there, and asserts a non-zero exit and a message that
names the cause:

- a question in calculator/questions.toml linking to a guide anchor or page that does not exist;
- a Markdown page including a shared block (markdown-include) that does not exist;
- a calculator marker the build does not know;
- a provider evaluation marker whose link code is damaged;
- a Pyodide runtime file missing from node_modules/pyodide;
- a wheel whose sha256 no longer matches the lockfile that lists it.

Faults in the inputs are caught before the generator starts, as one `error:` line each and no
traceback. A control build of an untouched copy must pass first, so a fault test can never pass
because the copy itself is broken. The build tools are the installed package, the same for every
copy, so build/ is linked (mkdocs.yml names the hooks file by its path); node_modules is linked
too, never copied or changed (the missing-runtime case builds a partial view of it out of
symlinks).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import build_command

ROOT = Path(__file__).resolve().parents[2]
COPIED = ["mkdocs.yml", "docs", "overrides", "calculator", "pyproject.toml",
          "README.md", ".gitignore", "package.json", "package-lock.json"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".cache")

pytestmark = pytest.mark.site


def make_copy(dest: Path, node_modules: Path | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=IGNORED, symlinks=True)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    (dest / "node_modules").symlink_to(node_modules or ROOT / "node_modules")
    (dest / "build").symlink_to(ROOT / "build")
    return dest


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return build_command.build(project / "site", project=project)


def assert_fails_naming(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite the fault:\n{log[-3000:]}"
    for needle in needles:
        assert re.search(needle, log), f"the build failed without naming {needle!r}:\n{log[-3000:]}"
    return log


def assert_input_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Failed before the generator ran, with `error:` lines naming the cause, and no traceback."""
    log = assert_fails_naming(result, *(rf"error: .*{n}" for n in needles))
    assert "Traceback" not in log, log[-3000:]
    assert "Building documentation" not in log, "the generator should not have started"


@pytest.fixture(scope="module")
def control(tmp_path_factory) -> Path:
    """An untouched copy builds: the copy is complete, so a failure below is the fault's."""
    project = make_copy(tmp_path_factory.mktemp("control"))
    result = build(project)
    assert result.returncode == 0, f"the untouched copy does not build:\n{(result.stdout + result.stderr)[-4000:]}"
    assert (project / "site" / "calculator" / "index.html").is_file()
    return project


def test_missing_guide_anchor(control, tmp_path):
    project = make_copy(tmp_path / "p")
    questions = project / "calculator" / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    assert 'guide = "how-to-choose.md#who-directs"' in text
    questions.write_text(text.replace('guide = "how-to-choose.md#who-directs"',
                                      'guide = "how-to-choose.md#who-directs-gone"'), encoding="utf-8")
    assert_input_error(build(project), r"questions\.toml .* links to how-to-choose\.md#who-directs-gone, "
                                       r"but that page has no such anchor")


def test_missing_guide_page(control, tmp_path):
    project = make_copy(tmp_path / "p")
    questions = project / "calculator" / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace('guide = "models/bpo.md#definition"',
                                      'guide = "models/outsourcing.md#definition"', 1), encoding="utf-8")
    assert_input_error(build(project), r"questions\.toml .* links to models/outsourcing\.md#definition, "
                                       r"but docs/models/outsourcing\.md does not exist")


def test_missing_include_file(control, tmp_path):
    project = make_copy(tmp_path / "p")
    page = project / "docs" / "pricing.md"
    text = page.read_text(encoding="utf-8")
    assert "{!_includes/abbreviations.md!}" in text
    page.write_text(text.replace("{!_includes/abbreviations.md!}", "{!_includes/abbreviation.md!}"), encoding="utf-8")
    assert_input_error(build(project), r"docs/pricing\.md:\d+: includes _includes/abbreviation\.md, which does not exist")


def test_missing_runtime_file(control, tmp_path):
    # A view of node_modules whose pyodide package lacks the WebAssembly binary.
    view = tmp_path / "node_modules"
    view.mkdir()
    for entry in (ROOT / "node_modules").iterdir():
        if entry.name != "pyodide":
            (view / entry.name).symlink_to(entry)
    (view / "pyodide").mkdir()
    for entry in (ROOT / "node_modules" / "pyodide").iterdir():
        if entry.name != "pyodide.asm.wasm":
            (view / "pyodide" / entry.name).symlink_to(entry)
    project = make_copy(tmp_path / "p", node_modules=view)
    assert_input_error(build(project), r"missing Pyodide runtime file: .*pyodide\.asm\.wasm")


def test_unknown_calculator_marker(control, tmp_path):
    project = make_copy(tmp_path / "p")
    page = project / "docs" / "calculator.md"
    text = page.read_text(encoding="utf-8")
    assert "\n<!-- outside-help: calculator page -->\n" in text
    page.write_text(text.replace("<!-- outside-help: calculator page -->", "<!-- outside-help: calculator sidebar -->"),
                    encoding="utf-8")
    assert_input_error(build(project), r"docs/calculator\.md:\d+: unknown calculator variant 'sidebar'")


def test_damaged_evaluation_code_in_a_marker(control, tmp_path):
    project = make_copy(tmp_path / "p")
    page = project / "docs" / "compare-providers.md"
    text = page.read_text(encoding="utf-8")
    code = re.search(r"<!-- outside-help: providers-example (\S+) -->", text).group(1)
    page.write_text(text.replace(f"<!-- outside-help: providers-example {code} -->",
                                 f"<!-- outside-help: providers-example {code[:-6]} -->"), encoding="utf-8")
    assert_fails_naming(build(project), r"line \d+: the evaluation code 'e1\.[^']*' does not open: evaluation link")


# Runs the build command in the copy (`-c` puts the copy first on sys.path, as `-m` does), with
# the lockfile step wrapped so that the published wheel is changed after the lockfile listing its
# sha256 was written: a corrupted or swapped copy. The build's own verification must catch it.
TAMPERED_BUILD = """
import sys
from pathlib import Path
from outside_help_build import cli, lockfile

original = lockfile.write_lockfile

def write_lockfile(wheel, runtime, **kwargs):
    lock = original(wheel, runtime, **kwargs)
    published = Path(lock).parent / Path(wheel).name
    published.write_bytes(published.read_bytes() + b"tampered")
    return lock

lockfile.write_lockfile = write_lockfile
sys.exit(cli.main(["build", "--site-dir", "site"]))
"""


def test_wheel_sha256_does_not_match_the_lockfile(control, tmp_path):
    project = make_copy(tmp_path / "p")
    result = subprocess.run([sys.executable, "-c", TAMPERED_BUILD], cwd=project,
                            capture_output=True, text=True, timeout=900)
    assert_fails_naming(result, r"error: the wheel calculator-[0-9.]+-py3-none-any\.whl does not match "
                                r"the lockfile: its sha256 is [0-9a-f]{64}")
