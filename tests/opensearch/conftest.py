"""Fixtures of the OpenSearch-specific tests: a unique alias per test on the real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opensearchpy import OpenSearch

from indexer.backends.opensearch.client import make_client
from indexer.settings import IndexerSettings
from tests.contract.opensearch_support import drop_indices, store_settings


@pytest.fixture
def os_settings(request: pytest.FixtureRequest) -> Iterator[IndexerSettings]:
    """Settings with an alias of its own, dropped after the test."""
    settings = store_settings(request.node.name[:40])
    yield settings
    drop_indices(settings)


@pytest.fixture
def raw_client(os_settings: IndexerSettings) -> Iterator[OpenSearch]:
    """A plain opensearch-py client on the same server (to set up broken states)."""
    client = make_client(os_settings)
    yield client
    client.close()
