"""The cost view: one wording for the table, the chart and the fit-versus-cost sentence."""

import tomllib
import pathlib


from calculator import compare_costs, cost_view, score
from tests.scenarios import BY_ID as SCENARIOS

EXAMPLE = tomllib.loads((pathlib.Path(__file__).resolve().parents[2] / "build" / "outside_help_build" / "example.toml")
                       .read_text(encoding="utf-8"))["cost"]  # the worked example of docs/cost.md, as the site shows it


def test_headline_table_and_chart_carry_the_same_figures():
    """The headline names the cheapest with its total; the table and chart show the same money."""
    v = cost_view(compare_costs(EXAMPLE))
    assert v["headline"] == "Cheapest for your figures: BPO (£578,160 over 24 months)"
    rows = {r["model"]: r for r in v["rows"]}
    assert rows["bpo"]["cells"] == {"fees": "£432,000", "your_time": "£34,560", "transition": "£87,000",
                                    "exit": "£24,600"}
    bars = {b["model"]: b for b in v["chart"]["bars"]}
    assert [s["value"] for s in bars["bpo"]["segments"]] == ["£432,000", "£34,560", "£87,000", "£24,600"]
    assert bars["managed_services"]["width"] == 100.0  # the widest bar
    for bar in bars.values():
        end = 0.0
        for segment in bar["segments"]:
            assert abs(segment["x"] - end) < 0.01
            end = segment["x"] + segment["width"]
        assert abs(end - bar["width"]) < 0.01
    assert "BPO £578,160 in all" in v["chart"]["description"]
    # what a screen reader says for a bar's drawing: its parts, as the table's columns name them
    assert bars["bpo"]["label"] == "BPO: provider fees £432,000, your time £34,560, transition £87,000, exit £24,600"


def test_conversions_are_shown_in_words():
    """A per-transaction price is shown converted into a monthly fee."""
    v = cost_view(compare_costs(EXAMPLE))
    assert "BPO: £3.00 per transaction × 6,000 a month = £18,000 a month." in v["sentences"]["conversions"]


def test_a_missing_quote_and_missing_lines_are_said_not_zeroed():
    """'no quote entered' for a model without a price; 'not entered' for an empty line."""
    v = cost_view(compare_costs({"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 10}}))
    rows = {r["model"]: r for r in v["rows"]}
    assert rows["bpo"]["note"] == "no quote entered" and rows["bpo"]["total"] == ""
    assert rows["staff_augmentation"]["cells"]["your_time"] == "not entered"
    assert v["headline"].startswith("Only one quote entered: staff augmentation")


def test_fit_and_cost_are_set_side_by_side_and_a_disagreement_is_explained():
    """When the best fit is not the cheapest, the view says so, by how much, and what it means."""
    fit = score(SCENARIOS["sa-textbook"]["answers"]).to_dict()
    text = cost_view(compare_costs(EXAMPLE), fit)["sentences"]["fit"]
    assert text.startswith("They disagree: staff augmentation fits your answers best, and BPO is cheaper")
    assert "by £7,240 over 24 months" in text  # 585,400 - 578,160
    agree = cost_view(compare_costs(EXAMPLE), score(SCENARIOS["bpo-textbook"]["answers"]).to_dict())
    assert agree["sentences"]["fit"] == "Fits best and cheapest for your figures agree: BPO."


def test_nothing_entered_says_so():
    """With no figures the view asks for a quote and draws no bars."""
    v = cost_view(compare_costs({}))
    assert not v["entered"] and v["chart"]["bars"] == [] and v["sentences"]["sensitivity"] is None


def test_the_chart_marks_the_cheapest_model_as_the_table_does():
    """The chart names the cheapest bar ("cheapest"), like the table's row; a lone quote is not
    called cheapest, and two equal cheapest totals are both marked."""
    v = cost_view(compare_costs(EXAMPLE))
    assert {b["model"]: b["note"] for b in v["chart"]["bars"]} == {
        "staff_augmentation": None, "managed_services": None, "bpo": "cheapest"}
    assert {r["model"]: r["note"] for r in v["rows"]}["bpo"] == "cheapest"
    one = cost_view(compare_costs({"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 10}}))
    assert [b["note"] for b in one["chart"]["bars"]] == [None]
    level = cost_view(compare_costs({"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 10},
                                     "managed_services": {"fee_per_month": 20}}))
    assert [b["note"] for b in level["chart"]["bars"]] == ["cheapest", "cheapest"]
