"""Were the stored vectors made by this embedder? A check before searching an index.

A query vector is only comparable with profile vectors made by the same model, runtime
precision and concept expansion. The index does not record which embedder wrote it, and a
mismatch fails silently: searches still answer, with worse results. That happens after an
upgrade that changes the default embedder (concept expansion, 2026-11-23) or a changed
setting, when the index is served before it is indexed again.

:func:`check_embedder_matches_index` embeds the embedding text of a few stored profiles again
and compares with their stored vectors. Measured: the same model in int8 against fp32 agrees
to cosine ≥ 0.9959 (50 generated profiles), ≥ 0.984 when both are concept expanded (400
texts, ``benchmarks.bench_embedding``: the expansion's top concepts can differ); concept
expanded against not, ≤ 0.939 (median 0.898); other models agree far less. So a cosine under
:data:`MIN_COSINE` means another embedder.
The profiles are the nearest ones to a fixed, seeded probe vector (deterministic, cheap on
both backends); an empty index passes.
"""

from __future__ import annotations

import numpy as np

from indexer.backends.protocol import SearchBackend
from indexer.embedding.protocol import Embedder
from indexer.errors import ConfigurationError
from indexer.text import embedding_text

#: Below this cosine between a stored vector and its text embedded again, the embedders differ.
MIN_COSINE = 0.97
#: Profiles checked.
SAMPLE = 3


def check_embedder_matches_index(
    backend: SearchBackend, embedder: Embedder, *, sample: int = SAMPLE, min_cosine: float = MIN_COSINE
) -> float | None:
    """The smallest cosine found (``None`` for an empty index); raises
    :class:`~indexer.errors.ConfigurationError` when it is under ``min_cosine``."""
    probe = np.random.default_rng(0).standard_normal(embedder.dimension).astype(np.float32)
    probe /= np.linalg.norm(probe)
    hits = backend.dense_search(probe, sample)
    docs = backend.get([h.id for h in hits])
    if not docs:
        return None
    ids = sorted(docs)
    stored = np.stack([np.asarray(docs[i].vector, dtype=np.float32) for i in ids])
    fresh = embedder.encode([embedding_text(docs[i].profile) for i in ids])
    worst = float((stored * fresh).sum(axis=1).min())
    if worst < min_cosine:
        raise ConfigurationError(
            f"the index's vectors were not made by the configured embedding model "
            f"({embedder.model_id}): embedding {len(ids)} stored profiles again gives a cosine "
            f"of {worst:.3f} with their stored vectors (at least {min_cosine} expected). Index "
            "the profiles again with `talentmatch index`, or configure the model the index was "
            "built with (TALENTMATCH_MODEL_PATH, TALENTMATCH_EMBEDDING_BACKEND, "
            "TALENTMATCH_EMBEDDING_PRECISION, TALENTMATCH_CONCEPT_EXPANSION)"
        )
    return worst
