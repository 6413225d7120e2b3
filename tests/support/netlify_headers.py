"""The response headers a site's `_headers` file (or a netlify.toml) declares for a path,
matched the way Netlify matches them.

One job: let the test server (server.py, next to this file) serve the built site with exactly
the headers Netlify would send, so the browser tests run under the real Content-Security-Policy.
The build writes them into the site's `_headers` (build/outside_help_build/headers.py); a
netlify.toml's `[[headers]]` blocks are read the same way.

Rules (https://docs.netlify.com/routing/headers/): every rule whose path pattern matches the path
contributes its headers; when several set the same header, the values are joined with ", "
(Netlify merges them the same way). Patterns are exact paths, or contain `*` (matches any run of
characters, `/` included) and `:placeholder` path segments. A missing file means no extra headers.

    python -m tests.support.netlify_headers SITE_DIR/_headers /calculator/   # that path's headers
"""

from __future__ import annotations

import re
import sys
import tomllib
from functools import lru_cache
from pathlib import Path

from outside_help_build import headers

ROOT = Path(__file__).resolve().parents[2]
HEADERS = ROOT / "site" / headers.FILE_NAME


def _pattern(for_: str) -> re.Pattern[str]:
    parts = []
    for token in re.split(r"(\*|:[A-Za-z_][A-Za-z0-9_]*)", for_):
        if token == "*":
            parts.append(".*")
        elif token.startswith(":") and len(token) > 1:
            parts.append("[^/]+")
        else:
            parts.append(re.escape(token))
    return re.compile("".join(parts) + r"\Z")


def _normalise(value) -> str:
    # Multi-line values (a CSP written over several lines) are sent as one line.
    return " ".join(str(value).split())


@lru_cache(maxsize=8)
def _rules(path: str, mtime_ns: int) -> tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...]:
    text = Path(path).read_text(encoding="utf-8")
    if not path.endswith(".toml"):
        return tuple((_pattern(for_), tuple((k, _normalise(v)) for k, v in values.items()))
                     for for_, values in headers.parse(text))
    data = tomllib.loads(text)
    rules = []
    for block in data.get("headers", []):
        for_ = block.get("for")
        values = block.get("values", {})
        if not isinstance(for_, str) or not isinstance(values, dict):
            raise ValueError(f"{path}: every [[headers]] block needs `for` and `values`")
        rules.append((_pattern(for_), tuple((k, _normalise(v)) for k, v in values.items())))
    return tuple(rules)


def load_rules(source: Path = HEADERS):
    source = Path(source)
    if not source.is_file():
        return ()
    return _rules(str(source), source.stat().st_mtime_ns)


def headers_for(url_path: str, source: Path = HEADERS) -> dict[str, str]:
    """Headers for `url_path` (the path part of a URL, starting with /)."""
    path = url_path.split("?", 1)[0].split("#", 1)[0] or "/"
    merged: dict[str, str] = {}
    names: dict[str, str] = {}   # header names are case-insensitive; keep the first spelling
    for pattern, values in load_rules(source):
        if not pattern.match(path):
            continue
        for name, value in values:
            key = names.setdefault(name.lower(), name)
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


if __name__ == "__main__":
    for arg in sys.argv[2:] or ["/"]:
        print(arg)
        for name, value in headers_for(arg, Path(sys.argv[1])).items():
            print(f"  {name}: {value}")
