"""The built site: pages, links and anchors, origins, shared blocks and the calculator's anchors.

Every test here looks at the output of one strict build (the `built_site` fixture in
tests/conftest.py), except the few that check the Markdown sources' conventions. Pages, links
and anchors are checked in every generator's build (`each_site`: MkDocs, ProperDocs, Zensical).
"""

from __future__ import annotations

import functools
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
INCLUDES = DOCS / "_includes"
QUESTIONS = ROOT / "calculator" / "questions.toml"

pytestmark = pytest.mark.site

# Pages allowed to link (plain <a href>) to other sites, inside their content only.
EXTERNAL_LINKS_ALLOWED = {"sources/index.html"}

# Anchors the guides promise (the calculator, other pages and readers link to them).
REQUIRED_ANCHORS = {
    "how-to-choose.md": [
        "kind-of-work", "who-directs", "management-capacity", "scope-change",
        "flexibility-vs-predictability", "process-maturity", "service-levels",
        "operating-model", "duration", "collaboration", "consistency", "governance",
    ],
    "models/staff-augmentation.md": [
        "definition", "what-you-keep", "when-it-fits", "when-staff-augmentation-is-wrong", "pricing",
    ],
    "models/managed-services.md": [
        "definition", "what-you-keep", "when-it-fits", "when-managed-services-is-wrong",
        "professional-vs-managed", "pricing",
    ],
    "models/bpo.md": ["definition", "what-you-keep", "when-it-fits", "when-bpo-is-wrong", "pricing"],
    "compare/staff-augmentation-vs-managed-services.md": ["ownership", "comparison-table", "when-each-fits"],
    "compare/managed-services-vs-bpo.md": ["overlap", "responsibility-vs-object"],
    "compare/all-three.md": [
        "short-answer", "responsibility", "comparison-table", "price-points-mistake",
        "client-still-manages", "combining-models",
    ],
    "pricing.md": ["pricing-basis", "staff-augmentation", "managed-services", "bpo"],
    # The buying guides: the calculator's cost part and the provider comparison link here.
    "buying-process.md": [
        "steps", "need", "in-house-comparator", "rfi", "fix-criteria-first", "rfp", "presentations",
        "weighted-evaluation", "price-scoring", "pilot", "bafo", "signature",
    ],
    "choosing-a-provider.md": [
        "due-diligence", "rfp-questions", "exit-terms", "weighing-answers", "pass-fail",
        "weighted-scoring", "price-scoring-methods", "scoring-traps", "abnormally-low",
    ],
    "commercial-terms.md": [
        "by-model", "liability", "insurance", "continuity", "benchmarking", "indexation",
        "minimum-commitments", "change-control", "key-personnel", "conversion-fees",
    ],
    "staff-transfer.md": [
        "the-law", "when-it-applies", "outsourcing", "retender", "insourcing", "staff-augmentation",
        "eli", "consultation", "pensions", "public-sector-pensions", "cost", "contract",
        "other-countries",
    ],
    "glossary.md": ["tupe", "eli", "rfi", "rfp", "bafo", "should-cost-model"],
}

# Pages whose subject staff transfer changes: each links to a section of the staff transfer page.
STAFF_TRANSFER_LINKED_FROM = [
    "transition-and-exit.md", "cost.md", "risks.md", "contracts.md", "choosing-a-provider.md",
]

# What each shared block looks like once rendered. A new block under docs/_includes/ needs an
# entry here, so that "the block rendered" is checked for it too.
INCLUDE_MARKERS = {
    "abbreviations.md": '<abbr title="',
    "comparison-table.md": '<div class="oh-compare">',
    "responsibility-diagram.md": 'id="oh-resp-title"',
    "definition-staff-augmentation.md": "<strong>Staff augmentation</strong> (often just called",
    "definition-managed-services.md": "<strong>Managed services</strong> means handing a defined service",
    "definition-bpo.md": "<strong>Business process outsourcing (<abbr",
    "keeps-staff-augmentation.md": "<strong>quality direction</strong>: what",
    "keeps-managed-services.md": "<strong>scope clarity</strong>: a clear, current statement",
    "keeps-bpo.md": "<strong>governance of service performance</strong>: reviewing",
    "fits-staff-augmentation.md": "<strong>roles and responsibilities are already clear</strong>",
    "fits-managed-services.md": "<strong>the work is ongoing or operational</strong> by nature",
    "fits-bpo.md": "<strong>the workflow is stable and documented</strong>",
}

# Tags whose URL attributes make the browser fetch something (never from another origin).
FETCHING = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "track": ("src",), "input": ("src",),
}
# <link> rels that only name a URL and fetch nothing.
NON_FETCHING_LINK_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search"}
CSS_REMOTE = re.compile(r"""(?:@import\s+(?:url\()?\s*["']?|url\(\s*["']?)\s*((?:https?:)?//[^"')\s]+)""", re.I)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring YAML tags such as !ENV."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@functools.cache
def config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def site_host() -> str:
    return urlsplit(config()["site_url"]).netloc


def nav_files() -> list[str]:
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for child in item.values():
                walk(child)

    walk(config()["nav"])
    return [f for f in found if f.endswith(".md")]


def built_path(md: str) -> str:
    """docs-relative Markdown path -> built HTML path (use_directory_urls)."""
    stem = md[:-3]
    if stem == "index":
        return "index.html"
    if stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def source_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if INCLUDES not in p.parents)


class Page(HTMLParser):
    """The parts of a built page the tests need: ids, URL references, text of key tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, bool]] = []   # (tag, attr, url, inside article)
        self.link_rels: list[tuple[str, str]] = []           # (rel, href) of <link>
        self.meta: dict[str, str] = {}
        self.styles: list[str] = []
        self.headerlinks: set[str] = set()
        self._article = 0
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "article":
            self._article += 1
        inside = self._article > 0
        if tag == "a" and "headerlink" in a.get("class", "").split():
            self.headerlinks.add(a.get("href", ""))
        if tag == "a" and "href" in a:
            self.refs.append(("a", "href", a["href"], inside))
        if tag == "link" and "href" in a:
            self.link_rels.append((a.get("rel", "").lower(), a["href"]))
            self.refs.append(("link", "href", a["href"], inside))
        for attr in FETCHING.get(tag, ()):
            if attr in a:
                for url in _srcset(a[attr]) if attr == "srcset" else [a[attr]]:
                    self.refs.append((tag, attr, url, inside))
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a.get("content", "")
        if "style" in a:
            self.styles.append(a["style"])
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "article" and self._article:
            self._article -= 1
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


@functools.cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_other_origin(url: str) -> bool:
    parts = urlsplit(url)
    if url.startswith("//"):
        return parts.netloc != site_host()
    return parts.scheme in ("http", "https") and parts.netloc != site_host()


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """An internal URL on `page` -> (file it names, fragment); None for non-file URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript", "blob"):
        return None
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if parts.netloc != site_host():
            return None
        path = parts.path
    else:
        here = "/" + page.relative_to(site).as_posix()
        path = urlsplit(urljoin(here, url)).path if (parts.path or url.startswith("?")) else here
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

def test_every_nav_page_is_built(each_site):
    """Every page in mkdocs.yml's nav has a built HTML file, plus the 404 page and sitemap."""
    missing = [md for md in nav_files() if not (each_site / built_path(md)).is_file()]
    assert not missing, f"nav pages not built: {missing}"
    assert (each_site / "404.html").is_file()
    assert (each_site / "sitemap.xml").is_file()


def test_every_source_page_is_in_the_nav():
    """Every Markdown page under docs/ (shared blocks aside) is listed in the nav."""
    listed = set(nav_files())
    unlisted = [p.relative_to(DOCS).as_posix() for p in source_pages()
                if p.relative_to(DOCS).as_posix() not in listed]
    assert not unlisted, f"pages missing from the nav: {unlisted}"


def test_sitemap_lists_every_nav_page(built_site):
    """sitemap.xml names every nav page under site_url."""
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    base = config()["site_url"].rstrip("/") + "/"
    for md in nav_files():
        url = base + built_path(md).removesuffix("index.html")
        assert f"<loc>{url}</loc>" in sitemap, f"{url} missing from sitemap.xml"


def test_shared_blocks_are_not_published(built_site):
    """docs/_includes/ is excluded: none of its blocks is built as a page of its own."""
    assert not (built_site / "_includes").exists()


def test_every_page_has_its_own_description_and_link_preview(built_site):
    """Each nav page has its own meta description and Open Graph / Twitter tags for previews."""
    site_description = " ".join(config()["site_description"].split())
    for md in nav_files():
        page = parse(built_site / built_path(md))
        description = page.meta.get("description", "")
        assert description and description != site_description, f"{md}: no description in front matter"
        assert page.meta.get("og:description") == description, md
        for key in ("og:title", "og:type", "og:site_name", "og:url", "twitter:card", "twitter:title"):
            assert page.meta.get(key), f"{md}: no {key}"
        assert page.meta["og:url"].startswith(config()["site_url"]), md
        canonical = [href for rel, href in page.link_rels if rel == "canonical"]
        assert canonical == [page.meta["og:url"]], f"{md}: og:url differs from the canonical link"


def test_404_page_links_back_into_the_site(built_site):
    """The 404 page offers absolute links into the guides (it is served at any path)."""
    page = parse(built_site / "404.html")
    content = [url for tag, _, url, inside in page.refs if tag == "a" and inside]
    assert "/how-to-choose/" in content and "/calculator/" in content, content


# ---------------------------------------------------------------------------
# Links and anchors
# ---------------------------------------------------------------------------

def test_internal_links_and_anchors_resolve(each_site):
    """Every internal href/src in every built page names an existing file, and #anchor an id."""
    broken = []
    for html in html_pages(each_site):
        for tag, attr, url, _ in parse(html).refs:
            if not url or is_other_origin(url):
                continue
            resolved = resolve(each_site, html, url)
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{html.relative_to(each_site)}: <{tag} {attr}={url!r}>"
            if not target.is_file():
                broken.append(f"{where} -> missing {target.relative_to(each_site)}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{where} -> no id {fragment!r} in {target.relative_to(each_site)}")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])


def test_required_anchors_exist(each_site):
    """The anchors the guides promise (see REQUIRED_ANCHORS) exist on their pages."""
    missing = [f"{md}#{anchor}" for md, anchors in REQUIRED_ANCHORS.items() for anchor in anchors
               if anchor not in parse(each_site / built_path(md)).ids]
    assert not missing, f"missing anchors: {missing}"


def test_staff_transfer_is_linked_from_the_pages_it_affects(built_site):
    """Transition and exit, cost, risks, contracts and choosing a provider each link, inside their
    content, to a section of the staff transfer page that exists."""
    target = built_site / built_path("staff-transfer.md")
    ids = parse(target).ids
    problems = []
    for md in STAFF_TRANSFER_LINKED_FROM:
        html = built_site / built_path(md)
        links = [resolve(built_site, html, url) for tag, _, url, inside in parse(html).refs
                 if tag == "a" and inside and "staff-transfer" in url]
        if not any(resolved and resolved[0] == target and resolved[1] in ids for resolved in links):
            problems.append(f"{md}: no link to a section of the staff transfer page")
    assert not problems, "\n".join(problems)


def test_home_and_sources_pages_state_the_jurisdiction(built_site):
    """The home page and the sources page each say, in their content, that the guides are written
    for buyers in the United Kingdom."""
    for md in ("index.md", "sources.md"):
        html = (built_site / built_path(md)).read_text(encoding="utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        text = " ".join(re.sub(r"<[^>]+>", " ", article).split())
        assert "written for buyers in the United Kingdom" in text, f"{md}: jurisdiction not stated"


def _guides(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["guide"]] if isinstance(node.get("guide"), str) else []
        return found + [g for key, value in node.items() if key != "guide" for g in _guides(value)]
    if isinstance(node, list):
        return [g for item in node for g in _guides(item)]
    return []


def test_every_anchor_named_by_the_question_data_exists(each_site):
    """Every `guide` link in calculator/questions.toml names a built page and an id on it."""
    data = tomllib.loads(QUESTIONS.read_text(encoding="utf-8"))
    guides = sorted(set(_guides(data)))
    sections = ("models", "sources", "questions", "combinations", "steps", "warnings", "pointers")
    assert all(any(isinstance(item, dict) and item.get("guide") for item in data.get(s, [])) for s in sections)
    problems = []
    for guide in guides:
        md, _, anchor = guide.partition("#")
        page = each_site / built_path(md)
        if not page.is_file():
            problems.append(f"{guide}: page not built")
        elif not anchor or anchor not in parse(page).ids:
            problems.append(f"{guide}: no such anchor")
    assert not problems, "\n".join(problems)


HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
EXPLICIT = re.compile(r"\{\s*#([a-z0-9]+(?:-[a-z0-9]+)*)\s*\}\s*$")


def source_headings(md: Path) -> list[tuple[int, str, str | None]]:
    """(line number, heading line, explicit anchor or None) for each h2/h3 in a Markdown page."""
    found = []
    in_fence = False
    for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match:
            anchor = EXPLICIT.search(match.group(2))
            found.append((number, line, anchor.group(1) if anchor else None))
    return found


def test_sections_have_explicit_short_anchors():
    """Every h2/h3 in the Markdown sets a short, lower-case anchor explicitly ({#like-this})."""
    problems = []
    for md in source_pages():
        for number, line, anchor in source_headings(md):
            if anchor is None:
                problems.append(f"{md.relative_to(DOCS)}:{number}: no explicit anchor: {line}")
            elif len(anchor) > 40:
                problems.append(f"{md.relative_to(DOCS)}:{number}: anchor longer than 40 characters")
    assert not problems, "\n".join(problems)


def test_sections_have_visible_permalinks(built_site):
    """Every h2/h3 written in a page's Markdown has a permalink and appears in the page's TOC."""
    problems = []
    for md in nav_files():
        html = built_site / built_path(md)
        page = parse(html)
        toc = (html.read_text(encoding="utf-8").split('data-md-component="toc"', 1) + [""])[1]
        for _, _, anchor in source_headings(DOCS / md):
            if anchor is None:
                continue
            if f"#{anchor}" not in page.headerlinks:
                problems.append(f"{md}: #{anchor} has no permalink")
            if f'href="#{anchor}"' not in toc:
                problems.append(f"{md}: #{anchor} is not in the table of contents")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------
# Nothing from another origin
# ---------------------------------------------------------------------------

def test_no_page_loads_anything_from_another_origin(built_site):
    """No script, stylesheet, image, frame, preload or CSS url()/@import points at another origin."""
    problems = []
    for html in html_pages(built_site):
        page = parse(html)
        name = html.relative_to(built_site)
        for tag, attr, url, _ in page.refs:
            if tag == "a" or not is_other_origin(url):
                continue
            if tag == "link":
                rels = {rel for rel, href in page.link_rels if href == url}
                if rels and all(set(rel.split()) <= NON_FETCHING_LINK_RELS for rel in rels):
                    continue
            problems.append(f"{name}: <{tag} {attr}={url!r}>")
        for style in page.styles:
            problems += [f"{name}: CSS {url}" for url in CSS_REMOTE.findall(style)
                         if is_other_origin(url if url.startswith("http") else "https:" + url)]
    for css in sorted(built_site.rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        problems += [f"{css.relative_to(built_site)}: {url}" for url in CSS_REMOTE.findall(text)
                     if is_other_origin(url if url.startswith("http") else "https:" + url)]
    assert not problems, "requests to other origins:\n" + "\n".join(problems)


def test_external_links_only_in_allowed_content(built_site):
    """Plain links to other sites appear only in the content of allowed pages (the sources)."""
    problems = []
    for html in html_pages(built_site):
        name = html.relative_to(built_site).as_posix()
        for tag, _, url, inside in parse(html).refs:
            if tag == "a" and is_other_origin(url):
                if not inside or name not in EXTERNAL_LINKS_ALLOWED:
                    problems.append(f"{name}: {url} ({'content' if inside else 'theme chrome'})")
    assert not problems, "external links outside the allowed content:\n" + "\n".join(problems)


# ---------------------------------------------------------------------------
# Shared blocks
# ---------------------------------------------------------------------------

def test_every_shared_block_has_a_marker():
    """Every block under docs/_includes/ has a rendered-form marker in INCLUDE_MARKERS."""
    blocks = {p.name for p in INCLUDES.glob("*.md") if p.name != "README.md"}
    assert blocks == set(INCLUDE_MARKERS), f"blocks {sorted(blocks)} vs markers {sorted(INCLUDE_MARKERS)}"


def test_included_blocks_render(built_site):
    """Each page's {!...!} includes rendered (marker present) and no include syntax is left."""
    include = re.compile(r"\{!\s*_includes/([^!]+?)\s*!\}")
    problems = []
    for md in source_pages():
        rel = md.relative_to(DOCS).as_posix()
        html = (built_site / built_path(rel)).read_text(encoding="utf-8")
        for block in include.findall(md.read_text(encoding="utf-8")):
            if INCLUDE_MARKERS.get(block, "\0") not in html:
                problems.append(f"{rel}: {block} did not render")
    for html in html_pages(built_site):
        text = html.read_text(encoding="utf-8")
        if "{!" in text or "*[" in text and re.search(r"^\*\[[^\]]+\]:", text, re.M):
            problems.append(f"{html.relative_to(built_site)}: raw include or abbreviation syntax left")
    assert not problems, "\n".join(problems)


def test_every_page_includes_the_abbreviations():
    """Every page ends by including the abbreviations, so FTE, SLA, BPO... explain on hover."""
    line = "{!_includes/abbreviations.md!}"
    missing = [p.relative_to(DOCS).as_posix() for p in source_pages()
               if line not in p.read_text(encoding="utf-8")]
    assert not missing, f"pages without the abbreviations: {missing}"


def test_main_comparison_table_is_shared_not_copied(built_site):
    """The main comparison table is written once and shown once: on All three side by side only."""
    users = [p for p in source_pages() if "{!_includes/comparison-table.md!}" in p.read_text(encoding="utf-8")]
    assert {p.relative_to(DOCS).as_posix() for p in users} == {"compare/all-three.md"}
    for md in users:
        html = (built_site / built_path(md.relative_to(DOCS).as_posix())).read_text(encoding="utf-8")
        block = html.split('<div class="oh-compare">', 1)[1]
        assert "<table>" in block.split("</div>", 1)[0], md
    first_row = "| **What you get** |"
    copies = [p for p in source_pages() if first_row in p.read_text(encoding="utf-8")]
    assert not copies, f"comparison table copied into {copies}; include it instead"


def test_calculator_placeholders_are_in_the_sources():
    """The calculator's markers and the model-card marker sit on their own lines in the pages."""
    expected = {
        "how-to-choose.md": "<!-- outside-help: calculator inline -->",
        "calculator.md": "<!-- outside-help: calculator page -->",
        "method.md": "<!-- outside-help: model-card -->",
    }
    for md, line in expected.items():
        lines = (DOCS / md).read_text(encoding="utf-8").splitlines()
        assert line in lines, f"{md}: {line} missing"
        at = lines.index(line)
        assert lines[at - 1] == "" and lines[at + 1] == "", f"{md}: {line} needs blank lines around it"


def test_every_raci_row_has_exactly_one_accountable_party():
    """contracts.md's RACI tables: each activity has one A (whoever approves holds it, so approval
    of changes is never coded C), and the rows for transition, exit, change control and a security
    incident exist under every model."""
    page = (DOCS / "contracts.md").read_text(encoding="utf-8")
    raci = page.split("{#raci}")[1].split("\n## ")[0]
    tables = {part.split("}")[0]: part for part in raci.split("{#raci-")[1:]}
    assert set(tables) == {"staff-augmentation", "managed-services", "bpo"}, sorted(tables)
    bad, missing = [], []
    for model, text in tables.items():
        rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Activity")]
        for row in rows:
            cells = [c.strip() for c in row.strip("|").split("|")]
            codes = [re.sub(r"\(.*?\)", "", c) for c in cells[1:]]      # drop the explanations
            a_count = sum(len(re.findall(r"\bA\b", c)) for c in codes)
            if a_count != 1:
                bad.append(f"{model}: {cells[0]} has {a_count} A")
            if re.search(r"\bapprov", row, re.I) and not re.search(r"\bA\b[^|]*approv", row, re.I):
                bad.append(f"{model}: {cells[0]} approves without the A")
        activities = " ".join(r.split("|")[1].lower() for r in rows)
        missing += [f"{model}: {k}" for k in ("transition", "exit", "change control", "security incident")
                    if k not in activities]
    assert not bad, "\n".join(bad)
    assert not missing, f"RACI rows missing: {missing}"


def test_worked_examples_list_their_answers_in_the_order_the_calculator_asks_them(built_site):
    """Each worked example on /examples/ lists the answers its link holds, question by question in
    the calculator's order (not in the order the engine happens to keep them)."""
    import html

    from calculator import catalogue
    prompts = [q.prompt for q in catalogue().questions]
    page = (built_site / "examples" / "index.html").read_text(encoding="utf-8")
    lists = re.findall(r'<details class="ohc-example-answers">.*?<ul>(.*?)</ul>', page, re.S)
    assert len(lists) >= 3
    for block in lists:
        shown = [html.unescape(p).strip() for p in re.findall(r"<li>(.*?) <strong>", block)]
        assert len(shown) >= 5 and shown == [p for p in prompts if p in shown]


@pytest.mark.parametrize("path, starts", [
    ("calculator/index.html", True), ("plan/index.html", True),
    ("how-to-choose/index.html", False), ("method/index.html", False),
], ids=["calculator", "planner", "inline-guide", "guide"])
def test_only_the_tool_pages_start_python_from_the_head_at_high_priority(built_site, path, starts):
    """Issue 23: on the calculator and the planner, Python's loading starts from <head>, its
    script and the client it imports fetched at high priority (an async script is fetched at low
    priority, behind the theme's bundle: loading then started after the bundle ran). A guide
    page downloads none of it until its calculator comes into view."""
    html = (built_site / path).read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    preload = re.search(r'<link rel="modulepreload" href="[./]*javascripts/[0-9a-f]{12}/calculator-client\.mjs" fetchpriority="high">', head)
    script = re.search(r'<script type="module" async fetchpriority="high" src="[./]*javascripts/[0-9a-f]{12}/calculator-start\.mjs"( data-calculator-early="([^"]*)")?', head)
    assert (bool(preload), bool(script)) == (starts, starts)
    if starts:
        # The start script's copy of the runtime config is the very one the page's tool reads
        # (calculator-start.mjs starts the engine from it; a different copy would start a second).
        tool = re.search(r'data-(?:calculator|plan)-config="([^"]*)"', body)
        assert script[2] == tool[1]
