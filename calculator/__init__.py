"""Which model fits: scores staff augmentation, managed services and BPO, and explains why.

Standard library only: the same code runs natively and in the browser on Pyodide.
Every question, weight, gate and source lives in ``questions.toml`` beside this file.

>>> from calculator import score
>>> score({"kind": "tech_service", "direction": "provider", "service_levels": "yes"}).recommendation
'managed_services'
"""

from .card import model_card, questions_schema
from .cost import check_cost, compare_costs, cost_schema
from .cost_view import cost_view
from .data import catalogue
from .errors import CalculatorError
from .plan import decode_plan, encode_plan, plan
from .plan_view import plan_view
from .providers import evaluate, providers_schema
from .share_providers import decode_evaluation, encode_evaluation
from .render import render_markdown, render_text
from .result import Result, score
from .checks import check_answers, check_weights
from .share import Shared, decode_share, encode_share, open_link
from .view import result_view

__all__ = [
    "CalculatorError",
    "MODEL_IDS",
    "Result",
    "Shared",
    "catalogue",
    "check_answers",
    "check_cost",
    "check_weights",
    "compare_costs",
    "cost_schema",
    "cost_view",
    "decode_evaluation",
    "decode_plan",
    "encode_evaluation",
    "encode_plan",
    "evaluate",
    "decode_share",
    "encode_share",
    "model_card",
    "open_link",
    "plan",
    "plan_view",
    "providers_schema",
    "questions_schema",
    "render_markdown",
    "render_text",
    "result_view",
    "score",
]

MODEL_IDS = ("staff_augmentation", "managed_services", "bpo")
__version__ = "2.0.0"
