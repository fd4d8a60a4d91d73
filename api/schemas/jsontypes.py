"""JSON type checks that pydantic's lax mode would otherwise smooth over.

Request bodies are validated by pydantic in lax mode, which turns ``true`` into ``1.0`` for a
number, ``"5"`` into ``5`` and ``"true"`` into ``True``. The OpenAPI document promises
JSON types, so a body whose primitive values have the wrong JSON type is refused instead:
:func:`json_type_problems` walks the decoded JSON next to the model's JSON schema and names
every such value by its path, and :func:`poison` replaces those values by an object that no
primitive field accepts, so pydantic reports each one at its own field path with its usual
message. Dates and date-times must also be ISO 8601 strings: lax pydantic would read ``"0"``
or ``1700000000`` as a Unix timestamp (1970-01-01 for a start date). Other string constraints,
formats and ranges stay pydantic's job.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

_PRIMITIVE_CHECKS: dict[str, Any] = {
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
}


#: Formats whose value must be an ISO 8601 string (pydantic checks the calendar itself);
#: date and datetime objects (models built in Python, e.g. by the web forms) pass.
_FORMAT_CHECKS: dict[str, Any] = {
    "date": lambda v: isinstance(v, date)
    or (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None),
    "date-time": lambda v: isinstance(v, date)
    or (isinstance(v, str) and re.match(r"\d{4}-\d{2}-\d{2}", v) is not None),
}


def _primitive_ok(value: Any, schema: dict[str, Any]) -> bool | None:
    """Whether ``value`` fits the primitive type (and ISO date format) of ``schema``;
    ``None`` when the schema is not one of those."""
    t = schema.get("type")
    if t in _PRIMITIVE_CHECKS:
        return bool(_PRIMITIVE_CHECKS[t](value))
    if t == "string" and schema.get("format") in _FORMAT_CHECKS:
        return bool(_FORMAT_CHECKS[schema["format"]](value))
    return None


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type_ok(value: Any, schema: dict[str, Any], defs: dict[str, Any]) -> bool:
    """Whether ``value`` may match ``schema`` as far as primitive JSON types go."""
    schema = _resolve(schema, defs)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        return any(_type_ok(value, b, defs) for b in branches)
    ok = _primitive_ok(value, schema)
    if ok is not None:
        return ok
    t = schema.get("type")
    if t == "null":
        return value is None
    return True  # strings, objects, arrays: checked structurally below or by pydantic


Path = tuple[str | int, ...]


def poison(data: Any, paths: list[Path]) -> Any:
    """A copy of ``data`` with the value at each path replaced by a marker object that any
    number, integer or boolean field rejects."""
    out = copy.deepcopy(data)
    for path in paths:
        if not path:
            return {"wrong JSON type": type(data).__name__}
        node = out
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = {"wrong JSON type": type(node[path[-1]]).__name__}
    return out


def json_type_problems(value: Any, schema: dict[str, Any], defs: dict[str, Any],
                       path: Path = ()) -> list[Path]:
    """Paths of primitive values whose JSON type the schema does not allow."""
    schema = _resolve(schema, defs)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        if value is None:
            return []
        fitting = [b for b in branches if _type_ok(value, b, defs)]
        if not fitting:
            return [path]
        # Recurse into the first structurally fitting branch (objects / arrays).
        return json_type_problems(value, fitting[0], defs, path)
    if _primitive_ok(value, schema) is False:
        return [path]
    out: list[Path] = []
    if isinstance(value, dict) and "properties" in schema:
        for key, sub in schema["properties"].items():
            if key in value:
                out += json_type_problems(value[key], sub, defs, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            out += json_type_problems(item, schema["items"], defs, (*path, i))
    return out
