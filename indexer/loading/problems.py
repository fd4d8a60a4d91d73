"""Turning pydantic validation errors into :class:`~indexer.errors.Problem` records.

A problem names the row (1-based data row; the line number for JSONL) and the field as a
dotted path taken from pydantic's error location (``skills.2.years``). Messages are pydantic's,
made a little friendlier (unknown fields say so, the offending value is shown, shortened).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from indexer.errors import Problem

#: Field name used for problems that concern the whole record rather than one field.
WHOLE_RECORD = "<profile>"
#: Field name used for problems with the raw line (malformed JSON, oversized line).
RAW_LINE = "<line>"
#: Longest excerpt of an offending value quoted in a message.
MAX_QUOTED = 60


def quote(value: Any) -> str:
    """A short, safe rendering of an offending value (never the whole of a huge input)."""
    text = repr(value)
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 3] + "..."


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field (not part of the profile schema)"
    if kind == "missing":
        return "required field is missing"
    if kind == "json_invalid":
        ctx = err.get("ctx") or {}
        return f"malformed JSON: {ctx.get('error', err['msg'])}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "expected an object" + _got(err)
    if kind not in {"value_error", "assertion_error"} and "input" in err:
        msg += _got(err)
    return msg


def _got(err: ErrorDetails) -> str:
    value = err.get("input")
    if isinstance(value, dict):
        return ""
    return f" (got {quote(value)})"


def problems_from(exc: ValidationError, row: int | None, prefix: str = "") -> list[Problem]:
    """One :class:`Problem` per pydantic error, with dotted field paths."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(part) for part in err["loc"])
        field = f"{prefix}.{loc}" if prefix and loc else (prefix or loc)
        if err["type"] == "json_invalid":
            field = RAW_LINE
        out.append(Problem(field=field or WHOLE_RECORD, message=_message(err), row=row))
    return out
