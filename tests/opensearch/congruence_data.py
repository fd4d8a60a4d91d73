"""The same seeded profiles loaded into both backends, for the congruence tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from indexer.backends.embedded import EmbeddedBackend
from indexer.backends.opensearch import OpenSearchBackend
from indexer.backends.protocol import SearchBackend
from indexer.embedding.protocol import Embedder
from indexer.generate import generate_profiles
from indexer.pipeline import Indexer
from indexer.profile import Profile
from indexer.settings import IndexerSettings

#: The "now" of the seeded data and of every query.
AS_OF = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@dataclass
class Pair:
    """The same documents in the embedded backend and in OpenSearch."""

    embedded: SearchBackend
    opensearch: OpenSearchBackend
    profiles: list[Profile]

    def close(self) -> None:
        self.embedded.close()
        self.opensearch.close()


def load_pair(n: int, seed: int, embedder: Embedder, data_dir: Path, settings: IndexerSettings) -> Pair:
    """Index ``n`` generated profiles (seed ``seed``) with ``embedder`` into both backends."""
    profiles = list(generate_profiles(n, seed=seed, as_of=AS_OF))
    embedded = EmbeddedBackend.open(data_dir / "index", embedder.dimension)
    opensearch = OpenSearchBackend.open(settings, embedder.dimension)
    local = settings.model_copy(update={"data_dir": data_dir})
    for backend in (embedded, opensearch):
        with Indexer(backend, embedder, local) as indexer:
            indexer.index_profiles(profiles, as_of=AS_OF, progress=False)
    return Pair(embedded, opensearch, profiles)


def overlap(a: list[str], b: list[str]) -> float:
    """|a ∩ b| / max(|a|, |b|) (1.0 for two empty lists)."""
    if not a and not b:
        return 1.0
    return len(set(a) & set(b)) / max(len(a), len(b))
