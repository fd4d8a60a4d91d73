"""Typed settings of the curation API, read from ``TALENTMATCH_*`` environment variables.

The API composes the indexer's settings (data directory, backend, model) instead of repeating
them, so one environment configures the whole service::

    TALENTMATCH_DATA_DIR=/srv/tm TALENTMATCH_BOOTSTRAP_ADMIN_KEY=... talentmatch serve --port 8080
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.enums import NewUserMessageReview
from indexer.settings import IndexerSettings


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TALENTMATCH_", extra="ignore", frozen=True)

    indexer: IndexerSettings = Field(default_factory=IndexerSettings)

    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the workflow store. Default: a SQLite file "
        "'<data_dir>/workflow.sqlite3' in WAL mode. 'postgresql+psycopg://...' works as well.",
    )
    bootstrap_admin_key: SecretStr | None = Field(
        default=None,
        min_length=24,
        description="An admin API key accepted without being stored; use it to create real keys.",
    )
    max_request_bytes: int = Field(default=1_048_576, ge=1024, le=64 * 1_048_576)
    contact_cap: int = Field(
        default=6, ge=1, le=100,
        description="Open self-service contacts a client may have per project at the same time.",
    )
    search_max_results: int = Field(default=50, ge=1, le=500)
    sourcing_candidates: int = Field(
        default=30, ge=1, le=500, description="Candidates a curated sourcing request snapshots."
    )
    policy_path: Path | None = Field(default=None, description="Eligibility policy TOML.")
    ranking_config_path: Path | None = Field(default=None, description="Ranking config TOML.")
    extra_wordlist_dir: Path | None = Field(
        default=None,
        description="A directory of '<lang>.txt' files whose terms are added to the built-in "
        "moderation word lists.",
    )
    new_user_moderated_messages: int = Field(
        default=3, ge=0, le=1000,
        description="How many first messages of a user (a client's contact messages, a "
        "freelancer's reasons for declining) count as a new user's messages, moderated before "
        "delivery (domain.md: 'the first messages a new user sends are moderated'). 0: none.",
    )
    new_user_message_review: NewUserMessageReview = Field(
        default=NewUserMessageReview.ALL,
        description="'all' (default; domain.md: first messages are moderated before delivery, "
        "so they may arrive late): every one of a new user's first messages waits for a "
        "moderator; 'flagged': only those the new-sender screen flags (contact details, links, "
        "messengers) wait, the others are delivered after the automatic screening.",
    )
    thread_switch_interval_ms: float = Field(
        default=1.0, gt=0, le=100,
        description="'talentmatch serve' only: how long a thread may hold Python's interpreter "
        "lock before another may take it (sys.setswitchinterval; Python's default is 5 ms). A "
        "ranking is ~10 ms of Python on a worker thread; with 5 ms, the event loop answering "
        "a cached search (well under a millisecond) waited for it in 5 ms slices.",
    )
    search_workers: int | None = Field(
        default=None, ge=0, le=64,
        description="Processes that rank new searches (api/ranking_workers.py: forked from "
        "the API process once its search stack is open, so they share an embedded index "
        "copy-on-write; on OpenSearch each opens a client of its own). A ranking is ~10 ms "
        "of Python and one process runs one at a time; workers put every core to work. "
        "0: rank in the API process. Default: one per core available to the process under "
        "'talentmatch serve', else 0 (an app built in a test).",
    )
    pin_search_workers: bool = Field(
        default=True,
        description="Run each ranking worker on its own share of the CPUs the process may use "
        "(Linux CPU affinity; with a worker per core, one core each; the API process is not "
        "pinned). Unpinned, the scheduler at times moves a busy worker or runs two on one core, "
        "and the searches queued behind wait: bench_api at 100k profiles, 32 clients, p99 "
        "median 123.5 ms pinned against 127.3 ms not (nine alternating runs each).",
    )
    search_worker_nice: int = Field(
        default=10, ge=0, le=19,
        description="How much lower the ranking workers' CPU priority is than the API "
        "process's (Unix niceness added in each worker; 0: the same). With the cores busy "
        "ranking, the API process's own work (HTTP, keys, cached searches, workflow routes, "
        "handing rankings over) then takes a core at once instead of waiting for a worker's "
        "time slice: bench_api at 100k profiles, 32 clients, GET /health alongside at 40/s: "
        "p99 10.6-14.4 ms at 0, 5.8-7.1 ms at 10; searches p99 median 130.8 ms at 0, 128.7 at "
        "10, throughput medians 313 and 305 req/s (six alternating pairs of runs). On a machine "
        "shared with other CPU-heavy work at normal priority, that work also comes first: "
        "lower it there.",
    )
    auth_cache_ttl_s: float = Field(
        default=5.0, ge=0, le=60,
        description="Seconds a key lookup stays cached in a process (0: no cache). Revoking a "
        "key, deleting an account or changing a client's sanctions acts at once in the process "
        "that did it, and within this many seconds in other processes of the same store.",
    )
    auth_cache_entries: int = Field(default=1024, ge=1, le=1_000_000,
                                    description="Most key lookups cached per process.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    def resolved_search_workers(self, *, serving: bool) -> int:
        """:attr:`search_workers`, or its default for an app that owns its process
        (``serving``) or not."""
        if self.search_workers is not None:
            return self.search_workers
        if not serving:
            return 0
        return len(os.sched_getaffinity(0))

    def resolved_database_url(self) -> str:
        """The configured URL, or the SQLite file under the data directory."""
        if self.database_url:
            return self.database_url
        path = (self.indexer.data_dir / "workflow.sqlite3").resolve()
        return f"sqlite:///{path}"
