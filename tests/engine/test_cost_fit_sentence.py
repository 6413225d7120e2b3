"""The sentence that sets the fit beside the cost (calculator/cost_view.py `_fit_sentence`), on
the two cases it once got wrong: a lone quote was called "cheapest" (the table and the headline
already said it was the only one), and a close call's saving was measured from the first model
of the pair in tie-break order instead of the cheaper of the two. Each sentence is written out by
hand from the figures."""

from __future__ import annotations


import pytest

from calculator import compare_costs, cost_view, score
from tests.scenarios import BY_ID as SCENARIOS

ONE_QUOTE = {"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 10}}


@pytest.mark.parametrize("answers, sentence", [
    # fits best: staff augmentation, the model quoted
    ({"direction": "us"}, "Fits best: staff augmentation. You entered a quote for staff augmentation only, so "
                          "there is no cheaper model to weigh against it."),
    # no answers: no fit yet
    ({}, "Only one quote entered: staff augmentation. The calculator has no fit recommendation yet to set "
         "beside it."),
    # fits best: managed services, not quoted
    ({"direction": "provider"}, "Fits best: managed services, for which you have entered no quote. The one "
                                "quote you entered: staff augmentation."),
])
def test_a_lone_quote_is_never_called_cheapest(answers, sentence):
    fit = score(answers).to_dict()
    assert cost_view(compare_costs(ONE_QUOTE), fit)["sentences"]["fit"] == sentence


@pytest.mark.parametrize("staff, managed, gap", [
    # 12 months: staff augmentation 3,600, managed services 3,000, BPO 20 x 10 x 12 = 2,400:
    # choosing BPO over the cheaper model that fits saves 600, whichever of the pair comes first
    (300, 250, "£600"),
    (250, 300, "£600"),
])
def test_a_close_calls_saving_is_from_the_cheaper_model_that_fits(staff, managed, gap):
    fit = score(SCENARIOS["close-build-then-run"]["answers"]).to_dict()
    assert fit["combination"]["models"] == ["staff_augmentation", "managed_services"]
    figures = {"general": {"people": 1, "volume": 10, "horizon_months": 12, "currency": "£"},
               "staff_augmentation": {"rate_per_person_month": staff}, "managed_services": {"fee_per_month": managed},
               "bpo": {"price_per_transaction": 20}}
    assert cost_view(compare_costs(figures), fit)["sentences"]["fit"] == (
        "They disagree: staff augmentation and managed services fit your answers best, and BPO is cheaper for your "
        f"figures by {gap} over 12 months. The cheaper model buys a different amount of responsibility: decide "
        "whether what the better fit gives you is worth the difference.")


def test_a_fit_with_no_quote_is_set_beside_the_cheapest_of_several_quotes():
    # managed services fits; staff augmentation at 100 a month against BPO at 20 x 10 = 200
    fit = score({"direction": "provider"}).to_dict()
    figures = {"general": {"people": 1, "volume": 10}, "staff_augmentation": {"rate_per_person_month": 100},
               "bpo": {"price_per_transaction": 20}}
    assert cost_view(compare_costs(figures), fit)["sentences"]["fit"] == (
        "Fits best: managed services, for which you have entered no quote. Cheapest of the quotes you entered: "
        "staff augmentation.")


def test_two_models_cheaper_than_the_fit_are_named_together_in_the_plural():
    # staff augmentation fits at 300 a month (3,600 over 12); managed services at 200 and BPO at
    # 20 x 10 = 200 a month tie at 2,400: both are 1,200 cheaper
    fit = score({"direction": "us"}).to_dict()
    figures = {"general": {"people": 1, "volume": 10, "horizon_months": 12, "currency": "£"},
               "staff_augmentation": {"rate_per_person_month": 300}, "managed_services": {"fee_per_month": 200},
               "bpo": {"price_per_transaction": 20}}
    assert cost_view(compare_costs(figures), fit)["sentences"]["fit"] == (
        "They disagree: staff augmentation fits your answers best, and managed services and BPO are cheaper for your "
        "figures by £1,200 over 12 months. The cheaper models buy a different amount of responsibility: decide "
        "whether what the better fit gives you is worth the difference.")
