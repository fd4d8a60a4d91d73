"""The unit every format reader produces: one parsed input row, valid or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from indexer.errors import Problem
from indexer.loading.problems import problems_from
from indexer.profile.model import Profile

#: Largest accepted record (a JSONL line, a CSV cell holding JSON), in bytes. The biggest valid
#: profile (every list at its maximum length) stays well below this; anything larger is
#: rejected with a message instead of being parsed.
MAX_RECORD_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """Row ``row`` of a file (1-based) and either its profile or what is wrong with it."""

    row: int
    profile: Profile | None
    problems: tuple[Problem, ...] = ()


def validate_mapping(row: int, data: dict[str, Any], problems: list[Problem]) -> ParsedRow:
    """Validate one record given as a mapping; ``problems`` found before validation are kept."""
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        return ParsedRow(row, None, (*problems, *problems_from(exc, row)))
    if problems:
        return ParsedRow(row, None, tuple(problems))
    return ParsedRow(row, profile)


def drop_nulls(value: Any) -> Any:
    """Remove null entries from mappings (recursively): a null cell means "not given".

    Columnar formats (CSV, Parquet) cannot tell an absent field from an empty one, so an
    empty value lets the schema's default apply. Nulls inside lists are kept (and rejected
    by validation, naming the item).
    """
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value
