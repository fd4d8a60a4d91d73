"""The OpenSearch search backend: profiles in a (possibly remote) OpenSearch cluster.

Modules, one concern each:

* :mod:`.client`    connection from :class:`~indexer.settings.IndexerSettings`, error mapping
* :mod:`.mapping`   index settings, analyzers (mirroring :mod:`indexer.analysis`) and mapping
* :mod:`.documents` :class:`~indexer.backends.protocol.IndexedProfile` ⇄ OpenSearch document
* :mod:`.query`     the filter algebra compiled to query DSL, dense and lexical requests
* :mod:`.bulk`      batched bulk writes with retries and exponential backoff
* :mod:`.aliases`   versioned physical indices behind an alias, zero-downtime re-index
* :mod:`.backend`   :class:`OpenSearchBackend`, the ``SearchBackend`` implementation
"""

from indexer.backends.opensearch.backend import OpenSearchBackend

__all__ = ["OpenSearchBackend"]
