"""Embedding models: the protocol, the sentence-transformers implementation, a test double."""
