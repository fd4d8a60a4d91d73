"""Loading profile files (JSONL, CSV, Parquet) with whole-file validation.

``read_profiles(path)`` returns every profile or raises :class:`~indexer.errors.InvalidInputError`
listing each problem with its row (the line number for JSONL, the data-row number for CSV and
Parquet) and field. See :mod:`indexer.loading.csv` for how nested fields are written in CSV.
"""

from indexer.loading.reader import (
    DEFAULT_BATCH_SIZE,
    FileFormat,
    detect_format,
    iter_profile_batches,
    read_profiles,
    validate_file,
)
from indexer.loading.rows import MAX_RECORD_BYTES

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "MAX_RECORD_BYTES",
    "FileFormat",
    "detect_format",
    "iter_profile_batches",
    "read_profiles",
    "validate_file",
]
