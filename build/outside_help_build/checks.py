"""The build's inputs, checked before anything is built: each mistake becomes one line naming it.

- every marker in the docs is one the build knows (sources.py), and one page at most holds
  the calculator's own page (`<!-- outside-help: calculator page -->`, which the inline ones link to);
- every shared block a page includes ({!path!}) exists;
- the engine imports from this checkout and answers; the example answers (example.toml) score;
- every guide link in the engine's data names a docs page, a section anchor on it, and the URL
  that page gets;
- the Pyodide runtime that npm installed is the pinned version and complete.

The build command runs these before starting a generator, the MkDocs hooks before a build, and
the Markdown extension before it renders the first calculator, so every road in fails the same way.
"""

from __future__ import annotations

from pathlib import Path

from outside_help_build import engine, runtime, sources
from outside_help_build.errors import BuildError


def problems(root: Path, docs_dir: Path) -> list[str]:
    """Every problem found in the checkout at `root` with its docs in `docs_dir`; [] if none."""
    found: list[str] = []
    try:
        pages = sources.pages(docs_dir)
    except BuildError as exc:
        return [str(exc)]
    found += marker_problems(pages)
    found += include_problems(docs_dir)
    try:
        calculator = engine.load(root)
    except BuildError as exc:
        found.append(str(exc))
    else:
        found += example_problems(calculator)
        found += guide_problems(calculator, pages)
        found += worked_example_problems(calculator, pages)
    try:
        runtime.check_source(root)
    except BuildError as exc:
        found.append(str(exc))
    return found


def marker_problems(pages: dict[str, sources.Page]) -> list[str]:
    found = [problem for page in pages.values() for problem in page.problems]
    own_pages = [page.path for page in pages.values()
                 if any(m.kind == "calculator" and m.variant == "page" for m in page.markers)]
    if len(own_pages) > 1:
        found.append(f"more than one page holds {sources.marker_line('calculator', 'page')}: {', '.join(own_pages)}; "
                     "the inline calculators link to one")
    planners = [page.path for page in pages.values() if any(m.kind == "planner" for m in page.markers)]
    if len(planners) > 1:
        found.append(f"more than one page holds {sources.marker_line('planner')}: {', '.join(planners)}; links open one")
    return found


def worked_example_problems(calculator, pages: dict[str, sources.Page]) -> list[str]:
    """Every worked example's code (<!-- outside-help: calculator-example v3... -->, <!-- outside-help: plan-example p2... -->)
    must open whole in the engine."""
    found = []
    for page in pages.values():
        for marker in page.markers:
            if marker.kind == "calculator-example":
                reply = engine.ask(calculator, {"op": "score", "share": marker.variant})
            elif marker.kind == "plan-example":
                reply = engine.ask(calculator, {"op": "plan", "share": marker.variant})
                if reply.get("ok") and reply["plan_view"]["notes"]:
                    reply = {"ok": False, "error": {"message": " ".join(reply["plan_view"]["notes"])}}
            else:
                continue
            if not reply.get("ok"):
                found.append(f"docs/{page.path}:{marker.line}: the example code {marker.variant!r} does not "
                             f"open: {reply['error']['message']}")
    return found


def include_problems(docs_dir: Path) -> list[str]:
    # markdown-include reads {!path!} relative to its base_path, which mkdocs.yml sets to the
    # docs folder.
    return [f"docs/{page}:{line}: includes {path}, which does not exist in {docs_dir}"
            for page, line, path in sources.included_files(docs_dir)
            if not (Path(docs_dir) / path).is_file()]


def example_problems(calculator) -> list[str]:
    """The examples (example.toml) must be what the engine accepts: answers that score, figures
    that compare, a plan that plans."""
    try:
        data = engine.example()
    except BuildError as exc:
        return [str(exc)]
    found = []
    for what, request in (
        ("answers", {"op": "score", "answers": data["answers"]}),
        ("cost figures", {"op": "cost", "cost": data["cost"]}),
        ("plan", {"op": "plan", "workstreams": data["plan"]["workstreams"]}),
    ):
        reply = engine.ask(calculator, request)
        if not reply.get("ok"):
            found.append(f"the example {what} in {engine.EXAMPLE.name} are refused by the engine: "
                         f"{reply['error']['message']}")
    return found


def guide_problems(calculator, pages: dict[str, sources.Page]) -> list[str]:
    """Every guide link of the engine's data that names no page, no section anchor on it, or
    a URL other than the one that page gets (the engine writes the URLs into its replies)."""
    found = []
    for where, guide in engine.guide_links(calculator):
        target = f"{guide['page']}#{guide['anchor']}"
        page = pages.get(guide["page"])
        if page is None:
            found.append(f"questions.toml {where} links to {target}, but docs/{guide['page']} does not exist")
        elif guide["anchor"] not in page.sections:
            found.append(f"questions.toml {where} links to {target}, but that page has no such anchor")
        elif guide["url"] != f"{page.url}#{guide['anchor']}":
            expected = f"{page.url}#{guide['anchor']}"
            found.append(f"questions.toml {where}: the engine's URL {guide['url']!r} for {target} "
                         f"is not the page's {expected!r}")
    return found


def require(root: Path, docs_dir: Path) -> None:
    """Raise one BuildError listing every problem, if there is any."""
    found = problems(root, docs_dir)
    if found:
        raise BuildError("\n".join(found))
