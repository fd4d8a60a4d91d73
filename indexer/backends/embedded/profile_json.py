"""The stored JSON of profiles: pydantic's bytes (``Profile.model_dump_json``), made by msgspec.

pydantic's serializer takes ~10 µs for a generated profile (16 models, ~110 values, 2.5 kB);
msgspec, given the profile's ``__dict__`` and ``vars`` as the hook for the nested models (every
other value is of a type it encodes natively), writes the same bytes in ~5 µs. The same bytes
as long as every value has the type its field declares and is not one of the values the two
write differently (pydantic-core 2.x, msgspec 0.22; ``tests/indexer/test_profile_json.py``):

- a float of magnitude 1e16 or more: pydantic writes ``1e+16``, msgspec ``1e16``; NaN and
  infinities depend on a pydantic setting;
- an ``int`` in a float field: pydantic writes ``1.0``, msgspec ``1``;
- a datetime whose UTC offset is not whole minutes (pydantic truncates it, msgspec rounds
  it, and they write a zero offset differently);
- an instance of a subclass of a field's model: pydantic writes the declared fields only;
- a value of another type (``bytes``, a ``bool`` in an int field ...): pydantic serialises by
  the declared type.

Validation rules out most of this: it makes values of the declared types within the fields'
bounds. What it lets through is checked here, :data:`CHUNK` rows at a time, one field at a
time with C-level iteration (~1.7 µs a profile in the benchmark): defaults (not validated: ``Profile.years_experience`` defaults to the
int ``0``), floats whose bounds allow 1e16 or non-finite values, datetimes' offsets (any
``tzinfo`` is kept), and the exact class of nested instances (a model instance given to a field
is kept as it is). A profile that fails a check, or whose encoding fails, is written by
pydantic. Instances made without validation (``model_construct``, ``model_copy(update=...)``)
are trusted to hold values of their fields' types: talentmatch makes profiles by validation
only (the ranking's ``viewdecode`` makes the same assumption of the stored documents).

The checks are derived from the models' core schemas; a model whose schema holds anything not
known here (a custom serializer, a computed field, a serialization alias or setting, an
unknown schema type) gets no plan and all its instances are written by pydantic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from functools import cache, partial
from itertools import chain
from operator import attrgetter, is_not, itemgetter
from typing import Any

import msgspec
from pydantic import BaseModel
from pydantic_core import TzInfo

#: Checks one field's values, gathered over the batch: ``True`` when msgspec writes them as
#: pydantic does.
ColumnCheck = Callable[[list[Any]], bool]

#: Rows checked and written together (see :func:`encode_documents`).
CHUNK = 128

#: Finite floats below this magnitude are written alike (shortest digits, no exponent sign).
FLOAT_LIMIT = 1e16

#: Model config keys (in the core schema) that affect validation only.
_VALIDATION_CONFIG = frozenset(
    {"title", "extra_fields_behavior", "str_strip_whitespace", "str_to_lower", "str_to_upper"}
)

#: Keys of a ``model-field`` schema that do not change how it is written.
_FIELD_KEYS = frozenset({"type", "schema", "metadata", "frozen", "validation_alias"})

#: Validator wrappers, serialised as the schema they wrap.
_VALIDATORS = frozenset({"function-after", "function-before", "function-wrap"})

_SCALARS: dict[str, type] = {"str": str, "int": int, "bool": bool, "date": date}

_ENCODER = msgspec.json.Encoder(enc_hook=vars)

_not_none = partial(is_not, None)
_dict_of = attrgetter("__dict__")
_tzinfo_of = attrgetter("tzinfo")

#: Time zone classes whose offset does not depend on the date.
_FIXED_OFFSETS = frozenset({timezone, TzInfo})


class Unsupported(Exception):
    """A schema this module cannot reproduce the serialisation of."""


@dataclass(frozen=True)
class ModelPlan:
    """How to check a model's instances: their exact class, and the fields that need a check
    (``(name, check)``; fields whose validated values are always written alike need none)."""

    cls: type[BaseModel]
    checks: tuple[tuple[str, ColumnCheck], ...]


def conforms(plan: ModelPlan, objs: list[Any]) -> bool:
    """All of ``objs`` are exactly ``plan.cls`` and pass the checks of its fields."""
    if not objs:
        return True
    if set(map(type, objs)) != {plan.cls}:
        return False
    if not plan.checks:
        return True
    dicts = list(map(_dict_of, objs))
    try:
        return all(check(list(map(itemgetter(name), dicts))) for name, check in plan.checks)
    except KeyError:
        return False


def whole_minutes(offset: timedelta | None) -> bool:
    """A UTC offset both write the same way: none (naive) or whole minutes."""
    return offset is None or (offset.seconds % 60 == 0 and offset.microseconds == 0)


def _float_values_check(col: list[Any]) -> bool:
    return all(map(FLOAT_LIMIT.__gt__, map(abs, col)))


def _datetime_values_check(col: list[Any]) -> bool:
    """Offsets in whole minutes: read once per distinct zone when all are fixed offsets (as
    validation makes them), else once per datetime (a ``ZoneInfo`` offset depends on it)."""
    zones = set(map(_tzinfo_of, col))
    if all(type(z) in _FIXED_OFFSETS for z in zones):
        return all(whole_minutes(z.utcoffset(None)) for z in zones)
    return all(map(whole_minutes, set(map(datetime.utcoffset, col))))


def _typed(allowed: frozenset[type], values: ColumnCheck | None) -> ColumnCheck:
    """Values of exactly these types (for defaults, which are not validated), passing
    ``values`` if given (``None`` among the allowed types is skipped by it)."""

    def check(col: list[Any]) -> bool:
        if not set(map(type, col)) <= allowed:
            return False
        return values is None or values(list(filter(_not_none, col)))

    return check


def _skipping_none(check: ColumnCheck) -> ColumnCheck:
    return lambda col: check(list(filter(_not_none, col)))


def _tuple_items(check: ColumnCheck) -> ColumnCheck:
    return lambda col: check(list(chain.from_iterable(col)))


def _no_serialization(schema: dict[str, Any]) -> dict[str, Any]:
    if "serialization" in schema:
        raise Unsupported("custom serializer")
    return schema


def _bounded(schema: dict[str, Any]) -> bool:
    """A float schema's bounds keep validated values finite and below :data:`FLOAT_LIMIT`."""
    low = schema.get("ge", schema.get("gt"))
    high = schema.get("le", schema.get("lt"))
    return low is not None and high is not None and low > -FLOAT_LIMIT and high < FLOAT_LIMIT


def _validated_check(schema: dict[str, Any]) -> ColumnCheck | None:
    """The check of a field's validated values (``None``: none needed), from its core schema;
    :class:`Unsupported` if the schema holds anything but the types below."""
    kind = _no_serialization(schema)["type"]
    if kind in _VALIDATORS:
        return _validated_check(schema["schema"])
    if kind == "default":
        return _default_check(schema)
    if kind == "nullable":
        inner = _validated_check(schema["schema"])
        return None if inner is None else _skipping_none(inner)
    if kind in _SCALARS:
        return None
    if kind == "enum" and schema.get("sub_type") == "str" and issubclass(schema["cls"], Enum):
        return None  # written as its value, a str
    if kind == "float":
        return None if _bounded(schema) else _float_values_check
    if kind == "datetime":
        return _datetime_values_check
    if kind == "model":
        return partial(conforms, _model_plan_of(schema))
    if kind == "tuple" and len(schema["items_schema"]) == 1 and schema["variadic_item_index"] == 0:
        items = _validated_check(schema["items_schema"][0])
        return None if items is None else _tuple_items(items)
    raise Unsupported(f"schema type {kind!r}")


def _default_check(schema: dict[str, Any]) -> ColumnCheck | None:
    """A field with a default: its validated values' check if the default would pass it,
    else (a scalar default of another type: ``0`` for a float) a check of the exact types."""
    inner = _validated_check(schema["schema"])
    default = schema["default"]
    if default is None or isinstance(default, BaseModel | tuple):
        if not _written_alike(default, schema["schema"]):
            raise Unsupported("a default msgspec writes differently")
        return inner
    allowed = _scalar_types(schema["schema"])
    if type(default) in allowed and (inner is None or inner([default])):
        return inner
    return _typed(allowed, inner)


def _scalar_types(schema: dict[str, Any]) -> frozenset[type]:
    """The exact types a scalar schema's validated values have."""
    kind = schema["type"]
    if kind in _VALIDATORS:
        return _scalar_types(schema["schema"])
    if kind == "nullable":
        return _scalar_types(schema["schema"]) | {type(None)}
    if kind in _SCALARS:
        return frozenset({_SCALARS[kind]})
    if kind == "float":
        return frozenset({float})
    if kind == "datetime":
        return frozenset({datetime})
    if kind == "enum":
        return frozenset({schema["cls"]})
    raise Unsupported(f"a default of schema type {kind!r}")


def _written_alike(value: Any, schema: dict[str, Any]) -> bool:
    """A model or tuple default (checked once, when the plan is made) holds only values of
    their declared types that both write alike."""
    kind = schema["type"]
    if kind in _VALIDATORS or kind == "default":
        return _written_alike(value, schema["schema"])
    if kind == "nullable":
        return value is None or _written_alike(value, schema["schema"])
    if kind == "tuple":
        return type(value) is tuple and all(
            _written_alike(v, schema["items_schema"][0]) for v in value
        )
    if kind == "model":
        fields = schema["schema"]["fields"]
        return (
            type(value) is schema["cls"]
            and all(
                name in vars(value) and _written_alike(vars(value)[name], f["schema"])
                for name, f in fields.items()
            )
            and len(vars(value)) == len(fields)
        )
    if type(value) not in _scalar_types(schema):
        return False
    if kind == "float":
        return math.isfinite(value) and abs(value) < FLOAT_LIMIT
    return kind != "datetime" or whole_minutes(value.utcoffset())


def _model_plan_of(schema: dict[str, Any]) -> ModelPlan:
    """The plan of a ``model`` core schema (whose fields are a ``model-fields`` schema)."""
    config = schema.get("config", {})
    if schema.get("root_model") or not set(config) <= _VALIDATION_CONFIG:
        raise Unsupported("root model or serialization config")
    if config.get("extra_fields_behavior") == "allow":
        raise Unsupported("extra fields are written")
    fields = _no_serialization(schema["schema"])
    if fields["type"] != "model-fields" or fields.get("computed_fields"):
        raise Unsupported("computed fields")
    checks = []
    for name, field in fields["fields"].items():
        if not set(_no_serialization(field)) <= _FIELD_KEYS:
            raise Unsupported("serialization alias or exclusion")
        check = _validated_check(field["schema"])
        if check is not None:
            checks.append((name, check))
    return ModelPlan(schema["cls"], tuple(checks))


@cache
def model_plan(cls: type[BaseModel]) -> ModelPlan | None:
    """The plan of ``cls``, or ``None`` when its serialisation is not one this module knows."""
    schema: dict[str, Any] = cls.__pydantic_core_schema__  # type: ignore[assignment]
    try:
        while _no_serialization(schema)["type"] in _VALIDATORS:
            schema = schema["schema"]
        return _model_plan_of(schema) if schema["type"] == "model" else None
    except (Unsupported, KeyError, TypeError):
        return None


def fast_rows(models: Sequence[BaseModel]) -> list[bool]:
    """Which of ``models`` (all of one class) msgspec may write: the whole batch is checked
    at once, and only when it fails, each row alone."""
    if not models:
        return []
    plan = model_plan(type(models[0]))
    if plan is None:
        return [False] * len(models)
    rows = list(models)
    if conforms(plan, rows):
        return [True] * len(rows)
    return [conforms(plan, [m]) for m in rows]


def pydantic_json(model: BaseModel) -> bytes:
    """``model.model_dump_json().encode()`` without the round trip through ``str``."""
    return model.__pydantic_serializer__.to_json(model)


def encode_documents(
    models: Sequence[BaseModel], buf: bytearray | None = None
) -> tuple[bytearray, list[int]]:
    """The JSON of each model (pydantic's bytes), appended to ``buf`` (a new one by default),
    and the end offset in ``buf`` of each.

    Checked and written :data:`CHUNK` rows at a time: the checks bring the rows' objects
    into the CPU caches, where the encoder finds them right after."""
    buf = bytearray() if buf is None else buf
    ends: list[int] = []
    encode_into = _ENCODER.encode_into
    for i in range(0, len(models), CHUNK):
        chunk = models[i : i + CHUNK]
        for model, fast in zip(chunk, fast_rows(chunk), strict=True):
            start = len(buf)
            if fast:
                try:
                    encode_into(vars(model), buf, -1)
                except Exception:  # e.g. a lone surrogate: pydantic raises its own error
                    del buf[start:]
                    buf += pydantic_json(model)
            else:
                buf += pydantic_json(model)
            ends.append(len(buf))
    return buf, ends
