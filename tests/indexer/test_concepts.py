"""Concept expansion (indexer.embedding.concepts): the formula against a direct reference,
its limits, the embedder wrapper; on a synthetic concept space (seeded)."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.embedding import ConceptExpandedEmbedder, ConceptParams, ConceptSpace, HashingEmbedder
from indexer.embedding.concept_kernel import quantised_scores
from indexer.embedding.concepts import concept_centroids, expand


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def space() -> ConceptSpace:
    rng = np.random.default_rng(11)
    return ConceptSpace("synthetic", "f" * 64, _unit(rng.standard_normal((300, 16))))


def _reference(v: np.ndarray, space: ConceptSpace, p: ConceptParams) -> np.ndarray:
    """The module docstring's formula for one vector, written out with a full sort (scores
    from the int16 form of the matrix, as documented; the centroid from the float32 rows)."""
    m = space.matrix
    s = (space.codes.astype(np.float64) * space.scales[:, None]) @ v.astype(np.float64)
    top = np.argsort(-s, kind="stable")[: p.top]
    w = np.exp((s[top] - s.max()) / p.temperature)
    w /= w.sum()
    e = (w[:, None] * m[top]).sum(axis=0)
    e /= np.linalg.norm(e)
    out = v + p.weight * e
    return out / np.linalg.norm(out)


@pytest.mark.parametrize(
    "params",
    [
        ConceptParams(),
        ConceptParams(top=1),
        ConceptParams(top=50, temperature=0.02, weight=0.3),
        ConceptParams(top=300, temperature=5.0, weight=4.0),
    ],
)
def test_expand_matches_the_formula(space: ConceptSpace, params: ConceptParams) -> None:
    rng = np.random.default_rng(12)
    vectors = _unit(rng.standard_normal((700, 16)))  # more than one chunk of 256
    got = expand(vectors, space, params)
    want = np.stack([_reference(v, space, params) for v in vectors])
    assert got.dtype == np.float32 and got.shape == vectors.shape
    np.testing.assert_allclose(got, want, atol=2e-6)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-6)


def test_quantised_scores_keep_their_error_bound(space: ConceptSpace) -> None:
    """|error| <= sqrt(d) * scale / 2 for unit vectors (Cauchy-Schwarz), plus float32 rounding."""
    rng = np.random.default_rng(16)
    v = _unit(rng.standard_normal((50, 16)))
    exact = v.astype(np.float64) @ space.matrix.T.astype(np.float64)
    got = quantised_scores(v, space.codes, space.scales)
    bound = np.sqrt(16) * space.scales.astype(np.float64) / 2 + 1e-6
    assert (np.abs(got - exact) <= bound[None, :]).all()


def test_a_vector_does_not_depend_on_the_rest_of_its_batch(space: ConceptSpace) -> None:
    """Bit for bit: a text embedded alone (a brief) or among others (indexing)."""
    rng = np.random.default_rng(17)
    batch = _unit(rng.standard_normal((300, 16)))
    params = ConceptParams(top=7)
    together = expand(batch, space, params)
    for i in (0, 1, 255, 256, 299):
        assert np.array_equal(expand(batch[i : i + 1], space, params)[0], together[i])
    assert np.array_equal(expand(batch[::-1], space, params)[::-1], together)


def test_weight_zero_and_empty_input_give_the_vectors_back(space: ConceptSpace) -> None:
    v = _unit(np.random.default_rng(13).standard_normal((5, 16)))
    assert np.array_equal(expand(v, space, ConceptParams(weight=0.0)), v)
    assert expand(np.zeros((0, 16), np.float32), space, ConceptParams()).shape == (0, 16)


def test_top_one_pulls_towards_the_nearest_concept(space: ConceptSpace) -> None:
    v = _unit(np.random.default_rng(14).standard_normal((20, 16)))
    nearest = space.matrix[np.argmax(v @ space.matrix.T, axis=1)]
    np.testing.assert_allclose(
        concept_centroids(v, space, ConceptParams(top=1)), nearest, atol=1e-6
    )


def test_two_vectors_near_one_concept_come_closer(space: ConceptSpace) -> None:
    """The point of the expansion: texts landing on the same concepts get more similar."""
    rng = np.random.default_rng(15)
    c = space.matrix[7]
    pairs = [
        _unit(np.stack([c + 0.6 * _unit(rng.standard_normal(16)) for _ in range(2)]))
        for _ in range(50)
    ]
    params = ConceptParams(top=3, temperature=0.05, weight=1.0)
    gains = [float(np.dot(*expand(p, space, params))) - float(np.dot(*p)) for p in pairs]
    assert min(gains) > 0


def test_dimension_mismatch_is_an_error(space: ConceptSpace) -> None:
    with pytest.raises(ValueError, match="dimension 16"):
        expand(np.ones((2, 8), np.float32), space, ConceptParams())
    with pytest.raises(ValueError, match="dimension 16, the model 32"):
        ConceptExpandedEmbedder(HashingEmbedder(dimension=32), space, ConceptParams())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"top": 0}, "top"),
        ({"temperature": 0.0}, "temperature"),
        ({"weight": -1.0}, "weight"),
        ({"temperature": float("nan")}, "temperature"),
    ],
)
def test_invalid_parameters_are_errors(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ConceptParams(**kwargs)  # type: ignore[arg-type]


def test_wrapper_is_an_embedder_with_its_own_model_id(space: ConceptSpace) -> None:
    inner = HashingEmbedder(dimension=16)
    wrapped = ConceptExpandedEmbedder(
        inner, space, ConceptParams(top=4, temperature=0.2, weight=0.5)
    )
    assert wrapped.model_id == f"{inner.model_id}+synthetic-ffffffffffff-top4-t0.2-w0.5"
    assert wrapped.dimension == 16
    texts = ["python developer", "wedding photographer", ""]
    np.testing.assert_array_equal(
        wrapped.encode(texts), expand(inner.encode(texts), space, wrapped.params)
    )
    other = ConceptExpandedEmbedder(inner, space, ConceptParams(top=5, temperature=0.2, weight=0.5))
    assert other.model_id != wrapped.model_id  # cached vectors of other parameters never mix


def test_a_large_batch_expanded_on_several_threads_is_the_same_to_the_bit(space: ConceptSpace) -> None:
    inner = HashingEmbedder(dimension=16)
    wrapped = ConceptExpandedEmbedder(inner, space, ConceptParams(top=5))
    texts = [f"freelancer {i} python data {i % 7} design {i % 3}" for i in range(301)]
    np.testing.assert_array_equal(wrapped.encode(texts), expand(inner.encode(texts), space, wrapped.params))
    np.testing.assert_array_equal(wrapped.encode(texts[:1])[0], wrapped.encode(texts)[0])
