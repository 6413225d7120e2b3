"""The one exception type the engine raises for bad input."""

from __future__ import annotations

__all__ = ["CalculatorError"]


class CalculatorError(ValueError):
    """Bad input: an unknown question or option, a bad weight, a mangled share string.

    The message is one sentence a person can act on. The attributes say what was wrong,
    so interfaces (CLI, browser) can show it without parsing the text. `reader` is the same
    problem said for someone who only clicked a link (share links), when it differs; `detail` is
    the problem without where it is (the page shows it beside the field `field` names).

    >>> err = CalculatorError("unknown question 'colour'", kind="unknown_question", question="colour")
    >>> str(err), err.kind, err.question
    ("unknown question 'colour'", 'unknown_question', 'colour')
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "invalid_input",
        question: str | None = None,
        allowed: list[str] | None = None,
        field: str | None = None,
        reader: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.question = question
        self.allowed = list(allowed) if allowed is not None else None
        self.field = field
        self.reader = reader
        self.detail = detail

    def to_dict(self) -> dict[str, object]:
        """The error as JSON-ready data: message, kind, and what else is known."""
        data: dict[str, object] = {"message": self.message, "kind": self.kind}
        for name in ("question", "allowed", "field", "reader", "detail"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data
