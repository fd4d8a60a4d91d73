"""Real MiniLM embeddings for recall measurements, computed once and cached on disk.

``real_embeddings(n)`` embeds the :func:`indexer.text.embedding_text` of ``n`` generated
profiles (seed 7) with the configured model (default all-MiniLM-L6-v2); ``query_embeddings``
embeds brief-like texts (headline and skills of other generated profiles, seed 8). Both are
cached under ``bench-output/`` (named with a hash of the embedder's model id) so later runs
start at once.

To stand in for a million real profiles, :func:`realistic_vectors` mixes each real
embedding (row i uses real vector i mod n) with another random one and a little Gaussian
noise: the rows keep the real data's clustered geometry (uniformly random 384-d vectors have
none, an unrepresentative worst case for graph search) without being near-duplicates of each
other. Queries are real embeddings of other, brief-like texts.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
from pathlib import Path

import numpy as np

OUT = Path("bench-output")


@functools.cache
def _embedder():  # type: ignore[no-untyped-def]
    from indexer.embedding import load_embedder
    from indexer.settings import IndexerSettings

    return load_embedder(IndexerSettings())


def _tag() -> str:
    """Short hash of the configured embedder's model id: caches of different embedders (say,
    before and after concept expansion) never stand in for each other."""
    return hashlib.sha256(_embedder().model_id.encode()).hexdigest()[:10]


def _embed(texts: list[str]) -> np.ndarray:
    from tqdm import tqdm

    embedder = _embedder()
    chunks = []
    for a in tqdm(range(0, len(texts), 500), desc="embedding (cached afterwards)", unit="x500"):
        chunks.append(np.asarray(embedder.encode(texts[a : a + 500]), dtype=np.float32))
    return np.concatenate(chunks)


def real_embeddings(n: int, out: Path = OUT) -> np.ndarray:
    path = out / f"minilm-profiles-{n}-{_tag()}.npy"
    if path.exists():
        return np.load(path)
    from indexer.generate import generate_profiles
    from indexer.text import embedding_text

    texts = [embedding_text(p) for p in generate_profiles(n, seed=7)]
    vecs = _embed(texts)
    out.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def query_texts(n: int) -> list[str]:
    """Brief-like texts: headline plus the first skills of profiles the index does not hold."""
    from indexer.generate import generate_profiles

    return [
        f"{p.headline} {' '.join(s.name for s in p.skills[:3])}"
        for p in generate_profiles(n, seed=8)
    ]


def query_embeddings(n: int, out: Path = OUT) -> np.ndarray:
    path = out / f"minilm-queries-{n}-{_tag()}.npy"
    if path.exists():
        return np.load(path)
    vecs = _embed(query_texts(n))
    out.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def realistic_vectors(base: np.ndarray, n: int, seed: int = 0, mix: float = 0.5, noise: float = 0.15) -> np.ndarray:
    """``n`` unit vectors on the real data's manifold: row i is
    ``base[i % u] + mix * base[j] + noise * g`` normalised, with ``j`` random and ``g`` a
    Gaussian vector of unit expected norm. Mixing two real embeddings spreads the rows
    between real profiles (rather than stacking near-duplicates of each one)."""
    rng = np.random.default_rng(seed)
    u, d = base.shape
    out = np.empty((n, d), dtype=np.float32)
    step = 100_000
    for a in range(0, n, step):
        b = min(n, a + step)
        v = base[np.arange(a, b) % u] + mix * base[rng.integers(0, u, b - a)]
        v += rng.standard_normal((b - a, d), dtype=np.float32) * (noise / np.sqrt(d))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[a:b] = v
    return out


def random_vectors(n: int, d: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, d), dtype=np.float32)
    for a in range(0, n, 100_000):
        b = min(n, a + 100_000)
        v = rng.standard_normal((b - a, d), dtype=np.float32)
        out[a:b] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description="Embed and cache the benchmark's real vectors.")
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    print(real_embeddings(args.n).shape, query_embeddings(args.queries).shape)


if __name__ == "__main__":
    main()
