"""A built site handed to a benchmark (`--site`) must be this checkout's build.

The site benchmarks measure `--site` as "after: this checkout". A site built earlier, or from a
stash or another branch, would be measured under that name without a word (a load benchmark once
compared the baseline with itself that way: `site/` still held a build of the old worker). Our
own scripts and stylesheets are published in folders named by a digest of their files
(build/outside_help_build/fingerprint.py), so the check is cheap: the site's digest folders must
be the digests of docs/javascripts and docs/stylesheets as they are now.

Not a benchmark itself (bench/run.py skips modules whose names start with "_").
"""

from __future__ import annotations

from pathlib import Path

from outside_help_build import fingerprint

ROOT = Path(__file__).resolve().parent.parent


def check_built_from_checkout(site: Path, docs: Path = ROOT / "docs") -> None:
    """Stop the benchmark, naming the folders, if `site` was not built from `docs` as it is now."""
    try:
        built = fingerprint.digest_folders(site)
    except fingerprint.FingerprintError as error:
        raise SystemExit(f"error: --site {site}: {error}") from None
    for folder in fingerprint.FOLDERS:
        expected = fingerprint.digest(fingerprint.loose_files(docs / folder))
        if built.get(folder) != expected:
            found = built.get(folder, "no digest folder")
            raise SystemExit(
                f"error: --site {site} was not built from this checkout: its {folder} are "
                f"{found}, this checkout's {expected} (build it again, or leave --site out "
                f"and the benchmark builds the checkout itself)")
