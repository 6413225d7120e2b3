"""The first-taps tables (build/outside_help_build/first_taps.py): every calculator on a built
site names its table, the table is there, and each reply in it is the engine's for the request
the page sends with that one answer changed."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from calculator import api, catalogue
from outside_help_build import first_taps

CONFIG = re.compile(r'data-calculator-config="(?P<config>[^"]*)"')


def calculators(site: Path) -> list[tuple[Path, dict]]:
    return [(page, json.loads(html.unescape(m["config"])))
            for page in sorted(site.rglob("index.html"))
            for m in CONFIG.finditer(page.read_text(encoding="utf-8"))]


def test_every_calculator_has_its_table_with_one_reply_per_first_tap(each_site: Path) -> None:
    found = calculators(each_site)
    assert len(found) == 2 and (each_site / "calculator" / "index.html") in [page for page, _ in found]   # page + inline
    for page, config in found:
        assert config["taps"] == first_taps.config(config["taps"]["uid"], config["taps"]["heading"])
        table = json.loads((each_site / config["taps"]["path"]).read_text(encoding="utf-8"))
        assert table["example"] == config["example"]["share"], page
        assert table["request"]["page"]["uid"] == config["taps"]["uid"]
        assert table["request"]["page"]["heading"] == config["taps"]["heading"]
        # The example, then each option it does not choose (every option of a question it leaves open).
        assert len(table["replies"]) == 1 + sum(len(q.options) - (q.id in table["answers"]) for q in catalogue().questions)
        # The example's own reply is the result the page shows at first paint.
        headline = table["replies"][""]["view"]["headline"]
        assert f"data-calculator-headline>{html.escape(headline, quote=True)}</p>" in page.read_text(encoding="utf-8")


def test_each_reply_is_the_engines_for_the_request_the_page_sends(built_site: Path) -> None:
    (_, config), *_ = calculators(built_site)
    table = json.loads((built_site / config["taps"]["path"]).read_text(encoding="utf-8"))
    assert table["request"]["memo"] is False and table["request"]["weights"] == {} and "cost" not in table["request"]
    for key, kept in table["replies"].items():
        answers = dict(table["answers"])
        if key:
            question, option = key.split("=")
            assert answers.get(question) != option
            answers[question] = option
        reply = json.loads(api.handle(json.dumps({**table["request"], "answers": answers})))
        assert kept == {k: reply[k] for k in ("ok", "view", "tree", "share", "cost_view") if k in reply}, key


@pytest.mark.parametrize("taps", [
    {"path": "../outside.json", "uid": "ohc1", "heading": 3},
    {"path": "first-taps/ohc1-h3.json", "uid": "ohc1", "heading": "3"},
    "first-taps/ohc1-h3.json",
], ids=["path-elsewhere", "heading-as-text", "not-an-object"])
def test_a_page_naming_a_table_in_another_form_fails_the_build_naming_the_page(tmp_path: Path, taps) -> None:
    page = tmp_path / "calculator" / "index.html"
    page.parent.mkdir()
    page.write_text(f'<div data-calculator-config="{html.escape(json.dumps({"taps": taps}), quote=True)}"></div>',
                    encoding="utf-8")
    with pytest.raises(first_taps.FirstTapsError, match=re.escape(str(page))):
        first_taps.write(tmp_path, data=None)
    assert not (tmp_path / "outside.json").exists()
