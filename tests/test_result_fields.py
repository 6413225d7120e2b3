"""Fields of a result that the page, the memo and the links read (calculator/result.py), checked
against questions.toml: the model version, each gate's, exclusion's and warning's parts with
their sources. Found as survivors by `make mutate`."""

from __future__ import annotations

from calculator import score
from calculator._datafile import read_toml

RAW = read_toml("questions.toml")


def test_a_result_names_the_model_version_it_was_worked_out_by():
    assert score({}).to_dict()["model_version"] == RAW["model_version"]


def test_each_gate_in_a_result_carries_its_step_text_and_sources():
    gates = score({"kind": "business_process", "direction": "us"}).to_dict()["gates"]
    table = next(t for t in RAW["gates"] if t["id"] == "provider_directs")
    assert [g for g in gates if g["id"] == "provider_directs"] == [
        {"id": "provider_directs", "model": m, "step": table["step"], "text": table["text"], "basis": table["basis"]}
        for m in table["models"]]


def test_a_model_outside_the_kind_of_work_is_explained_with_its_sources():
    outside = score({"kind": "build"}).to_dict()["outside"]
    option = next(o for o in RAW["questions"][0]["options"] if o["id"] == "build")
    assert [(x["model"], x["text"], x["basis"]) for x in outside] == [
        (m, option["outside"][m], option["outside_basis"]) for m in ("managed_services", "bpo")]
    page, _, anchor = option["outside_guide"].partition("#")
    assert all(x["guide"]["page"] == page and x["guide"]["anchor"] == anchor for x in outside)


def test_a_warning_in_a_result_names_the_questions_that_raised_it():
    warnings = score({"direction": "us", "lead_capacity": "little"}).to_dict()["warnings"]
    table = next(t for t in RAW["warnings"] if t["id"] == "direct_without_capacity")
    assert [(w["id"], w["text"], w["questions"]) for w in warnings] == [
        ("direct_without_capacity", table["text"], list(table["when"]))]
