"""Opening the configured search backend."""

from __future__ import annotations

from indexer.backends.protocol import SearchBackend
from indexer.errors import ConfigurationError
from indexer.settings import BackendKind, IndexerSettings


def open_backend(settings: IndexerSettings, dimension: int) -> SearchBackend:
    """The backend ``settings.backend`` names, opened for vectors of ``dimension``.

    * ``embedded``: a local index in ``settings.data_dir / "index"``;
    * ``opensearch``: the cluster at ``settings.opensearch_url``, alias ``settings.opensearch_index``.
    """
    if settings.backend is BackendKind.EMBEDDED:
        from indexer.backends.embedded import EmbeddedBackend

        return EmbeddedBackend.open(settings.data_dir / "index", dimension,
                                    preload_documents=settings.preload_documents)
    # --- OpenSearch branch (the OpenSearch helper owns indexer/backends/opensearch/) ---------
    if settings.backend is BackendKind.OPENSEARCH:
        from indexer.backends.opensearch import OpenSearchBackend  # imported lazily: optional

        return OpenSearchBackend.open(settings, dimension)
    raise ConfigurationError(f"unknown backend {settings.backend!r}")
