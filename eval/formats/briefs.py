"""Briefs to evaluate: JSONL, one ``{"query_id": ..., "brief": {...}}`` object per line.

``brief`` is a :class:`ranking.Brief` as JSON (the same fields ``talentmatch search`` takes);
``query_id`` links it to the judgments. Every line is validated before anything is returned;
problems name the line and the dotted field (``brief.languages.0.min_level``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from eval.formats._files import as_id, raise_if, read_text_lines
from indexer.errors import Problem

if TYPE_CHECKING:
    from ranking import Brief


@dataclass(frozen=True, slots=True)
class BriefRecord:
    """A brief with the query id its judgments are filed under."""

    query_id: str
    brief: Brief


def read_briefs(path: Path | str) -> list[BriefRecord]:
    """Read and validate a briefs JSONL file (query ids must be unique)."""
    from ranking import Brief

    path = Path(path)
    problems: list[Problem] = []
    out: list[BriefRecord] = []
    seen: set[str] = set()
    for lineno, line in enumerate(read_text_lines(path), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem("<line>", f"not valid JSON ({exc.msg})", lineno))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem("<line>", "expected a JSON object", lineno))
            continue
        problems += [Problem(k, "unknown field", lineno) for k in sorted(set(obj) - {"query_id", "brief"})]
        qid = as_id(obj.get("query_id"))
        if qid is None:
            problems.append(Problem("query_id", "missing or not an identifier (non-empty, no spaces)", lineno))
        elif qid in seen:
            problems.append(Problem("query_id", f"'{qid}' is used twice", lineno))
        if not isinstance(obj.get("brief"), dict):
            problems.append(Problem("brief", "missing or not a JSON object", lineno))
            continue
        try:
            brief = Brief.model_validate(obj["brief"])
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                problems.append(Problem(f"brief.{loc}" if loc else "brief", err["msg"], lineno))
            continue
        if qid is not None and qid not in seen:
            seen.add(qid)
            out.append(BriefRecord(qid, brief))
    raise_if(problems, path)
    return out


def write_briefs(records: Iterable[BriefRecord], path: Path | str) -> Path:
    """Write briefs as JSONL (the inverse of :func:`read_briefs`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"query_id": r.query_id, "brief": r.brief.model_dump(mode="json", exclude_defaults=True)})
        for r in records
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path
