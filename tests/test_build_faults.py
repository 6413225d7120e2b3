"""Build-time faults fail `mkdocs build --strict` with a message naming the cause.

Each test copies the project's build inputs (mkdocs.yml, docs/, overrides/, build/, calculator/,
pyproject.toml and the few files the wheel build reads) into a temp folder, injects one fault,
runs the full build there, and asserts a non-zero exit and a message that names the cause:

- a question in calculator/questions.toml linking to a guide anchor that does not exist;
- a Markdown page including a shared block (markdown-include) that does not exist;
- a Pyodide runtime file missing from node_modules/pyodide;
- a wheel whose sha256 no longer matches the lockfile that lists it.

A control build of an untouched copy must pass first, so a fault test can never pass because
the copy itself is broken. node_modules is linked, never copied or changed (the missing-runtime
case builds a partial view of it out of symlinks).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["mkdocs.yml", "docs", "overrides", "build", "calculator", "pyproject.toml",
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
    return dest


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SITE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(project / "site")],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )


def assert_fails_naming(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite the fault:\n{log[-3000:]}"
    for needle in needles:
        assert re.search(needle, log), f"the build failed without naming {needle!r}:\n{log[-3000:]}"
    return log


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
    assert_fails_naming(build(project), r"questions\.toml", r"who-directs-gone", r"how-to-choose\.md")


def test_missing_guide_page(control, tmp_path):
    project = make_copy(tmp_path / "p")
    questions = project / "calculator" / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace('guide = "models/bpo.md#definition"',
                                      'guide = "models/outsourcing.md#definition"', 1), encoding="utf-8")
    assert_fails_naming(build(project), r"questions\.toml", r"models/outsourcing\.md")


def test_missing_include_file(control, tmp_path):
    project = make_copy(tmp_path / "p")
    page = project / "docs" / "pricing.md"
    text = page.read_text(encoding="utf-8")
    assert "{!_includes/abbreviations.md!}" in text
    page.write_text(text.replace("{!_includes/abbreviations.md!}", "{!_includes/abbreviation.md!}"), encoding="utf-8")
    assert_fails_naming(build(project), r"pricing\.md", r"_includes/abbreviation\.md")


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
    assert_fails_naming(build(project), r"missing Pyodide runtime file", r"pyodide\.asm\.wasm")


def test_wheel_sha256_does_not_match_the_lockfile(control, tmp_path):
    # The wheel is changed after the lockfile listing its sha256 was written (a corrupted or
    # swapped copy): the build's own verification must catch it.
    project = make_copy(tmp_path / "p")
    lockfile = project / "build" / "lockfile.py"
    lockfile.write_text(lockfile.read_text(encoding="utf-8") + '''

# --- fault injected by tests/test_build_faults.py ---------------------------------------------
_original_write_lockfile = write_lockfile


def write_lockfile(wheel, runtime, *args, **kwargs):
    lock = _original_write_lockfile(wheel, runtime, *args, **kwargs)
    published = Path(lock).parent / Path(wheel).name
    published.write_bytes(published.read_bytes() + b"tampered")
    return lock
''', encoding="utf-8")
    assert_fails_naming(build(project), r"calculator-[0-9.]+-py3-none-any\.whl does not match the lockfile", r"sha256")
