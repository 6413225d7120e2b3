"""Serve a built site on loopback the way Netlify would: MIME types, headers, redirects, 404.

Used by the browser tests and the benchmark. Headers come from the site's own `_headers` (which
the build generates for its pages) through netlify_headers.py (a missing file means no extra
headers), so the pages run under the real Content-Security-Policy, or under a policy given in its
place (`csp=`); redirects come from netlify.toml. A file no rule caches gets Netlify's default
Cache-Control, so browsers ask again for it as they would there. `.mjs` is served as
text/javascript and `.wasm` as application/wasm even without headers: with a wrong type Pyodide
hangs silently.

    python -m tests.support.server SITE_DIR [PORT]
"""

from __future__ import annotations

import sys
import threading
import tomllib
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.support import netlify_headers

ROOT = Path(__file__).resolve().parents[2]
NETLIFY_TOML = ROOT / "netlify.toml"

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".css": "text/css",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
}



def load_redirects(netlify_toml: Path = NETLIFY_TOML) -> dict[str, tuple[str, int]]:
    """Exact-path redirects from netlify.toml: {from: (to, status)}."""
    if not netlify_toml.is_file():
        return {}
    data = tomllib.loads(netlify_toml.read_text(encoding="utf-8"))
    return {
        r["from"]: (r["to"], int(r.get("status", 301)))
        for r in data.get("redirects", [])
        if "*" not in r["from"] and ":" not in r["from"]
    }


# What Netlify sends for a file no rule gives a Cache-Control (headers.toml, [cache]): the browser
# asks again (a conditional request) before each use. Sent here too, so that a repeat visit in the
# tests and the benchmark asks again for what it would ask again for on Netlify; without it,
# Chromium reuses a file unasked for a while, by its age since Last-Modified.
NETLIFY_DEFAULT_CACHE = "public, max-age=0, must-revalidate"


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    headers_file = Path("_headers")
    redirects: dict[str, tuple[str, int]] = {}
    csp: str | None = None      # sent instead of the site's Content-Security-Policy

    def log_message(self, format, *args):   # quiet: the tests report what matters
        pass

    def end_headers(self):
        path = urlsplit(self.path).path
        declared = netlify_headers.headers_for(path, self.headers_file)
        for name, value in declared.items():
            if name.lower() == "content-type":
                continue   # sent by send_head (guess_type below uses the same value)
            if name.lower() == "content-security-policy" and self.csp is not None:
                value = self.csp
            self.send_header(name, value)
        if not any(name.lower() == "cache-control" for name in declared):
            self.send_header("Cache-Control", NETLIFY_DEFAULT_CACHE)
        super().end_headers()

    def guess_type(self, path):
        declared = netlify_headers.headers_for(urlsplit(self.path).path, self.headers_file)
        for name, value in declared.items():
            if name.lower() == "content-type":
                return value
        return super().guess_type(path)

    def _serves(self, local: Path) -> bool:
        """Whether Netlify has content here: a file, or a folder with an index.html.

        A folder without index.html counts as missing, as on Netlify: a redirect for the path
        applies, and otherwise the 404 page is served (never a folder listing).
        """
        return local.is_file() or (local.is_dir() and (local / "index.html").is_file())

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path in self.redirects and not self._serves(Path(self.translate_path(self.path))):
            target, status = self.redirects[parts.path]
            self.send_response(status)
            self.send_header("Location", target + (f"?{parts.query}" if parts.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        local = Path(self.translate_path(self.path))
        if not self._serves(local) and (Path(self.directory) / "404.html").is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """Report a handler's error, except a reader gone: a browser that closes a page (a test
        ending, a retry) while a file is still being sent breaks the pipe, which is no fault."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """A threaded static server for `site_dir` on 127.0.0.1 and a free port, with the headers of
    the site's `_headers` and the redirects of netlify.toml; `csp`, if given, replaces the
    site's Content-Security-Policy; `handler`, a SiteHandler subclass, serves in its place (the
    load benchmark's compresses responses as a CDN does)."""

    def __init__(self, site_dir: Path, port: int = 0, netlify_toml: Path = NETLIFY_TOML,
                 csp: str | None = None, handler: type[SiteHandler] = SiteHandler):
        handler = type("Handler", (handler,), {
            "headers_file": Path(site_dir) / netlify_headers.headers.FILE_NAME,
            "redirects": load_redirects(Path(netlify_toml)),
            "csp": csp,
        })
        self.httpd = _Server(("127.0.0.1", port), partial(handler, directory=str(site_dir)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8001
    with SiteServer(site, port) as server:
        print(f"Serving {site} on {server.url} (Ctrl-C to stop)")
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass
