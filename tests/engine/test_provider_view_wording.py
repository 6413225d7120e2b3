"""The provider evaluation's page, worded (calculator/providers_view.py): each sentence of "What
would change the result" as the reader reads it, for evaluations worked out by hand; the basis of
the reader's own criterion; the defaults of the view (links from the site root, level-3
headings); the memo without a link; and guide links on the home page or under a site address."""

from __future__ import annotations

import copy
import json

import pytest

from calculator.api import handle
from calculator.present import to_html, to_text
from calculator.providers import evaluate, providers_schema
from calculator.providers_view import _href, memo_markdown, providers_view

METHOD = providers_schema()["price"]["method"]
CRITERIA = [{"id": "service_levels", "weight": 3}, {"id": "transition_plan", "weight": 1}]
EVEN = [{"id": "service_levels", "weight": 1}, {"id": "transition_plan", "weight": 1}]


def proposal(name, sl, tp, fee):
    return {"name": name, "scores": {"service_levels": sl, "transition_plan": tp}, "price": {"fee_per_month": fee}}


def evaluation(*providers, price_weight=40, criteria=CRITERIA):
    """Managed services over 24 months (the default), in euros (money's default is no symbol)."""
    return {"model": "managed_services", "price_weight": price_weight, "criteria": copy.deepcopy(criteria),
            "cost": {"general": {"currency": "€"}}, "providers": list(providers)}


def lines_of(reply) -> list[str]:
    return to_text(providers_view(reply, METHOD, "/", 3)).splitlines()


def lines(request) -> list[str]:
    return lines_of(evaluate(request))


# Each row: an evaluation and one line of its "What would change the result", written by hand.
SENTENCES = [
    pytest.param(
        # Quality 60, weights 3 and 1: Ash 60 x 20/20 = 60, Birch 60 x 6/20 = 18. Costs (24 months)
        # 28,800 and 24,000: price Birch 40, Ash 40 x 24,000/28,800 = 33.3; totals 93.3 and 58.
        # Even at a cent Birch gets at most 40 points (58 + 0 < 60 + anything), and Ash at any cost
        # keeps its 60 quality points against Birch's 58: no single cost change flips.
        evaluation(proposal("Ash", 5, 5, 1200), proposal("Birch", 2, 0, 1000)),
        "- No change to a single provider's cost puts another provider ahead of Ash.",
        id="no-cost-change-flips"),
    pytest.param(
        # Quality 40: Ash 40 x 15/20 = 30, Birch 26, Cedar 38. Costs 14,400, 14,400, 16,800; price 60:
        # Ash 60, Birch 60, Cedar 60 x 14,400/16,800 = 51.43. Totals 90, 86, 89.43. Ash's cost x puts
        # Cedar first when 30 + 864,000/x < 89.4286, i.e. x > 14,538.4615: 14,538.47 is the first cent
        # (0.96% more, shown as 1%), smaller than any fall of Cedar's cost (1.1%).
        evaluation(proposal("Ash", 5, 0, 600), proposal("Birch", 4, 1, 600), proposal("Cedar", 5, 4, 700),
                   price_weight=60),
        "- If Ash's whole-life cost rose from €14,400.00 to €14,538.47 (1% more), Cedar would be first.",
        id="the-winner's-cost-rises"),
    pytest.param(
        # Weights 1 and 1, equal prices (40 each): quality Ash 60 x 6/10 = 36, Birch 30, Cedar 30.
        # Without transition plan Birch has 60 x 5/5 = 60 against Ash's 36; without service levels
        # Cedar has 60: the lead rests on each.
        evaluation(proposal("Ash", 3, 3, 1000), proposal("Birch", 5, 0, 1000), proposal("Cedar", 0, 5, 1000),
                   criteria=EVEN),
        "- Ash's lead rests on each of “Service levels, reporting and credits” and “Transition plan”: without "
        "any one of them, another provider would be first. Check the scores there before relying on the result.",
        id="the-lead-rests-on-two"),
    pytest.param(
        # As the cost-rise row: only service levels flips (without it Ash 40 x 0 = 0 against Cedar's 40 x 4/4).
        evaluation(proposal("Ash", 5, 0, 600), proposal("Birch", 4, 1, 600), proposal("Cedar", 5, 4, 700),
                   price_weight=60),
        "- Ash's lead rests on “Service levels, reporting and credits”: without it, another provider would be "
        "first. Check the scores there before relying on the result.",
        id="the-lead-rests-on-one"),
    pytest.param(
        # Quality 40: Ash 40 x 8/20 = 16, Birch 32, Cedar 24. Costs 12,000, 24,000, 24,000; price 60:
        # Ash 60, the others 30. Totals 76, 62, 54: Ash wins with the lowest quality of the three.
        evaluation(proposal("Ash", 2, 2, 500), proposal("Birch", 4, 4, 1000), proposal("Cedar", 3, 3, 1000),
                   price_weight=60),
        "- Ash wins on price: Birch and Cedar have a higher quality score. Make sure the lower price buys the "
        "service you need.",
        id="two-have-higher-quality"),
    pytest.param(
        # As above: the average without the highest is (12,000 + 24,000) / 2 = 18,000; Ash's 12,000 is a
        # third below it (more than 15%). Amounts in the evaluation's currency.
        evaluation(proposal("Ash", 2, 2, 500), proposal("Birch", 4, 4, 1000), proposal("Cedar", 3, 3, 1000),
                   price_weight=60),
        "- Ash's whole-life cost (€12,000) is 33% below the adjusted average of €18,000 (the average without "
        "the highest). Ask how the price is made up before relying on it: public buyers must ask for an "
        "explanation of a price that looks abnormally low. Source: Public Contracts Regulations 2015, regulation "
        "69; the 15% trigger: Scottish Government, Construction Procurement Handbook.",
        id="a-low-price-in-euros"),
]


@pytest.mark.parametrize("request_, line", SENTENCES)
def test_what_would_change_the_result_is_worded_for_the_case(request_, line) -> None:
    assert line in lines(request_)


def test_the_readers_own_criterion_has_its_own_basis() -> None:
    # A criterion of the reader's has no source to cite: its basis cell says so.
    request = evaluation(proposal("Ash", 3, 3, 1000), proposal("Birch", 2, 2, 900))
    request["criteria"].append({"id": "own_tools", "label": "Works in our tool", "kind": "pass_fail"})
    for p in request["providers"]:
        p["passes"] = {"own_tools": True}
    page = to_html(providers_view(evaluate(request), METHOD, "/", 3))
    assert ('<tr data-criterion="own_tools"><th scope="row">Works in our tool</th><td>Pass or fail</td>'
            '<td></td><td></td><td>Your own</td></tr>') in page


def test_the_view_by_default_links_from_the_site_root_with_level_3_headings() -> None:
    page = to_html(providers_view(evaluate(evaluation(proposal("Ash", 5, 5, 1200), proposal("Birch", 2, 0, 1000))),
                                  METHOD))
    assert '<h3>Ranking</h3>' in page and '<h3>How the evaluation was set</h3>' in page and "<h4" not in page
    assert '<a href="/sources/#src-bid-evaluation-2021">Source: Cabinet Office (2021), Bid evaluation guidance note</a>' in page


def test_a_memo_without_a_link_ends_with_the_evaluation() -> None:
    r = evaluate(evaluation(proposal("Ash", 5, 5, 1200), proposal("Birch", 2, 0, 1000)))
    memo = memo_markdown(r, METHOD, "https://example.org/", None)
    assert "Open this evaluation" not in memo
    assert memo.endswith("\n## About the costs\n\n"
                         "- Ash: no figures entered for your time, transition and exit; they count as nothing in its cost.\n"
                         "- Birch: no figures entered for your time, transition and exit; they count as nothing in its cost.\n")


@pytest.mark.parametrize("link_base, guide, href", [
    ("/", "sources.md#src-a", "/sources/#src-a"),
    ("/docs/", "models/bpo.md#when-bpo-is-wrong", "/docs/models/bpo/#when-bpo-is-wrong"),
    # The home page (index.md, which provider_criteria.toml's guide pattern allows) is the site root.
    ("/", "index.md#start", "/#start"),
    ("/docs/", "index.md#start", "/docs/#start"),
    # Only the trailing slash of the base is dropped, never a letter of its last folder.
    ("https://example.org/DOCX/", "sources.md#src-a", "https://example.org/DOCX/sources/#src-a"),
    ("https://example.org/DOCX", "sources.md#src-a", "https://example.org/DOCX/sources/#src-a"),
])
def test_a_guide_links_to_its_page_under_the_base(link_base, guide, href) -> None:
    assert _href(link_base, guide) == href


def test_the_memo_links_sources_under_a_site_address_ending_in_x() -> None:
    reply = json.loads(handle(json.dumps({
        "op": "providers", "site_url": "https://example.org/BOX/",
        "evaluation": evaluation(proposal("Ash", 5, 5, 1200), proposal("Birch", 2, 0, 1000))})))
    assert reply["ok"], reply
    assert ("[Source: Cabinet Office (2021), Bid evaluation guidance note]"
            "(https://example.org/BOX/sources/#src-bid-evaluation-2021)") in reply["memo"]


def test_the_low_price_flag_cites_the_rule_the_data_file_sets(monkeypatch) -> None:
    """The trigger's size and both sources come from provider_criteria.toml's [low_price], not from
    the view: with a 40% trigger cited to another source, Ash's 33% is no longer flagged, and at
    30% it is, citing what the file names."""
    import tomllib
    from pathlib import Path

    from calculator import providers
    from calculator.provider_criteria import parse

    toml = Path(providers.__file__).with_name("provider_criteria.toml")
    raw = tomllib.loads(toml.read_text(encoding="utf-8"))
    raw["sources"]["trigger-elsewhere"] = {"cite": "Elsewhere (2020)", "guide": "sources.md#src-elsewhere"}
    three = (proposal("Ash", 2, 2, 500), proposal("Birch", 4, 4, 1000), proposal("Cedar", 3, 3, 1000))
    for below, flagged in ((0.4, False), (0.3, True)):
        raw["low_price"].update(below_adjusted_average=below, basis="trigger-elsewhere")
        data = parse(raw)
        monkeypatch.setattr(providers, "provider_data", lambda: data)
        reply = evaluate(evaluation(*three, price_weight=60))
        assert reply["low_price_rule"]["basis_cite"] == "Elsewhere (2020)"
        text = "\n".join(lines_of(reply))
        assert (f"the {round(below * 100)}% trigger: Elsewhere (2020)" in text) is flagged
        assert ("Source: Public Contracts Regulations 2015, regulation 69" in text) is flagged

