"""Our own page assets named by their content, so a browser may keep them for a year.

The theme's files carry a hash in their names (bundle.<8 hex>.min.js) and are cached as
immutable; ours (docs/javascripts: the page scripts, the calculator's client and its worker;
docs/stylesheets) kept plain names, so Netlify served them with its default
`Cache-Control: public, max-age=0, must-revalidate` and a returning reader's browser asked again
for each before using it. The calculator's start is a chain of modules (calculator-start.mjs
imports calculator-client.mjs, which starts calculator-worker.mjs, which imports its helpers), so
on a repeat visit each link of the chain waited one round trip: on a phone's connection (165 ms
of latency in DevTools' Fast 4G), about half a second before Python could even start (issue 23).

After the generator has written the site, `apply` moves each folder's files into a subfolder
named by a digest of all of them (javascripts/<12 hex>/site.mjs): the modules import each other by
relative names, which keep working side by side, and any change to any file is a new folder. It
then points every page's `src` and `href` that names one of those files (from the site's root, or
relative to the page) at the new place, and fails, naming the page, if a page refers to a file of
ours the site does not have. headers.py marks the digest folders immutable. Running it again on a
site it already handled changes nothing (the MkDocs hooks and the build command both call it).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from outside_help_build.errors import BuildError

__all__ = ["DIGEST_FOLDER", "FOLDERS", "FingerprintError", "apply", "digest", "digest_folders", "loose_files"]

# The folders of our own assets, as the generator copies them from docs/ to the site's root.
FOLDERS = ("javascripts", "stylesheets")
# A digest folder's name: the first 12 hex digits of the sha256 (as the wheel's folder is named).
DIGEST_FOLDER = re.compile(r"^[0-9a-f]{12}$")

# A page's link or script address: src="..." or href="...".
_ADDRESS = re.compile(r'(?P<attr>\b(?:src|href)=")(?P<url>[^"]*)"')


class FingerprintError(BuildError):
    """A page refers to an asset of ours that the built site does not have."""


def digest(files: list[Path]) -> str:
    """The digest folder's name for `files` (sorted by name): every name and every byte counts."""
    found = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        found.update(f"{path.name}\0{len(data)}\0".encode("utf-8"))
        found.update(data)
    return found.hexdigest()[:12]


def loose_files(base: Path) -> list[Path]:
    """The files directly in the folder `base` (none if it is not one), in the order `digest` reads
    them: what a digest folder is named after (bench/_site.py checks a built site against docs/)."""
    return sorted(p for p in base.iterdir() if p.is_file()) if base.is_dir() else []


def digest_folders(site: Path) -> dict[str, str]:
    """{folder: its digest subfolder's name} for each of FOLDERS that `apply` has handled."""
    found = {}
    for folder in FOLDERS:
        base = Path(site) / folder
        children = base.iterdir() if base.is_dir() else ()
        names = sorted(p.name for p in children if p.is_dir() and DIGEST_FOLDER.match(p.name))
        if len(names) > 1:
            raise FingerprintError(f"{base} holds {len(names)} digest folders ({', '.join(names)}); "
                                   "apply() leaves one: was the site changed after the build?")
        if names:
            found[folder] = names[0]
    return found


def apply(site: Path) -> dict[str, str]:
    """Move each folder's files into its digest folder and point the pages at them; return
    {folder: digest folder}. A site already handled is left as it is."""
    site = Path(site)
    for folder in FOLDERS:
        base = site / folder
        loose = loose_files(base)
        if not loose:
            continue
        # Loose files are the generator's fresh copy: a digest folder beside them is from an
        # earlier build into the same folder (`mkdocs serve` rebuilding), so it goes.
        for stale in base.iterdir():
            if stale.is_dir() and DIGEST_FOLDER.match(stale.name):
                shutil.rmtree(stale)
        target = base / digest(loose)
        target.mkdir()
        for path in loose:
            path.rename(target / path.name)
    moved = digest_folders(site)
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        changed = _ADDRESS.sub(lambda m: _pointed(m, site, moved, page), text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    return moved


def _pointed(match: re.Match, site: Path, moved: dict[str, str], page: Path) -> str:
    """The address in `match`, pointed into its folder's digest folder when it names a file of
    one of FOLDERS (written from the site's root, or relative to the page: "./", "../", none);
    any other address as it is."""
    url = match["url"]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return match.group(0)
    if parts.path.startswith("/"):
        target = parts.path.lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), parts.path))
    folder, slash, name = target.partition("/")
    if folder not in FOLDERS or not slash or "/" in name:
        return match.group(0)
    into = moved.get(folder)
    if into is None or not (site / folder / into / name).is_file():
        raise FingerprintError(
            f"{page.relative_to(site).as_posix()} refers to {folder}/{name}, which the site does not have "
            f"(is it in docs/{folder}/?)")
    cut = parts.path.rindex("/")
    path = f"{parts.path[:cut]}/{into}{parts.path[cut:]}"
    return f'{match["attr"]}{urlunsplit(parts._replace(path=path))}"'
