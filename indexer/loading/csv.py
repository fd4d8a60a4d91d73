"""CSV input: one profile per row, a header row naming the fields.

How a profile is written in CSV (so that a spreadsheet can produce it):

* Each column is a profile field (``id``, ``name``, ``headline``, ``daily_rate`` ...). Every
  cell is read as text and converted by the schema (``500`` → number, ``true``/``yes``/``1`` →
  boolean, ISO 8601 timestamps with an offset such as ``2026-01-31T09:00:00+01:00``).
* An **empty cell** means "not given": the schema's default applies.
* **Nested objects** use dotted column names: ``coordinates.lat``, ``coordinates.lon``,
  ``availability.status``, ``availability.confirmed_at``, ``reviews.count``,
  ``reviews.mean_rating``, ``responsiveness.answered_within_24h``, ``schedule.no_weekends``.
  A cell may instead hold the whole object as JSON (``{"lat": 52.5, "lon": 13.4}``).
* **Lists** are written either as JSON (a cell starting with ``[``, e.g.
  ``[{"name": "Python", "years": 5, "level": "expert"}]``) or, for the common ones, as a
  ``;``-separated shorthand:

  ==================  =====================================  ================================
  column              shorthand item                         example
  ==================  =====================================  ================================
  ``skills``          skill name                             ``Python; SQL; Docker``
  ``languages``       ``code:level``                         ``en:fluent; de:native``
  ``categories``      slug                                   ``software-development; data``
  ``sectors``         slug                                   ``banking; retail``
  ``portfolio``       item title                             ``Shop redesign; Data platform``
  ``certifications``  certification name                     ``AWS Solutions Architect``
  ==================  =====================================  ================================

  ``sanctions`` and ``schedule.away`` are JSON only.

The separator is detected from the header line: ``,`` (default), ``;`` (what spreadsheets
in many European locales write) or a tab. A UTF-8 byte-order mark is ignored.

Columns that are not profile fields are reported once each (row-less problem) and rows are
still validated, so one run lists everything that is wrong. Row numbers count data rows: the
first row after the header is row 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
from tqdm import tqdm

from indexer.errors import InputFileError, Problem
from indexer.loading.problems import quote
from indexer.loading.rows import MAX_RECORD_BYTES, ParsedRow, validate_mapping
from indexer.profile.model import Profile

SHORTHAND_SEPARATOR = ";"


def _language(item: str) -> dict[str, str]:
    code, sep, level = item.partition(":")
    if not sep:
        return {"code": code.strip()}  # validation then says the level is missing
    return {"code": code.strip(), "level": level.strip()}


#: List fields with a shorthand, and how one shorthand item becomes a list element.
LIST_SHORTHAND: dict[str, Callable[[str], Any]] = {
    "skills": lambda s: {"name": s},
    "languages": _language,
    "categories": lambda s: s,
    "sectors": lambda s: s,
    "portfolio": lambda s: {"title": s},
    "certifications": lambda s: {"name": s},
}
#: List fields that must be written as JSON.
JSON_ONLY_LISTS = frozenset({"sanctions", "schedule.away"})
#: Object fields (dotted columns or a JSON object).
OBJECT_FIELDS = frozenset({"coordinates", "availability", "reviews", "responsiveness", "schedule"})


def _cell_value(column: str, cell: str, row: int, problems: list[Problem]) -> Any:
    """The value a non-empty cell stands for (JSON, shorthand list, or the text itself)."""
    structured = column in LIST_SHORTHAND or column in JSON_ONLY_LISTS or column in OBJECT_FIELDS
    stripped = cell.strip()
    if structured and stripped[:1] in ("[", "{"):
        if len(stripped) > MAX_RECORD_BYTES:
            problems.append(Problem(column, f"cell is larger than {MAX_RECORD_BYTES} bytes", row))
            return None
        try:
            return json.loads(stripped)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    column, f"malformed JSON in cell: {exc.msg} at character {exc.pos + 1}", row
                )
            )
            return None
    if column in LIST_SHORTHAND:
        items = [s.strip() for s in stripped.split(SHORTHAND_SEPARATOR)]
        return [LIST_SHORTHAND[column](s) for s in items if s]
    if column in JSON_ONLY_LISTS:
        problems.append(
            Problem(column, f"expected a JSON list such as [{{...}}] (got {quote(cell)})", row)
        )
        return None
    if column in OBJECT_FIELDS:
        problems.append(
            Problem(
                column,
                f"expected a JSON object or dotted columns like {column}.<field> (got {quote(cell)})",
                row,
            )
        )
        return None
    return cell


def record_from_cells(cells: dict[str, str | None], row: int) -> ParsedRow:
    """Build and validate a profile from one row of cells (column name → text or None)."""
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    whole: set[str] = set()  # paths given as one cell
    for column, cell in cells.items():
        if cell is None or cell.strip() == "":
            continue
        value = _cell_value(column, cell, row, problems)
        if value is None:
            continue
        *parents, leaf = column.split(".")
        prefixes = [".".join(parents[: i + 1]) for i in range(len(parents))]
        if (
            any(p in whole for p in prefixes)
            or (column in whole)
            or (isinstance(data.get(column), dict) and column not in whole)
        ):
            problems.append(Problem(column, "given both as a whole and as dotted columns", row))
            continue
        target = data
        for part in parents:
            target = target.setdefault(part, {})
        if isinstance(target.get(leaf), dict):
            problems.append(Problem(column, "given both as a whole and as dotted columns", row))
            continue
        target[leaf] = value
        whole.add(column)
    return validate_mapping(row, data, problems)


def header_problems(columns: list[str]) -> list[Problem]:
    """Problems with the header itself: unknown top-level columns, repeated columns."""
    known = set(Profile.model_fields)
    out = [
        Problem(col, "unknown column (not a profile field)", None)
        for col in columns
        if col.split(".")[0] not in known
    ]
    seen: set[str] = set()
    for col in columns:
        if col in seen:
            out.append(Problem(col, "column appears twice in the header", None))
        seen.add(col)
    return out


SEPARATORS = (",", ";", "\t")


def sniff_separator(path: Path) -> str:
    """The separator used in the header line (the candidate occurring most often there)."""
    try:
        with path.open("rb") as fh:
            head = fh.readline(64 * 1024).decode("utf-8", errors="replace")
    except OSError as exc:
        raise InputFileError(f"cannot read file: {exc.strerror}", source=str(path)) from exc
    counts = {sep: head.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def csv_rows(
    path: Path, batch_size: int, header: list[Problem], *, progress: bool = False
) -> Iterator[list[ParsedRow]]:
    """Parsed rows of a CSV file, ``batch_size`` at a time; header problems go to ``header``."""
    try:
        frame = pl.scan_csv(
            path,
            separator=sniff_separator(path),
            infer_schema=False,
            empty_string_is_null=True,
            raise_if_empty=False,
        )
        columns = frame.collect_schema().names()
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputFileError(f"cannot read as CSV: {exc}", source=str(path)) from exc
    header.extend(header_problems(columns))
    known = {c for c in columns if c.split(".")[0] in set(Profile.model_fields)}
    row = 0
    try:
        with tqdm(unit="row", desc=f"reading {path.name}", disable=not progress) as bar:
            for chunk in frame.collect_batches(chunk_size=batch_size):
                batch: list[ParsedRow] = []
                for cells in chunk.iter_rows(named=True):
                    row += 1
                    batch.append(
                        record_from_cells({k: v for k, v in cells.items() if k in known}, row)
                    )
                bar.update(len(batch))
                yield batch
    except pl.exceptions.PolarsError as exc:
        raise InputFileError(
            f"malformed CSV after data row {row}: {exc}", source=str(path)
        ) from exc
