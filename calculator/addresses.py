"""Where a memo's links go: the site's address and the pages of its tools, in one place.

The build knows where each tool's page is (the pages holding its markers) and hands it to the
page scripts; they send it with every request that makes a memo (``site_url`` and ``pages``), so
a memo links to the pages as the site has them. The defaults are the site as mkdocs.yml lays it
out, for the command line and for a request that leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import CalculatorError, shown

__all__ = ["DEFAULT_PAGES", "DEFAULT_SITE_URL", "PARAMS", "Address", "check_site_url", "read_address", "read_pages"]

DEFAULT_SITE_URL = "https://outside-help.netlify.app/"  # keep in step with mkdocs.yml site_url
# Each tool's page relative to the site root, and the page address's parameter for its link code
# (share.py reads the calculator's; plan.mjs and providers.mjs the others').
DEFAULT_PAGES = {"calculator": "calculator/", "planner": "plan/", "providers": "compare-providers/"}
PARAMS = {"calculator": "answers", "planner": "plan", "providers": "evaluation"}
_PAGE = re.compile(r"^(?:[A-Za-z0-9._~-]+/)*$")

# A memo's links go only to the site: http(s) with a plain host (no user part), or a path on
# the same site that starts with one '/' ('//host' and '/\\host' go to another site), and only
# characters that cannot end a Markdown link or start markup.
_SITE_URL = re.compile(r"^(https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/!$&*+,;=:@-]*)?"
                       r"|/(?![/\\])[A-Za-z0-9._~%/!$&*+,;=:@-]*)$")


def check_site_url(site_url: Any) -> str:
    """The base address for a memo's links, or an error naming what is accepted.

    >>> check_site_url("https://outside-help.netlify.app/"), check_site_url("/")
    ('https://outside-help.netlify.app/', '/')
    >>> check_site_url("//evil.example/")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: site_url must be an http(s) address such as https://example.org/ or a path on this site starting with a single '/'
    """
    if not isinstance(site_url, str) or len(site_url) > 2000 or not _SITE_URL.match(site_url):
        raise CalculatorError("site_url must be an http(s) address such as https://example.org/ or a path on this "
                              "site starting with a single '/'", kind="bad_request", field="site_url")
    return site_url



def read_pages(pages: Any) -> dict[str, str]:
    """The tools' pages a request names (site-relative folders such as "calculator/"), over the
    defaults; or an error naming what is wrong.

    >>> read_pages({"planner": "tools/plan/"})["planner"], read_pages(None) == DEFAULT_PAGES
    ('tools/plan/', True)
    """
    if pages is None:
        return dict(DEFAULT_PAGES)
    if not isinstance(pages, dict):
        raise CalculatorError("pages must be an object naming the page of calculator, planner or providers",
                              kind="bad_request", field="pages")
    for tool, path in pages.items():
        if tool not in DEFAULT_PAGES:
            raise CalculatorError(f"pages: unknown tool {shown(str(tool))}; the tools are: {', '.join(DEFAULT_PAGES)}",
                                  kind="bad_request", field="pages")
        if not isinstance(path, str) or len(path) > 300 or not _PAGE.match(path):
            raise CalculatorError(f"pages: the {tool}'s page must be a folder of this site such as "
                                  f"{DEFAULT_PAGES[tool]!r}, relative to its root", kind="bad_request", field="pages")
    return {**DEFAULT_PAGES, **pages}


@dataclass(frozen=True)
class Address:
    """The site's address and its tools' pages, for the links a memo holds."""

    site_url: str = DEFAULT_SITE_URL
    pages: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PAGES))

    def link(self, tool: str, code: str) -> str:
        """The address that opens a link code in a tool: "https://…/calculator/?answers=v3…"."""
        return f"{self.site_url.rstrip('/')}/{self.pages[tool]}?{PARAMS[tool]}={code}"


def read_address(request: Mapping[str, Any]) -> Address:
    """A request's ``site_url`` and ``pages``, checked (each with its own error)."""
    return Address(check_site_url(request.get("site_url", DEFAULT_SITE_URL)), read_pages(request.get("pages")))
