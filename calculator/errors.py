"""The one exception type the engine raises for bad input, and how input is shown in it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["CalculatorError", "MAX_MESSAGE", "clean_line", "shown"]

MAX_SHOWN = 40  # characters of a reader's value quoted back in a message
MAX_MESSAGE = 1000  # characters in a whole message; a longer one is cut with an ellipsis
# A quoted value longer than MAX_SHOWN in a message (an unknown question id, an option ...),
# however the message was built: it is cut to MAX_SHOWN characters and an ellipsis. Python's
# repr quotes a value holding an apostrophe in double quotes ("it's ..."), so both count.
_LONG_QUOTE = re.compile(r"""(?<![A-Za-z])(?:'([^'\n]{%d,})'|"([^"\n]{%d,})")(?![A-Za-z])""" % ((MAX_SHOWN + 1,) * 2))


def _cut_quote(match: re.Match[str]) -> str:
    """A long quoted value cut to MAX_SHOWN characters with its ellipsis, in its own quotes."""
    single, double = match.groups()
    quote, value = ("'", single) if single is not None else ('"', double)
    return f"{quote}{value[:MAX_SHOWN - 1]}…{quote}"


def _escape(ch: str) -> str:
    """A character a terminal or page would act on (control, escape, bidi override, lone
    surrogate, unassigned) as its visible escape; any other character as itself."""
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") and ch not in "\u200c\u200d":
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return ch


def clean_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """One safe line: every control or invisible character escaped, at most `limit` characters.

    >>> clean_line("bad \\x1b[31mred\\n" + "x" * 500)[:20]
    'bad \\\\x1b[31mred\\\\x0ax'
    >>> len(clean_line("y" * 3000))
    1000
    """
    out = "".join(_escape(ch) for ch in text[: limit * 2])
    return out if len(out) <= limit and len(text) <= limit * 2 else out[: limit - 1] + "…"


def shown(value: Any, limit: int = MAX_SHOWN) -> str:
    """A reader's value quoted in a message: repr-like quotes, escapes, cut with an ellipsis.

    >>> shown("colour"), shown("a" * 50)
    ("'colour'", "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'")
    >>> shown(10 ** 5000), shown("\\ud800")
    ('a number of about 5,000 digits', "'\\\\ud800'")
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** limit:
        # str() of a huge int is slow and refused past 4,300 digits; its size is what matters
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    text = value if isinstance(value, str) else repr(value)
    return f"'{clean_line(text, limit)}'"


class CalculatorError(ValueError):
    """Bad input: an unknown question or option, a bad weight, a mangled share string.

    The message is one sentence a person can act on. The attributes say what was wrong,
    so interfaces (CLI, browser) can show it without parsing the text. `reader` is the same
    problem said for someone who only clicked a link (share links), when it differs; `detail` is
    the problem without where it is (the page shows it beside the field `field` names). `errors`
    lists every problem of a request found at once, each ``{"field", "message"}``. The message
    never carries a control character and never runs past MAX_MESSAGE characters.

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
        errors: list[dict[str, str]] | None = None,
        detail: str | None = None,
    ) -> None:
        message = clean_line(_LONG_QUOTE.sub(_cut_quote, message))
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.question = clean_line(question, 100) if question is not None else None
        self.allowed = list(allowed) if allowed is not None else None
        self.field = clean_line(field, 100) if field is not None else None
        self.reader = reader
        self.errors = list(errors) if errors is not None else None
        self.detail = detail

    def to_dict(self) -> dict[str, object]:
        """The error as JSON-ready data: message, kind, and what else is known."""
        data: dict[str, object] = {"message": self.message, "kind": self.kind}
        for name in ("question", "allowed", "field", "reader", "errors", "detail"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data
