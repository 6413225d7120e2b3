"""Content-Security-Policy hashes for the built site, and a check against netlify.toml.

The site's CSP (declared in netlify.toml) has no 'unsafe-inline' for scripts or styles, so every
inline `<script>` the theme emits must be allowed by the sha256 of its exact text, and inline
styles must not exist at all (or be allowed by hash, for `<style>` elements). This module finds
them in the built pages, so the declared policy can be proven against what is really served.

    python build/csp.py [SITE_DIR]            print every hash and the pages that need it
    python build/csp.py --check [SITE_DIR]    exit 1 when netlify.toml and the pages disagree

What counts, as browsers count it:
- An inline script is a `<script>` without `src` whose `type` is absent, a JavaScript MIME type
  or `module`. Data blocks (`application/json`, `application/ld+json`, ...) are never executed,
  so they need no hash. The hash covers the element's text exactly as written (UTF-8 bytes).
- Event-handler attributes (`onclick=...`) and `javascript:` URLs would need 'unsafe-hashes' or
  'unsafe-inline': they are reported as errors, never hashed.
- `<style>` elements need a hash in style-src; `style="..."` attributes cannot be allowed without
  'unsafe-inline' (or 'unsafe-hashes'), so they are reported as errors.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETLIFY_TOML = ROOT / "netlify.toml"

# <script type> values that browsers execute (the HTML standard's JavaScript MIME type essence
# list, plus "module"). Anything else is a data block.
JS_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
    "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
}
HASH_RE = re.compile(r"'sha256-[A-Za-z0-9+/]+={0,2}'")


def csp_hash(text: str) -> str:
    """The CSP source expression for an inline block's exact text.

    >>> csp_hash('alert(1)')
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class PageInline:
    """What one page holds inline."""

    scripts: list[str] = field(default_factory=list)      # executable inline script texts
    styles: list[str] = field(default_factory=list)       # <style> element texts
    problems: list[str] = field(default_factory=list)     # things no hash can allow


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found = PageInline()
        self._collect: str | None = None   # "script" or "style" while inside one
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attrs(tag, attrs)
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "script":
            executable = "src" not in a and a.get("type", "").strip().lower() in JS_TYPES
            self._collect = "script" if executable else "skip"
            self._buf = []
        elif tag == "style":
            self._collect = "style"
            self._buf = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attrs(tag, attrs)

    def _check_attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.found.problems.append(f"<{tag} {name}=...> inline event handler")
            elif name == "style":
                self.found.problems.append(f'<{tag} style="{value}"> inline style attribute')
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.problems.append(f"<{tag} {name}=javascript:...> script URL")

    def handle_data(self, data: str) -> None:
        if self._collect:
            self._buf.append(data)

    # With convert_charrefs=False, references outside raw-text elements arrive here; inside
    # <script>/<style> the parser hands over the raw text through handle_data.
    def handle_entityref(self, name: str) -> None:
        if self._collect:
            self._buf.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self._collect:
            self._buf.append(f"&#{name};")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._collect:
            text = "".join(self._buf)
            if self._collect == "script":
                self.found.scripts.append(text)
            elif self._collect == "style":
                self.found.styles.append(text)
            self._collect = None
            self._buf = []


def inline_in(html: str) -> PageInline:
    """Inline scripts, styles and unhashable inline code in one page's HTML.

    >>> p = inline_in('<script>a()</script><script type="application/json">{}</script>'
    ...               '<script src="x.js"></script><p onclick="b()" style="color:red">x</p>')
    >>> p.scripts, len(p.problems)
    (['a()'], 2)
    """
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def scan_site(site: Path) -> dict[str, PageInline]:
    """Every built page (relative path -> what it holds inline)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        pages[path.relative_to(site).as_posix()] = inline_in(path.read_text(encoding="utf-8"))
    return pages


def hashes_by_page(pages: dict[str, PageInline], kind: str) -> dict[str, list[str]]:
    """hash -> the pages that need it, for kind "scripts" or "styles"."""
    needed: dict[str, list[str]] = {}
    for page, found in pages.items():
        for text in getattr(found, kind):
            needed.setdefault(csp_hash(text), []).append(page)
    return needed


def declared_csp(netlify_toml: Path = NETLIFY_TOML) -> str:
    """The Content-Security-Policy that netlify.toml sends for every path ("/*")."""
    config = tomllib.loads(netlify_toml.read_text(encoding="utf-8"))
    for rule in config.get("headers", []):
        if rule.get("for") == "/*":
            for name, value in rule.get("values", {}).items():
                if name.lower() == "content-security-policy":
                    return value
    raise SystemExit(f"{netlify_toml}: no Content-Security-Policy under [[headers]] for = \"/*\"")


def parse_csp(policy: str) -> dict[str, list[str]]:
    """Directive name -> its source list.

    >>> parse_csp("default-src 'self'; img-src 'self' data:")
    {'default-src': ["'self'"], 'img-src': ["'self'", 'data:']}
    """
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def check(site: Path, netlify_toml: Path = NETLIFY_TOML) -> list[str]:
    """Every disagreement between the built pages and the declared policy, as messages."""
    pages = scan_site(site)
    if not pages:
        return [f"{site}: no HTML pages found (build the site first)"]
    csp = parse_csp(declared_csp(netlify_toml))
    errors: list[str] = []
    for kind, directive in (("scripts", "script-src"), ("styles", "style-src")):
        sources = csp.get(directive, csp.get("default-src", []))
        if "'unsafe-inline'" in sources and not any(HASH_RE.fullmatch(s) for s in sources):
            continue  # everything inline is allowed (never the case for scripts here)
        declared = {s for s in sources if HASH_RE.fullmatch(s)}
        needed = hashes_by_page(pages, kind)
        for digest, on_pages in sorted(needed.items()):
            if digest not in declared:
                shown = ", ".join(on_pages[:5]) + (f" and {len(on_pages) - 5} more" if len(on_pages) > 5 else "")
                errors.append(f"missing in {directive}: {digest} (inline {kind[:-1]} on {shown})")
        for digest in sorted(declared - needed.keys()):
            errors.append(f"stale in {directive}: {digest} (no built page has this inline {kind[:-1]}; remove it)")
    style_sources = csp.get("style-src", csp.get("default-src", []))
    for page, found in pages.items():
        for problem in found.problems:
            if "inline style attribute" in problem and "'unsafe-inline'" in style_sources:
                continue
            errors.append(f"{page}: {problem} cannot be allowed by the CSP; move it to a file")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="built site folder (default: site/)")
    parser.add_argument("--check", action="store_true", help="compare with netlify.toml; exit 1 on any difference")
    parser.add_argument("--netlify-toml", default=str(NETLIFY_TOML))
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not site.is_dir():
        print(f"error: {site} is not a folder; build the site first (make build)", file=sys.stderr)
        return 2
    if args.check:
        errors = check(site, Path(args.netlify_toml))
        if errors:
            print(f"CSP hashes in {args.netlify_toml} do not match the pages built in {site}:", file=sys.stderr)
            for error in errors:
                print(f"  - {error}", file=sys.stderr)
            print("Run `python build/csp.py` to list the hashes the built pages need.", file=sys.stderr)
            return 1
        print(f"CSP hashes match the {len(scan_site(site))} built pages.")
        return 0
    pages = scan_site(site)
    for kind, directive in (("scripts", "script-src"), ("styles", "style-src")):
        needed = hashes_by_page(pages, kind)
        print(f"# {directive}: {len(needed)} inline {kind} hash(es)")
        for digest, on_pages in sorted(needed.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            example = on_pages[0]
            snippet = next(t for t in getattr(pages[example], kind) if csp_hash(t) == digest)
            snippet = " ".join(snippet.split())[:70]
            print(f"{digest}  # {len(on_pages)} page(s), e.g. {example}: {snippet}")
    for page, found in pages.items():
        for problem in found.problems:
            print(f"# warning: {page}: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
