"""The calculator's build: reproducible wheel, self-hosted runtime, lockfile, MkDocs hooks.

Covers build/wheel.py, build/runtime.py, build/lockfile.py, build/hooks.py and
build/netlify_headers.py: what they produce in the built site, and that broken input fails the
build with a message naming the cause.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"


from tests.support.build_modules import load as _load  # noqa: E402

wheel_build = _load("wheel")
runtime = _load("runtime")
lockfile = _load("lockfile")
netlify_headers = _load("netlify_headers")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return wheel_build.build_wheel(tmp_path_factory.mktemp("wheel"))


def _site_lock(site: Path) -> Path:
    locks = sorted(site.glob("pyodide/*/calculator-*/pyodide-lock.json"))
    assert len(locks) == 1, locks
    return locks[0]


# ----- the wheel ------------------------------------------------------------------------------

def test_wheel_is_reproducible(wheel: Path, tmp_path: Path) -> None:
    again = wheel_build.build_wheel(tmp_path / "again")
    assert again.name == wheel.name
    assert sha256(again) == sha256(wheel)


def test_wheel_holds_only_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        times = {info.date_time for info in archive.infolist()}
    assert "calculator/__init__.py" in names
    assert "calculator/questions.toml" in names, "the engine's data must ship in the wheel"
    for name in names:
        assert name.startswith(("calculator/", "calculator-")), name
    assert not any(n.startswith(("tests/", "docs/", "build/")) for n in names)
    assert len(times) == 1, f"entries should share the fixed SOURCE_DATE_EPOCH time, got {times}"


def test_wheel_carries_pyodide_byte_code_for_each_module_and_records_it(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        files = {n: archive.read(n) for n in names}
    sources = {n for n in names if n.endswith(".py")}
    byte_code = {n for n in names if n.endswith(".pyc")}
    # Exactly one cache file per module, for Pyodide's Python (3.14), none from a local build.
    expected = {f"calculator/__pycache__/{n.split('/')[-1][:-3]}.cpython-314.pyc" for n in sources}
    assert byte_code == expected
    assert all(files[n][4:8] == (1).to_bytes(4, "little") for n in byte_code), "unchecked pycs"
    record = next(n for n in names if n.endswith(".dist-info/RECORD"))
    lines = files[record].decode().splitlines()
    assert lines[-1] == f"{record},,"
    listed = {line.split(",")[0]: line.split(",")[1:] for line in lines[:-1]}
    assert set(listed) == set(names) - {record}, "RECORD lists every file once"
    for name, (digest, size) in listed.items():
        want = base64.urlsafe_b64encode(hashlib.sha256(files[name]).digest()).rstrip(b"=").decode()
        assert digest == f"sha256={want}" and int(size) == len(files[name]), name


def test_site_wheel_is_the_reproducible_one(built_site: Path, wheel: Path) -> None:
    lock = _site_lock(built_site)
    published = lock.parent / wheel.name
    assert sha256(published) == sha256(wheel), "the site's wheel differs from a fresh build"


# ----- runtime and lockfile -------------------------------------------------------------------

def test_runtime_folder_holds_exactly_the_needed_files(built_site: Path) -> None:
    version = runtime.pinned_version()
    folder = built_site / "pyodide" / version
    for name in runtime.RUNTIME_FILES:
        copied = folder / name
        assert copied.is_file(), f"missing {copied}"
        assert copied.stat().st_size == (runtime.NODE_PYODIDE / name).stat().st_size
    extra = {p.name for p in folder.iterdir()} - set(runtime.RUNTIME_FILES)
    extra = {n for n in extra if not n.startswith("calculator-")}
    stdlibs = {n for n in extra if re.fullmatch(r"python_stdlib-[0-9a-f]{12}\.zip", n)}
    assert len(stdlibs) == 1, "the trimmed standard library (build/stdlib.py), named by its hash"
    assert not extra - stdlibs, f"unexpected files in the runtime folder: {sorted(extra - stdlibs)}"
    assert not (folder / "python_stdlib.zip").exists(), "the full standard library is not shipped"
    assert [p.name for p in (built_site / "pyodide").iterdir()] == [version]


def test_lockfile_lists_the_wheel_with_its_sha256(built_site: Path) -> None:
    lock_path = _site_lock(built_site)
    lock = json.loads(lock_path.read_text())
    source = json.loads((runtime.NODE_PYODIDE / "pyodide-lock.json").read_text())
    assert lock["info"] == source["info"], "the lockfile must describe the same runtime"
    assert set(lock["packages"]) == {"calculator"}, "only our package: nothing else is downloaded"
    entry = lock["packages"]["calculator"]
    wheel_file = lock_path.parent / entry["file_name"]
    assert wheel_file.is_file()
    assert entry["sha256"] == sha256(wheel_file)
    assert lock_path.parent.name == f"calculator-{entry['sha256'][:12]}", "folder named by the hash"
    assert entry["imports"] == ["calculator"] and entry["depends"] == []


def test_pages_point_at_the_published_runtime(built_site: Path) -> None:
    lock_path = _site_lock(built_site)
    html = (built_site / "calculator" / "index.html").read_text()
    match = re.search(r'data-calculator-config="([^"]+)"', html)
    assert match, "the calculator page has no calculator"
    config = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert config["lockfile"] == lock_path.relative_to(built_site).as_posix()
    assert (built_site / config["runtime"] / "pyodide.mjs").is_file()
    assert (built_site / config["stdlib"]).is_file()


# ----- what the hooks render ------------------------------------------------------------------

class _Radios(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.checked: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        self.result: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "radio" and (a.get("id") or "").startswith("ohc"):
            self.names.setdefault(a["name"], set()).add(a["value"])
            if "checked" in a:
                self.checked[a["name"]] = a["value"]
        if "data-calculator-result" in a:
            self.result = a


class _WeightSelects(HTMLParser):
    """Each weight select's name, its options and which one is selected (and marked default)."""

    def __init__(self) -> None:
        super().__init__()
        self.selects: dict[str, dict] = {}
        self.labels: set[str] = set()
        self.current: dict | None = None
        self.option: str | None = None
        self.details_open: list[bool] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "data-calculator-weights" in a:
            self.details_open.append("open" in a)
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag == "select" and (a.get("name") or "").startswith("weight-"):
            self.current = {"id": a.get("id"), "options": [], "selected": [], "texts": {}}
            self.selects[a["name"]] = self.current
        if tag == "option" and self.current is not None:
            self.option = a["value"]
            self.current["options"].append(a["value"])
            if "selected" in a:
                self.current["selected"].append(a["value"])

    def handle_data(self, data):
        if self.option is not None and self.current is not None:
            self.current["texts"][self.option] = self.current["texts"].get(self.option, "") + data

    def handle_endtag(self, tag):
        if tag == "option":
            self.option = None
        if tag == "select":
            self.current = None


@pytest.mark.parametrize("page", ["calculator/index.html", "how-to-choose/index.html"])
def test_form_has_one_weight_select_per_question_at_its_default(built_site: Path, page: str) -> None:
    from calculator import questions_schema

    parser = _WeightSelects()
    parser.feed((built_site / page).read_text())
    questions = questions_schema()["questions"]
    assert parser.details_open == [False], "one collapsed importance section"
    assert list(parser.selects) == [f"weight-{q['id']}" for q in questions]
    for q in questions:
        select = parser.selects[f"weight-{q['id']}"]
        assert select["options"] == [str(n) for n in range(6)]
        assert select["selected"] == [str(q["weight"])]
        assert "(default)" in select["texts"][str(q["weight"])]
        assert sum("(default)" in t for t in select["texts"].values()) == 1
        assert select["id"] in parser.labels, f"no label for {select['id']}"


@pytest.mark.parametrize("page", ["calculator/index.html", "how-to-choose/index.html"])
def test_form_and_prerendered_result_come_from_the_engine(built_site: Path, page: str) -> None:
    import tomllib

    from calculator import questions_schema, score

    parser = _Radios()
    parser.feed((built_site / page).read_text())
    schema = questions_schema()
    assert parser.names == {q["id"]: {o["id"] for o in q["options"]} for q in schema["questions"]}
    example = tomllib.loads((BUILD / "example.toml").read_text())["answers"]
    assert parser.checked == example, "the checked radios are the example answers"
    expected = score(example).to_dict()
    assert parser.result is not None
    assert parser.result["data-recommendation"] == (
        "hybrid" if expected["close_call"] else expected["recommendation"]
    )


def test_model_card_is_published(built_site: Path) -> None:
    from calculator import model_card

    html = (built_site / "method" / "index.html").read_text()
    assert "<!-- model-card -->" not in html
    assert "data-model-card" in html
    for q in model_card()["questions"]:
        assert f'id="card-{q["id"].replace("_", "-")}"' in html


def test_pages_without_a_calculator_reference_no_runtime(built_site: Path) -> None:
    with_calculator = {"calculator/index.html", "how-to-choose/index.html"}
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        if rel in with_calculator:
            continue
        text = page.read_text()
        assert "pyodide/" not in text and "data-calculator" not in text, rel


# ----- broken input fails the build, naming the cause ---------------------------------------

def _mini_site(tmp_path: Path, page: str, strict: bool = False,
               extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page)
    for name, text in (extra or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: broken
        docs_dir: docs
        site_dir: {tmp_path / 'site'}
        hooks:
          - {BUILD / 'hooks.py'}
        """))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml"),
         *(["--strict"] if strict else [])],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )


def test_build_fails_on_a_slot_with_an_unknown_variant(tmp_path: Path) -> None:
    proc = _mini_site(tmp_path, '# Page\n\n<div data-calculator-slot="sidebar"></div>\n')
    assert proc.returncode != 0
    assert "unknown variant 'sidebar'" in proc.stderr + proc.stdout
    assert "index.md" in proc.stderr + proc.stdout


def test_build_fails_on_a_malformed_slot(tmp_path: Path) -> None:
    proc = _mini_site(tmp_path, '# Page\n\n<div class="x" data-calculator-slot="page"></div>\n')
    assert proc.returncode != 0
    assert "is not exactly" in proc.stderr + proc.stdout


def test_strict_build_fails_on_a_guide_link_to_a_missing_page_or_anchor(tmp_path: Path) -> None:
    proc = _mini_site(tmp_path, "# Page\n", strict=True,
                      extra={"how-to-choose.md": "# How to choose\n\n## Who directs {#other}\n"})
    output = proc.stderr + proc.stdout
    assert proc.returncode != 0
    assert "links to how-to-choose.md#who-directs, but that page has no such anchor" in output
    assert "links to models/bpo.md#when-bpo-is-wrong, but docs/models/bpo.md does not exist" in output


@pytest.fixture
def hooks():
    return _load("hooks")


def test_publish_fails_naming_a_missing_runtime_file(hooks, wheel, tmp_path, monkeypatch) -> None:
    from mkdocs.exceptions import PluginError

    partial = tmp_path / "pyodide-npm"
    partial.mkdir()
    for item in runtime.NODE_PYODIDE.iterdir():
        if item.name != "pyodide.asm.wasm":
            (partial / item.name).symlink_to(item)
    monkeypatch.setattr(runtime, "NODE_PYODIDE", partial)
    with pytest.raises(PluginError, match=r"missing Pyodide runtime file: .*pyodide\.asm\.wasm"):
        hooks.publish(tmp_path / "site", wheel)


def test_publish_then_verify_catches_a_wheel_that_does_not_match(hooks, wheel, tmp_path) -> None:
    from mkdocs.exceptions import PluginError

    site = tmp_path / "site"
    lock = hooks.publish(site, wheel)
    hooks.verify_site(site, sha256(wheel))   # the good case passes
    published = lock.parent / wheel.name
    published.write_bytes(published.read_bytes() + b"tampered")
    with pytest.raises(PluginError, match="does not match the lockfile"):
        hooks.verify_site(site, sha256(wheel))


def test_lockfile_check_names_the_mismatch(wheel, tmp_path) -> None:
    lock = lockfile.write_lockfile(wheel, tmp_path / "runtime")
    data = json.loads(lock.read_text())
    data["packages"]["calculator"]["sha256"] = "0" * 64
    lock.write_text(json.dumps(data))
    with pytest.raises(lockfile.LockfileError, match=r"its sha256 is [0-9a-f]{64}, .* expects 0{64}"):
        lockfile.check_lockfile(lock)


def test_runtime_check_names_a_version_mismatch(tmp_path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"pyodide": "0.1.0"}}))
    with pytest.raises(runtime.RuntimeFilesError, match="package.json pins 0.1.0"):
        runtime.check_source(root=tmp_path)


# ----- netlify.toml headers for the test server -----------------------------------------------

def test_netlify_headers_match_like_netlify(tmp_path: Path) -> None:
    toml = tmp_path / "netlify.toml"
    toml.write_text(textwrap.dedent('''\
        [[headers]]
        for = "/*"
        [headers.values]
        X-Frame-Options = "DENY"
        Content-Security-Policy = """default-src 'self';
          script-src 'self'"""

        [[headers]]
        for = "/pyodide/*"
        [headers.values]
        Cache-Control = "public, max-age=31536000, immutable"

        [[headers]]
        for = "/*.wasm"
        [headers.values]
        Content-Type = "application/wasm"

        [[headers]]
        for = "/exact/"
        [headers.values]
        X-Exact = "yes"

        [[headers]]
        for = "/blog/:year/*"
        [headers.values]
        X-Blog = "yes"
        '''))
    h = lambda path: netlify_headers.headers_for(path, toml)  # noqa: E731
    assert h("/")["Content-Security-Policy"] == "default-src 'self'; script-src 'self'"
    assert "Cache-Control" not in h("/calculator/")
    wasm = h("/pyodide/314.0.7/pyodide.asm.wasm?x=1")
    assert wasm["Cache-Control"].endswith("immutable") and wasm["Content-Type"] == "application/wasm"
    assert h("/exact/")["X-Exact"] == "yes" and "X-Exact" not in h("/exact/more")
    assert h("/blog/2026/post")["X-Blog"] == "yes" and "X-Blog" not in h("/blog/post")
    assert netlify_headers.headers_for("/", tmp_path / "missing.toml") == {}
