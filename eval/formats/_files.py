"""Small helpers shared by the readers: opening files, telling formats apart, row problems."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import polars as pl

from indexer.errors import InputFileError, InvalidInputError, Problem


class TableFormat(StrEnum):
    """How a judgments or run file is laid out, chosen from its suffix."""

    TREC = "trec"  # whitespace-separated text, no header
    JSONL = "jsonl"
    PARQUET = "parquet"

    @classmethod
    def of(cls, path: Path) -> TableFormat:
        """``.parquet`` → Parquet, ``.jsonl``/``.ndjson`` → JSONL, anything else → TREC text."""
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            return cls.PARQUET
        if suffix in (".jsonl", ".ndjson"):
            return cls.JSONL
        return cls.TREC


def read_text_lines(path: Path) -> list[str]:
    """All lines of a UTF-8 text file (without line ends); a clear error if it cannot be read."""
    if not path.is_file():
        raise InputFileError("file does not exist", source=str(path))
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputFileError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source=str(path)) from exc
    except OSError as exc:
        raise InputFileError(f"cannot read: {exc.strerror}", source=str(path)) from exc


def read_parquet(path: Path) -> pl.DataFrame:
    """A Parquet file as a polars frame; a clear error if it is missing or not Parquet."""
    if not path.is_file():
        raise InputFileError("file does not exist", source=str(path))
    try:
        return pl.read_parquet(path)
    except Exception as exc:  # polars raises several unrelated types for a broken file
        raise InputFileError(f"not a readable Parquet file ({type(exc).__name__})", source=str(path)) from exc


def require_columns(frame: pl.DataFrame, columns: tuple[str, ...], path: Path) -> None:
    """Raise naming every required column the frame lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidInputError(
            [Problem(field=c, message="required column is missing") for c in missing], source=str(path)
        )


def raise_if(problems: list[Problem], path: Path) -> None:
    """Raise one error listing every problem, if there are any."""
    if problems:
        raise InvalidInputError(problems, source=str(path))


def as_int(value: object) -> int | None:
    """``value`` as an integer if it is one (``3``, ``"3"``, ``3.0``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def as_float(value: object) -> float | None:
    """``value`` as a finite float if it is a number (or a numeric string), else ``None``."""
    if isinstance(value, bool):
        return None
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if out != out or out in (float("inf"), float("-inf")):
        return None
    return out


def as_id(value: object) -> str | None:
    """A non-empty identifier without whitespace (query or document id), else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value) if isinstance(value, int | str) else None
    if text is None or not text or any(ch.isspace() for ch in text):
        return None
    return text
