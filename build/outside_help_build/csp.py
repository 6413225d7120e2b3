"""Content-Security-Policy hashes for the built site, and a check against netlify.toml.

The site's CSP (declared in netlify.toml) has no 'unsafe-inline' for scripts or styles, so every
inline `<script>` the theme emits must be allowed by the sha256 of its exact text, and inline
styles must not exist at all (or be allowed by hash, for `<style>` elements). This module finds
them in the built pages, and in the theme's scripts the styles they insert, so the declared
policy can be proven against what is really served.

From the checkout's root (netlify.toml is read from there):

    python -m outside_help_build.csp [SITE_DIR]            print every hash and where it is needed
    python -m outside_help_build.csp --check [SITE_DIR]    exit 1 when netlify.toml and the site disagree
    python -m outside_help_build.csp --policy [SITE_DIR]   print netlify.toml's policy with the
                                                           hashes SITE_DIR needs (another generator's)

What counts, as browsers count it:
- An inline script is a `<script>` without `src` whose `type` is absent, a JavaScript MIME type
  or `module`. Data blocks (`application/json`, `application/ld+json`, ...) are never executed,
  so they need no hash. The hash covers the element's text exactly as written (UTF-8 bytes).
- Event-handler attributes (`onclick=...`) and `javascript:` URLs would need 'unsafe-hashes' or
  'unsafe-inline': they are reported as errors, never hashed.
- `<style>` elements need a hash in style-src; `style="..."` attributes cannot be allowed without
  'unsafe-inline' (or 'unsafe-hashes'), so they are reported as errors.
- A `<style>` element a script inserts at run time needs a hash too (CSP Level 3, style-src-elem),
  though no page holds its text. Zensical's bundle inserts one for its search dialog, into a
  shadow root: `o.appendChild(C("style",{},Tc.toString()))`, with `var Tc='.u{...}...'`.
  inserted_styles() reads such constants from the site's scripts; Material's bundle has none.
  A script that inserts a style some other way is caught by the browser tests (a violation).
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

NETLIFY_TOML = Path("netlify.toml")   # relative: the checkout's root is the working folder

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


# h("style", {}, NAME.toString()) in a minified Preact bundle, and the string constant NAME.
_INSERTS_STYLE = re.compile(r"""[\w$]+\(\s*["']style["']\s*,\s*\{\}\s*,\s*([\w$]+)\.toString\(\)\s*\)""")
_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.DOTALL)
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0",
               "\n": "", "\r\n": "", "\u2028": "", "\u2029": ""}   # a backslash-newline continues the line


def js_string(literal: str) -> str:
    """The value of a JavaScript string literal ('...' or "...").

    >>> js_string(r"'a\\'b\\u0041\\x42\\u{1F600}\\/'")
    "a'bAB😀/"
    """
    def unescape(match: re.Match[str]) -> str:
        code = match[1]
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code.strip("ux{}"), 16))
        return _JS_ESCAPES.get(code, code)

    return _JS_ESCAPE.sub(unescape, literal[1:-1])


def inserted_styles(site: Path) -> dict[str, list[str]]:
    """Style texts the site's scripts insert as <style> elements -> the scripts that insert them."""
    found: dict[str, list[str]] = {}
    for script in sorted(Path(site).rglob("*.js")):
        code = script.read_text(encoding="utf-8", errors="replace")
        for name in _INSERTS_STYLE.findall(code):
            constant = re.search(rf"""(?:var|let|const)\s+{re.escape(name)}\s*=\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""",
                                 code, re.DOTALL)
            if constant is None:
                raise ValueError(f"{script}: inserts a <style> from {name}, which is not a string constant")
            found.setdefault(js_string(constant[1]), []).append(script.relative_to(site).as_posix())
    return found


def needed(site: Path) -> dict[str, dict[str, list[str]]]:
    """Directive -> {hash: where it is needed} for everything inline the site runs: script-src
    for the pages' inline scripts, style-src for their <style> elements and the inserted ones."""
    pages = scan_site(Path(site))
    styles = hashes_by_page(pages, "styles")
    for text, scripts in inserted_styles(site).items():
        styles.setdefault(csp_hash(text), []).extend(scripts)
    return {"script-src": hashes_by_page(pages, "scripts"), "style-src": styles}


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
    """Every disagreement between the built site and the declared policy, as messages."""
    pages = scan_site(site)
    if not pages:
        return [f"{site}: no HTML pages found (build the site first)"]
    csp = parse_csp(declared_csp(netlify_toml))
    errors: list[str] = []
    for directive, wanted in needed(site).items():
        kind = "script" if directive == "script-src" else "style"
        sources = csp.get(directive, csp.get("default-src", []))
        if "'unsafe-inline'" in sources and not any(HASH_RE.fullmatch(s) for s in sources):
            continue  # everything inline is allowed (never the case for scripts here)
        declared = {s for s in sources if HASH_RE.fullmatch(s)}
        for digest, where in sorted(wanted.items()):
            if digest not in declared:
                shown = ", ".join(where[:5]) + (f" and {len(where) - 5} more" if len(where) > 5 else "")
                errors.append(f"missing in {directive}: {digest} (inline {kind} on {shown})")
        for digest in sorted(declared - wanted.keys()):
            errors.append(f"stale in {directive}: {digest} (no built page has this inline {kind}; remove it)")
    style_sources = csp.get("style-src", csp.get("default-src", []))
    for page, found in pages.items():
        for problem in found.problems:
            if "inline style attribute" in problem and "'unsafe-inline'" in style_sources:
                continue
            errors.append(f"{page}: {problem} cannot be allowed by the CSP; move it to a file")
    return errors


def policy_for(site: Path, netlify_toml: Path = NETLIFY_TOML) -> str:
    """netlify.toml's policy with the hashes in script-src and style-src replaced by exactly those
    `site` needs: the policy a site built by another generator (other inline code) would need."""
    wanted = {directive: sorted(hashes) for directive, hashes in needed(site).items()}
    return policy_for_hashes(" ".join(declared_csp(netlify_toml).split()), wanted)


def policy_for_hashes(policy: str, hashes: dict[str, list[str]]) -> str:
    """`policy` with the sha256 sources of each directive in `hashes` replaced by its list.

    >>> policy_for_hashes("default-src 'self'; script-src 'self' 'sha256-old='; style-src 'self'",
    ...                   {"script-src": ["'sha256-new='"], "style-src": ["'sha256-css='"]})
    "default-src 'self'; script-src 'self' 'sha256-new='; style-src 'self' 'sha256-css='"
    """
    directives = []
    for part in policy.split(";"):
        tokens = part.split()
        if tokens and tokens[0].lower() in hashes:
            tokens = [t for t in tokens if not HASH_RE.fullmatch(t)] + list(hashes[tokens[0].lower()])
        directives.append(" ".join(tokens))
    return "; ".join(d for d in directives if d)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="built site folder (default: site/)")
    parser.add_argument("--check", action="store_true", help="compare with netlify.toml; exit 1 on any difference")
    parser.add_argument("--policy", action="store_true",
                        help="print netlify.toml's policy with the script hashes these pages need")
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
            print("Run `python -m outside_help_build.csp` to list the hashes the built pages need.",
                  file=sys.stderr)
            return 1
        print(f"CSP hashes match the {len(scan_site(site))} built pages.")
        return 0
    if args.policy:
        print(policy_for(site, Path(args.netlify_toml)))
        return 0
    pages = scan_site(site)
    texts = {csp_hash(text): text for found in pages.values() for text in found.scripts + found.styles}
    texts.update({csp_hash(text): text for text in inserted_styles(site)})
    for directive, wanted in needed(site).items():
        print(f"# {directive}: {len(wanted)} inline hash(es)")
        for digest, where in sorted(wanted.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            snippet = " ".join(texts[digest].split())[:70]
            print(f"{digest}  # {len(where)} file(s), e.g. {where[0]}: {snippet}")
    for page, found in pages.items():
        for problem in found.problems:
            print(f"# warning: {page}: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
