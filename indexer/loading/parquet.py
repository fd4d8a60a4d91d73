"""Parquet input: one profile per row, columns named as the profile's fields.

Nested fields are Parquet structs and lists (what ``polars`` or ``pandas`` write from the
same records as the JSONL form). Null values mean "not given", as in CSV. Timestamp columns
must carry a time zone; a naive timestamp is reported like any other invalid value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
from tqdm import tqdm

from indexer.errors import InputFileError, Problem
from indexer.loading.rows import ParsedRow, drop_nulls, validate_mapping
from indexer.profile.model import Profile


def parquet_rows(
    path: Path, batch_size: int, header: list[Problem], *, progress: bool = False
) -> Iterator[list[ParsedRow]]:
    """Parsed rows of a Parquet file, ``batch_size`` at a time, with a row progress bar."""
    try:
        frame = pl.scan_parquet(path)
        columns = frame.collect_schema().names()
        total = frame.select(pl.len()).collect().item()
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputFileError(f"cannot read as Parquet: {exc}", source=str(path)) from exc
    header.extend(
        Problem(c, "unknown column (not a profile field)", None)
        for c in columns
        if c not in Profile.model_fields
    )
    known = [c for c in columns if c in Profile.model_fields]
    row = 0
    try:
        with tqdm(
            total=total, unit="row", desc=f"reading {path.name}", disable=not progress
        ) as bar:
            for chunk in frame.select(known).collect_batches(chunk_size=batch_size):
                batch: list[ParsedRow] = []
                for record in chunk.iter_rows(named=True):
                    row += 1
                    batch.append(validate_mapping(row, drop_nulls(record), []))
                bar.update(len(batch))
                yield batch
    except pl.exceptions.PolarsError as exc:
        raise InputFileError(
            f"cannot read Parquet after row {row}: {exc}", source=str(path)
        ) from exc
