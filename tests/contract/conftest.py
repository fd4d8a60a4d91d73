"""Fixtures of the backend contract suite: every test runs against every backend.

A *store* is a place a backend keeps its index; ``store.open()`` opens it (again), so tests
can close a backend and reopen the same index to check persistence.

* ``embedded``: a fresh directory per store.
* ``opensearch``: ``tests/contract/opensearch_support.py::make_opensearch_store(name)``
  (written by the OpenSearch backend) returns a callable that opens the same index every
  time it is called (it may accept a ``dimension=`` keyword; the suite passes
  :data:`DIM` when it does). If that callable has a ``cleanup()`` method, the suite calls it
  once the store is no longer needed (to drop the index). Tests marked ``opensearch`` need
  the server started by ``scripts/opensearch.sh``.

The suite never looks inside a backend: it only uses the ``SearchBackend`` protocol.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from indexer.backends.filters import FilterValues, filter_values
from indexer.backends.protocol import IndexedProfile, SearchBackend
from indexer.profile import Profile
from tests.contract.corpus import corpus_profiles
from tests.factories import indexed, unit_vector

#: Vector dimension used by the suite (small: the contract does not depend on it).
DIM = 16

BACKENDS = [
    pytest.param("embedded", id="embedded"),
    pytest.param("opensearch", id="opensearch", marks=pytest.mark.opensearch),
]

_counter = itertools.count()


@dataclass
class Store:
    """One index location, reopenable; closes what it opened and cleans up at the end."""

    kind: str
    opener: Callable[[], SearchBackend]
    cleanup: Callable[[], None] | None = None
    opened: list[SearchBackend] = field(default_factory=list)

    def open(self) -> SearchBackend:
        backend = self.opener()
        self.opened.append(backend)
        return backend

    def close_all(self) -> None:
        for b in self.opened:
            b.close()
        self.opened.clear()

    def finish(self) -> None:
        self.close_all()
        if self.cleanup is not None:
            self.cleanup()


def make_store(kind: str, root: Path) -> Store:
    name = f"contract-{next(_counter)}"
    if kind == "embedded":
        from indexer.backends.embedded import EmbeddedBackend

        path = root / name
        return Store(kind, lambda: EmbeddedBackend.open(path, DIM))
    from tests.contract import opensearch_support  # written by the OpenSearch backend

    make = opensearch_support.make_opensearch_store
    if "dimension" in inspect.signature(make).parameters:
        opener = make(name, dimension=DIM)
    else:
        opener = make(name)
    return Store(kind, opener, getattr(opener, "cleanup", None))


@pytest.fixture(scope="module", params=BACKENDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = make_store(kind, tmp_path_factory.mktemp("stores"))
    yield s
    s.finish()


@pytest.fixture
def backend(store: Store) -> SearchBackend:
    """A fresh, empty backend."""
    return store.open()


def vec(seed: object, dim: int) -> np.ndarray:
    return unit_vector(str(seed), dim)


def doc(profile: Profile, dim: int, vector: np.ndarray | None = None) -> IndexedProfile:
    return indexed(profile, vector if vector is not None else vec(profile.id, dim), dim=dim)


@dataclass
class Corpus:
    """The loaded contract corpus and what the oracles need to know about it."""

    backend: SearchBackend
    profiles: dict[str, Profile]
    vectors: dict[str, np.ndarray]
    values: dict[str, FilterValues]

    @property
    def ids(self) -> list[str]:
        return sorted(self.profiles)


@pytest.fixture(scope="module")
def corpus(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The ~300 varied profiles of :mod:`tests.contract.corpus`, loaded once per module
    (tests using it must not write to it)."""
    s = make_store(kind, tmp_path_factory.mktemp("corpus"))
    b = s.open()
    profiles = corpus_profiles()
    docs = [doc(p, b.dimension) for p in profiles]
    for i in range(0, len(docs), 100):  # several writes, like an incremental indexer
        b.upsert(docs[i : i + 100])
    yield Corpus(
        b,
        {p.id: p for p in profiles},
        {d.id: np.asarray(d.vector, dtype=np.float32) for d in docs},
        {p.id: filter_values(p) for p in profiles},
    )
    s.finish()
