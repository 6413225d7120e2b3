"""The largest provider evaluation the engine accepts, for the speed benches: 8 providers x 30
criteria (the managed-services defaults and the reader's own criteria up to the limit), every
score, gate, evidence note and price figure filled in, so every part of the evaluation runs
(flips, lead checks, the low-price check)."""

from __future__ import annotations

from typing import Any

from calculator.providers import MAX_CRITERIA, MAX_PROVIDERS, providers_schema


def largest_evaluation() -> dict[str, Any]:
    defaults = providers_schema()["criteria"]["managed_services"]
    criteria: list[dict[str, Any]] = [
        {"id": c["id"], "weight": c["weight"]} if c["kind"] == "scored" else {"id": c["id"]} for c in defaults]
    for n in range(MAX_CRITERIA - len(criteria)):
        criteria.append({"id": f"own{n + 1}", "label": f"Own criterion {n + 1}", "kind": "scored", "weight": 1 + n % 7})
    kinds = {c["id"]: c["kind"] for c in defaults}
    providers = []
    for i in range(MAX_PROVIDERS):
        scores = {c["id"]: (i * 7 + j * 3) % 6 for j, c in enumerate(criteria) if kinds.get(c["id"], "scored") == "scored"}
        passes = {c["id"]: True for c in criteria if kinds.get(c["id"]) == "pass_fail"}
        providers.append({
            "name": f"Provider {i + 1}", "scores": scores, "passes": passes,
            "notes": {cid: f"Evidence for {cid} from provider {i + 1}" for cid in scores},
            "price": {"fee_per_month": 9000 + 731.5 * i, "governance_hours": 10 + i, "transition_fee": 20000 - 900 * i,
                      "exit_fee": 5000 + 250 * i},
        })
    return {"model": "managed_services", "fixed_on": "2026-12-05", "price_weight": 40, "criteria": criteria,
            "cost": {"general": {"hour_cost": 60, "horizon_months": 36}}, "providers": providers}
