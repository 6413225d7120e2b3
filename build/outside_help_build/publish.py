"""The calculator's runtime in a built site: what the pages load, publishing it, verifying it.

One job. A site's calculator loads, from its own origin,

    pyodide/<version>/                                   the Pyodide runtime (runtime.py)
    pyodide/<version>/python_stdlib-<sha256[:12]>.zip    the trimmed byte-code stdlib (stdlib.py)
    pyodide/<version>/calculator-<sha256[:12]>/          our wheel and its lockfile (wheel.py,
                                                         lockfile.py)

bundle() builds the wheel and the standard library once per process and names those files; the
Markdown extension writes the names into the pages, publish() writes the files into the
generator's output, and verify() proves the two agree: every file is there, the lockfile lists
the wheel's sha256, and every page the docs put a calculator or model card on has it, pointing
at exactly these files. A generator that dropped the calculator fails here, not in a browser.
"""

from __future__ import annotations

import functools
import html
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from outside_help_build import lockfile, paths, runtime, sources, stdlib, wheel
from outside_help_build.digest import sha256_file
from outside_help_build.errors import BuildError

# The page configs of the calculators and the planner: each names the runtime files it loads.
_CONFIG = re.compile(r'data-(?:calculator|plan)-config="(?P<config>[^"]*)"')
_CARD = "data-model-card"


class PublishError(BuildError):
    """The site's runtime is incomplete, or its pages do not load what was published."""


@dataclass(frozen=True)
class Bundle:
    """What one build publishes, and the names its pages load it by."""

    version: str            # Pyodide's, e.g. "314.0.7"
    wheel: Path             # the calculator's wheel, built for this build
    wheel_sha256: str
    stdlib_name: str        # python_stdlib-<sha256[:12]>.zip

    @property
    def runtime_path(self) -> str:
        """The runtime folder, relative to the site root: "pyodide/<version>/"."""
        return f"{runtime.SITE_FOLDER}/{self.version}/"

    @property
    def lockfile_path(self) -> str:
        """The calculator's lockfile, relative to the site root."""
        return f"{self.runtime_path}{lockfile.app_dir_name(self.wheel_sha256)}/{lockfile.LOCKFILE_NAME}"

    @property
    def stdlib_path(self) -> str:
        """The trimmed standard library, relative to the site root."""
        return f"{self.runtime_path}{self.stdlib_name}"


# Generators may render pages from more than one thread; the first call builds, the others wait.
_building = threading.Lock()


def bundle(root: Path) -> Bundle:
    """The bundle of the checkout at `root`, built on the first call in this process."""
    with _building:
        return _bundle(Path(root).resolve())


@functools.cache
def _bundle(root: Path) -> Bundle:
    version = runtime.check_source(root)
    built = wheel.build_wheel(paths.wheel_cache(root), root=root)
    return Bundle(version=version, wheel=built, wheel_sha256=sha256_file(built),
                  stdlib_name=stdlib.name_for(stdlib.browser_zip(root)))


def forget() -> None:
    """Build the bundle again on the next call (`mkdocs serve` after an edit)."""
    with _building:
        _bundle.cache_clear()


def publish(site_dir: Path, built: Bundle, *, root: Path) -> Path:
    """Write the runtime, the trimmed standard library, the wheel and its lockfile into
    `site_dir`, and return the lockfile's path. Call verify() after it."""
    target = runtime.copy_runtime(site_dir, root=root)
    written = stdlib.write_stdlib(target, root=root)
    if written.name != built.stdlib_name:
        raise PublishError(f"the pages load {built.stdlib_name} but the build wrote {written.name}")
    return lockfile.write_lockfile(built.wheel, target, root=root)


def verify(site_dir: Path, built: Bundle, pages: dict[str, sources.Page]) -> int:
    """Fail, naming the cause, unless `site_dir` holds every runtime file, a lockfile listing
    the wheel with its sha256, and each page of `pages` (the docs' sources) has as many
    calculators as markers, loading exactly `built`, and its model card. Returns how many
    calculators were checked."""
    site_dir = Path(site_dir)
    runtime.check_runtime(site_dir / built.runtime_path)
    if not (site_dir / built.stdlib_path).is_file():
        raise PublishError(f"missing the trimmed standard library in the site: {site_dir / built.stdlib_path}")
    entry = lockfile.check_lockfile(site_dir / built.lockfile_path)
    if entry["sha256"] != built.wheel_sha256:
        raise PublishError(
            f"the lockfile {built.lockfile_path} lists sha256 {entry['sha256']} but the wheel built "
            f"for this site has {built.wheel_sha256}"
        )
    checked = 0
    for page in pages.values():
        wanted = sum(m.kind in ("calculator", "planner") for m in page.markers)
        wants_card = any(m.kind == "model-card" for m in page.markers)
        built_page = site_dir / page.url / "index.html"
        text = built_page.read_text(encoding="utf-8") if built_page.is_file() else ""
        configs = [json.loads(html.unescape(m["config"])) for m in _CONFIG.finditer(text)]
        if len(configs) != wanted:
            raise PublishError(
                f"docs/{page.path} has {wanted} calculator marker(s) but {built_page} has "
                f"{len(configs)} calculator(s): is outside_help_build.extension listed under "
                "markdown_extensions in mkdocs.yml?"
            )
        if wants_card and _CARD not in text:
            raise PublishError(f"docs/{page.path} has {sources.marker_line('model-card')} but {built_page} has no model card")
        for config in configs:
            loads = (config.get("runtime"), config.get("lockfile"), config.get("stdlib"))
            if loads != (built.runtime_path, built.lockfile_path, built.stdlib_path):
                raise PublishError(
                    f"{built_page} loads {loads}, but this build published "
                    f"{(built.runtime_path, built.lockfile_path, built.stdlib_path)}"
                )
        checked += len(configs)
    return checked

