"""A persistent content-hash cache of embeddings, and an embedder that uses it.

Key: ``(model_id, sha256(text))``. A profile whose *embedded text* did not change (a new
login, a sanction, a rate change) hits the cache, so re-indexing embeds nothing for it, and
vectors of different models or precisions never mix because the model id includes both.

Storage: one SQLite file (default ``<data_dir>/embedding-cache.sqlite``), a table of
float32 vector blobs. Each ``put`` is one transaction, so a crash leaves either all or none
of a batch's vectors; WAL mode lets readers continue while a writer commits. Size: about
``dimension * 4 + 80`` bytes per distinct text (≈1.6 KB for MiniLM).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from indexer.embedding.protocol import Embedder
from indexer.errors import EmbeddingError

CACHE_FILE_NAME = "embedding-cache.sqlite"
_SQLITE_MAX_VARS = 900


def text_hash(text: str) -> bytes:
    """The cache key of a text (sha256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors by ``(model_id, text hash)`` in a SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " model_id TEXT NOT NULL, text_hash BLOB NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (model_id, text_hash)) WITHOUT ROWID"
            )
            self._db.commit()
        except (sqlite3.Error, OSError) as exc:
            raise EmbeddingError(f"cannot open the embedding cache {self.path}: {exc}") from exc

    @classmethod
    def in_dir(cls, data_dir: Path) -> EmbeddingCache:
        return cls(Path(data_dir) / CACHE_FILE_NAME)

    def get_many(
        self, model_id: str, hashes: Iterable[bytes], dimension: int
    ) -> dict[bytes, npt.NDArray[np.float32]]:
        """The cached vectors among ``hashes`` (absent keys are missing from the result)."""
        keys = list(dict.fromkeys(hashes))
        found: dict[bytes, npt.NDArray[np.float32]] = {}
        for start in range(0, len(keys), _SQLITE_MAX_VARS):
            chunk = keys[start : start + _SQLITE_MAX_VARS]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT text_hash, vector FROM vectors WHERE model_id = ? AND text_hash IN ({marks})",
                [model_id, *chunk],
            )
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (dimension,):
                    found[bytes(key)] = vec
        return found

    def put_many(
        self, model_id: str, items: Iterable[tuple[bytes, npt.NDArray[np.float32]]]
    ) -> None:
        """Store vectors, all in one transaction."""
        rows = [
            (model_id, key, np.ascontiguousarray(vec, dtype=np.float32).tobytes())
            for key, vec in items
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise EmbeddingError(f"cannot write the embedding cache {self.path}: {exc}") from exc

    def count(self, model_id: str | None = None) -> int:
        if model_id is None:
            return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])
        return int(
            self._db.execute(
                "SELECT COUNT(*) FROM vectors WHERE model_id = ?", (model_id,)
            ).fetchone()[0]
        )

    def close(self) -> None:
        self._db.close()


class CachedEmbedder:
    """An :class:`Embedder` that asks the wrapped one only for texts not in the cache.

    Repeated texts inside one call are embedded once. ``model_id`` and ``dimension`` are the
    wrapped embedder's, so vectors are interchangeable with uncached ones.
    """

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        #: How many texts the wrapped model actually embedded through this wrapper.
        self.embedded_texts = 0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        keys = [text_hash(t) for t in texts]
        known = self.cache.get_many(self.model_id, keys, self.dimension)
        todo: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in known and key not in todo:
                todo[key] = text
        if todo:
            fresh = self.inner.encode(list(todo.values()), progress=progress)
            self.embedded_texts += len(todo)
            new = dict(zip(todo, fresh, strict=True))
            self.cache.put_many(self.model_id, new.items())
            known.update(new)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = known[key]
        return out
