"""JSON type checks that pydantic's lax mode would otherwise smooth over.

Request bodies are validated by pydantic in lax mode, which turns ``true`` into ``1.0`` for a
number, ``"5"`` into ``5`` and ``"true"`` into ``True``. The OpenAPI document promises
JSON types, so a body whose primitive values have the wrong JSON type is refused instead:
:func:`json_type_problems` walks the decoded JSON next to the model's JSON schema and names
every such value by its path, and :func:`poison` replaces those values by an object that no
primitive field accepts, so pydantic reports each one at its own field path with its usual
message. Strings, formats and ranges stay pydantic's job.
"""

from __future__ import annotations

import copy
from typing import Any

_PRIMITIVE_CHECKS: dict[str, Any] = {
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
}


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
    t = schema.get("type")
    if t in _PRIMITIVE_CHECKS:
        return bool(_PRIMITIVE_CHECKS[t](value))
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
    t = schema.get("type")
    if t in _PRIMITIVE_CHECKS and not _PRIMITIVE_CHECKS[t](value):
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
