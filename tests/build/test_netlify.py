"""netlify.toml and the headers the build generates (site/_headers), proven against the built
sites (MkDocs and Zensical) and against Netlify's own build.

- The build section runs the project's own build (`make build`) and publishes what it writes;
  netlify.toml sets no header (the build writes them all into the site's `_headers`).
- Every page gets the Content-Security-Policy and the other security headers, with the required
  directives and nothing loose; the policy's inline-script and style hashes match the built pages
  exactly (outside_help_build.csp scans them independently of headers.py), for each generator.
- Caching: only URLs whose bytes can never change are immutable, never an HTML page; no two
  rules set the same header on one path (Netlify may join them with ", ").
- `.wasm` and `.mjs` get the MIME types Pyodide and module workers need.
- Every redirect lands on a built page and no built file shadows it; 404.html exists.
- `netlify build --offline` (the pinned netlify-cli, on the pinned Node 22) runs the real build.

Paths are matched with a port of Netlify's own `for` matching (@netlify/headers-parser), not with
the test server's, so the two are checked against each other too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from outside_help_build import csp, fingerprint, headers, paths
from outside_help_build.digest import sha256_file
from tests.support import netlify_headers  # the test server's matcher

ROOT = Path(__file__).resolve().parents[2]

NETLIFY_TOML = ROOT / "netlify.toml"
CONFIG = tomllib.loads(NETLIFY_TOML.read_text(encoding="utf-8"))
IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = {
    "content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy",
    "x-frame-options", "cross-origin-opener-policy", "cross-origin-resource-policy",
}


# ---------------------------------------------------------------------------------------------
# Netlify's path matching (port of @netlify/headers-parser's getForRegExp)
# ---------------------------------------------------------------------------------------------

def netlify_for_regexp(for_path: str) -> re.Pattern[str]:
    """`for` pattern -> regex, exactly as Netlify builds it.

    >>> bool(netlify_for_regexp("/*").match("/")), bool(netlify_for_regexp("/*.wasm").match("/a/b.wasm"))
    (True, True)
    >>> bool(netlify_for_regexp("/pyodide/*").match("/pyodide"))   # the bare folder too
    True
    >>> bool(netlify_for_regexp("/pyodide/*").match("/pyodidex/a"))  # Netlify's quirk: `/?`
    True
    """
    def part(p: str) -> str:
        if p.startswith(":"):
            return "([^/]+)"
        if p == "*":
            return "?(.*)"
        if "*" in p:
            return p.replace("*", "(.*)")
        return re.escape(p)

    parts = [p.rstrip() for p in for_path.split("/") if p.rstrip()]
    return re.compile("^/" + "/".join(part(p) for p in parts) + "/?$", re.IGNORECASE)


# The builds whose generated headers are checked: the default and the one a switch would deploy.
GENERATED = ("mkdocs", "zensical")


@pytest.fixture(scope="module", params=GENERATED)
def site(request, build_site) -> Path:
    """Each generator's built site, with the `_headers` its build wrote."""
    return build_site(request.param)


def header_rules(site: Path) -> list[tuple[str, re.Pattern[str], dict[str, str]]]:
    path = site / headers.FILE_NAME
    assert path.is_file(), f"the build wrote no {path}"
    return [(for_, netlify_for_regexp(for_), values)
            for for_, values in headers.parse(path.read_text(encoding="utf-8"))]


def matching(site: Path, url_path: str) -> list[tuple[str, dict[str, str]]]:
    return [(f, values) for f, rx, values in header_rules(site) if rx.match(url_path)]


def effective(site: Path, url_path: str) -> dict[str, str]:
    """Headers for a path (names lower-cased); overlapping names are a failure elsewhere."""
    out: dict[str, str] = {}
    for _, values in matching(site, url_path):
        for name, value in values.items():
            out[name.lower()] = " ".join(value.split())
    return out


def site_urls(site: Path) -> dict[str, Path]:
    """URL path -> file, for every file of the built site (pages also by their folder URL)."""
    urls: dict[str, Path] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        urls["/" + rel] = path
        if path.name == "index.html":
            urls["/" + rel.removesuffix("index.html")] = path
    return urls


def the_csp(site: Path) -> dict[str, list[str]]:
    return csp.parse_csp(csp.declared_csp(site))


# ---------------------------------------------------------------------------------------------
# [build]
# ---------------------------------------------------------------------------------------------

def test_build_runs_the_makefile_build_and_publishes_its_output():
    build = CONFIG["build"]
    assert build["command"] == "make build"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build:[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.M)
    assert recipe and "-m outside_help_build build --generator $(GENERATOR)" in recipe.group(1), \
        "`make build` no longer runs the build command"
    assert re.search(r"^GENERATOR \?= mkdocs$", makefile, re.M), "MkDocs is the default generator"
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_dir = re.search(r"^site_dir:\s*(\S+)", mkdocs_yml, re.M)
    assert build["publish"] == (site_dir.group(1) if site_dir else "site")


def test_build_environment_pins_versions():
    env = CONFIG["build"]["environment"]
    python = tuple(int(x) for x in env["PYTHON_VERSION"].split("."))
    assert python >= (3, 12), "pyodide-build and pyodide-lock need Python >= 3.12"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.12"
    engines = json.loads((ROOT / "node_modules" / "netlify-cli" / "package.json").read_text())["engines"]["node"]
    minimum = int(re.search(r"\d+", engines).group())
    assert int(env["NODE_VERSION"].split(".")[0]) >= minimum, f"netlify-cli needs Node {engines}"
    assert env["NO_MKDOCS_2_WARNING"] == "1"


def test_netlify_toml_sets_no_headers():
    """Every header comes from the build's `_headers`: one set in netlify.toml would be merged
    with it (a second CSP joined with ", " is a second policy)."""
    assert "headers" not in CONFIG


# ---------------------------------------------------------------------------------------------
# Security headers (generated into each build's _headers)
# ---------------------------------------------------------------------------------------------

@pytest.mark.site
def test_the_headers_file_is_what_the_build_generates_for_its_pages(site):
    written = (site / headers.FILE_NAME).read_text(encoding="utf-8")
    assert written == headers.render(headers.rules(site)), "site/_headers is stale or hand-edited"
    assert written.startswith("# Generated by the build")


@pytest.mark.site
def test_every_path_gets_the_security_headers(site):
    for path in ("/", "/calculator/", "/models/bpo/", "/404.html", "/pyodide/x/pyodide.asm.wasm",
                 "/javascripts/0123456789ab/calculator-worker.mjs", "/assets/javascripts/bundle.0.min.js"):
        found = effective(site, path)
        missing = SECURITY_HEADERS - found.keys()
        assert not missing, f"{path} lacks {missing}"


@pytest.mark.site
def test_only_the_catch_all_rule_sets_security_headers(site):
    for for_, _, values in header_rules(site):
        if for_ != "/*":
            assert not SECURITY_HEADERS & {k.lower() for k in values}, f"{for_} sets a security header"


@pytest.mark.site
def test_csp_required_directives(site):
    policy = the_csp(site)
    assert policy["default-src"] == ["'self'"]
    script = policy["script-src"]
    assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(csp.HASH_RE.fullmatch(s) for s in script[2:]), "script-src: only 'self', wasm and hashes"
    assert len(script) > 2, "the theme's inline scripts are allowed by hash"
    assert policy["worker-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert all(csp.HASH_RE.fullmatch(s) for s in policy["style-src"][1:]), "style-src: only 'self' and hashes"
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.site
def test_csp_allows_nothing_loose(site):
    raw = csp.declared_csp(site)
    assert "," not in raw, "a comma in a CSP header starts a second policy"
    assert "\n" not in raw
    for directive, sources in the_csp(site).items():
        for source in sources:
            assert source not in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "blob:",
                                  "http:", "https:", "'strict-dynamic'"), f"{directive} allows {source}"
            assert "://" not in source and not source.startswith("*."), f"{directive} names another origin"


@pytest.mark.site
def test_other_security_headers(site):
    found = effective(site, "/")
    assert found["x-content-type-options"] == "nosniff"
    assert found["referrer-policy"] in ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
    assert found["x-frame-options"] == "DENY"
    assert found["cross-origin-opener-policy"] == "same-origin"
    assert found["cross-origin-resource-policy"] == "same-origin"
    features = dict(item.strip().split("=", 1) for item in found["permissions-policy"].split(","))
    assert len(features) >= 15
    for feature, allow in features.items():
        expected = "(self)" if feature == "clipboard-write" else "()"   # "Copy link" / "Copy summary"
        assert allow == expected, f"Permissions-Policy {feature}={allow}"


# ---------------------------------------------------------------------------------------------
# The declared policy against the built pages
# ---------------------------------------------------------------------------------------------

@pytest.mark.site
def test_csp_hashes_match_the_built_pages(site):
    """Every inline script and <style> of every page (and every style a script inserts) is
    allowed by its hash, and no hash is left over, for each generator's pages."""
    errors = csp.check(site)
    assert not errors, "the generated CSP and the built pages disagree:\n" + "\n".join(errors)
    assert csp.needed(site)["script-src"], "the pages have inline scripts: the check saw them"


@pytest.mark.site
def test_each_generator_gets_the_hashes_of_its_own_pages(build_site):
    """Zensical's pages run other inline scripts (and a style its search dialog inserts) than
    Material's: each build's policy carries its own, so a switch needs no edit."""
    mkdocs, zensical = (csp.parse_csp(csp.declared_csp(build_site(g))) for g in GENERATED)
    assert set(mkdocs["script-src"]) != set(zensical["script-src"])
    assert len(zensical["style-src"]) > 1, "Zensical's inserted <style> is allowed by its hash"


def test_csp_check_catches_drift(tmp_path):
    """The check itself: a new inline script, a removed one, an inline handler are all caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<script>new()</script><script type="application/json">{}</script><button onclick="x()">b</button>',
        encoding="utf-8",
    )
    errors = csp.check(tmp_path, "default-src 'self'; script-src 'self' 'sha256-stale='; style-src 'self'")
    assert any(e.startswith("missing in script-src: " + csp.csp_hash("new()")) and "a/index.html" in e for e in errors)
    assert any(e.startswith("stale in script-src") for e in errors)
    assert any("a/index.html: <button onclick=...>" in e for e in errors)
    assert not any(csp.csp_hash("{}") in e for e in errors), "a JSON data block needs no hash"


# ---------------------------------------------------------------------------------------------
# Caching and MIME types
# ---------------------------------------------------------------------------------------------

@pytest.mark.site
def test_no_two_rules_set_the_same_header_on_one_path(site):
    for url in site_urls(site):
        seen: dict[str, str] = {}
        for for_, values in matching(site, url):
            for name in values:
                assert name.lower() not in seen, (
                    f"{url}: {name} is set by both {seen[name.lower()]!r} and {for_!r}; "
                    "Netlify may join the two values with ', '"
                )
                seen[name.lower()] = for_


@pytest.mark.site
def test_html_is_never_immutable(site):
    for url, path in site_urls(site).items():
        if path.suffix == ".html":
            assert "cache-control" not in effective(site, url), (
                f"{url} would not get Netlify's default `public, max-age=0, must-revalidate`"
            )


def _pyodide_file_is_versioned_or_hashed(site: Path, path: Path) -> str | None:
    """None if the file's URL changes whenever its bytes can; else why not."""
    rel = path.relative_to(site / "pyodide")
    version = json.loads((paths.npm_pyodide(ROOT) / "package.json").read_text())["version"]
    if rel.parts[0] != version:
        return f"is not under the installed Pyodide version's folder ({version})"
    if len(rel.parts) == 2:
        npm_copy = paths.npm_pyodide(ROOT) / rel.name
        if npm_copy.is_file() and npm_copy.read_bytes() == path.read_bytes():
            return None   # the npm package's file for this version
        named = re.search(r"-([0-9a-f]{8,64})\.[a-z.]+$", rel.name)
        if named and sha256_file(path).startswith(named.group(1)):
            return None   # its name carries its own content hash
        return "differs from node_modules/pyodide and has no content hash in its name"
    folder = re.fullmatch(r"calculator-([0-9a-f]{8,64})", rel.parts[1])
    if len(rel.parts) == 3 and folder:
        wheels = list(path.parent.glob("*.whl"))
        if len(wheels) == 1 and sha256_file(wheels[0]).startswith(folder.group(1)):
            return None   # the wheel, and a lockfile derived from it and this Pyodide version
        return "sits in a calculator-<hash> folder whose hash is not its wheel's sha256"
    return "is in an unexpected place"


def _our_asset_is_in_its_digest_folder(site: Path, path: Path) -> str | None:
    """None if the file is one of docs/<folder>/ as it is, in the folder named by the digest of
    them all (build/outside_help_build/fingerprint.py); else why not."""
    rel = path.relative_to(site)
    if len(rel.parts) != 3 or not fingerprint.DIGEST_FOLDER.match(rel.parts[1]):
        return "is not in a digest folder"
    source = ROOT / "docs" / rel.parts[0]
    files = sorted(path.parent.iterdir())
    if [f.name for f in files] != sorted(p.name for p in source.iterdir() if p.is_file()):
        return f"sits in a folder that does not hold exactly the files of docs/{rel.parts[0]}/"
    if path.read_bytes() != (source / path.name).read_bytes():
        return f"differs from docs/{rel.parts[0]}/{path.name}"
    if fingerprint.digest(files) != rel.parts[1]:
        return "sits in a folder whose name is not the digest of its files"
    return None


@pytest.mark.site
def test_immutable_only_where_the_url_changes_with_the_bytes(site):
    immutable = {url: p for url, p in site_urls(site).items() if effective(site, url).get("cache-control") == IMMUTABLE}
    problems = []
    for url, path in immutable.items():
        if url.startswith("/pyodide/"):
            why = _pyodide_file_is_versioned_or_hashed(site, path)
            if why:
                problems.append(f"{url} {why}")
        elif url.startswith("/assets/"):
            if not re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", url):
                problems.append(f"{url} has no content hash in its name")
        elif url.split("/")[1] in fingerprint.FOLDERS:
            why = _our_asset_is_in_its_digest_folder(site, path)
            if why:
                problems.append(f"{url} {why}")
        else:
            problems.append(f"{url} is immutable but no rule for its kind of file was expected")
    assert not problems, "files cached for a year that could change under the same URL:\n" + "\n".join(problems)


@pytest.mark.site
def test_fingerprinted_and_runtime_files_are_immutable(site):
    urls = site_urls(site)
    expected = [
        r"^/assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$",
        r"^/assets/stylesheets/([a-z]+/)?main\.[0-9a-f]{8}\.min\.css$",   # Zensical: modern/
        r"^/pyodide/[^/]+/pyodide\.asm\.wasm$",
        r"^/pyodide/[^/]+/pyodide\.mjs$",
        r"^/pyodide/[^/]+/calculator-[0-9a-f]+/.*\.whl$",
        r"^/pyodide/[^/]+/calculator-[0-9a-f]+/pyodide-lock\.json$",
        r"^/javascripts/[0-9a-f]{12}/calculator-worker\.mjs$",
        r"^/javascripts/[0-9a-f]{12}/site\.mjs$",
        r"^/stylesheets/[0-9a-f]{12}/calculator\.css$",
    ]
    for pattern in expected:
        found = [u for u in urls if re.search(pattern, u)]
        assert found, f"no built file matches {pattern} (renamed? see headers.toml's [cache])"
        for url in found:
            assert effective(site, url).get("cache-control") == IMMUTABLE, f"{url} is not cached as immutable"
    for url in urls:
        if re.search(r"^/assets/.*\.[0-9a-f]{8}\.min\.(js|css)$", url):
            assert effective(site, url).get("cache-control") == IMMUTABLE, f"{url} is fingerprinted but not immutable"
        if re.search(r"^/(javascripts|stylesheets)/[^/]+$|search_index\.json$|search\.json$|sitemap\.xml|\.map$|/lunr/|_headers$", url):
            assert "cache-control" not in effective(site, url), f"{url} has no version in its URL: must revalidate"


@pytest.mark.site
def test_mime_types_for_wasm_and_modules(site):
    urls = site_urls(site)
    assert any(u.endswith(".wasm") for u in urls) and any(u.endswith(".mjs") for u in urls)
    for url in urls:
        if url.endswith(".wasm"):
            assert effective(site, url).get("content-type") == "application/wasm", url
        elif url.endswith(".mjs"):
            assert effective(site, url).get("content-type") == "text/javascript", url
        else:
            assert "content-type" not in effective(site, url), f"{url}: only .wasm and .mjs types are set"


@pytest.mark.site
def test_test_server_matches_netlify(site):
    """The browser tests' server (tests/support/netlify_headers.py) sends what Netlify would."""
    for url in site_urls(site):
        ours = {k.lower(): v for k, v in netlify_headers.headers_for(url, site / headers.FILE_NAME).items()}
        assert ours == effective(site, url), url


# ---------------------------------------------------------------------------------------------
# Redirects and the 404 page
# ---------------------------------------------------------------------------------------------

def test_redirects_are_permanent_and_not_forced():
    redirects = CONFIG.get("redirects", [])
    assert redirects
    for rule in redirects:
        assert rule["from"].startswith("/") and rule["to"].startswith("/"), rule
        assert rule.get("status") == 301, rule
        assert not rule.get("force", False), rule
        assert "*" not in rule["from"] and ":" not in rule["from"], "no catch-all: unknown paths get 404.html"


@pytest.mark.site
def test_redirect_targets_exist_and_sources_are_free(built_site):
    for rule in CONFIG.get("redirects", []):
        target = built_site / rule["to"].lstrip("/").split("#")[0]
        assert (target / "index.html").is_file() or target.is_file(), f"{rule['from']} -> {rule['to']}: not a built page"
        source = built_site / rule["from"].lstrip("/")
        assert not source.is_file() and not (source / "index.html").is_file(), (
            f"{rule['from']} is a built page: the redirect would never apply"
        )


@pytest.mark.site
def test_404_page_is_built_with_absolute_links(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a [^>]*href="([^"#]+)"', page)
    relative = [h for h in hrefs if not h.startswith(("/", "http"))]
    assert not relative, f"404.html is served at any depth; relative links break there: {relative}"


# ---------------------------------------------------------------------------------------------
# netlify build --offline
# ---------------------------------------------------------------------------------------------

NODE = Path(paths.node(ROOT))   # the npm-pinned Node 22 (a bare "node" fails the check below)
NETLIFY_CLI = ROOT / "node_modules" / "netlify-cli" / "bin" / "run.js"
# Generated or per-checkout entries the build workspace must not share with this checkout.
NOT_LINKED = {"site", ".netlify", ".git", ".cache", ".pytest_cache", ".hypothesis", "dist"}


@pytest.mark.site
def test_netlify_build_offline_runs_the_real_build(tmp_path):
    """`netlify build --offline` with the pinned netlify-cli and Node 22 (npm package `node`).

    Slow (a full build, ~15 s to a few minutes). It runs in a workspace of symlinks to this
    checkout, so Netlify's `site/` and `.netlify/` land in a temp folder and never replace this
    checkout's site/. Netlify's resolved config (.netlify/netlify.toml) must hold our redirects
    unchanged, the site it built must hold the generated `_headers`, and its CSP must match.
    """
    if not NODE.exists() or not NETLIFY_CLI.exists():
        pytest.fail("node_modules lacks netlify-cli or node 22: run `make setup` (npm ci)")
    # With a stale stamp `make build` would run `npm ci`, replacing node_modules under the
    # running netlify-cli: insist it is current, as `make test` leaves it. (A stale Python stamp
    # is fine: `make build` then reinstalls requirements.lock, as a Netlify deploy does.)
    stale = subprocess.run(["make", "-q", "node_modules/.package-lock.json"], cwd=ROOT)
    if stale.returncode != 0:
        pytest.fail("node_modules is not installed as package-lock.json says: run `make setup` first")
    node_version = subprocess.run([str(NODE), "--version"], capture_output=True, text=True).stdout.strip()
    assert int(node_version.lstrip("v").split(".")[0]) >= 22, node_version

    work = tmp_path / "checkout"
    work.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in NOT_LINKED:
            (work / entry.name).symlink_to(entry)
    env = {**os.environ, "PATH": f"{NODE.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "NETLIFY_TELEMETRY_DISABLED": "1", "LC_ALL": "C.UTF-8"}
    result = subprocess.run(
        [str(NODE), str(NETLIFY_CLI), "build", "--offline"],
        cwd=work, env=env, capture_output=True, text=True, timeout=1500,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"netlify build --offline failed (exit {result.returncode}):\n{log[-6000:]}"
    assert "$ make build" in log and "Netlify Build Complete" in log, log[-3000:]
    assert (work / "site" / "index.html").is_file()

    resolved = tomllib.loads((work / ".netlify" / "netlify.toml").read_text(encoding="utf-8"))
    assert resolved["build"]["command"] == "make build"
    assert Path(resolved["build"]["publish"]) == work / "site"
    generated = headers.parse((work / "site" / headers.FILE_NAME).read_text(encoding="utf-8"))
    theirs = [(r["for"], r["values"]) for r in resolved.get("headers", [])]
    assert not theirs or theirs == generated, "Netlify parsed the headers differently from _headers"
    assert [(r["from"], r["to"], r["status"]) for r in resolved["redirects"]] == \
        [(r["from"], r["to"], r["status"]) for r in CONFIG["redirects"]]
    assert csp.check(work / "site") == []
    shutil.rmtree(work / "site", ignore_errors=True)
