"""Native OpenSearch failures arrive as talentmatch errors with a clear message."""

from __future__ import annotations

import socket

import pytest
from opensearchpy import OpenSearch

from indexer.backends import open_backend
from indexer.backends.opensearch import OpenSearchBackend
from indexer.backends.opensearch.mapping import index_settings, mappings
from indexer.errors import (
    BackendUnavailableError,
    IndexMissingError,
    MappingConflictError,
)
from indexer.settings import BackendKind, IndexerSettings
from tests.factories import indexed, make_profile

pytestmark = pytest.mark.opensearch


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_cluster_names_url_and_hint() -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    settings = IndexerSettings(backend=BackendKind.OPENSEARCH, opensearch_url=url, opensearch_timeout_s=2)
    with pytest.raises(BackendUnavailableError) as err:
        open_backend(settings, 8)
    message = str(err.value)
    assert url in message
    assert "scripts/opensearch.sh start" in message
    assert "Traceback" not in message


def test_cli_style_settings_open_the_opensearch_backend(monkeypatch: pytest.MonkeyPatch, os_settings: IndexerSettings) -> None:
    monkeypatch.setenv("TALENTMATCH_BACKEND", "opensearch")
    monkeypatch.setenv("TALENTMATCH_OPENSEARCH_INDEX", os_settings.opensearch_index)
    backend = open_backend(IndexerSettings(), 8)
    try:
        assert isinstance(backend, OpenSearchBackend)
        assert backend.alias == os_settings.opensearch_index
        backend.upsert([indexed(make_profile("a"), dim=8)])
        assert backend.count() == 1
    finally:
        backend.close()


def test_missing_alias_without_create(os_settings: IndexerSettings) -> None:
    with pytest.raises(IndexMissingError, match=os_settings.opensearch_index):
        OpenSearchBackend.open(os_settings, 8, create=False)


def test_index_deleted_under_the_backend(os_settings: IndexerSettings, raw_client: OpenSearch) -> None:
    backend = OpenSearchBackend.open(os_settings, 8)
    try:
        physical = backend.physical_index()
        assert physical is not None
        raw_client.indices.delete(index=physical)
        with pytest.raises(IndexMissingError):
            backend.count()
    finally:
        backend.close()


def test_concrete_index_with_the_alias_name(os_settings: IndexerSettings, raw_client: OpenSearch) -> None:
    raw_client.indices.create(index=os_settings.opensearch_index, body={"mappings": {"properties": {"x": {"type": "keyword"}}}})
    try:
        with pytest.raises(MappingConflictError, match="not an alias"):
            OpenSearchBackend.open(os_settings, 8)
    finally:
        raw_client.indices.delete(index=os_settings.opensearch_index)


def test_wrong_dimension_is_a_mapping_conflict(os_settings: IndexerSettings) -> None:
    OpenSearchBackend.open(os_settings, 8).close()
    with pytest.raises(MappingConflictError, match="dimension 8, expected 16"):
        OpenSearchBackend.open(os_settings, 16)


def test_foreign_mapping_behind_the_alias(os_settings: IndexerSettings, raw_client: OpenSearch) -> None:
    name = f"{os_settings.opensearch_index}-v1"
    raw_client.indices.create(index=name, body={"mappings": {"properties": {"x": {"type": "keyword"}}}})
    raw_client.indices.put_alias(index=name, name=os_settings.opensearch_index)
    with pytest.raises(MappingConflictError, match="not created by talentmatch"):
        OpenSearchBackend.open(os_settings, 8)


def test_older_schema_version_is_a_mapping_conflict(os_settings: IndexerSettings, raw_client: OpenSearch) -> None:
    name = f"{os_settings.opensearch_index}-v1"
    body_mappings = mappings(8)
    body_mappings["_meta"]["talentmatch"]["schema_version"] = 0
    raw_client.indices.create(index=name, body={"settings": index_settings(), "mappings": body_mappings})
    raw_client.indices.put_alias(index=name, name=os_settings.opensearch_index)
    with pytest.raises(MappingConflictError, match="schema version"):
        OpenSearchBackend.open(os_settings, 8)


def test_reopen_keeps_documents(os_settings: IndexerSettings) -> None:
    backend = OpenSearchBackend.open(os_settings, 8)
    backend.upsert([indexed(make_profile(f"p{i}"), dim=8) for i in range(5)])
    backend.close()
    again = OpenSearchBackend.open(os_settings, 8, create=False)
    try:
        assert again.count() == 5
        assert sorted(again.content_hashes()) == [f"p{i}" for i in range(5)]
    finally:
        again.close()
