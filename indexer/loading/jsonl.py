"""JSON Lines input: one profile object per line.

Read line by line rather than through polars' NDJSON reader on purpose: polars infers one
schema for the whole file (absent keys become nulls, integers become floats) and a single
malformed line aborts the read without saying which, while every line here is validated on
its own, exactly as written, and problems name the line. Blank lines are skipped but still
counted, so row numbers are the line numbers an editor shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError
from tqdm import tqdm

from indexer.errors import Problem
from indexer.loading.problems import RAW_LINE, problems_from
from indexer.loading.rows import MAX_RECORD_BYTES, ParsedRow
from indexer.profile.model import Profile


def _skip_rest_of_line(fh: BinaryIO) -> int:
    """Consume an oversized line up to and including its newline; return bytes read."""
    skipped = 0
    while True:
        chunk = fh.readline(1024 * 1024)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_line(lineno: int, raw: bytes) -> ParsedRow:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ParsedRow(
            lineno,
            None,
            (Problem(RAW_LINE, f"not valid UTF-8 ({exc.reason} at byte {exc.start})", lineno),),
        )
    if lineno == 1:
        text = text.removeprefix("\ufeff")
    try:
        return ParsedRow(lineno, Profile.model_validate_json(text))
    except ValidationError as exc:
        return ParsedRow(lineno, None, tuple(problems_from(exc, lineno)))


def jsonl_rows(path: Path, batch_size: int, *, progress: bool = False) -> Iterator[list[ParsedRow]]:
    """Parsed rows of a JSONL file, ``batch_size`` at a time, with a byte progress bar."""
    size = path.stat().st_size
    batch: list[ParsedRow] = []
    with (
        path.open("rb") as fh,
        tqdm(
            total=size, unit="B", unit_scale=True, desc=f"reading {path.name}", disable=not progress
        ) as bar,
    ):
        lineno = 0
        while True:
            raw = fh.readline(MAX_RECORD_BYTES + 1)
            if not raw:
                break
            lineno += 1
            read = len(raw)
            if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                read += _skip_rest_of_line(fh)
                batch.append(
                    ParsedRow(
                        lineno,
                        None,
                        (
                            Problem(
                                RAW_LINE,
                                f"line is larger than {MAX_RECORD_BYTES // (1024 * 1024)} MiB; "
                                "a profile must be smaller (is a value pasted in by mistake?)",
                                lineno,
                            ),
                        ),
                    )
                )
            elif raw.strip():
                batch.append(_parse_line(lineno, raw))
            bar.update(read)
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch
