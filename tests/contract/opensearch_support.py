"""OpenSearch stores for the backend contract suite (and the OpenSearch-specific tests).

``make_opensearch_store(name, dimension=...)`` returns a callable that opens the same alias on
the real OpenSearch every time (the one ``scripts/opensearch.sh start`` runs, or
``TALENTMATCH_OPENSEARCH_URL``); its ``cleanup()`` drops the alias and its physical indices.
Names carry the process id and a random token, so concurrent test runs against one server
never share an index. An unreachable server fails the test with the start hint — never a skip.
"""

from __future__ import annotations

import os
import secrets

from indexer.backends.opensearch import OpenSearchBackend
from indexer.backends.opensearch.aliases import AliasManager
from indexer.backends.opensearch.client import make_client
from indexer.settings import BackendKind, IndexerSettings

DEFAULT_DIMENSION = 16


def store_settings(name: str) -> IndexerSettings:
    """Settings pointing at a unique test alias derived from ``name``."""
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "store"
    alias = f"tm-test-{slug}-{os.getpid()}-{secrets.token_hex(3)}"
    return IndexerSettings(backend=BackendKind.OPENSEARCH, opensearch_index=alias)


def drop_indices(settings: IndexerSettings) -> None:
    """Delete the alias of ``settings`` and every ``<alias>-v<N>`` index."""
    client = make_client(settings)
    try:
        AliasManager(client, settings.opensearch_url, settings.opensearch_index).drop_all()
    finally:
        client.close()


class OpenSearchStore:
    """Opens ``OpenSearchBackend`` on one test alias; ``cleanup()`` drops it."""

    def __init__(self, name: str, dimension: int = DEFAULT_DIMENSION) -> None:
        self.settings = store_settings(name)
        self.dimension = dimension

    def __call__(self) -> OpenSearchBackend:
        return OpenSearchBackend.open(self.settings, self.dimension)

    def cleanup(self) -> None:
        drop_indices(self.settings)


def make_opensearch_store(name: str, dimension: int = DEFAULT_DIMENSION) -> OpenSearchStore:
    return OpenSearchStore(name, dimension)
