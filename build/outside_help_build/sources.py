"""What the build reads from the docs' Markdown sources: sections, markers and includes.

The calculator's HTML links to guide sections by their anchors and shows their titles. Both
come from the Markdown, not from built pages, so every generator gets the same answer before it
has built anything: every section sets its anchor explicitly (`## Who directs {#who-directs}`,
a rule tests/site/test_site.py enforces), so the anchor is in the source line itself.

Markers are lines of their own, in one namespace, that the Markdown extension (extension.py)
replaces with what their kind's module makes (markers/): `<!-- outside-help: KIND -->` or
`<!-- outside-help: KIND ARGUMENT -->`, the kinds and their arguments in `KINDS`.

Any other comment in the namespace, or one that starts like a marker of the old forms
(`<!-- calculator: page -->`, `<!-- model-card -->`, `<!-- plan -->`...; the error says the new
form), a marker that shares its line with other text, or the old `data-calculator-slot` div is
an error naming the line, never a comment that silently renders as nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from outside_help_build.errors import BuildError

NAMESPACE = "outside-help"
VARIANTS = ("inline", "page")
CODE = "CODE"   # the argument is a link code (share, plan or evaluation)
# Each kind of marker and what its argument is: None (no argument), the variants it takes, or CODE.
KINDS: dict[str, tuple[str, ...] | str | None] = {
    "calculator": VARIANTS,
    "planner": None,
    "model-card": None,
    "calculator-example": CODE,
    "plan-example": CODE,
    "providers": CODE,
    "providers-example": CODE,
}
# Shared blocks included with markdown-include ({!path!}); mkdocs.yml's exclude_docs keeps this
# folder out of the site, so its files are not pages.
INCLUDES = "_includes"

_MARKER = re.compile(r"<!-- outside-help: (?P<kind>\S+?)(?: (?P<argument>\S+))? -->")
_CODE = re.compile(r"[A-Za-z0-9._*-]+")
# The forms markers had before the namespace, and what each is now.
_OLD = re.compile(r"<!-- (?:(?P<kind>calculator|calculator-example|plan-example|providers|providers-example): "
                  r"(?P<argument>\S+)|(?P<alone>model-card|plan)) -->")
_OLD_NAMES = {"plan": "planner"}
# Anything that looks like it wants to be a marker (checked after the exact forms above).
_MARKER_LIKE = re.compile(r"<!--\s*(?:outside-help|calculator|model-card|plan|providers)\b|data-calculator-slot",
                          re.IGNORECASE)
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_ANCHOR = re.compile(r"\{[^}]*#(?P<anchor>[\w-]+)[^}]*\}\s*$")
_INCLUDE = re.compile(r"\{!\s*(?P<path>[^!]+?)\s*!\}")
_FENCE = re.compile(r"^\s*(```|~~~)")
# A paragraph's own anchor, attr_list style, on the line after it: the sources page gives each
# source one (`{: #src-aubert-2004 }`). Its title is the paragraph's first bold text.
_BLOCK_ANCHOR = re.compile(r"^\{:\s*#(?P<anchor>[\w-]+)\s*\}\s*$")
_BOLD = re.compile(r"\*\*(?P<text>.+?)\*\*")


class SourcesError(BuildError):
    """The docs' sources cannot be read as the build expects (no docs folder, a bad marker)."""


class MarkerError(SourcesError):
    """A line holds a marker the build does not know, or one that is malformed."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(f"line {line}: {what}")
        self.line = line
        self.what = what


@dataclass(frozen=True)
class Marker:
    kind: str                # "calculator", "model-card", "planner", "calculator-example", "plan-example",
                             # "providers", "providers-example"
    variant: str | None      # "inline" or "page" for a calculator; the code for an example
    line: int                # 1-based line number


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str               # the heading's text, as the table of contents shows it
    level: int
    line: int


@dataclass
class Page:
    path: str                                           # docs-relative: "models/bpo.md"
    url: str                                            # site-relative: "models/bpo/"
    sections: dict[str, Section] = field(default_factory=dict)   # anchor -> section
    markers: list[Marker] = field(default_factory=list)
    includes: list[tuple[int, str]] = field(default_factory=list)  # (line, included path)
    problems: list[str] = field(default_factory=list)   # "path:line: what is wrong"


def marker_line(kind: str, argument: str | None = None) -> str:
    """A marker as it is written: `<!-- outside-help: calculator page -->`."""
    return f"<!-- {NAMESPACE}: {kind}{' ' + argument if argument else ''} -->"


def usage() -> str:
    """Every kind of marker, as it is written."""
    forms = []
    for kind, argument in KINDS.items():
        if isinstance(argument, tuple):
            forms += [marker_line(kind, variant) for variant in argument]
        else:
            forms.append(marker_line(kind, argument))
    return ", ".join(forms)


def find_marker(line: str, number: int) -> Marker | None:
    """The marker `line` holds, None if it holds none; MarkerError if it is not a marker this
    build knows, or not on a line of its own.

    >>> find_marker("<!-- outside-help: calculator page -->", 3)
    Marker(kind='calculator', variant='page', line=3)
    >>> find_marker("<!-- outside-help: providers-example e1.0a1b2c3deNq -->", 7)
    Marker(kind='providers-example', variant='e1.0a1b2c3deNq', line=7)
    >>> find_marker("<!-- outside-help: calculator sidebar -->", 3)
    Traceback (most recent call last):
    ...
    outside_help_build.sources.MarkerError: line 3: unknown calculator variant 'sidebar' in ...
    """
    if not _MARKER_LIKE.search(line):
        return None
    text = line.strip()
    found = _MARKER.fullmatch(text)
    if found:
        return _checked(found["kind"], found["argument"], text, number)
    old = _OLD.fullmatch(text)
    if old:
        kind = old["kind"] or _OLD_NAMES.get(old["alone"], old["alone"])
        raise MarkerError(number, f"{text!r} is a marker's old form; write {marker_line(kind, old['argument'])}")
    if "data-calculator-slot" in text:
        raise MarkerError(number, (
            f"{text!r} is the old calculator slot; write {marker_line('calculator', 'inline')} or "
            f"{marker_line('calculator', 'page')} on a line of its own"
        ))
    raise MarkerError(number, f"{text!r} is not a marker this build knows; markers are lines of their own: {usage()}")


def _checked(kind: str, argument: str | None, text: str, number: int) -> Marker:
    """A marker of a known kind with the argument that kind takes, or the error saying which."""
    if kind not in KINDS:
        raise MarkerError(number, f"unknown marker kind {kind!r} in {text!r}; the kinds are: {', '.join(KINDS)}")
    takes = KINDS[kind]
    if takes is None and argument is not None:
        raise MarkerError(number, f"{text!r}: a {kind} marker takes nothing after its kind; write {marker_line(kind)}")
    if isinstance(takes, tuple) and argument not in takes:
        what = f"unknown {kind} variant {argument!r} in {text!r}" if argument else f"{text!r}: a {kind} marker needs its variant"
        raise MarkerError(number, f"{what}; use one of: " + ", ".join(marker_line(kind, v) for v in takes))
    if takes == CODE and (argument is None or not _CODE.fullmatch(argument)):
        raise MarkerError(number, f"{text!r}: a {kind} marker needs a link code, as in {marker_line(kind, CODE)}")
    return Marker(kind, argument, number)


def heading_level(line: str) -> int | None:
    """The level of an ATX heading line (`## Title` -> 2), None for any other line."""
    match = _HEADING.match(line)
    return len(match["hashes"]) if match else None


def page_url(path: str) -> str:
    """The page's URL below the site root, as MkDocs writes it with use_directory_urls:
    "how-to-choose.md" -> "how-to-choose/", "index.md" -> "", "models/index.md" -> "models/".

    >>> page_url("models/bpo.md"), page_url("index.md"), page_url("models/index.md")
    ('models/bpo/', '', 'models/')
    """
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return f"{stem.removesuffix('/index')}/"


def _title(text: str) -> str:
    """A heading's text as plain text (Markdown rendered, tags dropped, entities decoded),
    as the table of contents shows it: "T&M (*time*)" -> "T&M (time)"."""
    rendered = markdown.markdown(text)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def read_page(docs_dir: Path, path: str) -> Page:
    """Sections, markers and includes of the docs page `path` (relative to `docs_dir`)."""
    page = Page(path=path, url=page_url(path))
    in_fence = False
    text = (Path(docs_dir) / path).read_text(encoding="utf-8")
    paragraph: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        block = _BLOCK_ANCHOR.match(line)
        if block and not in_fence:
            bold = _BOLD.search(" ".join(paragraph))
            title = _title(bold["text"]) if bold else block["anchor"]
            page.sections[block["anchor"]] = Section(block["anchor"], title, 0, number)
        paragraph = paragraph + [line] if line.strip() else []
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        for include in _INCLUDE.finditer(line):
            page.includes.append((number, include["path"]))
        try:
            marker = find_marker(line, number)
        except MarkerError as exc:
            page.problems.append(f"docs/{path}:{exc.line}: {exc.what}")
            continue
        if marker:
            page.markers.append(marker)
        level = heading_level(line)
        if level is None:
            continue
        heading = _HEADING.match(line)["text"]
        anchor = _ANCHOR.search(heading)
        if anchor:
            title = _title(heading[: anchor.start()])
            page.sections[anchor["anchor"]] = Section(anchor["anchor"], title, level, number)
    return page


def pages(docs_dir: Path) -> dict[str, Page]:
    """Every page of the docs (docs-relative path -> Page); shared blocks are not pages."""
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise SourcesError(f"{docs_dir} is not a folder: run the build from the checkout's root")
    found = {}
    for md in sorted(docs_dir.rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        if rel.split("/")[0] != INCLUDES:
            found[rel] = read_page(docs_dir, rel)
    return found


def included_files(docs_dir: Path) -> list[tuple[str, int, str]]:
    """Every `{!path!}` include in the docs, shared blocks too: (file, line, included path)."""
    docs_dir = Path(docs_dir)
    found = []
    for md in sorted(docs_dir.rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        found += [(rel, line, path) for line, path in read_page(docs_dir, rel).includes]
    return found
