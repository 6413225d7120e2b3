"""bench/_site.py: a site given to a benchmark with --site must be this checkout's build, or the
benchmark stops and says so (a stale `site/` was once measured as "after")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench._site import ROOT, check_built_from_checkout
from outside_help_build import fingerprint


def digest_of(folder: str) -> str:
    return fingerprint.digest(fingerprint.loose_files(ROOT / "docs" / folder))


def fake_site(tmp_path: Path, **names: str) -> Path:
    """A site holding only the digest folders: {folder: name}."""
    for folder, name in names.items():
        (tmp_path / folder / name).mkdir(parents=True)
    return tmp_path


def test_a_site_built_from_the_checkout_passes(tmp_path):
    site = fake_site(tmp_path, javascripts=digest_of("javascripts"), stylesheets=digest_of("stylesheets"))
    check_built_from_checkout(site)


def test_a_site_built_from_other_scripts_is_named(tmp_path):
    site = fake_site(tmp_path, javascripts="0123456789ab", stylesheets=digest_of("stylesheets"))
    with pytest.raises(SystemExit, match=rf"was not built from this checkout: its javascripts are 0123456789ab, "
                                         rf"this checkout's {digest_of('javascripts')}"):
        check_built_from_checkout(site)


def test_a_folder_that_is_not_a_built_site_is_named(tmp_path):
    with pytest.raises(SystemExit, match="its javascripts are no digest folder"):
        check_built_from_checkout(tmp_path)


def test_a_site_with_two_digest_folders_is_named(tmp_path):
    site = fake_site(tmp_path, javascripts="0123456789ab")
    (site / "javascripts" / "ba9876543210").mkdir()
    with pytest.raises(SystemExit, match="holds 2 digest folders"):
        check_built_from_checkout(site)
