"""The OpenSearch client built from settings, and the mapping of its errors into ours.

Every call into opensearch-py goes through :func:`translate_errors`, so callers only ever see
:mod:`indexer.errors`: an unreachable cluster becomes :class:`BackendUnavailableError` with the
URL and how to start the bundled server, a missing index :class:`IndexMissingError`, a mapping
clash :class:`MappingConflictError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opensearchpy import OpenSearch
from opensearchpy import exceptions as osx

from indexer.errors import (
    BackendError,
    BackendUnavailableError,
    IndexMissingError,
    MappingConflictError,
)
from indexer.settings import IndexerSettings

#: Printed with every "cannot reach OpenSearch" error.
START_HINT = (
    "start the bundled single-node server with `scripts/opensearch.sh start`, "
    "or point TALENTMATCH_OPENSEARCH_URL at your cluster"
)

#: Error types that mean "the index layout does not fit" when creating or writing an index.
_MAPPING_ERRORS = {
    "mapper_parsing_exception",
    "illegal_argument_exception",
    "resource_already_exists_exception",
    "invalid_index_name_exception",
    "invalid_alias_name_exception",
}


def make_client(settings: IndexerSettings) -> OpenSearch:
    """An opensearch-py client for ``settings.opensearch_url`` (no request is sent yet).

    Retries are not left to the client: reads fail fast, bulk writes retry with backoff in
    :mod:`indexer.backends.opensearch.bulk`.
    """
    auth = None
    if settings.opensearch_user is not None:
        password = settings.opensearch_password.get_secret_value() if settings.opensearch_password else ""
        auth = (settings.opensearch_user, password)
    kwargs: dict[str, object] = {
        "hosts": [settings.opensearch_url],
        "http_auth": auth,
        "timeout": settings.opensearch_timeout_s,
        "max_retries": 0,
        "retry_on_timeout": False,
        "http_compress": False,
    }
    if settings.opensearch_url.startswith("https"):
        kwargs["use_ssl"] = True
        kwargs["verify_certs"] = settings.opensearch_verify_certs
        kwargs["ssl_show_warn"] = settings.opensearch_verify_certs
        if settings.opensearch_ca_certs is not None:
            kwargs["ca_certs"] = str(settings.opensearch_ca_certs)
    return OpenSearch(**kwargs)  # type: ignore[arg-type]


def error_type(exc: osx.TransportError) -> str:
    """The OpenSearch error type (``index_not_found_exception`` ...) of a failed request."""
    info = exc.info
    if isinstance(info, dict):
        err = info.get("error")
        if isinstance(err, dict):
            return str(err.get("type", ""))
    return str(exc.error or "")


def error_reason(exc: osx.TransportError) -> str:
    """The human-readable reason OpenSearch gave, else the exception text."""
    info = exc.info
    if isinstance(info, dict):
        err = info.get("error")
        if isinstance(err, dict):
            root = err.get("root_cause") or [err]
            first = root[0] if isinstance(root, list) and root else err
            if isinstance(first, dict) and first.get("reason"):
                return str(first["reason"])
            return str(err.get("reason", exc))
    return str(exc)


def unavailable(url: str, detail: object) -> BackendUnavailableError:
    """The error raised whenever the cluster cannot be reached."""
    return BackendUnavailableError(f"OpenSearch is not reachable at {url} ({detail}); {START_HINT}")


@contextmanager
def translate_errors(url: str, what: str, *, layout: bool = False) -> Iterator[None]:
    """Re-raise opensearch-py exceptions as :mod:`indexer.errors`, naming ``what`` was done.

    With ``layout`` (creating indices, aliases, mappings) argument errors are reported as
    :class:`MappingConflictError`; elsewhere only mapper errors are.
    """
    try:
        yield
    except (osx.ConnectionError, osx.ConnectionTimeout) as exc:
        raise unavailable(url, f"{what}: {type(exc).__name__} {getattr(exc, 'error', '')}".strip()) from exc
    except (osx.AuthenticationException, osx.AuthorizationException) as exc:
        raise BackendUnavailableError(
            f"OpenSearch at {url} refused the credentials while trying to {what} "
            f"({error_reason(exc)}); check TALENTMATCH_OPENSEARCH_USER / _PASSWORD"
        ) from exc
    except osx.TransportError as exc:
        kind = error_type(exc)
        if kind == "index_not_found_exception":
            raise IndexMissingError(f"OpenSearch index missing while trying to {what}: {error_reason(exc)}") from exc
        if kind == "mapper_parsing_exception" or (layout and kind in _MAPPING_ERRORS):
            raise MappingConflictError(f"OpenSearch rejected the index layout while trying to {what}: {error_reason(exc)}") from exc
        status = exc.status_code if isinstance(exc.status_code, int) else "?"
        raise BackendError(f"OpenSearch failed to {what} (HTTP {status}, {kind}): {error_reason(exc)}") from exc
