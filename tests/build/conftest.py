"""Fixtures of the build tests: the built sites (tests/support/sites.py)."""

from tests.support.sites import build_site, built_site, each_site  # noqa: F401 (fixtures)
