"""The comparison report as JSON (stable keys, floats as numbers, for scripts and notebooks)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from eval.comparison import ComparisonReport


def report_to_dict(report: ComparisonReport) -> dict[str, Any]:
    """Plain-data form of the report (dataclasses → dicts, tuples → lists)."""
    return dataclasses.asdict(report)


def write_json(report: ComparisonReport, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_to_dict(report), indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return path
