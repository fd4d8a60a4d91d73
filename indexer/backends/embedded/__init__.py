"""The embedded search backend: vectors, BM25 and filter columns in a local directory."""

from indexer.backends.embedded.backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
