"""Our scripts and stylesheets named by their content (build/outside_help_build/fingerprint.py):
moved into a digest folder, every page pointed at it, and a page that names a file we do not
have stops the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from outside_help_build import fingerprint
from outside_help_build.fingerprint import FingerprintError

PAGE = """<html><head>
<link rel="stylesheet" href="{root}assets/stylesheets/main.0123abcd.min.css">
<link rel="stylesheet" href="{root}stylesheets/extra.css">
<link rel="modulepreload" href="{root}javascripts/client.mjs" fetchpriority="high">
</head><body>
<script src="{root}assets/javascripts/bundle.0123abcd.min.js"></script>
<script type="module" src="{root}javascripts/site.mjs?v=1#x"></script>
<p>Text that names javascripts/site.mjs is not a reference.</p>
<a href="https://example.org/javascripts/site.mjs">another site's file of that name</a>
</body></html>"""


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel, text in {
        "javascripts/site.mjs": 'import "./client.mjs";\n',
        "javascripts/client.mjs": "export const x = 1;\n",
        "stylesheets/extra.css": "p { color: red }\n",
        "assets/javascripts/bundle.0123abcd.min.js": "",
        "assets/stylesheets/main.0123abcd.min.css": "",
        "index.html": PAGE.format(root=""),
        "zensical-style.html": PAGE.format(root="./"),
        "calculator/index.html": PAGE.format(root="../"),
        "guides/deep/index.html": PAGE.format(root="../../"),
        "404.html": PAGE.format(root="/"),
    }.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return site


def _references(page: Path) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', page.read_text(encoding="utf-8"))


def test_files_move_into_their_digest_folder_and_every_page_follows(tmp_path):
    site = _site(tmp_path)
    moved = fingerprint.apply(site)
    js, css = moved["javascripts"], moved["stylesheets"]
    assert fingerprint.DIGEST_FOLDER.match(js) and fingerprint.DIGEST_FOLDER.match(css)
    assert sorted(p.name for p in (site / "javascripts").iterdir()) == [js]
    assert sorted(p.name for p in (site / "javascripts" / js).iterdir()) == ["client.mjs", "site.mjs"]
    assert (site / "stylesheets" / css / "extra.css").read_text(encoding="utf-8") == "p { color: red }\n"
    for page, root in (("index.html", ""), ("zensical-style.html", "./"), ("calculator/index.html", "../"),
                       ("guides/deep/index.html", "../../"), ("404.html", "/")):
        assert _references(site / page) == [
            f"{root}assets/stylesheets/main.0123abcd.min.css",   # the theme's: already named by content
            f"{root}stylesheets/{css}/extra.css",
            f"{root}javascripts/{js}/client.mjs",
            f"{root}assets/javascripts/bundle.0123abcd.min.js",
            f"{root}javascripts/{js}/site.mjs?v=1#x",            # query and fragment kept
            "https://example.org/javascripts/site.mjs",          # another origin's: left alone
        ], page
        assert "Text that names javascripts/site.mjs is not a reference." in (site / page).read_text(encoding="utf-8")


def test_a_second_run_changes_nothing(tmp_path):
    site = _site(tmp_path)
    first = fingerprint.apply(site)
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert fingerprint.apply(site) == first
    assert {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")} == pages


@pytest.mark.parametrize("change", ["one byte", "a new file", "a file renamed"])
def test_any_change_to_the_files_is_a_new_folder(tmp_path, change):
    before = fingerprint.apply(_site(tmp_path / "a"))["javascripts"]
    site = _site(tmp_path / "b")
    if change == "one byte":
        (site / "javascripts" / "client.mjs").write_text("export const x = 2;\n", encoding="utf-8")
    elif change == "a new file":
        (site / "javascripts" / "more.mjs").write_text("", encoding="utf-8")
    else:
        (site / "javascripts" / "client.mjs").rename(site / "javascripts" / "clients.mjs")
        for page in site.rglob("*.html"):
            page.write_text(page.read_text(encoding="utf-8").replace("client.mjs", "clients.mjs"), encoding="utf-8")
    assert fingerprint.apply(site)["javascripts"] != before
    assert fingerprint.apply(_site(tmp_path / "c"))["javascripts"] == before, "the same files, the same folder"


def test_a_rebuild_into_the_same_folder_replaces_the_old_digest_folder(tmp_path):
    """`mkdocs serve` builds again into the same folder: the generator's fresh copy is loose
    again beside the digest folder of the build before."""
    site = _site(tmp_path)
    old = fingerprint.apply(site)["javascripts"]
    (site / "javascripts" / "site.mjs").write_text("// changed\n", encoding="utf-8")
    (site / "javascripts" / "client.mjs").write_text("export const x = 1;\n", encoding="utf-8")
    for page, root in (("index.html", ""), ("zensical-style.html", "./"), ("calculator/index.html", "../"),
                       ("guides/deep/index.html", "../../"), ("404.html", "/")):
        (site / page).write_text(PAGE.format(root=root), encoding="utf-8")
    new = fingerprint.apply(site)["javascripts"]
    assert new != old
    assert sorted(p.name for p in (site / "javascripts").iterdir()) == [new]
    assert f"javascripts/{new}/site.mjs?v=1#x" in _references(site / "index.html")


def test_a_page_naming_a_file_we_do_not_have_stops_the_build(tmp_path):
    site = _site(tmp_path)
    page = site / "calculator" / "index.html"
    page.write_text(PAGE.format(root="../").replace("client.mjs", "cliant.mjs"), encoding="utf-8")
    with pytest.raises(FingerprintError) as raised:
        fingerprint.apply(site)
    assert str(raised.value) == ("calculator/index.html refers to javascripts/cliant.mjs, which the site "
                                 "does not have (is it in docs/javascripts/?)")


def test_a_site_without_our_folders_is_left_alone(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<script src="assets/javascripts/bundle.0123abcd.min.js"></script>', encoding="utf-8")
    assert fingerprint.apply(site) == {}
    assert _references(site / "index.html") == ["assets/javascripts/bundle.0123abcd.min.js"]


def test_two_digest_folders_are_refused(tmp_path):
    site = _site(tmp_path)
    fingerprint.apply(site)
    (site / "javascripts" / "0123456789ab").mkdir()
    with pytest.raises(FingerprintError, match=r"holds 2 digest folders"):
        fingerprint.digest_folders(site)


@pytest.mark.site
def test_every_page_of_the_built_site_loads_our_files_from_their_digest_folders(built_site):
    digests = fingerprint.digest_folders(built_site)
    assert set(digests) == set(fingerprint.FOLDERS)
    seen = set()
    for page in built_site.rglob("*.html"):
        if "pyodide" in page.relative_to(built_site).parts:
            continue
        for ref in _references(page):
            found = re.match(r"^(?:\./)?(?:\.\./)*/?(javascripts|stylesheets)/(.+)$", ref)
            if found:
                folder, rest = found.groups()
                assert rest.startswith(digests[folder] + "/"), f"{page}: {ref} is not in the digest folder"
                assert (built_site / folder / rest.split("?")[0]).is_file(), f"{page}: {ref} is missing"
                seen.add(rest.split("/", 1)[1])
    assert {"site.mjs", "calculator-start.mjs", "calculator-client.mjs", "extra.css"} <= seen
