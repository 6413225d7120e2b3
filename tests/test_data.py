"""The question data: complete, consistent, and checked loudly when it is not."""

import copy
import tomllib
from importlib.resources import files

import pytest

from calculator import CalculatorError, catalogue
from calculator.data import Guide, parse_catalogue

RAW = tomllib.loads(files("calculator").joinpath("questions.toml").read_text())


def test_model_ids_are_exactly_the_three_models():
    """Model ids are the public contract used by the site and the browser."""
    assert catalogue().model_ids == ("staff_augmentation", "managed_services", "bpo")


def test_question_count_is_between_10_and_14():
    """Enough questions to discriminate, few enough to answer in two minutes."""
    assert 10 <= len(catalogue().questions) <= 14


def test_deciding_questions_of_the_sources_are_covered():
    """The four deciding questions and the other named discriminators are all asked."""
    ids = {q.id for q in catalogue().questions}
    assert {"direction", "management_capacity", "scope_change", "flexibility"} <= ids
    assert {
        "work_type", "process_maturity", "service_levels", "operating_model", "duration",
        "collaboration", "consistency", "governance", "pricing",
    } <= ids


def test_work_type_offers_roles_service_and_process():
    """The kind-of-work question separates the three things each model takes on."""
    options = [o.id for o in catalogue().question("work_type").options]
    assert options == ["team_roles", "it_service", "business_process"]


def test_every_question_has_prompt_help_source_and_guide():
    """A reader of the data file can see every rule, its explanation and its source."""
    for q in catalogue().questions:
        assert q.prompt.endswith("?") and q.help and q.source.startswith("[")
        assert q.guide.anchor
        for option in q.options:
            assert option.label and option.reason


def test_share_keys_are_unique_and_stable_in_shape():
    """Share links depend on one-letter question keys and one-digit option keys."""
    keys = [q.key for q in catalogue().questions]
    assert len(keys) == len(set(keys))
    assert all(len(o.key) == 1 and o.key.isdigit() for q in catalogue().questions for o in q.options)


def test_guide_url_follows_directory_urls():
    """Guide links become the site's directory-style URLs."""
    assert Guide.parse("how-to-choose.md#who-directs").url == "how-to-choose/#who-directs"
    assert Guide.parse("compare/all-three.md#combining-models").url == "compare/all-three/#combining-models"


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["questions"][0]["options"][0]["effects"].update(bpo=3), "effect on bpo must be a whole number from -2 to 2"),
        (lambda d: d["questions"][0].update(weight=9), "weight must be a whole number from 0 to 5"),
        (lambda d: d["questions"][1].update(key="k"), "question key 'k' is used twice"),
        (lambda d: d["warnings"][0]["when"].update(colour="red"), "unknown question 'colour'"),
        (lambda d: d["guardrails"][0].update(model="outsourcing"), "unknown model 'outsourcing'"),
        (lambda d: d["questions"][0].update(guide="how-to-choose"), "must look like 'page.md#anchor'"),
        (lambda d: d.update(tie_break=["bpo"]), "tie_break must list every model exactly once"),
    ],
)
def test_bad_data_is_refused_with_a_message_naming_the_mistake(mutate, message):
    """A mistake in questions.toml stops loading with a message that says where it is."""
    raw = copy.deepcopy(RAW)
    mutate(raw)
    with pytest.raises(CalculatorError, match="questions.toml") as info:
        parse_catalogue(raw)
    assert message in str(info.value)
