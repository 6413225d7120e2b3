"""The model card's sentences that depend on how many things there are (calculator/card_tree.py):
several models or several reasons joined in one cell, a question that is not a deciding one, and
a count of deciding questions above nine written in figures. Built on test_card_tree's small card."""

from __future__ import annotations

import copy

import pytest

from calculator.card_tree import card_tree
from tests.engine.test_card_tree import SMALL, SMALL_PLACE, html


def test_a_kind_of_work_outside_two_models_gives_both_reasons_one_after_the_other() -> None:
    card = copy.deepcopy(SMALL)
    card["models"].append({"id": "bpo", "name": "business process outsourcing", "short": "BPO"})
    card["applies"][1]["outside"] = [{"model": "ms", "text": "Not a service."},
                                     {"model": "bpo", "text": "Not a process."}]
    card["applies"][1]["models"] = ["aug"]
    for o in card["questions"][0]["options"]:
        o["effects"]["bpo"] = 0
    assert "<li><strong>Running:</strong> staff augmentation. Not a service. Not a process.</li>" in html(
        card_tree(card, SMALL_PLACE))


def test_a_gate_holding_back_two_models_names_both() -> None:
    card = copy.deepcopy(SMALL)
    card["gates"][0]["models"] = ["aug", "ms"]
    assert ('<tr id="card-gate-provider-leads"><td>staff augmentation, managed services</td>'
            in html(card_tree(card, SMALL_PLACE)))


def test_a_question_that_decides_nothing_gives_only_its_weight() -> None:
    card = copy.deepcopy(SMALL)
    card["questions"][0]["core"] = False
    assert ("<p>The day to day. Weight <strong>3</strong> of 5. "
            '<a href="/docs/guide/#who-leads">Guide: Who leads the work</a></p>') in html(card_tree(card, SMALL_PLACE))


@pytest.mark.parametrize("deciding, words", [
    (9, "; one of the nine deciding questions. "),
    (10, "; one of the 10 deciding questions. "),     # past the numbers written in words
    (12, "; one of the 12 deciding questions. "),
])
def test_many_deciding_questions_are_counted_in_figures(deciding, words) -> None:
    card = copy.deepcopy(SMALL)
    card["questions"] = [{**SMALL["questions"][0], "id": f"q{i}", "prompt": f"Q{i}?"} for i in range(deciding)]
    assert html(card_tree(card, SMALL_PLACE)).count(words) == deciding
