"""The sources convention: pages cite a source by linking to its entry on the sources page.

An entry is the element with id `src-<slug>` on sources/index.html (written in the Markdown as
`{: #src-<slug> }` under the entry's paragraph). Every citation link must land on an entry, and
every entry must carry its source's address as an http(s) link.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.site

SOURCES_PAGE = "sources/index.html"
# Anchors other pages and writers already link to; they must keep working.
KEPT_ANCHORS = {"articles", "ellison", "elysiate", "research"}
# The research entries the brief names, and the two articles.
EXPECTED_ENTRIES = {
    "src-ellison", "src-elysiate", "src-williamson-1991", "src-aubert-2004", "src-eisenhardt-1989",
    "src-aron-singh-2005", "src-lacity-1996", "src-dawes-1979", "src-lahdelma-2001",
    # The law and official guidance behind staff transfer and the buying process.
    "src-tupe-2006", "src-directive-2001-23", "src-acas-eli", "src-acas-consult", "src-ppn-0514",
    "src-sourcing-playbook", "src-should-cost-note", "src-procurement-act-s23",
}
# Entries whose address must be on an official legal or government site (the law itself or the
# government's own guidance), not a copy elsewhere.
OFFICIAL_HOSTS = {
    "src-tupe-2006": "www.legislation.gov.uk", "src-directive-2001-23": "www.legislation.gov.uk",
    "src-procurement-act-s23": "www.legislation.gov.uk", "src-acas-eli": "www.acas.org.uk",
    "src-acas-consult": "www.acas.org.uk", "src-ppn-0514": "www.gov.uk",
    "src-sourcing-playbook": "www.gov.uk", "src-gov-transfer-fees": "www.gov.uk",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Links(HTMLParser):
    """Every <a href> of a page, and every id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


class Entries(HTMLParser):
    """For each element whose id starts with `src-`: the hrefs of the links inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []   # (tag, entry id it opens or None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        entry = a.get("id") if (a.get("id") or "").startswith("src-") else None
        if entry:
            self.entries[entry] = []
        if tag == "a" and a.get("href"):
            for _, open_entry in self._open:
                if open_entry:
                    self.entries[open_entry].append(a["href"])
            if entry:
                self.entries[entry].append(a["href"])
        if tag not in VOID:
            self._open.append((tag, entry))

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break


def _parse(parser_class, path: Path):
    parser = parser_class()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _citations(site: Path) -> list[tuple[str, str, str]]:
    """(page, href, target file, fragment) for every link from a built page to a #src-... anchor."""
    found = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("pyodide/"):
            continue
        for href in _parse(Links, html).hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or not parts.fragment.startswith("src-"):
                continue
            path = urlsplit(urljoin("/" + rel, href)).path if parts.path else "/" + rel
            target = unquote(path).lstrip("/")
            if target.endswith("/") or target == "":
                target += "index.html"
            found.append((rel, href, target, unquote(parts.fragment)))
    return found


@pytest.fixture(scope="module")
def entries(built_site) -> dict[str, list[str]]:
    return _parse(Entries, built_site / SOURCES_PAGE).entries


def test_every_citation_lands_on_a_sources_entry(built_site, entries):
    """Each link to #src-... from any built page points at the sources page and an entry on it."""
    citations = _citations(built_site)
    cited_from = {page for page, *_ in citations if page != SOURCES_PAGE}
    assert len(cited_from) >= 5, f"only {sorted(cited_from)} cite sources; the convention has lapsed"
    broken = [f"{page}: {href}" for page, href, target, fragment in citations
              if target != SOURCES_PAGE or fragment not in entries]
    assert not broken, "citations that land on no entry:\n" + "\n".join(broken)


def test_every_entry_gives_its_address(entries):
    """Each src- entry links to its source's address over http(s); the expected entries exist."""
    missing = sorted(EXPECTED_ENTRIES - set(entries))
    assert not missing, f"sources page lacks entries {missing}"
    without = sorted(entry for entry, hrefs in entries.items()
                     if not any(urlsplit(h).scheme in ("http", "https") and urlsplit(h).netloc for h in hrefs))
    assert not without, f"entries with no http(s) address: {without}"


def test_shared_sources_anchors_still_exist(built_site):
    """The older anchors on the sources page (#ellison, #elysiate, #research...) still resolve."""
    ids = _parse(Links, built_site / SOURCES_PAGE).ids
    assert KEPT_ANCHORS <= ids, f"missing anchors: {sorted(KEPT_ANCHORS - ids)}"


def test_legal_and_government_sources_point_at_the_official_site(entries):
    """The law and the government guidance we cite link to the official site that publishes them."""
    wrong = {entry: hrefs for entry, host in OFFICIAL_HOSTS.items()
             if not any(urlsplit(h).scheme == "https" and urlsplit(h).netloc == host
                        for h in entries.get(entry, []))}
    assert not wrong, f"entries not linking to their official host: {wrong}"

# Our own judgement has one mark: a link reading "ours", class oh-ours, to method/#judgement,
# where a source would be cited (method.md#judgement explains it). The old phrases it replaced
# must not creep back into the guides.
OLD_JUDGEMENT_PHRASES = ("our judgement", "in our view", "our advice", "our tip")
# Pages that talk about the convention itself (the method and the sources pages).
ABOUT_THE_CONVENTION = {"method/index.html", "sources/index.html"}


class Text(HTMLParser):
    """The visible text of a page's article, and the (class, href, text) of each link in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # > 0 inside <article>
        self.skip = 0           # > 0 inside <script> or <style>
        self.parts: list[str] = []
        self.links: list[list[str]] = []
        self._link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a" and self.depth:
            self._link = [a.get("class") or "", a.get("href") or "", ""]
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
            if self._link is not None:
                self._link[2] += data


def _guide_pages(site: Path):
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()
        if not rel.startswith("pyodide/"):
            yield rel, _parse(Text, html)


def test_our_judgement_is_marked_one_way_and_the_mark_leads_to_its_explanation(built_site):
    """Every "ours" mark is a link to method/#judgement; the method page explains the mark; the
    guides use the mark instead of the old phrases; enough pages use it that it is the convention."""
    method = _parse(Links, built_site / "method/index.html")
    assert "judgement" in method.ids
    assert "(ours)" in (built_site / "method/index.html").read_text(encoding="utf-8")
    marked_pages, wrong, phrases = set(), [], []
    for rel, page in _guide_pages(built_site):
        for cls, href, text in page.links:
            if "oh-ours" in cls.split():
                marked_pages.add(rel)
                target = urlsplit(urljoin("/" + rel, href))
                if target.path != "/method/" or target.fragment != "judgement" or text.strip() != "ours":
                    wrong.append(f"{rel}: {text!r} -> {href}")
        if rel not in ABOUT_THE_CONVENTION:
            text = " ".join(" ".join(page.parts).lower().split())
            phrases += [f"{rel}: {p!r}" for p in OLD_JUDGEMENT_PHRASES if p in text]
    assert not wrong, "marks that do not lead to method/#judgement:\n" + "\n".join(wrong)
    assert not phrases, ("guides that say it in words instead of the (ours) mark "
                         "([ours](method.md#judgement){ .oh-ours }):\n" + "\n".join(phrases))
    assert len(marked_pages) >= 10, f"only {sorted(marked_pages)} use the mark"
