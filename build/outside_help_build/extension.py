"""The Python-Markdown extension that puts the calculator and the model card into the pages.

Registered under `markdown_extensions` in mkdocs.yml, so MkDocs, ProperDocs and Zensical all run
it (Zensical ignores `hooks:`, but runs Python-Markdown extensions):

    markdown_extensions:
      - outside_help_build.extension:
          site_url: *site_url     # links are root-relative, built from site_url's path
          docs_dir: docs          # the Markdown sources, relative to the checkout's root

A preprocessor replaces each marker line (`<!-- outside-help: KIND [CODE] -->`, read by
sources.py) with the HTML its kind's module makes (markers/), kept in Python-Markdown's
htmlStash so nothing parses or changes it afterwards.

Preprocessors run from the highest priority down. This one (22) runs before Python-Markdown's
`html_block` (20), which would otherwise take the marker for an HTML comment, and after
markdown-include (101) and the fenced-code preprocessors (25), so included blocks are seen and
a marker shown in fenced code is left alone. The calculator's headings sit one
level below the last Markdown heading before the marker (h2 when there is none). An unknown or
malformed marker fails the build naming its line.

Links are root-relative (/how-to-choose/#who-directs), built from the path of site_url, because
a Markdown extension is not told the page's URL by every generator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from outside_help_build import content, markers, sources

# Python-Markdown's html_block preprocessor is registered at 20 (markdown/preprocessors.py).
PRIORITY = 22


class CalculatorExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "site_url": ["", "mkdocs.yml's site_url: its path starts every link the HTML holds"],
            "docs_dir": ["docs", "the docs' Markdown sources, relative to the checkout's root"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(MarkerPreprocessor(md, self.getConfigs()), "outside_help_markers", PRIORITY)


class MarkerPreprocessor(Preprocessor):
    """Replaces marker lines with the calculator's or the model card's HTML."""

    def __init__(self, md: Markdown, config: dict[str, str]) -> None:
        super().__init__(md)
        self.site_url = config["site_url"]
        self.docs_dir = Path(config["docs_dir"])

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        level = 1                     # the last heading's level so far (1: none but the title)
        count = 0
        for number, line in enumerate(lines, 1):
            marker = sources.find_marker(line, number)
            if marker is None:
                level = sources.heading_level(line) or level
                out.append(line)
                continue
            # Gathered on the first marker of the process, not before: pages without a marker,
            # and MkDocs' check of the config, never build the wheel.
            data = content.load(Path.cwd(), self.docs_dir, self.site_url)
            count += 1
            html = markers.render(data, marker, level + 1, f"ohc{count}")
            out += ["", self.md.htmlStash.store(html), ""]
        return out


def makeExtension(**kwargs: Any) -> CalculatorExtension:   # noqa: N802 (Python-Markdown's name)
    return CalculatorExtension(**kwargs)
