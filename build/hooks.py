"""MkDocs hooks: turn the engine into the in-page calculator on every build (and `mkdocs serve`).

Registered in mkdocs.yml (`hooks:`). On each build they

1. build the engine's wheel (build/wheel.py) and import the engine natively;
2. check every guide link in questions.toml against the built pages (page and anchor exist), and
   collect the linked sections' titles for link texts;
3. replace `<!-- model-card -->` with the model card rendered from `calculator.model_card()`;
4. replace `<div data-calculator-slot="inline|page"></div>` with the calculator: the form rendered
   from the engine's question data, the example answers checked, and the engine's result for
   them pre-rendered, so a reader sees a real result at first paint, before Python loads;
5. copy the Pyodide runtime into the site (build/runtime.py), write the trimmed standard library,
   precompiled to byte code, next to it (build/stdlib.py, build/bytecode.py), add the wheel
   to its lockfile (build/lockfile.py) and check the wheel's sha256 against the lockfile.

Unknown input fails the build with a message naming the cause: a slot with an unknown variant,
a missing runtime file, a wheel whose sha256 does not match the lockfile. A guide link to a
missing page or anchor is a warning, which `mkdocs build --strict` turns into a failure.
"""

from __future__ import annotations

import html
import importlib
import importlib.util
import json
import logging
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = HERE / "example.toml"
log = logging.getLogger("mkdocs.hooks.calculator")

VARIANTS = ("inline", "page")
SLOT_RE = re.compile(r'<div data-calculator-slot="(?P<variant>[^"<>]*)">\s*</div>')
SLOT_ANY_RE = re.compile(r"data-calculator-slot")
CARD_MARKER = "<!-- model-card -->"
HEADING_RE = re.compile(r"<h([1-6])\b")
ID_RE = re.compile(r'\sid="([^"]+)"')


def _load(name: str):
    """Import a sibling script by path (build/ is not a package; `build` and `wheel` are taken)."""
    module_name = f"outside_help_build_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


wheel_build = _load("wheel")
runtime = _load("runtime")
lockfile = _load("lockfile")
render = _load("render")
stdlib = _load("stdlib")


class _State:
    """What one build learns in on_pre_build and uses in later events."""

    def __init__(self) -> None:
        self.command = "build"
        self.engine = None
        self.wheel: Path | None = None
        self.wheel_sha = ""
        self.stdlib_name = ""
        self.version = ""
        self.schema: dict[str, Any] = {}
        self.card: dict[str, Any] = {}
        self.example: dict[str, Any] = {}
        self.guides: dict[str, str] = {}        # guide url -> section title
        self.slot_pages: dict[str, list[str]] = {}   # page src -> variants
        self.card_pages: list[str] = []
        self.calculator_page_url: str | None = None
        self.site_url = "/"   # mkdocs.yml site_url: links in the copied memo point there


STATE = _State()


# ---------------------------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------------------------

def _import_engine(fresh: bool):
    """Import the calculator package from this repository (fresh on `mkdocs serve` rebuilds)."""
    if fresh:
        for name in [n for n in sys.modules if n == "calculator" or n.startswith("calculator.")]:
            del sys.modules[name]
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        engine = importlib.import_module("calculator")
        importlib.import_module("calculator.api")
    except Exception as exc:
        raise PluginError(f"calculator hooks: the engine (calculator/) does not import: {exc}") from exc
    where = Path(engine.__file__).resolve().parent
    if where != ROOT / "calculator":
        raise PluginError(
            f"calculator hooks: imported the engine from {where}, not from {ROOT / 'calculator'}"
        )
    return engine


def _api(request: dict[str, Any]) -> dict[str, Any]:
    """Call the engine exactly as the browser's worker does: JSON in, JSON out."""
    return json.loads(STATE.engine.api.handle(json.dumps(request)))


def _load_example() -> dict[str, Any]:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    if not isinstance(data.get("title"), str) or not isinstance(data.get("answers"), dict):
        raise PluginError(f"calculator hooks: {EXAMPLE} needs `title` and an [answers] table")
    return data


# ---------------------------------------------------------------------------------------------
# MkDocs events
# ---------------------------------------------------------------------------------------------

def on_startup(command: str, dirty: bool) -> None:
    STATE.command = command


def on_pre_build(config) -> None:
    command = STATE.command
    STATE.__init__()
    STATE.command = command
    STATE.site_url = config.get("site_url") or "/"
    STATE.engine = _import_engine(fresh=command == "serve")
    try:
        STATE.version = runtime.check_source()
        STATE.wheel = wheel_build.build_wheel()
        STATE.stdlib_name = stdlib_name(stdlib.browser_zip())
    except (runtime.RuntimeFilesError, wheel_build.WheelError, stdlib.StdlibError) as exc:
        raise PluginError(f"calculator hooks: {exc}") from exc
    STATE.wheel_sha = wheel_build.sha256_of(STATE.wheel)
    reply = _api({"op": "questions"})
    if not reply.get("ok"):
        raise PluginError(f"calculator hooks: the engine's question schema failed: {reply}")
    STATE.schema = reply["questions"]
    STATE.card = STATE.engine.model_card()
    STATE.example = _load_example()


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Find the calculator slots early, so a bad one fails before anything is rendered."""
    found = SLOT_RE.findall(markdown)
    if len(found) != len(SLOT_ANY_RE.findall(markdown)):
        raise PluginError(
            f"calculator hooks: {page.file.src_uri} has a data-calculator-slot that is not exactly "
            '`<div data-calculator-slot="inline"></div>` or `<div data-calculator-slot="page"></div>`'
        )
    for variant in found:
        if variant not in VARIANTS:
            raise PluginError(
                f"calculator hooks: {page.file.src_uri} has a calculator slot with unknown variant "
                f"{variant!r}; use one of: {', '.join(VARIANTS)}"
            )
    if found:
        STATE.slot_pages[page.file.src_uri] = found
        if "page" in found:
            STATE.calculator_page_url = page.url
    if CARD_MARKER in markdown:
        STATE.card_pages.append(page.file.src_uri)
    return markdown


def on_env(env, config, files):
    """All pages are converted: check the guide links, then render the model card."""
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
    _check_guides(pages)
    for src in STATE.card_pages:
        page = pages[src]
        if CARD_MARKER not in (page.content or ""):
            raise PluginError(
                f"calculator hooks: {src} has {CARD_MARKER} in its Markdown but not in its HTML "
                "(keep the marker on a line of its own)"
            )
        before = page.content.split(CARD_MARKER, 1)[0]
        html = render.render_model_card(
            card=STATE.card,
            heading_level=_heading_after(before),
            ctx=_context(page),
        )
        page.content = page.content.replace(CARD_MARKER, html)
    return env


def on_post_page(output: str, page, config) -> str:
    variants = STATE.slot_pages.get(page.file.src_uri)
    if not variants:
        return output
    counter = iter(range(1, 100))

    def replace(match: re.Match[str]) -> str:
        return _render_slot(match["variant"], page, output[: match.start()], next(counter))

    result = SLOT_RE.sub(replace, output)
    if SLOT_ANY_RE.search(result):
        raise PluginError(f"calculator hooks: {page.file.src_uri}: a calculator slot was not replaced")
    return result


def on_post_build(config) -> None:
    publish(Path(config["site_dir"]), STATE.wheel, STATE.stdlib_name)
    if not STATE.card_pages:
        log.warning("calculator hooks: no page has the %s marker, so the model card is not published", CARD_MARKER)


def on_serve(server, config, builder):
    """`mkdocs serve`: rebuild when the engine, its data or these build scripts change."""
    server.watch(str(ROOT / "calculator"))
    server.watch(str(HERE))
    return server


# ---------------------------------------------------------------------------------------------
# Pieces
# ---------------------------------------------------------------------------------------------

def runtime_paths(version: str, wheel_sha: str) -> tuple[str, str]:
    """Site-root-relative URLs of the runtime folder and of the calculator's lockfile."""
    folder = f"{runtime.SITE_FOLDER}/{version}/"
    return folder, f"{folder}{lockfile.app_dir_name(wheel_sha)}/{lockfile.LOCKFILE_NAME}"


def stdlib_name(data: bytes) -> str:
    return f"{stdlib.STEM}-{stdlib.sha256_of(data)[:12]}.zip"


def publish(site_dir: Path, wheel: Path, expected_stdlib: str | None = None) -> Path:
    """Copy the runtime and the trimmed standard library, write the lockfile with the wheel,
    and verify the result. `expected_stdlib` is the file name the pages were given."""
    try:
        target = runtime.copy_runtime(site_dir)
        written = stdlib.write_stdlib(target)
        lock = lockfile.write_lockfile(wheel, target)
    except (runtime.RuntimeFilesError, lockfile.LockfileError, stdlib.StdlibError) as exc:
        raise PluginError(f"calculator hooks: {exc}") from exc
    if expected_stdlib and written.name != expected_stdlib:
        raise PluginError(
            f"calculator hooks: the pages load {expected_stdlib} but the build wrote {written.name}"
        )
    verify_site(site_dir, wheel_build.sha256_of(wheel))
    return lock


def verify_site(site_dir: Path, wheel_sha: str) -> None:
    """Fail unless the site holds every runtime file and a lockfile matching the wheel."""
    version = runtime.check_source()
    folder, lock_url = runtime_paths(version, wheel_sha)
    try:
        runtime.check_runtime(Path(site_dir) / folder)
        entry = lockfile.check_lockfile(Path(site_dir) / lock_url)
    except (runtime.RuntimeFilesError, lockfile.LockfileError) as exc:
        raise PluginError(f"calculator hooks: {exc}") from exc
    if entry["sha256"] != wheel_sha:
        raise PluginError(
            f"calculator hooks: the lockfile {lock_url} lists sha256 {entry['sha256']} but the "
            f"wheel built for this site has {wheel_sha}"
        )


def _heading_after(html_before: str) -> int:
    """The heading level for a block placed after `html_before`: one below the last heading."""
    levels = HEADING_RE.findall(html_before)
    return int(levels[-1]) + 1 if levels else 2


def _base(page) -> str:
    """The page's relative way to the site root, as MkDocs' `base_url` ('.', '..', '../..')."""
    return get_relative_url(".", page.url)


def _context(page) -> Any:
    return render.Context(base=_base(page), models=STATE.schema["models"], guides=STATE.guides)


def _render_slot(variant: str, page, html_before: str, n: int) -> str:
    example_answers = STATE.example["answers"]
    reply = _api({"op": "score", "answers": example_answers, "site_url": STATE.site_url})
    if not reply.get("ok"):
        raise PluginError(
            f"calculator hooks: the example answers in {EXAMPLE.name} do not score: "
            f"{reply['error']['message']}"
        )
    runtime_url, lock_url = runtime_paths(STATE.version, STATE.wheel_sha)
    base = _base(page)
    page_link = None
    if variant == "inline" and STATE.calculator_page_url is not None:
        page_link = get_relative_url(STATE.calculator_page_url, page.url)
        if STATE.calculator_page_url.endswith("/") and not page_link.endswith("/"):
            page_link += "/"
    config = {
        "base": base,
        "runtime": runtime_url,
        "lockfile": lock_url,
        "stdlib": f"{runtime_url}{STATE.stdlib_name}",
        "siteUrl": STATE.site_url,
        "models": [{"id": m["id"], "name": m["name"]} for m in STATE.schema["models"]],
        "guides": STATE.guides,
        "example": {"answers": example_answers, "share": reply["result"]["share"]},
        "pageLink": page_link,
        "maxChanges": 5,
    }
    return render.render_calculator(
        uid=f"ohc{n}",
        variant=variant,
        heading_level=_heading_after(html_before),
        schema=STATE.schema,
        reply=reply,
        example=STATE.example,
        ctx=_context(page),
        config=config,
        page_link=page_link,
    )


def _guide_refs() -> list[tuple[str, dict[str, str]]]:
    """Every guide link in the engine's data, with where it comes from."""
    card = STATE.card
    refs = [(f"model {m['id']}", m["guide"]) for m in card["models"]]
    refs += [(f"question {q['id']}", q["guide"]) for q in card["questions"]]
    refs += [(f"combination {'+'.join(c['models'])}", c["guide"]) for c in card["combinations"]]
    refs += [(f"warning {w['id']}", w["guide"]) for w in card["warnings"]]
    refs += [(f"guardrail {g['id']}", g["guide"]) for g in card["guardrails"]]
    return refs


def _toc_titles(items, into: dict[str, str]) -> dict[str, str]:
    for item in items:
        into[item.id] = html.unescape(item.title)
        _toc_titles(item.children, into)
    return into


def _check_guides(pages: dict[str, Any]) -> None:
    """Warn (strict: fail) for every guide link whose page or anchor does not exist."""
    titles: dict[str, str] = {}
    for where, guide in _guide_refs():
        page = pages.get(guide["page"])
        if page is None:
            log.warning(
                "calculator hooks: questions.toml %s links to %s#%s, but docs/%s does not exist",
                where, guide["page"], guide["anchor"], guide["page"],
            )
            continue
        ids = set(ID_RE.findall(page.content or ""))
        if guide["anchor"] not in ids:
            log.warning(
                "calculator hooks: questions.toml %s links to %s#%s, but that page has no such anchor",
                where, guide["page"], guide["anchor"],
            )
        expected = f"{page.url}#{guide['anchor']}"
        if guide["url"] != expected:
            log.warning(
                "calculator hooks: questions.toml %s: the engine's URL %r for %s#%s is not the "
                "built page's %r", where, guide["url"], guide["page"], guide["anchor"], expected,
            )
        toc = _toc_titles(page.toc, {})
        titles[guide["url"]] = toc.get(guide["anchor"], page.title or guide["page"])
    STATE.guides = titles
