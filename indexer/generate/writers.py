"""Writing profiles to JSONL, CSV or Parquet, streaming (bounded memory at any size).

The layouts are the ones :mod:`indexer.loading` reads:

* **JSONL**: one ``Profile.model_dump_json()`` object per line.
* **CSV**: a header of the profile's top-level fields; scalars as text (booleans ``true`` /
  ``false``, timestamps ISO 8601 with offset), an empty cell for a missing value, and every
  nested object or list as a JSON cell (``[{"name": "Python", ...}]``).
* **Parquet**: one column per top-level field with native structs, lists, UTC timestamps and
  dates (:data:`PARQUET_SCHEMA`), written in row groups of :data:`ROW_GROUP_SIZE`.

Files are written to a temporary sibling and renamed at the end, so an interrupted run never
leaves a truncated file under the requested name.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from indexer.errors import InputFileError
from indexer.profile.model import Profile

ROW_GROUP_SIZE = 20_000


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"

    @classmethod
    def from_path(cls, path: Path) -> OutputFormat:
        """The format named by a file extension (``.jsonl``/``.ndjson``, ``.csv``, ``.parquet``)."""
        suffix = path.suffix.lower()
        for fmt, suffixes in _SUFFIXES.items():
            if suffix in suffixes:
                return fmt
        raise InputFileError(
            f"cannot tell the format from '{suffix or '(no extension)'}'; "
            "use .jsonl, .csv or .parquet, or give the format explicitly",
            source=str(path),
        )


_SUFFIXES = {
    OutputFormat.JSONL: (".jsonl", ".ndjson"),
    OutputFormat.CSV: (".csv",),
    OutputFormat.PARQUET: (".parquet", ".pq"),
}

FIELDS: tuple[str, ...] = tuple(Profile.model_fields)

_TS = pa.timestamp("us", tz="UTC")
_SKILL = pa.struct([("name", pa.string()), ("years", pa.float64()), ("level", pa.string())])
_LANGUAGE = pa.struct([("code", pa.string()), ("level", pa.string())])
_PORTFOLIO = pa.struct([("title", pa.string()), ("description", pa.string()), ("url", pa.string())])
_CERTIFICATION = pa.struct([("name", pa.string()), ("issuer", pa.string()), ("year", pa.int32())])
_SANCTION = pa.struct(
    [
        ("kind", pa.string()),
        ("scope", pa.string()),
        ("start", _TS),
        ("end", _TS),
        ("reason", pa.string()),
    ]
)
_PERIOD = pa.struct([("start", _TS), ("end", _TS)])

#: The Parquet layout of a profile (field order = ``Profile.model_fields``).
PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("name", pa.string()),
        ("headline", pa.string()),
        ("description", pa.string()),
        ("text_language", pa.string()),
        ("skills", pa.list_(_SKILL)),
        ("categories", pa.list_(pa.string())),
        ("sectors", pa.list_(pa.string())),
        ("languages", pa.list_(_LANGUAGE)),
        ("city", pa.string()),
        ("country", pa.string()),
        ("coordinates", pa.struct([("lat", pa.float64()), ("lon", pa.float64())])),
        ("remote", pa.string()),
        ("daily_rate", pa.float64()),
        ("currency", pa.string()),
        ("years_experience", pa.float64()),
        ("seniority", pa.string()),
        (
            "availability",
            pa.struct(
                [
                    ("status", pa.string()),
                    ("available_from", pa.date32()),
                    ("confirmed_at", _TS),
                ]
            ),
        ),
        ("profile_type", pa.string()),
        ("has_photo", pa.bool_()),
        ("portfolio", pa.list_(_PORTFOLIO)),
        ("certifications", pa.list_(_CERTIFICATION)),
        ("reviews", pa.struct([("count", pa.int64()), ("mean_rating", pa.float64())])),
        ("recommendations", pa.int64()),
        ("completed_missions", pa.int64()),
        ("super_status", pa.bool_()),
        ("created_at", _TS),
        ("last_login_at", _TS),
        (
            "responsiveness",
            pa.struct(
                [
                    ("answered_within_24h", pa.float64()),
                    ("median_first_response_minutes", pa.float64()),
                ]
            ),
        ),
        ("account_status", pa.string()),
        ("published", pa.bool_()),
        ("sanctions", pa.list_(_SANCTION)),
        (
            "schedule",
            pa.struct([("no_weekends", pa.bool_()), ("away", pa.list_(_PERIOD))]),
        ),
    ]
)


@contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """A temporary sibling of ``path`` that replaces it only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_jsonl(profiles: Iterable[Profile], fh: TextIO) -> int:
    n = 0
    for p in profiles:
        fh.write(p.model_dump_json())
        fh.write("\n")
        n += 1
    return n


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def _write_csv(profiles: Iterable[Profile], fh: TextIO) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(FIELDS)
    n = 0
    for p in profiles:
        data = p.model_dump(mode="json")
        writer.writerow([_csv_cell(data[f]) for f in FIELDS])
        n += 1
    return n


def _write_parquet(profiles: Iterable[Profile], path: Path) -> int:
    n = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, PARQUET_SCHEMA, compression="zstd") as writer:
        for p in profiles:
            batch.append(p.model_dump(mode="python"))
            if len(batch) >= ROW_GROUP_SIZE:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            n += len(batch)
    return n


def write_profiles(
    profiles: Iterable[Profile], path: str | Path, fmt: OutputFormat | str | None = None
) -> int:
    """Write ``profiles`` to ``path`` in ``fmt`` (default: from the extension); return the count.

    The iterable is consumed once, as it comes (a generator of a million profiles is fine).
    """
    target = Path(path)
    kind = OutputFormat.from_path(target) if fmt is None else OutputFormat(fmt)
    with _atomic_path(target) as tmp:
        if kind is OutputFormat.PARQUET:
            return _write_parquet(profiles, tmp)
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            if kind is OutputFormat.JSONL:
                return _write_jsonl(profiles, fh)
            return _write_csv(profiles, fh)
