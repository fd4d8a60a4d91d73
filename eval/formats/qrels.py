"""Graded relevance judgments ("qrels"): TREC text, JSONL and Parquet.

Layouts (the format follows the file suffix, see :class:`~eval.formats._files.TableFormat`):

* TREC qrels: ``query_id  iteration  doc_id  relevance`` separated by whitespace, no header;
  the iteration column is ignored (trec_eval does the same).
* JSONL: one object per line, ``{"query_id": "q1", "doc_id": "p7", "relevance": 2}``.
* Parquet: columns ``query_id``, ``doc_id``, ``relevance`` (other columns are ignored).

Relevance is an integer grade. Grades >= 1 count as relevant for the binary measures
(trec_eval's default ``-l 1``); the grade itself is the gain of nDCG; grades <= 0 are judged
non-relevant. A (query, document) pair may be judged only once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from eval.formats._files import (
    TableFormat,
    as_id,
    as_int,
    raise_if,
    read_parquet,
    read_text_lines,
    require_columns,
)
from indexer.errors import Problem

#: query id → document id → relevance grade.
Qrels = dict[str, dict[str, int]]

COLUMNS = ("query_id", "doc_id", "relevance")


@dataclass(frozen=True, slots=True)
class Judgment:
    """One graded judgment: how relevant ``doc_id`` is to ``query_id``."""

    query_id: str
    doc_id: str
    relevance: int


def read_qrels(path: Path | str) -> Qrels:
    """Read judgments from a TREC qrels, JSONL or Parquet file (validated whole)."""
    path = Path(path)
    fmt = TableFormat.of(path)
    if fmt is TableFormat.PARQUET:
        frame = read_parquet(path)
        require_columns(frame, COLUMNS, path)
        rows = frame.select(COLUMNS).rows()
        return _collect(((i + 1, dict(zip(COLUMNS, r, strict=True))) for i, r in enumerate(rows)), path)
    lines = read_text_lines(path)
    problems: list[Problem] = []
    records: list[tuple[int, dict[str, object]]] = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if fmt is TableFormat.JSONL:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem("<line>", f"not valid JSON ({exc.msg})", lineno))
                continue
            if not isinstance(obj, dict):
                problems.append(Problem("<line>", "expected a JSON object", lineno))
                continue
            unknown = sorted(set(obj) - set(COLUMNS))
            problems += [Problem(k, "unknown field", lineno) for k in unknown]
            records.append((lineno, obj))
        else:
            parts = line.split()
            if len(parts) != 4:
                problems.append(
                    Problem("<line>", f"expected 4 columns (query_id iter doc_id relevance), got {len(parts)}", lineno)
                )
                continue
            records.append((lineno, {"query_id": parts[0], "doc_id": parts[2], "relevance": parts[3]}))
    return _collect(records, path, problems)


def _collect(
    records: Iterable[tuple[int, Mapping[str, object]]], path: Path, problems: list[Problem] | None = None
) -> Qrels:
    problems = [] if problems is None else problems
    qrels: Qrels = {}
    for row, rec in records:
        qid = as_id(rec.get("query_id"))
        did = as_id(rec.get("doc_id"))
        rel = as_int(rec.get("relevance"))
        for field, value in (("query_id", qid), ("doc_id", did)):
            if value is None:
                problems.append(Problem(field, "missing or not an identifier (non-empty, no spaces)", row))
        if rel is None:
            problems.append(Problem("relevance", f"not an integer grade: {rec.get('relevance')!r}", row))
        if qid is None or did is None or rel is None:  # unreachable; narrows the types
            continue
        judged = qrels.setdefault(qid, {})
        if did in judged:
            problems.append(Problem("doc_id", f"'{did}' is judged twice for query '{qid}'", row))
            continue
        judged[did] = rel
    raise_if(problems, path)
    return qrels


def write_qrels(qrels: Mapping[str, Mapping[str, int]], path: Path | str) -> Path:
    """Write judgments in the format the suffix names (TREC text, JSONL or Parquet)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = TableFormat.of(path)
    items = [(q, d, r) for q in sorted(qrels) for d, r in sorted(qrels[q].items())]
    if fmt is TableFormat.PARQUET:
        judgments_frame(qrels).write_parquet(path)
    elif fmt is TableFormat.JSONL:
        path.write_text(
            "".join(json.dumps({"query_id": q, "doc_id": d, "relevance": r}) + "\n" for q, d, r in items),
            encoding="utf-8",
        )
    else:
        path.write_text("".join(f"{q}\t0\t{d}\t{r}\n" for q, d, r in items), encoding="utf-8")
    return path


def judgments_frame(qrels: Mapping[str, Mapping[str, int]]) -> pl.DataFrame:
    """Judgments as a polars frame (query_id, doc_id, relevance), sorted, for notebooks."""
    items = [(q, d, r) for q in sorted(qrels) for d, r in sorted(qrels[q].items())]
    return pl.DataFrame(
        {
            "query_id": [i[0] for i in items],
            "doc_id": [i[1] for i in items],
            "relevance": [i[2] for i in items],
        },
        schema={"query_id": pl.String, "doc_id": pl.String, "relevance": pl.Int64},
    )


def qrels_from_frame(frame: pl.DataFrame) -> Qrels:
    """Judgments from a polars frame with columns query_id, doc_id, relevance (validated)."""
    require_columns(frame, COLUMNS, Path("<frame>"))
    rows = frame.select(COLUMNS).rows()
    return _collect(((i + 1, dict(zip(COLUMNS, r, strict=True))) for i, r in enumerate(rows)), Path("<frame>"))


def judgments(qrels: Mapping[str, Mapping[str, int]]) -> list[Judgment]:
    """Judgments as typed records, sorted by query then document."""
    return [Judgment(q, d, r) for q in sorted(qrels) for d, r in sorted(qrels[q].items())]
