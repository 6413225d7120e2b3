"""MkDocs hooks (also run by ProperDocs): the little only MkDocs' events can do.

Registered in mkdocs.yml under `hooks:`. The pages get their calculator from the Markdown
extension (extension.py) and the build command publishes the runtime (cli.py); these hooks
make a plain `mkdocs build` / `mkdocs serve` (or `properdocs ...`) give a working calculator too:

- on_pre_build: start from the sources as they are now (on `mkdocs serve` the engine or the
  docs may have changed since the last build), and check the inputs, so a mistake stops the
  build with MkDocs' own one-line error;
- on_post_build: publish the runtime into the site and verify the pages load exactly it, name
  our scripts and stylesheets by their content (fingerprint.py), then write the site's response
  headers (_headers, headers.py);
- on_serve: rebuild when the engine or this package changes, not only the docs.

Zensical ignores `hooks:` without a word; `make build GENERATOR=zensical` publishes instead.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from outside_help_build import checks, content, fingerprint, first_taps, headers, publish, sources
from outside_help_build.errors import BuildError

PACKAGE_DIR = Path(__file__).resolve().parent


def on_pre_build(config) -> None:
    content.forget()
    try:
        checks.require(Path.cwd(), Path(config["docs_dir"]))
    except BuildError as exc:
        raise PluginError(str(exc)) from None


def on_post_build(config) -> None:
    root = Path.cwd()
    try:
        built = publish.bundle(root)
        publish.publish(Path(config["site_dir"]), built, root=root)
        first_taps.write(Path(config["site_dir"]), content.load(root, Path(config["docs_dir"]), config["site_url"] or ""))
        publish.verify(Path(config["site_dir"]), built, sources.pages(Path(config["docs_dir"])))
        fingerprint.apply(Path(config["site_dir"]))
        headers.write(Path(config["site_dir"]))
    except BuildError as exc:
        raise PluginError(str(exc)) from None


def on_serve(server, config, builder):
    server.watch(str(Path.cwd() / "calculator"))
    server.watch(str(PACKAGE_DIR))
    return server
