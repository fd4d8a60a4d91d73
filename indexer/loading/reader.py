"""Reading a profile file whole: format by extension, every row validated, duplicates caught.

A file is accepted only if every row is valid; otherwise :class:`InvalidInputError` lists
every problem (row and field). Callers that write (the indexer) validate the whole file
before writing anything, so a bad file leaves the index exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from indexer.errors import InputFileError, InvalidInputError, Problem
from indexer.loading.csv import csv_rows
from indexer.loading.jsonl import jsonl_rows
from indexer.loading.parquet import parquet_rows
from indexer.loading.rows import ParsedRow
from indexer.profile.model import Profile

#: Rows parsed and validated at a time (bounded memory, progress updates).
DEFAULT_BATCH_SIZE = 5000


class FileFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


_EXTENSIONS = {
    ".jsonl": FileFormat.JSONL,
    ".ndjson": FileFormat.JSONL,
    ".csv": FileFormat.CSV,
    ".parquet": FileFormat.PARQUET,
    ".pq": FileFormat.PARQUET,
}


def detect_format(path: Path) -> FileFormat:
    """The format named by the file's extension; anything else is an :class:`InputFileError`."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_EXTENSIONS))
        raise InputFileError(
            f"unknown file type '{path.suffix or '(none)'}'; expected one of {known}",
            source=str(path),
        )
    return fmt


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputFileError("file not found", source=str(path))
    if not path.is_file():
        raise InputFileError("not a regular file", source=str(path))


def _raw_batches(
    path: Path, batch_size: int, header: list[Problem], progress: bool
) -> Iterator[list[ParsedRow]]:
    _check_readable(path)
    fmt = detect_format(path)
    if fmt is FileFormat.JSONL:
        return jsonl_rows(path, batch_size, progress=progress)
    if fmt is FileFormat.CSV:
        return csv_rows(path, batch_size, header, progress=progress)
    return parquet_rows(path, batch_size, header, progress=progress)


class _Checker:
    """Collects problems across batches and catches ids seen twice in one file."""

    def __init__(self) -> None:
        self.first_row: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.rows = 0

    def check(self, batch: list[ParsedRow]) -> list[Profile]:
        good: list[Profile] = []
        for parsed in batch:
            self.rows += 1
            if parsed.profile is None:
                self.problems.extend(parsed.problems)
                continue
            pid = parsed.profile.id
            first = self.first_row.setdefault(pid, parsed.row)
            if first != parsed.row:
                self.problems.append(
                    Problem("id", f"duplicate id {pid!r} (first used on row {first})", parsed.row)
                )
                continue
            good.append(parsed.profile)
        return good


def iter_profile_batches(
    path: Path, *, batch_size: int = DEFAULT_BATCH_SIZE, progress: bool = False
) -> Iterator[list[Profile]]:
    """Valid profiles of ``path`` batch by batch; raises at the end if anything was invalid.

    The error is raised only after the last row was read, so it lists every problem. Callers
    must therefore not write what they receive before the generator is exhausted — use
    :func:`validate_file` first, or :func:`read_profiles`.
    """
    path = Path(path)
    header: list[Problem] = []
    checker = _Checker()
    for batch in _raw_batches(path, batch_size, header, progress):
        good = checker.check(batch)
        yield good
    problems = header + sorted(checker.problems, key=lambda p: p.row or 0)
    if problems:
        raise InvalidInputError(problems, source=str(path))


def validate_file(
    path: Path, *, batch_size: int = DEFAULT_BATCH_SIZE, progress: bool = False
) -> int:
    """Validate every row of ``path`` without keeping the profiles; return the row count.

    Raises :class:`InvalidInputError` listing every problem.
    """
    count = 0
    for batch in iter_profile_batches(path, batch_size=batch_size, progress=progress):
        count += len(batch)
    return count


def read_profiles(
    path: Path, *, batch_size: int = DEFAULT_BATCH_SIZE, progress: bool = False
) -> list[Profile]:
    """Every profile of ``path`` (JSONL, CSV or Parquet), or :class:`InvalidInputError` naming
    each bad row and field (the first 100 spelled out, then a count)."""
    out: list[Profile] = []
    for batch in iter_profile_batches(path, batch_size=batch_size, progress=progress):
        out.extend(batch)
    return out
