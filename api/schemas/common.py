"""Shared schema pieces: the page envelope and text types."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, model_validator

from api.schemas.jsontypes import json_type_problems, poison

T = TypeVar("T")

def _no_nul(value: str) -> str:
    """NUL characters are refused: they mean nothing in text and PostgreSQL cannot store them."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


NoNul = AfterValidator(_no_nul)

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                   NoNul]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), NoNul]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
                 NoNul]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                 NoNul]
#: Free identifiers in query filters (audit entity names, actor ids, target ids).
QueryToken = Annotated[str, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9_.:@-]+$")]
ProfileIdStr = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")]
EntityId = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,4}_[0-9a-f]{16}$")]


class InputModel(BaseModel):
    """Request bodies: unknown fields are errors, strings are stripped, and primitive values
    must have the JSON type the schema gives (no ``true`` for a number, ``"5"`` for an
    integer; see :mod:`api.schemas.jsontypes`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _json_types(cls, data: Any) -> Any:
        if isinstance(data, dict):
            schema = _schema_of(cls)
            bad = json_type_problems(data, schema, schema.get("$defs", {}))
            if bad:
                return poison(data, bad)
        return data


@cache
def _schema_of(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="validation")


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Page(OutputModel, Generic[T]):
    """One page of a list, with the total number of items across all pages."""

    items: list[T]
    total: int
    limit: int
    offset: int
