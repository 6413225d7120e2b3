"""The calculator's build: reproducible wheel, self-hosted runtime, lockfile, the pages' calculator.

Covers outside_help_build's wheel, runtime, lockfile, publish, extension and checks modules, and
the test server's netlify.toml matcher (tests/support/netlify_headers.py): what they produce in
the built site, and that broken input fails with a message naming the cause.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import textwrap
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from outside_help_build import checks, engine, extension, lockfile, paths, publish, runtime, sources
from outside_help_build import wheel as wheel_build
from outside_help_build.digest import sha256_file as sha256
from outside_help_build.generators import GENERATORS
from tests.support import netlify_headers

ROOT = Path(__file__).resolve().parents[2]
NPM_PYODIDE = paths.npm_pyodide(ROOT)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return wheel_build.build_wheel(tmp_path_factory.mktemp("wheel"), root=ROOT)


def _site_lock(site: Path) -> Path:
    locks = sorted(site.glob("pyodide/*/calculator-*/pyodide-lock.json"))
    assert len(locks) == 1, locks
    return locks[0]


# ----- the wheel ------------------------------------------------------------------------------

def test_wheel_is_reproducible(wheel: Path, tmp_path: Path) -> None:
    again = wheel_build.build_wheel(tmp_path / "again", root=ROOT)
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
    version = runtime.pinned_version(ROOT)
    folder = built_site / "pyodide" / version
    for name in runtime.RUNTIME_FILES:
        copied = folder / name
        assert copied.is_file(), f"missing {copied}"
        assert copied.stat().st_size == (NPM_PYODIDE / name).stat().st_size
    extra = {p.name for p in folder.iterdir()} - set(runtime.RUNTIME_FILES)
    extra = {n for n in extra if not n.startswith("calculator-")}
    stdlibs = {n for n in extra if re.fullmatch(r"python_stdlib-[0-9a-f]{12}\.zip", n)}
    assert len(stdlibs) == 1, "the trimmed standard library (stdlib.py), named by its hash"
    assert not extra - stdlibs, f"unexpected files in the runtime folder: {sorted(extra - stdlibs)}"
    assert not (folder / "python_stdlib.zip").exists(), "the full standard library is not shipped"
    assert [p.name for p in (built_site / "pyodide").iterdir()] == [version]


def test_lockfile_lists_the_wheel_with_its_sha256(built_site: Path) -> None:
    lock_path = _site_lock(built_site)
    lock = json.loads(lock_path.read_text())
    source = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    assert lock["info"] == source["info"], "the lockfile must describe the same runtime"
    assert set(lock["packages"]) == {"calculator"}, "only our package: nothing else is downloaded"
    entry = lock["packages"]["calculator"]
    wheel_file = lock_path.parent / entry["file_name"]
    assert wheel_file.is_file()
    assert entry["sha256"] == sha256(wheel_file)
    assert lock_path.parent.name == f"calculator-{entry['sha256'][:12]}", "folder named by the hash"
    assert entry["imports"] == ["calculator"] and entry["depends"] == []


def test_pages_point_at_the_published_runtime(each_site: Path) -> None:
    lock_path = _site_lock(each_site)
    html = (each_site / "calculator" / "index.html").read_text()
    match = re.search(r'data-calculator-config="([^"]+)"', html)
    assert match, "the calculator page has no calculator"
    config = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert config["lockfile"] == lock_path.relative_to(each_site).as_posix()
    assert (each_site / config["runtime"] / "pyodide.mjs").is_file()
    assert (each_site / config["stdlib"]).is_file()


def test_the_published_runtime_verifies(each_site: Path) -> None:
    """Every file is there, the lockfile lists the wheel, and each page the docs mark has its
    calculator (two) and model card, loading exactly what this checkout builds."""
    assert publish.verify(each_site, publish.bundle(ROOT), sources.pages(ROOT / "docs")) == 3


# ----- what the extension renders -------------------------------------------------------------

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
def test_form_and_prerendered_result_come_from_the_engine(each_site: Path, page: str) -> None:
    import tomllib

    from calculator import questions_schema, score

    parser = _Radios()
    parser.feed((each_site / page).read_text())
    schema = questions_schema()
    assert parser.names == {q["id"]: {o["id"] for o in q["options"]} for q in schema["questions"]}
    example = tomllib.loads(engine.EXAMPLE.read_text())["answers"]
    assert parser.checked == example, "the checked radios are the example answers"
    expected = score(example).to_dict()
    assert parser.result is not None
    assert parser.result["data-recommendation"] == (
        "hybrid" if expected["close_call"] else expected["recommendation"]
    )


def test_model_card_is_published(each_site: Path) -> None:
    from calculator import model_card

    html = (each_site / "method" / "index.html").read_text()
    assert "<!-- outside-help: model-card -->" not in html
    assert "data-model-card" in html
    for q in model_card()["questions"]:
        assert f'id="card-{q["id"].replace("_", "-")}"' in html


def _block(html: str, opening: str) -> str:
    """The element that starts with `opening` (a <div ...>), up to its matching </div>."""
    start = html.index(opening)
    depth = 0
    for tag in re.finditer(r"<(/?)div\b[^>]*>", html[start:]):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return html[start:start + tag.end()]
    raise AssertionError(f"{opening} is not closed")


@pytest.mark.parametrize("page, opening", [
    ("calculator/index.html", '<div class="ohc ohc--page"'),
    ("how-to-choose/index.html", '<div class="ohc ohc--inline"'),
    ("method/index.html", '<div class="ohc-card"'),
    ("compare-providers/index.html", '<div class="ohp ohv-tool"'),
])
def test_every_generator_renders_the_same_calculator(build_site, page: str, opening: str) -> None:
    """The calculator and the model card come out of MkDocs, ProperDocs and Zensical byte for byte
    the same: the extension renders them, whatever runs it."""
    blocks = {g: _block((build_site(g) / page).read_text(), opening) for g in GENERATORS}
    assert blocks["properdocs"] == blocks["mkdocs"]
    assert blocks["zensical"] == blocks["mkdocs"]


def test_pages_without_a_calculator_reference_no_runtime(built_site: Path) -> None:
    with_calculator = {"calculator/index.html", "how-to-choose/index.html", "plan/index.html",
                       "compare-providers/index.html"}
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        if rel in with_calculator:
            continue
        text = page.read_text()
        assert "pyodide/" not in text and "data-calculator" not in text, rel


# ----- broken input fails, naming the cause ---------------------------------------------------

def _convert(text: str, docs_dir: Path = ROOT / "docs") -> str:
    """`text` through Python-Markdown with the calculator extension, as a generator runs it."""
    md = markdown.Markdown(extensions=[extension.CalculatorExtension(
        site_url="https://outside-help.netlify.app/", docs_dir=str(docs_dir))])
    return md.convert(text)


@pytest.mark.parametrize("line, message", [
    ("<!-- outside-help: calculator sidebar -->", r"line 3: unknown calculator variant 'sidebar' in .*; use one of: "
                                                  r"<!-- outside-help: calculator inline -->"),
    ("<!-- outside-help: calculator -->", r"a calculator marker needs its variant"),
    ("<!-- outside-help: planner now -->", r"a planner marker takes nothing after its kind; "
                                           r"write <!-- outside-help: planner -->"),
    ("<!-- outside-help: providers -->", r"a providers marker needs a link code"),
    ("<!-- outside-help: plan-example p2<x> -->", r"a plan-example marker needs a link code"),
    ("<!-- outside-help: sidebar -->", r"unknown marker kind 'sidebar' .*; the kinds are: calculator, planner, "
                                       r"model-card, calculator-example, plan-example, providers, providers-example"),
    ("<!--outside-help: planner-->", r"line 3: '<!--outside-help: planner-->' is not a marker this build knows"),
    ("See <!-- outside-help: model-card --> here.", r"line 3: .* is not a marker this build knows"),
    # the forms before the namespace: the error gives the new one
    ("<!-- calculator: page -->", r"is a marker's old form; write <!-- outside-help: calculator page -->$"),
    ("<!-- plan -->", r"is a marker's old form; write <!-- outside-help: planner -->$"),
    ("<!-- model-card -->", r"is a marker's old form; write <!-- outside-help: model-card -->$"),
    ("<!-- providers-example: e1.x -->", r"is a marker's old form; write <!-- outside-help: providers-example e1.x -->$"),
    ('<div data-calculator-slot="page"></div>', r"line 3: .* is the old calculator slot"),
])
def test_an_unknown_or_malformed_marker_fails_naming_its_line(line: str, message: str) -> None:
    with pytest.raises(sources.MarkerError, match=message):
        _convert(f"# Page\n\n{line}\n")


def test_markers_become_the_calculator_and_the_model_card_under_the_last_heading() -> None:
    html = _convert("# Page\n\n## Try it {#try}\n\n<!-- outside-help: calculator inline -->\n\n"
                    "<!-- outside-help: calculator page -->\n\n### Card {#card}\n<!-- outside-help: model-card -->\n")
    assert "<!--" not in html
    assert html.count("data-calculator-config=") == 2
    assert '<h3 class="ohc-title" id="ohc1-form-title">' in html, "one level below the h2"
    assert 'id="ohc2-form-title"' in html, "each calculator on a page has its own ids"
    assert '<h4 class="ohc-card__question"' in html, "the card one level below the h3"
    assert 'href="/how-to-choose/#who-directs"' in html, "links are root-relative (site_url's path)"
    assert "<p><div" not in html, "the HTML is a block of its own, not inside a paragraph"


def test_a_marker_inside_fenced_code_is_left_as_code() -> None:
    md = markdown.Markdown(extensions=["pymdownx.superfences", extension.CalculatorExtension(
        site_url="/", docs_dir=str(ROOT / "docs"))])
    html = md.convert("# Page\n\n```html\n<!-- outside-help: calculator sidebar -->\n```\n")
    assert "&lt;!-- outside-help: calculator sidebar --&gt;" in html and "data-calculator" not in html


def test_guide_links_to_a_missing_page_or_anchor_are_named(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Page\n")
    (docs / "how-to-choose.md").write_text("# How to choose\n\n## Who directs {#other}\n")
    problems = checks.guide_problems(engine.load(ROOT), sources.pages(docs))
    assert "questions.toml question direction links to how-to-choose.md#who-directs, but that page " \
        "has no such anchor" in problems
    assert any(p.endswith("links to models/bpo.md#definition, but docs/models/bpo.md does "
                          "not exist") for p in problems), problems


def test_the_docs_as_they_are_pass_every_check() -> None:
    assert checks.problems(ROOT, ROOT / "docs") == []


@pytest.fixture(scope="module")
def bundle() -> publish.Bundle:
    return publish.bundle(ROOT)


def test_publish_fails_naming_a_missing_runtime_file(bundle, tmp_path) -> None:
    # A checkout whose npm Pyodide lacks the WebAssembly binary.
    partial = tmp_path / "checkout"
    (partial / "node_modules" / "pyodide").mkdir(parents=True)
    (partial / "package.json").symlink_to(ROOT / "package.json")
    for item in NPM_PYODIDE.iterdir():
        if item.name != "pyodide.asm.wasm":
            (partial / "node_modules" / "pyodide" / item.name).symlink_to(item)
    with pytest.raises(runtime.RuntimeFilesError, match=r"missing Pyodide runtime file: .*pyodide\.asm\.wasm"):
        publish.publish(tmp_path / "site", bundle, root=partial)


def test_publish_then_verify_catches_a_wheel_that_does_not_match(bundle, tmp_path) -> None:
    site = tmp_path / "site"
    lock = publish.publish(site, bundle, root=ROOT)
    publish.verify(site, bundle, {})   # the good case passes
    published = lock.parent / bundle.wheel.name
    published.write_bytes(published.read_bytes() + b"tampered")
    with pytest.raises(lockfile.LockfileError, match="does not match the lockfile"):
        publish.verify(site, bundle, {})


def test_verify_catches_a_page_that_lost_its_calculator(bundle, tmp_path) -> None:
    """What a generator that ignored the extension would build: the runtime, but no calculator."""
    site = tmp_path / "site"
    publish.publish(site, bundle, root=ROOT)
    (site / "calculator").mkdir()
    (site / "calculator" / "index.html").write_text("<p>The guides, but no calculator.</p>")
    pages = {"calculator.md": sources.read_page(ROOT / "docs", "calculator.md")}
    with pytest.raises(publish.PublishError, match=r"docs/calculator\.md has 1 calculator marker\(s\) "
                                                   r"but .*calculator/index\.html has 0"):
        publish.verify(site, bundle, pages)


def test_lockfile_check_names_the_mismatch(wheel, tmp_path) -> None:
    lock = lockfile.write_lockfile(wheel, tmp_path / "runtime", root=ROOT)
    data = json.loads(lock.read_text())
    data["packages"]["calculator"]["sha256"] = "0" * 64
    lock.write_text(json.dumps(data))
    with pytest.raises(lockfile.LockfileError, match=r"its sha256 is [0-9a-f]{64}, .* expects 0{64}"):
        lockfile.check_lockfile(lock)


def test_runtime_check_names_a_version_mismatch(tmp_path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"pyodide": "0.1.0"}}))
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    with pytest.raises(runtime.RuntimeFilesError, match="package.json pins 0.1.0"):
        runtime.check_source(tmp_path)


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


def test_every_kind_of_marker_has_its_module_and_every_module_a_kind() -> None:
    """One dispatch: the kinds sources.py reads are the kinds markers/ renders."""
    from outside_help_build import markers
    assert list(markers.RENDERERS) == list(sources.KINDS)
