"""Running MkDocs, ProperDocs or Zensical on the checkout, strict, into a chosen site folder.

Each runs as its own command, `python -m <generator> build --strict ...`, from the checkout's
root: that is how a reader would run it, `python -m` puts the checkout first on sys.path (so
its engine is the one rendered: engine.py), and relative paths in mkdocs.yml (markdown-include's
base_path, the extension's docs_dir) are read from there.

Zensical 0.0.73 has no --site-dir option and refuses a site_dir or docs_dir outside the folder
of its config file (zensical/config.py, `_apply_defaults`: "site_dir must be within project
root"). So it builds from a staging folder holding copies of mkdocs.yml, the docs and the theme
overrides, and the built site is moved to the chosen folder. The working folder stays the
checkout's root, so the extension and markdown-include read the checkout's own docs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from outside_help_build.errors import BuildError

GENERATORS = ("mkdocs", "properdocs", "zensical")
CONFIG = "mkdocs.yml"


class GeneratorError(BuildError):
    """The generator is unknown, or its build failed (its own messages say why)."""


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings, whatever tags (!ENV, ...) it uses elsewhere."""


_TagTolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def settings(root: Path) -> dict:
    """The mkdocs.yml settings the build itself needs: docs_dir, site_url, theme's custom_dir."""
    path = Path(root) / CONFIG
    if not path.is_file():
        raise GeneratorError(f"{path} is missing: run the build from the checkout's root")
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagTolerantLoader) or {}
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    return {
        "docs_dir": Path(root) / config.get("docs_dir", "docs"),
        "site_dir": config.get("site_dir", "site"),
        "site_url": config.get("site_url") or "",
        "custom_dir": theme.get("custom_dir"),
    }


def run(generator: str, root: Path, site_dir: Path) -> None:
    """Build the checkout at `root` with `generator` into `site_dir` (replaced)."""
    if generator not in GENERATORS:
        raise GeneratorError(f"unknown generator {generator!r}; use one of: {', '.join(GENERATORS)}")
    root, site_dir = Path(root).resolve(), Path(site_dir).resolve()
    docs_dir = settings(root)["docs_dir"].resolve()
    if site_dir == root or site_dir in root.parents or site_dir == docs_dir or docs_dir in site_dir.parents:
        raise GeneratorError(f"--site-dir {site_dir} would overwrite the checkout or its docs; "
                             "choose a folder of its own (the default is site/)")
    if generator == "zensical":
        _zensical(root, site_dir)
    else:
        _command([generator, "build", "--strict", "--clean", "--config-file", str(root / CONFIG),
                  "--site-dir", str(site_dir)], root, generator)


def _command(args: list[str], root: Path, generator: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", *args], cwd=root, env=env)
    if result.returncode != 0:
        raise GeneratorError(f"`{generator} build --strict` failed (exit {result.returncode}); "
                             "its messages are above")


def _zensical(root: Path, site_dir: Path) -> None:
    config = settings(root)
    with tempfile.TemporaryDirectory(prefix="zensical-") as tmp:
        staging = Path(tmp)
        shutil.copy2(root / CONFIG, staging / CONFIG)
        for folder in (config["docs_dir"], config["custom_dir"] and root / config["custom_dir"]):
            if folder:
                shutil.copytree(folder, staging / Path(folder).relative_to(root))
        _command(["zensical", "build", "--strict", "--clean", "--config-file",
                  str(staging / CONFIG)], root, "zensical")
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / config["site_dir"], site_dir)
