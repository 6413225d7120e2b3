"""An evaluation that gives no criteria gets the model's defaults (calculator/provider_input.py):
the reply lists each with its name, kind and weight, gates first with weight 0, as a criterion
given by id would be listed."""

from __future__ import annotations

from calculator.providers import evaluate

SCORES = {"vetting": 5, "replacement": 3, "employment_status": 4, "ip_assignment": 5, "rate_terms": 2,
          "references": 4, "financial_standing": 3, "security_fit": 3, "subcontracting": 4, "exit_terms": 3}


def test_the_default_criteria_are_listed_with_names_kinds_and_weights() -> None:
    r = evaluate({"model": "staff_augmentation", "cost": {"general": {"people": 2}}, "providers": [
        {"name": "Solo", "scores": SCORES, "passes": {"processor_terms": True, "data_location": True},
         "price": {"rate_per_person_month": 6000}}]})
    # provider_criteria.toml's staff augmentation defaults, gates first, in the file's order.
    assert [(c["id"], c["label"], c["kind"], c["weight"]) for c in r["criteria"]] == [
        ("processor_terms", "Signs the data-processing terms the law requires", "pass_fail", 0),
        ("data_location", "Keeps your data where you allow", "pass_fail", 0),
        ("references", "References from similar clients", "scored", 10),
        ("financial_standing", "Financial standing", "scored", 5),
        ("security_fit", "Security evidence that fits what you buy", "scored", 5),
        ("subcontracting", "Subcontractors named and controlled", "scored", 5),
        ("exit_terms", "Exit terms", "scored", 5),
        ("vetting", "Finding and vetting people", "scored", 25),
        ("replacement", "Replacing someone who does not fit", "scored", 15),
        ("employment_status", "Who employs the people", "scored", 15),
        ("ip_assignment", "Intellectual property and confidentiality", "scored", 10),
        ("rate_terms", "What the rate covers, and the way out of a placement", "scored", 5),
    ]
    # The same gate given by id is listed the same way.
    given = evaluate({"model": "staff_augmentation", "cost": {"general": {"people": 2}},
                      "criteria": [{"id": "processor_terms"}, {"id": "vetting", "weight": 1}],
                      "providers": [{"name": "Solo", "scores": {"vetting": 5}, "passes": {"processor_terms": True},
                                     "price": {"rate_per_person_month": 6000}}]})
    assert (given["criteria"][0]["label"], given["criteria"][0]["weight"]) == (
        "Signs the data-processing terms the law requires", 0)
