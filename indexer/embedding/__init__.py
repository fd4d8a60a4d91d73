"""Embedding models: the protocol, the sentence-transformers and onnx implementations, concept
expansion over the ESCO taxonomy, a test double, and the persistent content-hash cache."""

from indexer.embedding.cache import CachedEmbedder, EmbeddingCache, text_hash
from indexer.embedding.concepts import ConceptExpandedEmbedder, ConceptParams, ConceptSpace
from indexer.embedding.cpu import cpu_supports_bf16
from indexer.embedding.hashing import HashingEmbedder
from indexer.embedding.protocol import Embedder
from indexer.embedding.sentence_transformer import (
    BF16_MIN_COSINE,
    SentenceTransformerEmbedder,
    default_model_path,
    load_base_embedder,
    load_embedder,
)

__all__ = [
    "BF16_MIN_COSINE",
    "CachedEmbedder",
    "ConceptExpandedEmbedder",
    "ConceptParams",
    "ConceptSpace",
    "Embedder",
    "EmbeddingCache",
    "HashingEmbedder",
    "SentenceTransformerEmbedder",
    "cpu_supports_bf16",
    "default_model_path",
    "load_base_embedder",
    "load_embedder",
    "text_hash",
]
