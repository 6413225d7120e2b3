"""The build command: check the inputs, run a generator, publish the runtime, verify the site.

    python -m outside_help_build build [--generator mkdocs|properdocs|zensical] [--site-dir site]

Run it from the checkout's root (`make build` does, with GENERATOR=mkdocs unless told otherwise):

1. check the inputs (checks.py): markers, includes, the engine and its example answers, every
   guide link against the docs' anchors, the npm Pyodide. Each mistake is one `error:` line;
2. run the generator, strict (generators.py). The Markdown extension renders the calculator and
   the model card into the pages, whichever generator it is;
3. publish the runtime into the site (Pyodide, the trimmed byte-code standard library, the wheel
   and its lockfile) and verify that every page loads exactly what was published (publish.py);
4. name our own scripts and stylesheets by their content and point the pages at them
   (fingerprint.py), so browsers may keep them;
5. write the response headers the built pages need into the site's `_headers` (headers.py):
   the Content-Security-Policy with their inline hashes, caching and MIME types.

Any BuildError, from any step, ends the command with `error: <message>` and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from outside_help_build import checks, content, fingerprint, first_taps, generators, headers, publish, sources
from outside_help_build.errors import BuildError


def build(generator: str, site_dir: Path, root: Path) -> str:
    """Build the checkout at `root` into `site_dir` with `generator`; return a summary line."""
    started = time.monotonic()
    settings = generators.settings(root)
    problems = checks.problems(root, settings["docs_dir"])
    if problems:
        raise BuildError("\n".join(problems))
    generators.run(generator, root, site_dir)
    built = publish.bundle(root)
    publish.publish(site_dir, built, root=root)
    first_taps.write(site_dir, content.load(root, settings["docs_dir"], settings["site_url"]))
    calculators = publish.verify(site_dir, built, sources.pages(settings["docs_dir"]))
    fingerprint.apply(site_dir)
    headers.write(site_dir)
    return (f"built {site_dir} with {generator} in {time.monotonic() - started:.1f} s: "
            f"{calculators} calculator(s) loading {built.runtime_path} "
            f"(wheel sha256 {built.wheel_sha256[:12]}, {built.stdlib_name})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m outside_help_build",
                                     description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("build", help="build the site into a folder")
    command.add_argument("--generator", choices=generators.GENERATORS, default="mkdocs",
                         help="the site generator (default: mkdocs)")
    command.add_argument("--site-dir", type=Path, default=Path("site"),
                         help="where the site is written (default: site/)")
    args = parser.parse_args(argv)
    try:
        print(build(args.generator, args.site_dir, Path.cwd()))
    except BuildError as exc:
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    return 0
