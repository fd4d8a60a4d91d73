"""The indexing pipeline: validate → completeness → text → embed (cached) → write."""

from indexer.pipeline.content_hash import canonical_json, content_hash
from indexer.pipeline.indexer import Indexer
from indexer.pipeline.source import STREAM_ABOVE_BYTES, ValidatedFile, validate_source
from indexer.pipeline.summary import IndexSummary

__all__ = [
    "STREAM_ABOVE_BYTES",
    "IndexSummary",
    "Indexer",
    "ValidatedFile",
    "canonical_json",
    "content_hash",
    "validate_source",
]
