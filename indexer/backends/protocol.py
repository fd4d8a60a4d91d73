"""The one protocol every search backend implements, and the records that cross it.

Contract (tested by ``tests/contract`` against every backend):

* ``upsert`` is atomic per call: after it returns every document is visible; if it raises,
  the index is as it was before (the embedded backend) or the failed ids are named in a
  ``BulkWriteError`` and a rerun converges (OpenSearch).
* ``dense_search`` / ``lexical_search`` apply ``filt`` *inside* the search: when at least ``k``
  documents pass the filter and match, ``k`` hits come back. Hits are ordered by score
  descending, ties broken on id ascending.
* Dense scores are cosine similarities of L2-normalised vectors (in [-1, 1]).
* Lexical scores are BM25 (k1=1.2, b=0.75, Lucene's idf) over the analysed profile text,
  each profile analysed in its own ``text_language`` and the query in every language.
* Everything written survives closing and reopening the backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from indexer.backends.filters import Filter
from indexer.profile.model import Profile

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Completeness:
    """Profile completeness in [0, 1] and the components that are missing (their keys)."""

    score: float
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexedProfile:
    """A profile with everything the indexer derived from it."""

    profile: Profile
    vector: Vector  # L2-normalised, float32, shape (dimension,)
    completeness: Completeness
    content_hash: str  # hash of the profile's canonical JSON and the embedding model id

    @property
    def id(self) -> str:
        return self.profile.id


class Hit(NamedTuple):
    """One search result. A named tuple (immutable, as the frozen dataclass it was): backends
    build hundreds a search, and a tuple can be built at C speed
    (:func:`~indexer.backends.embedded.topk.top_hits`)."""

    id: str
    score: float

    def sort_key(self) -> tuple[float, str]:
        """Backend order: score descending, then profile id ascending."""
        return (-self.score, self.id)


def sort_hits(hits: list[Hit]) -> list[Hit]:
    """Hits in backend order (score descending, ties on id ascending): ``sorted`` by
    :meth:`Hit.sort_key`, done as a sort on the id, then a stable sort on the score, largest
    first (``reverse`` keeps equal scores in id order; both keys read in C)."""
    out = sorted(hits, key=_ID)
    out.sort(key=_SCORE, reverse=True)
    return out


_ID, _SCORE = attrgetter("id"), attrgetter("score")


@runtime_checkable
class SearchBackend(Protocol):
    """Where indexed profiles live and are searched."""

    @property
    def dimension(self) -> int:
        """Length of the stored vectors."""
        ...

    def upsert(self, docs: Sequence[IndexedProfile]) -> None:
        """Insert or replace these documents (by profile id), atomically."""
        ...

    def delete(self, ids: Sequence[str]) -> int:
        """Remove these ids; return how many existed. Unknown ids are ignored."""
        ...

    def get(self, ids: Sequence[str]) -> dict[str, IndexedProfile]:
        """The stored documents for these ids; unknown ids are absent from the result."""
        ...

    def count(self, filt: Filter | None = None) -> int:
        """How many documents pass the filter (all documents without one)."""
        ...

    def content_hashes(self) -> dict[str, str]:
        """Profile id → content hash of every stored document (for incremental indexing)."""
        ...

    def dense_search(self, vector: Vector, k: int, filt: Filter | None = None) -> list[Hit]:
        """The ``k`` nearest documents by cosine similarity among those passing ``filt``."""
        ...

    def lexical_search(self, text: str, k: int, filt: Filter | None = None) -> list[Hit]:
        """The ``k`` best BM25 matches for ``text`` among documents passing ``filt``.
        Documents that match no query term are not returned."""
        ...

    def close(self) -> None:
        """Release files, connections and threads."""
        ...
