"""Versioned physical indices behind one alias.

The alias (``settings.opensearch_index``) is what readers and writers use; the data lives in
``<alias>-v<N>``. A re-index builds ``<alias>-v<N+1>``, checks its document count, then moves
the alias in a single ``_aliases`` call (remove + add are applied atomically, so a search
always sees exactly one complete index) and finally drops the old index.
"""

from __future__ import annotations

import re
from typing import Any

from opensearchpy import OpenSearch

from indexer.backends.opensearch.client import translate_errors
from indexer.backends.opensearch.mapping import index_settings, layout_problem, mappings
from indexer.errors import IndexMissingError, MappingConflictError


def physical_name(alias: str, version: int) -> str:
    return f"{alias}-v{version}"


def _version_of(alias: str, name: str) -> int | None:
    m = re.fullmatch(re.escape(alias) + r"-v(\d+)", name)
    return int(m.group(1)) if m else None


class AliasManager:
    """Creates, inspects, swaps and drops the physical indices of one alias."""

    def __init__(self, client: OpenSearch, url: str, alias: str) -> None:
        self.client = client
        self.url = url
        self.alias = alias

    def current(self) -> str | None:
        """The physical index the alias points to, None when the alias does not exist.

        Raises :class:`MappingConflictError` when a concrete index holds the alias's name or
        the alias points to several indices.
        """
        with translate_errors(self.url, f"look up alias '{self.alias}'"):
            if not self.client.indices.exists(index=self.alias):
                return None
            if not self.client.indices.exists_alias(name=self.alias):
                raise MappingConflictError(
                    f"OpenSearch index '{self.alias}' is a concrete index, not an alias managed by "
                    f"talentmatch; delete or rename it, or set TALENTMATCH_OPENSEARCH_INDEX to another name"
                )
            targets = sorted(self.client.indices.get_alias(name=self.alias))
        if len(targets) != 1:
            raise MappingConflictError(f"alias '{self.alias}' points to {len(targets)} indices: {targets}")
        return targets[0]

    def versions(self) -> list[tuple[int, str]]:
        """Existing physical indices ``<alias>-v<N>``, oldest first."""
        with translate_errors(self.url, f"list indices of '{self.alias}'"):
            found = self.client.indices.get(index=f"{self.alias}-v*", expand_wildcards="all", ignore_unavailable=True)
        out = [(v, name) for name in found if (v := _version_of(self.alias, name)) is not None]
        return sorted(out)

    def check_layout(self, index: str, dimension: int) -> None:
        """Raise :class:`MappingConflictError` unless ``index`` has talentmatch's layout."""
        with translate_errors(self.url, f"read the mapping of '{index}'"):
            found = self.client.indices.get_mapping(index=index)
        mapping: dict[str, Any] = found[index]["mappings"]
        problem = layout_problem(mapping, dimension)
        if problem is not None:
            raise MappingConflictError(
                f"OpenSearch index '{index}' (alias '{self.alias}') does not fit: {problem}. "
                f"Re-index into a new version or use another TALENTMATCH_OPENSEARCH_INDEX"
            )

    def create_version(self, dimension: int) -> str:
        """Create the next physical index ``<alias>-v<N+1>`` (not yet behind the alias)."""
        versions = self.versions()
        name = physical_name(self.alias, (versions[-1][0] if versions else 0) + 1)
        with translate_errors(self.url, f"create index '{name}'", layout=True):
            self.client.indices.create(
                index=name, body={"settings": index_settings(), "mappings": mappings(dimension)}
            )
            self.client.cluster.health(index=name, wait_for_status="yellow")
        return name

    def point_to(self, new: str, old: str | None) -> None:
        """Move the alias from ``old`` to ``new`` in one atomic ``_aliases`` call."""
        actions: list[dict[str, Any]] = []
        if old is not None:
            actions.append({"remove": {"index": old, "alias": self.alias}})
        actions.append({"add": {"index": new, "alias": self.alias, "is_write_index": True}})
        with translate_errors(self.url, f"point alias '{self.alias}' to '{new}'", layout=True):
            self.client.indices.update_aliases(body={"actions": actions})

    def ensure(self, dimension: int, *, create: bool) -> str:
        """The physical index behind the alias, created as ``-v1`` if missing and ``create``."""
        current = self.current()
        if current is None:
            if not create:
                raise IndexMissingError(
                    f"OpenSearch alias '{self.alias}' does not exist at {self.url}; index some profiles first"
                )
            current = self.create_version(dimension)
            self.point_to(current, None)
        self.check_layout(current, dimension)
        return current

    def drop_index(self, name: str) -> None:
        with translate_errors(self.url, f"delete index '{name}'"):
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def drop_all(self) -> None:
        """Delete the alias and every physical index of it (names resolved, no wildcard delete)."""
        names = {name for _, name in self.versions()}
        current = self.current() if self._alias_exists() else None
        if current is not None:
            names.add(current)
        for name in sorted(names):
            self.drop_index(name)

    def _alias_exists(self) -> bool:
        with translate_errors(self.url, f"look up alias '{self.alias}'"):
            return bool(self.client.indices.exists_alias(name=self.alias))
