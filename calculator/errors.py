"""The one exception type the engine raises for bad input."""

from __future__ import annotations

__all__ = ["CalculatorError"]


class CalculatorError(ValueError):
    """Bad input: an unknown question or option, a bad weight, a mangled share string.

    The message is one sentence a person can act on. The attributes say what was wrong,
    so interfaces (CLI, browser) can show it without parsing the text.

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
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.question = question
        self.allowed = list(allowed) if allowed is not None else None

    def to_dict(self) -> dict[str, object]:
        """The error as JSON-ready data: message, kind, and the question and options if known."""
        data: dict[str, object] = {"message": self.message, "kind": self.kind}
        if self.question is not None:
            data["question"] = self.question
        if self.allowed is not None:
            data["allowed"] = self.allowed
        return data
