"""Search backends: the protocol, the filter language, the embedded and OpenSearch implementations."""

from indexer.backends.factory import open_backend
from indexer.backends.protocol import (
    Completeness,
    Hit,
    IndexedProfile,
    SearchBackend,
    Vector,
    sort_hits,
)

__all__ = [
    "Completeness",
    "Hit",
    "IndexedProfile",
    "SearchBackend",
    "Vector",
    "open_backend",
    "sort_hits",
]
