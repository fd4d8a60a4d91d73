"""Concept expansion: each vector pulled towards the occupations and skills it is closest to.

A sentence model places "Automotive Engineer" nearer to "Mechanical Design Engineer" than to
"Powertrain Engineer", although a recruiter puts the last two in one occupation. A taxonomy
knows better: the ESCO occupation *automotive engineer* names powertrains in its description.
Concept expansion moves every vector, profiles' and briefs' alike, towards the taxonomy
concepts (occupations and skills, each embedded once with the same model, rows of ``M``) it
resembles most, so two texts that land on the same concepts come closer::

    s    = M v                              cosine of v with every concept (unit rows, unit v;
                                            M quantised to int16 per row, see concept_kernel)
    T(v) = the `top` concepts with the largest s
    p_c  = exp((s_c - max s) / τ) / Σ_{c' ∈ T(v)} exp((s_c' - max s) / τ)     for c ∈ T(v)
    e(v) = normalise(Σ_{c ∈ T(v)} p_c M_c)  the concept centroid of v
    v'   = normalise(v + w · e(v))

``w = 0`` gives ``v`` back. The expanded vectors are ordinary unit vectors, so both backends
store and search them unchanged; queries must be expanded with the same concepts and
parameters, which :class:`ConceptExpandedEmbedder` guarantees by being *the* embedder (its
model id names the concepts and parameters, so cached vectors never mix).

Defaults (``top`` 10, ``τ`` 0.1, ``w`` 1.0) were chosen on the dev half of the job-title
benchmark (``eval/README.md``), one setting for all languages; dense-only MAP on all English
queries 0.478 → 0.531. Cost: one ``M v`` (17,597 × 384) per vector on the calling thread,
~0.25 ms per vector on this machine (:mod:`indexer.embedding.concept_kernel`: no BLAS threads).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from indexer.embedding.concept_kernel import quantise_rows, quantised_scores, weighted_rows
from indexer.embedding.protocol import Embedder

#: Vectors expanded per matrix product (bounds the ``len × n_concepts`` score block).
_CHUNK = 256
#: Rows per thread below which a batch is expanded on the calling thread alone.
PARALLEL_MIN_ROWS = 32


@dataclass(frozen=True, slots=True)
class ConceptParams:
    """``top`` concepts per vector, softmax temperature ``temperature`` (τ) and the weight
    ``weight`` (w) of the concept centroid (see the module docstring)."""

    top: int = 10
    temperature: float = 0.1
    weight: float = 1.0

    def __post_init__(self) -> None:
        if self.top < 1:
            raise ValueError("top must be >= 1")
        if not self.temperature > 0:
            raise ValueError("temperature must be > 0")
        if not self.weight >= 0:
            raise ValueError("weight must be >= 0")

    @property
    def tag(self) -> str:
        return f"top{self.top}-t{self.temperature:g}-w{self.weight:g}"


@dataclass(frozen=True)
class ConceptSpace:
    """The concept vectors (``matrix``: unit rows, float32) of one taxonomy and one model.
    ``fingerprint`` identifies the taxonomy's data (see :mod:`indexer.embedding.esco`);
    ``codes`` and ``scales`` are the int16 form the scores are computed with
    (:mod:`indexer.embedding.concept_kernel`)."""

    name: str
    fingerprint: str
    matrix: npt.NDArray[np.float32]
    codes: npt.NDArray[np.int16] = field(init=False, repr=False)
    scales: npt.NDArray[np.float32] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        m = self.matrix
        if m.ndim != 2 or m.shape[0] == 0 or m.dtype != np.float32:
            raise ValueError("the concept matrix must be a non-empty 2-d float32 array")
        codes, scales = quantise_rows(m)
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "scales", scales)

    @property
    def dimension(self) -> int:
        return int(self.matrix.shape[1])

    def __len__(self) -> int:
        return int(self.matrix.shape[0])


def _normalise(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


def concept_centroids(
    vectors: npt.NDArray[np.float32], space: ConceptSpace, params: ConceptParams
) -> npt.NDArray[np.float32]:
    """``e(v)`` of every row of ``vectors`` (module docstring), unit rows. Each row's result
    depends on that row alone (the kernels' loops, the top concepts in index order)."""
    top = min(params.top, len(space))
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    out = np.empty((vectors.shape[0], space.dimension), dtype=np.float32)
    for a in range(0, vectors.shape[0], _CHUNK):
        s = quantised_scores(vectors[a : a + _CHUNK], space.codes, space.scales)
        idx = np.sort(np.argpartition(-s, top - 1, axis=1)[:, :top], axis=1)
        chosen = np.take_along_axis(s, idx, axis=1).astype(np.float64)
        p = np.exp((chosen - chosen.max(axis=1, keepdims=True)) / params.temperature)
        p /= p.sum(axis=1, keepdims=True)
        out[a : a + len(s)] = weighted_rows(p, idx, space.matrix)
    return _normalise(out)


def expand(
    vectors: npt.NDArray[np.float32], space: ConceptSpace, params: ConceptParams
) -> npt.NDArray[np.float32]:
    """``v' = normalise(v + w · e(v))`` for every row (module docstring)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[1] != space.dimension:
        raise ValueError(
            f"expected vectors of dimension {space.dimension}, got shape {vectors.shape}"
        )
    if vectors.shape[0] == 0 or params.weight == 0:
        return vectors
    return _normalise(
        vectors + np.float32(params.weight) * concept_centroids(vectors, space, params)
    )


class ConceptExpandedEmbedder:
    """An :class:`~indexer.embedding.protocol.Embedder` whose vectors are ``inner``'s, concept
    expanded (module docstring). Its ``model_id`` is ``inner``'s plus the taxonomy's
    fingerprint and the parameters."""

    def __init__(self, inner: Embedder, space: ConceptSpace, params: ConceptParams) -> None:
        if space.dimension != inner.dimension:
            raise ValueError(
                f"the concept vectors have dimension {space.dimension}, the model {inner.dimension}"
            )
        self.inner = inner
        self.space = space
        self.params = params
        self._model_id = f"{inner.model_id}+{space.name}-{space.fingerprint[:12]}-{params.tag}"

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> npt.NDArray[np.float32]:
        """L2-normalised, concept-expanded float32 vectors, in input order. A batch of at
        least ``2 * PARALLEL_MIN_ROWS`` texts is expanded in slices on one thread per CPU (the
        kernels release the GIL, and each row's result does not depend on its slice); a brief
        stays on the calling thread."""
        vectors = self.inner.encode(texts, progress=progress)
        workers = min(os.cpu_count() or 1, len(vectors) // PARALLEL_MIN_ROWS)
        if workers < 2:
            return expand(vectors, self.space, self.params)
        bounds = np.linspace(0, len(vectors), workers + 1).astype(int).tolist()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="concepts") as pool:
            parts = pool.map(
                lambda ab: expand(vectors[ab[0] : ab[1]], self.space, self.params),
                itertools.pairwise(bounds),
            )
            return np.concatenate(list(parts))
