"""File formats of offline evaluation: briefs, graded judgments (qrels) and runs.

Every reader validates the whole file first and raises
:class:`indexer.errors.InvalidInputError` naming the line (or Parquet row) and the field of
every problem; a file that cannot be opened at all raises :class:`indexer.errors.InputFileError`.
"""

from eval.formats.briefs import BriefRecord, read_briefs, write_briefs
from eval.formats.qrels import (
    Judgment,
    Qrels,
    judgments_frame,
    qrels_from_frame,
    read_qrels,
    write_qrels,
)
from eval.formats.runs import (
    Rankings,
    RunEntry,
    order_by_score,
    read_run,
    run_frame,
    write_run,
)

__all__ = [
    "BriefRecord",
    "Judgment",
    "Qrels",
    "Rankings",
    "RunEntry",
    "judgments_frame",
    "order_by_score",
    "qrels_from_frame",
    "read_briefs",
    "read_qrels",
    "read_run",
    "run_frame",
    "write_briefs",
    "write_qrels",
    "write_run",
]
