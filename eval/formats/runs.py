"""Runs: the ranked documents a system returned per query, in TREC run format or Parquet.

Layouts (the format follows the file suffix):

* TREC run: ``query_id  Q0  doc_id  rank  score  run_name`` separated by whitespace, no header.
* Parquet: columns ``query_id``, ``doc_id``, ``score`` and optionally ``rank`` and ``run``.

**Order.** A run is read the way trec_eval reads it: per query, documents sorted by ``score``
descending, ties broken by ``doc_id`` *descending* (byte order); the ``rank`` column is
informational and ignored, as trec_eval ignores it. :func:`write_run` therefore writes
``score = n - rank + 1`` so that any tool reproduces the ranker's exact order (which may differ
from its raw scores, e.g. for new-profile slots); the ranker's own score, when given, is kept in
the Parquet column ``ranker_score`` (and is not used for ordering).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from eval.formats._files import (
    TableFormat,
    as_float,
    as_id,
    as_int,
    raise_if,
    read_parquet,
    read_text_lines,
    require_columns,
)
from indexer.errors import Problem

#: query id → document ids, best first (the order the metrics evaluate).
Rankings = dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class RunEntry:
    """One line of a run: ``doc_id`` at ``rank`` (1-based) for ``query_id`` with ``score``."""

    query_id: str
    doc_id: str
    rank: int
    score: float
    run: str = "talentmatch"


def order_by_score(scores: Mapping[str, float]) -> list[str]:
    """Document ids in trec_eval order: score descending, ties on doc id descending.

    trec_eval sorts each query's results with ``(sim desc, docno desc)``; Python's string
    order equals the byte order of UTF-8, so this reproduces it exactly.
    """
    # Two stable sorts: first doc id descending, then score descending.
    by_doc = sorted(scores, reverse=True)
    return sorted(by_doc, key=lambda d: -scores[d])


def read_run(path: Path | str) -> Rankings:
    """Read a TREC or Parquet run into rankings ordered the trec_eval way (validated whole)."""
    return _rank(read_run_scores(path))


def read_run_scores(path: Path | str) -> dict[str, dict[str, float]]:
    """Read a run as query id → document id → score (validated whole)."""
    path = Path(path)
    fmt = TableFormat.of(path)
    problems: list[Problem] = []
    records: list[tuple[int, object, object, object, object]] = []  # row, qid, did, rank, score
    if fmt is TableFormat.PARQUET:
        frame = read_parquet(path)
        require_columns(frame, ("query_id", "doc_id", "score"), path)
        ranks = frame["rank"].to_list() if "rank" in frame.columns else [None] * frame.height
        for i, (q, d, s, r) in enumerate(
            zip(frame["query_id"].to_list(), frame["doc_id"].to_list(), frame["score"].to_list(), ranks, strict=True)
        ):
            records.append((i + 1, q, d, r, s))
    elif fmt is TableFormat.TREC:
        for lineno, line in enumerate(read_text_lines(path), start=1):
            if not line.strip():
                continue
            parts = line.split()
            if len(parts) != 6:
                problems.append(
                    Problem("<line>", f"expected 6 columns (query_id Q0 doc_id rank score run), got {len(parts)}", lineno)
                )
                continue
            records.append((lineno, parts[0], parts[2], parts[3], parts[4]))
    else:
        raise_if([Problem("<file>", "runs are TREC text or Parquet, not JSONL")], path)
    run: dict[str, dict[str, float]] = {}
    for row, q, d, r, s in records:
        qid, did, score = as_id(q), as_id(d), as_float(s)
        if qid is None:
            problems.append(Problem("query_id", "missing or not an identifier", row))
        if did is None:
            problems.append(Problem("doc_id", "missing or not an identifier", row))
        if score is None:
            problems.append(Problem("score", f"not a finite number: {s!r}", row))
        if r is not None and (as_int(r) is None or (as_int(r) or 0) < 0):
            problems.append(Problem("rank", f"not a non-negative integer: {r!r}", row))
        if qid is None or did is None or score is None:
            continue
        scores = run.setdefault(qid, {})
        if did in scores:
            problems.append(Problem("doc_id", f"'{did}' appears twice for query '{qid}'", row))
            continue
        scores[did] = score
    raise_if(problems, path)
    return run


def _rank(run: Mapping[str, Mapping[str, float]]) -> Rankings:
    return {q: order_by_score(s) for q, s in run.items()}


def entries(rankings: Mapping[str, Sequence[str]], run: str = "talentmatch") -> list[RunEntry]:
    """Rankings as typed run lines, with the order-preserving score ``n - rank + 1``."""
    out: list[RunEntry] = []
    for q in sorted(rankings):
        docs = list(rankings[q])
        n = len(docs)
        out += [RunEntry(q, d, i + 1, float(n - i), run) for i, d in enumerate(docs)]
    return out


def run_frame(
    rankings: Mapping[str, Sequence[str]],
    run: str = "talentmatch",
    ranker_scores: Mapping[str, Mapping[str, float]] | None = None,
) -> pl.DataFrame:
    """A run as a polars frame (query_id, doc_id, rank, score, run[, ranker_score])."""
    rows = entries(rankings, run)
    data: dict[str, list[object]] = {
        "query_id": [e.query_id for e in rows],
        "doc_id": [e.doc_id for e in rows],
        "rank": [e.rank for e in rows],
        "score": [e.score for e in rows],
        "run": [e.run for e in rows],
    }
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "query_id": pl.String, "doc_id": pl.String, "rank": pl.Int64, "score": pl.Float64, "run": pl.String,
    }
    if ranker_scores is not None:
        data["ranker_score"] = [ranker_scores.get(e.query_id, {}).get(e.doc_id) for e in rows]
        schema["ranker_score"] = pl.Float64
    return pl.DataFrame(data, schema=schema)


def write_run(
    rankings: Mapping[str, Sequence[str]],
    path: Path | str,
    run: str = "talentmatch",
    ranker_scores: Mapping[str, Mapping[str, float]] | None = None,
) -> Path:
    """Write rankings as a TREC run (any suffix but ``.parquet``) or a Parquet run."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if TableFormat.of(path) is TableFormat.PARQUET:
        run_frame(rankings, run, ranker_scores).write_parquet(path)
    else:
        path.write_text(
            "".join(f"{e.query_id} Q0 {e.doc_id} {e.rank} {e.score:g} {e.run}\n" for e in entries(rankings, run)),
            encoding="utf-8",
        )
    return path
